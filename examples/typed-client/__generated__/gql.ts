/* eslint-disable */
import * as types from './graphql';
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "fragment ChartCard on Chart {\n  id\n  name\n  description\n  latestVersion {\n    id\n    version\n    appVersion\n  }\n}\n\nquery RegistryCharts($id: ID!, $first: Int, $after: String) {\n  registry(id: $id) {\n    id\n    name\n    ... on HelmRegistry {\n      indexAnnotations {\n        key\n        value\n      }\n    }\n    charts(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ChartCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    id\n    ... on Registry {\n      name\n      kind\n    }\n    ... on Chart {\n      name\n    }\n  }\n}\n\nmutation RenameHelmRegistry($id: ID!, $name: String!) {\n  updateHelmRegistry(id: $id, input: {name: $name}) {\n    id\n    name\n  }\n}": typeof types.ChartCardFragmentDoc,
};
const documents: Documents = {
    "fragment ChartCard on Chart {\n  id\n  name\n  description\n  latestVersion {\n    id\n    version\n    appVersion\n  }\n}\n\nquery RegistryCharts($id: ID!, $first: Int, $after: String) {\n  registry(id: $id) {\n    id\n    name\n    ... on HelmRegistry {\n      indexAnnotations {\n        key\n        value\n      }\n    }\n    charts(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ChartCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    id\n    ... on Registry {\n      name\n      kind\n    }\n    ... on Chart {\n      name\n    }\n  }\n}\n\nmutation RenameHelmRegistry($id: ID!, $name: String!) {\n  updateHelmRegistry(id: $id, input: {name: $name}) {\n    id\n    name\n  }\n}": types.ChartCardFragmentDoc,
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
export function graphql(source: "fragment ChartCard on Chart {\n  id\n  name\n  description\n  latestVersion {\n    id\n    version\n    appVersion\n  }\n}\n\nquery RegistryCharts($id: ID!, $first: Int, $after: String) {\n  registry(id: $id) {\n    id\n    name\n    ... on HelmRegistry {\n      indexAnnotations {\n        key\n        value\n      }\n    }\n    charts(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ChartCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    id\n    ... on Registry {\n      name\n      kind\n    }\n    ... on Chart {\n      name\n    }\n  }\n}\n\nmutation RenameHelmRegistry($id: ID!, $name: String!) {\n  updateHelmRegistry(id: $id, input: {name: $name}) {\n    id\n    name\n  }\n}"): (typeof documents)["fragment ChartCard on Chart {\n  id\n  name\n  description\n  latestVersion {\n    id\n    version\n    appVersion\n  }\n}\n\nquery RegistryCharts($id: ID!, $first: Int, $after: String) {\n  registry(id: $id) {\n    id\n    name\n    ... on HelmRegistry {\n      indexAnnotations {\n        key\n        value\n      }\n    }\n    charts(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ChartCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    id\n    ... on Registry {\n      name\n      kind\n    }\n    ... on Chart {\n      name\n    }\n  }\n}\n\nmutation RenameHelmRegistry($id: ID!, $name: String!) {\n  updateHelmRegistry(id: $id, input: {name: $name}) {\n    id\n    name\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;