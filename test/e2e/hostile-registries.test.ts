/**
 * Hostile registries: each behaviour is served by a registry that first synced a good index (or
 * good artifacts), then turned hostile; the re-sync must end in a typed error or a recorded
 * warning, with the process up, its memory bounded and the catalog intact.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AddHelmRegistryDocument,
  AddOciRegistryDocument,
  ChartDocument,
  CheckChartReferenceDocument,
  ChartsDocument,
  OciVersionsDocument,
  RegistriesDocument,
  ValidateHelmRegistryDocument,
  ValidateOciRegistryDocument,
  VersionContentDocument,
  type RunFieldsFragment,
} from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import {
  FixtureServer,
  declareLength,
  drip,
  endless,
  hang,
  redirect,
  requireBasicAuth,
  respond,
  serveBody,
  truncated,
  type RouteHandler,
} from "../helpers/http-fixture-server";
import { HostileDistribution, digestOf } from "../helpers/hostile/distribution-server";
import {
  ECHO_PASSWORD,
  ECHO_USERNAME,
  echoForms,
  echoing,
  leakedFragments,
} from "../helpers/hostile/echo";
import { measureMemory, MiB, type MemoryGrowth } from "../helpers/hostile/memory";
import {
  aliasBombIndex,
  deeplyNestedIndex,
  helmIndex,
  manyVersionsChart,
  tarGz,
  tgzBomb,
  zeroGzip,
} from "../helpers/hostile/payloads";
import { TcpSwitch } from "../helpers/hostile/tcp-switch";
import { buildChartTgz, pushBlobOnly, pushHelmChart } from "../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../helpers/oci/registry";
import { buildPack, pushPack } from "../helpers/pack/packs";
import { syncAndWait } from "../helpers/sync";
import { createTestPki, type TestPki } from "../helpers/test-pki";
import { putRawManifest } from "../helpers/oci/oci-test-support";

/** REGISTRY_MAX_INDEX_BYTES of the gateway: room for the 10 MB string and 100,000 versions. */
const INDEX_LIMIT = 24 * MiB;
/** Memory a hostile behaviour may take while it runs, unless its test states another bound. */
const SMALL_BOUND = 16 * MiB;
/** Memory a hostile behaviour may leave behind once it is over. */
const RETAINED_BOUND = 4 * MiB;
/** The good index every Helm registry syncs first: kubernetes-dashboard, 80-odd versions. */
const GOOD_INDEX = readFileSync(fixturePath("helm", "kubernetes-dashboard", "index.yaml"));
const DASHBOARD = "kubernetes-dashboard";

let t: TestGateway;
let server: FixtureServer;
/** Names of the registries this file added, each turned hostile. */
const added: string[] = [];

beforeAll(async () => {
  t = await startTestGateway({
    REGISTRY_NETWORK_ALLOWLIST: "127.0.0.0/8,::1,localhost",
    REGISTRY_CONNECT_TIMEOUT: "1s",
    REGISTRY_REQUEST_TIMEOUT: "2s",
    REGISTRY_MAX_INDEX_BYTES: `${INDEX_LIMIT / MiB}MB`,
    SYNC_SCHEDULE: "false",
  });
  server = await FixtureServer.start();
});

afterAll(async () => {
  await t?.close();
  await server?.close();
});

/** Versions of the good index whose digest must survive every hostile behaviour. */
const DASHBOARD_PINS: [string, string][] = [
  [DASHBOARD, "6.0.8"],
  [DASHBOARD, "7.13.0"],
];

/** What a registry's catalog holds, read through the API (so the gateway still answers). */
interface CatalogState {
  charts: number;
  versions: number;
  /** `chart@version` → digest, for the pinned versions. */
  digests: Record<string, string | null>;
}

/** A Helm registry's catalog: its charts and versions, and the digests of DASHBOARD_PINS. */
async function catalogState(registryId: string): Promise<CatalogState> {
  const { registry } = await t.ok(ChartsDocument, { id: registryId, first: 100 });
  const digests: Record<string, string | null> = {};
  for (const [chart, version] of DASHBOARD_PINS) {
    const data = await t.ok(ChartDocument, {
      id: registryId,
      name: chart,
      range: version,
      first: 1,
    });
    digests[`${chart}@${version}`] = data.registry?.chart?.versions.edges[0]?.node.digest ?? null;
  }
  return {
    charts: registry!.charts.totalCount,
    versions: registry!.charts.edges.reduce((n, e) => n + e.node.versionCount, 0),
    digests,
  };
}

/** A Helm registry that synced the good index, about to turn hostile. */
interface Victim {
  id: string;
  /** Path of its index on `server`. */
  indexPath: string;
  /** Its catalog after the good sync. */
  before: CatalogState;
}

/**
 * Adds a Helm registry at `/<slug>` of `server` serving the good index (behind basic auth when
 * `auth` is given), syncs it and records its catalog.
 */
