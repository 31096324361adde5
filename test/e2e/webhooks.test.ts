import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import { parse as parseYaml, stringify } from "yaml";
import { type Viewer } from "../../src/access/viewer";
import { fromGlobalId } from "../../src/services/ids";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveBody, type RouteHandler } from "../helpers/http-fixture-server";
import { dropTestSchema, storeQuery } from "../helpers/test-store";
import { verify, WebhookReceiver } from "../helpers/webhook-receiver";

/**
 * Webhooks end to end: a real gateway (SQLite, or PostgreSQL with TEST_DATABASE_URL) syncs a real
 * Helm repository served on loopback, and a real receiver on loopback gets the deliveries; it
 * answers 500, hangs past WEBHOOK_TIMEOUT, answers slowly, and comes back. The signature is
 * checked the way a receiver would, with node:crypto.
 */

const ENV = {
  PORT: "0",
  SYNC_SCHEDULE: "false",
  WEBHOOK_TIMEOUT: "700ms",
  WEBHOOK_RETRY_BASE: "150ms",
  WEBHOOK_POLL_INTERVAL: "50ms",
  WEBHOOK_MAX_ATTEMPTS: "4",
};
const SECRET = "webhook-test-secret-0123456789";
const TENANT_A: Viewer = { tenantId: "default", role: "TENANT_ADMIN" };
const VIEWER_A: Viewer = { tenantId: "default", role: "TENANT_VIEWER" };
const TENANT_B: Viewer = { tenantId: "tenant-b", role: "TENANT_ADMIN" };
const SYSTEM: Viewer = { tenantId: null, role: "SYSTEM_ADMIN" };

/** The fixture index, and the same without its three newest versions. */
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

let t: TestGateway;
let registry: FixtureServer;
let receiver: WebhookReceiver;
let counter = 0;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const doc = (text: string) => parse(text) as TypedDocumentNode<any, any>;

