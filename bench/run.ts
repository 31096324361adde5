/**
 * The benchmark (`npm run bench`): full sync of a generated 24k-version Helm index against
 * parse baselines measured in the same run, no-op re-sync, live progress subscribers, and an
 * OCI registry (100 repositories × 20 tags on a real docker-registry: first sync and no-op
 * re-sync, HTTP requests per version).
 * Options: `--profile` (CPU-profile one extra full sync even when the ratio target passes),
 * `--no-subscribers`, `--only-subscribers` (skip the parse, sync, OCI and read measurements),
 * `--subscribers=<n>`, `--per-connection=<n>`, `--no-oci`, `--only-oci` (the OCI section alone;
 * skipped with a note when docker-registry is not installed), `--no-read`, `--only-read` (the
 * read-path section alone: it generates its own index and catalogs), `--no-pg`, `--only-pg` (the
 * PostgreSQL sections, 10 to 13, each in a schema of its own that it drops at the end, on
 * BENCH_DATABASE_URL, else DATABASE_URL when it is PostgreSQL, else the local `test` database;
 * skipped with a note when the server does not answer; `--pg-sections=12,13` picks some):
 * 10 full sync into an empty schema against js-yaml, no-op re-syncs and the catalog rows they
 * write; 11 a fleet of two with subscribers split between them; 12 a page against a raw `pg` +
 * node:http baseline and search over 1M versions; 13 takeover after SIGKILL against the lease;
 * 14 the fleet's transport, LISTEN/NOTIFY against Redis pub/sub (when redis-server is installed).
 * The read path (last section, read-section.ts): a page of the catalog served by a raw baseline
 * (node:http + better-sqlite3 + JSON.stringify) and by the gateway with its response cache off
 * and on, on the 24k catalog and a 1M-version catalog across 200 registries, loaded by
 * autocannon from another process (req/s, p50/p99, CPU and SQL statements per request, ratio to
 * the raw baseline); search over the 1M catalog.
 * Hostile load (section 9, hostile-section.ts; `--no-hostile`, `--only-hostile`): /healthz
 * latency of a gateway idle and under issue 16's two load attacks (5,000 subscriptions on one
 * connection; eight concurrent 950 KB queries of 25,000 fields).
 * Comparing versions (section 15, compare-section.ts; `--no-compare`, `--only-compare`): two
 * cached versions of a chart of ~1 MB packages compared through the schema, against a plain
 * js-yaml parse of both values files.
 * Every gateway child runs in production mode (NODE_ENV=production), as `npm start` runs it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { fixturesDir, median, repoRoot } from "./bench-support";
import { type ParseResult } from "./child-parse";
import { BenchChild, killChildren, runToCompletion } from "./child-runner";
import { type SyncChildInput, type SyncChildResult } from "./child-sync";
import { topSelfTime, type CpuProfile } from "./cpu-profile";
import { generateIndex, type GeneratedIndex } from "./generate-index";
import { startIndexServer, type IndexServer } from "./index-server";
import { ociSection, stopOciRegistry } from "./oci-scenario";
import { readSection } from "./read-section";
import { hostileSection } from "./hostile-section";
import { benchDatabaseUrl, fleetSubscribersSection, pgReachable, pgSection } from "./pg-section";
import { pgReadSection } from "./pg-read-section";
import { takeoverSection } from "./takeover-section";
import { transportSection } from "./transport-section";
import { compareSection } from "./compare-section";
import { fmt, ms, passFail, table } from "./report";
import {
  type GatewayCommand,
  type GatewayReply,
  type SubscriberCommand,
  type SubscriberReply,
  type SubscriberRoundStats,
} from "./subscribers-protocol";

const COPIES = 7;
const SEED = 0x5eed;
const PARSE_RUNS = 3;
const SYNC_RUNS = 3;
const NOOP_RUNS = 5;
/** Runs with subscribers, each followed by one without (after a warm-up run of each kind). */
const SUBSCRIBER_ROUNDS = 7;
/** The whole benchmark is stopped after this long, whatever it is doing. */
const WATCHDOG_MS = 20 * 60_000;

const TARGETS = {
  ratio: 2.0,
  peakRssMb: 350,
  noopMs: 50,
  latencyP99Ms: 100,
  slowdownPercent: 15,
  completePercent: 100,
};