async function goodHelmRegistry(
  slug: string,
  auth?: { username: string; password: string },
): Promise<Victim> {
  const indexPath = `/${slug}/index.yaml`;
  const good = serveBody(GOOD_INDEX);
  server.route(indexPath, auth ? requireBasicAuth(auth.username, auth.password, good) : good);
  const data = await t.ok(AddHelmRegistryDocument, {
    input: {
      name: slug,
      endpoint: server.url(`/${slug}`),
      ...(auth && { auth: { type: "BASIC" as const, ...auth } }),
    },
  });
  const id = data.addHelmRegistry.id;
  added.push(slug);
  expect(await syncAndWait(t, id)).toMatchObject({ status: "SUCCEEDED", error: null });
  const before = await catalogState(id);
  expect(before.versions).toBeGreaterThan(50);
  for (const digest of Object.values(before.digests)) expect(digest).toMatch(/^[0-9a-f]{64}$/);
  return { id, indexPath, before };
}

/** Re-syncs a registry and measures the memory the run takes. */
async function resync(id: string): Promise<{ run: RunFieldsFragment; growth: MemoryGrowth }> {
  const { result, growth } = await measureMemory(() => syncAndWait(t, id));
  return { run: result, growth };
}

/** The run failed with `code` and a message, and the catalog is what it was. */
async function expectTypedFailure(victim: Victim, run: RunFieldsFragment, code: string) {
  expect({ status: run.status, code: run.error?.code }).toEqual({ status: "FAILED", code });
  expect(run.error!.message.length).toBeGreaterThan(10);
  expect(await catalogState(victim.id)).toEqual(victim.before);
}

/**
 * While the behaviour ran, the memory of the process (JavaScript's and resident) grew by less than
 * `bound`; once it was over, what it left was collected.
 */
function expectMemoryBound(growth: MemoryGrowth, bound: number) {
  expect(growth.peakJs).toBeLessThan(bound);
  expect(growth.peakRss).toBeLessThan(bound);
  expect(growth.retainedJs).toBeLessThan(RETAINED_BOUND);
}

/** The run succeeded and recorded warnings with these codes (among others). */
function expectWarnings(run: RunFieldsFragment, ...codes: string[]) {
  expect({ status: run.status, error: run.error }).toEqual({ status: "SUCCEEDED", error: null });
  expect(run.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(codes));
}

/** The good index with `entries` prefixed by a chart written as YAML lines. */
function goodIndexWith(chartYaml: string): string {
  const text = GOOD_INDEX.toString("utf8");
  expect(text).toContain("\nentries:\n");
  return text.replace("\nentries:\n", `\nentries:\n${chartYaml}`);
}

/** One hostile behaviour of a Helm registry's index and the typed error it must end in. */
interface IndexFailure {
  behaviour: string;
  /** Serves the behaviour at the victim's index path (and any other route it needs). */
  serve: (indexPath: string) => void;
  code: string;
  /** A fragment of the run's error message. */
  says: RegExp;
}

/** Serves one handler at the index path. */
const at =
  (handler: () => RouteHandler) =>
  (indexPath: string): void => {
    server.route(indexPath, handler());
  };

