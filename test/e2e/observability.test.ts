import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { createClient } from "graphql-ws";
import { ensureWebBuild } from "../helpers/browser";
import WebSocket from "ws";
import { loadConfig } from "../../src/config/config";
import { createGateway, type Gateway } from "../../src/gateway";
import { LOOPBACK_ALLOWLIST } from "../helpers/gateway-process";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";
import { parsePrometheus, valueOf } from "../helpers/prometheus";

const REPO = path.resolve(__dirname, "../../examples/helm-repo");
const PASSWORD = "never-in-metrics-7f3a9";
const METRICS_TOKEN = "scrape-token-0123456789";

interface Running {
  gateway: Gateway;
  url: string;
  dir: string;
  spans: InMemorySpanExporter;
}

async function start(env: Record<string, string> = {}): Promise<Running> {
  const dir = mkdtempSync(path.join(tmpdir(), "observability-"));
  const config = loadConfig(
    {
      DATABASE_URL: `sqlite:${path.join(dir, "gateway.sqlite")}`,
      SEED_DEFAULT_REGISTRIES: "false",
      LOG_LEVEL: "silent",
      PORT: "0",
      SYNC_SCHEDULE: "false",
      SYNC_REQUESTS_PER_MINUTE: "100000",
      REGISTRY_NETWORK_ALLOWLIST: LOOPBACK_ALLOWLIST,
      ...env,
    },
    path.resolve(__dirname, "../.."),
  );
  const spans = new InMemorySpanExporter();
  const gateway = await createGateway(config, { spanExporter: spans, env: {} });
  const http = await gateway.listen();
  return { gateway, url: http.url, dir, spans };
}

async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

async function scrape(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  return { text, ...parsePrometheus(text) };
}

const ADD = `mutation Add($input: AddHelmRegistryInput!) { addHelmRegistry(input: $input) { id } }`;
const SYNC = `mutation Sync($id: ID!) { syncRegistry(id: $id) { id } }`;
const RUN = `query Run($id: ID!) { syncRun(id: $id) { status versionsAdded versionsRemoved } }`;
const LAST = `query Last($id: ID!) { registry(id: $id) { lastSyncedAt } }`;

