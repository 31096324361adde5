import { randomBytes } from "node:crypto";
import path from "node:path";
import { Client } from "pg";
import { mkdirSync, readFileSync } from "node:fs";
import { median, repoRoot } from "./bench-support";
import { topSelfTime, type CpuProfile } from "./cpu-profile";
import { type ParseResult } from "./child-parse";
import { BenchChild, runToCompletion } from "./child-runner";
import { type SyncChildResult } from "./child-sync";
import { type GeneratedIndex } from "./generate-index";
import { type IndexServer } from "./index-server";
import { fmt, ms, passFail, table } from "./report";
import {
  type GatewayCommand,
  type GatewayReply,
  type SubscriberCommand,
  type SubscriberReply,
  type SubscriberRoundStats,
} from "./subscribers-protocol";

/** The local PostgreSQL of this machine and of CI. */
const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";

/**
 * The PostgreSQL server of the PostgreSQL sections: BENCH_DATABASE_URL, else DATABASE_URL when
 * it names PostgreSQL, else the local `test` database. Each section works in a schema of its
 * own, which it drops at the end.
 */
export function benchDatabaseUrl(): string {
  const database = process.env.DATABASE_URL;
  return (
    process.env.BENCH_DATABASE_URL ??
    (database && /^postgres(ql)?:\/\//i.test(database) ? database : DEFAULT_URL)
  );
}

/** Whether the server answers (a reason when it does not). */
export async function pgReachable(url: string): Promise<string | null> {
  try {
    await withClient(url, (c) => c.query("SELECT 1"));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
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
  const base = benchDatabaseUrl();
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
            // `--profile`: the first run is CPU-profiled (its time then counts the profiler too).
            ...(i === 0 && process.argv.includes("--profile") && mkdirOnce()
              ? { profileFile: path.join(repoRoot, ".bench", "pg-full-sync.cpuprofile") }
              : {}),
          }),
        ],
        { timeoutMs: 180_000 },
      );
      syncs.push(result);
      if (i === 0 && process.argv.includes("--profile")) printSyncProfile();
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

const FLEET_ROUNDS = 3;
const FLEET_TARGETS = { latencyP99Ms: 150, completePercent: 100 };

/**
 * Two gateway processes on one PostgreSQL schema (a fleet), `subscribers` graphql-ws
 * subscriptions split between them (round robin, from a separate process at the lowest
 * priority), one run executing on the first: every subscriber must get every phase change and
 * the terminal event, and the delivery latency (receipt − the event's publication time on the
 * executing instance) is measured, half of it across instances (LISTEN/NOTIFY).
 */
