/**
 * Failures of the store that a person can act on. SQLite answers SQLITE_BUSY (or SQLITE_LOCKED)
 * when another process holds the database's write lock for longer than the busy timeout; the
 * statement (or transaction) was rolled back and nothing was written.
 */

/** Shown instead of the driver's text, which may carry SQL. */
export const STORE_BUSY_MESSAGE =
  "The catalog database is locked by another process; nothing was changed. Try again shortly.";

/**
 * True when `error` (or what it wraps: TypeORM's QueryFailedError keeps the driver's error in
 * `driverError`, GraphQL errors in `originalError`) is SQLite refusing a write because the
 * database is locked. better-sqlite3 puts the extended result code in `code`
 * (`SQLITE_BUSY`, `SQLITE_BUSY_SNAPSHOT`, `SQLITE_LOCKED_SHAREDCACHE`…).
 */
export function isStoreBusy(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, driverError, originalError, cause } = current as Record<string, unknown>;
    if (typeof code === "string" && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) return true;
    current = driverError ?? originalError ?? cause;
  }
  return false;
}

/** The driver's error behind `error` (TypeORM, GraphQL and `cause` wrappers unwrapped), each level. */
function* causes(error: unknown): Generator<Record<string, unknown>> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const record = current as Record<string, unknown>;
    yield record;
    current = record["driverError"] ?? record["originalError"] ?? record["cause"];
  }
}

/**
 * True when `error` is the store refusing a write that would break the unique index `index`:
 * SQLite's SQLITE_CONSTRAINT_UNIQUE naming the index, or PostgreSQL's 23505 naming it.
 */
export function isUniqueViolation(error: unknown, index: string): boolean {
  for (const { code, message, constraint } of causes(error)) {
    if (code === "23505" && constraint === index) return true;
    if (
      typeof code === "string" &&
      code.startsWith("SQLITE_CONSTRAINT") &&
      typeof message === "string" &&
      message.includes(index)
    ) {
      return true;
    }
  }
  return false;
}
