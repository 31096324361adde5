/**
 * The OCI scenario of the benchmark: a real docker-registry (no auth, behind the test harness's
 * counting proxy) holding 100 repositories × 20 Helm chart tags in Helm ≥ 3.8 layout, catalogued
 * by a gateway in a child process (`child-oci.ts`, fresh SQLite file). Measures the first sync
 * and no-op re-syncs: wall time, the HTTP requests the gateway made (by kind, per version) and
 * the catalog rows a no-op re-sync writes.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildChartTgz, pushHelmChart } from "../test/helpers/oci/push";
import {
  startOciRegistry,
  type OciRegistryServer,
  type RegistryRequest,
} from "../test/helpers/oci/registry";
import { median } from "./bench-support";
import { type OciGatewayCommand, type OciGatewayReply } from "./child-oci";
import { BenchChild, killChildren } from "./child-runner";
import { prng } from "./generate-index";
import { fmt, ms, passFail, table } from "./report";

const REPOSITORIES = 100;
const TAGS = 20;
const SEED = 0x0c1;
/** The registry's base content path: every repository is `<BASE_PATH>/<chart name>`. */
const BASE_PATH = "charts";
/** Charts built and pushed at once. */
const PUSH_CONCURRENCY = 8;
/** No-op re-syncs after the first sync (their request counts do not vary; one keeps the run short). */
const NOOP_RUNS = 1;
/** `created` of every manifest, so that every run pushes the same bytes. */
const CREATED = "2024-01-02T03:04:05Z";
/** The binary the harness runs (test/helpers/oci/registry.ts). */
const REGISTRY_BINARY = "/usr/bin/docker-registry";

const TARGETS = {
  firstRequestsPerVersion: 3.2,
  noopRequestsPerVersion: 1.1,
};

/** Request kinds, in the order they are printed. */
const KINDS = [
  "ping",
  "catalog",
  "tags",
  "HEAD manifest",
  "GET manifest",
  "GET blob",
  "other",
] as const;
type Kind = (typeof KINDS)[number];
/** What a no-op re-sync may ask for. */
const NOOP_KINDS: ReadonlySet<Kind> = new Set(["ping", "catalog", "tags", "HEAD manifest"]);

type Finished = Extract<OciGatewayReply, { type: "finished" }>;

interface MeasuredRun {
  run: Finished;
  requests: Map<Kind, number>;
  total: number;
  /** Answers other than 2xx. */
  failed: number;
}

/** The registry of the section while it runs, for `stopOciRegistry`. */
let current: OciRegistryServer | undefined;

/** Stops the section's registry if one is running (signal and watchdog clean-up). */
export async function stopOciRegistry(): Promise<void> {
  const registry = current;
  current = undefined;
  await registry?.stop();
}

function kindOf(request: RegistryRequest): Kind {
  const p = request.path.split("?")[0]!;
  if (request.method === "GET" && /^\/v2\/?$/.test(p)) return "ping";
  if (request.method === "GET" && p === "/v2/_catalog") return "catalog";
  if (request.method === "GET" && p.endsWith("/tags/list")) return "tags";
  if (p.includes("/manifests/")) {
    if (request.method === "HEAD") return "HEAD manifest";
    if (request.method === "GET") return "GET manifest";
  }
  if (request.method === "GET" && p.includes("/blobs/")) return "GET blob";
  return "other";
}

function measure(run: Finished, requests: RegistryRequest[]): MeasuredRun {
  const counts = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  for (const request of requests) {
    const kind = kindOf(request);
    counts.set(kind, counts.get(kind)! + 1);
  }
  return {
    run,
    requests: counts,
    total: requests.length,
    failed: requests.filter((r) => r.status < 200 || r.status > 299).length,
  };
}

interface ChartPush {
  repository: string;
  name: string;
  version: string;
  appVersion: string;
}

/**
 * The charts to push, from the seed: repository `charts/app-NNN`, versions 1.0.0…1.17.0, one
 * `1.18.0+build.N` (pushed as tag `1.18.0_build.N`) and one `2.0.0-rc.N`.
 */
function chartPushes(): ChartPush[] {
  const next = prng(SEED);
  const pushes: ChartPush[] = [];
  for (let r = 0; r < REPOSITORIES; r++) {
    const name = `app-${String(r).padStart(3, "0")}`;
    const versions = Array.from({ length: TAGS - 2 }, (_, i) => `1.${i}.0`);
    versions.push(`1.${TAGS - 2}.0+build.${1 + (next() % 999)}`, `2.0.0-rc.${1 + (next() % 9)}`);
    for (const version of versions) {
      const appVersion = `${next() % 10}.${next() % 30}.${next() % 10}`;
      pushes.push({ repository: `${BASE_PATH}/${name}`, name, version, appVersion });
    }
  }
  return pushes;
}

