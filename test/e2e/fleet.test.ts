import { randomBytes } from "node:crypto";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { fixturePath } from "../helpers/fixtures";
import { postGraphql, startGatewayProcess, type GatewayProcess } from "../helpers/gateway-process";
import { FixtureServer, serveFile, type RouteHandler } from "../helpers/http-fixture-server";
import { fromGlobalId } from "../../src/services/ids";
import {
  createTestSchema,
  dropTestSchema,
  onPostgres,
  querySchema,
  schemaUrl,
  testDatabaseUrl,
} from "../helpers/test-store";

/**
 * Several gateway processes on one PostgreSQL database (a fleet), each a real `src/main.ts`
 * process: one run per registry fleet-wide, requests, cancels and subscriptions on any instance,
 * a SIGKILLed instance's run taken over, and instances starting at once on an empty database.
 * PostgreSQL only (TEST_DATABASE_URL): SQLite serves one process.
 */
const fleetDescribe = onPostgres ? describe : describe.skip;

const decodeId = (id: string) => fromGlobalId(id)!.id;

const INDEX = fixturePath("helm", "ingress-nginx", "index.yaml");
const LEASE_MS = 1000;

/** A handler that holds every request until `open()` is called, then serves `inner`. */
function gated(inner: RouteHandler): { handler: RouteHandler; open(): void } {
  let opened = false;
  const held: (() => void)[] = [];
  return {
    handler: (req, res) => {
      if (opened) inner(req, res);
      else held.push(() => inner(req, res));
    },
    open() {
      opened = true;
      for (const release of held.splice(0)) release();
    },
  };
}

interface Instance extends GatewayProcess {
  ws: Client;
}

let schema: string;
let server: FixtureServer;
const started: Instance[] = [];
const encryptionKey = randomBytes(32).toString("base64");