export async function fleetSubscribersSection(
  server: IndexServer,
  tmpRoot: string,
  section: number,
  subscribers: number,
): Promise<void> {
  const base = benchDatabaseUrl();
  try {
    await withClient(base, (c) => c.query("SELECT 1"));
  } catch {
    console.log(`\n[${section}] Fleet subscribers: skipped (PostgreSQL did not answer)`);
    return;
  }
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  await withClient(base, (c) => c.query(`CREATE SCHEMA "${schema}"`));
  const databaseUrl = schemaUrl(base, schema);
  const start = (name: string) =>
    new BenchChild<GatewayCommand, GatewayReply>(
      "child-gateway.js",
      [JSON.stringify({ workDir: path.join(tmpRoot, `fleet-${name}`), databaseUrl })],
      { timeoutMs: 300_000 },
    );
  const a = start("a");
  const { url: urlA } = await a.next("ready");
  const b = start("b");
  const { url: urlB } = await b.next("ready");
  const client = new BenchChild<SubscriberCommand, SubscriberReply>("child-subscribers.js", [], {
    timeoutMs: 300_000,
  });
  client.lowerPriority();
  try {
    console.log(
      `\n[${section}] Fleet: two gateway processes on one PostgreSQL schema, ${fmt(subscribers)} ` +
        `syncProgress(runId) subscriptions split between them, the run executing on the first ` +
        `(${FLEET_ROUNDS} rounds after a warm-up)`,
    );
    const ws = (url: string) => `${url.replace(/^http/, "ws")}/graphql`;
    client.send({
      type: "connect",
      url: ws(urlA),
      urls: [ws(urlA), ws(urlB)],
      connections: subscribers,
      subscriptionsPerConnection: 1,
    });
    const connected = await client.next("connected");
    console.log(`    ${fmt(connected.connections)} connections open in ${ms(connected.ms)}`);
    const stats: SubscriberRoundStats[] = [];
    for (let round = 0; round <= FLEET_ROUNDS; round++) {
      const prefix = `/fleet-${round}`;
      a.send({ type: "add", name: `fleet-${round}`, endpoint: `${server.origin}${prefix}` });
      await a.next("added");
      const held = server.arm(prefix);
      a.send({ type: "sync" });
      const { runId } = await a.next("requested");
      await held;
      client.send({ type: "subscribe", runId });
      const subscribed = await client.next("subscribed");
      const releasedAt = server.release(prefix);
      const finished = await a.next("finished");
      const expectedPhases = [
        ...new Set(finished.phases.filter((p) => p.at >= releasedAt).map((p) => p.phase)),
      ];
      client.send({ type: "collect", releasedAt, expectedPhases });
      const collected = (await client.next("collected")).stats;
      const label = round === 0 ? "warm-up" : `round ${round}`;
      console.log(
        `    ${label}: ${finished.status}; ${fmt(subscribed.ready)}/${fmt(subscribed.subscribers)} ` +
          `had the current state ${ms(subscribed.ms)} after subscribing; complete ` +
          `${fmt(collected.complete)}/${fmt(collected.subscribers)}, latency p50 ` +
          `${ms(collected.latencyP50)}, p99 ${ms(collected.latencyP99)}, max ${ms(collected.latencyMax)}` +
          (collected.errors > 0 ? `, ${collected.errors} errors (${collected.firstError})` : ""),
      );
      const split = (by: Record<string, { n: number; p50: number; p99: number }> | undefined) =>
        Object.entries(by ?? {})
          .map(([key, l]) => `${key} ${fmt(l.p50)} / ${fmt(l.p99)} (n=${fmt(l.n)})`)
          .join(", ");
      console.log(
        `        p50 / p99 ms by instance (0 executes the run, 1 hears it by NOTIFY): ` +
          `${split(collected.latencyByInstance)}; by phase: ${split(collected.latencyByPhase)}`,
      );
      if (round > 0) stats.push(collected);
    }
    const complete = Math.min(...stats.map((s) => (100 * s.complete) / Math.max(1, s.subscribers)));
    const p99 = Math.max(...stats.map((s) => s.latencyP99));
    console.log(
      table([
        ["measure (fleet of 2)", "value", "target", ""],
        [
          "subscribers with every phase and the terminal event (worst round)",
          `${fmt(complete, 1)} %`,
          `${FLEET_TARGETS.completePercent} %`,
          passFail(complete >= FLEET_TARGETS.completePercent),
        ],
        [
          "delivery latency p99 (worst round)",
          ms(p99),
          `≤ ${FLEET_TARGETS.latencyP99Ms} ms`,
          passFail(p99 <= FLEET_TARGETS.latencyP99Ms),
        ],
      ]),
    );
  } finally {
    client.send({ type: "stop" });
    a.send({ type: "stop" });
    b.send({ type: "stop" });
    await Promise.allSettled([client.result<unknown>(), a.result<unknown>(), b.result<unknown>()]);
    await withClient(base, (c) => c.query(`DROP SCHEMA "${schema}" CASCADE`));
  }
}

function mkdirOnce(): true {
  mkdirSync(path.join(repoRoot, ".bench"), { recursive: true });
  return true;
}

/** The top self time of the profiled first run (`--profile`), kept as .bench/pg-full-sync.cpuprofile. */
function printSyncProfile(): void {
  const file = path.join(repoRoot, ".bench", "pg-full-sync.cpuprofile");
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  console.log("    CPU profile of run 1 (.bench/pg-full-sync.cpuprofile), top self time:");
  for (const row of topSelfTime(profile, repoRoot, 20))
    console.log(
      `      ${fmt(row.percent, 1).padStart(5)} %  ${fmt(row.selfMs).padStart(6)} ms  ${row.name}`,
    );
}
