import { randomBytes } from "node:crypto";
import path from "node:path";
import { Client } from "pg";
import { median } from "./bench-support";
import { type ParseResult } from "./child-parse";
import { runToCompletion } from "./child-runner";
import { type SyncChildResult } from "./child-sync";
import { type GeneratedIndex } from "./generate-index";
import { type IndexServer } from "./index-server";
import { fmt, ms, passFail, table } from "./report";

/** The PostgreSQL server of the section: BENCH_DATABASE_URL, or the local `test` database. */
const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";
const RUNS = 3;
const NOOP_RUNS = 5;

const TARGETS = { ratio: 2.5, noopMs: 50 };

async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function schemaUrl(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/**
 * PostgreSQL: full sync of the benchmark's index into an empty schema (a fresh gateway process
 * each, median of 3) against the js-yaml load of the same file measured in between, then no-op
 * re-syncs (304) with the statements that wrote catalog rows counted.
 */
export async function pgSection(
  server: IndexServer,
  index: GeneratedIndex,
  tmpRoot: string,
  section: number,
): Promise<void> {
  const base = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  try {
    await withClient(base, (c) => c.query("SELECT 1"));
  } catch (error) {
    console.log(
      `\n[${section}] PostgreSQL: skipped (${base} did not answer: ${(error as Error).message})`,
    );
    return;
  }
  console.log(
    `\n[${section}] PostgreSQL (${new URL(base).host}): full sync into an empty schema, a fresh ` +
      `gateway process each (median of ${RUNS}), js-yaml load of the same file in between; ` +
      `then ${NOOP_RUNS} no-op re-syncs in the same process`,
  );
  const yaml: number[] = [];
  const syncs: SyncChildResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    yaml.push(
      (
        await runToCompletion<ParseResult>("child-parse.js", ["yaml", index.yamlFile], {
          timeoutMs: 60_000,
        })
      ).ms,
    );
    const schema = `bench_${randomBytes(5).toString("hex")}`;
    await withClient(base, (c) => c.query(`CREATE SCHEMA "${schema}"`));
    try {
      const result = await runToCompletion<SyncChildResult>(
        "child-sync.js",
        [
          JSON.stringify({
            endpoint: `${server.origin}/pg-${i}`,
            workDir: path.join(tmpRoot, `pg-sync-${i}`),
            noopRuns: NOOP_RUNS,
            databaseUrl: schemaUrl(base, schema),
          }),
        ],
        { timeoutMs: 180_000 },
      );
      syncs.push(result);
      const spans = result.phases
        .filter((p) => p.phase !== "DONE")
        .map((p, j) => {
          const end = result.phases[j + 1]?.at ?? result.finishedAt;
          return `${p.phase} ${fmt(end - p.at)}`;
        });
      console.log(
        `    run ${i + 1}: ${result.status} in ${ms(result.fullMs)} (js-yaml ${ms(yaml[i]!)}), ` +
          `versions added ${fmt(result.counts.versionsAdded)}, peak RSS ${fmt(result.peakRssMb)} MB; ` +
          `no-op ${result.noop.map((n) => fmt(n.ms, 1)).join(", ")} ms, catalog writes ` +
          `${result.noop.map((n) => n.catalogWrites).join(", ")}`,
      );
      console.log(`           phases (ms): ${spans.join(" · ")}`);
    } finally {
      await withClient(base, (c) => c.query(`DROP SCHEMA "${schema}" CASCADE`));
    }
  }
  const fullMs = median(syncs.map((s) => s.fullMs));
  const yamlMs = median(yaml);
  const ratio = fullMs / yamlMs;
  const noopMs = median(syncs.map((s) => median(s.noop.map((n) => n.ms))));
  const noopWrites = Math.max(...syncs.flatMap((s) => s.noop.map((n) => n.catalogWrites)));
  const ok = syncs.every(
    (s) =>
      s.status === "SUCCEEDED" &&
      s.counts.versionsSeen === index.versions &&
      s.noop.every((n) => n.status === "SUCCEEDED" && n.unchanged),
  );
  console.log(
    table([
      ["measure (PostgreSQL)", "value", "target", ""],
      ["full sync (median of 3 processes)", ms(fullMs), "", ""],
      ["js-yaml load (median of 3)", ms(yamlMs), "", ""],
      [
        "full sync / js-yaml",
        `${fmt(ratio, 2)}×`,
        `≤ ${TARGETS.ratio.toFixed(1)}×`,
        passFail(ok && ratio <= TARGETS.ratio),
      ],
      [
        "no-op re-sync, 304 (median of medians of 5)",
        ms(noopMs),
        `≤ ${TARGETS.noopMs} ms`,
        passFail(ok && noopMs <= TARGETS.noopMs),
      ],
      [
        "catalog rows written by a no-op re-sync (max)",
        fmt(noopWrites),
        "0",
        passFail(noopWrites === 0),
      ],
    ]),
  );
}
