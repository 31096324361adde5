/**
 * A typed client of the gateway: Apollo Client 4 with its normalized cache, and the documents
 * GraphQL Code Generator's client preset generates from `operations.graphql` and the committed
 * schema (`npm run codegen`). `client/possible-types.json` (generated from the schema as well)
 * tells the cache which types implement `Node` and `Registry`, so fragments on the interfaces
 * (`... on Registry`) match. Every object with an `id` is cached under its global id, which is
 * stable across syncs, so the default `keyFields` (`__typename` + `id`) are right.
 *
 *   const client = createCatalogClient("http://127.0.0.1:4000/graphql", token);
 *   const { data } = await client.query({ query: RegistryChartsDocument, variables: { id } });
 *   data?.registry?.charts.edges.map((edge) => edge.node.name); // typed
 */
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import possibleTypesFile from "../../client/possible-types.json";
import {
  NodeByIdDocument,
  RegistryChartsDocument,
  RenameHelmRegistryDocument,
  type ChartCardFragment,
  type RegistryChartsQuery,
} from "./__generated__/graphql";

export { NodeByIdDocument, RegistryChartsDocument, RenameHelmRegistryDocument };
export type { ChartCardFragment };

/** An Apollo Client for the gateway at `url` (its `/graphql` endpoint), as `token` if given. */
export function createCatalogClient(url: string, token?: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({
      uri: url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
    cache: new InMemoryCache({ possibleTypes: possibleTypesFile.possibleTypes }),
  });
}

/** Every chart of a registry, page by page (`first`/`after`), typed. */
export async function allCharts(
  client: ApolloClient,
  registryId: string,
  pageSize = 50,
): Promise<ChartCardFragment[]> {
  const charts: ChartCardFragment[] = [];
  let after: string | null = null;
  for (;;) {
    const result: ApolloClient.QueryResult<RegistryChartsQuery> = await client.query({
      query: RegistryChartsDocument,
      variables: { id: registryId, first: pageSize, after },
    });
    const page = result.data?.registry?.charts;
    if (!page) return charts;
    charts.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return charts;
    after = page.pageInfo.endCursor ?? null;
  }
}
