/**
 * Child process of the read-path section: builds its two catalogs.
 * - 24k: a fresh gateway syncs the generated Helm index (the sync section's) into a SQLite file.
 * - 1M: a second file where a gateway ran the migrations and added the registries (through the
 *   registry service; their endpoints serve an empty index and are never synchronized), then
 *   every registry gets a rotation of the 24k catalog's charts, copied with plain SQL
 *   (`INSERT … SELECT` from the attached 24k file), latest version ids remapped to the new rows.
 * `node read-catalog.js '<CatalogInput as JSON>'` prints one CatalogResult JSON line.
 */
// Production mode, as `npm start` runs the gateway (see src/serving/production-mode.ts).
import "../src/serving/production-mode";
import Database from "better-sqlite3";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_VIEWER } from "../src/access/viewer";
import { runChild, writeResult } from "./bench-support";
import { startBenchGateway, syncBenchRegistry } from "./gateway-harness";
import { startIndexServer } from "./index-server";
import { type CatalogFacts, type CatalogInput, type CatalogResult } from "./read-protocol";

/** startBenchGateway's file in a work directory. */
const catalogFile = (dir: string) => path.join(dir, "gateway.sqlite");

function facts(file: string): CatalogFacts {
  const db = new Database(file, { readonly: true });
  try {
    const count = (table: string) =>
      Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
    return {
      file,
      bytes: statSync(file).size,
      registries: count("registry"),
      charts: count("chart"),
      versions: count("chart_version"),
    };
  } finally {
    db.close();
  }
}

async function build24k(input: CatalogInput): Promise<CatalogResult["small"]> {
  const start = performance.now();
  const gateway = await startBenchGateway(input.dir24k);
  let status: string;
  let registryId: string;
  try {
    ({ registryId, status } = await syncBenchRegistry(gateway, input.indexEndpoint));
  } finally {
    await gateway.stop(2000);
  }
  if (status !== "SUCCEEDED") throw new Error(`the 24k sync ended ${status}`);
  return {
    ...facts(catalogFile(input.dir24k)),
    syncMs: performance.now() - start,
    status,
    registryId,
  };
}

/** Columns of a table (main or attached schema), in order. */
function columns(db: Database.Database, schema: string, table: string): string[] {
  return (db.pragma(`${schema}.table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

async function build1m(input: CatalogInput, source: string): Promise<CatalogResult["large"]> {
  // 1. A gateway creates the file (migrations) and adds the registries through its service. Adding
  //    validates the endpoint, so the endpoints serve an empty index (nothing to sync).
  const start = performance.now();
  mkdirSync(input.dir1m, { recursive: true });
  const emptyIndex = path.join(input.dir1m, "empty-index.yaml");
  writeFileSync(emptyIndex, "apiVersion: v1\nentries: {}\n");
  const empty = await startIndexServer(emptyIndex, new Date("2023-03-01T10:01:00Z"));
  const registryIds: string[] = [];
  const names: string[] = [];
  const gateway = await startBenchGateway(input.dir1m);
  try {
    for (let i = 0; i < input.registries; i++) {
      const name = `mirror-${String(i).padStart(3, "0")}`;
      const registry = await gateway.services.registries.add(DEFAULT_VIEWER, "HELM", {
        name,
        endpoint: `${empty.origin}/${name}`,
      });
      registryIds.push(registry.id);
      names.push(name);
    }
  } finally {
    await gateway.stop(2000);
    await empty.close();
  }
  const registriesMs = performance.now() - start;

  // 2. Rows copied from the 24k file.
  const copyStart = performance.now();
  const middle = Math.floor(input.registries / 2);
  const file = catalogFile(input.dir1m);
  const db = new Database(file);
  let middleCharts = 0;
  try {
    db.pragma("journal_mode = DELETE");
    db.pragma("synchronous = OFF");
    db.pragma("foreign_keys = OFF");
    db.prepare("ATTACH DATABASE ? AS src").run(source);
    const srcRegistry = (db.prepare("SELECT id FROM src.registry").get() as { id: string }).id;
    const charts = db
      .prepare("SELECT id, version_count AS n FROM src.chart ORDER BY name, id")
      .all() as { id: number; n: number }[];

    const shared = (table: string, skip: string[]) => {
      const mine = new Set(columns(db, "src", table));
      return columns(db, "main", table).filter((c) => mine.has(c) && !skip.includes(c));
    };
    const chartCols = shared("chart", ["id", "registry_id", "latest_version_id"]);
    const versionCols = shared("chart_version", ["id", "chart_id", "registry_id"]);
    const insertCharts = db.prepare(
      `INSERT INTO chart (registry_id, latest_version_id, ${chartCols.join(", ")})
       SELECT ?, NULL, ${chartCols.join(", ")} FROM src.chart
       WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name, id`,
    );
    const insertVersions = db.prepare(
      `INSERT INTO chart_version (chart_id, registry_id, ${versionCols.join(", ")})
       SELECT nc.id, ?, ${versionCols.map((c) => `v.${c}`).join(", ")}
       FROM src.chart_version v JOIN src.chart sc ON sc.id = v.chart_id
       JOIN main.chart nc ON nc.registry_id = ? AND nc.name = sc.name
       WHERE sc.id IN (SELECT value FROM json_each(?)) ORDER BY v.id`,
    );
    const remap = db.prepare(
      `UPDATE chart SET
         latest_version_id = (
           SELECT nv.id FROM src.chart sc
           JOIN src.chart_version ov ON ov.id = sc.latest_version_id
           JOIN chart_version nv ON nv.chart_id = chart.id AND nv.version = ov.version
           WHERE sc.registry_id = ? AND sc.name = chart.name),
         version_count = (SELECT COUNT(*) FROM chart_version v WHERE v.chart_id = chart.id)
       WHERE registry_id = ?`,
    );
    const synced = db.prepare(
      "UPDATE registry SET last_synced_at = (SELECT last_synced_at FROM src.registry WHERE id = ?) WHERE id = ?",
    );

    const copyAll = db.transaction(() => {
      registryIds.forEach((registryId, i) => {
        // A rotation of the charts (by name), from a different start for each registry, until
        // the registry holds about versionsPerRegistry versions.
        const picked: number[] = [];
        let versions = 0;
        const first = (i * 97) % charts.length;
        for (let k = 0; k < charts.length && versions < input.versionsPerRegistry; k++) {
          const chart = charts[(first + k) % charts.length]!;
          picked.push(chart.id);
          versions += chart.n;
        }
        const ids = JSON.stringify(picked);
        insertCharts.run(registryId, ids);
        insertVersions.run(registryId, registryId, ids);
        remap.run(srcRegistry, registryId);
        synced.run(srcRegistry, registryId);
        if (i === middle) middleCharts = picked.length;
      });
    });
    copyAll();
    // A change of the catalog, as a sync run's: advance the catalog version where there is one.
    const hasState = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'catalog_state'")
      .get();
    if (hasState) db.prepare("UPDATE catalog_state SET version = version + 1").run();
    db.prepare("DETACH DATABASE src").run();
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
  return {
    ...facts(file),
    registriesMs,
    copyMs: performance.now() - copyStart,
    middleRegistryId: registryIds[middle]!,
    middleRegistryName: names[middle]!,
    middleCharts,
  };
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? "") as CatalogInput;
  const small = await build24k(input);
  const large = await build1m(input, small.file);
  const result: CatalogResult = { small, large };
  writeResult(result);
}

runChild(main);