interface Options {
  profile: boolean;
  onlySubscribers: boolean;
  oci: boolean;
  onlyOci: boolean;
  subscribers: number;
  perConnection: number;
  read: boolean;
  onlyRead: boolean;
  pg: boolean;
  onlyPg: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const arg = argv.find((a) => a.startsWith(`--${name}=`));
    const n = arg === undefined ? fallback : Number(arg.slice(name.length + 3));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
    return n;
  };
  const onlySubscribers = argv.includes("--only-subscribers");
  const onlyOci = argv.includes("--only-oci");
  if (onlyOci && (onlySubscribers || argv.includes("--no-oci"))) {
    throw new Error("--only-oci does not go with --only-subscribers or --no-oci");
  }
  const onlyRead = argv.includes("--only-read");
  const onlyPg = argv.includes("--only-pg");
  if (onlyPg && (onlySubscribers || onlyOci || onlyRead || argv.includes("--no-pg"))) {
    throw new Error("--only-pg does not go with another --only-… or --no-pg");
  }
  if (onlyRead && (onlySubscribers || onlyOci || argv.includes("--no-read"))) {
    throw new Error("--only-read does not go with --only-subscribers, --only-oci or --no-read");
  }
  return {
    profile: argv.includes("--profile"),
    onlySubscribers,
    oci: !argv.includes("--no-oci") && !onlySubscribers && !onlyRead && !onlyPg,
    onlyOci,
    read: !argv.includes("--no-read") && !onlySubscribers && !onlyOci && !onlyPg,
    onlyRead,
    pg: !argv.includes("--no-pg") && !onlySubscribers && !onlyOci && !onlyRead,
    onlyPg,
    subscribers: argv.includes("--no-subscribers") ? 0 : value("subscribers", 1000),
    perConnection: Math.max(1, value("per-connection", 1)),
  };
}

async function parse(mode: "yaml" | "json", file: string): Promise<number> {
  const result = await runToCompletion<ParseResult>("child-parse.js", [mode, file], {
    timeoutMs: 60_000,
  });
  return result.ms;
}

function syncChild(input: SyncChildInput): Promise<SyncChildResult> {
  return runToCompletion<SyncChildResult>("child-sync.js", [JSON.stringify(input)], {
    timeoutMs: 120_000,
  });
}

/**
 * How long each phase of the run lasted (until the next phase change), and when the server had
 * handed the whole body to the socket (`bodySentAt`), which splits FETCHING in two.
 */
function phaseLine(result: SyncChildResult, bodySentAt: number): string {
  const spans: string[] = [];
  result.phases.forEach((p, i) => {
    if (p.phase === "DONE") return;
    const end = result.phases[i + 1]?.at ?? result.finishedAt;
    spans.push(`${p.phase} ${fmt(end - p.at)}`);
  });
  const parsing = result.phases.find((p) => p.phase === "PARSING");
  const split =
    parsing && bodySentAt > result.requestedAt
      ? ` (whole body sent by the server at +${fmt(bodySentAt - result.requestedAt)} ms; ` +
        `sha256, decode and js-yaml load end ${fmt(parsing.at - bodySentAt)} ms later)`
      : "";
  return `phases (ms): ${spans.join(" · ")}${split}`;
}

function countsLine(c: SyncChildResult["counts"]): string {
  return (
    `charts ${fmt(c.chartsSeen)}, versions seen ${fmt(c.versionsSeen)}, added ${fmt(c.versionsAdded)}, ` +
    `updated ${fmt(c.versionsUpdated)}, removed ${fmt(c.versionsRemoved)}, unchanged ${fmt(c.versionsUnchanged)}, ` +
    `skipped ${fmt(c.versionsSkipped)}`
  );
}

/** Keeps a profile under `.bench/` and prints its functions by self time. */
function printProfile(profileFile: string, name: string, what: string): void {
  const keep = path.join(repoRoot, ".bench");
  mkdirSync(keep, { recursive: true });
  copyFileSync(profileFile, path.join(keep, name));
  const profile = JSON.parse(readFileSync(profileFile, "utf8")) as CpuProfile;
  console.log(`\nCPU profile of ${what} (saved as .bench/${name}), top self time:`);
  const rows = topSelfTime(profile, repoRoot, 12).map((r, i) => [
    String(i + 1),
    r.name,
    fmt(r.selfMs),
    `${fmt(r.percent, 1)} %`,
  ]);
  console.log(table([["#", "function (file:line)", "self ms", "share"], ...rows]));
}