const INDEX_FAILURES: IndexFailure[] = [
  {
    behaviour: "401 Unauthorized",
    serve: at(() => respond(401, "who are you?")),
    code: "AUTH_FAILED",
    says: /401/,
  },
  {
    behaviour: "403 Forbidden",
    serve: at(() => respond(403, "not for you")),
    code: "FORBIDDEN",
    says: /403/,
  },
  {
    behaviour: "404 Not Found",
    serve: at(() => respond(404, "no such index")),
    code: "NOT_FOUND",
    says: /404/,
  },
  {
    behaviour: "429 Too Many Requests, retry in an hour",
    serve: at(() =>
      respond(429, "slow down", { "content-type": "text/plain", "retry-after": "3600" }),
    ),
    code: "RATE_LIMITED",
    says: /3600/,
  },
  {
    behaviour: "500 Internal Server Error",
    serve: at(() => respond(500, "boom")),
    code: "SERVER_ERROR",
    says: /500/,
  },
  {
    behaviour: "503 Service Unavailable",
    serve: at(() =>
      respond(503, "down for maintenance", { "content-type": "text/plain", "retry-after": "120" }),
    ),
    code: "SERVER_ERROR",
    says: /503/,
  },
  {
    behaviour: "a redirect loop (index → elsewhere → index)",
    serve: (indexPath) => {
      server.route(indexPath, redirect(`${indexPath}.elsewhere`));
      server.route(`${indexPath}.elsewhere`, redirect(indexPath));
    },
    code: "PROTOCOL",
    says: /Redirect loop/,
  },
  {
    behaviour: "a redirect to a file: URL",
    serve: at(() => redirect("file:///etc/passwd")),
    code: "PROTOCOL",
    says: /unsupported scheme/,
  },
  {
    behaviour: "a redirect to the cloud metadata address",
    serve: at(() => redirect("http://169.254.169.254/latest/meta-data/")),
    code: "ADDRESS_NOT_ALLOWED",
    says: /169\.254\.169\.254/,
  },
  { behaviour: "a hang with no bytes at all", serve: at(hang), code: "TIMEOUT", says: /2000 ms/ },
  {
    behaviour: "a slow drip of one byte every 50 ms",
    serve: at(() => drip("a", 50)),
    code: "TIMEOUT",
    says: /2000 ms/,
  },
  {
    behaviour: "headers promising 100 kB, then silence",
    serve: at(() => declareLength(100_000)),
    code: "TIMEOUT",
    says: /2000 ms/,
  },
  {
    behaviour: "a Content-Length lie (20 kB of the index, then the connection closes)",
    serve: at(() =>
      truncated(GOOD_INDEX.subarray(0, 20_000), { declaredLength: GOOD_INDEX.length }),
    ),
    code: "UNREACHABLE",
    says: /closed by the server/,
  },
  {
    behaviour: "a connection reset in the middle of a chunked body",
    serve: at(() => truncated(GOOD_INDEX.subarray(0, 20_000), { chunked: true })),
    code: "UNREACHABLE",
    says: /closed by the server/,
  },
  {
    behaviour: "a Content-Length above the index limit",
    serve: at(() => declareLength(INDEX_LIMIT + 1)),
    code: "TOO_LARGE",
    says: /Content-Length/,
  },
  {
    behaviour: "invalid UTF-8 in the middle of the index",
    serve: at(() =>
      serveBody(
        Buffer.concat([
          GOOD_INDEX.subarray(0, 5000),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
          GOOD_INDEX.subarray(5000),
        ]),
      ),
    ),
    code: "PARSE",
    says: /UTF-8/,
  },
  {
    behaviour: "an HTML login page instead of YAML",
    serve: at(() =>
      serveBody("<!DOCTYPE html>\n<html><body><h1>Sign in</h1><form></form></body></html>\n", {
        contentType: "text/html; charset=utf-8",
      }),
    ),
    code: "PARSE",
    says: /"text\/html" content, not a Helm repository index/,
  },
  {
    behaviour: "a JSON index whose root is a list",
    serve: at(() =>
      serveBody(JSON.stringify([{ apiVersion: "v1", entries: {} }]), {
        contentType: "application/json",
      }),
    ),
    code: "PARSE",
    says: /it is a list/,
  },
  { behaviour: "an empty body", serve: at(() => serveBody("")), code: "PARSE", says: /empty/ },
  {
    behaviour: "a YAML alias bomb (billion laughs: 10^10 nodes in 768 bytes)",
    serve: at(() => serveBody(aliasBombIndex())),
    code: "PARSE",
    says: /billion laughs/,
  },
  {
    behaviour: "nesting 100,000 levels deep",
    serve: at(() => serveBody(deeplyNestedIndex(100_000))),
    code: "PARSE",
    says: /nest/,
  },
  {
    behaviour: "a duplicate key inside a version entry",
    serve: at(() =>
      serveBody(goodIndexWith("  dup:\n  - name: dup\n    version: 1.0.0\n    version: 6.6.6\n")),
    ),
    code: "PARSE",
    says: /duplicated mapping key/,
  },
  {
    behaviour: "the same chart name twice under entries",
    serve: at(() =>
      serveBody(
        goodIndexWith(
          "  dup:\n  - name: dup\n    version: 1.0.0\n  dup:\n  - name: dup\n    version: 2.0.0\n",
        ),
      ),
    ),
    code: "PARSE",
    says: /duplicated mapping key/,
  },
];

describe("a Helm registry whose index turns hostile after a good sync", () => {
  it.each(INDEX_FAILURES.map((failure, i) => ({ ...failure, slug: `index-${i}` })))(
    "$behaviour: FAILED $code, the catalog intact",
    async ({ slug, serve, code, says }) => {
      const victim = await goodHelmRegistry(slug);
      serve(victim.indexPath);
      const { run, growth } = await resync(victim.id);
      await expectTypedFailure(victim, run, code);
      expect(run.error!.message).toMatch(says);
      expectMemoryBound(growth, SMALL_BOUND);
    },
  );

  it("an endless body: TOO_LARGE at the index limit, reading stops there", async () => {
    const victim = await goodHelmRegistry("endless");
    const stream = endless();
    server.route(victim.indexPath, stream);
    const { run, growth } = await resync(victim.id);
    await expectTypedFailure(victim, run, "TOO_LARGE");
    // The body is read up to the limit and dropped; the socket closes, the server stops sending
    // (what it sent beyond the limit sat in socket buffers).
    expect(stream.closed()).toBe(true);
    expect(stream.sent()).toBeLessThan(INDEX_LIMIT + 16 * MiB);
    // The limit's worth of chunks, and their copies as the read ends.
    expectMemoryBound(growth, INDEX_LIMIT + 24 * MiB);
  });

  it("a gzip bomb (1 GiB of zeros in 1 MB): TOO_LARGE, inflating stops at the index limit", async () => {
    const victim = await goodHelmRegistry("gzip-bomb");
    const bomb = zeroGzip(1024);
    server.route(victim.indexPath, (_req, res) => {
      res
        .writeHead(200, {
          "content-type": "application/x-yaml",
          "content-encoding": "gzip",
          "content-length": String(bomb.length),
        })
        .end(bomb);
    });
    const { run, growth } = await resync(victim.id);
    await expectTypedFailure(victim, run, "TOO_LARGE");
    expect(run.error!.message).toMatch(/decompressed/);
    // A sixteenth of what the bomb inflates to.
    expectMemoryBound(growth, 64 * MiB);
  });
});

