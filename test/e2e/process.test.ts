import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SyncRunsDocument } from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway } from "../helpers/gateway";
import { postGraphql, startGatewayProcess } from "../helpers/gateway-process";
import { FixtureServer, hang, serveFile } from "../helpers/http-fixture-server";
import { fromGlobalId } from "../../src/services/ids";
import { databaseUrlFor, releaseTestStore } from "../helpers/test-store";

let server: FixtureServer;
let dir: string;

beforeEach(async () => {
  server = await FixtureServer.start();
  dir = mkdtempSync(path.join(tmpdir(), "gateway-process-"));
});
afterEach(async () => {
  await server.close();
  await releaseTestStore(dir);
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the gateway process, adds a registry and starts a sync that hangs in FETCHING. */
async function gatewayWithHangingRun(env: Record<string, string> = {}) {
  const gateway = await startGatewayProcess({
    // The store the suite runs on (a schema of its own on PostgreSQL), found again on restart.
    DATABASE_URL: (await databaseUrlFor(dir)).url,
    ENCRYPTION_KEY_FILE: path.join(dir, "encryption.key"),
    SYNC_SCHEDULE: "false",
    REGISTRY_REQUEST_TIMEOUT: "60s",
    ...env,
  });
  server.route("/repo/index.yaml", serveFile(fixturePath("helm", "ingress-nginx", "index.yaml")));
  const { addHelmRegistry } = await postGraphql<{ addHelmRegistry: { id: string } }>(
    gateway.url,
    `mutation($e: String!) { addHelmRegistry(input: { name: "repo", endpoint: $e }) { id } }`,
    { e: server.url("/repo") },
  );
  server.route("/repo/index.yaml", hang());
  const { syncRegistry } = await postGraphql<{ syncRegistry: { id: string } }>(
    gateway.url,
    `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
    { id: addHelmRegistry.id },
  );
  for (let i = 0; i < 100; i++) {
    const { syncRun } = await postGraphql<{ syncRun: { status: string } }>(
      gateway.url,
      `query($id: ID!) { syncRun(id: $id) { status } }`,
      {
        id: syncRegistry.id,
      },
    );
    if (syncRun.status === "RUNNING" && server.requestsTo("/repo/index.yaml").length >= 2) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { gateway, registryId: addHelmRegistry.id, runId: syncRegistry.id };
}

describe("the gateway process", () => {
  it("killed mid-run, finds the run INTERRUPTED at restart and re-queues it", async () => {
    const { gateway, registryId, runId } = await gatewayWithHangingRun();
    gateway.child.kill("SIGKILL");
    expect((await gateway.exited).signal).toBe("SIGKILL");

    server.route("/repo/index.yaml", serveFile(fixturePath("helm", "ingress-nginx", "index.yaml")));
    const restarted = await startTestGateway({}, dir);
    try {
      const { registry } = await restarted.ok(SyncRunsDocument, { id: registryId });
      const runs = registry!.syncRuns.edges.map((e) => e.node);
      const killed = runs.find((r) => r.id === runId)!;
      expect(killed.status).toBe("INTERRUPTED");
      const retry = runs.find((r) => r.trigger === "RECOVERY")!;
      expect(retry).toBeDefined();
      const finished = await restarted.gateway.engine.waitFor(fromGlobalId(retry.id)!.id);
      expect(finished.status).toBe("SUCCEEDED");
      expect(finished.versionsAdded).toBeGreaterThan(100);
    } finally {
      await restarted.close();
    }
  });

  it("on SIGTERM, interrupts a run past the deadline, records it, and exits 0", async () => {
    const { gateway, runId } = await gatewayWithHangingRun({ SHUTDOWN_TIMEOUT: "300ms" });
    gateway.child.kill("SIGTERM");
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    expect(gateway.output.join("\n")).toContain("shutting down");

    const restarted = await startTestGateway({}, dir);
    try {
      const [run] = await restarted.gateway.services.runs.byIds([fromGlobalId(runId)!.id]);
      expect(run!.status).toBe("INTERRUPTED");
      expect(run!.finishedAt).not.toBeNull();
    } finally {
      await restarted.close();
    }
  });
});