async function profileSync(server: IndexServer, tmpRoot: string): Promise<void> {
  const profileFile = path.join(tmpRoot, "full-sync.cpuprofile");
  const result = await syncChild({
    endpoint: `${server.origin}/profile`,
    workDir: path.join(tmpRoot, "sync-profile"),
    noopRuns: 0,
    profileFile,
  });
  printProfile(
    profileFile,
    "full-sync.cpuprofile",
    `one more full sync, request to terminal status (${ms(result.fullMs)} under the profiler)`,
  );
}

interface SubscriberRun {
  label: string;
  subscribers: number;
  /** From the release of the held index request to the publication of the terminal event. */
  wallMs: number;
  /** CPU time of the gateway process over the run. */
  cpuMs: number;
  /** GC pauses of the gateway process after the release. */
  gcMs: number;
  status: string;
  published: number;
  expectedPhases: string[];
  stats?: SubscriberRoundStats;
}

/**
 * The subscribers scenario: a gateway child (listening), a client child with `subscribers`
 * graphql-ws subscriptions to each measured run, and runs without subscribers to compare with.
 * Each run syncs a fresh registry; the index server holds the run's request until the
 * subscribers are in place, and a run's wall time counts from that release to the publication of
 * its terminal event.
 */
async function subscribersSection(
  server: IndexServer,
  tmpRoot: string,
  options: Options,
): Promise<void> {
  const connections = Math.ceil(options.subscribers / options.perConnection);
  const gateway = new BenchChild<GatewayCommand, GatewayReply>(
    "child-gateway.js",
    [JSON.stringify({ workDir: path.join(tmpRoot, "gateway-subscribers") })],
    { timeoutMs: 420_000 },
  );
  const { url, syncProgress } = await gateway.next("ready");
  if (!syncProgress) {
    console.log(
      "\n[6] Subscribers: skipped (the gateway's schema has no Subscription.syncProgress)",
    );
    gateway.send({ type: "stop" });
    await gateway.result<unknown>();
    return;
  }
  console.log(
    `\n[6] Subscribers: ${fmt(connections * options.perConnection)} syncProgress(runId) subscriptions ` +
      `over graphql-ws (${fmt(connections)} connections × ${options.perConnection}, from a separate process)`,
  );
  const client = new BenchChild<SubscriberCommand, SubscriberReply>("child-subscribers.js", [], {
    timeoutMs: 420_000,
  });
  // The thousand dashboards would be elsewhere; here they share two cores with the gateway, so
  // their process runs at the lowest priority: its work yields to the gateway's instead of
  // counting as the gateway's overhead. (Delivery latency is measured in it, so a late client
  // can only make that figure worse.)
  client.lowerPriority();
  let runIndex = 0;

  /** One full sync of a fresh registry, held at the server until subscribers (if any) are in. */
  const runOnce = async (
    label: string,
    withSubscribers: boolean,
    profileFile?: string,
  ): Promise<SubscriberRun> => {
    const prefix = `/subscribers-${runIndex}`;
    gateway.send({ type: "add", name: `bench-${runIndex}`, endpoint: `${server.origin}${prefix}` });
    runIndex++;
    await gateway.next("added");
    const held = server.arm(prefix);
    gateway.send(profileFile ? { type: "sync", profileFile } : { type: "sync" });
    const { runId } = await gateway.next("requested");
    await held;
    let subscribed: Extract<SubscriberReply, { type: "subscribed" }> | undefined;
    if (withSubscribers) {
      client.send({ type: "subscribe", runId });
      subscribed = await client.next("subscribed");
    }
    const releasedAt = server.release(prefix);
    const finished = await gateway.next("finished");
    // The run ends when the engine publishes its terminal event; delivering that event to the
    // subscribers comes after the run (its latency is measured by the client).
    const terminalAt = finished.phases.find((p) => p.phase === "DONE")?.at ?? finished.finishedAt;
    const run: SubscriberRun = {
      label,
      subscribers: subscribed?.subscribers ?? 0,
      wallMs: terminalAt - releasedAt,
      cpuMs: finished.cpuMs,
      gcMs: finished.gcPauses.reduce(
        (sum, [at, pause]) => (at >= releasedAt ? sum + pause : sum),
        0,
      ),
      status: finished.status,
      published: finished.published,
      // Phases the run entered after the release: every subscriber must see each of them.
      expectedPhases: [
        ...new Set(finished.phases.filter((p) => p.at >= releasedAt).map((p) => p.phase)),
      ],
    };
    if (subscribed) {
      client.send({ type: "collect", releasedAt, expectedPhases: run.expectedPhases });
      run.stats = (await client.next("collected")).stats;
    }
    console.log(
      `    ${label}: ${finished.status} in ${ms(run.wallMs)}, gateway CPU ${ms(run.cpuMs)} ` +
        `(GC pauses after the release ${ms(run.gcMs)}), ` +
        `${fmt(finished.published)} progress events published` +
        (subscribed
          ? `; ${fmt(subscribed.ready)}/${fmt(subscribed.subscribers)} subscriptions had their ` +
            `first event ${ms(subscribed.ms)} after subscribing`
          : ""),
    );
    return run;
  };

  try {
    client.send({
      type: "connect",
      url: `${url.replace(/^http/, "ws")}/graphql`,
      connections,
      subscriptionsPerConnection: options.perConnection,
    });
    const connected = await client.next("connected");
    console.log(
      `    ${fmt(connected.connections)} connections open in ${ms(connected.ms)}` +
        (connected.failed > 0 ? ` (${fmt(connected.failed)} failed)` : "") +
        "; each run syncs a fresh registry (the previous one deleted); wall time from the release of " +
        "the held index request to the publication of the terminal event; the client process runs at nice 19",
    );

    // Warm-up runs first, one of each kind (JIT of the sync and of the delivery path, SQLite
    // pages), not counted; then runs with and without subscribers alternated.
    await runOnce("warm-up, no subscribers", false);
    await runOnce("warm-up, with subscribers", true);
    const runs: SubscriberRun[] = [];
    for (let round = 1; round <= SUBSCRIBER_ROUNDS; round++) {
      runs.push(await runOnce(`with subscribers #${round}`, true));
      runs.push(await runOnce(`no subscribers #${round}`, false));
    }

    const withSubs = runs.filter((r) => r.stats !== undefined);
    const without = runs.filter((r) => r.stats === undefined);
    const wallWith = median(withSubs.map((r) => r.wallMs));
    const wallWithout = median(without.map((r) => r.wallMs));
    const slowdown = (100 * (wallWith - wallWithout)) / wallWithout;
    const stats = withSubs.map((r) => r.stats!);
    const worst = (pick: (s: SubscriberRoundStats) => number, highest: boolean) =>
      stats.map(pick).reduce((a, b) => (highest ? Math.max(a, b) : Math.min(a, b)));
    const completePercent = worst((s) => (100 * s.complete) / Math.max(1, s.subscribers), false);
    const p99 = worst((s) => s.latencyP99, true);
    const perRun = (pick: (s: SubscriberRoundStats) => string) => stats.map(pick).join("; ");

    console.log(
      `\nSubscribers: ${stats.length} runs with subscribers (values per run, separated by ";"); ` +
        `phases after the release: ${withSubs[0]!.expectedPhases.join(", ")}`,
    );
    console.log(
      table([
        ["measure", "value", "target", ""],
        ["subscriptions", perRun((s) => fmt(s.subscribers)), fmt(options.subscribers), ""],
        [
          "events per subscriber, min / median / max",
          perRun((s) => `${s.eventsMin} / ${s.eventsMedian} / ${s.eventsMax}`),
          "",
          "",
        ],
        [
          "got every phase change + terminal",
          perRun((s) => `${fmt((100 * s.complete) / Math.max(1, s.subscribers), 1)} %`),
          `${TARGETS.completePercent} %`,
          passFail(completePercent >= TARGETS.completePercent),
        ],
        [
          "terminal event / completed by server / errors",
          perRun((s) => `${fmt(s.terminal)} / ${fmt(s.completedByServer)} / ${fmt(s.errors)}`),
          "",
          "",
        ],
        ["delivery latency p50", perRun((s) => ms(s.latencyP50)), "", ""],
        [
          "delivery latency p99 (max)",
          perRun((s) => `${ms(s.latencyP99)} (${ms(s.latencyMax)})`),
          `≤ ${TARGETS.latencyP99Ms} ms`,
          passFail(p99 <= TARGETS.latencyP99Ms),
        ],
        [
          "run wall time, with vs without subscribers",
          `${ms(wallWith)} vs ${ms(wallWithout)} (${slowdown >= 0 ? "+" : ""}${fmt(slowdown, 1)} %)`,
          `≤ +${TARGETS.slowdownPercent} %`,
          passFail(slowdown <= TARGETS.slowdownPercent),
        ],
        [
          "gateway GC pauses after the release, with vs without",
          `${ms(median(withSubs.map((r) => r.gcMs)))} vs ${ms(median(without.map((r) => r.gcMs)))}`,
          "",
          "",
        ],
      ]),
    );
    for (const [i, s] of stats.entries()) {
      const phases = Object.entries(s.latencyByPhase)
        .map(
          ([phase, l]) => `${phase} ${fmt(l.p50)} / ${fmt(l.p99)} / ${fmt(l.max)} (n=${fmt(l.n)})`,
        )
        .join("; ");
      console.log(`    run #${i + 1} latency by phase, p50 / p99 / max ms: ${phases}`);
      const missed = Object.entries(s.missedPhases);
      if (missed.length > 0 || s.firstError !== undefined) {
        console.log(
          `    run #${i + 1} missed phases: ${missed.map(([p, n]) => `${p} ×${n}`).join(", ") || "none"}` +
            (s.firstError === undefined ? "" : `; first error: ${s.firstError}`),
        );
      }
    }

    if (options.profile || slowdown > TARGETS.slowdownPercent) {
      const profileFile = path.join(tmpRoot, "subscribers-run.cpuprofile");
      const run = await runOnce("profiled, with subscribers", true, profileFile);
      printProfile(
        profileFile,
        "subscribers-run.cpuprofile",
        `the gateway process over one more run with ${fmt(run.subscribers)} subscribers ` +
          `(${ms(run.wallMs)} under the profiler)`,
      );
    }

    gateway.send({ type: "stop" });
    client.send({ type: "stop" });
    const gatewayResult = await gateway.result<{ peakRssMb: number }>();
    await client.result<unknown>();
    console.log(`    gateway process peak RSS ${fmt(gatewayResult.peakRssMb)} MB`);
  } finally {
    killChildren();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const tmpRoot = mkdtempSync(path.join(tmpdir(), "registry-bench-"));
  let server: IndexServer | undefined;
  let index: GeneratedIndex | undefined;
  const cleanup = () => {
    killChildren();
    rmSync(tmpRoot, { recursive: true, force: true });
  };
  /** Clean-up before an early exit: the OCI section's registry too (given a few seconds). */
  const exitNow = (code: number) => {
    cleanup();
    const stopped = Promise.race([
      stopOciRegistry().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]);
    void stopped.finally(() => process.exit(code));
  };
  const watchdog = setTimeout(() => {
    console.error(`\nThe benchmark did not finish within ${WATCHDOG_MS / 60_000} minutes.`);
    exitNow(1);
  }, WATCHDOG_MS);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => exitNow(130));
  }

  const onlyHostile = process.argv.includes("--only-hostile");
  const onlyCompare = process.argv.includes("--only-compare");
  try {
    const args = process.argv.slice(2);
    console.log("Registry catalog gateway benchmark");
    console.log(
      `command: npm run bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""}  ` +
        `(node build/bench/run.js${args.length > 0 ? ` ${args.join(" ")}` : ""})`,
    );
    console.log(
      `node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} CPUs ` +
        `(${cpus()[0]?.model.trim() ?? "unknown"}), ${new Date().toISOString()}`,
    );

    if (onlyCompare) {
      // --only-compare: section 15 alone.
      await compareSection(tmpRoot, 15);
      return;
    }
    const source = path.join(fixturesDir, "helm", "bitnami", "index.yaml");
    if (!options.onlyOci && !options.onlyRead && !onlyHostile) {
      // 1. The index.
      const genStart = Date.now();
      index = generateIndex({
        sourceFile: source,
        outDir: mkdtempSync(path.join(tmpRoot, "index-")),
        copies: COPIES,
        seed: SEED,
      });
      console.log(
        `\n[1] Index: ${path.relative(repoRoot, source)} × ${COPIES} (charts renamed <name>, <name>-c1…; ` +
          `copies get seeded digests, seed 0x${SEED.toString(16)}), generated in ${ms(Date.now() - genStart)}`,
      );
      console.log(
        `    index.yaml ${fmt(index.bytes)} bytes (${fmt(index.bytes / 1e6, 1)} MB), ` +
          `${fmt(index.charts)} charts, ${fmt(index.versions)} versions, sha256 ${index.sha256}`,
      );
      console.log(
        `    index.json ${fmt(index.jsonBytes)} bytes (js-yaml's reading, JSON.stringify)`,
      );

      // 2. The server.
      server = await startIndexServer(index.yamlFile, new Date("2023-03-01T10:01:00Z"));
      console.log(
        `\n[2] Index server: ${server.origin}/<prefix>/index.yaml (strong ETag, Last-Modified, 304)`,
      );

      if (!options.onlySubscribers && !options.onlyPg)
        await measureSync(server, index, tmpRoot, options);

      // 6. Subscribers.
      if (options.onlyPg) {
        console.log("\n[6] Subscribers: skipped (--only-pg)");
      } else if (options.subscribers === 0) {
        console.log("\n[6] Subscribers: skipped (--no-subscribers)");
      } else {
        await subscribersSection(server, tmpRoot, options);
      }
    }

    // 7. OCI.
    if (onlyHostile) {
      // --only-hostile: section 9 alone.
    } else if (options.oci || options.onlyOci) {
      await ociSection(tmpRoot, 7);
    } else if (!options.onlyRead && !options.onlyPg) {
      console.log(
        `\n[7] OCI registry: skipped (${options.onlySubscribers ? "--only-subscribers" : "--no-oci"})`,
      );
    }

    // 8. The read path.
    if (onlyHostile) {
      // --only-hostile: section 9 alone.
    } else if (options.read) {
      await readSection({ tmpRoot, section: 8, sourceFile: source, copies: COPIES, seed: SEED });
    } else if (!options.onlyOci && !options.onlyPg) {
      console.log(
        `\n[8] Read path: skipped (${options.onlySubscribers ? "--only-subscribers" : "--no-read"})`,
      );
    }

    // 9. Hostile load.
    if (!process.argv.includes("--no-hostile") && !options.onlyPg) await hostileSection(tmpRoot, 9);
    // 10. PostgreSQL (uses the index and server of sections 1 and 2).
    // `--pg-sections=12,13` runs some of them only.
    const pgSections = new Set(
      (process.argv.find((a) => a.startsWith("--pg-sections="))?.split("=")[1] ?? "10,11,12,13,14")
        .split(",")
        .map(Number),
    );
    if (options.pg && server && index) {
      const base = benchDatabaseUrl();
      const unreachable = await pgReachable(base);
      if (unreachable !== null) {
        console.log(`\n[10–14] PostgreSQL: skipped (${new URL(base).host}: ${unreachable})`);
      } else {
        if (pgSections.has(10)) await pgSection(server, index, tmpRoot, 10);
        // 11. A fleet of two with subscribers split between them.
        if (pgSections.has(11) && options.subscribers > 0)
          await fleetSubscribersSection(server, tmpRoot, 11, options.subscribers);
        // 12. A page and search on PostgreSQL against a raw pg baseline.
        if (pgSections.has(12)) await pgReadSection(base, server, tmpRoot, 12);
        // 13. Takeover after SIGKILL of the executing instance.
        if (pgSections.has(13)) await takeoverSection(base, server, tmpRoot, 13);
        // 14. The fleet's transport: LISTEN/NOTIFY against Redis pub/sub.
        if (pgSections.has(14)) await transportSection(base, 14);
      }
    }

    // 15. Comparing two cached versions of a chart of 1 MB packages.
    if (!process.argv.includes("--no-compare") && !onlyHostile) await compareSection(tmpRoot, 15);

    console.log(`\nTotal ${fmt((Date.now() - started) / 1000, 1)} s`);
  } finally {
    clearTimeout(watchdog);
    await server?.close();
    cleanup();
  }
}

