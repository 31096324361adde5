import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import {
  AddHelmRegistryDocument,
  AddOciRegistryDocument,
  ChartsDocument,
  RegistriesDocument,
  SyncProgressDocument,
  SyncRegistryDocument,
  SyncRunDocument,
  SyncRunsDocument,
  type SyncProgressSubscription,
} from "../__generated__/graphql";
import { fromGlobalId } from "../../src/services/ids";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import {
  LOOPBACK_ALLOWLIST,
  postGraphql,
  startGatewayProcess,
  type GatewayProcess,
} from "../helpers/gateway-process";
import {
  holdSqliteWriteLock,
  IndexServerProcess,
  KillableRegistry,
} from "../helpers/fault-processes";
import { FixtureServer, serveFile, type RouteHandler } from "../helpers/http-fixture-server";
import { pushChartVersions } from "../helpers/plain-push";
import {
  type CatalogSnapshot,
  countRows,
  integrityCheck,
  readCatalog,
  runStatuses,
} from "../helpers/store-snapshot";
import { readFixtureIndex, syncAndWait } from "../helpers/sync";
import { databaseUrlFor, onPostgres, releaseTestStore } from "../helpers/test-store";

type Progress = SyncProgressSubscription["syncProgress"];

/** Loopback registries are allowed explicitly (the network policy refuses them by default). */
const ENV = { SYNC_SCHEDULE: "false", REGISTRY_NETWORK_ALLOWLIST: LOOPBACK_ALLOWLIST };

/** SQLite's busy timeout in the store (src/store/data-source.ts). */
const BUSY_TIMEOUT_MS = 5000;

/** Polls `check` every few ms until it holds. */
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const dbId = (globalId: string): string => fromGlobalId(globalId)!.id;

/** Fixture indexes parsed once (the large ones take seconds). */
const parsedIndexes = new Map<string, ReturnType<typeof readFixtureIndex>>();

/**
 * How a catalog differs from what a complete sync of a fixture index leaves, judged from the
 * index as another parser (`yaml`) reads it: its charts, each (chart, version) once, and for each
 * the digest of one of the index's entries (an index may list a version twice). Empty: no
 * difference.
 */
function differencesFrom(catalog: CatalogSnapshot, repo: string): string[] {
  if (!parsedIndexes.has(repo)) parsedIndexes.set(repo, readFixtureIndex(repo));
  const index = parsedIndexes.get(repo)!;
  const digests = new Map<string, Set<string | undefined>>();
  for (const [chart, entries] of Object.entries(index.entries)) {
    for (const entry of entries) {
      const key = `${chart} ${String(entry.version)}`;
      digests.set(key, (digests.get(key) ?? new Set()).add(entry.digest));
    }
  }
  const differences: string[] = [];
  const charts = catalog.charts.map((c) => c.name).join(",");
  if (charts !== Object.keys(index.entries).sort().join(",")) differences.push("charts differ");
  if (catalog.versions.length !== digests.size) {
    differences.push(`${catalog.versions.length} versions, the index has ${digests.size}`);
  }
  for (const v of catalog.versions) {
    if (!digests.get(`${v.chart} ${v.version}`)?.has(v.digest ?? undefined)) {
      differences.push(`${v.chart} ${v.version} (${v.digest}) is not in the index`);
    }
  }
  return differences;
}

/** Messages meant for people carry no SQL and no driver internals. */
function expectNoInternals(message: string): void {
  expect(message).not.toMatch(/SQLITE_|\bSELECT\b|\bINSERT\b|\bUPDATE\b|\bBEGIN\b|QueryFailed/);
}

