import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse, subscribe } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { parse as parseYaml, stringify } from "yaml";
import { type Viewer } from "../../src/access/viewer";
import { fromGlobalId } from "../../src/services/ids";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { postGraphql, startGatewayProcess, type GatewayProcess } from "../helpers/gateway-process";
import { FixtureServer, serveBody, type RouteHandler } from "../helpers/http-fixture-server";
import {
  createTestSchema,
  dropTestSchema,
  onPostgres,
  schemaUrl,
  testDatabaseUrl,
} from "../helpers/test-store";
import { WebhookReceiver } from "../helpers/webhook-receiver";

/**
 * `chartVersionPublished` over real graphql-ws sockets: each version a sync run adds that passes
 * the chart and range is pushed once, as the catalog then lists it; other registries' versions
 * and other tenants' registries are not. On PostgreSQL, two real gateway processes on one schema
 * (a fleet): a subscriber on one instance hears the run executed on the other, and a webhook is
 * sent once per delivery although both instances look at the outbox.
 */

const FULL = readFileSync(fixturePath("helm", "kubernetes-dashboard", "index.yaml"), "utf8");
const NEWEST = ["7.13.0", "7.12.0", "7.11.1"];
function olderIndex(): string {
  const index = parseYaml(FULL, { maxAliasCount: -1 }) as {
    entries: Record<string, { version: string }[]>;
  };
  for (const [name, list] of Object.entries(index.entries))
    index.entries[name] = list.filter((entry) => !NEWEST.includes(String(entry.version)));
  return stringify(index);
}

let registry: FixtureServer;
let counter = 0;

/** A Helm repository serving the older index until `publish()` serves the full one. */
function repository(): { path: string; publish(): void } {
  const base = `/repo-${++counter}`;
  let handler: RouteHandler = serveBody(olderIndex());
  registry.route(`${base}/index.yaml`, (req, res) => handler(req, res));
  return { path: base, publish: () => (handler = serveBody(FULL)) };
}

interface Published {
  registryId: string;
  chart: string;
  version: { id: string; version: string; appVersion: string | null; digest: string | null };
}

const SUBSCRIPTION = `subscription($r: ID!, $c: String, $range: String) {
  chartVersionPublished(registryId: $r, chart: $c, range: $range) {
    registryId runId chart publishedAt version { id version appVersion digest }
  }
}`;