async function startInstance(env: Record<string, string> = {}): Promise<Instance> {
  const process_ = await startGatewayProcess({
    DATABASE_URL: schemaUrl(testDatabaseUrl()!, schema),
    ENCRYPTION_KEY: encryptionKey,
    SYNC_SCHEDULE: "false",
    SYNC_LEASE: `${LEASE_MS}ms`,
    SYNC_PROGRESS_INTERVAL: "20ms",
    REGISTRY_REQUEST_TIMEOUT: "60s",
    ...env,
  });
  const instance: Instance = Object.assign(process_, {
    ws: createClient({
      url: `${process_.url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
    }),
  });
  started.push(instance);
  return instance;
}

async function stopAll(): Promise<void> {
  for (const instance of started.splice(0)) {
    await instance.ws.dispose();
    if (instance.child.exitCode === null && instance.child.signalCode === null) {
      instance.child.kill("SIGTERM");
      await instance.exited;
    }
  }
}

async function addRegistry(on: Instance, name: string): Promise<string> {
  const { addHelmRegistry } = await postGraphql<{ addHelmRegistry: { id: string } }>(
    on.url,
    `mutation($n: String!, $e: String!) { addHelmRegistry(input: { name: $n, endpoint: $e }) { id } }`,
    { n: name, e: server.url(`/${name}`) },
  );
  return addHelmRegistry.id;
}

async function sync(on: Instance, registryId: string): Promise<string> {
  const { syncRegistry } = await postGraphql<{ syncRegistry: { id: string } }>(
    on.url,
    `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
    { id: registryId },
  );
  return syncRegistry.id;
}

async function runOf(on: Instance, runId: string) {
  const { syncRun } = await postGraphql<{
    syncRun: { status: string; trigger: string; versionsAdded: number };
  }>(on.url, `query($id: ID!) { syncRun(id: $id) { status trigger versionsAdded } }`, {
    id: runId,
  });
  return syncRun;
}

async function waitForStatus(on: Instance, runId: string, done: (s: string) => boolean) {
  for (let i = 0; i < 400; i++) {
    const run = await runOf(on, runId);
    if (done(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${runId} did not reach the expected status`);
}

/** Collects a subscription's events until `until` says stop (or the stream ends). */
function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  until: (event: T) => boolean,
): { events: T[]; done: Promise<T[]> } {
  const events: T[] = [];
  const done = new Promise<T[]>((resolve, reject) => {
    const stop = client.subscribe<T>(
      { query, variables },
      {
        next: ({ data, errors }) => {
          // A result with errors is a failure of the test, with the errors in its message.
          if (errors?.length) {
            stop();
            reject(new Error(`subscription answered errors: ${JSON.stringify(errors)}`));
            return;
          }
          events.push(data as T);
          if (until(data as T)) {
            // Stopped on a later turn: when the server's `complete` for this operation comes in
            // the same socket read as this event, graphql-ws's client (6.x) would release the
            // operation twice, drop its lock count to zero and close the socket under the
            // other subscriptions (which then end with no event; seen in CI).
            setTimeout(stop, 0);
            resolve(events);
          }
        },
        error: reject,
        complete: () => resolve(events),
      },
    );
  });
  return { events, done };
}

const PROGRESS = `subscription($registryId: ID, $runId: ID) {
  syncProgress(registryId: $registryId, runId: $runId) { runId status phase } }`;
type Progress = { syncProgress: { runId: string; status: string; phase: string } };
const ended = (e: Progress) => !["QUEUED", "RUNNING"].includes(e.syncProgress.status);

fleetDescribe("PostgreSQL: a fleet of gateway processes", () => {
  beforeAll(async () => {
    server = await FixtureServer.start();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    await stopAll();
    await dropTestSchema(schema);
  });

  it("PostgreSQL: two instances starting at once on an empty database run the migrations once", async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const migrations = await querySchema<{ name: string; n: string }>(
      schema,
      "SELECT name, COUNT(*) AS n FROM migrations GROUP BY name",
    );
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.every((m) => Number(m.n) === 1)).toBe(true);
    // Both serve the same store.
    server.route("/shared/index.yaml", serveFile(INDEX));
    const id = await addRegistry(a, "shared");
    const { registry } = await postGraphql<{ registry: { name: string } }>(
      b.url,
      `query($id: ID!) { registry(id: $id) { name } }`,
      { id },
    );
    expect(registry.name).toBe("shared");
  });

  it("PostgreSQL: a sync requested on two instances runs once; the second request joins it, and B's subscribers see every phase of the run executing on A", async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    server.route("/joined/index.yaml", serveFile(INDEX));
    const registryId = await addRegistry(a, "joined");
    const gate = gated(serveFile(INDEX));
    server.route("/joined/index.yaml", gate.handler);
    const before = server.requestsTo("/joined/index.yaml").length;

    const onB = collect<Progress>(b.ws, PROGRESS, { registryId }, ended);
    const changes = collect<{ catalogChanged: { addedCount: number } }>(
      b.ws,
      `subscription($registryId: ID) { catalogChanged(registryId: $registryId) { addedCount } }`,
      { registryId },
      () => true,
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // subscriptions are open
    const runId = await sync(a, registryId);
    await waitForStatus(a, runId, (s) => s === "RUNNING");
    const joined = await sync(b, registryId);
    expect(joined).toBe(runId);

    // A subscriber that joins late, on B, gets the run's current state first.
    const late = collect<Progress>(b.ws, PROGRESS, { runId }, ended);
    for (let i = 0; i < 100 && late.events.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(late.events[0]?.syncProgress).toMatchObject({ runId, status: "RUNNING" });

    gate.open();
    const events = await onB.done;
    expect(server.requestsTo("/joined/index.yaml").length - before).toBe(1);
    expect(events.every((e) => e.syncProgress.runId === runId)).toBe(true);
    const phases = [...new Set(events.map((e) => e.syncProgress.phase))];
    expect(phases).toEqual(expect.arrayContaining(["FETCHING", "APPLYING", "DONE"]));
    expect(events.at(-1)!.syncProgress.status).toBe("SUCCEEDED");
    expect((await late.done).at(-1)!.syncProgress.status).toBe("SUCCEEDED");
    const [change] = await changes.done;
    expect(change.catalogChanged.addedCount).toBeGreaterThan(100);
  });

  it("PostgreSQL: a run executing on A is cancelled from B", async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    server.route("/cancelled/index.yaml", serveFile(INDEX));
    const registryId = await addRegistry(a, "cancelled");
    const gate = gated(serveFile(INDEX));
    server.route("/cancelled/index.yaml", gate.handler);
    const runId = await sync(a, registryId);
    await waitForStatus(a, runId, (s) => s === "RUNNING");
    const { cancelSync } = await postGraphql<{ cancelSync: { status: string } }>(
      b.url,
      `mutation($id: ID!) { cancelSync(runId: $id) { status } }`,
      { id: runId },
    );
    expect(cancelSync.status).toBe("CANCELLED");
    expect((await runOf(a, runId)).status).toBe("CANCELLED");
    gate.open();
  });

  it("PostgreSQL: a forced sync on B interrupts the run executing on A and starts again", async () => {
    // Long enough that the early request lands inside it on a loaded machine.
    const env = { SYNC_FORCE_AFTER: "2s" };
    const [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    server.route("/forced/index.yaml", serveFile(INDEX));
    const registryId = await addRegistry(a, "forced");
    const gate = gated(serveFile(INDEX));
    server.route("/forced/index.yaml", gate.handler);
    const runId = await sync(a, registryId);
    await waitForStatus(a, runId, (s) => s === "RUNNING");
    const early = await fetch(`${b.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation($id: ID!) { syncRegistry(id: $id, force: true) { id } }`,
        variables: { id: registryId },
      }),
    }).then((r) => r.json() as Promise<{ errors?: { extensions: { code: string } }[] }>);
    expect(early.errors?.[0]?.extensions.code).toBe("SYNC_FORCE_TOO_EARLY");
    await new Promise((resolve) => setTimeout(resolve, 2100));
    server.route("/forced/index.yaml", serveFile(INDEX));
    const { syncRegistry } = await postGraphql<{ syncRegistry: { id: string } }>(
      b.url,
      `mutation($id: ID!) { syncRegistry(id: $id, force: true) { id } }`,
      { id: registryId },
    );
    expect(syncRegistry.id).not.toBe(runId);
    expect((await runOf(a, runId)).status).toBe("INTERRUPTED");
    const again = await waitForStatus(
      b,
      syncRegistry.id,
      (s) => !["QUEUED", "RUNNING"].includes(s),
    );
    expect(again.status).toBe("SUCCEEDED");
    gate.open();
  });

  it("PostgreSQL: when the executing instance is SIGKILLed, another marks its run INTERRUPTED and runs it again to SUCCEEDED within the lease", async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    server.route("/killed/index.yaml", serveFile(INDEX));
    const registryId = await addRegistry(a, "killed");
    const gate = gated(serveFile(INDEX));
    server.route("/killed/index.yaml", gate.handler);
    const runId = await sync(a, registryId);
    await waitForStatus(a, runId, (s) => s === "RUNNING");

    const watch = collect<Progress>(b.ws, PROGRESS, { runId }, ended);
    a.child.kill("SIGKILL");
    await a.exited;
    const killedAt = Date.now();
    server.route("/killed/index.yaml", serveFile(INDEX));
    const killed = await waitForStatus(b, runId, (s) => s === "INTERRUPTED");
    expect(killed.status).toBe("INTERRUPTED");
    expect((await watch.done).at(-1)!.syncProgress.status).toBe("INTERRUPTED");

    // The recovery run is recorded right after the interrupted one ends.
    let retry: { id: string; trigger: string } | undefined;
    for (let i = 0; i < 100 && !retry; i++) {
      const { registry } = await postGraphql<{
        registry: { syncRuns: { edges: { node: { id: string; trigger: string } }[] } };
      }>(
        b.url,
        `query($id: ID!) { registry(id: $id) { syncRuns(first: 5) { edges { node { id trigger } } } } }`,
        { id: registryId },
      );
      retry = registry.syncRuns.edges.map((e) => e.node).find((r) => r.trigger === "RECOVERY");
      if (!retry) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(retry).toBeDefined();
    const finished = await waitForStatus(b, retry!.id, (s) => !["QUEUED", "RUNNING"].includes(s));
    expect(finished.status).toBe("SUCCEEDED");
    expect(finished.versionsAdded).toBeGreaterThan(100);
    // Taken over within the lease (plus the re-run itself and polling).
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + 5000);
    gate.open();
  });

  it("PostgreSQL: the schedule fires once per registry per interval across the fleet", async () => {
    const env = { SYNC_SCHEDULE: "true", SYNC_INTERVAL: "1500ms" };
    const [a] = await Promise.all([startInstance(env), startInstance(env), startInstance(env)]);
    server.route("/scheduled/index.yaml", serveFile(INDEX));
    const registryId = await addRegistry(a, "scheduled");
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const runs = await querySchema<{ queued_at: Date; trigger: string; status: string }>(
      schema,
      `SELECT queued_at, trigger, status FROM sync_run WHERE registry_id = $1 ORDER BY queued_at`,
      [decodeId(registryId)],
    );
    const scheduled = runs.filter((r) => r.trigger === "SCHEDULE");
    // About one per interval (three instances ticking every 75 ms would make dozens)...
    expect(scheduled.length).toBeGreaterThanOrEqual(2);
    expect(scheduled.length).toBeLessThanOrEqual(4);
    // ...and never two within one interval.
    for (let i = 1; i < scheduled.length; i++) {
      const gap = scheduled[i].queued_at.getTime() - scheduled[i - 1].queued_at.getTime();
      expect(gap).toBeGreaterThanOrEqual(1500);
    }
  });

  it("PostgreSQL: a tenant's sync budget is one budget across instances", async () => {
    const env = { SYNC_REQUESTS_PER_MINUTE: "3" };
    const [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    server.route("/budget/index.yaml", serveFile(INDEX));
    const registryId = await addRegistry(a, "budget");
    const request = (on: Instance) =>
      fetch(`${on.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
          variables: { id: registryId },
        }),
      }).then((r) => r.json() as Promise<{ errors?: { extensions: { code: string } }[] }>);
    const answers = [await request(a), await request(b), await request(a), await request(b)];
    expect(answers.map((x) => x.errors?.[0]?.extensions.code ?? "OK")).toEqual([
      "OK",
      "OK",
      "OK",
      "RATE_LIMITED",
    ]);
  });
});
