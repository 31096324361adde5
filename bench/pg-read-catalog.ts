/**
 * Child process of the PostgreSQL read measures (pg-read-section.ts): builds one catalog in the
 * schema of `databaseUrl`, as read-catalog.ts builds its two SQLite files:
 * - a gateway syncs the generated Helm index (24k versions) into registry `bench`;
 * - it adds `registries` mirrors (empty index endpoints, never synchronized), and every mirror
 *   gets a rotation of bench's charts up to about `versionsPerRegistry` versions, copied with
 *   `INSERT … SELECT` in the schema, latest version ids remapped: about 1M versions in all.
 * `node pg-read-catalog.js '<PgCatalogInput as JSON>'` prints one PgCatalogResult JSON line.
 */
import "../src/serving/production-mode";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { DEFAULT_VIEWER } from "../src/access/viewer";
import { runChild, writeResult } from "./bench-support";
import { startBenchGateway, syncBenchRegistry } from "./gateway-harness";
import { startIndexServer } from "./index-server";

export interface PgCatalogInput {
  indexEndpoint: string;
  workDir: string;
  databaseUrl: string;
  registries: number;
  versionsPerRegistry: number;
}

export interface PgCatalogResult {
  registryId: string;
  middleRegistryId: string;
  registries: number;
  charts: number;
  versions: number;
  syncMs: number;
  copyMs: number;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? "") as PgCatalogInput;
  mkdirSync(input.workDir, { recursive: true });
  const emptyIndex = path.join(input.workDir, "empty-index.yaml");
  writeFileSync(emptyIndex, "apiVersion: v1\nentries: {}\n");
  const empty = await startIndexServer(emptyIndex, new Date("2023-03-01T10:01:00Z"));
  const syncStart = performance.now();
  const gateway = await startBenchGateway(path.join(input.workDir, "gw"), input.databaseUrl);
  const mirrors: string[] = [];
  let registryId: string;
  let syncMs: number;
  try {
    const synced = await syncBenchRegistry(gateway, input.indexEndpoint);
    registryId = synced.registryId;
    if (synced.status !== "SUCCEEDED") throw new Error(`the 24k sync ended ${synced.status}`);
    syncMs = performance.now() - syncStart;
    for (let i = 0; i < input.registries; i++) {
      const name = `mirror-${String(i).padStart(3, "0")}`;
      const mirror = await gateway.services.registries.add(DEFAULT_VIEWER, "HELM", {
        name,
        endpoint: `${empty.origin}/${name}`,
      });
      mirrors.push(mirror.id);
    }
  } finally {
    await gateway.stop(2000);
    await empty.close();
  }

  const copyStart = performance.now();
  const db = new Client({ connectionString: input.databaseUrl });
  await db.connect();
  try {
    const columns = async (table: string, skip: string[]) =>
      (
        await db.query<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
            ORDER BY ordinal_position`,
          [table],
        )
      ).rows
        .map((r) => r.name)
        .filter((c) => !skip.includes(c));
    const chartCols = await columns("chart", ["id", "registry_id", "latest_version_id"]);
    const versionCols = await columns("chart_version", ["id", "chart_id", "registry_id"]);
    const charts = (
      await db.query<{ id: number; n: number }>(
        "SELECT id, version_count AS n FROM chart WHERE registry_id = $1 ORDER BY name, id",
        [registryId],
      )
    ).rows;
    await db.query("BEGIN");
    for (const [i, mirror] of mirrors.entries()) {
      // A rotation of the charts (by name), from a different start for each registry.
      const picked: number[] = [];
      let versions = 0;
      const first = (i * 97) % charts.length;
      for (let k = 0; k < charts.length && versions < input.versionsPerRegistry; k++) {
        const chart = charts[(first + k) % charts.length]!;
        picked.push(chart.id);
        versions += chart.n;
      }
      await db.query(
        `INSERT INTO chart (registry_id, latest_version_id, ${chartCols.join(", ")})
         SELECT $1, NULL, ${chartCols.join(", ")} FROM chart
          WHERE id = ANY($2::int[]) ORDER BY name, id`,
        [mirror, picked],
      );
      await db.query(
        `INSERT INTO chart_version (chart_id, registry_id, ${versionCols.join(", ")})
         SELECT nc.id, $1, ${versionCols.map((c) => `v.${c}`).join(", ")}
           FROM chart_version v JOIN chart sc ON sc.id = v.chart_id
           JOIN chart nc ON nc.registry_id = $1 AND nc.name = sc.name
          WHERE sc.id = ANY($2::int[]) ORDER BY v.id`,
        [mirror, picked],
      );
      await db.query(
        `UPDATE chart SET
           latest_version_id = (
             SELECT nv.id FROM chart sc
               JOIN chart_version ov ON ov.id = sc.latest_version_id
               JOIN chart_version nv ON nv.chart_id = chart.id AND nv.version = ov.version
              WHERE sc.registry_id = $2 AND sc.name = chart.name),
           version_count = (SELECT COUNT(*) FROM chart_version v WHERE v.chart_id = chart.id)
         WHERE registry_id = $1`,
        [mirror, registryId],
      );
      await db.query(
        `UPDATE registry SET last_synced_at = (SELECT last_synced_at FROM registry WHERE id = $2)
          WHERE id = $1`,
        [mirror, registryId],
      );
    }
    // A change of the catalog, as a sync run's.
    await db.query("UPDATE catalog_state SET version = version + 1");
    await db.query("COMMIT");
    // What autovacuum does soon after a bulk change: the UPDATE above left a dead copy of every
    // mirror chart, and the planner needs statistics of the new rows.
    await db.query("VACUUM ANALYZE");
    const count = async (table: string) =>
      Number((await db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]!.n);
    const result: PgCatalogResult = {
      registryId,
      middleRegistryId: mirrors[Math.floor(mirrors.length / 2)]!,
      registries: await count("registry"),
      charts: await count("chart"),
      versions: await count("chart_version"),
      syncMs,
      copyMs: performance.now() - copyStart,
    };
    writeResult(result);
  } finally {
    await db.end();
  }
}

runChild(main);
