/**
 * Failures of the store that a person can act on, named as the store's (never as a registry's):
 *
 * - STORE_FULL: the disk (or the database's size limit) is full: SQLite's SQLITE_FULL,
 *   PostgreSQL's disk_full (53100) and out-of-memory (53200) classes;
 * - STORE_BUSY: another process holds the database's write lock for longer than the busy timeout
 *   (SQLITE_BUSY, SQLITE_LOCKED; PostgreSQL lock_not_available 55P03, deadlock 40P01);
 * - STORE_UNAVAILABLE: the database cannot be opened, read or reached (SQLITE_CANTOPEN,
 *   SQLITE_IOERR, SQLITE_READONLY, SQLITE_CORRUPT, SQLITE_NOTADB; PostgreSQL connection failures
 *   (class 08), shutdown (57P01-57P03), a refused or reset socket).
 *
 * In every case the statement (or transaction) was rolled back and nothing was written.
 */

/** The store's own failure codes (sync runs' `error.code`, and GraphQL errors' `extensions.code`). */
export enum StoreErrorCode {
  STORE_FULL = "STORE_FULL",
  STORE_BUSY = "STORE_BUSY",
  STORE_UNAVAILABLE = "STORE_UNAVAILABLE",
}

/** Shown instead of the driver's text, which may carry SQL. */
export const STORE_BUSY_MESSAGE =
  "The catalog database is locked by another process; nothing was changed. Try again shortly.";

/** What each store failure says to a person (the driver's text may carry SQL and values). */
export const STORE_MESSAGES: Record<StoreErrorCode, string> = {
  STORE_FULL:
    "The catalog database is full (no space left on its disk, or its size limit reached); nothing was changed. Free space and try again.",
  STORE_BUSY: STORE_BUSY_MESSAGE,
  STORE_UNAVAILABLE:
    "The catalog database cannot be read or reached; nothing was changed. Check the store, then try again.",
};

const PG_FULL = new Set(["53100", "53200"]);
const PG_BUSY = new Set(["55P03", "40P01"]);
const PG_UNAVAILABLE = new Set(["57P01", "57P02", "57P03", "53300"]);
const NET_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND"]);

/**
 * The store failure behind `error` (TypeORM's QueryFailedError keeps the driver's error in
 * `driverError`, GraphQL errors theirs in `originalError`), or null when it is none.
 */
export function storeFault(error: unknown): StoreErrorCode | null {
  for (const { code, message, name } of causes(error)) {
    // A registry's failure (a refused connection to the registry) is never the store's.
    if (name === "RegistryError") return null;
    if (typeof code === "string") {
      if (/^SQLITE_FULL(_|$)/.test(code) || PG_FULL.has(code)) return StoreErrorCode.STORE_FULL;
      if (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code) || PG_BUSY.has(code)) {
        return StoreErrorCode.STORE_BUSY;
      }
      if (
        /^SQLITE_(CANTOPEN|IOERR|READONLY|CORRUPT|NOTADB)(_|$)/.test(code) ||
        PG_UNAVAILABLE.has(code) ||
        /^08/.test(code) ||
        NET_UNAVAILABLE.has(code)
      ) {
        return StoreErrorCode.STORE_UNAVAILABLE;
      }
    }
    if (
      typeof message === "string" &&
      /Connection terminated|connection is closed|The database connection is not open|timeout exceeded when trying to connect/i.test(
        message,
      )
    ) {
      return StoreErrorCode.STORE_UNAVAILABLE;
    }
  }
  return null;
}

/**
 * True when `error` (or what it wraps: TypeORM's QueryFailedError keeps the driver's error in
 * `driverError`, GraphQL errors in `originalError`) is SQLite refusing a write because the
 * database is locked. better-sqlite3 puts the extended result code in `code`
 * (`SQLITE_BUSY`, `SQLITE_BUSY_SNAPSHOT`, `SQLITE_LOCKED_SHAREDCACHE`…).
 */
export function isStoreBusy(error: unknown): boolean {
  return storeFault(error) === StoreErrorCode.STORE_BUSY;
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
