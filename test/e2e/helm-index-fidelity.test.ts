import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  AddHelmRegistryDocument,
  ChartDocument,
  ChartsDocument,
  HelmIndexInfoDocument,
} from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { startHelm, type HelmCli } from "../helpers/helm-cli";
import { FixtureServer, serveBody, serveFile } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";

/**
 * Issue 18, points 1 and 6: a Helm index read as Helm reads it, with Helm's own test indexes
 * (pkg/repo/testdata, see test/fixtures/helm-testdata/SOURCES.md) and the real `helm` as the
 * reference where it can answer.
 */
let helm: HelmCli;
let server: FixtureServer;
let t: TestGateway;

const testdata = (file: string) =>
  readFileSync(path.join(__dirname, "../fixtures/helm-testdata", file));

beforeAll(async () => {
  helm = await startHelm();
  server = await FixtureServer.start();
  // A querystring repository: charts-diff (real packages, relative URLs) under /q.
  server.route("/q/index.yaml", serveFile(fixturePath("charts-diff", "index.yaml")));
  server.route("/q/jenkins-5.1.0.tgz", serveFile(fixturePath("charts-diff", "jenkins-5.1.0.tgz")));
  server.route("/annotations/index.yaml", serveBody(testdata("local-index-annotations.yaml")));
  server.route("/chartmuseum/index.yaml", serveBody(testdata("chartmuseum-index.yaml")));
  server.route("/local/index.yaml", serveBody(testdata("local-index.yaml")));
  server.route("/empty/index.yaml", serveBody("apiVersion: v1\n"));
  server.route("/empty-entries/index.yaml", serveBody("apiVersion: v1\nentries:\n"));
  t = await startTestGateway();
}, 60_000);

afterAll(async () => {
  await t?.close();
  await server?.close();
  helm?.close();
});

async function addAndSync(name: string, endpoint: string): Promise<string> {
  const added = await t.ok(AddHelmRegistryDocument, { input: { name, endpoint } });
  const run = await syncAndWait(t, added.addHelmRegistry.id);
  expect([name, run.status, run.error?.message ?? null]).toEqual([name, "SUCCEEDED", null]);
  return added.addHelmRegistry.id;
}

describe("1. repository URLs keep their query string", () => {
  it("fetches index.yaml and resolves chart URLs with the query, as helm repo add / helm pull do", async () => {
    const query = "?key=value&sig=a%2Fb";
    const endpoint = `${server.url("/q")}${query}`;

    // Helm, the reference.
    const before = server.requests.length;
    await helm.run(["repo", "add", "q", endpoint]);
    await helm.run(["pull", "q/jenkins", "--version", "5.1.0", "-d", helmDir()]);
    const helmUrls = server.requests.slice(before).map((r) => r.url);
    expect(helmUrls).toEqual([`/q/index.yaml${query}`, `/q/jenkins-5.1.0.tgz${query}`]);

    // The gateway: the endpoint is saved with its query, the index fetched with it, and the
    // relative chart URL resolved as Helm resolved it.
    const start = server.requests.length;
    const id = await addAndSync("querystring", endpoint);
    expect(server.requests.slice(start).map((r) => r.url)).toContain(`/q/index.yaml${query}`);
    const info = await t.ok(HelmIndexInfoDocument, { id });
    expect(info.registry?.endpoint).toBe(endpoint);
    const chart = await t.ok(ChartDocument, { id, name: "jenkins", range: "5.1.0", first: 1 });
    const urls = chart.registry!.chart!.versions.edges[0]!.node.urls;
    expect(urls).toEqual([`${server.origin}${helmUrls[1]}`]);
  });
});

let helmPullDir: string | undefined;
function helmDir(): string {
  helmPullDir ??= path.join(t.dir, "helm-pull");
  mkdirSync(helmPullDir, { recursive: true });
  return helmPullDir;
}