async function ok(text: string, variables: Record<string, unknown> = {}, viewer = TENANT_A) {
  const result = await t.exec(doc(text), variables, viewer);
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

/** A Helm repository whose index is the older one until `publish()` serves the full one. */
function repository(): { endpoint: string; publish(): void; fail(): void } {
  const base = `/repo-${++counter}`;
  let handler: RouteHandler = serveBody(olderIndex());
  registry.route(`${base}/index.yaml`, (req, res) => handler(req, res));
  return {
    endpoint: registry.url(base),
    publish: () => (handler = serveBody(FULL)),
    fail: () =>
      (handler = (_req, res) => {
        res.writeHead(500).end("index is broken");
      }),
  };
}

async function addRegistry(endpoint: string, viewer = TENANT_A, scope = "TENANT") {
  const data = await ok(
    `mutation($i: AddHelmRegistryInput!) { addHelmRegistry(input: $i) { id } }`,
    { i: { name: `repo-${++counter}`, endpoint, scope } },
    viewer,
  );
  return (data.addHelmRegistry as { id: string }).id;
}

async function sync(registryId: string, viewer = TENANT_A) {
  const data = await ok(
    `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
    { id: registryId },
    viewer,
  );
  const runId = fromGlobalId((data.syncRegistry as { id: string }).id)!.id;
  return t.gateway.engine.waitFor(runId);
}

const ADD = `mutation($url: String!, $events: [WebhookEvent!]!, $secret: String!, $filter: WebhookFilterInput, $scope: RegistryScope) {
  addWebhook(url: $url, events: $events, secret: $secret, filter: $filter, scope: $scope) {
    id url events hasSecret active scope filter { registryId chart range }
  }
}`;

async function addWebhook(
  variables: Record<string, unknown>,
  viewer = TENANT_A,
): Promise<{ id: string }> {
  const data = await ok(ADD, { secret: SECRET, ...variables }, viewer);
  return data.addWebhook as { id: string };
}

interface Delivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

async function deliveries(webhookId: string, viewer = TENANT_A): Promise<Delivery[]> {
  const data = await ok(
    `{ webhooks { id deliveries(first: 50) { id event status attempts lastStatusCode lastError deliveredAt } } }`,
    {},
    viewer,
  );
  const hook = (data.webhooks as { id: string; deliveries: Delivery[] }[]).find(
    (h) => h.id === webhookId,
  );
  return hook?.deliveries ?? [];
}

async function waitForDeliveries(
  webhookId: string,
  predicate: (list: Delivery[]) => boolean,
  timeoutMs = 15_000,
): Promise<Delivery[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await deliveries(webhookId);
    if (predicate(list)) return list;
    if (Date.now() > deadline) throw new Error(`deliveries never matched: ${JSON.stringify(list)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function removeWebhook(id: string, viewer = TENANT_A) {
  await ok(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id }, viewer);
}

beforeAll(async () => {
  registry = await FixtureServer.start();
  receiver = await WebhookReceiver.start();
  t = await startTestGateway(ENV);
});

afterAll(async () => {
  await t?.close();
  await receiver?.close();
  await registry?.close();
});

beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer({ kind: "ok" });
});

describe("webhooks", () => {
  it("POSTs new versions that pass the filter, signed, with a delivery id and the event", async () => {
    const repo = repository();
    const registryId = await addRegistry(repo.endpoint);
    await sync(registryId);
    const hook = await addWebhook({
      url: receiver.url("/published"),
      events: ["VERSION_PUBLISHED"],
      filter: { registryId, chart: "kubernetes-dashboard", range: "^7.12" },
    });
    repo.publish();
    await sync(registryId);
    await receiver.waitFor((r) => r.length === 1);
    const [got] = receiver.received;
    expect(got!.path).toBe("/published");
    expect(got!.headers["content-type"]).toBe("application/json");
    expect(got!.headers["x-gateway-event"]).toBe("VERSION_PUBLISHED");
    expect(verify(SECRET, got!.body, got!.headers["x-gateway-signature-256"] as string)).toBe(true);
    expect(
      verify(
        "another-secret-0123456789",
        got!.body,
        got!.headers["x-gateway-signature-256"] as string,
      ),
    ).toBe(false);
    const body = JSON.parse(got!.body) as {
      event: string;
      registry: { id: string };
      versions: { chart: string; version: string }[];
    };
    expect(body.event).toBe("VERSION_PUBLISHED");
    expect(body.registry.id).toBe(registryId);
    // ^7.12 keeps two of the three new versions (7.11.1 is below it).
    expect(body.versions.map((v) => v.version).sort()).toEqual(["7.12.0", "7.13.0"]);
    const [log] = await waitForDeliveries(hook.id, (l) => l[0]?.status === "DELIVERED");
    expect(log).toMatchObject({
      id: got!.headers["x-gateway-delivery"],
      attempts: 1,
      lastStatusCode: 204,
    });
    await removeWebhook(hook.id);
  });

  it("retries a receiver that answers 500 with backoff until it comes back, under the same delivery id", async () => {
    const repo = repository();
    const registryId = await addRegistry(repo.endpoint);
    await sync(registryId);
    const hook = await addWebhook({
      url: receiver.url(),
      events: ["VERSION_PUBLISHED"],
      filter: { registryId },
    });
    receiver.answer(
      { kind: "status", status: 500 },
      { kind: "status", status: 500 },
      { kind: "ok" },
    );
    repo.publish();
    await sync(registryId);
    await receiver.waitFor((r) => r.length === 3 && r[2]!.answered === 204);
    const ids = new Set(receiver.received.map((r) => r.headers["x-gateway-delivery"]));
    expect(ids.size).toBe(1);
    // The same bytes each time, each correctly signed.
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    for (const r of receiver.received)
      expect(verify(SECRET, r.body, r.headers["x-gateway-signature-256"] as string)).toBe(true);
    const [log] = await waitForDeliveries(hook.id, (l) => l[0]?.status === "DELIVERED");
    expect(log).toMatchObject({ attempts: 3, lastStatusCode: 204, lastError: null });
    await removeWebhook(hook.id);
  });

  it("counts a receiver that hangs past WEBHOOK_TIMEOUT as a failed try, and one that is slow but in time as delivered", async () => {
    const repo = repository();
    const registryId = await addRegistry(repo.endpoint);
    await sync(registryId);
    const hook = await addWebhook({
      url: receiver.url(),
      events: ["VERSION_PUBLISHED"],
      filter: { registryId },
    });
    receiver.answer({ kind: "hang" }, { kind: "slow", ms: 300 });
    repo.publish();
    await sync(registryId);
    const failed = await waitForDeliveries(
      hook.id,
      (l) => l[0]?.attempts === 1 && l[0].lastError !== null,
    );
    expect(failed[0]!.status).toBe("PENDING");
    // Our deadline or undici's, whichever fires first: both are the 700 ms WEBHOOK_TIMEOUT.
    expect(failed[0]!.lastError).toMatch(/did not complete within 700 ms|took too long to respond/);
    expect(failed[0]!.lastStatusCode).toBeNull();
    const [log] = await waitForDeliveries(hook.id, (l) => l[0]?.status === "DELIVERED");
    expect(log).toMatchObject({ attempts: 2, lastStatusCode: 200 });
    await removeWebhook(hook.id);
  });

  it("gives up after WEBHOOK_MAX_ATTEMPTS and keeps the last error in the log", async () => {
    const repo = repository();
    const registryId = await addRegistry(repo.endpoint);
    await sync(registryId);
    const hook = await addWebhook({
      url: receiver.url("/give-up"),
      events: ["VERSION_PUBLISHED"],
      filter: { registryId },
    });
    receiver.answer({ kind: "status", status: 503 });
    repo.publish();
    await sync(registryId);
    const [log] = await waitForDeliveries(hook.id, (l) => l[0]?.status === "FAILED");
    expect(log).toMatchObject({ attempts: 4, lastStatusCode: 503 });
    expect(log!.lastError).toMatch(/503/);
    expect(receiver.received.filter((r) => r.path === "/give-up")).toHaveLength(4);
    await removeWebhook(hook.id);
  });

  it("tells of failed syncs and removed versions", async () => {
    const repo = repository();
    const registryId = await addRegistry(repo.endpoint);
    repo.publish();
    await sync(registryId);
    const hook = await addWebhook({
      url: receiver.url(),
      events: ["SYNC_FAILED", "VERSION_REMOVED"],
      filter: { registryId },
    });
    // Back to the older index: three versions leave the catalog.
    registry.route(`${new URL(repo.endpoint).pathname}/index.yaml`, serveBody(olderIndex()));
    await sync(registryId);
    await receiver.waitFor((r) => r.length === 1);
    const removed = JSON.parse(receiver.received[0]!.body) as {
      event: string;
      versions: { version: string }[];
    };
    expect(receiver.received[0]!.headers["x-gateway-event"]).toBe("VERSION_REMOVED");
    expect(removed.versions.map((v) => v.version).sort()).toEqual([...NEWEST].sort());
    registry.route(`${new URL(repo.endpoint).pathname}/index.yaml`, (_req, res) => {
      res.writeHead(500).end("index is broken");
    });
    const run = await sync(registryId);
    expect(run.status).toBe("FAILED");
    await receiver.waitFor((r) => r.length === 2);
    const failed = JSON.parse(receiver.received[1]!.body) as {
      event: string;
      error: { code: string };
    };
    expect(receiver.received[1]!.headers["x-gateway-event"]).toBe("SYNC_FAILED");
    expect(failed.error.code).toBe(run.errorCode);
    expect(failed.error.code).toBe("SERVER_ERROR");
    await removeWebhook(hook.id);
  });

  it("sends a webhook only the events of registries its owner sees", async () => {
    const repoA = repository();
    const registryA = await addRegistry(repoA.endpoint);
    await sync(registryA);
    const repoSystem = repository();
    const registrySystem = await addRegistry(repoSystem.endpoint, SYSTEM, "SYSTEM");
    await sync(registrySystem, SYSTEM);
    const hookB = await addWebhook(
      { url: receiver.url("/b"), events: ["VERSION_PUBLISHED"] },
      TENANT_B,
    );
    const hookSystem = await addWebhook(
      { url: receiver.url("/system"), events: ["VERSION_PUBLISHED"], scope: "SYSTEM" },
      SYSTEM,
    );
    // Tenant B may not filter on tenant A's registry: not found.
    const refused = await t.exec(
      doc(ADD),
      {
        url: receiver.url(),
        events: ["VERSION_PUBLISHED"],
        secret: SECRET,
        filter: { registryId: registryA },
      },
      TENANT_B,
    );
    expect(errorCode(refused)).toBe("NOT_FOUND");
    repoA.publish();
    await sync(registryA);
    repoSystem.publish();
    await sync(registrySystem, SYSTEM);
    // B hears the system registry (it sees it) but not tenant A's; the system webhook the same.
    await receiver.waitFor((r) => r.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const heard = receiver.received.map((r) => [
      r.path,
      (JSON.parse(r.body) as { registry: { id: string } }).registry.id,
    ]);
    expect(heard.sort()).toEqual([
      ["/b", registrySystem],
      ["/system", registrySystem],
    ]);
    await removeWebhook(hookB.id, TENANT_B);
    await removeWebhook(hookSystem.id, SYSTEM);
  });

  it("refuses bad input, addresses the network policy forbids, and callers who may not manage webhooks", async () => {
    const cases: [Record<string, unknown>, Viewer, string][] = [
      [{ url: "ftp://example.com/hook" }, TENANT_A, "BAD_USER_INPUT"],
      [{ url: "https://user:pw@example.com/hook" }, TENANT_A, "BAD_USER_INPUT"],
      [{ url: "http://169.254.169.254/latest" }, TENANT_A, "BAD_USER_INPUT"],
      [{ url: "http://10.1.2.3/hook" }, TENANT_A, "BAD_USER_INPUT"],
      [{ secret: "short" }, TENANT_A, "BAD_USER_INPUT"],
      [{ events: [] }, TENANT_A, "BAD_USER_INPUT"],
      [{}, VIEWER_A, "FORBIDDEN"],
      [{ scope: "SYSTEM" }, TENANT_A, "FORBIDDEN"],
    ];
    for (const [variables, viewer, code] of cases) {
      const result = await t.exec(
        doc(ADD),
        { url: receiver.url(), events: ["VERSION_PUBLISHED"], secret: SECRET, ...variables },
        viewer,
      );
      expect([JSON.stringify(variables), errorCode(result)]).toEqual([
        JSON.stringify(variables),
        code,
      ]);
    }
    const metadata = await t.exec(
      doc(ADD),
      { url: "http://169.254.169.254/latest", events: ["SYNC_FAILED"], secret: SECRET },
      TENANT_A,
    );
    expect(metadata.errors?.[0]?.message).toMatch(/cloud metadata address/);
    expect(await storeQuery(t.dir, "SELECT id FROM webhook")).toEqual([]);
  });

  it("never returns or logs the secret, and stores it sealed", async () => {
    const hook = await addWebhook({ url: receiver.url(), events: ["SYNC_FAILED"] });
    const other = await t.exec(
      doc(`mutation($id: ID!) { updateWebhook(id: $id, active: false) { id active } }`),
      { id: hook.id },
      TENANT_B,
    );
    expect(errorCode(other)).toBe("NOT_FOUND");
    const viewer = await t.exec(
      doc(`mutation($id: ID!) { removeWebhook(id: $id) }`),
      { id: hook.id },
      VIEWER_A,
    );
    expect(errorCode(viewer)).toBe("FORBIDDEN");
    const listed = await ok(`{ webhooks { id url events hasSecret active filter { chart } } }`);
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    const rows = await storeQuery(t.dir, "SELECT secret FROM webhook");
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(t.logs.join("\n")).not.toContain(SECRET);
    await removeWebhook(hook.id);
  });
});

describe("webhooks across a restart", () => {
  it("sends after a restart a delivery that failed before it, with the same id", async () => {
    const repo = repository();
    // Retries wait long enough for the gateway to stop before the retry is due.
    const env = { ...ENV, WEBHOOK_RETRY_BASE: "2s" };
    const dir = mkdtempSync(path.join(tmpdir(), "webhook-restart-"));
    const previous = t;
    let second: TestGateway | undefined;
    let schema: string | undefined;
    try {
      const first = await startTestGateway(env, dir);
      schema = first.pgSchema;
      t = first;
      const registryId = await addRegistry(repo.endpoint);
      await sync(registryId);
      const hook = await addWebhook({
        url: receiver.url("/restart"),
        events: ["VERSION_PUBLISHED"],
      });
      receiver.answer({ kind: "status", status: 500 }, { kind: "ok" });
      repo.publish();
      await sync(registryId);
      const [failed] = await waitForDeliveries(
        hook.id,
        (l) => l[0]?.attempts === 1 && l[0].lastStatusCode === 500,
      );
      expect(failed!.status).toBe("PENDING");
      await first.close();
      const before = receiver.received.length;
      second = await startTestGateway(env, dir);
      t = second;
      const [log] = await waitForDeliveries(hook.id, (l) => l[0]?.status === "DELIVERED");
      expect(log).toMatchObject({ id: failed!.id, attempts: 2, lastStatusCode: 204 });
      expect(receiver.received.length).toBe(before + 1);
      expect(receiver.received.at(-1)!.headers["x-gateway-delivery"]).toBe(failed!.id);
    } finally {
      t = previous;
      await second?.close();
      rmSync(dir, { recursive: true, force: true });
      if (schema) await dropTestSchema(schema);
    }
  });
});

describe("webhooks on a store reopened with other settings", () => {
  /** Runs `steps` with gateways started one after the other on one store, then cleans up. */
  async function onOneStore(
    steps: (start: (env: Record<string, string>) => Promise<TestGateway>) => Promise<void>,
  ): Promise<void> {
    const dir = mkdtempSync(path.join(tmpdir(), "webhook-store-"));
    const previous = t;
    const opened: TestGateway[] = [];
    let schema: string | undefined;
    try {
      await steps(async (env) => {
        if (opened.length > 0) await opened.at(-1)!.close();
        t = await startTestGateway({ ...ENV, ...env }, dir);
        schema ??= t.pgSchema;
        opened.push(t);
        return t;
      });
    } finally {
      t = previous;
      await opened.at(-1)?.close();
      rmSync(dir, { recursive: true, force: true });
      if (schema) await dropTestSchema(schema);
    }
  }

  it("checks the network policy again at every delivery", async () => {
    await onOneStore(async (start) => {
      await start({});
      const repo = repository();
      const registryId = await addRegistry(repo.endpoint);
      const hook = await addWebhook({ url: receiver.url("/policy"), events: ["SYNC_FAILED"] });
      // The same store, with loopback no longer allowed: the sync fails and so does the delivery.
      await start({ REGISTRY_NETWORK_ALLOWLIST: "203.0.113.0/24" });
      const run = await sync(registryId);
      expect(run.errorCode).toBe("ADDRESS_NOT_ALLOWED");
      const [log] = await waitForDeliveries(hook.id, (l) => l[0]?.lastError != null);
      expect(log!.lastError).toMatch(/Not connecting to 127\.0\.0\.1: it is a loopback address/);
      expect(log!.lastStatusCode).toBeNull();
      expect(receiver.received).toEqual([]);
    });
  });

  it("re-seals webhook secrets with a new ENCRYPTION_KEY and still signs with the same secret", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    await onOneStore(async (start) => {
      await start({ ENCRYPTION_KEY: oldKey });
      const good = repository();
      const goodId = await addRegistry(good.endpoint);
      await addWebhook({ url: receiver.url("/rotated"), events: ["SYNC_FAILED"] });
      const [before] = await storeQuery<{ secret: string }>(t.dir, "SELECT secret FROM webhook");
      await start({ ENCRYPTION_KEY: newKey, ENCRYPTION_PREVIOUS_KEYS: oldKey });
      const [after] = await storeQuery<{ secret: string }>(t.dir, "SELECT secret FROM webhook");
      expect(after!.secret).not.toBe(before!.secret);
      expect(after!.secret).not.toContain(SECRET);
      good.fail();
      expect((await sync(goodId)).status).toBe("FAILED");
      await receiver.waitFor((r) => r.length === 1);
      const [got] = receiver.received;
      expect(verify(SECRET, got!.body, got!.headers["x-gateway-signature-256"] as string)).toBe(
        true,
      );
    });
  });
});