describe("a Helm registry whose index turns odd but readable", () => {
  it("a 10 MB description: SUCCEEDED, cut to 64 KiB with FIELD_TRUNCATED, not kept whole", async () => {
    const victim = await goodHelmRegistry("ten-megabytes");
    const huge = "x".repeat(10 * 1000 * 1000);
    server.route(
      victim.indexPath,
      serveBody(
        goodIndexWith(`  huge:\n  - name: huge\n    version: 1.0.0\n    description: ${huge}\n`),
      ),
    );
    const { run, growth } = await resync(victim.id);
    expectWarnings(run, "FIELD_TRUNCATED");
    const truncatedField = run.warnings.find((w) => w.code === "FIELD_TRUNCATED")!;
    expect(truncatedField).toMatchObject({ chart: "huge", version: "1.0.0" });
    const { registry } = await t.ok(ChartDocument, { id: victim.id, name: "huge", first: 1 });
    expect(registry!.chart!.versions.edges[0].node.description).toHaveLength(64 * 1024);
    const after = await catalogState(victim.id);
    expect(after).toEqual({
      ...victim.before,
      charts: victim.before.charts + 1,
      versions: victim.before.versions + 1,
    });
    // The body, its text and a parse in flight: a few times the string, never more.
    expectMemoryBound(growth, 6 * huge.length);
  });

  it("a 10 MB chart name: SUCCEEDED, that chart skipped (INVALID_ENTRY), no 10 MB warning", async () => {
    const victim = await goodHelmRegistry("ten-megabyte-name");
    const name = "n".repeat(10 * 1000 * 1000);
    server.route(
      victim.indexPath,
      serveBody(goodIndexWith(`  ${name}:\n  - name: ${name}\n    version: 1.0.0\n`)),
    );
    const { run, growth } = await resync(victim.id);
    expectWarnings(run, "INVALID_ENTRY");
    expect(run.versionsSkipped).toBe(1);
    expect(run.warnings.find((w) => w.code === "INVALID_ENTRY")!.message).toMatch(
      /10000000 characters long/,
    );
    // Whatever the parser said about the chart went with it; the run stays small.
    expect(JSON.stringify(run).length).toBeLessThan(10_000);
    expect(await catalogState(victim.id)).toEqual(victim.before);
    // The 20 MB body, its text and the name's copies while it is read.
    expectMemoryBound(growth, 12 * name.length);
  });

  it("versions Helm cannot read: SUCCEEDED, kept and sorted last, one VERSION_NOT_SEMVER each", async () => {
    const victim = await goodHelmRegistry("not-semver");
    const odd = ["latest", "1.0", "v2", "01.02.03", "2024-01-01", "1.0.0", "v1.2.3", "1.2.3.4"];
    server.route(
      victim.indexPath,
      serveBody(
        goodIndexWith(`  odd:\n${odd.map((v) => `  - name: odd\n    version: "${v}"\n`).join("")}`),
      ),
    );
    const { run, growth } = await resync(victim.id);
    expectWarnings(run, "VERSION_NOT_SEMVER");
    const flagged = run.warnings.filter((w) => w.code === "VERSION_NOT_SEMVER");
    // Helm (Masterminds semver) reads 1.0, v2, 01.02.03 and 2024-01-01 (2024.0.0-01-01).
    expect(flagged.map((w) => w.version).sort()).toEqual(["1.2.3.4", "latest"]);
    expect(flagged.every((w) => w.chart === "odd")).toBe(true);
    const { registry } = await t.ok(ChartDocument, { id: victim.id, name: "odd", first: 10 });
    const listed = registry!.chart!.versions.edges.map((e) => [e.node.version, e.node.semver]);
    expect(listed).toEqual([
      ["2024-01-01", true],
      ["v2", true],
      ["v1.2.3", true],
      ["01.02.03", true],
      ["1.0.0", true],
      ["1.0", true],
      ["latest", false],
      ["1.2.3.4", false],
    ]);
    expect(await catalogState(victim.id)).toEqual({
      ...victim.before,
      charts: victim.before.charts + 1,
      versions: victim.before.versions + odd.length,
    });
    expectMemoryBound(growth, SMALL_BOUND);
  });

  it("duplicate versions: SUCCEEDED, the repeats skipped with DUPLICATE_VERSION", async () => {
    const victim = await goodHelmRegistry("duplicates");
    const entry = (created: string, digest: string) =>
      `  - name: twice\n    version: 1.0.0\n    created: "${created}"\n    digest: ${digest}\n`;
    server.route(
      victim.indexPath,
      serveBody(
        goodIndexWith(
          `  twice:\n${entry("2024-01-01T00:00:00Z", "a".repeat(64))}${entry("2025-01-01T00:00:00Z", "b".repeat(64))}${entry("2023-01-01T00:00:00Z", "c".repeat(64))}`,
        ),
      ),
    );
    const { run, growth } = await resync(victim.id);
    expectWarnings(run, "DUPLICATE_VERSION");
    expect(run.warnings.filter((w) => w.code === "DUPLICATE_VERSION")).toHaveLength(2);
    expect(run.versionsSkipped).toBe(2);
    const { registry } = await t.ok(ChartDocument, { id: victim.id, name: "twice", first: 5 });
    // The newest entry is the one kept.
    expect(registry!.chart!.versions.edges.map((e) => e.node.digest)).toEqual(["b".repeat(64)]);
    expect(await catalogState(victim.id)).toEqual({
      ...victim.before,
      charts: victim.before.charts + 1,
      versions: victim.before.versions + 1,
    });
    expectMemoryBound(growth, SMALL_BOUND);
  });

  it("the index served as image/png: SUCCEEDED, read by its content, UNEXPECTED_CONTENT_TYPE", async () => {
    const victim = await goodHelmRegistry("wrong-type");
    const index = GOOD_INDEX.toString("utf8").replace(
      /^generated: .*$/m,
      "generated: 2030-01-01T00:00:00Z",
    );
    expect(index).not.toBe(GOOD_INDEX.toString("utf8"));
    server.route(victim.indexPath, serveBody(index, { contentType: "image/png" }));
    const { run, growth } = await resync(victim.id);
    expectWarnings(run, "UNEXPECTED_CONTENT_TYPE");
    expect(run.warnings.find((w) => w.code === "UNEXPECTED_CONTENT_TYPE")!.message).toContain(
      "image/png",
    );
    expect(run).toMatchObject({ versionsAdded: 0, versionsRemoved: 0 });
    expect(await catalogState(victim.id)).toEqual(victim.before);
    expectMemoryBound(growth, SMALL_BOUND);
  });

  it("100,000 versions of one chart: SUCCEEDED within seconds and bounded memory", async () => {
    const victim = await goodHelmRegistry("hundred-thousand");
    const index = goodIndexWith(manyVersionsChart("many", 100_000));
    server.route(victim.indexPath, serveBody(index));
    const started = performance.now();
    const { run, growth } = await resync(victim.id);
    const elapsed = performance.now() - started;
    expect(run).toMatchObject({ status: "SUCCEEDED", error: null, versionsAdded: 100_000 });
    const { registry } = await t.ok(ChartDocument, { id: victim.id, name: "many", first: 1 });
    expect(registry!.chart!.versionCount).toBe(100_000);
    expect(registry!.chart!.latestVersion!.version).toBe("99.999.0");
    expect(await catalogState(victim.id)).toEqual({
      ...victim.before,
      charts: victim.before.charts + 1,
      versions: victim.before.versions + 100_000,
    });
    expect(elapsed).toBeLessThan(15_000);
    // About 2.4 kB per version at the peak, when the parsed chart, its records and its rows are
    // all alive: memory grows with the versions, by at most 4 KiB each.
    expectMemoryBound(growth, 100_000 * 4 * 1024);
  });
});