describe("a registry process killed mid-sync", () => {
  let t: TestGateway;
  beforeEach(async () => {
    // One request at a time: the re-sync takes long enough to be killed in the middle.
    t = await startTestGateway({ ...ENV, OCI_CONCURRENCY: "1", REGISTRY_REQUEST_TIMEOUT: "30s" });
  });
  afterEach(async () => {
    await t.close();
  });

  it("OCI: the run fails UNREACHABLE, the catalog stays as the last sync left it, and the restarted registry syncs", async () => {
    const registry = await KillableRegistry.start();
    try {
      const repositories = Array.from({ length: 8 }, (_, i) => `charts/app-${i}`);
      const first = ["1.0.0", "1.0.1", "1.1.0", "1.2.0"];
      const later = ["2.0.0", "2.1.0"];
      await Promise.all(repositories.map((r) => pushChartVersions(registry.url, r, first)));
      const { addOciRegistry } = await t.ok(AddOciRegistryDocument, {
        input: { name: "crashing", endpoint: registry.url, baseContentPaths: ["charts"] },
      });
      const id = addOciRegistry.id;
      const synced = await syncAndWait(t, id);
      expect([synced.status, synced.versionsAdded]).toEqual(["SUCCEEDED", 8 * 4]);
      const before = await readCatalog(t.dir, dbId(id));
      expect(before.versions).toHaveLength(8 * 4);

      const pushed = new Map<string, string>();
      await Promise.all(
        repositories.map(async (repository) => {
          for (const [version, digest] of await pushChartVersions(registry.url, repository, later))
            pushed.set(`${repository.split("/")[1]}:${version}`, digest);
        }),
      );
      const { syncRegistry } = await t.ok(SyncRegistryDocument, { id });
      const runId = dbId(syncRegistry.id);
      await until(() => {
        const state = t.gateway.engine.currentState(runId);
        return state?.phase === "FETCHING" && (state.done ?? 0) >= 2;
      }, "the re-sync to be fetching");
      await registry.kill();

      const run = await t.gateway.engine.waitFor(runId);
      expect([run.status, run.errorCode]).toEqual(["FAILED", "UNREACHABLE"]);
      expect(run.errorMessage).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+\//);
      expect(await readCatalog(t.dir, dbId(id))).toEqual(before);
      // The gateway still answers, from the catalog it had.
      const { syncRun } = await t.ok(SyncRunDocument, { id: syncRegistry.id });
      expect(syncRun?.error?.code).toBe("UNREACHABLE");
      const charts = await t.ok(ChartsDocument, { id });
      expect(charts.registry?.charts.edges.map((e) => e.node.versionCount)).toEqual(
        Array(8).fill(4),
      );

      await registry.restart();
      const resynced = await syncAndWait(t, id);
      expect(resynced.status).toBe("SUCCEEDED");
      expect([resynced.versionsAdded, resynced.versionsUnchanged]).toEqual([8 * 2, 8 * 4]);
      const after = await readCatalog(t.dir, dbId(id));
      expect(after.versions.filter((v) => first.includes(v.version))).toEqual(before.versions);
      const added = after.versions.filter((v) => later.includes(v.version));
      expect(
        new Map(added.map((v) => [`${v.chart}:${v.version}`, v.ociReference!.split("@")[1]])),
      ).toEqual(pushed);
    } finally {
      await registry.stop();
    }
  });

  it("Helm: a server killed in the middle of the index body fails the run UNREACHABLE and leaves the catalog whole", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "faults-helm-"));
    const served = path.join(dir, "index.yaml");
    copyFileSync(fixturePath("helm", "ingress-nginx", "index.yaml"), served);
    // 16 KiB every 20 ms: the 863 KB index of the re-sync takes about a second.
    const server = await IndexServerProcess.start({
      file: served,
      chunkBytes: 16 * 1024,
      intervalMs: 20,
    });
    try {
      const { addHelmRegistry } = await t.ok(AddHelmRegistryDocument, {
        input: { name: "dripping", endpoint: server.url },
      });
      const id = addHelmRegistry.id;
      expect((await syncAndWait(t, id)).status).toBe("SUCCEEDED");
      const before = await readCatalog(t.dir, dbId(id));
      expect(differencesFrom(before, "ingress-nginx")).toEqual([]);

      copyFileSync(fixturePath("helm", "prometheus-community", "index.yaml"), served);
      const { syncRegistry } = await t.ok(SyncRegistryDocument, { id });
      const runId = dbId(syncRegistry.id);
      await until(() => {
        const state = t.gateway.engine.currentState(runId);
        return state?.phase === "FETCHING" && state.bytesFetched > 0;
      }, "the index body to be arriving");
      await server.kill();

      const run = await t.gateway.engine.waitFor(runId);
      expect([run.status, run.errorCode]).toEqual(["FAILED", "UNREACHABLE"]);
      expect(run.errorMessage).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+\/index\.yaml/);
      expect(run.bytesFetched).toBeLessThan(863_043);
      expect(await readCatalog(t.dir, dbId(id))).toEqual(before);
      const charts = await t.ok(ChartsDocument, { id });
      expect(charts.registry?.charts.edges.map((e) => e.node.name)).toEqual(["ingress-nginx"]);
    } finally {
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Subscribes to the progress of one registry's runs on a gateway process. */
function watchProgress(
  gateway: GatewayProcess,
  registryId: string,
  onEvent: (event: Progress) => void,
): Client {
  const client = createClient({
    url: `${gateway.url.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  client.subscribe<SyncProgressSubscription>(
    { query: print(SyncProgressDocument), variables: { registryId } },
    {
      next: (result) => {
        if (result.data) onEvent(result.data.syncProgress);
      },
      // The gateway is killed under the subscription: its end is expected.
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return client;
}

/** Polls a run on a gateway process until it is terminal. */
async function waitForRunOverHttp(gateway: GatewayProcess, runId: string): Promise<string> {
  for (;;) {
    const { syncRun } = await postGraphql<{ syncRun: { status: string } }>(
      gateway.url,
      `query($id: ID!) { syncRun(id: $id) { status } }`,
      { id: runId },
    );
    if (!["QUEUED", "RUNNING"].includes(syncRun.status)) return syncRun.status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the gateway process killed with SIGKILL mid-sync and restarted", () => {
  let dir: string;
  let served: string;
  let server: IndexServerProcess | undefined;
  let gateway: GatewayProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "faults-gateway-"));
    served = path.join(dir, "index.yaml");
  });
  afterEach(async () => {
    if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) {
      gateway.child.kill("SIGKILL");
      await gateway.exited;
    }
    await server?.kill();
    await releaseTestStore(dir);
    rmSync(dir, { recursive: true, force: true });
  });

  /** (Re)starts the index server on the same port, at the given pace. */
  async function serveIndex(pace: { chunkBytes: number; intervalMs: number }): Promise<void> {
    const port = server?.port;
    await server?.kill();
    server = await IndexServerProcess.start({ file: served, ...pace, ...(port && { port }) });
  }

  const fast = { chunkBytes: 8 * 1024 * 1024, intervalMs: 0 };
  const startGateway = async () =>
    startGatewayProcess({
      ...ENV,
      DATABASE_URL: (await databaseUrlFor(dir)).url,
      ENCRYPTION_KEY_FILE: path.join(dir, "encryption.key"),
      REGISTRY_REQUEST_TIMEOUT: "60s",
      // In-phase events every few ms, so that the test can kill in the middle of a phase.
      SYNC_PROGRESS_INTERVAL: "5ms",
    });

  it("leaves the old catalog or the new one, never a mix; the interrupted runs are re-queued and finish", async () => {
    copyFileSync(fixturePath("helm", "prometheus-community", "index.yaml"), served);
    await serveIndex(fast);
    gateway = await startGateway();
    const { addHelmRegistry } = await postGraphql<{ addHelmRegistry: { id: string } }>(
      gateway.url,
      `mutation($e: String!) { addHelmRegistry(input: { name: "repo", endpoint: $e }) { id } }`,
      { e: server!.url },
    );
    const id = addHelmRegistry.id;
    const sync = async () =>
      (
        await postGraphql<{ syncRegistry: { id: string } }>(
          gateway!.url,
          `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
          { id },
        )
      ).syncRegistry.id;
    expect(await waitForRunOverHttp(gateway, await sync())).toBe("SUCCEEDED");
    const old = await readCatalog(dir, dbId(id));
    expect(differencesFrom(old, "prometheus-community")).toEqual([]);
    /** The stored catalog is the old one or the new one; anything else is a mix. */
    const state = async () => {
      const catalog = await readCatalog(dir, dbId(id));
      if (JSON.stringify(catalog) === JSON.stringify(old)) return "old";
      const differences = differencesFrom(catalog, "bitnami");
      return differences.length === 0 ? "new" : `mixed: ${differences.slice(0, 3).join("; ")}`;
    };

    // 1. Killed in the middle of APPLYING: the write transaction is open, part of it written.
    copyFileSync(fixturePath("helm", "bitnami", "index.yaml"), served);
    const first = gateway;
    let applying: Progress | undefined;
    const watcher = watchProgress(first, id, (event) => {
      if (applying || event.phase !== "APPLYING" || !event.done) return;
      applying = event;
      first.child.kill("SIGKILL");
    });
    const killedInApply = await sync();
    expect((await first.exited).signal).toBe("SIGKILL");
    await watcher.dispose();
    expect(applying!.done).toBeLessThan(applying!.total!);
    // The kill came before the run's end was recorded.
    expect(await runStatuses(dir, dbId(id))).toEqual(["SUCCEEDED", "RUNNING"]);
    expect(await integrityCheck(dir)).toEqual(["ok"]);
    const afterApplyKill = await state();
    expect(["old", "new"]).toContain(afterApplyKill);
    const left = await readCatalog(dir, dbId(id));

    // 2. Restarted: the run is re-queued and fetches the new index, slowly; killed mid-body.
    await serveIndex({ chunkBytes: 16 * 1024, intervalMs: 20 });
    gateway = await startGateway();
    const second = gateway;
    let fetching: Progress | undefined;
    const watcher2 = watchProgress(second, id, (event) => {
      if (fetching || event.phase !== "FETCHING" || event.bytesFetched === 0) return;
      fetching = event;
      second.child.kill("SIGKILL");
    });
    expect((await second.exited).signal).toBe("SIGKILL");
    await watcher2.dispose();
    expect(fetching!.bytesFetched).toBeLessThan(4_194_186);
    expect(await runStatuses(dir, dbId(id))).toEqual(["SUCCEEDED", "INTERRUPTED", "RUNNING"]);
    expect(await integrityCheck(dir)).toEqual(["ok"]);
    expect(await readCatalog(dir, dbId(id))).toEqual(left);

    // 3. Restarted again with the index served at full speed: the re-queued run completes.
    await serveIndex(fast);
    const restarted = await startTestGateway(ENV, dir);
    try {
      const { registry } = await restarted.ok(SyncRunsDocument, { id });
      const runs = registry!.syncRuns.edges.map((e) => e.node);
      expect(runs.find((r) => r.id === killedInApply)?.status).toBe("INTERRUPTED");
      expect(runs.map((r) => [r.trigger, r.status])).toEqual([
        ["RECOVERY", expect.stringMatching(/^(QUEUED|RUNNING)$/)],
        ["RECOVERY", "INTERRUPTED"],
        ["MANUAL", "INTERRUPTED"],
        ["MANUAL", "SUCCEEDED"],
      ]);
      const finished = await restarted.gateway.engine.waitFor(dbId(runs[0]!.id));
      expect(finished.status).toBe("SUCCEEDED");
      expect(await state()).toBe("new");
      expect(await integrityCheck(dir)).toEqual(["ok"]);
    } finally {
      await restarted.close();
    }
  });
});

