import { spawn } from "node:child_process";
import path from "node:path";
import { parse } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { ConfigError, loadConfig } from "../../src/config/config";
import { type Viewer } from "../../src/access/viewer";
import { AddHelmRegistryDocument, SyncRegistryDocument } from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveFile } from "../helpers/http-fixture-server";

/**
 * Limits on what a caller may ask: depth, cost, page size, body size, introspection, the
 * per-tenant sync budget; and the refusal to run open on a reachable address.
 */

const ROOT = path.resolve(__dirname, "../..");

let t: TestGateway;
let url: string;
let server: FixtureServer;

beforeAll(async () => {
  server = await FixtureServer.start();
  server.route(
    "/repo/index.yaml",
    serveFile(fixturePath("helm", "kubernetes-dashboard", "index.yaml")),
  );
  t = await startTestGateway({
    PORT: "0",
    MAX_QUERY_DEPTH: "10",
    MAX_QUERY_COMPLEXITY: "3000",
    MAX_REQUEST_BYTES: "64KB",
    SYNC_REQUESTS_PER_MINUTE: "2",
    SYNC_SCHEDULE: "false",
  });
  url = (await t.gateway.listen()).url;
});
afterAll(async () => {
  await t.close();
  await server.close();
});

async function post(body: unknown): Promise<{
  status: number;
  json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as never };
}

/** `registry { charts { edges { node { registry { … } } } } }` nested `levels` times. */
function nested(levels: number): string {
  let inner = "id";
  for (let i = 0; i < levels; i++)
    inner = `registry { charts(first: 1) { edges { node { ${inner} } } } }`;
  return `{ registries(first: 1) { edges { node { ... on HelmRegistry { charts(first: 1) { edges { node { ${inner} } } } } } } } }`;
}

