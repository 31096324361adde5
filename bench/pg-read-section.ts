/**
 * PostgreSQL read measures: the page of read-section.ts (50 charts, latest version and 5
 * versions each) served by a raw baseline (node:http + `pg` + JSON.stringify, pg-raw-server.ts)
 * and by the gateway with its response cache off (every request runs the read path), at 8
 * connections, on the 24k registry of a catalog of about 1M versions in a schema of its own
 * (pg-read-catalog.ts); then searchCharts over that catalog with the bench's realistic terms.
 * Same JSON from both servers before anything is measured; the schema is dropped at the end.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Client } from "pg";
import { toGlobalId } from "../src/services/ids";
import { pin, pinning } from "./bench-support";
import { BenchChild, runToCompletion } from "./child-runner";
import { type IndexServer } from "./index-server";
import { type PgCatalogInput, type PgCatalogResult } from "./pg-read-catalog";
import {
  expectedBodies,
  firstLoad,
  measureSearch,
  middlePage,
  resultTable,
  rounds,
  sameJson,
  startServer,
  stopServer,
  TARGETS,
} from "./read-section";
import { PAGE_SIZE, type LoadCommand, type LoadReply } from "./read-protocol";
import { fmt, ms, passFail, table } from "./report";

const REGISTRIES = 200;
const VERSIONS_PER_REGISTRY = 5000;

function schemaUrl(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

async function onServer(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The figures of a catalog kept by an earlier run, from its schema's comment. */
async function keptCatalog(base: string, schema: string): Promise<PgCatalogResult> {
  const client = new Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ comment: string | null }>(
      "SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1",
      [schema],
    );
    const comment = rows[0]?.comment;
    if (!comment) throw new Error(`BENCH_PG_SCHEMA: no kept catalog in schema ${schema}`);
    return JSON.parse(comment) as PgCatalogResult;
  } finally {
    await client.end();
  }
}