describe("a registry with credentials that redirects to another host", () => {
  const credentials = { username: "reader", password: `pa55-${randomBytes(8).toString("hex")}` };
  let other: FixtureServer;

  beforeAll(async () => {
    other = await FixtureServer.start();
  });

  afterAll(async () => {
    await other?.close();
  });

  it("sends the other host no Authorization header: it answers 401, the run fails AUTH_FAILED", async () => {
    const victim = await goodHelmRegistry("private", credentials);
    expect(server.requestsTo(victim.indexPath).at(-1)!.headers.authorization).toMatch(/^Basic /);
    // Another port of 127.0.0.1 is another origin; it asks for the very same credentials.
    other.route(
      "/mirror/index.yaml",
      requireBasicAuth(credentials.username, credentials.password, serveBody(GOOD_INDEX)),
    );
    server.route(
      victim.indexPath,
      requireBasicAuth(
        credentials.username,
        credentials.password,
        redirect(other.url("/mirror/index.yaml")),
      ),
    );
    const { run, growth } = await resync(victim.id);
    await expectTypedFailure(victim, run, "AUTH_FAILED");
    expectMemoryBound(growth, SMALL_BOUND);
    const received = other.requestsTo("/mirror/index.yaml");
    expect(received.length).toBeGreaterThan(0);
    expect(received.map((r) => r.headers.authorization)).toEqual(received.map(() => undefined));
    expect(JSON.stringify(run)).not.toContain(credentials.password);
    expect(t.logs.join("\n")).not.toContain(credentials.password);
  });
});

