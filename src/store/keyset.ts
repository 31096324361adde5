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
  /** The select list's name for it (needed when the page has an `after` join). */
  output?: string;
}

/** A cursor's values: the sort values of the row it points after. */
export type CursorValues = (string | number)[];

/** Largest page any list serves (`first` and `last`). */
export const MAX_PAGE_SIZE = 100;

/**
 * Encodes a pagination cursor: the list it belongs to (`registries`, `charts`, `versions`…) and
 * the values of the sort columns of a row. The list is part of the cursor so that a cursor of one
 * list given to another is refused, never read as a position in it.
 */
export function encodeCursor(list: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...values]), "utf8").toString("base64url");
}

/** Decodes a cursor made by encodeCursor; null when it is malformed. */
export function decodeCursor(cursor: string): { list: string; values: CursorValues } | null {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      !Array.isArray(decoded) ||
      typeof decoded[0] !== "string" ||
      !decoded.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      return null;
    }
    const [list, ...values] = decoded as [string, ...CursorValues];
    return { list, values };
  } catch {
    return null;
  }
}

/**
 * The values of `cursor` for the list `list` ordered by `keys`; null when it is not a cursor of
 * that list (another list's, wrong length, or a value that `valid` refuses).
 */
export function cursorValues(
  cursor: string,
  list: string,
  keys: readonly KeysetKey[],
  valid: (values: CursorValues) => boolean = () => true,
): CursorValues | null {
  const decoded = decodeCursor(cursor);
  return decoded &&
    decoded.list === list &&
    decoded.values.length === keys.length &&
    valid(decoded.values)
    ? decoded.values
    : null;
}

/**
 * Which part of a list a page is (Relay's connection arguments, checked): `first` items after
 * `after`, or the `last` items before `before`; both cursors bound the list, and with both
 * `first` and `last` the page is the last `last` of the first `first` (Relay's algorithm).
 */
export interface PageWindow {
  first: number | null;
  last: number | null;
  after: CursorValues | null;
  before: CursorValues | null;
}

/** True when the window pages from the end (`last` without `first`). */
export function isBackward(window: PageWindow): boolean {
  return window.first === null && window.last !== null;
}

/**
 * A window over an already sorted list (in the list's order): the rows strictly between the
 * cursors, then `first` from the start or `last` from the end, with Relay's page info.
 */