async function syncOverHttp(url: string, registryId: string, headers: Record<string, string> = {}) {
  const { syncRegistry } = await graphql<{ syncRegistry: { id: string } }>(
    url,
    SYNC,
    { id: registryId },
    headers,
  );
  for (;;) {
    const { syncRun } = await graphql<{
      syncRun: { status: string; versionsAdded: number; versionsRemoved: number };
    }>(url, RUN, { id: syncRegistry.id });
    if (!["QUEUED", "RUNNING"].includes(syncRun.status)) return syncRun;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("metrics, health and traces", () => {
  let registry: FixtureServer;
  let index: Buffer;

  beforeAll(async () => {
    ensureWebBuild();
    index = readFileSync(path.join(REPO, "index.yaml"));
    registry = await FixtureServer.start();
    registry.route("/charts/index.yaml", serveBody(index));
  });
  afterAll(async () => {
    await registry?.close();
  });

  describe("with METRICS_TOKEN", () => {
    let g: Running;
    const auth = { authorization: `Bearer ${METRICS_TOKEN}` };
    beforeAll(async () => {
      g = await start({ METRICS_TOKEN });
    });
    afterAll(async () => {
      await g?.gateway.stop(2000);
      rmSync(g.dir, { recursive: true, force: true });
    });

    it("answers /healthz and /readyz", async () => {
      expect((await fetch(`${g.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${g.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: "ready",
        checks: { store: "ok", migrations: "ok", shutdown: "ok" },
      });
    });

    it("refuses a scrape without the token", async () => {
      expect((await fetch(`${g.url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${g.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN.replace("0", "1")}` },
      });
      expect(wrong.status).toBe(401);
    });

    it("moves the sync, HTTP, cache and subscription metrics, and never shows a secret or a name", async () => {
      const before = await scrape(g.url, auth);
      expect(valueOf(before.samples, "gateway_sync_runs_total")).toBe(0);
      // The process defaults and the event loop's lag.
      expect(before.families.get("process_cpu_user_seconds_total")?.type).toBe("counter");
      expect(before.families.get("nodejs_eventloop_lag_seconds")?.type).toBe("gauge");

      const { addHelmRegistry } = await graphql<{ addHelmRegistry: { id: string } }>(g.url, ADD, {
        input: {
          name: "metrics-dashboard",
          endpoint: registry.url("/charts"),
          auth: { type: "BASIC", username: "reader", password: PASSWORD },
        },
      });
      const run = await syncOverHttp(g.url, addHelmRegistry.id);
      expect(run.status).toBe("SUCCEEDED");
      // Two identical reads: the second is a response-cache hit.
      const read = `query Names { registries { edges { node { name } } } }`;
      await graphql(g.url, read);
      await graphql(g.url, read);

      // An open subscription over WebSocket.
      const ws = createClient({
        url: `${g.url.replace("http", "ws")}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      const subscribed = new Promise<void>((resolve) => {
        ws.on("connected", () => setTimeout(resolve, 100));
      });
      const stop = ws.subscribe(
        { query: "subscription { syncProgress { runId } }" },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      await subscribed;
      // A query over the same socket.
      const overWs = await new Promise<unknown>((resolve, reject) => {
        ws.subscribe(
          { query: "query OverSocket { registries { totalCount } }" },
          { next: (result) => resolve(result.data), error: reject, complete: () => undefined },
        );
      });
      expect(overWs).toEqual({ registries: { totalCount: 1 } });

      const after = await scrape(g.url, auth);
      const s = after.samples;
      expect(
        valueOf(s, "gateway_sync_runs_total", { registry_kind: "HELM", outcome: "succeeded" }),
      ).toBe(1);
      expect(
        valueOf(s, "gateway_sync_run_duration_seconds_count", {
          registry_kind: "HELM",
          outcome: "succeeded",
        }),
      ).toBe(1);
      expect(after.families.get("gateway_sync_run_duration_seconds")?.type).toBe("histogram");
      expect(valueOf(s, "gateway_sync_versions_added_total", { registry_kind: "HELM" })).toBe(
        run.versionsAdded,
      );
      expect(run.versionsAdded).toBeGreaterThan(0);

      const { registry: reg } = await graphql<{ registry: { lastSyncedAt: string } }>(g.url, LAST, {
        id: addHelmRegistry.id,
      });
      const last = s.filter((x) => x.name === "gateway_registry_last_success_timestamp_seconds");
      expect(last).toHaveLength(1);
      expect(last[0].labels.registry_kind).toBe("HELM");
      expect(last[0].value).toBeCloseTo(Date.parse(reg.lastSyncedAt) / 1000, 2);
      expect(
        valueOf(s, "gateway_registries", { registry_kind: "HELM", sync_status: "SUCCEEDED" }),
      ).toBe(1);

      const mutations = (x: typeof s) =>
        valueOf(x, "gateway_graphql_operations_total", {
          transport: "http",
          operation_type: "mutation",
          outcome: "success",
        });
      expect(mutations(s) - mutations(before.samples)).toBe(2); // add and sync

      // A 200 answer that carries errors counts as an error.
      const failures = (x: typeof s) =>
        valueOf(x, "gateway_graphql_operations_total", {
          transport: "http",
          operation_type: "mutation",
          outcome: "error",
        }) ?? 0;
      const refused = await fetch(`${g.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `mutation { syncRegistry(id: "UmVnaXN0cnk6bm9uZQ") { id } }`,
        }),
      });
      expect(refused.status).toBe(200);
      expect(((await refused.json()) as { errors?: unknown[] }).errors).toHaveLength(1);
      expect(failures((await scrape(g.url, auth)).samples) - failures(s)).toBe(1);
      expect(
        valueOf(s, "gateway_graphql_operation_duration_seconds_count", {
          transport: "http",
          operation_type: "query",
        }),
      ).toBeGreaterThanOrEqual(3);
      expect(
        valueOf(s, "gateway_http_request_duration_seconds_count", {
          method: "POST",
          route: "/graphql",
          status_code: "200",
        }),
      ).toBeGreaterThanOrEqual(5);
      expect(valueOf(s, "gateway_response_cache_hits_total")).toBeGreaterThanOrEqual(1);
      expect(valueOf(s, "gateway_response_cache_misses_total")).toBeGreaterThanOrEqual(1);
      expect(valueOf(s, "gateway_response_cache_bytes")).toBeGreaterThan(0);
      expect(valueOf(s, "gateway_graphql_subscriptions_open")).toBe(1);
      expect(valueOf(s, "gateway_websocket_connections_open")).toBe(1);
      expect(
        valueOf(s, "gateway_graphql_operations_total", {
          transport: "ws",
          operation_type: "subscription",
          outcome: "success",
        }),
      ).toBe(1);
      expect(
        valueOf(s, "gateway_graphql_operations_total", {
          transport: "ws",
          operation_type: "query",
          outcome: "success",
        }),
      ).toBe(1);

      // Bounded labels: no registry name, endpoint, operation text or secret.
      expect(after.text).not.toContain(PASSWORD);
      expect(after.text).not.toContain("metrics-dashboard");
      expect(after.text).not.toContain(registry.origin);
      expect(after.text).not.toContain("Names");
      expect(after.text).not.toContain("OverSocket");

      stop();
      await ws.dispose();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closed = await scrape(g.url, auth);
      expect(valueOf(closed.samples, "gateway_graphql_subscriptions_open")).toBe(0);
      expect(valueOf(closed.samples, "gateway_websocket_connections_open")).toBe(0);
    });

    it("serves OpenMetrics to a scraper that asks for it", async () => {
      const response = await fetch(`${g.url}/metrics`, {
        headers: { ...auth, accept: "application/openmetrics-text; version=1.0.0" },
      });
      expect(response.headers.get("content-type")).toMatch(/^application\/openmetrics-text/);
      const text = await response.text();
      expect(text.trimEnd().endsWith("# EOF")).toBe(true);
      expect(text).toMatch(/^# TYPE gateway_sync_runs counter$/m);
    });
  });

  describe("readiness of the services the configuration uses", () => {
    let g: Running;
    let idp: FixtureServer;
    beforeAll(async () => {
      idp = await FixtureServer.start();
      idp.route("/jwks", (_req, res) => void res.writeHead(503).end("down"));
      g = await start({
        AUTH_JWKS_URL: idp.url("/jwks"),
        AUTH_ISSUER: "https://issuer.example",
        AUTH_AUDIENCE: "gateway",
        DASHBOARD: "false",
        GRAPHQL_IDE: "false",
      });
    });
    afterAll(async () => {
      await g?.gateway.stop(2000);
      await idp?.close();
      rmSync(g.dir, { recursive: true, force: true });
    });

    it("is not ready while the identity provider's JWKS fails, and ready once it answers", async () => {
      const down = await fetch(`${g.url}/readyz`);
      expect(down.status).toBe(503);
      const body = (await down.json()) as { status: string; checks: Record<string, string> };
      expect(body.status).toBe("not ready");
      expect(body.checks.store).toBe("ok");
      expect(body.checks.jwks).toMatch(/AUTH_JWKS_URL.*503/);
      // Alive all the same.
      expect((await fetch(`${g.url}/healthz`)).status).toBe(200);

      idp.route(
        "/jwks",
        serveBody(JSON.stringify({ keys: [] }), { contentType: "application/json" }),
      );
      const up = await fetch(`${g.url}/readyz`);
      expect(up.status).toBe(200);
    });

    it("serves neither the dashboard nor the IDE when they are turned off", async () => {
      expect((await fetch(`${g.url}/`, { headers: { accept: "text/html" } })).status).toBe(404);
      const ide = await fetch(`${g.url}/graphql`, { headers: { accept: "text/html" } });
      expect(ide.headers.get("content-type") ?? "").not.toMatch(/text\/html/);
    });
  });

  describe("with tracing (an in-memory exporter)", () => {
    let g: Running;
    beforeAll(async () => {
      g = await start({ METRICS: "false" });
    });
    afterAll(async () => {
      await g?.gateway.stop(2000);
      rmSync(g.dir, { recursive: true, force: true });
    });

    it("turns metrics off with METRICS=false", async () => {
      expect((await fetch(`${g.url}/metrics`)).status).toBe(404);
    });

    it("serves the dashboard and the IDE with a same-origin-only content policy", async () => {
      const page = await fetch(`${g.url}/`, { headers: { accept: "text/html" } });
      expect(page.status).toBe(200);
      expect(page.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
      const html = await page.text();
      expect(html).not.toMatch(/https?:\/\//);
      const ide = await fetch(`${g.url}/graphql`, { headers: { accept: "text/html" } });
      expect(ide.status).toBe(200);
      expect(await ide.text()).toContain('id="ide"');
      // A GraphQL client on the same path still gets GraphQL.
      const api = await fetch(`${g.url}/graphql?query=%7B__typename%7D`, {
        headers: { accept: "application/json", "apollo-require-preflight": "true" },
      });
      expect(await api.json()).toEqual({ data: { __typename: "Query" } });
    });

    it("makes a span per GraphQL operation under the HTTP span, continuing traceparent", async () => {
      g.spans.reset();
      const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      const parentId = "00f067aa0ba902b7";
      await graphql(
        g.url,
        `
          query ListRegistries {
            registries {
              totalCount
            }
          }
        `,
        {},
        {
          traceparent: `00-${traceId}-${parentId}-01`,
        },
      );
      const spans = await waitForSpans(g.spans, (all) =>
        all.some((s) => s.name === "query ListRegistries"),
      );
      const operation = spans.find((s) => s.name === "query ListRegistries")!;
      const server = spans.find((s) => s.kind === SpanKind.SERVER && s.name === "POST /graphql")!;
      expect(server).toBeDefined();
      expect(server.spanContext().traceId).toBe(traceId);
      expect(server.parentSpanContext?.spanId).toBe(parentId);
      expect(server.attributes["http.request.method"]).toBe("POST");
      expect(server.attributes["http.route"]).toBe("/graphql");
      expect(server.attributes["http.response.status_code"]).toBe(200);
      expect(operation.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
      expect(operation.attributes["graphql.operation.type"]).toBe("query");
      expect(operation.attributes["graphql.operation.name"]).toBe("ListRegistries");
      // The document is not recorded (literals could carry secrets).
      expect(operation.attributes["graphql.document"]).toBeUndefined();
      // Store statements made for it are CLIENT spans in the same trace (database conventions).
      const statements = spans.filter(
        (s) => s.kind === SpanKind.CLIENT && s.attributes["db.system.name"] === "sqlite",
      );
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.spanContext().traceId).toBe(traceId);
        expect(statement.name).toBe(
          `${statement.attributes["db.operation.name"]}${statement.attributes["db.collection.name"] ? ` ${statement.attributes["db.collection.name"]}` : ""}`,
        );
      }
      expect(statements.some((s) => s.attributes["db.collection.name"] === "registry")).toBe(true);
    });

    it("makes a span per sync run with a child per phase and per registry request", async () => {
      const { addHelmRegistry } = await graphql<{ addHelmRegistry: { id: string } }>(g.url, ADD, {
        input: { name: "traced", endpoint: registry.url("/charts") },
      });
      g.spans.reset();
      const run = await syncOverHttp(g.url, addHelmRegistry.id);
      expect(run.status).toBe("SUCCEEDED");
      const spans = await waitForSpans(g.spans, (all) => all.some((s) => s.name === "sync run"));
      const root = spans.find((s) => s.name === "sync run")!;
      expect(root.attributes["registry.kind"]).toBe("HELM");
      expect(root.attributes["sync.status"]).toBe("SUCCEEDED");
      expect(root.attributes["sync.versions.added"]).toBe(run.versionsAdded);
      const children = spans.filter(
        (s) => s.parentSpanContext?.spanId === root.spanContext().spanId,
      );
      const phases = children.filter((s) => s.name.startsWith("sync ")).map((s) => s.name);
      expect(phases).toEqual(
        expect.arrayContaining(["sync CONNECTING", "sync FETCHING", "sync APPLYING"]),
      );
      const requests = children.filter(
        (s) => s.kind === SpanKind.CLIENT && s.attributes["http.request.method"] !== undefined,
      );
      // The run's statements too (the catalog writer's own connection aside).
      expect(
        children.some(
          (s) => s.kind === SpanKind.CLIENT && s.attributes["db.system.name"] === "sqlite",
        ),
      ).toBe(true);
      expect(requests.length).toBeGreaterThanOrEqual(1);
      const get = requests.find(
        (s) => s.attributes["url.full"] === registry.url("/charts/index.yaml"),
      )!;
      expect(get.name).toBe("GET");
      expect(get.attributes["http.request.method"]).toBe("GET");
      expect(get.attributes["http.response.status_code"]).toBe(200);
      expect(get.attributes["server.address"]).toBe("127.0.0.1");
      // Every child ended within the run (to 10 ms: on a loaded CI machine a request's span
      // ended 1.03 ms after its run's, past the 1 ms this allowed before).
      for (const child of children) {
        expect(toMs(child.endTime)).toBeLessThanOrEqual(toMs(root.endTime) + 10);
      }
    });
  });
});

function toMs([seconds, nanos]: [number, number]): number {
  return seconds * 1000 + nanos / 1e6;
}

async function waitForSpans(
  exporter: InMemorySpanExporter,
  done: (spans: ReadableSpan[]) => boolean,
): Promise<ReadableSpan[]> {
  const deadline = Date.now() + 5000;
  while (!done(exporter.getFinishedSpans()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return exporter.getFinishedSpans();
}