describe("operation limits", () => {
  it("refuses an operation nested deeper than MAX_QUERY_DEPTH, before it runs", async () => {
    const shallow = await post({ query: nested(0) });
    expect(shallow.json.errors).toBeUndefined();
    const deep = await post({ query: nested(1) });
    expect(deep.status).toBe(400);
    expect(deep.json.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(deep.json.errors?.[0]?.message).toMatch(/MAX_QUERY_DEPTH/);
  });

  it("counts depth through fragments", async () => {
    const query = `fragment Deep on Chart { registry { charts(first: 1) { edges { node { registry { charts(first: 1) { edges { node { id } } } } } } } } }
      { registries(first: 1) { edges { node { ... on HelmRegistry { charts(first: 1) { edges { node { ...Deep } } } } } } } }`;
    expect((await post({ query })).json.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("refuses an operation whose pages of pages cost more than MAX_QUERY_COMPLEXITY", async () => {
    const cheap = await post({ query: `{ registries(first: 10) { edges { node { id name } } } }` });
    expect(cheap.json.errors).toBeUndefined();
    const costly = await post({
      query: `query($n: Int!) { registries(first: $n) { edges { node { ... on HelmRegistry { charts(first: $n) { edges { node { name versions(first: $n) { edges { node { version } } } } } } } } } } }`,
      variables: { n: 50 },
    });
    expect(costly.status).toBe(400);
    expect(costly.json.errors?.[0]?.extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      limit: 3000,
    });
    expect(costly.json.errors?.[0]?.message).toMatch(/MAX_QUERY_COMPLEXITY/);
  });

  it("refuses a page larger than 100", async () => {
    const result = await post({ query: `{ registries(first: 101) { totalCount } }` });
    expect(result.json.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("answers 413 to a body over MAX_REQUEST_BYTES, and the gateway carries on", async () => {
    const big = await post({
      query: `{ registries(first: 1) { totalCount } }`,
      variables: { pad: "x".repeat(100_000) },
    });
    expect(big.status).toBe(413);
    expect(big.json.errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
    const malformed = await post("{ not json");
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    expect((await post({ query: `{ registries(first: 1) { totalCount } }` })).status).toBe(200);
  });

  it("applies the same limits over WebSocket, and closes a socket sent an oversized message", async () => {
    const client = createClient({
      url: `${url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: nested(2) },
          { next: () => undefined, error: resolve, complete: () => resolve(null) },
        );
      });
      expect(JSON.stringify(errors)).toContain("QUERY_TOO_COMPLEX");
    } finally {
      await client.dispose();
    }
    const socket = new WebSocket(`${url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: { pad: "x".repeat(100_000) } }));
    const code = await new Promise<number>((resolve) => socket.once("close", (c) => resolve(c)));
    expect(code).toBe(1009);
  });

  it("answers introspection by default, and not when INTROSPECTION is false", async () => {
    const query = `{ __schema { queryType { name } } }`;
    expect((await post({ query })).json.errors).toBeUndefined();
    const closed = await startTestGateway({ INTROSPECTION: "false" });
    try {
      const result = await closed.exec(parse(query) as never);
      expect(result.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await closed.close();
    }
  });
});

describe("the per-tenant sync budget", () => {
  it("refuses the third syncRegistry in a minute with RATE_LIMITED, and only for that tenant", async () => {
    const tenantA: Viewer = { tenantId: "rate-a", role: "TENANT_ADMIN" };
    const tenantB: Viewer = { tenantId: "rate-b", role: "TENANT_ADMIN" };
    const add = async (viewer: Viewer) =>
      (
        await t.ok(
          AddHelmRegistryDocument,
          { input: { name: `r-${viewer.tenantId}`, endpoint: server.url("/repo") } },
          viewer,
        )
      ).addHelmRegistry.id;
    const a = await add(tenantA);
    const b = await add(tenantB);
    await t.ok(SyncRegistryDocument, { id: a }, tenantA);
    await t.ok(SyncRegistryDocument, { id: a }, tenantA);
    const third = await t.exec(SyncRegistryDocument, { id: a }, tenantA);
    expect(errorCode(third)).toBe("RATE_LIMITED");
    expect(third.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(errorCode(await t.exec(SyncRegistryDocument, { id: b }, tenantB))).toBeUndefined();
  });
});

describe("running without authentication", () => {
  it("is allowed on loopback only, unless ALLOW_UNAUTHENTICATED says otherwise", () => {
    expect(loadConfig({ HOST: "127.0.0.1" }).auth.mode).toBe("none");
    expect(loadConfig({ HOST: "::1" }).auth.mode).toBe("none");
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(/ALLOW_UNAUTHENTICATED=true/);
    expect(loadConfig({ HOST: "0.0.0.0", ALLOW_UNAUTHENTICATED: "true" }).auth.mode).toBe("none");
    const secured = loadConfig({
      HOST: "0.0.0.0",
      AUTH_JWT_SECRET: "k".repeat(32),
      AUTH_ISSUER: "https://idp",
      AUTH_AUDIENCE: "gw",
    });
    expect(secured.auth.mode).toBe("hs256");
  });

  it("refuses half-configured authentication", () => {
    expect(() =>
      loadConfig({ AUTH_JWT_SECRET: "short", AUTH_ISSUER: "i", AUTH_AUDIENCE: "a" }),
    ).toThrow(/at least 32 bytes/);
    expect(() => loadConfig({ AUTH_JWT_SECRET: "k".repeat(32) })).toThrow(
      /AUTH_ISSUER and AUTH_AUDIENCE/,
    );
    expect(() =>
      loadConfig({
        AUTH_JWT_SECRET: "k".repeat(32),
        AUTH_JWKS_URL: "https://idp/jwks",
        AUTH_ISSUER: "i",
        AUTH_AUDIENCE: "a",
      }),
    ).toThrow(/not both/);
    expect(() => loadConfig({ ENCRYPTION_KEY: "c2hvcnQ=" })).toThrow(/32 bytes/);
  });

  it("the real entry point exits 2 on 0.0.0.0 without authentication, and says why", async () => {
    const child = spawn(
      process.execPath,
      ["-r", path.join(ROOT, "test/helpers/swc-register.js"), path.join(ROOT, "src/main.ts")],
      {
        cwd: ROOT,
        env: { ...process.env, HOST: "0.0.0.0", PORT: "0", DATABASE_URL: "sqlite::memory:" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(output).toMatch(/not a loopback address and authentication is not configured/);
  }, 20_000);
});
