/**
 * The read-path section of the benchmark: a page of the catalog served by a raw baseline
 * (node:http + better-sqlite3 prepared statements + JSON.stringify) and by the gateway (response
 * cache off: "miss"; on: "hit"), loaded with the same catalogs, measured in the same run.
 *
 * Catalogs (read-catalog.ts): the 24k-version index of the sync section, synchronized into a
 * fresh file; and 1M versions across 200 registries (rows copied from the 24k file). Servers
 * (read-server.ts) run one per process on CPU 0, autocannon (read-load.ts) on CPU 1, on
 * established connections: a warm-up, then a 10 s window; raw, miss and hit alternated over
 * rounds, medians reported. Before measuring, raw and gateway must answer the same JSON.
 */
import Database from "better-sqlite3";
import { mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { toGlobalId } from "../src/services/ids";
import { median, pin, pinning } from "./bench-support";
import { BenchChild, runToCompletion } from "./child-runner";
import { generateIndex } from "./generate-index";
import { startIndexServer } from "./index-server";
import {
  PAGE_QUERY,
  PAGE_SIZE,
  SEARCH_TERMS,
  type CatalogInput,
  type CatalogResult,
  type LoadCommand,
  type LoadReply,
  type LoadResult,
  type PageVariables,
  type SearchResult,
  type ServerCommand,
  type ServerMode,
  type ServerReply,
  type ServerStats,
} from "./read-protocol";
import { fmt, ms, passFail, table } from "./report";

export interface ReadSectionInput {
  tmpRoot: string;
  /** The section's number in the benchmark's output. */
  section: number;
  /** The sync section's index: its source file, copies and seed. */
  sourceFile: string;
  copies: number;
  seed: number;
}

const REGISTRIES = 200;
const VERSIONS_PER_REGISTRY = 5000;
const WARMUP_MS = 2000;
const MEASURE_MS = 10_000;
/** A server's first load, 1 s + 2 s, discarded (JIT, SQLite pages). */
const FIRST_LOAD_MS = [1000, 2000] as const;
/** Rounds at each connection count (the targets are read at 8 connections). */
const ROUNDS: Record<number, number> = { 8: 3, 64: 2 };
const CONNECTIONS = [8, 64] as const;
export const SEARCH_REPEATS = 3;

export const TARGETS = {
  missRatio: 0.35,
  missP99Ms: 50,
  hitRatio: 1.0,
  scaleP50: 1.5,
  searchP95Ms: 30,
};

const LABELS: Record<ServerMode, string> = {
  raw: "raw baseline",
  miss: "gateway, cache miss",
  hit: "gateway, cache hit",
  bare: "gateway, miss, no metrics",
  traced: "gateway, miss, metrics + tracing",
};

/** One server child, pinned to CPU 0 when pinning is available. */
export interface Server {
  mode: ServerMode;
  url: string;
  child: BenchChild<ServerCommand, ServerReply>;
}

/** One measured window: the load generator's figures and the server's per-request costs. */
interface Measurement extends LoadResult {
  mode: ServerMode;
  cpuMsPerRequest: number;
  statementsPerRequest: number;
  failed: boolean;
}

export interface Summary {
  mode: ServerMode;
  rounds: Measurement[];
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  statementsPerRequest: number;
  loaderCpuPercent: number;
  failed: boolean;
}

export async function startServer(
  mode: ServerMode,
  file: string,
  databaseUrl?: string,
): Promise<Server> {
  const child = new BenchChild<ServerCommand, ServerReply>(
    "read-server.js",
    [JSON.stringify({ mode, file, databaseUrl })],
    { timeoutMs: 900_000 },
  );
  const ready = await child.next("ready");
  pin(ready.pid, 0);
  return { mode, url: ready.url, child };
}

export async function stopServer(server: Server): Promise<void> {
  server.child.send({ type: "stop" });
  await server.child.result<unknown>();
}

async function stats(server: Server): Promise<ServerStats> {
  server.child.send({ type: "stats" });
  return server.child.next("stats");
}

async function post(url: string, variables: PageVariables): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: PAGE_QUERY, variables }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${text.slice(0, 500)}`);
  return text;
}

interface PageJson {
  data?: {
    registry: {
      charts: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: unknown[];
      };
    } | null;
  };
  errors?: unknown[];
}

/** The page as JSON; an error when the answer has `errors` or no registry. */
function parsePage(
  text: string,
  what: string,
): NonNullable<NonNullable<PageJson["data"]>["registry"]> {
  const json = JSON.parse(text) as PageJson;
  if (json.errors)
    throw new Error(`${what} answered errors: ${JSON.stringify(json.errors).slice(0, 500)}`);
  if (!json.data?.registry) throw new Error(`${what} answered no registry: ${text.slice(0, 300)}`);
  return json.data.registry;
}

/** The first place where two JSON values differ (path, and both values), or null. */
function firstDifference(a: unknown, b: unknown, at = "$"): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") {
    return `${at}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${at}: length ${a.length} vs ${b.length}`;
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (!(key in ra) || !(key in rb)) return `${at}.${key}: present in only one of them`;
    const d = firstDifference(ra[key], rb[key], `${at}.${key}`);
    if (d) return d;
  }
  return null;
}

/**
 * Walks a registry's pages on the gateway to the middle page (the page holding the middle chart)
 * and returns its variables and its first chart's position.
 */
export async function middlePage(
  url: string,
  registryId: string,
): Promise<{ variables: PageVariables; from: number; total: number }> {
  let variables: PageVariables = { registryId, first: PAGE_SIZE, after: null };
  const first = parsePage(await post(url, variables), "the gateway");
  const total = first.charts.totalCount;
  const target = Math.floor(total / 2 / PAGE_SIZE);
  let page = first;
  for (let i = 0; i < target; i++) {
    variables = { registryId, first: PAGE_SIZE, after: page.charts.pageInfo.endCursor };
    if (i < target - 1) page = parsePage(await post(url, variables), "the gateway");
  }
  return { variables, from: target * PAGE_SIZE + 1, total };
}

/**
 * Raw and gateway (miss) must answer the same JSON for a registry's first page and for
 * `middle`; throws with the first difference otherwise. Returns whether the bytes were equal.
 */
export async function sameJson(
  raw: Server,
  gateway: Server,
  registryId: string,
  middle: PageVariables,
  what: string,
): Promise<boolean> {
  let identical = true;
  const firstPage: PageVariables = { registryId, first: PAGE_SIZE, after: null };
  for (const [label, variables] of [
    ["first page", firstPage],
    ["middle page", middle],
  ] as const) {
    const rawText = await post(raw.url, variables);
    const gatewayText = await post(gateway.url, variables);
    const fromRaw = parsePage(rawText, `raw (${what}, ${label})`);
    const fromGateway = parsePage(gatewayText, `the gateway (${what}, ${label})`);
    const difference = firstDifference(fromGateway, fromRaw, "$.data.registry");
    if (difference) {
      console.log(
        `    SAME JSON: FAIL on the ${what} catalog, ${label}: gateway vs raw at ${difference}`,
      );
      throw new Error(`raw and gateway answer different JSON (${what}, ${label}): ${difference}`);
    }
    if (fromRaw.charts.edges.length === 0) throw new Error(`empty page (${what}, ${label})`);
    identical &&= rawText === gatewayText;
  }
  return identical;
}

/** The load generator's runs against one server: warm-up, window, server counters at its edges. */
async function measure(
  load: BenchChild<LoadCommand, LoadReply>,
  server: Server,
  body: string,
  expectBody: string,
  connections: number,
  [warmupMs, measureMs]: readonly [number, number] = [WARMUP_MS, MEASURE_MS],
): Promise<Measurement> {
  load.send({ type: "run", url: server.url, body, expectBody, connections, warmupMs, measureMs });
  await load.next("window-start");
  const before = await stats(server);
  const result = await load.next("window-end");
  const after = await stats(server);
  await load.next("finished");
  const requests = Math.max(1, after.requests - before.requests);
  const { type: _type, ...figures } = result;
  return {
    ...figures,
    mode: server.mode,
    cpuMsPerRequest: (after.cpuMs - before.cpuMs) / requests,
    statementsPerRequest: (after.statements - before.statements) / requests,
    failed: result.non2xx + result.mismatches + result.errors > 0 || result.requests === 0,
  };
}

function summarize(mode: ServerMode, rounds: Measurement[]): Summary {
  const m = (pick: (r: Measurement) => number) => median(rounds.map(pick));
  return {
    mode,
    rounds,
    rps: m((r) => r.rps),
    p50: m((r) => r.p50),
    p99: m((r) => r.p99),
    cpuMsPerRequest: m((r) => r.cpuMsPerRequest),
    statementsPerRequest: m((r) => r.statementsPerRequest),
    loaderCpuPercent: Math.max(...rounds.map((r) => r.loaderCpuPercent)),
    failed: rounds.some((r) => r.failed),
  };
}

/** Measures the servers at `connections` over rounds, the order reversed every other round. */
export async function rounds(
  load: BenchChild<LoadCommand, LoadReply>,
  servers: Server[],
  bodies: { body: string; expected: Map<ServerMode, string> },
  connections: number,
): Promise<Summary[]> {
  const results = new Map<ServerMode, Measurement[]>(servers.map((s) => [s.mode, []]));
  for (let round = 0; round < ROUNDS[connections]!; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const server of order) {
      const expected = bodies.expected.get(server.mode)!;
      results
        .get(server.mode)!
        .push(await measure(load, server, bodies.body, expected, connections));
    }
  }
  return servers.map((s) => summarize(s.mode, results.get(s.mode)!));
}

export function resultTable(title: string, summaries: Summary[]): string {
  const raw = summaries.find((s) => s.mode === "raw");
  const failures = (s: Summary) => {
    const n = (pick: (r: Measurement) => number) => s.rounds.reduce((a, r) => a + pick(r), 0);
    const parts = [
      n((r) => r.non2xx) > 0 ? `${fmt(n((r) => r.non2xx))} non-2xx` : "",
      n((r) => r.mismatches) > 0 ? `${fmt(n((r) => r.mismatches))} wrong bodies` : "",
      n((r) => r.errors) > 0 ? `${fmt(n((r) => r.errors))} errors` : "",
    ].filter(Boolean);
    return parts.length > 0 ? `FAILED: ${parts.join(", ")}` : "ok";
  };
  return table([
    [title, "req/s (rounds)", "p50", "p99", "CPU/req", "SQL/req", "vs raw", "responses"],
    ...summaries.map((s) => [
      LABELS[s.mode],
      `${fmt(s.rps)} (${s.rounds.map((r) => fmt(r.rps)).join(" / ")})`,
      ms(s.p50),
      ms(s.p99),
      `${fmt(s.cpuMsPerRequest, 2)} ms`,
      fmt(s.statementsPerRequest, 1),
      raw ? `${fmt(s.rps / raw.rps, 2)}×` : "",
      failures(s),
    ]),
  ]);
}

/** Every response of a window must be this server's answer to the page, fetched beforehand. */
export async function expectedBodies(
  servers: Server[],
  variables: PageVariables,
): Promise<{ body: string; expected: Map<ServerMode, string> }> {
  const expected = new Map<ServerMode, string>();
  for (const server of servers) {
    // The hit server's first answer fills its cache; the second is what the window will get.
    if (server.mode === "hit") await post(server.url, variables);
    const text = await post(server.url, variables);
    parsePage(text, LABELS[server.mode]);
    expected.set(server.mode, text);
  }
  return { body: JSON.stringify({ query: PAGE_QUERY, variables }), expected };
}

/** A first, discarded load of every server (JIT, SQLite pages) before the measured rounds. */
export async function firstLoad(
  load: BenchChild<LoadCommand, LoadReply>,
  servers: Server[],
  bodies: { body: string; expected: Map<ServerMode, string> },
): Promise<void> {
  for (const server of servers) {
    await measure(load, server, bodies.body, bodies.expected.get(server.mode)!, 8, FIRST_LOAD_MS);
  }
}

/** Sync runs recorded in a catalog file. */
function syncRuns(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM sync_run").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const mb = (bytes: number) => `${fmt(bytes / 1e6)} MB`;

/**
 * searchCharts(first: 20) over the bench's terms on one keep-alive connection to `url` (the
 * load child's "search"), a warm-up pass then SEARCH_REPEATS passes; prints the slowest terms.
 */
export async function measureSearch(
  load: BenchChild<LoadCommand, LoadReply>,
  url: string,
  over: string,
): Promise<SearchResult> {
  load.send({ type: "search", url, terms: SEARCH_TERMS, repeats: SEARCH_REPEATS });
  const { type: _type, ...search } = await load.next("searched");
  const searched: SearchResult = search;
  const slowest = Object.entries(searched.byTerm)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([term, t]) => `"${term}" ${ms(t)} (${fmt(searched.totals[term] ?? Number.NaN)} hits)`)
    .join(", ");
  console.log(
    `    search: ${SEARCH_TERMS.length} terms × ${SEARCH_REPEATS} after a warm-up pass, sequential, ` +
      `searchCharts(first: 20) ${over}; slowest (median): ${slowest}` +
      (searched.failures > 0
        ? `; ${searched.failures} FAILED, first: ${searched.firstFailure}`
        : ""),
  );
  return searched;
}

export async function readSection(input: ReadSectionInput): Promise<void> {
  const started = Date.now();
  const dir = path.join(input.tmpRoot, "read");
  mkdirSync(dir, { recursive: true });
  console.log(
    `\n[${input.section}] Read path: a page of 50 charts (latest version, 5 versions each) served by a raw ` +
      "baseline and by the gateway, same catalog, same run",
  );
  try {
    // 1. Catalogs.
    const genStart = Date.now();
    const index = generateIndex({
      sourceFile: input.sourceFile,
      outDir: dir,
      copies: input.copies,
      seed: input.seed,
    });
    const genMs = Date.now() - genStart;
    const indexServer = await startIndexServer(index.yamlFile, new Date("2023-03-01T10:01:00Z"));
    let catalogs: CatalogResult;
    try {
      const catalogInput: CatalogInput = {
        indexEndpoint: `${indexServer.origin}/read`,
        dir24k: path.join(dir, "catalog-24k"),
        dir1m: path.join(dir, "catalog-1m"),
        registries: REGISTRIES,
        versionsPerRegistry: VERSIONS_PER_REGISTRY,
      };
      catalogs = await runToCompletion<CatalogResult>(
        "read-catalog.js",
        [JSON.stringify(catalogInput)],
        { timeoutMs: 300_000 },
      );
    } finally {
      await indexServer.close();
    }
    const { small, large } = catalogs;
    console.log(
      table([
        ["catalog", "registries", "charts", "versions", "SQLite file", "built in"],
        [
          "24k",
          fmt(small.registries),
          fmt(small.charts),
          fmt(small.versions),
          mb(small.bytes),
          `index generated ${ms(genMs)}, synced ${ms(small.syncMs)}`,
        ],
        [
          "1M",
          fmt(large.registries),
          fmt(large.charts),
          fmt(large.versions),
          mb(large.bytes),
          `${fmt(large.registries)} registries added ${ms(large.registriesMs)}, ` +
            `rows copied with SQL ${ms(large.copyMs)}`,
        ],
      ]),
    );
    console.log(
      `    1M: each registry holds a rotation of the 24k charts (by name, a different start each) up to ` +
        `≈${fmt(VERSIONS_PER_REGISTRY)} versions, rows copied with INSERT … SELECT, latest versions remapped; ` +
        `registries never synchronized (empty index endpoints, no schedule)`,
    );
    const loadAverage = loadavg()
      .map((n) => fmt(n, 1))
      .join(" ");
    console.log(
      `    load: autocannon in its own process, POST /graphql, warm-up ${fmt(WARMUP_MS / 1000)} s then ` +
        `${fmt(MEASURE_MS / 1000)} s on the same connections, servers alternated over ${ROUNDS[8]} rounds ` +
        `(8 connections) or ${ROUNDS[64]} (64), medians; machine load average before: ${loadAverage}; ` +
        (pinning
          ? "servers pinned to CPU 0, autocannon to CPU 1 (taskset)"
          : "no CPU pinning (taskset or a second CPU missing)"),
    );

    const load = new BenchChild<LoadCommand, LoadReply>("read-load.js", [], {
      timeoutMs: 900_000,
    });
    pin((await load.next("ready")).pid, 1);

    // 2. The 24k catalog: raw, miss and hit at 8 and 64 connections.
    const servers24k: Server[] = [];
    for (const mode of ["raw", "miss", "hit"] as const) {
      servers24k.push(await startServer(mode, small.file));
    }
    const [raw24k, miss24k] = servers24k as [Server, Server, Server];
    console.log(
      "    servers: raw = node:http + better-sqlite3 (readonly, 3 prepared statements) + JSON.stringify; " +
        "gateway miss = response cache off (RESPONSE_CACHE_BYTES=0); gateway hit = default config; " +
        "gateways in production mode, as `npm start` runs",
    );
    const registry24k = toGlobalId("Registry", small.registryId);
    const page24k = await middlePage(miss24k.url, registry24k);
    const identical24k = await sameJson(raw24k, miss24k, registry24k, page24k.variables, "24k");
    const bodies24k = await expectedBodies(servers24k, page24k.variables);
    console.log(
      `    page measured: charts ${fmt(page24k.from)}–${fmt(page24k.from + PAGE_SIZE - 1)} of ` +
        `${fmt(page24k.total)} (24k), ${fmt(Buffer.byteLength(bodies24k.expected.get("raw")!))} bytes of JSON; ` +
        `same JSON from raw and gateway for the first and this page: PASS ` +
        `(byte-identical: ${identical24k ? "yes" : "no"})`,
    );
    await firstLoad(load, servers24k, bodies24k);
    const by24k = new Map<number, Summary[]>();
    for (const connections of CONNECTIONS) {
      const summaries = await rounds(load, servers24k, bodies24k, connections);
      by24k.set(connections, summaries);
      console.log(resultTable(`24k, ${connections} connections`, summaries));
    }
    for (const server of servers24k) await stopServer(server);

    // 2b. What observability costs: miss (metrics on, the default) and traced (metrics and
    // tracing) against bare (METRICS=false, tracing off), same page, same run.
    const observed: Server[] = [];
    for (const mode of ["bare", "miss", "traced"] as const) {
      observed.push(await startServer(mode, small.file));
    }
    const observedBodies = await expectedBodies(observed, page24k.variables);
    await firstLoad(load, observed, observedBodies);
    const observedSummaries = await rounds(load, observed, observedBodies, 8);
    const bare = observedSummaries.find((s) => s.mode === "bare")!;
    console.log(
      table([
        ["24k, 8 connections", "req/s (rounds)", "p50", "p99", "CPU/req", "vs no metrics"],
        ...observedSummaries.map((s) => [
          LABELS[s.mode],
          `${fmt(s.rps)} (${s.rounds.map((r) => fmt(r.rps)).join(" / ")})`,
          ms(s.p50),
          ms(s.p99),
          `${fmt(s.cpuMsPerRequest, 3)} ms`,
          `${fmt(s.rps / bare.rps, 3)}× req/s, ${fmt(s.cpuMsPerRequest / bare.cpuMsPerRequest, 3)}× CPU` +
            (s.failed ? " FAILED" : ""),
        ]),
      ]),
    );
    console.log(
      "    observability: metrics are on by default (every request timed and counted); tracing is " +
        "off unless OTEL_* asks (no tracer then); traced = every request's HTTP and GraphQL spans " +
        "made and handed to an exporter that drops them",
    );
    for (const server of observed) await stopServer(server);

    // 3. The 1M catalog: a middle page of a registry in the middle, raw and miss at 8 connections.
    const servers1m = [await startServer("raw", large.file), await startServer("miss", large.file)];
    const [raw1m, miss1m] = servers1m as [Server, Server];
    const registry1m = toGlobalId("Registry", large.middleRegistryId);
    const page1m = await middlePage(miss1m.url, registry1m);
    const identical1m = await sameJson(raw1m, miss1m, registry1m, page1m.variables, "1M");
    const bodies1m = await expectedBodies(servers1m, page1m.variables);
    console.log(
      `    1M page measured: charts ${fmt(page1m.from)}–${fmt(page1m.from + PAGE_SIZE - 1)} of ` +
        `${fmt(page1m.total)} in ${large.middleRegistryName} (registry ${REGISTRIES / 2 + 1} of ${REGISTRIES}); ` +
        `same JSON: PASS (byte-identical: ${identical1m ? "yes" : "no"})`,
    );
    await firstLoad(load, servers1m, bodies1m);
    const summaries1m = await rounds(load, servers1m, bodies1m, 8);
    console.log(resultTable("1M, 8 connections", summaries1m));

    // 4. Search over the 1M catalog, gateway with the cache off, one keep-alive connection.
    const searched = await measureSearch(
      load,
      miss1m.url,
      `over ${fmt(large.charts)} charts / ${fmt(large.versions)} versions`,
    );
    for (const server of servers1m) await stopServer(server);
    load.send({ type: "stop" });
    await load.result<unknown>();
    const runs = syncRuns(large.file);
    if (runs !== 0) {
      console.log(
        `    WARNING: ${fmt(runs)} sync runs in the 1M file (its registries must never sync)`,
      );
    }

    // 5. Targets.
    const at8 = by24k.get(8)!;
    const pick = (list: Summary[], mode: ServerMode) => list.find((s) => s.mode === mode)!;
    const raw8 = pick(at8, "raw");
    const miss8 = pick(at8, "miss");
    const hit8 = pick(at8, "hit");
    const miss1m8 = pick(summaries1m, "miss");
    const missRatio = miss8.rps / raw8.rps;
    const hitRatio = hit8.rps / raw8.rps;
    const scale = miss1m8.p50 / miss8.p50;
    const ok = (...list: Summary[]) => list.every((s) => !s.failed);
    const loaderBusy = [...by24k.values(), summaries1m]
      .flat()
      .filter((s) => s.loaderCpuPercent > 90)
      .map((s) => `${LABELS[s.mode]} ${fmt(s.loaderCpuPercent)} %`);
    console.log(`\nRead path: targets (24k catalog unless stated; ratios from this run)`);
    console.log(
      table([
        ["measure", "value", "target", ""],
        [
          "cache miss: req/s vs raw, 8 connections",
          `${fmt(missRatio, 2)}× (${fmt(miss8.rps)} vs ${fmt(raw8.rps)} req/s)`,
          `≥ ${fmt(TARGETS.missRatio, 2)}×`,
          passFail(ok(raw8, miss8) && missRatio >= TARGETS.missRatio),
        ],
        [
          "cache miss: p99, 8 connections",
          ms(miss8.p99),
          `≤ ${TARGETS.missP99Ms} ms`,
          passFail(ok(miss8) && miss8.p99 <= TARGETS.missP99Ms),
        ],
        [
          "cache hit: req/s vs raw, 8 connections",
          `${fmt(hitRatio, 2)}× (${fmt(hit8.rps)} vs ${fmt(raw8.rps)} req/s)`,
          `≥ ${fmt(TARGETS.hitRatio, 1)}×`,
          passFail(ok(raw8, hit8) && hitRatio >= TARGETS.hitRatio),
        ],
        [
          "cache miss p50 at 1M vs 24k, 8 connections",
          `${fmt(scale, 2)}× (${ms(miss1m8.p50)} vs ${ms(miss8.p50)}; p99 ${ms(miss1m8.p99)} vs ${ms(miss8.p99)})`,
          `≤ ${fmt(TARGETS.scaleP50, 1)}×`,
          passFail(ok(miss8, miss1m8) && scale <= TARGETS.scaleP50),
        ],
        [
          "search over 1M versions: p95 (p50, max)",
          `${ms(searched.p95)} (${ms(searched.p50)}, ${ms(searched.max)}; ${fmt(searched.requests)} requests)`,
          `≤ ${TARGETS.searchP95Ms} ms`,
          passFail(searched.failures === 0 && searched.p95 <= TARGETS.searchP95Ms),
        ],
      ]),
    );
    if (loaderBusy.length > 0) {
      console.log(
        `    note: autocannon's CPU was above 90 % of its core (${loaderBusy.join(", ")}): ` +
          "those figures may be limited by the load generator",
      );
    }
    console.log(`    read-path section took ${fmt((Date.now() - started) / 1000, 1)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
