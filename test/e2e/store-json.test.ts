import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DataSource } from "typeorm";
import { RegistryEntity, SyncRunEntity } from "../../src/entities";
import { createLogger } from "../../src/observability/logger";
import { openStore, type Store } from "../../src/store/data-source";
import { postgresMigrations } from "../../src/store/migrations";
import { JSON_COLUMNS } from "../../src/store/migrations/postgres/1733270400000-json-columns";
import { JSON_TEXT } from "../../src/store/portable-types";
import { jsonText, sql } from "../../src/store/sql";
import {
  createTestSchema,
  dropTestSchema,
  querySchema,
  schemaUrl,
  testDatabaseUrl,
} from "../helpers/test-store";

/**
 * JSON columns (the entities' portable `json text`): `text` on SQLite, `jsonb` on PostgreSQL,
 * the same JSON values written and read on both, through entities and raw SQL alike.
 */
const silent = createLogger("silent");
const pg = testDatabaseUrl();

/** What the tests store: keys out of order, a non-ASCII string, a NUL, nesting. */
const INDEX_INFO = {
  serverInfo: { zeta: "z", contextPath: "/v1/helm" },
  annotations: { "helm.sh/b": "β two", "helm.sh/a": "one\u0000nul" },
};

async function storeRoundTrip(store: Store): Promise<void> {
  const registries = store.dataSource.getRepository(RegistryEntity);
  await registries.insert({
    id: "r-json",
    tenantId: "t1",
    scope: "TENANT",
    name: "json",
    kind: "OCI",
    endpoint: "https://oci.example.test",
    ociBaseContentPaths: jsonText(["charts", "more/charts"]),
    ociRepositories: jsonText([]),
    indexInfo: jsonText(INDEX_INFO),
  });
  const expected = {
    ...INDEX_INFO,
    annotations: { ...INDEX_INFO.annotations, "helm.sh/a": "one\ufffdnul" },
  };
  const entity = await registries.findOneByOrFail({ id: "r-json" });
  expect(typeof entity.indexInfo).toBe("string");
  expect(JSON.parse(entity.indexInfo!)).toEqual(expected);
  expect(JSON.parse(entity.ociBaseContentPaths)).toEqual(["charts", "more/charts"]);
  // Raw SQL reads the same values, as text.
  const [row] = await sql<{ index_info: string; oci_repositories: string }>(
    store.dataSource,
    "SELECT index_info, oci_repositories FROM registry WHERE id = ?",
    ["r-json"],
  );
  expect(typeof row.index_info).toBe("string");
  expect(JSON.parse(row.index_info)).toEqual(expected);
  expect(JSON.parse(row.oci_repositories)).toEqual([]);
  // Read back and written again, the text is the same (the catalog writer hashes it).
  expect(jsonText(JSON.parse(row.index_info))).toBe(jsonText(expected));
  // Raw SQL writes the text as it is; a column's default is an empty list.
  await sql(store.dataSource, "UPDATE registry SET oci_repositories = ? WHERE id = ?", [
    jsonText(["x/y"]),
    "r-json",
  ]);
  const runs = store.dataSource.getRepository(SyncRunEntity);
  await runs.insert({
    id: "run-json",
    registryId: "r-json",
    status: "SUCCEEDED",
    phase: "DONE",
    trigger: "MANUAL",
    queuedAt: new Date(),
  });
  const run = await runs.findOneByOrFail({ id: "run-json" });
  expect(JSON.parse(run.warnings)).toEqual([]);
  expect(JSON.parse((await registries.findOneByOrFail({ id: "r-json" })).ociRepositories)).toEqual([
    "x/y",
  ]);
}

