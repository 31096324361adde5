import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveFile } from "../helpers/http-fixture-server";
import { onPostgres } from "../helpers/test-store";

/**
 * Two gateways on one PostgreSQL database in different schemas are two fleets, not one: a run
 * of one is not announced to the other's subscribers, and a catalog change of one does not
 * invalidate the other's cached answers. (Their NOTIFY channels and advisory locks are the
 * schema's; see src/sync/fleet.ts.) PostgreSQL only.
 */
const pgDescribe = onPostgres ? describe : describe.skip;

pgDescribe("PostgreSQL: gateways in two schemas of one database", () => {
  let server: FixtureServer;
  let a: TestGateway;
  let b: TestGateway;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    server = await FixtureServer.start();
    server.route(
      "/repo/index.yaml",
      serveFile(fixturePath("helm", "kubernetes-dashboard", "index.yaml")),
    );
    a = await startTestGateway({
      PORT: "0",
      SYNC_SCHEDULE: "false",
      RESPONSE_CACHE_BYTES: "1000000",
    });
    b = await startTestGateway({
      PORT: "0",
      SYNC_SCHEDULE: "false",
      RESPONSE_CACHE_BYTES: "1000000",
    });
    urlA = (await a.gateway.listen()).url;
    urlB = (await b.gateway.listen()).url;
  }, 60_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close();
  });

  async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return {
      cache: response.headers.get("x-response-cache"),
      body: (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown },
    };
  }

  function watch(url: string) {
    const events: { status: string }[] = [];
    const client = createClient({
      url: `${url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    client.subscribe<{ syncProgress: { status: string } }>(
      { query: "subscription { syncProgress { runId status phase } }" },
      {
        next: (result) => {
          if (result.data) events.push(result.data.syncProgress);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    return { events, client };
  }

  it("hear nothing of each other's runs, and keep each other's cached answers", async () => {
    const read = "query { registries(first: 5) { totalCount edges { node { id } } } }";
    await post(urlB, read);
    expect((await post(urlB, read)).cache).toBe("hit");

    const onA = watch(urlA);
    const onB = watch(urlB);
    try {
      const added = await post(
        urlA,
        "mutation($i: AddHelmRegistryInput!) { addHelmRegistry(input: $i) { id } }",
        { i: { name: "only-on-a", endpoint: server.url("/repo") } },
      );
      expect(added.body.errors).toBeUndefined();
      // The subscriptions are open once a first (no-op) read over each socket has gone through.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await post(urlA, "mutation($id: ID!) { syncRegistry(id: $id) { id } }", {
        id: added.body.data!.addHelmRegistry!.id,
      });
      const deadline = Date.now() + 20_000;
      while (!onA.events.some((event) => event.status === "SUCCEEDED")) {
        if (Date.now() > deadline) throw new Error("the run on A never ended");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(onB.events).toEqual([]);
      // A's catalog moved; B's did not, and B's cached answer stands.
      expect((await post(urlB, read)).cache).toBe("hit");
    } finally {
      await onA.client.dispose();
      await onB.client.dispose();
    }
  }, 60_000);
});
