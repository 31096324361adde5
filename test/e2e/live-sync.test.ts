import { type IncomingMessage, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { parse, print, subscribe, type ExecutionResult } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import {
  AddHelmRegistryDocument,
  CancelSyncDocument,
  CatalogChangedDocument,
  ChartsDocument,
  SyncProgressDocument,
  SyncRegistryDocument,
  SyncRunsDocument,
  type SyncProgressSubscription,
} from "../__generated__/graphql";
import { SubscriptionResolver } from "../../src/resolvers/subscription.resolver";
import { fromGlobalId } from "../../src/services/ids";
import { type Viewer } from "../../src/access/viewer";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import {
  FixtureServer,
  hang,
  serveBody,
  serveFile,
  type RouteHandler,
} from "../helpers/http-fixture-server";
import { distinctVersions, sourcesCounts, syncAndWait } from "../helpers/sync";

type Progress = SyncProgressSubscription["syncProgress"];

let t: TestGateway;
let server: FixtureServer;
let client: Client;

beforeAll(async () => {
  t = await startTestGateway({
    PORT: "0",
    SYNC_SCHEDULE: "false",
    SYNC_FORCE_AFTER: "1500ms", // long enough that an early request lands inside it on a loaded machine
    // Frequent in-phase events, so that a test can act in the middle of a short apply.
    SYNC_PROGRESS_INTERVAL: "20ms",
  });
  const http = await t.gateway.listen();
  client = createClient({
    url: `${http.url.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
  });
  server = await FixtureServer.start();
});
afterAll(async () => {
  await client.dispose();
  await t.close();
  await server.close();
});

/** A handler that holds every request until `open()` is called. */
function gated(inner: RouteHandler): { handler: RouteHandler; open(): void; waiting(): number } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let waiting = 0;
  return {
    handler: async (req: IncomingMessage, res: ServerResponse) => {
      waiting++;
      await gate;
      await inner(req, res);
    },
    open: () => release(),
    waiting: () => waiting,
  };
}

async function addRegistry(
  name: string,
  path: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const data = await t.ok(AddHelmRegistryDocument, {
    input: { name, endpoint: server.url(path), ...extra },
  });
  return data.addHelmRegistry.id;
}

/** Collects the events of a subscription until it completes (or `stopWhen` says so). */
function collect(
  variables: { registryId?: string; runId?: string },
  stopWhen?: (e: Progress) => boolean,
) {
  const events: Progress[] = [];
  const iterator = client.iterate<SyncProgressSubscription>({
    query: print(SyncProgressDocument),
    variables,
  });
  const done = (async () => {
    for await (const result of iterator) {
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      events.push(result.data!.syncProgress);
      if (stopWhen?.(result.data!.syncProgress)) break;
    }
    return events;
  })();
  return { events, done };
}

const terminal = (e: Progress) =>
  ["SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"].includes(e.status);

/** Waits until the subscriber is registered on the server (the bus has a listener for it). */
async function settle(ms = 150): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe("progress subscriptions over graphql-ws", () => {
  it("deliver every phase in order and final counts equal to the fixture's", async () => {
    const gate = gated(serveFile(fixturePath("helm", "bitnami", "index.yaml")));
    server.route("/bitnami/index.yaml", serveFile(fixturePath("helm", "bitnami", "index.yaml")));
    const registryId = await addRegistry("bitnami", "/bitnami");
    server.route("/bitnami/index.yaml", gate.handler);

    const sub = collect({ registryId }, terminal);
    await settle();
    const started = await t.ok(SyncRegistryDocument, { id: registryId });
    expect(started.syncRegistry.status).toMatch(/QUEUED|RUNNING/);
    gate.open();
    const events = await sub.done;

    const phases = events.map((e) => e.phase).filter((p, i, all) => i === 0 || all[i - 1] !== p);
    expect(phases).toEqual(["QUEUED", "CONNECTING", "FETCHING", "PARSING", "APPLYING", "DONE"]);
    expect(new Set(events.map((e) => e.runId))).toEqual(new Set([started.syncRegistry.id]));
    const last = events.at(-1)!;
    const want = sourcesCounts().get("bitnami")!;
    expect(last.status).toBe("SUCCEEDED");
    expect(last.counts).toMatchObject({
      chartsSeen: want.charts,
      versionsSeen: want.versions,
      versionsAdded: distinctVersions("bitnami"),
    });
    expect(last.bytesFetched).toBe(
      readFileSync(fixturePath("helm", "bitnami", "index.yaml")).length,
    );
    // Coalesced: a few events per phase, not one per chart or version.
    expect(events.length).toBeLessThan(60);
  });

  it("send a late subscriber the run's current state first", async () => {
    const gate = gated(serveFile(fixturePath("helm", "ingress-nginx", "index.yaml")));
    server.route("/late/index.yaml", serveFile(fixturePath("helm", "ingress-nginx", "index.yaml")));
    const registryId = await addRegistry("late", "/late");
    server.route("/late/index.yaml", gate.handler);
    const started = await t.ok(SyncRegistryDocument, { id: registryId });
    while (gate.waiting() === 0) await settle(20);

    const sub = collect({ runId: started.syncRegistry.id });
    // The first event is the current state (PostgreSQL takes a few more round trips to send it).
    for (let i = 0; i < 100 && sub.events.length === 0; i++) await settle(20);
    expect(sub.events[0]).toMatchObject({
      runId: started.syncRegistry.id,
      status: "RUNNING",
      phase: "CONNECTING",
    });
    gate.open();
    const events = await sub.done; // completes by itself after the terminal event
    expect(events.at(-1)).toMatchObject({ status: "SUCCEEDED", phase: "DONE" });

    // Subscribing to a finished run gives its final state and completes.
    const after = await collect({ runId: started.syncRegistry.id }).done;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      status: "SUCCEEDED",
      counts: { versionsAdded: distinctVersions("ingress-nginx") },
    });
  });

  it("push the change feed after a run that changed the catalog", async () => {
    server.route("/feed/index.yaml", serveFile(fixturePath("helm", "spectrocloud", "index.yaml")));
    const registryId = await addRegistry("feed", "/feed");
    const iterator = client.iterate<{
      catalogChanged: { addedCount: number; added: { chart: string }[]; runId: string };
    }>({
      query: print(CatalogChangedDocument),
      variables: { registryId },
    });
    await settle();
    const run = await syncAndWait(t, registryId);
    const first = await iterator.next();
    expect(first.value.data.catalogChanged).toMatchObject({ addedCount: 5, runId: run.id });
    expect(first.value.data.catalogChanged.added).toHaveLength(5);
    await iterator.return?.();
  });
});

describe("runs", () => {
  it("make one run of two concurrent sync requests", async () => {
    const gate = gated(serveFile(fixturePath("helm", "spectrocloud", "index.yaml")));
    server.route("/twice/index.yaml", serveFile(fixturePath("helm", "spectrocloud", "index.yaml")));
    const registryId = await addRegistry("twice", "/twice");
    server.route("/twice/index.yaml", gate.handler);
    const [a, b] = await Promise.all([
      t.ok(SyncRegistryDocument, { id: registryId }),
      t.ok(SyncRegistryDocument, { id: registryId }),
    ]);
    expect(a.syncRegistry.id).toBe(b.syncRegistry.id);
    gate.open();
    await t.gateway.engine.waitFor(fromGlobalId(a.syncRegistry.id)!.id);
    const { registry } = await t.ok(SyncRunsDocument, { id: registryId });
    expect(registry!.syncRuns.totalCount).toBe(1);
  });

  it("can be cancelled, leaving the catalog as it was", async () => {
    server.route(
      "/cancel/index.yaml",
      serveFile(fixturePath("helm", "spectrocloud", "index.yaml")),
    );
    const registryId = await addRegistry("cancel", "/cancel");
    await syncAndWait(t, registryId);
    server.route("/cancel/index.yaml", hang());
    const started = await t.ok(SyncRegistryDocument, { id: registryId });
    await settle(100);
    const cancelled = await t.ok(CancelSyncDocument, { runId: started.syncRegistry.id });
    expect(cancelled.cancelSync.status).toBe("CANCELLED");
    const { registry } = await t.ok(SyncRunsDocument, { id: registryId });
    expect(registry!.syncStatus).toBe("CANCELLED");
    expect(registry!.syncRuns.edges[1].node.versionsAdded).toBe(5);
  });

  it("refuse a forced sync of a young run, and interrupt an old one", async () => {
    server.route("/force/index.yaml", serveFile(fixturePath("helm", "spectrocloud", "index.yaml")));
    const registryId = await addRegistry("force", "/force");
    server.route("/force/index.yaml", hang());
    const first = await t.ok(SyncRegistryDocument, { id: registryId });
    await settle(50);
    const early = await t.exec(SyncRegistryDocument, { id: registryId, force: true });
    expect(errorCode(early)).toBe("SYNC_FORCE_TOO_EARLY");
    expect(Date.parse(String(early.errors![0].extensions!.forceAllowedAt))).toBeGreaterThan(
      Date.now() - 1000,
    );

    await settle(1550);
    server.route("/force/index.yaml", serveFile(fixturePath("helm", "spectrocloud", "index.yaml")));
    const forced = await t.ok(SyncRegistryDocument, { id: registryId, force: true });
    expect(forced.syncRegistry.id).not.toBe(first.syncRegistry.id);
    const old = await t.gateway.engine.waitFor(fromGlobalId(first.syncRegistry.id)!.id);
    expect(old.status).toBe("INTERRUPTED");
    const fresh = await t.gateway.engine.waitFor(fromGlobalId(forced.syncRegistry.id)!.id);
    expect(fresh.status).toBe("SUCCEEDED");
  });

  it("write zero catalog rows when the registry answers 304", async () => {
    const body = readFileSync(fixturePath("helm", "grafana", "index.yaml"));
    server.route("/etag/index.yaml", serveBody(body, { etag: '"v1"', gzip: true }));
    const registryId = await addRegistry("etag", "/etag");
    const first = await syncAndWait(t, registryId);
    expect(first.versionsAdded).toBe(distinctVersions("grafana"));
    expect(first.bytesFetched).toBeLessThan(body.length / 4); // gzip on the wire

    const counter = t.gateway.store.statements;
    const writesBefore = counter.writesTo("chart", "chart_version");
    const requestsBefore = server.requestsTo("/etag/index.yaml").length;
    const second = await syncAndWait(t, registryId);
    expect(second).toMatchObject({
      status: "SUCCEEDED",
      unchanged: true,
      versionsAdded: 0,
      versionsRemoved: 0,
    });
    expect(counter.writesTo("chart", "chart_version")).toBe(writesBefore);
    const request = server.requestsTo("/etag/index.yaml")[requestsBefore];
    expect(request.headers["if-none-match"]).toBe('"v1"');
  });
});

describe("tenant filtering of subscriptions", () => {
  it("never shows a subscriber another tenant's runs", async () => {
    const a: Viewer = { tenantId: "tenant-a", role: "TENANT_ADMIN" };
    const b: Viewer = { tenantId: "tenant-b", role: "TENANT_ADMIN" };
    server.route(
      "/tenant/index.yaml",
      serveFile(fixturePath("helm", "spectrocloud", "index.yaml")),
    );
    const { addHelmRegistry } = await t.ok(
      AddHelmRegistryDocument,
      { input: { name: "tenant-a-repo", endpoint: server.url("/tenant") } },
      a,
    );

    const document = parse(print(SyncProgressDocument));
    const open = async (viewer: Viewer, variables: Record<string, unknown>) =>
      subscribe({
        schema: t.gateway.schema,
        document,
        variableValues: variables,
        contextValue: t.gateway.context(viewer),
      });

    const byId = (await open(b, { registryId: addHelmRegistry.id })) as ExecutionResult;
    expect(byId.errors?.[0].extensions?.code).toBe("NOT_FOUND");

    const everythingB = (await open(b, {})) as AsyncIterableIterator<ExecutionResult>;
    const everythingA = (await open(a, {})) as AsyncIterableIterator<ExecutionResult>;
    const seenByB: unknown[] = [];
    const pumpB = (async () => {
      for await (const event of everythingB) seenByB.push(event);
    })();
    const run = await syncAndWait(t, addHelmRegistry.id, a);
    const firstForA = await everythingA.next();
    expect(
      (firstForA.value as ExecutionResult<{ syncProgress: Progress }>).data!.syncProgress
        .registryId,
    ).toBe(addHelmRegistry.id);
    expect(run.status).toBe("SUCCEEDED");
    await settle(100);
    await everythingA.return?.();
    await everythingB.return?.();
    await pumpB;
    expect(seenByB).toEqual([]);
  });
});

describe("reads and writes while a sync applies", () => {
  it("see the previous catalog until the commit, and other writes wait their turn", async () => {
    server.route("/swap/index.yaml", serveFile(fixturePath("helm", "spectrocloud", "index.yaml")));
    const registryId = await addRegistry("swap", "/swap");
    await syncAndWait(t, registryId);
    const before = (await t.ok(ChartsDocument, { id: registryId })).registry!.charts.totalCount;
    server.route("/swap/index.yaml", serveFile(fixturePath("helm", "bitnami", "index.yaml")));

    const stream = client.iterate<SyncProgressSubscription>({
      query: print(SyncProgressDocument),
      variables: { registryId },
    });
    await settle();
    const started = await t.ok(SyncRegistryDocument, { id: registryId });
    let seenMidApply: number | undefined;
    let addedMidApply: string | undefined;
    for await (const result of stream) {
      const event = result.data!.syncProgress;
      if (
        event.phase === "APPLYING" &&
        event.done &&
        event.total &&
        event.done < event.total &&
        seenMidApply === undefined
      ) {
        // The writer is inside its transaction and has yielded: read, and write something else.
        seenMidApply = (await t.ok(ChartsDocument, { id: registryId })).registry!.charts.totalCount;
        server.route(
          "/other/index.yaml",
          serveFile(fixturePath("helm", "spectrocloud", "index.yaml")),
        );
        addedMidApply = (
          await t.ok(AddHelmRegistryDocument, {
            input: { name: "added-mid-apply", endpoint: server.url("/other") },
          })
        ).addHelmRegistry.id;
      }
      if (terminal(event)) break;
    }
    expect(seenMidApply).toBe(before);
    expect(addedMidApply).toBeDefined();
    const run = await t.gateway.engine.waitFor(fromGlobalId(started.syncRegistry.id)!.id);
    expect(run.status).toBe("SUCCEEDED");
    expect((await t.ok(ChartsDocument, { id: registryId })).registry!.charts.totalCount).toBe(
      sourcesCounts().get("bitnami")!.charts,
    );
  });
});

describe("fan-out to many subscribers", () => {
  it("executes each event once per distinct operation, not once per subscriber", async () => {
    server.route(
      "/fanout/index.yaml",
      serveFile(fixturePath("helm", "spectrocloud", "index.yaml")),
    );
    const registryId = await addRegistry("fanout", "/fanout");
    const spy = jest.spyOn(SubscriptionResolver.prototype, "syncProgress");
    try {
      const subscribers = [1, 2, 3, 4].map(() => collect({ registryId }, terminal));
      await settle();
      await syncAndWait(t, registryId);
      const received = await Promise.all(subscribers.map((s) => s.done));
      expect(received.map((events) => events.length)).toEqual(
        received.map(() => received[0].length),
      );
      expect(received.every((events) => terminal(events.at(-1)!))).toBe(true);
      // Four subscribers, one execution per event.
      expect(spy).toHaveBeenCalledTimes(received[0].length);
    } finally {
      spy.mockRestore();
    }
  });
});
