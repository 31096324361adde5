import { type DataSource } from "typeorm";
import { type StatementCounter } from "./statement-counter";
import { sql } from "./sql";
import { type WriteLock } from "./write-lock";

/** The statement the response cache runs before each cacheable read. */
const READ = "SELECT version FROM catalog_state WHERE id = 1";
const ADVANCE = "UPDATE catalog_state SET version = version + 1 WHERE id = 1";

/**
 * The catalog version (table `catalog_state`): a counter advanced after every completed sync
 * run and every registry change, read before every cacheable read query.
 *
 * Why this ordering keeps cached pages fresh: a writer advances the version only after its
 * change is committed, and a reader reads the version before it reads the catalog. A response
 * stored under version v was therefore computed from a catalog at least as new as v, and once a
 * change is committed and the version moves on, no request looks up v again.
 */
export interface CatalogVersion {
  /** The current version; synchronous on SQLite (a prepared statement on the open handle). */
  current(): number | Promise<number>;
  /** Advances the version (through the write lock: do not call it holding the lock). */
  advance(): Promise<void>;
}

interface SqliteHandle {
  prepare(source: string): { pluck(): { get(): unknown } };
}

/** Reads and advances the version of the store behind `dataSource`. */
export function createCatalogVersion(
  dataSource: DataSource,
  writeLock: WriteLock,
  statements: StatementCounter,
): CatalogVersion {
  const advance = async (): Promise<void> => {
    await writeLock.run(() => sql(dataSource, ADVANCE));
  };
  if (dataSource.options.type === "better-sqlite3") {
    const handle = (dataSource.driver as unknown as { databaseConnection: SqliteHandle })
      .databaseConnection;
    const read = handle.prepare(READ).pluck();
    return {
      current: () => {
        statements.record(READ);
        return Number(read.get());
      },
      advance,
    };
  }
  return {
    current: async () => {
      const [row] = await sql<{ version: string | number }>(dataSource, READ);
      return Number(row?.version ?? 0);
    },
    advance,
  };
}
