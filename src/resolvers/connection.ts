import { type Edge } from "../schema/connection.type";
import { type PageInfo } from "../schema/page-info.type";
import { type Page } from "../services/registry.service";

/** Turns a service page into a Relay connection, mapping each node to its GraphQL type. */
export function toConnection<TRow, TNode>(
  page: Page<TRow>,
  map: (row: TRow) => TNode,
): { totalCount: number; edges: Edge<TNode>[]; pageInfo: PageInfo } {
  return {
    totalCount: page.totalCount,
    edges: page.items.map(({ cursor, node }) => ({ cursor, node: map(node) })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.items[0]?.cursor ?? null,
      endCursor: page.items.at(-1)?.cursor ?? null,
    },
  };
}
