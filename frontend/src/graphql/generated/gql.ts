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
    "\n  fragment ComplaintCard_complaint on Complaint {\n    id\n    category\n    severity\n    status\n    description\n    dueAt\n    overdue\n    resolution\n    resolvedAt\n    closedAt\n    createdAt\n    filedByRole\n    orderId\n    assignee {\n      id\n      name\n    }\n    photos {\n      id\n      url\n      width\n      height\n    }\n  }\n": typeof types.ComplaintCard_ComplaintFragmentDoc,
    "\n  query ComplaintsPage($storeId: ID!) {\n    complaints(first: 50, filter: { storeId: $storeId }) {\n      edges {\n        node {\n          id\n          ...ComplaintCard_complaint\n        }\n      }\n    }\n  }\n": typeof types.ComplaintsPageDocument,
    "\n  query ComplaintOrders($storeId: ID!) {\n    orders(first: 30, filter: { storeId: $storeId, status: [CONFIRMED, PICKING, SHIPPED, DELIVERED] }) {\n      edges {\n        node {\n          id\n          number\n          status\n          shipment {\n            id\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n": typeof types.ComplaintOrdersDocument,
    "\n  mutation ComplaintCreate($input: ComplaintCreateInput!) {\n    complaintCreate(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ComplaintCreateDocument,
    "\n  mutation ComplaintPhotoAdd($input: ComplaintPhotoAddInput!) {\n    complaintPhotoAdd(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ComplaintPhotoAddDocument,
    "\n  mutation ComplaintClose($input: ComplaintIdInput!) {\n    complaintClose(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ComplaintCloseDocument,
    "\n  mutation ComplaintReopen($input: ComplaintReopenInput!) {\n    complaintReopen(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ComplaintReopenDocument,
    "\n  query ConsoleViewer {\n    me {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.ConsoleViewerDocument,
    "\n  fragment ShipmentCard_shipment on Shipment {\n    id\n    carrier\n    trackingNumber\n    parcels\n    status\n    shippedAt\n    estimatedDelivery\n    deliveredAt\n    late\n    exceptionReason\n    carrierDetails {\n      name\n      nameZh\n    }\n    proofOfDelivery {\n      signedBy\n      signedAt\n      photoRef\n    }\n    order {\n      id\n      number\n      status\n    }\n    trackingEvents {\n      id\n      status\n      occurredAt\n      location\n      description\n    }\n  }\n": typeof types.ShipmentCard_ShipmentFragmentDoc,
    "\n  fragment SurveyForm_survey on Survey {\n    answered\n    answeredAt\n    overall\n    pickAccuracy\n    timeliness\n    goodsQuality\n    valueForMoney\n    comment\n  }\n": typeof types.SurveyForm_SurveyFragmentDoc,
    "\n  query DeliveriesPage($storeId: ID!) {\n    shipments(first: 20, filter: { storeId: $storeId }) {\n      edges {\n        node {\n          id\n          order {\n            id\n          }\n          ...ShipmentCard_shipment\n        }\n      }\n    }\n    surveys(first: 50, filter: { storeId: $storeId, answered: true }) {\n      edges {\n        node {\n          id\n          orderId\n          overall\n        }\n      }\n    }\n  }\n": typeof types.DeliveriesPageDocument,
    "\n  query SurveyPage($number: String!) {\n    orders(first: 1, filter: { number: $number }) {\n      edges {\n        node {\n          id\n          number\n          status\n          deliveredAt\n          storeId\n          shipment {\n            id\n            carrier\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n": typeof types.SurveyPageDocument,
    "\n  query OrderSurvey($orderId: ID!) {\n    surveys(first: 1, filter: { orderId: $orderId }) {\n      edges {\n        node {\n          id\n          ...SurveyForm_survey\n        }\n      }\n    }\n  }\n": typeof types.OrderSurveyDocument,
    "\n  mutation SurveyAnswer($input: SurveyAnswerInput!) {\n    surveyAnswer(input: $input) {\n      survey {\n        id\n        ...SurveyForm_survey\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.SurveyAnswerDocument,
    "\n  fragment StoreCard_store on Store {\n    code\n    name\n    province\n    city\n    budget\n    merchandiser {\n      id\n      name\n      phone\n    }\n  }\n": typeof types.StoreCard_StoreFragmentDoc,
    "\n  query HomePage {\n    me {\n      user {\n        id\n        name\n      }\n      tenant {\n        currency\n      }\n    }\n    stores(first: 20) {\n      edges {\n        node {\n          id\n          ...StoreCard_store\n        }\n      }\n    }\n  }\n": typeof types.HomePageDocument,
    "\n  fragment MessageThread_message on Message {\n    id\n    body\n    createdAt\n    mine\n    authorRole\n    author {\n      id\n      name\n    }\n  }\n": typeof types.MessageThread_MessageFragmentDoc,
    "\n  query MessagesPage($storeId: ID!) {\n    messageThread(storeId: $storeId) {\n      id\n      unreadCount\n    }\n    messages(storeId: $storeId, first: 100) {\n      edges {\n        node {\n          id\n          ...MessageThread_message\n        }\n      }\n    }\n  }\n": typeof types.MessagesPageDocument,
    "\n  mutation MessageSend($input: MessageSendInput!) {\n    messageSend(input: $input) {\n      message {\n        id\n        ...MessageThread_message\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.MessageSendDocument,
    "\n  mutation MessageMarkRead($input: MessageMarkReadInput!) {\n    messageMarkRead(input: $input) {\n      thread {\n        id\n        unreadCount\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.MessageMarkReadDocument,
    "\n  query UnreadMessages {\n    unreadMessageCount\n  }\n": typeof types.UnreadMessagesDocument,
    "\n  fragment CustomFieldsForm_store on Store {\n    id\n    customFields {\n      key\n      label\n      type\n      required\n      choices\n      helpText\n      franchiseeEditable\n      value\n    }\n  }\n": typeof types.CustomFieldsForm_StoreFragmentDoc,
    "\n  fragment NotificationSettings_store on Store {\n    id\n    preferences {\n      preferredChannel\n      chatWebhookUrl\n      quietHours {\n        start\n        end\n      }\n    }\n  }\n": typeof types.NotificationSettings_StoreFragmentDoc,
    "\n  fragment StoreFacts_store on Store {\n    code\n    name\n    province\n    city\n    address\n    franchiseeName\n    franchiseePhone\n    franchiseeEmail\n    displayCapacity\n    merchandiser {\n      id\n      name\n      phone\n    }\n    customFields {\n      key\n      label\n      type\n      franchiseeEditable\n      value\n    }\n  }\n": typeof types.StoreFacts_StoreFragmentDoc,
    "\n  query SettingsPage($storeId: ID!) {\n    store(id: $storeId) {\n      id\n      ...StoreFacts_store\n      ...NotificationSettings_store\n      ...CustomFieldsForm_store\n    }\n  }\n": typeof types.SettingsPageDocument,
    "\n  mutation StoreSetPreferences($input: StoreSetPreferencesInput!) {\n    storeSetPreferences(input: $input) {\n      store {\n        id\n        ...NotificationSettings_store\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.StoreSetPreferencesDocument,
    "\n  mutation StoreSetCustomFields($input: StoreSetCustomFieldsInput!) {\n    storeSetCustomFields(input: $input) {\n      store {\n        id\n        ...CustomFieldsForm_store\n        ...StoreFacts_store\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.StoreSetCustomFieldsDocument,
    "\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n": typeof types.StaffTools_ViewerFragmentDoc,
    "\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n": typeof types.StaffPageDocument,
    "\n  query MyStores {\n    stores(first: 50) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.MyStoresDocument,
};
const documents: Documents = {
    "\n  query AppLayout {\n    me {\n      role\n      user {\n        id\n        name\n      }\n      tenant {\n        name\n        locale\n      }\n    }\n  }\n": types.AppLayoutDocument,
    "\n  fragment ComplaintCard_complaint on Complaint {\n    id\n    category\n    severity\n    status\n    description\n    dueAt\n    overdue\n    resolution\n    resolvedAt\n    closedAt\n    createdAt\n    filedByRole\n    orderId\n    assignee {\n      id\n      name\n    }\n    photos {\n      id\n      url\n      width\n      height\n    }\n  }\n": types.ComplaintCard_ComplaintFragmentDoc,
    "\n  query ComplaintsPage($storeId: ID!) {\n    complaints(first: 50, filter: { storeId: $storeId }) {\n      edges {\n        node {\n          id\n          ...ComplaintCard_complaint\n        }\n      }\n    }\n  }\n": types.ComplaintsPageDocument,
    "\n  query ComplaintOrders($storeId: ID!) {\n    orders(first: 30, filter: { storeId: $storeId, status: [CONFIRMED, PICKING, SHIPPED, DELIVERED] }) {\n      edges {\n        node {\n          id\n          number\n          status\n          shipment {\n            id\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n": types.ComplaintOrdersDocument,
    "\n  mutation ComplaintCreate($input: ComplaintCreateInput!) {\n    complaintCreate(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ComplaintCreateDocument,
    "\n  mutation ComplaintPhotoAdd($input: ComplaintPhotoAddInput!) {\n    complaintPhotoAdd(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ComplaintPhotoAddDocument,
    "\n  mutation ComplaintClose($input: ComplaintIdInput!) {\n    complaintClose(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ComplaintCloseDocument,
    "\n  mutation ComplaintReopen($input: ComplaintReopenInput!) {\n    complaintReopen(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ComplaintReopenDocument,
    "\n  query ConsoleViewer {\n    me {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.ConsoleViewerDocument,
    "\n  fragment ShipmentCard_shipment on Shipment {\n    id\n    carrier\n    trackingNumber\n    parcels\n    status\n    shippedAt\n    estimatedDelivery\n    deliveredAt\n    late\n    exceptionReason\n    carrierDetails {\n      name\n      nameZh\n    }\n    proofOfDelivery {\n      signedBy\n      signedAt\n      photoRef\n    }\n    order {\n      id\n      number\n      status\n    }\n    trackingEvents {\n      id\n      status\n      occurredAt\n      location\n      description\n    }\n  }\n": types.ShipmentCard_ShipmentFragmentDoc,
    "\n  fragment SurveyForm_survey on Survey {\n    answered\n    answeredAt\n    overall\n    pickAccuracy\n    timeliness\n    goodsQuality\n    valueForMoney\n    comment\n  }\n": types.SurveyForm_SurveyFragmentDoc,
    "\n  query DeliveriesPage($storeId: ID!) {\n    shipments(first: 20, filter: { storeId: $storeId }) {\n      edges {\n        node {\n          id\n          order {\n            id\n          }\n          ...ShipmentCard_shipment\n        }\n      }\n    }\n    surveys(first: 50, filter: { storeId: $storeId, answered: true }) {\n      edges {\n        node {\n          id\n          orderId\n          overall\n        }\n      }\n    }\n  }\n": types.DeliveriesPageDocument,
    "\n  query SurveyPage($number: String!) {\n    orders(first: 1, filter: { number: $number }) {\n      edges {\n        node {\n          id\n          number\n          status\n          deliveredAt\n          storeId\n          shipment {\n            id\n            carrier\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n": types.SurveyPageDocument,
    "\n  query OrderSurvey($orderId: ID!) {\n    surveys(first: 1, filter: { orderId: $orderId }) {\n      edges {\n        node {\n          id\n          ...SurveyForm_survey\n        }\n      }\n    }\n  }\n": types.OrderSurveyDocument,
    "\n  mutation SurveyAnswer($input: SurveyAnswerInput!) {\n    surveyAnswer(input: $input) {\n      survey {\n        id\n        ...SurveyForm_survey\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.SurveyAnswerDocument,
    "\n  fragment StoreCard_store on Store {\n    code\n    name\n    province\n    city\n    budget\n    merchandiser {\n      id\n      name\n      phone\n    }\n  }\n": types.StoreCard_StoreFragmentDoc,
    "\n  query HomePage {\n    me {\n      user {\n        id\n        name\n      }\n      tenant {\n        currency\n      }\n    }\n    stores(first: 20) {\n      edges {\n        node {\n          id\n          ...StoreCard_store\n        }\n      }\n    }\n  }\n": types.HomePageDocument,
    "\n  fragment MessageThread_message on Message {\n    id\n    body\n    createdAt\n    mine\n    authorRole\n    author {\n      id\n      name\n    }\n  }\n": types.MessageThread_MessageFragmentDoc,
    "\n  query MessagesPage($storeId: ID!) {\n    messageThread(storeId: $storeId) {\n      id\n      unreadCount\n    }\n    messages(storeId: $storeId, first: 100) {\n      edges {\n        node {\n          id\n          ...MessageThread_message\n        }\n      }\n    }\n  }\n": types.MessagesPageDocument,
    "\n  mutation MessageSend($input: MessageSendInput!) {\n    messageSend(input: $input) {\n      message {\n        id\n        ...MessageThread_message\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.MessageSendDocument,
    "\n  mutation MessageMarkRead($input: MessageMarkReadInput!) {\n    messageMarkRead(input: $input) {\n      thread {\n        id\n        unreadCount\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.MessageMarkReadDocument,
    "\n  query UnreadMessages {\n    unreadMessageCount\n  }\n": types.UnreadMessagesDocument,
    "\n  fragment CustomFieldsForm_store on Store {\n    id\n    customFields {\n      key\n      label\n      type\n      required\n      choices\n      helpText\n      franchiseeEditable\n      value\n    }\n  }\n": types.CustomFieldsForm_StoreFragmentDoc,
    "\n  fragment NotificationSettings_store on Store {\n    id\n    preferences {\n      preferredChannel\n      chatWebhookUrl\n      quietHours {\n        start\n        end\n      }\n    }\n  }\n": types.NotificationSettings_StoreFragmentDoc,
    "\n  fragment StoreFacts_store on Store {\n    code\n    name\n    province\n    city\n    address\n    franchiseeName\n    franchiseePhone\n    franchiseeEmail\n    displayCapacity\n    merchandiser {\n      id\n      name\n      phone\n    }\n    customFields {\n      key\n      label\n      type\n      franchiseeEditable\n      value\n    }\n  }\n": types.StoreFacts_StoreFragmentDoc,
    "\n  query SettingsPage($storeId: ID!) {\n    store(id: $storeId) {\n      id\n      ...StoreFacts_store\n      ...NotificationSettings_store\n      ...CustomFieldsForm_store\n    }\n  }\n": types.SettingsPageDocument,
    "\n  mutation StoreSetPreferences($input: StoreSetPreferencesInput!) {\n    storeSetPreferences(input: $input) {\n      store {\n        id\n        ...NotificationSettings_store\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.StoreSetPreferencesDocument,
    "\n  mutation StoreSetCustomFields($input: StoreSetCustomFieldsInput!) {\n    storeSetCustomFields(input: $input) {\n      store {\n        id\n        ...CustomFieldsForm_store\n        ...StoreFacts_store\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.StoreSetCustomFieldsDocument,
    "\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n": types.StaffTools_ViewerFragmentDoc,
    "\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n": types.StaffPageDocument,
    "\n  query MyStores {\n    stores(first: 50) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.MyStoresDocument,
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
export function graphql(source: "\n  fragment ComplaintCard_complaint on Complaint {\n    id\n    category\n    severity\n    status\n    description\n    dueAt\n    overdue\n    resolution\n    resolvedAt\n    closedAt\n    createdAt\n    filedByRole\n    orderId\n    assignee {\n      id\n      name\n    }\n    photos {\n      id\n      url\n      width\n      height\n    }\n  }\n"): (typeof documents)["\n  fragment ComplaintCard_complaint on Complaint {\n    id\n    category\n    severity\n    status\n    description\n    dueAt\n    overdue\n    resolution\n    resolvedAt\n    closedAt\n    createdAt\n    filedByRole\n    orderId\n    assignee {\n      id\n      name\n    }\n    photos {\n      id\n      url\n      width\n      height\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComplaintsPage($storeId: ID!) {\n    complaints(first: 50, filter: { storeId: $storeId }) {\n      edges {\n        node {\n          id\n          ...ComplaintCard_complaint\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ComplaintsPage($storeId: ID!) {\n    complaints(first: 50, filter: { storeId: $storeId }) {\n      edges {\n        node {\n          id\n          ...ComplaintCard_complaint\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComplaintOrders($storeId: ID!) {\n    orders(first: 30, filter: { storeId: $storeId, status: [CONFIRMED, PICKING, SHIPPED, DELIVERED] }) {\n      edges {\n        node {\n          id\n          number\n          status\n          shipment {\n            id\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ComplaintOrders($storeId: ID!) {\n    orders(first: 30, filter: { storeId: $storeId, status: [CONFIRMED, PICKING, SHIPPED, DELIVERED] }) {\n      edges {\n        node {\n          id\n          number\n          status\n          shipment {\n            id\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ComplaintCreate($input: ComplaintCreateInput!) {\n    complaintCreate(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ComplaintCreate($input: ComplaintCreateInput!) {\n    complaintCreate(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ComplaintPhotoAdd($input: ComplaintPhotoAddInput!) {\n    complaintPhotoAdd(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ComplaintPhotoAdd($input: ComplaintPhotoAddInput!) {\n    complaintPhotoAdd(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ComplaintClose($input: ComplaintIdInput!) {\n    complaintClose(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ComplaintClose($input: ComplaintIdInput!) {\n    complaintClose(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ComplaintReopen($input: ComplaintReopenInput!) {\n    complaintReopen(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ComplaintReopen($input: ComplaintReopenInput!) {\n    complaintReopen(input: $input) {\n      complaint {\n        id\n        ...ComplaintCard_complaint\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer {\n    me {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleViewer {\n    me {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ShipmentCard_shipment on Shipment {\n    id\n    carrier\n    trackingNumber\n    parcels\n    status\n    shippedAt\n    estimatedDelivery\n    deliveredAt\n    late\n    exceptionReason\n    carrierDetails {\n      name\n      nameZh\n    }\n    proofOfDelivery {\n      signedBy\n      signedAt\n      photoRef\n    }\n    order {\n      id\n      number\n      status\n    }\n    trackingEvents {\n      id\n      status\n      occurredAt\n      location\n      description\n    }\n  }\n"): (typeof documents)["\n  fragment ShipmentCard_shipment on Shipment {\n    id\n    carrier\n    trackingNumber\n    parcels\n    status\n    shippedAt\n    estimatedDelivery\n    deliveredAt\n    late\n    exceptionReason\n    carrierDetails {\n      name\n      nameZh\n    }\n    proofOfDelivery {\n      signedBy\n      signedAt\n      photoRef\n    }\n    order {\n      id\n      number\n      status\n    }\n    trackingEvents {\n      id\n      status\n      occurredAt\n      location\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SurveyForm_survey on Survey {\n    answered\n    answeredAt\n    overall\n    pickAccuracy\n    timeliness\n    goodsQuality\n    valueForMoney\n    comment\n  }\n"): (typeof documents)["\n  fragment SurveyForm_survey on Survey {\n    answered\n    answeredAt\n    overall\n    pickAccuracy\n    timeliness\n    goodsQuality\n    valueForMoney\n    comment\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeliveriesPage($storeId: ID!) {\n    shipments(first: 20, filter: { storeId: $storeId }) {\n      edges {\n        node {\n          id\n          order {\n            id\n          }\n          ...ShipmentCard_shipment\n        }\n      }\n    }\n    surveys(first: 50, filter: { storeId: $storeId, answered: true }) {\n      edges {\n        node {\n          id\n          orderId\n          overall\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeliveriesPage($storeId: ID!) {\n    shipments(first: 20, filter: { storeId: $storeId }) {\n      edges {\n        node {\n          id\n          order {\n            id\n          }\n          ...ShipmentCard_shipment\n        }\n      }\n    }\n    surveys(first: 50, filter: { storeId: $storeId, answered: true }) {\n      edges {\n        node {\n          id\n          orderId\n          overall\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SurveyPage($number: String!) {\n    orders(first: 1, filter: { number: $number }) {\n      edges {\n        node {\n          id\n          number\n          status\n          deliveredAt\n          storeId\n          shipment {\n            id\n            carrier\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SurveyPage($number: String!) {\n    orders(first: 1, filter: { number: $number }) {\n      edges {\n        node {\n          id\n          number\n          status\n          deliveredAt\n          storeId\n          shipment {\n            id\n            carrier\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderSurvey($orderId: ID!) {\n    surveys(first: 1, filter: { orderId: $orderId }) {\n      edges {\n        node {\n          id\n          ...SurveyForm_survey\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrderSurvey($orderId: ID!) {\n    surveys(first: 1, filter: { orderId: $orderId }) {\n      edges {\n        node {\n          id\n          ...SurveyForm_survey\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SurveyAnswer($input: SurveyAnswerInput!) {\n    surveyAnswer(input: $input) {\n      survey {\n        id\n        ...SurveyForm_survey\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SurveyAnswer($input: SurveyAnswerInput!) {\n    surveyAnswer(input: $input) {\n      survey {\n        id\n        ...SurveyForm_survey\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment MessageThread_message on Message {\n    id\n    body\n    createdAt\n    mine\n    authorRole\n    author {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment MessageThread_message on Message {\n    id\n    body\n    createdAt\n    mine\n    authorRole\n    author {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagesPage($storeId: ID!) {\n    messageThread(storeId: $storeId) {\n      id\n      unreadCount\n    }\n    messages(storeId: $storeId, first: 100) {\n      edges {\n        node {\n          id\n          ...MessageThread_message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessagesPage($storeId: ID!) {\n    messageThread(storeId: $storeId) {\n      id\n      unreadCount\n    }\n    messages(storeId: $storeId, first: 100) {\n      edges {\n        node {\n          id\n          ...MessageThread_message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MessageSend($input: MessageSendInput!) {\n    messageSend(input: $input) {\n      message {\n        id\n        ...MessageThread_message\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MessageSend($input: MessageSendInput!) {\n    messageSend(input: $input) {\n      message {\n        id\n        ...MessageThread_message\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MessageMarkRead($input: MessageMarkReadInput!) {\n    messageMarkRead(input: $input) {\n      thread {\n        id\n        unreadCount\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MessageMarkRead($input: MessageMarkReadInput!) {\n    messageMarkRead(input: $input) {\n      thread {\n        id\n        unreadCount\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadMessages {\n    unreadMessageCount\n  }\n"): (typeof documents)["\n  query UnreadMessages {\n    unreadMessageCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomFieldsForm_store on Store {\n    id\n    customFields {\n      key\n      label\n      type\n      required\n      choices\n      helpText\n      franchiseeEditable\n      value\n    }\n  }\n"): (typeof documents)["\n  fragment CustomFieldsForm_store on Store {\n    id\n    customFields {\n      key\n      label\n      type\n      required\n      choices\n      helpText\n      franchiseeEditable\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationSettings_store on Store {\n    id\n    preferences {\n      preferredChannel\n      chatWebhookUrl\n      quietHours {\n        start\n        end\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment NotificationSettings_store on Store {\n    id\n    preferences {\n      preferredChannel\n      chatWebhookUrl\n      quietHours {\n        start\n        end\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StoreFacts_store on Store {\n    code\n    name\n    province\n    city\n    address\n    franchiseeName\n    franchiseePhone\n    franchiseeEmail\n    displayCapacity\n    merchandiser {\n      id\n      name\n      phone\n    }\n    customFields {\n      key\n      label\n      type\n      franchiseeEditable\n      value\n    }\n  }\n"): (typeof documents)["\n  fragment StoreFacts_store on Store {\n    code\n    name\n    province\n    city\n    address\n    franchiseeName\n    franchiseePhone\n    franchiseeEmail\n    displayCapacity\n    merchandiser {\n      id\n      name\n      phone\n    }\n    customFields {\n      key\n      label\n      type\n      franchiseeEditable\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsPage($storeId: ID!) {\n    store(id: $storeId) {\n      id\n      ...StoreFacts_store\n      ...NotificationSettings_store\n      ...CustomFieldsForm_store\n    }\n  }\n"): (typeof documents)["\n  query SettingsPage($storeId: ID!) {\n    store(id: $storeId) {\n      id\n      ...StoreFacts_store\n      ...NotificationSettings_store\n      ...CustomFieldsForm_store\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StoreSetPreferences($input: StoreSetPreferencesInput!) {\n    storeSetPreferences(input: $input) {\n      store {\n        id\n        ...NotificationSettings_store\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StoreSetPreferences($input: StoreSetPreferencesInput!) {\n    storeSetPreferences(input: $input) {\n      store {\n        id\n        ...NotificationSettings_store\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StoreSetCustomFields($input: StoreSetCustomFieldsInput!) {\n    storeSetCustomFields(input: $input) {\n      store {\n        id\n        ...CustomFieldsForm_store\n        ...StoreFacts_store\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StoreSetCustomFields($input: StoreSetCustomFieldsInput!) {\n    storeSetCustomFields(input: $input) {\n      store {\n        id\n        ...CustomFieldsForm_store\n        ...StoreFacts_store\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n"): (typeof documents)["\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyStores {\n    stores(first: 50) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyStores {\n    stores(first: 50) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;