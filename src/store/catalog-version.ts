import { type DataSource } from "typeorm";
import { type StatementCounter } from "./statement-counter";
import { sql } from "./sql";
import { type WriteLock } from "./write-lock";

/** Fleets: the catalog version as other instances announce it (see sync/fleet.ts). */
export interface VersionFeed {
  /** True while announcements arrive (a version heard is then current). */
  readonly connected: boolean;
  on(kind: "catalogVersion", handler: (body: unknown) => void): void;
  onLost(handler: () => void): void;
  onConnected(handler: () => void): void;
}

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

/**
 * PostgreSQL: advancing announces the new version (NOTIFY, delivered at commit) on the schema's
 * channel (sync/fleet.ts: VERSION_CHANNEL and SCHEMA_TAG). With a feed
 * (the fleet connection LISTENs) the version is kept in memory: a cache hit then costs no round
 * trip, and a version another instance committed is known as soon as its notification arrives
 * (milliseconds). Without a connection, or right after it comes back (notifications may have been
 * missed), the version is read from the store.
 */
const ADVANCE_AND_ANNOUNCE = `WITH advanced AS (
    UPDATE catalog_state SET version = version + 1 WHERE id = 1 RETURNING version)
  SELECT version,
         pg_notify('gateway_catalog_version_' || substr(md5(current_schema()), 1, 12),
                   CAST(version AS text))
    FROM advanced`;

/** Reads and advances the version of the store behind `dataSource`. */
export function createCatalogVersion(
  dataSource: DataSource,
  writeLock: WriteLock,
  statements: StatementCounter,
  feed?: VersionFeed,
): CatalogVersion {
  if (dataSource.options.type === "postgres") {
    let known: number | null = null;
    const hear = (version: number) => {
      if (feed?.connected && Number.isFinite(version)) known = Math.max(known ?? 0, version);
    };
    feed?.on("catalogVersion", (body) => hear(Number(body)));
    feed?.onLost(() => (known = null));
    feed?.onConnected(() => (known = null));
    return {
      current: () => {
        if (known !== null) return known;
        return sql<{ version: string | number }>(dataSource, READ).then(([row]) => {
          const version = Number(row?.version ?? 0);
          hear(version);
          return version;
        });
      },
      advance: async () => {
        const [row] = await writeLock.run(() =>
          sql<{ version: string | number }>(dataSource, ADVANCE_AND_ANNOUNCE),
        );
        // This instance's own reads see its change at once (its notification comes later).
        if (row) hear(Number(row.version));
      },
    };
  }
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
