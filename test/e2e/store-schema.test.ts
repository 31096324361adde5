import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DataSource, type EntityMetadata } from "typeorm";
import { openStore, type Store } from "../../src/store/data-source";
import { createLogger } from "../../src/observability/logger";
import {
  createTestSchema,
  dropTestSchema,
  schemaUrl,
  testDatabaseUrl,
} from "../helpers/test-store";

/**
 * Every entity change needs a migration on BOTH stores. These tests migrate a real, empty SQLite
 * file and a real PostgreSQL schema and compare what the migrations built with what TypeORM
 * derives from the entities: tables, columns (type, length, nullability, primary key,
 * generation) and indexes (columns, uniqueness). Objects only migrations can declare (foreign
 * keys, SQLite's FTS5 table and triggers, PostgreSQL's search column and GIN index, the catalog
 * version table) are listed below and allowed.
 *
 * PostgreSQL also runs TypeORM's own schema diff (`createSchemaBuilder().log()`): after the
 * migrations it may only drop the migration-only objects.
 */
const MIGRATION_ONLY_TABLES = new Set([
  "catalog_state",
  "migrations",
  "typeorm_metadata",
  "sync_budget",
  "secret_key_check",
]);
const MIGRATION_ONLY_COLUMNS = new Set(["chart.search_vector"]);
const MIGRATION_ONLY_INDEXES = new Set([
  "chart.idx_chart_search",
  "sync_run.uq_sync_run_in_flight",
]);

const silent = createLogger("silent");

async function schemaDifferences(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  const differences: string[] = [];
  try {
    const names = (
      (await runner.query(
        dataSource.options.type === "postgres"
          ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
          : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )) as { name: string }[]
    ).map((row) => row.name);
    const tables = await runner.getTables(names);
    const driver = dataSource.driver;
    const byName = new Map(tables.map((t) => [t.name.replace(/^.*\./, ""), t]));
    const entityTables = new Set(dataSource.entityMetadatas.map((m) => m.tableName));
    for (const table of byName.keys()) {
      if (
        !entityTables.has(table) &&
        !MIGRATION_ONLY_TABLES.has(table) &&
        !/^chart_fts/.test(table)
      )
        differences.push(`table ${table} is not an entity`);
    }
    for (const entity of dataSource.entityMetadatas as EntityMetadata[]) {
      const table = byName.get(entity.tableName);
      if (!table) {
        differences.push(`table ${entity.tableName} is missing`);
        continue;
      }
      for (const column of entity.columns) {
        const where = `${entity.tableName}.${column.databaseName}`;
        const stored = table.columns.find((c) => c.name === column.databaseName);
        if (!stored) {
          differences.push(`column ${where} is missing`);
          continue;
        }
        const expected = {
          type: driver.normalizeType(column),
          length: column.length ? String(column.length) : "",
          nullable: column.isNullable,
          primary: column.isPrimary,
          generated: column.isGenerated,
        };
        const actual = {
          type: stored.type,
          length: stored.length ? String(stored.length) : "",
          nullable: stored.isNullable,
          primary: stored.isPrimary,
          generated: stored.isGenerated,
        };
        if (JSON.stringify(expected) !== JSON.stringify(actual))
          differences.push(
            `column ${where}: entity ${JSON.stringify(expected)}, store ${JSON.stringify(actual)}`,
          );
      }
      for (const stored of table.columns) {
        const where = `${entity.tableName}.${stored.name}`;
        if (
          !entity.columns.some((c) => c.databaseName === stored.name) &&
          !MIGRATION_ONLY_COLUMNS.has(where)
        )
          differences.push(`column ${where} is not in the entity`);
      }
      for (const index of entity.indices) {
        const stored = table.indices.find((i) => i.name === index.name);
        const columns = index.columns.map((c) => c.databaseName);
        if (!stored) {
          differences.push(`index ${entity.tableName}.${index.name} is missing`);
        } else if (index.synchronize === false) {
          // An expression index the entity only names (its migrations define it): it must exist.
        } else if (
          JSON.stringify(stored.columnNames) !== JSON.stringify(columns) ||
          Boolean(stored.isUnique) !== index.isUnique
        ) {
          differences.push(
            `index ${entity.tableName}.${index.name}: entity ${columns}${index.isUnique ? " unique" : ""}, store ${stored.columnNames}${stored.isUnique ? " unique" : ""}`,
          );
        }
      }
      for (const stored of table.indices) {
        const where = `${entity.tableName}.${stored.name}`;
        if (
          !entity.indices.some((i) => i.name === stored.name) &&
          !MIGRATION_ONLY_INDEXES.has(where)
        )
          differences.push(`index ${where} is not in the entity`);
      }
    }
  } finally {
    await runner.release();
  }
  return differences;
}

describe("store schema: the migrations build what the entities say", () => {
  it("SQLite: a migrated empty file matches the entities", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "schema-"));
    let store: Store | undefined;
    try {
      store = await openStore({ type: "sqlite", path: path.join(dir, "s.sqlite") }, silent);
      expect(await schemaDifferences(store.dataSource)).toEqual([]);
    } finally {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const pg = testDatabaseUrl();
  (pg ? describe : describe.skip)("PostgreSQL (TEST_DATABASE_URL)", () => {
    let schema: string;
    let store: Store;
    beforeAll(async () => {
      schema = await createTestSchema(pg);
      store = await openStore({ type: "postgres", url: schemaUrl(pg!, schema) }, silent);
    });
    afterAll(async () => {
      await store?.close();
      if (schema) await dropTestSchema(schema, pg);
    });

    it("PostgreSQL: a migrated empty schema matches the entities", async () => {
      expect(await schemaDifferences(store.dataSource)).toEqual([]);
    });

    it("PostgreSQL: TypeORM's schema diff after the migrations drops only migration-only objects", async () => {
      const log = await store.dataSource.driver.createSchemaBuilder().log();
      const statements = log.upQueries.map((q) => q.query);
      const allowed = [
        /^ALTER TABLE "\w+" DROP CONSTRAINT "FK_\w+"$/,
        /^DROP INDEX "[\w.]+"\."(idx_chart_search|uq_sync_run_in_flight)"$/,
        /^ALTER TABLE "chart" DROP COLUMN "search_vector"$/,
        /^DELETE FROM "typeorm_metadata" /,
      ];
      expect(statements.filter((s) => !allowed.some((a) => a.test(s)))).toEqual([]);
      // The migration-only objects are really there.
      expect(statements.filter((s) => /DROP CONSTRAINT "FK_/.test(s))).toHaveLength(3);
    });
  });
});
