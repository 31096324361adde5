import semver from "semver";
import { AddHelmRegistryDocument, ChartPageDocument } from "./__generated__/graphql";
import { fixturePath } from "./helpers/fixtures";
import { startTestGateway, type TestGateway } from "./helpers/gateway";
import { FixtureServer, serveFile } from "./helpers/http-fixture-server";
import { syncAndWait } from "./helpers/sync";

let t: TestGateway;
let server: FixtureServer;
let registryId: string;

beforeAll(async () => {
  t = await startTestGateway();
  server = await FixtureServer.start();
  server.route("/bitnami/index.yaml", serveFile(fixturePath("helm", "bitnami", "index.yaml")));
  const { addHelmRegistry } = await t.ok(AddHelmRegistryDocument, {
    input: { name: "bitnami", endpoint: server.url("/bitnami") },
  });
  registryId = addHelmRegistry.id;
  expect((await syncAndWait(t, registryId)).status).toBe("SUCCEEDED");
});
afterAll(async () => {
  await t.close();
  await server.close();
});

/** SQL statements one operation costs. */
async function statementsFor(first: number, versions: number): Promise<number> {
  const counter = t.gateway.store.statements;
  const before = counter.count;
  const data = await t.ok(ChartPageDocument, { id: registryId, first, versions });
  const count = counter.count - before;
  const edges = data.registry!.charts.edges;
  expect(edges).toHaveLength(first);
  for (const edge of edges) {
    expect(edge.node.latestVersion).not.toBeNull();
    expect(edge.node.versions.edges.length).toBeGreaterThan(0);
    expect(edge.node.versions.edges.length).toBeLessThanOrEqual(versions);
  }
  return count;
}

describe("the read path", () => {
  it("serves a page of charts with latest and top versions in a constant number of SQL statements", async () => {
    const small = await statementsFor(5, 5);
    const large = await statementsFor(50, 5);
    const larger = await statementsFor(100, 20);
    expect(large).toBe(small);
    expect(larger).toBe(small);
    // registry, chart count, chart page, latest versions, version pages.
    expect(small).toBeLessThanOrEqual(5);
  });

  it("returns each chart's top versions in semver order", async () => {
    const data = await t.ok(ChartPageDocument, { id: registryId, first: 20, versions: 5 });
    for (const edge of data.registry!.charts.edges) {
      const versions = edge.node.versions.edges.map((e) => e.node.version);
      const sorted = [...versions].sort(semver.rcompare);
      expect(versions).toEqual(sorted);
    }
  });
});