/** Runs `work` over the items with at most `concurrency` in flight. */
async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < items.length) await work(items[nextIndex++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function registryVersion(): string {
  try {
    // `<argv[0]> github.com/docker/distribution 2.8.2+ds1`
    const out = execFileSync(REGISTRY_BINARY, ["--version"], { encoding: "utf8" }).trim();
    return /\S+$/.exec(out)?.[0] ?? out;
  } catch {
    return "version unknown";
  }
}

/** Section 7: the OCI scenario, printed as it goes. */
export async function ociSection(tmpRoot: string, section: number): Promise<void> {
  const title = `[${section}] OCI registry`;
  if (!existsSync(REGISTRY_BINARY)) {
    console.log(
      `\n${title}: skipped (${REGISTRY_BINARY} is not installed: the section runs a real CNCF ` +
        "distribution registry; sudo apt-get install -y --no-install-recommends docker-registry)",
    );
    return;
  }
  const versions = REPOSITORIES * TAGS;
  try {
    const registry = await startOciRegistry({ auth: "none" });
    current = registry;
    console.log(
      `\n${title}: ${fmt(REPOSITORIES)} repositories × ${TAGS} tags (${fmt(versions)} Helm charts, ` +
        `Helm ≥ 3.8 layout) under ${BASE_PATH}/ on docker-registry ${registryVersion()}, no auth, ` +
        `behind the harness's counting proxy at ${registry.url}`,
    );

    // The charts (not measured).
    const pushes = chartPushes();
    const pushStart = Date.now();
    await inParallel(pushes, PUSH_CONCURRENCY, async (push) => {
      const chart = await buildChartTgz({
        name: push.name,
        version: push.version,
        appVersion: push.appVersion,
      });
      await pushHelmChart(registry, { repository: push.repository, chart, created: CREATED });
    });
    console.log(
      `    pushed in ${fmt((Date.now() - pushStart) / 1000, 1)} s (not measured; ${PUSH_CONCURRENCY} ` +
        `pushes in flight, ${fmt(registry.requests({ includeHarness: true }).length)} harness requests; ` +
        `versions 1.0.0…1.${TAGS - 3}.0, 1.${TAGS - 2}.0+build.N, 2.0.0-rc.N; seed 0x${SEED.toString(16)})`,
    );

    // The gateway.
    const gateway = new BenchChild<OciGatewayCommand, OciGatewayReply>(
      "child-oci.js",
      [JSON.stringify({ workDir: path.join(tmpRoot, "gateway-oci") })],
      { timeoutMs: 180_000 },
    );
    const { concurrency } = await gateway.next("ready");
    registry.resetRequests();
    gateway.send({
      type: "add",
      name: "bench-oci",
      endpoint: registry.url,
      baseContentPaths: [BASE_PATH],
    });
    const { addMs } = await gateway.next("added");
    const addRequests = registry.requests();

    const sync = async (): Promise<MeasuredRun> => {
      registry.resetRequests();
      gateway.send({ type: "sync" });
      const run = await gateway.next("finished");
      // The proxy records a request before its response leaves: all are in by now.
      return measure(run, registry.requests());
    };
    const first = await sync();
    const noops: MeasuredRun[] = [];
    for (let i = 0; i < NOOP_RUNS; i++) noops.push(await sync());
    gateway.send({ type: "stop" });
    const { peakRssMb } = await gateway.result<{ peakRssMb: number }>();

    report({ concurrency, addMs, addRequests: addRequests.length, first, noops, peakRssMb });
  } finally {
    killChildren();
    await stopOciRegistry();
  }
}

function runLine(label: string, m: MeasuredRun): string {
  const c = m.run.counts;
  const error = m.run.errorCode ? ` (${m.run.errorCode}: ${m.run.errorMessage ?? ""})` : "";
  return (
    `    ${label}: ${m.run.status}${error} in ${ms(m.run.ms)}, gateway CPU ${ms(m.run.cpuMs)}; ` +
    `charts ${fmt(c.chartsSeen)}, versions seen ${fmt(c.versionsSeen)}, added ${fmt(c.versionsAdded)}, ` +
    `updated ${fmt(c.versionsUpdated)}, removed ${fmt(c.versionsRemoved)}, unchanged ${fmt(c.versionsUnchanged)}, ` +
    `skipped ${fmt(c.versionsSkipped)}, warnings ${fmt(m.run.warnings)}; ${fmt(m.total)} requests` +
    (m.failed > 0 ? ` (${fmt(m.failed)} not 2xx)` : "") +
    `; ${fmt(m.run.catalogWrites)} write statements on chart, chart_version`
  );
}

function report(r: {
  concurrency: number;
  addMs: number;
  addRequests: number;
  first: MeasuredRun;
  noops: MeasuredRun[];
  peakRssMb: number;
}): void {
  const versions = REPOSITORIES * TAGS;
  const { first, noops } = r;
  /** Labels for one no-op run or several. */
  const many = noops.length > 1;
  const ofRuns = (what: string) => (many ? ` (${what} of ${noops.length})` : "");
  console.log(
    `    gateway: a child process, fresh SQLite file, OCI_CONCURRENCY ${r.concurrency}; ` +
      `add (validation) ${ms(r.addMs)}, ${fmt(r.addRequests)} requests (not counted below); ` +
      `peak RSS ${fmt(r.peakRssMb)} MB`,
  );
  console.log(runLine("first sync", first));
  noops.forEach((m, i) => console.log(runLine(many ? `no-op #${i + 1}` : "no-op re-sync", m)));

  // Requests by kind: the first sync and the no-op re-sync with the most requests.
  const noop = noops.reduce((a, b) => (b.total > a.total ? b : a));
  const perVersion = (n: number) => fmt(n / versions, 3);
  const kinds = KINDS.filter(
    (k) => k !== "other" || first.requests.get(k)! + noop.requests.get(k)! > 0,
  );
  console.log(
    `\nOCI requests by the gateway (the harness's own left out), per version = ÷ ${fmt(versions)}` +
      (many ? `; no-op: the run with the most of ${noops.length}` : ""),
  );
  console.log(
    table([
      ["request", "first sync", "per version", "no-op re-sync", "per version"],
      ...kinds.map((k) => [
        k,
        fmt(first.requests.get(k)!),
        perVersion(first.requests.get(k)!),
        fmt(noop.requests.get(k)!),
        perVersion(noop.requests.get(k)!),
      ]),
      ["total", fmt(first.total), perVersion(first.total), fmt(noop.total), perVersion(noop.total)],
    ]),
  );

  const firstOk =
    first.run.status === "SUCCEEDED" &&
    first.run.counts.chartsSeen === REPOSITORIES &&
    first.run.counts.versionsAdded === versions &&
    first.run.counts.versionsSkipped === 0;
  const noopOk = noops.every(
    (m) =>
      m.run.status === "SUCCEEDED" &&
      m.run.counts.versionsUnchanged === versions &&
      m.run.counts.versionsAdded + m.run.counts.versionsUpdated + m.run.counts.versionsRemoved ===
        0,
  );
  const firstPerVersion = first.total / versions;
  const noopPerVersion = noop.total / versions;
  const noopMs = median(noops.map((m) => m.run.ms));
  const forbidden = (m: MeasuredRun) =>
    KINDS.filter((k) => !NOOP_KINDS.has(k)).reduce((n, k) => n + m.requests.get(k)!, 0);
  const noopKindsOk = noops.every((m) => forbidden(m) === 0);
  const noopWrites = Math.max(...noops.map((m) => m.run.catalogWrites));
  const sum = (k: Kind) => noops.reduce((n, m) => n + m.requests.get(k)!, 0);

  console.log(
    `\nOCI results (${fmt(REPOSITORIES)} repositories × ${TAGS} tags, one gateway process)`,
  );
  console.log(
    table([
      ["measure", "value", "target", ""],
      [
        "first sync wall time",
        `${ms(first.run.ms)} (${fmt(first.run.ms / versions, 2)} ms per version)`,
        "",
        "",
      ],
      [
        "first sync versions added",
        `${fmt(first.run.counts.versionsAdded)} of ${fmt(versions)} (${first.run.status})`,
        `all ${fmt(versions)}`,
        passFail(firstOk),
      ],
      [
        "first sync requests per version",
        `${fmt(firstPerVersion, 3)} (${fmt(first.total)} requests)`,
        `≤ ${TARGETS.firstRequestsPerVersion}`,
        passFail(firstOk && firstPerVersion <= TARGETS.firstRequestsPerVersion),
      ],
      [
        `no-op re-sync wall time${ofRuns("median")}`,
        `${ms(noopMs)} (${fmt(noopMs / first.run.ms, 2)}× the first sync)` +
          (many ? `  [${noops.map((m) => ms(m.run.ms)).join(", ")}]` : ""),
        "",
        "",
      ],
      [
        "no-op re-sync versions unchanged",
        noops.map((m) => fmt(m.run.counts.versionsUnchanged)).join(", "),
        `all ${fmt(versions)}`,
        passFail(noopOk),
      ],
      [
        `no-op re-sync requests per version${ofRuns("max")}`,
        `${fmt(noopPerVersion, 3)} (${fmt(noop.total)} requests)`,
        `≤ ${TARGETS.noopRequestsPerVersion}`,
        passFail(noopOk && noopPerVersion <= TARGETS.noopRequestsPerVersion),
      ],
      [
        "no-op re-sync GET manifest / GET blob / other",
        `${fmt(sum("GET manifest"))} / ${fmt(sum("GET blob"))} / ${fmt(sum("other"))}` +
          (many ? ` (all ${noops.length} runs)` : ""),
        "0 (ping, catalog, tags, HEAD only)",
        passFail(noopKindsOk),
      ],
      [
        `no-op re-sync catalog rows written${ofRuns("max")}`,
        `${fmt(noopWrites)} (write statements on chart, chart_version)`,
        "0",
        passFail(noopWrites === 0),
      ],
    ]),
  );
}
