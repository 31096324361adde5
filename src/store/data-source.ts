import { mkdirSync } from "node:fs";
import path from "node:path";
import { DataSource, type Logger as OrmLogger, type QueryRunner } from "typeorm";
import { type DatabaseConfig } from "../config/config";
import { entities } from "../entities";
import { type Logger } from "../observability/logger";
import { migrationsFor } from "./migrations";
import {
  type CatalogTransaction,
  ormCatalogTransaction,
  sqliteCatalogTransaction,
} from "./catalog-transaction";
import { WriteLock } from "./write-lock";
import { StatementCounter } from "./statement-counter";
import { PG_CLIENT_TYPES, usePortableColumnTypes } from "./portable-types";

export { StatementCounter };

class CountingOrmLogger implements OrmLogger {
  constructor(
    private readonly counter: StatementCounter,
    private readonly logger: Logger,
  ) {}
  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.counter.record(query);
    // Parameters are never logged: they can hold registry secrets.
    if (this.logger.isLevelEnabled("trace")) this.logger.trace({ sql: query }, "sql");
  }
  logQueryError(error: string | Error, query: string): void {
    this.counter.errors++;
    this.logger.warn(
      { sql: query, err: typeof error === "string" ? error : error.message },
      "sql error",
    );
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.debug({ sql: query, ms: time }, "slow sql");
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.info({ migration: message }, "migration");
  }
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") this.logger.warn({ orm: message }, "typeorm");
  }
}

/** A store handle: the TypeORM data source plus its statement counter. */
export interface Store {
  dataSource: DataSource;
  statements: StatementCounter;
  /** Every write of this process goes through it (see WriteLock). */
  writeLock: WriteLock;
  /** The catalog writer's transaction (its own connection on SQLite). */
  catalogTransaction: CatalogTransaction;
  /**
   * Runs start-up work (seeding, re-encrypting secrets) that instances starting at once on one
   * PostgreSQL database must not do side by side: under the migrations' advisory lock. On
   * SQLite (one process) it just runs.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens the store and applies pending migrations. SQLite runs in WAL mode with a busy timeout,
 * so readers never wait for the sync writer and a second process waits instead of failing.
 */
export async function openStore(config: DatabaseConfig, logger: Logger): Promise<Store> {
  const statements = new StatementCounter();
  const ormLogger = new CountingOrmLogger(statements, logger);
  let dataSource: DataSource;
  if (config.type === "sqlite") {
    if (config.path !== ":memory:") mkdirSync(path.dirname(config.path), { recursive: true });
    dataSource = new DataSource({
      type: "better-sqlite3",
      database: config.path,
      entities,
      migrations: migrationsFor("sqlite"),
      migrationsRun: false,
      synchronize: false,
      logger: ormLogger,
      maxQueryExecutionTime: 250,
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        db.pragma("journal_mode = WAL");
        db.pragma("busy_timeout = 5000");
        db.pragma("synchronous = NORMAL");
        db.pragma("foreign_keys = ON");
      },
    });
  } else {
    dataSource = new DataSource({
      type: "postgres",
      url: withPlannerSettings(config.url),
      entities,
      migrations: migrationsFor("postgres"),
      synchronize: false,
      applicationName: "registry-catalog-gateway",
      // A server that does not answer is an error within seconds (STORE_UNAVAILABLE), not a hang.
      connectTimeoutMS: 5000,
      // jsonb is read as its text, as SQLite's `json text` columns are (see portable-types.ts).
      extra: { keepAlive: true, types: PG_CLIENT_TYPES },
      logger: ormLogger,
      maxQueryExecutionTime: 250,
    });
  }
  usePortableColumnTypes(dataSource);
  await dataSource.initialize();
  await runMigrations(dataSource);
  const writer =
    config.type === "sqlite" && config.path !== ":memory:"
      ? sqliteCatalogTransaction(config.path, statements)
      : { transaction: ormCatalogTransaction(dataSource), close: () => undefined };
  return {
    dataSource,
    statements,
    writeLock: new WriteLock(),
    catalogTransaction: writer.transaction,
    exclusive: (work) => underMigrationLock(dataSource, work),
    close: async () => {
      writer.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/**
 * PostgreSQL's planner prices a random page read at 4 sequential ones (`random_page_cost`, a
 * default written for spinning disks) and the full-text match `@@` at almost nothing. For a
 * broad search (`kube` matches a fifth of the charts) it then reads every chart row and matches
 * each tsvector (about 50 ms over 32k charts in `npm run bench`) instead of taking the matches
 * from the GIN index (about 5 ms). The gateway's sessions use 1.1, the value commonly advised for
 * SSD-class storage, unless the URL's `options` sets `random_page_cost` itself.
 */
export const PLANNER_RANDOM_PAGE_COST = "1.1";

/** The database URL with the gateway's planner settings added to its `options` parameter. */
export function withPlannerSettings(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const options = parsed.searchParams.get("options") ?? "";
  if (/random_page_cost/.test(options)) return url;
  parsed.searchParams.set(
    "options",
    `${options} -c random_page_cost=${PLANNER_RANDOM_PAGE_COST}`.trim(),
  );
  return parsed.toString();
}

/**
 * A key of PostgreSQL's advisory-lock space for this gateway's migrations: instances starting at
 * once on an empty database take turns, so the migrations run once (the second one finds them
 * applied).
 */
const MIGRATION_LOCK_KEY = 0x7265_6763; // "regc"

/** Applies pending migrations; on PostgreSQL under a session advisory lock held meanwhile. */
async function runMigrations(dataSource: DataSource): Promise<void> {
  await underMigrationLock(dataSource, async () => {
    await dataSource.runMigrations({ transaction: "each" });
  });
}

/** Runs `work` holding the migrations' advisory lock (PostgreSQL); on SQLite just runs it. */
async function underMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== "postgres") return work();
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}