/** Sections 3 to 5: parse baselines, full sync and no-op re-sync, the results table. */
async function measureSync(
  server: IndexServer,
  index: GeneratedIndex,
  tmpRoot: string,
  options: Options,
): Promise<void> {
  // 3 and 4, interleaved (js-yaml, JSON.parse, sync; three times) so that drift in the machine's
  // speed hits the baselines and the syncs alike; printed afterwards.
  const yamlSamples: number[] = [];
  const jsonSamples: number[] = [];
  const syncs: SyncChildResult[] = [];
  const bodySentAt: number[] = [];
  const notModifiedBefore = server.stats.notModified;
  for (let i = 0; i < Math.max(PARSE_RUNS, SYNC_RUNS); i++) {
    if (i < PARSE_RUNS) {
      yamlSamples.push(await parse("yaml", index.yamlFile));
      jsonSamples.push(await parse("json", index.jsonFile));
    }
    if (i < SYNC_RUNS) {
      syncs.push(
        await syncChild({
          endpoint: `${server.origin}/full-${i}`,
          workDir: path.join(tmpRoot, `sync-${i}`),
          noopRuns: NOOP_RUNS,
        }),
      );
      // The no-op runs get 304s: the last full response is the sync's.
      bodySentAt.push(server.stats.lastFullSentAt);
    }
  }

  const yamlMs = median(yamlSamples);
  const jsonMs = median(jsonSamples);
  console.log(
    `\n[3] Parse baselines (a fresh process each, median of ${PARSE_RUNS}; the file is read before the clock starts)`,
  );
  console.log(
    `    js-yaml load (default schema): ${ms(yamlMs)}  [${yamlSamples.map(ms).join(", ")}]`,
  );
  console.log(
    `    JSON.parse (its JSON form):    ${ms(jsonMs)}  [${jsonSamples.map(ms).join(", ")}]`,
  );

  console.log(
    `\n[4] Full sync (a fresh process and SQLite file each, median of ${SYNC_RUNS}); ` +
      `then ${NOOP_RUNS} no-op re-syncs in the same process`,
  );
  console.log(
    "    (phase spans from the engine's progress events: FETCHING lasts until the index is read —\n" +
      "     download, sha256, UTF-8 decode and js-yaml load; PARSING is the normalization; APPLYING the diff and SQLite writes)",
  );
  for (const [i, result] of syncs.entries()) {
    console.log(
      `    run ${i + 1}: ${result.status} in ${ms(result.fullMs)}, peak RSS ${fmt(result.peakRssMb)} MB ` +
        `(${fmt(result.peakRssAfterAddMb)} MB after add, which took ${ms(result.addMs)}); ` +
        `no-op ${result.noop.map((n) => fmt(n.ms, 1)).join(", ")} ms`,
    );
    console.log(`           ${countsLine(result.counts)}`);
    console.log(`           ${phaseLine(result, bodySentAt[i]!)}`);
  }
  const notModified = server.stats.notModified - notModifiedBefore;
  const fullMs = median(syncs.map((s) => s.fullMs));
  const rssMb = median(syncs.map((s) => s.peakRssMb));
  const noopMs = median(syncs.map((s) => median(s.noop.map((n) => n.ms))));
  const noopAllUnchanged = syncs.every((s) =>
    s.noop.every((n) => n.status === "SUCCEEDED" && n.unchanged),
  );
  const countsOk = syncs.every(
    (s) =>
      s.status === "SUCCEEDED" &&
      s.counts.chartsSeen === index.charts &&
      s.counts.versionsSeen === index.versions,
  );
  console.log(
    `    server answered ${notModified} × 304 for ${SYNC_RUNS * NOOP_RUNS} no-op re-syncs; ` +
      `every no-op run SUCCEEDED with unchanged: ${noopAllUnchanged}; ` +
      `counts match the index: ${countsOk}`,
  );

  // 5. The table.
  const ratio = fullMs / yamlMs;
  console.log("\n[5] Results");
  console.log(
    table([
      ["measure", "value", "target", ""],
      ["full sync (median of 3 processes)", ms(fullMs), "", ""],
      ["js-yaml load (median of 3)", ms(yamlMs), "", ""],
      ["JSON.parse (median of 3)", ms(jsonMs), "", ""],
      [
        "full sync / js-yaml",
        `${fmt(ratio, 2)}×  (full sync / JSON.parse ${fmt(fullMs / jsonMs, 1)}×)`,
        `≤ ${TARGETS.ratio.toFixed(1)}×`,
        passFail(ratio <= TARGETS.ratio),
      ],
      [
        "peak RSS of the sync process (median)",
        `${fmt(rssMb)} MB`,
        `≤ ${TARGETS.peakRssMb} MB`,
        passFail(rssMb <= TARGETS.peakRssMb),
      ],
      [
        "no-op re-sync, 304 (median of medians of 5)",
        ms(noopMs),
        `≤ ${TARGETS.noopMs} ms`,
        passFail(noopMs <= TARGETS.noopMs && noopAllUnchanged),
      ],
    ]),
  );

  if (options.profile || ratio > TARGETS.ratio) await profileSync(server, tmpRoot);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  killChildren();
  process.exitCode = 1;
});
