import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { ChartEntity, ChartVersionEntity } from "../../../src/entities";
import { createLogger } from "../../../src/observability/logger";
import {
  ALL_CHART_COLUMNS,
  ALL_VERSION_COLUMNS,
  CHART_FIELD_COLUMNS,
  VERSION_FIELD_COLUMNS,
} from "../../../src/services/catalog/catalog-rows";
import { openStore, type Store } from "../../../src/store/data-source";
import { VERSION_COLUMNS as WRITTEN_VERSION_COLUMNS } from "../../../src/sync/catalog-writer";

/**
 * The entities are the one definition of the catalog's tables. The migrations (run on a real
 * SQLite file), the catalog writer's column list and the catalog reads' column lists must agree
 * with them: this test fails as soon as one of them drifts.
 */
let dir: string;
let store: Store;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "columns-"));
  file = path.join(dir, "catalog.sqlite");
  store = await openStore({ type: "sqlite", path: file }, createLogger("silent"));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function entityColumns(entity: typeof ChartEntity | typeof ChartVersionEntity): string[] {
  return store.dataSource
    .getMetadata(entity)
    .columns.map((column) => column.databaseName)
    .sort();
}

function migratedColumns(table: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[])
      .map((column) => column.name)
      .filter((name) => !name.startsWith("search_"))
      .sort();
  } finally {
    db.close();
  }
}

describe("the catalog's columns", () => {
  it("are the same in the migrated store as in the entities", () => {
    expect(migratedColumns("chart_version")).toEqual(entityColumns(ChartVersionEntity));
    expect(migratedColumns("chart")).toEqual(entityColumns(ChartEntity));
  });

  it("written by the catalog writer are every chart_version column but the generated id", () => {
    expect([...WRITTEN_VERSION_COLUMNS].sort()).toEqual(
      entityColumns(ChartVersionEntity).filter((column) => column !== "id"),
    );
  });

  it("read by the catalog are columns of the tables, and every field reads only those", () => {
    const versionColumns = entityColumns(ChartVersionEntity);
    const chartColumns = entityColumns(ChartEntity);
    expect(versionColumns).toEqual(expect.arrayContaining(ALL_VERSION_COLUMNS));
    expect(chartColumns).toEqual(expect.arrayContaining(ALL_CHART_COLUMNS));
    for (const columns of Object.values(VERSION_FIELD_COLUMNS)) {
      expect(ALL_VERSION_COLUMNS).toEqual(expect.arrayContaining([...columns]));
    }
    for (const columns of Object.values(CHART_FIELD_COLUMNS)) {
      expect(ALL_CHART_COLUMNS).toEqual(expect.arrayContaining([...columns]));
    }
  });
});
