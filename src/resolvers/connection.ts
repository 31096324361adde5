import { type Edge } from "../schema/connection.type";
import { type PageInfo } from "../schema/page-info.type";
import { encodeCursor } from "../store/keyset";
import { type Page } from "../store/keyset";

/**
 * An edge whose cursor is encoded only when a client selects it: a page of 50 charts with 5
 * versions each has 300 cursors, which most clients never read.
 */
export class LazyEdge<TNode> implements Edge<TNode> {
  constructor(
    readonly node: TNode,
    private readonly list: string,
    private readonly sortValues: readonly (string | number)[],
  ) {}

  get cursor(): string {
    return encodeCursor(this.list, this.sortValues);
  }
}

/** Page info whose cursors are encoded only when selected (see LazyEdge). */
export class LazyPageInfo implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly edges: readonly Edge<unknown>[],
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges.at(-1)?.cursor ?? null;
  }
}

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
