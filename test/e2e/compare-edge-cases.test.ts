/**
 * compareChartVersions and ChartVersion.images on small packages built for the edge cases: a
 * schema change of each kind, typed changelog entries with links, dependencies added and
 * removed, images in every form, and a package bomb as the second version.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { stringify } from "yaml";
import {
  AddHelmRegistryDocument,
  CompareVersionsDocument,
  VersionImagesDocument,
} from "../__generated__/graphql";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";
import { buildChartTgz } from "../helpers/oci/helm-chart";
import { syncAndWait } from "../helpers/sync";

const DIGEST = `sha256:${"a".repeat(64)}`;

const SCHEMA_1 = {
  type: "object",
  properties: {
    mode: { type: "string", enum: ["a", "b", "c"] },
    port: { type: ["integer", "string"] },
    name: { type: "string" },
    legacy: { type: "boolean" },
    size: { type: "integer" },
    ratio: { type: "integer" },
    list: { type: "array", items: { type: "object", properties: { host: { type: "string" } } } },
  },
};
const SCHEMA_2 = {
  type: "object",
  required: ["name"],
  properties: {
    mode: { type: "string", enum: ["a", "b"] },
    port: { type: "integer" },
    name: { type: "string", description: "Now documented." },
    size: { type: "integer", maximum: 10 },
    ratio: { type: "number" },
    list: {
      type: "array",
      items: {
        type: "object",
        properties: { host: { type: "string" }, path: { type: "string" } },
      },
    },
    extra: { type: "string", enum: ["x"] },
  },
};

const VALUES_1 = stringify({
  mode: "a",
  port: 80,
  name: "n",
  legacy: true,
  list: [],
  web: { image: "nginx:1.25" },
  sidecar: { image: "busybox", tag: "1.36" },
  app: { image: { registry: "ghcr.io", repository: "org/app", tag: "v1", digest: DIGEST } },
  long: "x".repeat(500),
});
const VALUES_2 = stringify({
  mode: "b",
  port: 81,
  name: "n",
  list: [],
  web: { image: "nginx:1.27" },
  sidecar: { image: "busybox", tag: "1.36" },
  app: { image: { registry: "ghcr.io", repository: "org/app", tag: "v2" } },
  long: "y".repeat(500),
});

const CHANGES = stringify([
  {
    kind: "security",
    description: "Fix CVE-2024-0001",
    links: [{ name: "advisory", url: "https://example.com/a" }],
  },
  { kind: "removed", description: "Drop legacy" },
  { kind: "renamed", description: "A kind Artifact Hub does not know" },
]);

describe("comparing versions: edge cases", () => {
  let t: TestGateway;
  let server: FixtureServer;
  let registryId: string;

  beforeAll(async () => {
    t = await startTestGateway();
    server = await FixtureServer.start();
    const one = await buildChartTgz({
      name: "edge",
      version: "1.0.0",
      appVersion: "1.0",
      values: VALUES_1,
      valuesSchema: JSON.stringify(SCHEMA_1),
      extraChartYaml: {
        dependencies: [{ name: "a", version: "1.0.0", repository: "https://a.example" }],
      },
    });
    const annotations = {
      "artifacthub.io/changes": CHANGES,
      "helm.sh/images": stringify([{ name: "app", image: `ghcr.io/org/app:v2@${DIGEST}` }]),
      "artifacthub.io/images": stringify([{ name: "web", image: "nginx:1.27" }]),
    };
    const two = await buildChartTgz({
      name: "edge",
      version: "1.1.0",
      appVersion: "1.1",
      values: VALUES_2,
      valuesSchema: JSON.stringify(SCHEMA_2),
      extraChartYaml: {
        deprecated: true,
        kubeVersion: ">=1.28.0-0",
        annotations,
        dependencies: [{ name: "b", version: "2.0.0", repository: "https://b.example" }],
      },
    });
    // 101 MiB of zeros, gzip'd: a package that decompresses past the 100 MiB limit.
    const bomb = gzipSync(Buffer.alloc(101 * 1024 * 1024), { level: 9 });
    const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
    const entry = (version: string, data: Buffer, extra: Record<string, unknown> = {}) => ({
      apiVersion: "v2",
      name: "edge",
      version,
      digest: sha(data),
      urls: [`edge-${version}.tgz`],
      created: "2024-01-02T03:04:05Z",
      ...extra,
    });
    const index = {
      apiVersion: "v1",
      entries: {
        edge: [
          entry("2.0.0", bomb, { appVersion: "2.0" }),
          entry("1.1.0", two, {
            appVersion: "1.1",
            deprecated: true,
            kubeVersion: ">=1.28.0-0",
            annotations,
            dependencies: [{ name: "b", version: "2.0.0", repository: "https://b.example" }],
          }),
          entry("1.0.0", one, {
            appVersion: "1.0",
            dependencies: [{ name: "a", version: "1.0.0", repository: "https://a.example" }],
          }),
        ],
      },
    };
    server.route("/charts/index.yaml", serveBody(stringify(index)));
    server.route("/charts/edge-1.0.0.tgz", serveBody(one));
    server.route("/charts/edge-1.1.0.tgz", serveBody(two));
    server.route("/charts/edge-2.0.0.tgz", serveBody(bomb));
    const added = await t.ok(AddHelmRegistryDocument, {
      input: { name: "edge", endpoint: server.url("/charts") },
    });
    registryId = added.addHelmRegistry.id;
    expect((await syncAndWait(t, registryId)).status).toBe("SUCCEEDED");
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  const compare = async (from: string, to: string) =>
    (await t.ok(CompareVersionsDocument, { registryId, chart: "edge", from, to }))
      .compareChartVersions;

  it("classifies each kind of schema change as breaking or harmless", async () => {
    const { schema } = await compare("1.0.0", "1.1.0");
    const summary = (list: { kind: string; path: string }[]) =>
      list.map((c) => `${c.kind} ${c.path}`).sort();
    expect(summary(schema.breaking)).toEqual(
      [
        "PROPERTY_REMOVED legacy",
        "REQUIRED_ADDED name",
        "TYPE_NARROWED port",
        "ENUM_SHRUNK mode",
        "CONSTRAINT_CHANGED size (maximum)",
      ].sort(),
    );
    expect(summary(schema.harmless)).toEqual(
      [
        "DEFINITION_CHANGED name (description)",
        "TYPE_WIDENED ratio",
        "PROPERTY_ADDED list[].path",
        "PROPERTY_ADDED extra",
      ].sort(),
    );
    expect(schema.breaking.find((c) => c.kind === "ENUM_SHRUNK")).toMatchObject({
      from: JSON.stringify(["a", "b", "c"]),
      to: JSON.stringify(["a", "b"]),
    });
    // Backwards, the same changes swap sides.
    const back = (await compare("1.1.0", "1.0.0")).schema;
    expect(summary(back.breaking)).toEqual(
      ["PROPERTY_REMOVED extra", "PROPERTY_REMOVED list[].path", "TYPE_NARROWED ratio"].sort(),
    );
  });

  it("shortens long values, reports typed changelog entries with links, dependencies added and removed, and flags", async () => {
    const result = await compare("1.0.0", "1.1.0");
    const long = result.values.changed.find((c) => c.path === "long")!;
    expect(long.from!.length).toBe(200);
    expect(long.from!.endsWith("…")).toBe(true);
    expect(result.values.removed.map((c) => c.path)).toEqual(
      expect.arrayContaining(["legacy", "app.image.digest"]),
    );
    expect(result.changelog).toEqual([
      {
        version: "1.1.0",
        error: null,
        entries: [
          {
            kind: "SECURITY",
            description: "Fix CVE-2024-0001",
            links: [{ name: "advisory", url: "https://example.com/a" }],
          },
          { kind: "REMOVED", description: "Drop legacy", links: [] },
          { kind: null, description: "A kind Artifact Hub does not know", links: [] },
        ],
      },
    ]);
    expect(result.dependencies.map((d) => `${d.kind} ${d.name}`).sort()).toEqual([
      "ADDED b",
      "REMOVED a",
    ]);
    expect(result.deprecated).toEqual({ from: false, to: true, changed: true });
    expect(result.kubeVersion).toEqual({ from: null, to: ">=1.28.0-0", changed: true });
  });

  it("reads images in every form: helm.sh/images, artifacthub.io/images, image strings, image + tag, registry/repository/tag/digest", async () => {
    const images = async (range: string) =>
      (
        await t.ok(VersionImagesDocument, { id: registryId, name: "edge", range, inferred: true })
      ).registry!.chart!.versions.edges[0]!.node.images.map(
        (i) => `${i.source} ${i.registry}/${i.repository}:${i.tag ?? ""}@${i.digest ?? ""}`,
      );
    expect(await images("1.0.0")).toEqual([
      "VALUES_INFERRED docker.io/library/nginx:1.25@",
      "VALUES_INFERRED docker.io/library/busybox:1.36@",
      `VALUES_INFERRED ghcr.io/org/app:v1@${DIGEST}`,
    ]);
    expect(await images("1.1.0")).toEqual([
      `HELM_IMAGES_ANNOTATION ghcr.io/org/app:v2@${DIGEST}`,
      "ARTIFACTHUB_IMAGES_ANNOTATION docker.io/library/nginx:1.27@",
      "VALUES_INFERRED docker.io/library/nginx:1.27@",
      "VALUES_INFERRED docker.io/library/busybox:1.36@",
      "VALUES_INFERRED ghcr.io/org/app:v2@",
    ]);
    const { images: changes } = await compare("1.0.0", "1.1.0");
    expect(changes.removed.map((i) => i.reference).sort()).toEqual(
      ["ghcr.io/org/app:v1@" + DIGEST, "nginx:1.25"].sort(),
    );
  });

  it("stops a package bomb in the second version with CONTENT_UNAVAILABLE (TOO_LARGE) and keeps serving the others", async () => {
    const bombed = await t.exec(CompareVersionsDocument, {
      registryId,
      chart: "edge",
      from: "1.0.0",
      to: "2.0.0",
    });
    expect(errorCode(bombed)).toBe("CONTENT_UNAVAILABLE");
    expect(bombed.errors?.[0]?.extensions?.reason).toBe("TOO_LARGE");
    const fine = await compare("1.0.0", "1.1.0");
    expect(fine.to.version).toBe("1.1.0");
  });
});
