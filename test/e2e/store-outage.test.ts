import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { freePort } from "../helpers/gateway-process";
import { TcpSwitch } from "../helpers/hostile/tcp-switch";
import { FixtureServer, serveFile, type RouteHandler } from "../helpers/http-fixture-server";
import {
  createTestSchema,
  dropTestSchema,
  onPostgres,
  schemaUrl,
  testDatabaseUrl,
} from "../helpers/test-store";

/**
 * The PostgreSQL connection dropped and restored under a running gateway: the gateway reaches
 * PostgreSQL through a TCP front that a test can point at a closed port (every open connection
 * is cut, new ones are refused) and back. Meanwhile reads answer STORE_UNAVAILABLE and /healthz
 * 503; afterwards they recover by themselves, and the run that was going is not left RUNNING: it
 * ends INTERRUPTED and is run again.
 */
const outageDescribe = onPostgres ? describe : describe.skip;

const INDEX = fixturePath("helm", "ingress-nginx", "index.yaml");

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

outageDescribe("PostgreSQL: the database connection dropped and restored", () => {
  let schema: string;
  let front: TcpSwitch;
  let t: TestGateway;
  let server: FixtureServer;
  let url: string;

  beforeAll(async () => {
    const base = new URL(testDatabaseUrl()!);
    const pgPort = Number(base.port || 5432);
    schema = await createTestSchema();
    front = await TcpSwitch.start(pgPort);
    base.port = String(front.port);
    server = await FixtureServer.start();
    t = await startTestGateway({
      DATABASE_URL: schemaUrl(base.toString(), schema),
      PORT: "0",
      SYNC_SCHEDULE: "false",
      SYNC_LEASE: "500ms",
      REGISTRY_REQUEST_TIMEOUT: "60s",
    });
    url = (await t.gateway.listen()).url;
  });
  afterAll(async () => {
    await t?.close();
    await front?.close();
    await server?.close();
    await dropTestSchema(schema);
  });

  async function post(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  }

  async function runStatus(runId: string): Promise<string | undefined> {
    const answer = await post(`query($id: ID!) { syncRun(id: $id) { status } }`, { id: runId });
    return (answer.data?.["syncRun"] as { status: string } | null)?.status;
  }

  it("PostgreSQL: reads answer STORE_UNAVAILABLE while it is down, recover by themselves, and the run in flight is interrupted and run again", async () => {
    server.route("/repo/index.yaml", serveFile(INDEX));
    const added = await post(
      `mutation($e: String!) { addHelmRegistry(input: { name: "repo", endpoint: $e }) { id } }`,
      { e: server.url("/repo") },
    );
    const registryId = (added.data!["addHelmRegistry"] as { id: string }).id;
    const gate = gated(serveFile(INDEX));
    server.route("/repo/index.yaml", gate.handler);
    const started = await post(`mutation($id: ID!) { syncRegistry(id: $id) { id } }`, {
      id: registryId,
    });
    const runId = (started.data!["syncRegistry"] as { id: string }).id;
    for (let i = 0; i < 100 && (await runStatus(runId)) !== "RUNNING"; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));

    // Down: open connections cut, new ones refused.
    front.switchTo(await freePort());
    const runs = `query($id: ID!) { registry(id: $id) { syncRuns(first: 5) { edges { node { id status trigger } } } } }`;
    const down = await post(runs, { id: registryId });
    expect(down.errors?.[0]?.extensions?.code).toBe("STORE_UNAVAILABLE");
    expect(JSON.stringify(down)).not.toMatch(/ECONNREFUSED|terminated|127\.0\.0\.1|SELECT/);
    expect((await fetch(`${url}/healthz`)).status).toBe(503);
    gate.open(); // the run's listing completes while the store is away
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Restored: reads recover by themselves; the run does not stay RUNNING.
    front.switchTo(Number(new URL(testDatabaseUrl()!).port || 5432));
    let answer = await post(runs, { id: registryId });
    for (let i = 0; i < 50 && answer.errors; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await post(runs, { id: registryId });
    }
    expect(answer.errors).toBeUndefined();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    let status = await runStatus(runId);
    for (let i = 0; i < 100 && (status === "RUNNING" || status === "QUEUED"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await runStatus(runId);
    }
    expect(["INTERRUPTED", "FAILED"]).toContain(status);
    // The registry is synchronized after all, by a recovery run the gateway queued itself.
    let last = "";
    for (let i = 0; i < 100; i++) {
      const listed = await post(runs, { id: registryId });
      const nodes = (
        listed.data!["registry"] as {
          syncRuns: { edges: { node: { id: string; status: string; trigger: string } }[] };
        }
      ).syncRuns.edges.map((e) => e.node);
      last = JSON.stringify(nodes);
      if (nodes.some((n) => n.status === "SUCCEEDED")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(JSON.parse(last)).toContainEqual(
      expect.objectContaining({ trigger: "RECOVERY", status: "SUCCEEDED" }),
    );
  });
});
