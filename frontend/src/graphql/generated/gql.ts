/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AppLayout {\n    me {\n      role\n      user {\n        id\n        name\n      }\n      tenant {\n        name\n        locale\n      }\n    }\n  }\n": typeof types.AppLayoutDocument,
    "\n  query ConsoleViewer {\n    me {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.ConsoleViewerDocument,
    "\n  fragment StoreCard_store on Store {\n    code\n    name\n    province\n    city\n    budget\n    merchandiser {\n      id\n      name\n      phone\n    }\n  }\n": typeof types.StoreCard_StoreFragmentDoc,
    "\n  query HomePage {\n    me {\n      user {\n        id\n        name\n      }\n      tenant {\n        currency\n      }\n    }\n    stores(first: 20) {\n      edges {\n        node {\n          id\n          ...StoreCard_store\n        }\n      }\n    }\n  }\n": typeof types.HomePageDocument,
    "\n  query OrdersList($first: Int!, $after: String, $filter: OrderFilter) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    orders(first: $first, after: $after, filter: $filter, orderBy: NEWEST) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          number\n          status\n          totalUnits\n          totalCost\n          createdAt\n          proposedAt\n        }\n      }\n    }\n  }\n": typeof types.OrdersListDocument,
    "\n  query OrderDetail($id: ID!) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    order(id: $id) {\n      id\n      number\n      status\n      totalUnits\n      totalCost\n      totalRetail\n      note\n      createdAt\n      expiresAt\n      closeReason\n      actions\n      merchandiser {\n        id\n        name\n      }\n      shipment {\n        id\n        carrier\n        trackingNumber\n        status\n        estimatedDelivery\n        late\n      }\n      transitions {\n        fromStatus\n        toStatus\n        action\n        reason\n        at\n        actorUser {\n          id\n          name\n        }\n      }\n      lines {\n        id\n        qty\n        recommendedQty\n        lineCost\n        sku {\n          id\n          code\n          colour\n          size\n          product {\n            id\n            name\n            nameEn\n            category\n          }\n        }\n      }\n    }\n  }\n": typeof types.OrderDetailDocument,
    "\n  mutation OrderReject($input: OrderReasonInput!) {\n    orderReject(input: $input) {\n      order {\n        id\n        status\n        actions\n        closeReason\n        transitions {\n          fromStatus\n          toStatus\n          action\n          reason\n          at\n          actorUser {\n            id\n            name\n          }\n        }\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.OrderRejectDocument,
    "\n  fragment ProposalOrder on Order {\n    id\n    number\n    status\n    note\n    expiresAt\n    storeId\n    totalUnits\n    totalCost\n    actions\n    budget {\n      budget\n      spent\n      left\n    }\n    capacity {\n      displayCapacity\n      held\n      room\n      units\n    }\n    lines {\n      id\n      qty\n      recommendedQty\n      removed\n      available\n      unitCost\n      reason {\n        kind\n        mean\n        horizonDays\n        onHand\n        soldRecently\n        soldDays\n        bound\n        packSize\n        minStyleUnits\n        season {\n          category\n          peakMonth\n        }\n      }\n      sku {\n        ...ProposalSku\n      }\n    }\n  }\n": typeof types.ProposalOrderFragmentDoc,
    "\n  fragment ProposalSku on Sku {\n    id\n    code\n    colour\n    size\n    packSize\n    product {\n      id\n      code\n      name\n      nameEn\n      category\n      unitCost\n      retailPrice\n    }\n  }\n": typeof types.ProposalSkuFragmentDoc,
    "\n  query OpenProposals {\n    orders(first: 20, filter: { status: [PROPOSED, VIEWED] }, orderBy: EXPIRING) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.OpenProposalsDocument,
    "\n  query ProposalPage($id: ID!) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    order(id: $id) {\n      ...ProposalOrder\n    }\n  }\n": typeof types.ProposalPageDocument,
    "\n  mutation ProposalAdjust($input: OrderAdjustInput!) {\n    orderAdjust(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ProposalAdjustDocument,
    "\n  mutation ProposalConfirm($input: OrderIdInput!) {\n    orderConfirm(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ProposalConfirmDocument,
    "\n  mutation ProposalReject($input: OrderReasonInput!) {\n    orderReject(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ProposalRejectDocument,
    "\n  mutation ProposalView($input: OrderIdInput!) {\n    orderView(input: $input) {\n      order {\n        id\n        status\n        actions\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ProposalViewDocument,
    "\n  query CatalogueSearch($filter: SkuFilter!) {\n    skus(first: 30, filter: $filter) {\n      edges {\n        node {\n          ...ProposalSku\n        }\n      }\n    }\n  }\n": typeof types.CatalogueSearchDocument,
    "\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n": typeof types.StaffTools_ViewerFragmentDoc,
    "\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n": typeof types.StaffPageDocument,
};
const documents: Documents = {
    "\n  query AppLayout {\n    me {\n      role\n      user {\n        id\n        name\n      }\n      tenant {\n        name\n        locale\n      }\n    }\n  }\n": types.AppLayoutDocument,
    "\n  query ConsoleViewer {\n    me {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.ConsoleViewerDocument,
    "\n  fragment StoreCard_store on Store {\n    code\n    name\n    province\n    city\n    budget\n    merchandiser {\n      id\n      name\n      phone\n    }\n  }\n": types.StoreCard_StoreFragmentDoc,
    "\n  query HomePage {\n    me {\n      user {\n        id\n        name\n      }\n      tenant {\n        currency\n      }\n    }\n    stores(first: 20) {\n      edges {\n        node {\n          id\n          ...StoreCard_store\n        }\n      }\n    }\n  }\n": types.HomePageDocument,
    "\n  query OrdersList($first: Int!, $after: String, $filter: OrderFilter) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    orders(first: $first, after: $after, filter: $filter, orderBy: NEWEST) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          number\n          status\n          totalUnits\n          totalCost\n          createdAt\n          proposedAt\n        }\n      }\n    }\n  }\n": types.OrdersListDocument,
    "\n  query OrderDetail($id: ID!) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    order(id: $id) {\n      id\n      number\n      status\n      totalUnits\n      totalCost\n      totalRetail\n      note\n      createdAt\n      expiresAt\n      closeReason\n      actions\n      merchandiser {\n        id\n        name\n      }\n      shipment {\n        id\n        carrier\n        trackingNumber\n        status\n        estimatedDelivery\n        late\n      }\n      transitions {\n        fromStatus\n        toStatus\n        action\n        reason\n        at\n        actorUser {\n          id\n          name\n        }\n      }\n      lines {\n        id\n        qty\n        recommendedQty\n        lineCost\n        sku {\n          id\n          code\n          colour\n          size\n          product {\n            id\n            name\n            nameEn\n            category\n          }\n        }\n      }\n    }\n  }\n": types.OrderDetailDocument,
    "\n  mutation OrderReject($input: OrderReasonInput!) {\n    orderReject(input: $input) {\n      order {\n        id\n        status\n        actions\n        closeReason\n        transitions {\n          fromStatus\n          toStatus\n          action\n          reason\n          at\n          actorUser {\n            id\n            name\n          }\n        }\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.OrderRejectDocument,
    "\n  fragment ProposalOrder on Order {\n    id\n    number\n    status\n    note\n    expiresAt\n    storeId\n    totalUnits\n    totalCost\n    actions\n    budget {\n      budget\n      spent\n      left\n    }\n    capacity {\n      displayCapacity\n      held\n      room\n      units\n    }\n    lines {\n      id\n      qty\n      recommendedQty\n      removed\n      available\n      unitCost\n      reason {\n        kind\n        mean\n        horizonDays\n        onHand\n        soldRecently\n        soldDays\n        bound\n        packSize\n        minStyleUnits\n        season {\n          category\n          peakMonth\n        }\n      }\n      sku {\n        ...ProposalSku\n      }\n    }\n  }\n": types.ProposalOrderFragmentDoc,
    "\n  fragment ProposalSku on Sku {\n    id\n    code\n    colour\n    size\n    packSize\n    product {\n      id\n      code\n      name\n      nameEn\n      category\n      unitCost\n      retailPrice\n    }\n  }\n": types.ProposalSkuFragmentDoc,
    "\n  query OpenProposals {\n    orders(first: 20, filter: { status: [PROPOSED, VIEWED] }, orderBy: EXPIRING) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.OpenProposalsDocument,
    "\n  query ProposalPage($id: ID!) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    order(id: $id) {\n      ...ProposalOrder\n    }\n  }\n": types.ProposalPageDocument,
    "\n  mutation ProposalAdjust($input: OrderAdjustInput!) {\n    orderAdjust(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ProposalAdjustDocument,
    "\n  mutation ProposalConfirm($input: OrderIdInput!) {\n    orderConfirm(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ProposalConfirmDocument,
    "\n  mutation ProposalReject($input: OrderReasonInput!) {\n    orderReject(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ProposalRejectDocument,
    "\n  mutation ProposalView($input: OrderIdInput!) {\n    orderView(input: $input) {\n      order {\n        id\n        status\n        actions\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ProposalViewDocument,
    "\n  query CatalogueSearch($filter: SkuFilter!) {\n    skus(first: 30, filter: $filter) {\n      edges {\n        node {\n          ...ProposalSku\n        }\n      }\n    }\n  }\n": types.CatalogueSearchDocument,
    "\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n": types.StaffTools_ViewerFragmentDoc,
    "\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n": types.StaffPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppLayout {\n    me {\n      role\n      user {\n        id\n        name\n      }\n      tenant {\n        name\n        locale\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppLayout {\n    me {\n      role\n      user {\n        id\n        name\n      }\n      tenant {\n        name\n        locale\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer {\n    me {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleViewer {\n    me {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StoreCard_store on Store {\n    code\n    name\n    province\n    city\n    budget\n    merchandiser {\n      id\n      name\n      phone\n    }\n  }\n"): (typeof documents)["\n  fragment StoreCard_store on Store {\n    code\n    name\n    province\n    city\n    budget\n    merchandiser {\n      id\n      name\n      phone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomePage {\n    me {\n      user {\n        id\n        name\n      }\n      tenant {\n        currency\n      }\n    }\n    stores(first: 20) {\n      edges {\n        node {\n          id\n          ...StoreCard_store\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HomePage {\n    me {\n      user {\n        id\n        name\n      }\n      tenant {\n        currency\n      }\n    }\n    stores(first: 20) {\n      edges {\n        node {\n          id\n          ...StoreCard_store\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersList($first: Int!, $after: String, $filter: OrderFilter) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    orders(first: $first, after: $after, filter: $filter, orderBy: NEWEST) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          number\n          status\n          totalUnits\n          totalCost\n          createdAt\n          proposedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrdersList($first: Int!, $after: String, $filter: OrderFilter) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    orders(first: $first, after: $after, filter: $filter, orderBy: NEWEST) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          number\n          status\n          totalUnits\n          totalCost\n          createdAt\n          proposedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderDetail($id: ID!) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    order(id: $id) {\n      id\n      number\n      status\n      totalUnits\n      totalCost\n      totalRetail\n      note\n      createdAt\n      expiresAt\n      closeReason\n      actions\n      merchandiser {\n        id\n        name\n      }\n      shipment {\n        id\n        carrier\n        trackingNumber\n        status\n        estimatedDelivery\n        late\n      }\n      transitions {\n        fromStatus\n        toStatus\n        action\n        reason\n        at\n        actorUser {\n          id\n          name\n        }\n      }\n      lines {\n        id\n        qty\n        recommendedQty\n        lineCost\n        sku {\n          id\n          code\n          colour\n          size\n          product {\n            id\n            name\n            nameEn\n            category\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrderDetail($id: ID!) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    order(id: $id) {\n      id\n      number\n      status\n      totalUnits\n      totalCost\n      totalRetail\n      note\n      createdAt\n      expiresAt\n      closeReason\n      actions\n      merchandiser {\n        id\n        name\n      }\n      shipment {\n        id\n        carrier\n        trackingNumber\n        status\n        estimatedDelivery\n        late\n      }\n      transitions {\n        fromStatus\n        toStatus\n        action\n        reason\n        at\n        actorUser {\n          id\n          name\n        }\n      }\n      lines {\n        id\n        qty\n        recommendedQty\n        lineCost\n        sku {\n          id\n          code\n          colour\n          size\n          product {\n            id\n            name\n            nameEn\n            category\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrderReject($input: OrderReasonInput!) {\n    orderReject(input: $input) {\n      order {\n        id\n        status\n        actions\n        closeReason\n        transitions {\n          fromStatus\n          toStatus\n          action\n          reason\n          at\n          actorUser {\n            id\n            name\n          }\n        }\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OrderReject($input: OrderReasonInput!) {\n    orderReject(input: $input) {\n      order {\n        id\n        status\n        actions\n        closeReason\n        transitions {\n          fromStatus\n          toStatus\n          action\n          reason\n          at\n          actorUser {\n            id\n            name\n          }\n        }\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProposalOrder on Order {\n    id\n    number\n    status\n    note\n    expiresAt\n    storeId\n    totalUnits\n    totalCost\n    actions\n    budget {\n      budget\n      spent\n      left\n    }\n    capacity {\n      displayCapacity\n      held\n      room\n      units\n    }\n    lines {\n      id\n      qty\n      recommendedQty\n      removed\n      available\n      unitCost\n      reason {\n        kind\n        mean\n        horizonDays\n        onHand\n        soldRecently\n        soldDays\n        bound\n        packSize\n        minStyleUnits\n        season {\n          category\n          peakMonth\n        }\n      }\n      sku {\n        ...ProposalSku\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ProposalOrder on Order {\n    id\n    number\n    status\n    note\n    expiresAt\n    storeId\n    totalUnits\n    totalCost\n    actions\n    budget {\n      budget\n      spent\n      left\n    }\n    capacity {\n      displayCapacity\n      held\n      room\n      units\n    }\n    lines {\n      id\n      qty\n      recommendedQty\n      removed\n      available\n      unitCost\n      reason {\n        kind\n        mean\n        horizonDays\n        onHand\n        soldRecently\n        soldDays\n        bound\n        packSize\n        minStyleUnits\n        season {\n          category\n          peakMonth\n        }\n      }\n      sku {\n        ...ProposalSku\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProposalSku on Sku {\n    id\n    code\n    colour\n    size\n    packSize\n    product {\n      id\n      code\n      name\n      nameEn\n      category\n      unitCost\n      retailPrice\n    }\n  }\n"): (typeof documents)["\n  fragment ProposalSku on Sku {\n    id\n    code\n    colour\n    size\n    packSize\n    product {\n      id\n      code\n      name\n      nameEn\n      category\n      unitCost\n      retailPrice\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenProposals {\n    orders(first: 20, filter: { status: [PROPOSED, VIEWED] }, orderBy: EXPIRING) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpenProposals {\n    orders(first: 20, filter: { status: [PROPOSED, VIEWED] }, orderBy: EXPIRING) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProposalPage($id: ID!) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    order(id: $id) {\n      ...ProposalOrder\n    }\n  }\n"): (typeof documents)["\n  query ProposalPage($id: ID!) {\n    me {\n      tenant {\n        currency\n      }\n    }\n    order(id: $id) {\n      ...ProposalOrder\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposalAdjust($input: OrderAdjustInput!) {\n    orderAdjust(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProposalAdjust($input: OrderAdjustInput!) {\n    orderAdjust(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposalConfirm($input: OrderIdInput!) {\n    orderConfirm(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProposalConfirm($input: OrderIdInput!) {\n    orderConfirm(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposalReject($input: OrderReasonInput!) {\n    orderReject(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProposalReject($input: OrderReasonInput!) {\n    orderReject(input: $input) {\n      order {\n        ...ProposalOrder\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposalView($input: OrderIdInput!) {\n    orderView(input: $input) {\n      order {\n        id\n        status\n        actions\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProposalView($input: OrderIdInput!) {\n    orderView(input: $input) {\n      order {\n        id\n        status\n        actions\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogueSearch($filter: SkuFilter!) {\n    skus(first: 30, filter: $filter) {\n      edges {\n        node {\n          ...ProposalSku\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CatalogueSearch($filter: SkuFilter!) {\n    skus(first: 30, filter: $filter) {\n      edges {\n        node {\n          ...ProposalSku\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n"): (typeof documents)["\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;