/** Collects what a subscription pushes; `ready` resolves once the server has subscribed it. */
function collect(client: Client, variables: Record<string, unknown>) {
  const events: Published[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe(
    { query: SUBSCRIPTION, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        else
          events.push((result.data as { chartVersionPublished: Published }).chartVersionPublished);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { events, errors, dispose };
}

async function until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  registry = await FixtureServer.start();
});
afterAll(async () => {
  await registry?.close();
});

describe("chartVersionPublished", () => {
  let t: TestGateway;
  let client: Client;
  let url: string;

  beforeAll(async () => {
    t = await startTestGateway({ PORT: "0", SYNC_SCHEDULE: "false" });
    url = (await t.gateway.listen()).url;
    client = createClient({
      url: `${url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
    });
  });
  afterAll(async () => {
    await client?.dispose();
    await t?.close();
  });

  async function addAndSync(path: string): Promise<string> {
    const { addHelmRegistry } = await postGraphql<{ addHelmRegistry: { id: string } }>(
      url,
      `mutation($n: String!, $e: String!) { addHelmRegistry(input: { name: $n, endpoint: $e }) { id } }`,
      { n: `repo-${++counter}`, e: registry.url(path) },
    );
    await syncAndWait(addHelmRegistry.id);
    return addHelmRegistry.id;
  }

  async function syncAndWait(registryId: string): Promise<void> {
    const { syncRegistry } = await postGraphql<{ syncRegistry: { id: string } }>(
      url,
      `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
      { id: registryId },
    );
    await t.gateway.engine.waitFor(fromGlobalId(syncRegistry.id)!.id);
  }

  it("pushes each new version that passes chart and range, as the catalog lists it", async () => {
    const repo = repository();
    const other = repository();
    const registryId = await addAndSync(repo.path);
    const otherId = await addAndSync(other.path);
    const ranged = collect(client, { r: registryId, c: "kubernetes-dashboard", range: "^7.12" });
    const all = collect(client, { r: registryId });
    const elsewhere = collect(client, { r: otherId, range: "^7.12" });
    const wrongChart = collect(client, { r: registryId, c: "nginx" });
    // Subscribed once the server counts the operations (graphql-ws acknowledges nothing).
    await new Promise((resolve) => setTimeout(resolve, 300));
    repo.publish();
    await syncAndWait(registryId);
    await until(() => ranged.events.length === 2 && all.events.length === 3);
    expect(ranged.errors).toEqual([]);
    expect(ranged.events.map((e) => e.version.version).sort()).toEqual(["7.12.0", "7.13.0"]);
    expect(all.events.map((e) => e.version.version).sort()).toEqual([...NEWEST].sort());
    // What was pushed is what the catalog now lists for those versions.
    const listed = await newestVersions(registryId);
    for (const event of all.events) {
      expect(event.registryId).toBe(registryId);
      expect(event.chart).toBe("kubernetes-dashboard");
      expect(listed).toContainEqual(event.version);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(elsewhere.events).toEqual([]);
    expect(wrongChart.events).toEqual([]);
    // A second run that adds nothing pushes nothing.
    await syncAndWait(registryId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(all.events).toHaveLength(3);
    for (const s of [ranged, all, elsewhere, wrongChart]) s.dispose();
  });

  /** The three newest versions of the registry's chart, as the catalog lists them. */
  async function newestVersions(registryId: string) {
    type Edges<T> = { edges: { node: T }[] };
    const { registry: found } = await postGraphql<{
      registry: { charts: Edges<{ versions: Edges<Published["version"]> }> };
    }>(
      url,
      `query($id: ID!) { registry(id: $id) { charts(first: 1) { edges { node {
         versions(first: 3) { edges { node { id version appVersion digest } } } } } } } }`,
      { id: registryId },
    );
    return found.charts.edges[0]!.node.versions.edges.map((edge) => edge.node);
  }

  it("is NOT_FOUND for a registry the viewer cannot see, and never pushes another tenant's versions", async () => {
    const repo = repository();
    const registryId = await addAndSync(repo.path);
    const tenantB: Viewer = { tenantId: "tenant-b", role: "TENANT_ADMIN" };
    const result = await subscribe({
      schema: t.gateway.schema,
      document: parse(SUBSCRIPTION),
      variableValues: { r: registryId },
      contextValue: t.gateway.context(tenantB),
    });
    expect("errors" in result && result.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // An id that is no registry's is not found either.
    const bogus = await subscribe({
      schema: t.gateway.schema,
      document: parse(SUBSCRIPTION),
      variableValues: { r: "not-an-id" },
      contextValue: t.gateway.context(tenantB),
    });
    expect("errors" in bogus && bogus.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

const fleetDescribe = onPostgres ? describe : describe.skip;

fleetDescribe("chartVersionPublished and webhooks in a fleet (PostgreSQL)", () => {
  let schema: string;
  const instances: (GatewayProcess & { ws: Client })[] = [];
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    schema = await createTestSchema();
    receiver = await WebhookReceiver.start();
    const key = randomBytes(32).toString("base64");
    for (let i = 0; i < 2; i++) {
      const started = await startGatewayProcess({
        DATABASE_URL: schemaUrl(testDatabaseUrl()!, schema),
        ENCRYPTION_KEY: key,
        SYNC_SCHEDULE: "false",
        WEBHOOK_POLL_INTERVAL: "20ms",
        WEBHOOK_RETRY_BASE: "100ms",
      });
      instances.push(
        Object.assign(started, {
          ws: createClient({
            url: `${started.url.replace("http", "ws")}/graphql`,
            webSocketImpl: WebSocket,
            lazy: true,
            retryAttempts: 0,
          }),
        }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    for (const instance of instances) {
      await instance.ws.dispose();
      instance.child.kill("SIGTERM");
      await instance.exited;
    }
    await receiver?.close();
    if (schema) await dropTestSchema(schema);
  });

  it("pushes on one instance the versions a run on the other added; sends each webhook delivery once", async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const repo = repository();
    const { addHelmRegistry } = await postGraphql<{ addHelmRegistry: { id: string } }>(
      a.url,
      `mutation($n: String!, $e: String!) { addHelmRegistry(input: { name: $n, endpoint: $e }) { id } }`,
      { n: `fleet-${++counter}`, e: registry.url(repo.path) },
    );
    const registryId = addHelmRegistry.id;
    const runOn = async (on: GatewayProcess) => {
      const { syncRegistry } = await postGraphql<{ syncRegistry: { id: string } }>(
        on.url,
        `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
        { id: registryId },
      );
      for (;;) {
        const { syncRun } = await postGraphql<{ syncRun: { status: string } }>(
          on.url,
          `query($id: ID!) { syncRun(id: $id) { status } }`,
          { id: syncRegistry.id },
        );
        if (!["QUEUED", "RUNNING"].includes(syncRun.status)) return syncRun.status;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    expect(await runOn(a)).toBe("SUCCEEDED");
    // Every try of a delivery fails once, so that both instances see it due more than once.
    receiver.answer({ kind: "status", status: 500 }, { kind: "ok" });
    await postGraphql(
      b.url,
      `mutation($u: String!) { addWebhook(url: $u, events: [VERSION_PUBLISHED], secret: "fleet-webhook-secret-0123") { id } }`,
      { u: receiver.url("/fleet") },
    );
    const onB = collect(b.ws, { r: registryId, range: ">=7.11.1" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    repo.publish();
    expect(await runOn(a)).toBe("SUCCEEDED");
    await until(() => onB.events.length === 3);
    expect(onB.events.map((e) => e.version.version).sort()).toEqual([...NEWEST].sort());
    await receiver.waitFor((r) => r.some((d) => d.answered === 204));
    // Let both instances look at the outbox many more times: nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = receiver.received.map((d) => d.headers["x-gateway-delivery"]);
    expect(new Set(ids).size).toBe(1);
    expect(receiver.received.map((d) => d.answered)).toEqual([500, 204]);
    onB.dispose();
  });
});
