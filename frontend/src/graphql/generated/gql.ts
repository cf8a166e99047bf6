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
    "\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n": typeof types.StaffTools_ViewerFragmentDoc,
    "\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n": typeof types.StaffPageDocument,
};
const documents: Documents = {
    "\n  query AppLayout {\n    me {\n      role\n      user {\n        id\n        name\n      }\n      tenant {\n        name\n        locale\n      }\n    }\n  }\n": types.AppLayoutDocument,
    "\n  query ConsoleViewer {\n    me {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.ConsoleViewerDocument,
    "\n  fragment StoreCard_store on Store {\n    code\n    name\n    province\n    city\n    budget\n    merchandiser {\n      id\n      name\n      phone\n    }\n  }\n": types.StoreCard_StoreFragmentDoc,
    "\n  query HomePage {\n    me {\n      user {\n        id\n        name\n      }\n      tenant {\n        currency\n      }\n    }\n    stores(first: 20) {\n      edges {\n        node {\n          id\n          ...StoreCard_store\n        }\n      }\n    }\n  }\n": types.HomePageDocument,
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
export function graphql(source: "\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment StaffTools_viewer on Viewer {\n    role\n    tenant {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n"): (typeof documents)["\n  query StaffPage {\n    me {\n      ...StaffTools_viewer\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;