/** A handler that holds every request until `open()` is called. */
function gated(inner: RouteHandler): { handler: RouteHandler; open(): void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    handler: async (req: IncomingMessage, res: ServerResponse) => {
      await gate;
      await inner(req, res);
    },
    open: () => release(),
  };
}

(onPostgres ? describe.skip : describe)("SQLite: the file locked by another process", () => {
  let t: TestGateway;
  let server: FixtureServer;
  beforeEach(async () => {
    server = await FixtureServer.start();
    server.route("/repo/index.yaml", serveFile(fixturePath("helm", "ingress-nginx", "index.yaml")));
    t = await startTestGateway(ENV);
  });
  afterEach(async () => {
    await t.close();
    await server.close();
  });

  const addRegistry = async (name = "repo") =>
    (
      await t.ok(AddHelmRegistryDocument, {
        input: { name, endpoint: server.url("/repo") },
      })
    ).addHelmRegistry.id;

  it("a sync whose catalog write cannot get the lock fails with a readable error, writes nothing, and succeeds after", async () => {
    const id = await addRegistry();
    expect((await syncAndWait(t, id)).status).toBe("SUCCEEDED");
    const before = await readCatalog(t.dir, dbId(id));

    const slow = gated(serveFile(fixturePath("helm", "kubernetes-dashboard", "index.yaml")));
    server.route("/repo/index.yaml", slow.handler);
    const requested = server.requestsTo("/repo/index.yaml").length;
    const { syncRegistry } = await t.ok(SyncRegistryDocument, { id });
    const runId = dbId(syncRegistry.id);
    await until(
      () => server.requestsTo("/repo/index.yaml").length > requested,
      "the run to be fetching",
    );
    // Held past the catalog write's busy timeout, released before the run's end is recorded.
    const lock = await holdSqliteWriteLock(t.dbFile, BUSY_TIMEOUT_MS + 2000);
    // Reads go on (WAL): the catalog and the run's record as they were.
    const charts = await t.ok(ChartsDocument, { id });
    expect(charts.registry?.charts.totalCount).toBe(1);
    expect((await t.ok(SyncRunDocument, { id: syncRegistry.id })).syncRun?.status).toBe("RUNNING");

    slow.open();
    const run = await t.gateway.engine.waitFor(runId);
    await lock.released;
    expect(run.status).toBe("FAILED");
    const { syncRun } = await t.ok(SyncRunDocument, { id: syncRegistry.id });
    expect(syncRun?.status).toBe("FAILED");
    expect(syncRun?.error?.message).toMatch(/locked by another process/);
    expectNoInternals(syncRun!.error!.message);
    expect(await readCatalog(t.dir, dbId(id))).toEqual(before);
    expect(await runStatuses(t.dir, dbId(id))).toEqual(["SUCCEEDED", "FAILED"]);

    const again = await syncAndWait(t, id);
    expect(again.status).toBe("SUCCEEDED");
    expect(differencesFrom(await readCatalog(t.dir, dbId(id)), "kubernetes-dashboard")).toEqual([]);
  });

  it("adding a registry while the lock is held answers STORE_BUSY and saves nothing; after release it is added and syncs", async () => {
    const lock = await holdSqliteWriteLock(t.dbFile, BUSY_TIMEOUT_MS + 1500);
    const result = await t.exec(AddHelmRegistryDocument, {
      input: { name: "repo", endpoint: server.url("/repo") },
    });
    expect(errorCode(result)).toBe("STORE_BUSY");
    expectNoInternals(result.errors![0]!.message);
    expect(result.data).toBeNull();
    await lock.released;
    expect(await countRows(t.dir, "registry")).toBe(0);
    expect((await t.ok(RegistriesDocument, {})).registries.totalCount).toBe(0);

    const id = await addRegistry();
    expect((await syncAndWait(t, id)).status).toBe("SUCCEEDED");
    expect(differencesFrom(await readCatalog(t.dir, dbId(id)), "ingress-nginx")).toEqual([]);
  });

  it("a sync requested while the lock is held answers STORE_BUSY and leaves no run behind", async () => {
    const id = await addRegistry();
    const lock = await holdSqliteWriteLock(t.dbFile, BUSY_TIMEOUT_MS + 1500);
    const result = await t.exec(SyncRegistryDocument, { id });
    expect(errorCode(result)).toBe("STORE_BUSY");
    expectNoInternals(result.errors![0]!.message);
    await lock.released;
    expect(await countRows(t.dir, "sync_run")).toBe(0);
    expect((await syncAndWait(t, id)).status).toBe("SUCCEEDED");
    expect(differencesFrom(await readCatalog(t.dir, dbId(id)), "ingress-nginx")).toEqual([]);
  });

  it("a lock released before the busy timeout only delays writes", async () => {
    let lock = await holdSqliteWriteLock(t.dbFile, 1500);
    const id = await addRegistry();
    await lock.released;
    lock = await holdSqliteWriteLock(t.dbFile, 1500);
    const started = Date.now();
    const run = await syncAndWait(t, id);
    await lock.released;
    expect(run.status).toBe("SUCCEEDED");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(differencesFrom(await readCatalog(t.dir, dbId(id)), "ingress-nginx")).toEqual([]);
    expect(await integrityCheck(t.dir)).toEqual(["ok"]);
  });
});
