import {
  AddHelmRegistryDocument,
  ChartsDocument,
  DeleteRegistryDocument,
  NodeDocument,
  RegistriesDocument,
  RegistryDocument,
  SyncRegistryDocument,
  SyncRunDocument,
  UpdateHelmRegistryDocument,
} from "../__generated__/graphql";
import { type Viewer } from "../../src/access/viewer";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveFile } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";

const tenantA: Viewer = { tenantId: "tenant-a", role: "TENANT_ADMIN" };
const tenantB: Viewer = { tenantId: "tenant-b", role: "TENANT_ADMIN" };

let t: TestGateway;
let server: FixtureServer;

beforeAll(async () => {
  t = await startTestGateway();
  server = await FixtureServer.start();
  server.route("/repo/index.yaml", serveFile(fixturePath("helm", "spectrocloud", "index.yaml")));
});
afterAll(async () => {
  await t.close();
  await server.close();
});

describe("tenant isolation", () => {
  it("keeps tenant A's registry, charts and runs out of tenant B's reach", async () => {
    const { addHelmRegistry: registry } = await t.ok(
      AddHelmRegistryDocument,
      { input: { name: "team-charts", endpoint: server.url("/repo") } },
      tenantA,
    );
    const run = await syncAndWait(t, registry.id, tenantA);
    expect(run.status).toBe("SUCCEEDED");
    const { registry: withCharts } = await t.ok(ChartsDocument, { id: registry.id }, tenantA);
    const chartId = withCharts!.charts.edges[0].node.id;

    // Tenant B sees nothing of it, by list, by id, through node(id), or via its charts and runs.
    const list = await t.ok(RegistriesDocument, { first: 100 }, tenantB);
    expect(list.registries.edges.map((e) => e.node.id)).not.toContain(registry.id);
    expect((await t.ok(RegistryDocument, { id: registry.id }, tenantB)).registry).toBeNull();
    expect((await t.ok(NodeDocument, { id: registry.id }, tenantB)).node).toBeNull();
    expect((await t.ok(NodeDocument, { id: chartId }, tenantB)).node).toBeNull();
    expect((await t.ok(NodeDocument, { id: run.id }, tenantB)).node).toBeNull();
    expect((await t.ok(SyncRunDocument, { id: run.id }, tenantB)).syncRun).toBeNull();
    expect((await t.ok(ChartsDocument, { id: registry.id }, tenantB)).registry).toBeNull();

    // Nor can it change, sync or delete it: the answer is NOT_FOUND, which reveals nothing.
    const update = await t.exec(
      UpdateHelmRegistryDocument,
      { id: registry.id, input: { name: "stolen" } },
      tenantB,
    );
    expect(errorCode(update)).toBe("NOT_FOUND");
    expect(errorCode(await t.exec(SyncRegistryDocument, { id: registry.id }, tenantB))).toBe(
      "NOT_FOUND",
    );
    expect(errorCode(await t.exec(DeleteRegistryDocument, { id: registry.id }, tenantB))).toBe(
      "NOT_FOUND",
    );

    // Tenant A still has it, unchanged; and B may use the same name for its own registry.
    const mine = await t.ok(RegistryDocument, { id: registry.id }, tenantA);
    expect(mine.registry!.name).toBe("team-charts");
    expect((await t.ok(NodeDocument, { id: chartId }, tenantA)).node).not.toBeNull();
    const { addHelmRegistry: theirs } = await t.ok(
      AddHelmRegistryDocument,
      { input: { name: "team-charts", endpoint: server.url("/repo") } },
      tenantB,
    );
    expect(theirs.id).not.toBe(registry.id);
  });

  it("lets only system admins add system registries, which every tenant sees", async () => {
    const input = { name: "shared", endpoint: server.url("/repo"), scope: "SYSTEM" as const };
    expect(errorCode(await t.exec(AddHelmRegistryDocument, { input }, tenantA))).toBe("FORBIDDEN");
    const admin: Viewer = { tenantId: "ops", role: "SYSTEM_ADMIN" };
    const { addHelmRegistry: shared } = await t.ok(AddHelmRegistryDocument, { input }, admin);
    expect(shared.scope).toBe("SYSTEM");
    for (const viewer of [tenantA, tenantB]) {
      expect((await t.ok(RegistryDocument, { id: shared.id }, viewer)).registry?.name).toBe(
        "shared",
      );
      const update = await t.exec(
        UpdateHelmRegistryDocument,
        { id: shared.id, input: { name: "mine" } },
        viewer,
      );
      expect(errorCode(update)).toBe("FORBIDDEN");
    }
    const viewerRole: Viewer = { tenantId: "tenant-a", role: "TENANT_VIEWER" };
    expect(errorCode(await t.exec(SyncRegistryDocument, { id: shared.id }, viewerRole))).toBe(
      "FORBIDDEN",
    );
    const add = await t.exec(
      AddHelmRegistryDocument,
      { input: { name: "x", endpoint: server.url("/repo") } },
      viewerRole,
    );
    expect(errorCode(add)).toBe("FORBIDDEN");
  });
});

describe("an access token in a repository URL's query", () => {
  it("is shown only to those who may change the registry, and a search cannot probe it", async () => {
    const query = "?sig=s3cr3t%2Ftoken&sv=2024-11-04";
    const endpoint = `${server.url("/repo")}${query}`;
    const admin: Viewer = { tenantId: "tenant-q", role: "TENANT_ADMIN" };
    const viewer: Viewer = { tenantId: "tenant-q", role: "TENANT_VIEWER" };
    const { addHelmRegistry } = await t.ok(
      AddHelmRegistryDocument,
      { input: { name: "sas", endpoint } },
      admin,
    );
    expect(addHelmRegistry.endpoint).toBe(endpoint);
    expect(
      (await t.ok(RegistryDocument, { id: addHelmRegistry.id }, admin)).registry?.endpoint,
    ).toBe(endpoint);

    const shown = (await t.ok(RegistryDocument, { id: addHelmRegistry.id }, viewer)).registry;
    expect(shown?.endpoint).toBe(`${server.url("/repo")}?sig=…&sv=…`);
    const listed = await t.ok(RegistriesDocument, { first: 100 }, viewer);
    expect(JSON.stringify(listed)).not.toContain("s3cr3t");

    const search = async (text: string, as: Viewer) =>
      (await t.ok(RegistriesDocument, { search: text, first: 100 }, as)).registries.edges.map(
        (e) => e.node.name,
      );
    expect(await search("s3cr3t", viewer)).toEqual([]);
    expect(await search("s3cr3t", admin)).toEqual([]);
    expect(await search("/repo", viewer)).toContain("sas");
  });
});
