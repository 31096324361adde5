import Database from "better-sqlite3";
import { type DataSource, type EntityManager } from "typeorm";
import { type StatementCounter } from "./statement-counter";
import { sql } from "./sql";

/** The statements the catalog writer needs, on either store. */
export interface SqlExecutor {
  all<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  run(text: string, params?: readonly unknown[]): Promise<void>;
  /** A statement prepared once and run per row (SQLite); absent where batching is better. */
  prepare?(text: string): (params: readonly unknown[]) => void;
}

/** Runs a function in one write transaction; a throw rolls everything back. */
export type CatalogTransaction = <T>(work: (tx: SqlExecutor) => Promise<T>) => Promise<T>;

/** Gives the event loop a turn (progress events, reads) between batches of a long transaction. */
export function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * PostgreSQL (and any TypeORM store): the ORM's transaction on a pooled connection. Other
 * requests use other connections and see the previous catalog until the commit (MVCC).
 */
export function ormCatalogTransaction(dataSource: DataSource): CatalogTransaction {
  return (work) =>
    dataSource.transaction((em: EntityManager) =>
      work({
        all: <T>(text: string, params: readonly unknown[] = []) => sql<T>(em, text, params),
        run: async (text, params = []) => {
          await sql(em, text, params);
        },
      }),
    );
}

/**
 * SQLite: a connection of its own for catalog writes, so that the transaction can yield between
 * batches while readers on the main connection keep seeing the committed catalog (WAL). Callers
 * hold the store's WriteLock for the whole transaction.
 */
export function sqliteCatalogTransaction(
  file: string,
  statements: StatementCounter,
): {
  transaction: CatalogTransaction;
  close(): void;
} {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const cache = new Map<string, Database.Statement>();
  const statement = (text: string) => {
    let prepared = cache.get(text);
    if (!prepared) {
      prepared = db.prepare(text);
      if (cache.size < 200) cache.set(text, prepared);
    }
    statements.record(text);
    return prepared;
  };
  const executor: SqlExecutor = {
    all: async <T>(text: string, params: readonly unknown[] = []) =>
      statement(text).all(...params) as T[],
    run: async (text, params = []) => {
      statement(text).run(...params);
    },
    prepare: (text) => {
      const prepared = db.prepare(text);
      return (params) => {
        statements.record(text);
        prepared.run(...params);
      };
    },
  };
  return {
    transaction: async (work) => {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(executor);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    },
    close: () => db.close(),
  };
}
