import { parse } from "graphql";
import { parse as parseYaml } from "yaml";
import { AddHelmRegistryDocument } from "../__generated__/graphql";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";
import { testDatabaseUrl } from "../helpers/test-store";

/**
 * The catalog writer stores every string of an index as it was read, whatever it holds: quotes,
 * backslashes, JSON-looking text, non-ASCII, emoji, very long text, empty lists and nulls. On
 * PostgreSQL the versions go in as one JSON document per batch (catalog-writer.ts,
 * pgVersionBatch); there, text that PostgreSQL cannot hold (NUL, a lone UTF-16 surrogate) is
 * stored as U+FFFD, as before. Expectations come from the index parsed by the `yaml` library.
 */
const onPostgres = testDatabaseUrl() !== undefined;

const INDEX = `apiVersion: v1
entries:
  odd:
    - name: odd
      version: 1.0.0
      appVersion: "say \\"hi\\" \\\\ back\\\\slash"
      description: "{\\"looks\\": [\\"like\\", \\"json\\"]} ünïcødé 日本語 🐘 tab\\there"
      home: "https://example.test/a?b=c&d=\\"e\\""
      keywords: ["quote\\"d", "back\\\\slash", "", "🐘"]
      annotations:
        "artifacthub.io/changes": "- kind: added\\n  description: \\"x\\""
        "weird/key \\"q\\"": "value with \\\\ and \\""
      maintainers:
        - name: "O'Brien \\"Ed\\""
          email: "ed@example.test"
      urls: ["https://example.test/odd-1.0.0.tgz"]
      digest: "abc"
    - name: odd
      version: 1.1.0
      description: "nul:\\0:end"
      urls: ["odd-1.1.0.tgz"]
    - name: odd
      version: 1.2.0
      description: "${"x".repeat(20_000)}"
      urls: []
`;

const VERSIONS = parse(`query OddVersions($id: ID!) {
  registry(id: $id) {
    charts(first: 5) {
      edges { node { name versions(first: 10) { edges { node {
        version appVersion description home keywords annotations { key value } maintainers { name email }
      } } } } }
    }
  }
}`);

interface OddVersion {
  version: string;
  appVersion: string | null;
  description: string | null;
  home: string | null;
  keywords: string[];
  annotations: { key: string; value: string }[];
  maintainers: { name: string; email: string | null }[];
}

let server: FixtureServer;
let t: TestGateway;

beforeAll(async () => {
  server = await FixtureServer.start();
  server.route("/odd/index.yaml", serveBody(INDEX));
  t = await startTestGateway();
}, 60_000);

afterAll(async () => {
  await t?.close();
  await server?.close();
});

/** What the store keeps of a string: PostgreSQL text cannot hold NUL or a lone surrogate. */
function stored(value: string): string {
  if (!onPostgres) return value;
  return Buffer.from(value, "utf8").toString("utf8").replace(/\0/g, "\ufffd");
}

it(`stores the strings of an index as read (${onPostgres ? "PostgreSQL" : "SQLite"})`, async () => {
  const added = await t.ok(AddHelmRegistryDocument, {
    input: { name: "odd", endpoint: server.url("/odd") },
  });
  const run = await syncAndWait(t, added.addHelmRegistry.id);
  expect([run.status, run.error?.message ?? null]).toEqual(["SUCCEEDED", null]);

  const data = (await t.ok(VERSIONS as never, { id: added.addHelmRegistry.id })) as {
    registry: { charts: { edges: { node: { versions: { edges: { node: OddVersion }[] } } }[] } };
  };
  const versions = data.registry.charts.edges[0]!.node.versions.edges.map((e) => e.node);
  const expected = (
    parseYaml(INDEX) as {
      entries: { odd: Record<string, unknown>[] };
    }
  ).entries.odd;
  expect(versions.map((v) => v.version)).toEqual(["1.2.0", "1.1.0", "1.0.0"]);
  for (const version of versions) {
    const source = expected.find((e) => e["version"] === version.version)!;
    const text = (key: string) =>
      typeof source[key] === "string" ? stored(source[key] as string) : null;
    expect(version.appVersion).toBe(text("appVersion"));
    expect(version.description).toBe(text("description"));
    expect(version.home).toBe(text("home"));
    expect(version.keywords).toEqual(((source["keywords"] as string[]) ?? []).map(stored));
    const annotations = Object.entries((source["annotations"] as Record<string, string>) ?? {});
    expect(version.annotations.map((a) => [a.key, a.value]).sort()).toEqual(
      annotations.map(([k, v]) => [stored(k), stored(v)]).sort(),
    );
    expect(version.maintainers).toEqual(
      ((source["maintainers"] as { name: string; email?: string }[]) ?? []).map((m) => ({
        name: stored(m.name),
        email: m.email ?? null,
      })),
    );
  }
  // The long description is whole.
  expect(versions[0]!.description).toHaveLength(20_000);
});
