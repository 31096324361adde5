import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";

/**
 * Which store the tests run on: SQLite files by default; PostgreSQL when TEST_DATABASE_URL names
 * a server (`TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test`). On
 * PostgreSQL every test gateway gets a schema of its own (created here, dropped when the test
 * closes it), so test files and tests never see each other's rows, as with a file per gateway.
 */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url && /^postgres(ql)?:\/\//i.test(url) ? url : undefined;
}

/** True when the suite runs on PostgreSQL. */
export const onPostgres = testDatabaseUrl() !== undefined;

/** The store the suite runs on, for test names of store-specific tests. */
export const storeName = onPostgres ? "PostgreSQL" : "SQLite";

/** A PostgreSQL URL whose connections use `schema` (libpq's `options=-c search_path=…`). */
export function schemaUrl(baseUrl: string, schema: string): string {
  const url = new URL(baseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty schema on the test server; returns its name. */
export async function createTestSchema(baseUrl = testDatabaseUrl()!): Promise<string> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  await withClient(baseUrl, (c) => c.query(`CREATE SCHEMA "${schema}"`));
  return schema;
}

/** Drops a schema made by createTestSchema, with everything in it. */
export async function dropTestSchema(schema: string, baseUrl = testDatabaseUrl()!): Promise<void> {
  await withClient(baseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** Runs SQL on a test schema (e.g. to inspect what a gateway stored). */
export async function querySchema<T>(
  schema: string,
  text: string,
  params: unknown[] = [],
  baseUrl = testDatabaseUrl()!,
): Promise<T[]> {
  return withClient(schemaUrl(baseUrl, schema), async (c) => (await c.query(text, params)).rows);
}

/**
 * The DATABASE_URL of a test gateway working in `dir`: the SQLite file `gateway.sqlite` there,
 * or on PostgreSQL a schema of its own, remembered in the directory so that a gateway restarted
 * on the same directory finds the same store. `created` is true when the schema is new.
 */
export async function databaseUrlFor(
  dir: string,
): Promise<{ url: string; schema?: string; created: boolean }> {
  const base = testDatabaseUrl();
  if (!base) return { url: `sqlite:${path.join(dir, "gateway.sqlite")}`, created: false };
  const marker = path.join(dir, "pg-schema");
  if (existsSync(marker)) {
    const schema = readFileSync(marker, "utf8").trim();
    return { url: schemaUrl(base, schema), schema, created: false };
  }
  const schema = await createTestSchema(base);
  writeFileSync(marker, schema);
  return { url: schemaUrl(base, schema), schema, created: true };
}

/** Drops the PostgreSQL schema databaseUrlFor made for `dir`, if any. */
export async function releaseTestStore(dir: string): Promise<void> {
  const marker = path.join(dir, "pg-schema");
  if (testDatabaseUrl() && existsSync(marker))
    await dropTestSchema(readFileSync(marker, "utf8").trim());
}

/**
 * Runs SQL (with `?` placeholders) on the store of the test gateway working in `dir`, on a
 * connection of its own: the SQLite file, or the PostgreSQL schema. For tests that inspect or
 * tamper with what a gateway stored.
 */
export async function storeQuery<T = Record<string, unknown>>(
  dir: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const store = await databaseUrlFor(dir);
  if (store.schema) {
    let n = 0;
    return querySchema<T>(
      store.schema,
      text.replace(/\?/g, () => `$${++n}`),
      params,
    );
  }
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(path.join(dir, "gateway.sqlite"));
  try {
    const statement = db.prepare(text);
    return statement.reader ? (statement.all(...params) as T[]) : (statement.run(...params), []);
  } finally {
    db.close();
  }
}

/**
 * Everything the store of `dir` holds, as text: the SQLite file and its WAL as bytes, or every
 * row of every table of the PostgreSQL schema. For "this never reaches the store" checks.
 */
export async function storeText(dir: string): Promise<string> {
  const store = await databaseUrlFor(dir);
  if (!store.schema) {
    const file = path.join(dir, "gateway.sqlite");
    return [file, `${file}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString("latin1"))
      .join("");
  }
  const tables = await querySchema<{ name: string }>(
    store.schema,
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await querySchema<{ row: string }>(
      store.schema,
      `SELECT CAST(row_to_json(t) AS text) AS row FROM "${name}" t`,
    );
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join("\n");
}
