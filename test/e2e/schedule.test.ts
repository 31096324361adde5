import { AddHelmRegistryDocument, SyncRunsDocument } from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveFile } from "../helpers/http-fixture-server";

let t: TestGateway;
let server: FixtureServer;

beforeAll(async () => {
  t = await startTestGateway({ PORT: "0", SYNC_SCHEDULE: "true", SYNC_INTERVAL: "1s" });
  server = await FixtureServer.start();
  server.route("/repo/index.yaml", serveFile(fixturePath("helm", "spectrocloud", "index.yaml")));
});
afterAll(async () => {
  await t.close();
  await server.close();
});

async function runsOf(id: string) {
  const { registry } = await t.ok(SyncRunsDocument, { id, first: 50 });
  return registry!.syncRuns.edges.map((e) => e.node);
}

describe("the schedule", () => {
  it("syncs due registries every interval and never protected or sync-disabled ones", async () => {
    const add = async (name: string, extra: Record<string, unknown>) =>
      (
        await t.ok(AddHelmRegistryDocument, {
          input: { name, endpoint: server.url("/repo"), ...extra },
        })
      ).addHelmRegistry.id;
    const scheduled = await add("scheduled", {});
    const isProtected = await add("protected", { protected: true });
    const manualOnly = await add("manual-only", { syncEnabled: false });

    await t.gateway.listen(); // starts the scheduler, which queues overdue registries at once
    const deadline = Date.now() + 8000;
    while (
      (await runsOf(scheduled)).filter((r) => r.status === "SUCCEEDED").length < 2 &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const runs = await runsOf(scheduled);
    expect(runs.filter((r) => r.status === "SUCCEEDED").length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.trigger === "SCHEDULE")).toBe(true);
    // The first run fetched the index; the next ones found it unchanged.
    expect(runs.at(-1)!.versionsAdded).toBe(5);
    expect(runs[0].unchanged).toBe(true);
    expect(await runsOf(isProtected)).toEqual([]);
    expect(await runsOf(manualOnly)).toEqual([]);
  });

  it("spreads registries with a stable per-registry jitter below 5% of the interval", () => {
    const scheduler = t.gateway.scheduler;
    const ids = ["a", "b", "c", "d", "e", "f"].map((c) => `${c}`.repeat(36));
    const jitters = ids.map((id) => scheduler.jitterOf(id));
    expect(jitters).toEqual(ids.map((id) => scheduler.jitterOf(id)));
    expect(Math.max(...jitters)).toBeLessThan(50);
    expect(new Set(jitters).size).toBeGreaterThan(1);
  });
});