describe("registries that quote the password back, in every spelling", () => {
  const auth = { type: "BASIC" as const, username: ECHO_USERNAME, password: ECHO_PASSWORD };
  const forms = echoForms();
  let syncedId: string;
  let protectedId: string;

  beforeAll(async () => {
    // One registry that synced a chart whose package sits beside its index (for content), and a
    // protected one (for reference checks); both behind basic auth, then turned to echoing.
    const sha = (data: Buffer) => digestOf(data).slice("sha256:".length);
    const pkg = tarGz([
      { path: "echo/Chart.yaml", body: "apiVersion: v2\nname: echo\nversion: 1.0.0\n" },
      { path: "echo/values.yaml", body: "a: 1\n" },
    ]);
    server.route(
      "/echo-synced/index.yaml",
      requireBasicAuth(
        ECHO_USERNAME,
        ECHO_PASSWORD,
        serveBody(
          helmIndex({
            echo: [{ name: "echo", version: "1.0.0", digest: sha(pkg), urls: ["echo-1.0.0.tgz"] }],
          }),
        ),
      ),
    );
    const synced = await t.ok(AddHelmRegistryDocument, {
      input: { name: "echo-synced", endpoint: server.url("/echo-synced"), auth },
    });
    syncedId = synced.addHelmRegistry.id;
    added.push("echo-synced");
    expect(await syncAndWait(t, syncedId)).toMatchObject({ status: "SUCCEEDED" });
    server.route(
      "/echo-protected/index.yaml",
      requireBasicAuth(ECHO_USERNAME, ECHO_PASSWORD, serveBody(GOOD_INDEX)),
    );
    const guarded = await t.ok(AddHelmRegistryDocument, {
      input: {
        name: "echo-protected",
        endpoint: server.url("/echo-protected"),
        auth,
        protected: true,
      },
    });
    protectedId = guarded.addHelmRegistry.id;
    added.push("echo-protected");
  });

  /** What a person could read of a failure: fails the test with the form if the password shows. */
  function expectNoPassword(form: string, ...texts: unknown[]) {
    const shown = texts.map((text) => JSON.stringify(text)).join("\n");
    expect({ form, leaked: leakedFragments(shown) }).toEqual({ form, leaked: [] });
  }

  it.each(forms)("validation and add: $form", async (form) => {
    server.route("/echo-validate/index.yaml", echoing(form, 401));
    const input = { name: "echo-validate", endpoint: server.url("/echo-validate"), auth };
    const validation = await t.ok(ValidateHelmRegistryDocument, { input });
    expect(validation.validateHelmRegistry).toMatchObject({
      valid: false,
      errorCode: "AUTH_FAILED",
    });
    const add = await t.exec(AddHelmRegistryDocument, { input });
    expect(errorCode(add)).toBe("REGISTRY_VALIDATION_FAILED");
    expectNoPassword(form.form, validation, add);
  });

  it.each(forms)("a sync run, its stored error and its event: $form", async (form) => {
    server.route("/echo-synced/index.yaml", echoing(form, 500));
    // What subscribers are pushed: every progress event of the run, its terminal one included.
    const feed = await t.gateway.events.progress();
    const run = await syncAndWait(t, syncedId);
    const events: unknown[] = [];
    for (;;) {
      const next = await feed.next();
      if (next.done) break;
      events.push(next.value);
      if ((next.value as { status: string }).status === "FAILED") break;
    }
    await feed.return?.();
    expect(run).toMatchObject({ status: "FAILED", error: { code: "SERVER_ERROR" } });
    const stored = await t.gateway.store.dataSource.query(
      "SELECT error_message FROM sync_run WHERE registry_id = (SELECT id FROM registry WHERE name = 'echo-synced')",
    );
    expectNoPassword(form.form, run, stored, events);
  });

  it.each(forms)("version content: $form", async (form) => {
    server.route("/echo-synced/echo-1.0.0.tgz", echoing(form, 500));
    const content = await t.exec(VersionContentDocument, {
      id: syncedId,
      name: "echo",
      range: "1.0.0",
    });
    expect(errorCode(content)).toBe("CONTENT_UNAVAILABLE");
    expectNoPassword(form.form, content);
  });

  it.each(forms)("a reference check on a protected registry: $form", async (form) => {
    server.route("/echo-protected/index.yaml", echoing(form, 500));
    const check = await t.ok(CheckChartReferenceDocument, {
      registryId: protectedId,
      chart: DASHBOARD,
      version: "7.13.0",
    });
    expect(check.checkChartReference.status).toBe("UNVERIFIABLE");
    expectNoPassword(form.form, check);
  });

  it.each(forms)("an OCI registry's token service: $form", async (form) => {
    server.route("/v2/", (_req, res) => {
      res
        .writeHead(401, {
          "www-authenticate": `Bearer realm="${server.url("/echo-token")}",service="echo"`,
          "content-type": "application/json",
        })
        .end("{}");
    });
    server.route("/echo-token", echoing(form, 401));
    const validation = await t.ok(ValidateOciRegistryDocument, {
      input: {
        name: "echo-oci",
        endpoint: server.url("/"),
        baseContentPaths: ["charts"],
        auth: { type: "BASIC", username: ECHO_USERNAME, password: ECHO_PASSWORD },
      },
    });
    expect(validation.validateOciRegistry.valid).toBe(false);
    expectNoPassword(form.form, validation);
  });

  it("wrote the password in no log line", () => {
    expect(leakedFragments(t.logs.join("\n"))).toEqual([]);
  });
});

describe("a registry whose TLS certificate is replaced", () => {
  let pki: TestPki;
  /** An https server of the good index for each certificate, all with the same key. */
  const backends = new Map<"good" | "otherCa" | "expired", FixtureServer>();
  let front: TcpSwitch;
  let victim: Victim;

  const portOf = (fixture: FixtureServer) => Number(new URL(fixture.origin).port);

  beforeAll(async () => {
    pki = createTestPki();
    for (const [name, cert] of [
      ["good", pki.serverCert],
      ["otherCa", pki.otherCaServerCert],
      ["expired", pki.expiredServerCert],
    ] as const) {
      const backend = await FixtureServer.start({ tls: { key: pki.serverKey, cert } });
      backend.route("/tls/index.yaml", serveBody(GOOD_INDEX));
      backends.set(name, backend);
    }
    front = await TcpSwitch.start(portOf(backends.get("good")!));
    const data = await t.ok(AddHelmRegistryDocument, {
      input: {
        name: "tls",
        endpoint: `https://127.0.0.1:${front.port}/tls`,
        tls: { caCertificate: pki.caCert },
      },
    });
    const id = data.addHelmRegistry.id;
    added.push("tls");
    expect(await syncAndWait(t, id)).toMatchObject({ status: "SUCCEEDED" });
    victim = { id, indexPath: "/tls/index.yaml", before: await catalogState(id) };
  });

  afterAll(async () => {
    await front?.close();
    for (const backend of backends.values()) await backend.close();
  });

  it.each([
    ["a certificate from the wrong CA", "otherCa" as const],
    ["an expired certificate", "expired" as const],
  ])("%s: FAILED TLS, the catalog intact", async (_behaviour, certificate) => {
    const backend = backends.get(certificate)!;
    front.switchTo(portOf(backend));
    const { run, growth } = await resync(victim.id);
    await expectTypedFailure(victim, run, "TLS");
    expectMemoryBound(growth, SMALL_BOUND);
    // Nothing but the handshake reached the hostile backend.
    expect(backend.requests).toEqual([]);
  });
});

