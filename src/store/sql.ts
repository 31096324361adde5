import { stringify as stableStringify } from "safe-stable-stringify";
import { type DataSource, type EntityManager } from "typeorm";

type Queryable = DataSource | EntityManager;

/**
 * Runs one SQL statement written with `?` placeholders on either store: PostgreSQL wants `$n`,
 * so the placeholders are numbered there. Statements are plain, portable SQL.
 */
export async function sql<T = Record<string, unknown>>(
  db: Queryable,
  text: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const isPostgres = ("connection" in db ? db.connection : db).options.type === "postgres";
  return (await db.query(isPostgres ? numbered(text) : text, params as unknown[])) as T[];
}

/**
 * Texts already numbered for PostgreSQL: the reads send the same few texts again and again. At
 * most NUMBERED_TEXTS of them, each shorter than NUMBERED_TEXT_CHARS (bulk writes, whose texts
 * are long and rarely repeat, are numbered each time).
 */
const numberedTexts = new Map<string, string>();
const NUMBERED_TEXTS = 500;
const NUMBERED_TEXT_CHARS = 8192;

/** `?` placeholders as PostgreSQL's `$1`, `$2`, …. */
export function numbered(text: string): string {
  let query = numberedTexts.get(text);
  if (query !== undefined) return query;
  let n = 0;
  query = text.replace(/\?/g, () => `$${++n}`);
  if (text.length < NUMBERED_TEXT_CHARS) {
    if (numberedTexts.size >= NUMBERED_TEXTS) {
      numberedTexts.delete(numberedTexts.keys().next().value!);
    }
    numberedTexts.set(text, query);
  }
  return query;
}

/** `?, ?, ?` for an IN list of n values (n ≥ 1). */
export function placeholders(n: number): string {
  return new Array(n).fill("?").join(", ");
}

/** A JSON list stored as text; empty for null, empty text or anything that is not a list. */
export function jsonList<T>(text: string | null | undefined): T[] {
  if (!text) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A JSON escape of NUL that is not itself escaped (`\\u0000` is a backslash and `u0000`). */
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;

/**
 * The text of a `json text` column (see portable-types.ts): JSON with object keys sorted, so
 * that a value read back from either store (PostgreSQL's jsonb keeps its own key order) and
 * written again has the same text (the catalog writer hashes it), and NUL in strings as U+FFFD
 * (PostgreSQL's jsonb and text refuse NUL; SQLite stores the same text).
 */
export function jsonText(value: unknown): string {
  // Lists of strings (most JSON columns) have no keys to sort: the native serializer is faster.
  const text = isStringList(value) ? JSON.stringify(value) : (stableStringify(value) ?? "null");
  return text.includes("\\u0000") ? text.replace(NUL_ESCAPE, "$1\\ufffd") : text;
}

function isStringList(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== "string") return false;
  return true;
}

/** Booleans come back as 0/1 from SQLite and true/false from PostgreSQL. */
export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === "1";
}

/** Dates come back as strings from SQLite and Date objects from PostgreSQL. */
export function date(value: unknown): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  // TypeORM writes SQLite datetimes as "YYYY-MM-DD HH:MM:SS.sss" in UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

/** A Date as the store writes it: TypeORM's UTC text form on SQLite, a Date on PostgreSQL. */
export function dbDate(db: Queryable, value: Date): string | Date {
  const isPostgres = ("connection" in db ? db.connection : db).options.type === "postgres";
  return isPostgres ? value : value.toISOString().replace("T", " ").replace("Z", "");
}

/** A LIKE pattern matching `text` anywhere, its wildcards escaped (use with `ESCAPE '\\'`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
