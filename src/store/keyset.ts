import { type DataSource } from "typeorm";
import { sql } from "./sql";

/**
 * Keyset ("seek") pagination, written once for every list: a page is the rows after the cursor's
 * sort values in the list's order, read with `LIMIT first + 1` (the extra row says whether there
 * is a next page), so a page costs the same at the millionth row as at the first. A cursor is the
 * sort values of a row, encoded; the last sort key is unique, so the order is total.
 */

/** One column of a list's order. */
export interface KeysetKey {
  /** A column or expression of the statement (e.g. `c.name`, or a rank expression). */
  column: string;
  direction: "ASC" | "DESC";
}

/** A cursor's values: the sort values of the row it points after. */
export type CursorValues = (string | number)[];

/** Encodes a pagination cursor (the values of the sort columns of a row). */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** Decodes a cursor made by encodeCursor; null when it is malformed. */
export function decodeCursor(cursor: string): CursorValues | null {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      !Array.isArray(values) ||
      !values.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      return null;
    }
    return values as CursorValues;
  } catch {
    return null;
  }
}

/**
 * The values of `cursor` for a list ordered by `keys`; null when it is not a cursor of such a
 * list (wrong length, or a value that `valid` refuses).
 */
export function cursorValues(
  cursor: string,
  keys: readonly KeysetKey[],
  valid: (values: CursorValues) => boolean = () => true,
): CursorValues | null {
  const values = decodeCursor(cursor);
  return values && values.length === keys.length && valid(values) ? values : null;
}

/**
 * The condition "after these sort values" in the order of `keys`, with `?` placeholders:
 * `(k1 > ?) OR (k1 = ? AND k2 > ?) OR …` (`<` for descending keys).
 */
export function afterCondition(
  keys: readonly KeysetKey[],
  values: readonly unknown[],
): { where: string; params: unknown[] } {
  const branches: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(`${keys[j].column} = ?`);
      params.push(values[j]);
    }
    parts.push(`${keys[i].column} ${keys[i].direction === "ASC" ? ">" : "<"} ?`);
    params.push(values[i]);
    branches.push(parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`);
  }
  return { where: `(${branches.join(" OR ")})`, params };
}

/** `ORDER BY` text for `keys`. */
export function orderBy(keys: readonly KeysetKey[]): string {
  return keys.map((k) => `${k.column} ${k.direction}`).join(", ");
}

/** A page of a list, with each row's cursor. */
export interface Page<T> {
  items: { cursor: string; node: T }[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** A list statement to page through. */
export interface KeysetQuery<TRow, TNode> {
  /** The select list. */
  select: string;
  /** The FROM clause (tables, joins), and its parameters. */
  from: string;
  fromParams?: readonly unknown[];
  /** Conditions ANDed together, and their parameters. */
  where: readonly string[];
  params: readonly unknown[];
  /** The order; the last key must be unique. */
  keys: readonly KeysetKey[];
  first: number;
  /** The cursor's values (see `cursorValues`); null for the first page. */
  after: CursorValues | null;
  /**
   * How to count the list: a FROM clause with its parameters (the where clause is the list's),
   * or a count known already. Default: the list's own FROM.
   */
  count?: { from: string; params?: readonly unknown[] } | { known: number };
  /** The sort values of a row (its cursor). */
  cursorOf(row: TRow): CursorValues;
  /** The node of a row. */
  map(row: TRow): TNode;
}

/**
 * One page of a list: one statement for the count and one for the rows, whatever the page or
 * its position.
 */
export async function keysetPage<TRow, TNode>(
  db: DataSource,
  query: KeysetQuery<TRow, TNode>,
): Promise<Page<TNode>> {
  const where = query.where.length ? query.where.join(" AND ") : "1 = 1";
  let totalCount: number;
  if (query.count && "known" in query.count) {
    totalCount = query.count.known;
  } else {
    const countFrom = query.count?.from ?? query.from;
    const countParams = query.count ? (query.count.params ?? []) : (query.fromParams ?? []);
    const [{ n }] = await sql<{ n: number | string }>(
      db,
      `SELECT COUNT(*) AS n FROM ${countFrom} WHERE ${where}`,
      [...countParams, ...query.params],
    );
    totalCount = Number(n);
  }
  const pageWhere = [...query.where];
  const pageParams = [...query.params];
  if (query.after) {
    const after = afterCondition(query.keys, query.after);
    pageWhere.push(after.where);
    pageParams.push(...after.params);
  }
  const rows = await sql<TRow>(
    db,
    `SELECT ${query.select} FROM ${query.from}
      WHERE ${pageWhere.length ? pageWhere.join(" AND ") : "1 = 1"}
      ORDER BY ${orderBy(query.keys)} LIMIT ?`,
    [...(query.fromParams ?? []), ...pageParams, query.first + 1],
  );
  return {
    items: rows.slice(0, query.first).map((row) => ({
      cursor: encodeCursor(query.cursorOf(row)),
      node: query.map(row),
    })),
    totalCount,
    hasNextPage: rows.length > query.first,
    hasPreviousPage: Boolean(query.after),
  };
}