describe("a Helm chart package that is hostile when its values are read", () => {
  let registryId: string;
  const bomb = tgzBomb(1024);
  const escapeTo = path.join(tmpdir(), `hostile-${randomBytes(6).toString("hex")}`);
  const escaping = tarGz([
    { path: "escape/Chart.yaml", body: "apiVersion: v2\nname: escape\nversion: 1.0.0\n" },
    { path: "escape/values.yaml", body: "a: 1\n" },
    { path: `escape/../../../../../../../..${escapeTo}`, body: "owned\n" },
  ]);

  beforeAll(async () => {
    const sha = (data: Buffer) => digestOf(data).slice("sha256:".length);
    server.route(
      "/packages/index.yaml",
      serveBody(
        helmIndex({
          bomb: [{ name: "bomb", version: "1.0.0", digest: sha(bomb), urls: ["bomb-1.0.0.tgz"] }],
          escape: [
            { name: "escape", version: "1.0.0", digest: sha(escaping), urls: ["escape-1.0.0.tgz"] },
          ],
        }),
      ),
    );
    server.route("/packages/bomb-1.0.0.tgz", serveBody(bomb, { contentType: "application/gzip" }));
    server.route(
      "/packages/escape-1.0.0.tgz",
      serveBody(escaping, { contentType: "application/gzip" }),
    );
    const data = await t.ok(AddHelmRegistryDocument, {
      input: { name: "packages", endpoint: server.url("/packages") },
    });
    registryId = data.addHelmRegistry.id;
    added.push("packages");
    expect(await syncAndWait(t, registryId)).toMatchObject({ status: "SUCCEEDED" });
  });

  it("a package that inflates to 1 GiB: CONTENT_UNAVAILABLE (TOO_LARGE), stopped at 100 MiB", async () => {
    const { result, growth } = await measureMemory(() =>
      t.exec(VersionContentDocument, { id: registryId, name: "bomb", range: "1.0.0" }),
    );
    expect(errorCode(result)).toBe("CONTENT_UNAVAILABLE");
    expect(result.errors![0].extensions!.reason).toBe("TOO_LARGE");
    expect(result.data?.registry?.chart?.versions.edges[0].node.version).toBe("1.0.0");
    // Inflated as a stream, a chunk at a time: far below the 1 GiB, and below the 100 MiB limit.
    // Not 64 MiB: the inflated chunks are Buffers that V8 frees only when its external memory
    // has grown by about 64 MiB (its soft limit), so a bound at that limit failed now and then
    // (68.9 MB once in CI) whatever the reader does.
    expectMemoryBound(growth, 96 * MiB);
  });

  it("a package with a path climbing out of its folder: CONTENT_UNAVAILABLE (PARSE), nothing written", async () => {
    const result = await t.exec(VersionContentDocument, {
      id: registryId,
      name: "escape",
      range: "1.0.0",
    });
    expect(errorCode(result)).toBe("CONTENT_UNAVAILABLE");
    expect(result.errors![0].extensions!.reason).toBe("PARSE");
    expect(result.errors![0].message).toMatch(/path traversal/);
    expect(result.data?.registry?.chart?.versions.edges[0].node.version).toBe("1.0.0");
    expect(existsSync(escapeTo)).toBe(false);
  });
});