describe("JSON columns", () => {
  it("jsonText sorts object keys at every depth and writes NUL as U+FFFD", () => {
    expect(jsonText({ b: 1, a: [{ d: 1, c: "x\u0000" }] })).toBe(
      '{"a":[{"c":"x\\ufffd","d":1}],"b":1}',
    );
    // A backslash followed by "u0000" is not a NUL.
    expect(JSON.parse(jsonText(["\\u0000", "\\\u0000"]))).toEqual(["\\u0000", "\\\ufffd"]);
  });

  it("SQLite: JSON columns are text; entities and raw SQL read what they wrote", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "json-"));
    const store = await openStore({ type: "sqlite", path: path.join(dir, "s.sqlite") }, silent);
    try {
      await storeRoundTrip(store);
      const columns = await sql<{ type: string }>(
        store.dataSource,
        "SELECT LOWER(type) AS type FROM pragma_table_info('chart_version') WHERE name = 'annotations'",
      );
      expect(columns).toEqual([{ type: "text" }]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  (pg ? describe : describe.skip)("PostgreSQL (TEST_DATABASE_URL)", () => {
    const schemas: string[] = [];
    afterAll(async () => {
      for (const schema of schemas) await dropTestSchema(schema, pg);
    });

    it("PostgreSQL: JSON columns are jsonb; entities and raw SQL read what they wrote", async () => {
      const schema = await createTestSchema(pg);
      schemas.push(schema);
      const store = await openStore({ type: "postgres", url: schemaUrl(pg!, schema) }, silent);
      try {
        await storeRoundTrip(store);
        const types = await sql<{ table_name: string; column_name: string; data_type: string }>(
          store.dataSource,
          `SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND data_type IN ('jsonb', 'json')`,
        );
        // Every column an entity declares as JSON_TEXT, and no other, is jsonb.
        const declared = store.dataSource.entityMetadatas.flatMap((entity) =>
          entity.columns
            .filter((column) => column.type === JSON_TEXT)
            .map((column) => `${entity.tableName}.${column.databaseName} jsonb`),
        );
        expect(declared).toEqual(
          expect.arrayContaining(JSON_COLUMNS.map((c) => `${c.table}.${c.column} jsonb`)),
        );
        expect(types.map((t) => `${t.table_name}.${t.column_name} ${t.data_type}`).sort()).toEqual(
          declared.sort(),
        );
        // The server refuses what is not JSON.
        await expect(
          sql(store.dataSource, "UPDATE registry SET oci_repositories = ? WHERE id = ?", [
            "[not json",
            "r-json",
          ]),
        ).rejects.toThrow(/json/i);
      } finally {
        await store.close();
      }
    });

    it("PostgreSQL: the migration turns stored JSON text into jsonb, NUL escapes as U+FFFD, and search still finds keywords", async () => {
      const schema = await createTestSchema(pg);
      schemas.push(schema);
      const url = schemaUrl(pg!, schema);
      // The schema as the migrations before this one left it, with rows in it.
      const before = new DataSource({
        type: "postgres",
        url,
        migrations: postgresMigrations.filter((m) => !/^JsonColumns/.test(m.name)),
      });
      await before.initialize();
      try {
        await before.runMigrations();
      } finally {
        await before.destroy();
      }
      await querySchema(
        schema,
        `INSERT INTO registry (id, scope, name, kind, endpoint, index_info)
         VALUES ('r1', 'SYSTEM', 'old', 'HELM', 'https://h.example.test', $1)`,
        ['{"annotations": {"k": "a\\u0000b \\\\u0000"}}'],
        pg,
      );
      await querySchema(
        schema,
        `INSERT INTO chart (registry_id, name, keywords, created_at, updated_at)
         VALUES ('r1', 'demo', '["zebrafish", "ops"]', now(), now())`,
        [],
        pg,
      );
      const store = await openStore({ type: "postgres", url }, silent);
      try {
        const [registry] = await sql<{ index_info: string }>(
          store.dataSource,
          "SELECT index_info FROM registry WHERE id = 'r1'",
        );
        expect(JSON.parse(registry.index_info)).toEqual({
          annotations: { k: "a\ufffdb \\u0000" },
        });
        const [chart] = await sql<{ keywords: string; hits: number }>(
          store.dataSource,
          `SELECT keywords, (SELECT COUNT(*) FROM chart c
                              WHERE c.search_vector @@ to_tsquery('catalog_search', 'zebrafish'))
                            AS hits FROM chart WHERE name = 'demo'`,
        );
        expect(JSON.parse(chart.keywords)).toEqual(["zebrafish", "ops"]);
        expect(Number(chart.hits)).toBe(1);
        // The default of a JSON column is an empty list (jsonb).
        await querySchema(
          schema,
          `INSERT INTO chart (registry_id, name, created_at, updated_at)
           VALUES ('r1', 'bare', now(), now())`,
          [],
          pg,
        );
        const [bare] = await sql<{ keywords: string; cloud_types: string }>(
          store.dataSource,
          "SELECT keywords, cloud_types FROM chart WHERE name = 'bare'",
        );
        expect([JSON.parse(bare.keywords), JSON.parse(bare.cloud_types)]).toEqual([[], []]);
      } finally {
        await store.close();
      }
    });
  });
});