describe("6. index fidelity", () => {
  it("exposes the index's own annotations (Helm's local-index-annotations.yaml)", async () => {
    const id = await addAndSync("annotations", server.url("/annotations"));
    const info = await t.ok(HelmIndexInfoDocument, { id });
    expect(info.registry).toMatchObject({
      indexAnnotations: [{ key: "helm.sh/test", value: "foo bar" }],
      serverInfo: null,
    });
  });

  it("exposes serverInfo (Helm's chartmuseum-index.yaml)", async () => {
    const id = await addAndSync("chartmuseum", server.url("/chartmuseum"));
    const info = await t.ok(HelmIndexInfoDocument, { id });
    expect(info.registry).toMatchObject({
      indexAnnotations: [],
      serverInfo: {
        contextPath: "/v1/helm",
        entries: [{ key: "contextPath", value: "/v1/helm" }],
      },
    });
  });

  it("reads an entry without apiVersion as v1, and the digest in its one stated form", async () => {
    const id = await addAndSync("local", server.url("/local"));
    const chart = await t.ok(ChartDocument, { id, name: "nginx", first: 10 });
    const versions = chart.registry!.chart!.versions.edges.map((e) => e.node);
    expect(versions.map((v) => [v.version, v.apiVersion, v.digest])).toEqual([
      ["0.2.0", "v1", "1234567890abcdef"],
      ["0.1.0", "v1", "1234567890abcdef"],
    ]);
    // The v2 entries of the annotations index keep their apiVersion.
    const annotated = await t.ok(ChartsDocument, { id, first: 10 });
    expect(annotated.registry?.charts?.edges.map((e) => e.node.name).sort()).toEqual([
      "alpine",
      "chartWithNoURL",
      "nginx",
    ]);
  });

  it("skips the entries Helm's loader skips (a name with a path, an unknown type), as helm search shows", async () => {
    const entry = (version: string, extra: Record<string, string> = {}) =>
      `  - name: ${extra["name"] ?? "demo"}\n    version: ${version}\n    urls: [demo-${version}.tgz]\n` +
      Object.entries(extra)
        .filter(([key]) => key !== "name")
        .map(([key, value]) => `    ${key}: ${value}\n`)
        .join("");
    server.route(
      "/skips/index.yaml",
      serveBody(
        "apiVersion: v1\nentries:\n  demo:\n" +
          entry("1.0.0", { apiVersion: "v2" }) +
          entry("1.1.0", { apiVersion: "v2", type: "library" }) +
          entry("1.2.0", { apiVersion: "v2", type: "plugin" }) +
          entry("1.3.0", { apiVersion: "v2", name: "team/demo" }) +
          entry("1.4.0"),
      ),
    );
    await helm.run(["repo", "add", "skips", server.url("/skips")]);
    const helmVersions = (
      JSON.parse(await helm.run(["search", "repo", "skips/demo", "--versions", "-o", "json"])) as {
        version: string;
      }[]
    ).map((r) => r.version);
    const id = await addAndSync("skips", server.url("/skips"));
    const chart = await t.ok(ChartDocument, { id, name: "demo", first: 10 });
    const versions = chart.registry!.chart!.versions.edges.map((e) => e.node);
    expect(versions.map((v) => v.version)).toEqual(helmVersions);
    expect(helmVersions).toEqual(["1.4.0", "1.1.0", "1.0.0"]);
    expect(versions[0]!.apiVersion).toBe("v1");
  });

  it("an index holding only apiVersion is an empty repository, as Helm reads it", async () => {
    for (const repo of ["empty", "empty-entries"]) {
      await helm.run(["repo", "add", repo, server.url(`/${repo}`)]);
      expect(JSON.parse(await helm.run(["search", "repo", `${repo}/`, "-o", "json"]))).toEqual([]);
      const id = await addAndSync(repo, server.url(`/${repo}`));
      const charts = await t.ok(ChartsDocument, { id, first: 10 });
      expect(charts.registry?.charts?.totalCount).toBe(0);
    }
  });
});