export function sliceWindow<T>(
  sorted: readonly T[],
  window: PageWindow,
  compareToCursor: (row: T, cursor: CursorValues) => number,
): { rows: T[]; hasNextPage: boolean; hasPreviousPage: boolean } {
  let rows = sorted.filter(
    (row) =>
      (!window.after || compareToCursor(row, window.after) > 0) &&
      (!window.before || compareToCursor(row, window.before) < 0),
  );
  let hasNextPage = window.before !== null && rows.length < sorted.length;
  let hasPreviousPage = window.after !== null;
  if (window.first !== null) {
    hasNextPage = rows.length > window.first;
    rows = rows.slice(0, window.first);
  }
  if (window.last !== null) {
    if (rows.length > window.last) hasPreviousPage = true;
    rows = window.last === 0 ? [] : rows.slice(-window.last);
  }
  return { rows, hasNextPage, hasPreviousPage };
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

/** The condition "before these sort values" in the order of `keys`. */
export function beforeCondition(
  keys: readonly KeysetKey[],
  values: readonly unknown[],
): { where: string; params: unknown[] } {
  return afterCondition(reversed(keys), values);
}

/** The keys in the opposite order (backward reading). */
export function reversed(keys: readonly KeysetKey[]): KeysetKey[] {
  return keys.map((k) => ({ ...k, direction: k.direction === "ASC" ? "DESC" : "ASC" }));
}

/** `ORDER BY` text for `keys`. */
export function orderBy(keys: readonly KeysetKey[]): string {
  return keys.map((k) => `${k.column} ${k.direction}`).join(", ");
}

/** The column of a page's rows that carries the list's count (removed before `map`). */
const TOTAL_COLUMN = "keyset_total";

/** A page of a list, with each row's cursor. */
export interface Page<T> {
  items: { cursor: string; node: T }[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** A list statement to page through. */
export interface KeysetQuery<TRow, TNode> {
  /** The select list (without parameters: the count's come first when it rides along). */
  select: string;
  /** The FROM clause (tables, joins), and its parameters. */
  from: string;
  fromParams?: readonly unknown[];
  /** Conditions ANDed together, and their parameters. */
  where: readonly string[];
  params: readonly unknown[];
  /** The order; the last key must be unique. */
  keys: readonly KeysetKey[];
  /** The list's name in its cursors (see `encodeCursor`). */
  list: string;
  /** The part of the list wanted (cursors decoded with `cursorValues`). */
  window: PageWindow;
  /**
   * How to count the list: a FROM clause with its parameters (the where clause is the list's),
   * or a count known already. Default: the list's own FROM.
   */
  count?: { from: string; params?: readonly unknown[] } | { known: number };
  /**
   * Count in a statement of its own, run at the same time as the page's (on PostgreSQL, on
   * another pooled connection), instead of as a subquery of the page's statement: for a count
   * that costs as much as the page (a broad full-text search), which would otherwise wait for
   * it. Default: the count rides along with the page.
   */
  separateCount?: boolean;
  /**
   * Joined to the page's rows once they are chosen (a row of each joined table per page row at
   * most), over the page as `p`: `SELECT p.*, <select> FROM (<page>) p <join>`. A join that
   * does not restrict the rows belongs here rather than in `from`: PostgreSQL then sorts and
   * limits first (a top-N sort, in parallel workers when it plans them) instead of joining every
   * match and carrying the joined columns through the sort. Every key needs its `output`.
   */
  after?: { select: string; join: string };
  /** The sort values of a row (its cursor). */
  cursorOf(row: TRow): CursorValues;
  /** The node of a row. */
  map(row: TRow): TNode;
}

/**
 * One page of a list: one statement for the rows and the count, whatever the page or its
 * position (two when the count is separate, or when the page is empty). Backward pages (`last`/`before`) read the list in reverse order, `last + 1`
 * rows, and turn them back.
 */
export async function keysetPage<TRow, TNode>(
  db: DataSource,
  query: KeysetQuery<TRow, TNode>,
): Promise<Page<TNode>> {
  const where = query.where.length ? query.where.join(" AND ") : "1 = 1";
  const { window } = query;
  const pageWhere = [...query.where];
  const pageWhereParams = [...query.params];
  for (const [values, condition] of [
    [window.after, afterCondition],
    [window.before, beforeCondition],
  ] as const) {
    if (!values) continue;
    const bound = condition(query.keys, values);
    pageWhere.push(bound.where);
    pageWhereParams.push(...bound.params);
  }
  const backward = isBackward(window);
  const limit = backward ? window.last! : window.first!;
  const known = query.count && "known" in query.count ? query.count.known : null;
  const countFrom = query.count && "from" in query.count ? query.count.from : query.from;
  const countParams = [
    ...(query.count && "from" in query.count
      ? (query.count.params ?? [])
      : (query.fromParams ?? [])),
    ...query.params,
  ];
  const countText = `SELECT COUNT(*) AS n FROM ${countFrom} WHERE ${where}`;
  const count = async () =>
    Number((await sql<{ n: number | string }>(db, countText, countParams))[0]!.n);
  // The count rides along as an uncorrelated subquery (computed once per statement on both
  // stores), so a page is one statement, unless it is known or wanted separately.
  const inline = known === null && !query.separateCount;
  const keys = backward ? reversed(query.keys) : query.keys;
  let pageText = `SELECT ${query.select}${inline ? `, (${countText}) AS ${TOTAL_COLUMN}` : ""}
      FROM ${query.from}
      WHERE ${pageWhere.length ? pageWhere.join(" AND ") : "1 = 1"}
      ORDER BY ${orderBy(keys)} LIMIT ?`;
  if (query.after) {
    const outer = keys.map((k) => {
      if (!k.output) throw new Error(`keysetPage: key ${k.column} has no output for the join`);
      return { column: `p.${k.output}`, direction: k.direction };
    });
    pageText = `SELECT p.*${query.after.select ? `, ${query.after.select}` : ""}
      FROM (${pageText}) p ${query.after.join}
      ORDER BY ${orderBy(outer)}`;
  }
  const pageParams = [
    ...(inline ? countParams : []),
    ...(query.fromParams ?? []),
    ...pageWhereParams,
    limit + 1,
  ];
  let totalCount: number;
  let rows: TRow[];
  if (known !== null) {
    totalCount = known;
    rows = await sql<TRow>(db, pageText, pageParams);
  } else if (inline) {
    const found = await sql<TRow & { [TOTAL_COLUMN]?: number | string }>(db, pageText, pageParams);
    // An empty page (past the end) carries no count: it is asked for on its own.
    totalCount = found.length > 0 ? Number(found[0]![TOTAL_COLUMN]) : await count();
    for (const row of found) delete row[TOTAL_COLUMN];
    rows = found;
  } else {
    // Two independent statements at once: a broad search waits for the slower, not for both.
    [totalCount, rows] = await Promise.all([count(), sql<TRow>(db, pageText, pageParams)]);
  }
  let page = rows.slice(0, limit);
  let hasNextPage: boolean;
  let hasPreviousPage: boolean;
  if (backward) {
    page.reverse();
    hasPreviousPage = rows.length > limit;
    hasNextPage = window.before !== null;
  } else {
    hasNextPage = rows.length > limit;
    hasPreviousPage = window.after !== null;
    if (window.last !== null) {
      if (page.length > window.last) hasPreviousPage = true;
      page = window.last === 0 ? [] : page.slice(-window.last);
    }
  }
  return {
    items: page.map((row) => ({
      cursor: encodeCursor(query.list, query.cursorOf(row)),
      node: query.map(row),
    })),
    totalCount,
    hasNextPage,
    hasPreviousPage,
  };
}