describe("OCI registries that turn hostile after a good sync", () => {
  const ARCHIVE = "base/spectro-packs/archive";
  let registry: OciRegistryServer;

  beforeAll(async () => {
    registry = await startOciRegistry();
    for (const version of ["1.0.0", "1.1.0"]) {
      await pushHelmChart(registry, {
        repository: "production/nginx",
        chart: await buildChartTgz({ name: "nginx", version }),
      });
    }
    await pushPack(
      registry,
      `${ARCHIVE}/fluentbit`,
      "4.1.0",
      buildPack({ fixture: "fluentbit-4.1.0" }),
    );
    await pushPack(registry, `${ARCHIVE}/antrea`, "1.9.0", buildPack({ fixture: "antrea-1.9.0" }));
  });

  afterAll(async () => {
    await registry?.stop();
  });

  /** Versions and digests of one chart of an OCI registry, read through the API. */
  async function ociVersions(id: string, chart: string): Promise<[string, string | null][]> {
    const { registry: data } = await t.ok(OciVersionsDocument, { id, name: chart });
    return data!.chart!.versions.edges.map((e) => [e.node.version, e.node.digest ?? null]);
  }

  /** Adds an OCI registry of charts or packs under one base path, and syncs it. */
  async function addOci(
    name: string,
    endpoint: string,
    providerType: "HELM" | "PACK",
    base: string,
  ) {
    const data = await t.ok(AddOciRegistryDocument, {
      input: { name, endpoint, providerType, baseContentPaths: [base] },
    });
    const id = data.addOciRegistry.id;
    added.push(name);
    expect(await syncAndWait(t, id)).toMatchObject({ status: "SUCCEEDED", error: null });
    return id;
  }

  it("a manifest pointing at a 5 GiB config blob: SUCCEEDED, that tag skipped (INVALID_ARTIFACT), unread", async () => {
    const id = await addOci("oci-charts", registry.url, "HELM", "production");
    const before = await ociVersions(id, "nginx");
    expect(before.map(([v]) => v)).toEqual(["1.1.0", "1.0.0"]);
    const tiny = await pushBlobOnly(registry, "production/nginx");
    await putRawManifest(
      registry,
      "production/nginx",
      "1.2.0",
      "application/vnd.oci.image.manifest.v1+json",
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          config: {
            mediaType: "application/vnd.cncf.helm.config.v1+json",
            digest: tiny,
            size: 5 * 1024 * MiB,
          },
          layers: [
            {
              mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
              digest: tiny,
              size: 60,
            },
          ],
        }),
      ),
    );
    registry.resetRequests();
    const { run, growth } = await resync(id);
    expectWarnings(run, "INVALID_ARTIFACT");
    expect(run.warnings.find((w) => w.code === "INVALID_ARTIFACT")).toMatchObject({
      chart: "nginx",
      version: "1.2.0",
    });
    expect(run.versionsSkipped).toBe(1);
    expect(await ociVersions(id, "nginx")).toEqual(before);
    expect(registry.requests().filter((r) => r.path.includes(tiny))).toEqual([]);
    expectMemoryBound(growth, SMALL_BOUND);
  });

  it("a config blob that never ends, its descriptor saying 52 bytes: SUCCEEDED, that tag skipped", async () => {
    const hostile = await FixtureServer.start();
    try {
      const distribution = new HostileDistribution(hostile);
      const chart = await buildChartTgz({ name: "nginx", version: "1.0.0" });
      const config = (version: string) =>
        Buffer.from(JSON.stringify({ name: "nginx", version, apiVersion: "v2" }));
      distribution.tag("production/nginx", "1.0.0", { config: config("1.0.0"), chart });
      const id = await addOci("oci-liar", hostile.origin, "HELM", "production");
      const before = await ociVersions(id, "nginx");
      const stream = endless();
      expect(config("1.1.0")).toHaveLength(52);
      distribution.tag("production/nginx", "1.1.0", {
        config: config("1.1.0"),
        chart,
        configBlob: stream,
      });
      const { run, growth } = await resync(id);
      expectWarnings(run, "INVALID_ARTIFACT");
      expect(run.warnings.find((w) => w.code === "INVALID_ARTIFACT")).toMatchObject({
        chart: "nginx",
        version: "1.1.0",
      });
      expect(run.warnings.find((w) => w.code === "INVALID_ARTIFACT")!.message).toMatch(
        /larger than the 52 bytes expected; it was cut off/,
      );
      expect(await ociVersions(id, "nginx")).toEqual(before);
      expect(stream.sent()).toBeLessThan(16 * MiB);
      expectMemoryBound(growth, SMALL_BOUND);
    } finally {
      await hostile.close();
    }
  });

  it("a pack tarball with a path climbing out of its folder: SUCCEEDED, that version skipped, nothing written", async () => {
    const id = await addOci("oci-packs", registry.url, "PACK", "base");
    const before = {
      fluentbit: await ociVersions(id, "fluentbit"),
      antrea: await ociVersions(id, "antrea"),
    };
    expect(before.fluentbit.map(([v]) => v)).toEqual(["4.1.0"]);
    const escapeTo = path.join(tmpdir(), `hostile-pack-${randomBytes(6).toString("hex")}`);
    const packJson = JSON.parse(
      readFileSync(fixturePath("packs", "fluentbit-4.1.0", "pack.json"), "utf8"),
    ) as Record<string, unknown>;
    const data = tarGz([
      {
        path: "fluentbit-4.1.1/pack.json",
        body: JSON.stringify({ ...packJson, version: "4.1.1" }),
      },
      { path: "fluentbit-4.1.1/values.yaml", body: "a: 1\n" },
      { path: `fluentbit-4.1.1/../../../../../../../..${escapeTo}`, body: "owned\n" },
    ]);
    await pushPack(registry, `${ARCHIVE}/fluentbit`, "4.1.1", {
      data,
      name: "fluentbit",
      version: "4.1.1",
      values: "a: 1\n",
    });
    const { run, growth } = await resync(id);
    expectWarnings(run, "INVALID_ARTIFACT");
    const warning = run.warnings.find((w) => w.code === "INVALID_ARTIFACT")!;
    expect(warning).toMatchObject({ chart: "fluentbit", version: "4.1.1" });
    expect(warning.message).toMatch(/path traversal/);
    expect(run.versionsSkipped).toBe(1);
    expect({
      fluentbit: await ociVersions(id, "fluentbit"),
      antrea: await ociVersions(id, "antrea"),
    }).toEqual(before);
    expect(existsSync(escapeTo)).toBe(false);
    expectMemoryBound(growth, SMALL_BOUND);
  });
});

describe("after every hostile registry", () => {
  it("the gateway still lists each of them", async () => {
    const { registries } = await t.ok(RegistriesDocument, { first: 100 });
    expect(registries.edges.map((e) => e.node.name).sort()).toEqual([...added].sort());
  });
});