export async function pgReadSection(
  base: string,
  server: IndexServer,
  tmpRoot: string,
  section: number,
): Promise<void> {
  const started = Date.now();
  console.log(
    `\n[${section}] PostgreSQL read path (${new URL(base).host}): a page of ${PAGE_SIZE} charts ` +
      `(latest version, 5 versions each) from a raw pg + node:http baseline and from the gateway ` +
      `(cache miss), 8 connections; search over about ${fmt(REGISTRIES * VERSIONS_PER_REGISTRY)} versions`,
  );
  // BENCH_PG_SCHEMA=<schema> measures a catalog kept by an earlier run (BENCH_KEEP_SCHEMA=1).
  const reused = process.env.BENCH_PG_SCHEMA;
  if (reused !== undefined && !/^bench_[0-9a-f]{10}$/.test(reused)) {
    throw new Error(`BENCH_PG_SCHEMA: ${JSON.stringify(reused)} is not a kept bench schema`);
  }
  const schema = reused ?? `bench_${randomBytes(5).toString("hex")}`;
  const keep = reused !== undefined || process.env.BENCH_KEEP_SCHEMA === "1";
  if (!reused) await onServer(base, `CREATE SCHEMA "${schema}"`);
  const databaseUrl = schemaUrl(base, schema);
  try {
    const catalog = reused
      ? await keptCatalog(base, schema)
      : await runToCompletion<PgCatalogResult>(
          "pg-read-catalog.js",
          [
            JSON.stringify({
              indexEndpoint: `${server.origin}/pg-read`,
              workDir: path.join(tmpRoot, "pg-read"),
              databaseUrl,
              registries: REGISTRIES,
              versionsPerRegistry: VERSIONS_PER_REGISTRY,
            } satisfies PgCatalogInput),
          ],
          { timeoutMs: 900_000 },
        );
    if (keep && !reused) {
      // The catalog's figures ride on the schema, for BENCH_PG_SCHEMA.
      await onServer(
        base,
        `COMMENT ON SCHEMA "${schema}" IS '${JSON.stringify(catalog).replace(/'/g, "''")}'`,
      );
    }
    console.log(
      `    catalog${reused ? ` (kept, ${schema})` : ""}: ${fmt(catalog.registries)} registries, ` +
        `${fmt(catalog.charts)} charts, ${fmt(catalog.versions)} versions (24k synced in ` +
        `${ms(catalog.syncMs)}, ${REGISTRIES} mirrors copied with SQL in ${ms(catalog.copyMs)}); ` +
        (pinning ? "servers on CPU 0, autocannon on CPU 1" : "no CPU pinning"),
    );
    const load = new BenchChild<LoadCommand, LoadReply>("read-load.js", [], {
      timeoutMs: 900_000,
    });
    pin((await load.next("ready")).pid, 1);
    const servers = [
      await startServer("raw", "", databaseUrl),
      await startServer("miss", "", databaseUrl),
    ];
    const [raw, miss] = servers as [(typeof servers)[0], (typeof servers)[0]];
    try {
      const registryId = toGlobalId("Registry", catalog.registryId);
      const page = await middlePage(miss.url, registryId);
      const identical = await sameJson(raw, miss, registryId, page.variables, "PostgreSQL 24k");
      const bodies = await expectedBodies(servers, page.variables);
      console.log(
        `    page measured: charts ${fmt(page.from)}–${fmt(page.from + PAGE_SIZE - 1)} of ` +
          `${fmt(page.total)}; same JSON from raw and gateway: PASS (byte-identical: ${identical ? "yes" : "no"})`,
      );
      await firstLoad(load, servers, bodies);
      const summaries = await rounds(load, servers, bodies, 8);
      console.log(resultTable("PostgreSQL, 8 connections", summaries));

      const searched = await measureSearch(
        load,
        miss.url,
        `over ${fmt(catalog.charts)} charts / ${fmt(catalog.versions)} versions`,
      );

      const rawS = summaries.find((s) => s.mode === "raw")!;
      const missS = summaries.find((s) => s.mode === "miss")!;
      const ratio = missS.rps / rawS.rps;
      console.log(
        table([
          ["measure (PostgreSQL)", "value", "target", ""],
          [
            "cache miss: req/s vs raw pg, 8 connections",
            `${fmt(ratio, 2)}× (${fmt(missS.rps)} vs ${fmt(rawS.rps)} req/s)`,
            `≥ ${fmt(TARGETS.missRatio, 2)}×`,
            passFail(!rawS.failed && !missS.failed && ratio >= TARGETS.missRatio),
          ],
          [
            "cache miss: p99, 8 connections",
            ms(missS.p99),
            `≤ ${TARGETS.missP99Ms} ms`,
            passFail(!missS.failed && missS.p99 <= TARGETS.missP99Ms),
          ],
          [
            `search over ${fmt(catalog.versions)} versions: p95 (p50, max)`,
            `${ms(searched.p95)} (${ms(searched.p50)}, ${ms(searched.max)}; ${fmt(searched.requests)} requests)`,
            `≤ ${TARGETS.searchP95Ms} ms`,
            passFail(searched.failures === 0 && searched.p95 <= TARGETS.searchP95Ms),
          ],
        ]),
      );
    } finally {
      for (const s of servers) await stopServer(s);
      load.send({ type: "stop" });
      await load.result<unknown>();
    }
    console.log(`    PostgreSQL read section took ${fmt((Date.now() - started) / 1000, 1)} s`);
  } finally {
    // BENCH_KEEP_SCHEMA=1 keeps the 1M-version catalog for EXPLAIN ANALYZE by hand and for
    // later runs (BENCH_PG_SCHEMA).
    if (keep)
      console.log(`    schema kept: ${schema} (measure it again: BENCH_PG_SCHEMA=${schema})`);
    else await onServer(base, `DROP SCHEMA "${schema}" CASCADE`);
  }
}
