/**
 * airGapBundle on real published charts (../shared/fixtures/charts-diff: argo-cd, traefik,
 * jenkins), served by a real HTTP server as a classic Helm repository and pushed to a real
 * docker-registry as OCI charts. The Hauler manifest and the Zarf package definition are
 * validated with Ajv against the schemas in test/fixtures/airgap-schemas (see its README for
 * where they come from); declared images are read here from the packages with GNU tar and the
 * `yaml` library, never through the code under test.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { parse, parseAllDocuments } from "yaml";
import {
  AddHelmRegistryDocument,
  AddOciRegistryDocument,
  AirGapBundleDocument,
  type AirGapBundleQuery,
  type AirGapLayerInput,
} from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";
import { pushHelmChart } from "../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../helpers/oci/registry";
import { syncAndWait } from "../helpers/sync";

const DIR = fixturePath("charts-diff");
const SCHEMAS = join(__dirname, "..", "fixtures", "airgap-schemas");
const CHARTS: Record<string, string[]> = {
  "argo-cd": ["7.3.0", "7.4.0", "7.5.0"],
  traefik: ["31.0.0", "31.1.0", "32.0.0"],
  jenkins: ["4.12.0", "5.0.0", "5.1.0"],
};
const packagePath = (chart: string, version: string) => `${DIR}/${chart}-${version}.tgz`;

function fileOf(chart: string, version: string, file: string): string {
  return execFileSync("tar", ["-xzOf", packagePath(chart, version), `${chart}/${file}`], {
    encoding: "utf8",
  });
}

/** Docker's reading of a reference: host when the first part has `.`/`:` or is localhost. */
function normalize(reference: string): string {
  const slash = reference.indexOf("/");
  const first = slash < 0 ? "" : reference.slice(0, slash);
  if (first.includes(".") || first.includes(":") || first === "localhost") return reference;
  return reference.includes("/") ? `docker.io/${reference}` : `docker.io/library/${reference}`;
}

/** The images a package declares in artifacthub.io/images, fully qualified. */
function declaredImages(chart: string, version: string): string[] {
  const meta = parse(fileOf(chart, version, "Chart.yaml")) as {
    annotations?: Record<string, string>;
  };
  const listed = meta.annotations?.["artifacthub.io/images"];
  if (!listed) return [];
  return (parse(listed) as { image: string }[]).map((i) => normalize(i.image));
}

type Bundle = AirGapBundleQuery["airGapBundle"];
type LayerImage = Bundle["layers"][number]["images"][number];
const full = (i: LayerImage) =>
  `${i.registry}/${i.repository}${i.tag ? `:${i.tag}` : ""}${i.digest ? `@${i.digest}` : ""}`;

/**
 * The references a bundle should list for a layer: the declared images (read from the package),
 * then each inferred image whose repository is not declared, an untagged one with the chart's
 * appVersion (read from Chart.yaml) as tag.
 */
function expectedBundle(
  layer: Bundle["layers"][number],
  chart: string,
  version: string,
): { reference: string; inferred: boolean }[] {
  const declared = declaredImages(chart, version);
  const repos = new Set(declared.map((r) => r.replace(/[:@].*$/, "")));
  const appVersion = (parse(fileOf(chart, version, "Chart.yaml")) as { appVersion?: string })
    .appVersion;
  const out = new Map<string, boolean>(declared.map((r) => [r, false]));
  for (const image of layer.images.filter((i) => i.inferred)) {
    if (repos.has(`${image.registry}/${image.repository}`)) continue;
    const untagged = !image.tag && !image.digest && appVersion;
    const reference = untagged ? `${full(image)}:${appVersion}` : full(image);
    if (!out.has(reference)) out.set(reference, true);
  }
  return [...out].map(([reference, inferred]) => ({ reference, inferred }));
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
const schema = (file: string): ValidateFunction =>
  ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, file), "utf8")) as object);
const validHauler = schema("hauler-content.schema.json");
const validZarf = schema("zarf-package.schema.json");
const zarfCreateRules = schema("zarf-create-rules.schema.json");

function expectValid(validate: ValidateFunction, doc: unknown): void {
  const ok = validate(doc);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  // A zarf.yaml also passes the checks `zarf package create` runs after the schema.
  if (validate === validZarf) expectValid(zarfCreateRules, doc);
}

/** The Hauler manifest's documents, each valid against the schema. */
function haulerDocuments(text: string): Record<string, unknown>[] {
  const docs = parseAllDocuments(text);
  expect(Array.isArray(docs)).toBe(true);
  const list = (docs as ReturnType<typeof parseAllDocuments> & unknown[]).map((d) => {
    expect((d as { errors: unknown[] }).errors).toEqual([]);
    return (d as { toJS(): Record<string, unknown> }).toJS();
  });
  for (const doc of list) expectValid(validHauler, doc);
  return list;
}

interface HaulerCharts {
  spec: { charts: { name: string; repoURL: string; version: string }[] };
}
interface HaulerImages {
  spec: { images: { name: string }[] };
}
interface ZarfDoc {
  kind: string;
  metadata: { name: string };
  components: {
    name: string;
    required: boolean;
    charts?: { name: string; version: string; url: string; namespace: string }[];
    images?: string[];
  }[];
}

describe("airGapBundle on real charts, classic Helm and OCI", () => {
  let t: TestGateway;
  let server: FixtureServer;
  let oci: OciRegistryServer;
  const registries: Record<"helm" | "oci" | "broken", string> = { helm: "", oci: "", broken: "" };

  beforeAll(async () => {
    t = await startTestGateway();
    server = await FixtureServer.start();
    server.route("/charts/index.yaml", serveBody(readFileSync(`${DIR}/index.yaml`)));
    // The same index without digests (so nothing is shared with the cache of the first one)
    // where no package can be fetched (its relative URLs lead nowhere).
    const undigested = readFileSync(`${DIR}/index.yaml`, "utf8").replace(/^\s+digest: .*\n/gm, "");
    server.route("/broken/index.yaml", serveBody(Buffer.from(undigested)));
    oci = await startOciRegistry();
    for (const [chart, versions] of Object.entries(CHARTS)) {
      for (const version of versions) {
        const body = readFileSync(packagePath(chart, version));
        server.route(`/charts/${chart}-${version}.tgz`, serveBody(body));
        await pushHelmChart(oci, { repository: `charts/${chart}`, chart: body });
      }
    }
    const helm = await t.ok(AddHelmRegistryDocument, {
      input: { name: "airgap-helm", endpoint: server.url("/charts") },
    });
    registries.helm = helm.addHelmRegistry.id;
    const added = await t.ok(AddOciRegistryDocument, {
      input: { name: "airgap-oci", endpoint: oci.url, baseContentPaths: ["charts"] } as never,
    });
    registries.oci = added.addOciRegistry.id;
    const broken = await t.ok(AddHelmRegistryDocument, {
      input: { name: "airgap-broken", endpoint: server.url("/broken") },
    });
    registries.broken = broken.addHelmRegistry.id;
    for (const id of Object.values(registries)) {
      expect((await syncAndWait(t, id)).status).toBe("SUCCEEDED");
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await server?.close();
    await oci?.stop();
  });

  const bundle = async (layers: AirGapLayerInput[], name?: string): Promise<Bundle> =>
    (await t.ok(AirGapBundleDocument, { layers, name })).airGapBundle;

  describe.each(["helm", "oci"] as const)("%s registry", (kind) => {
    const layers = (): AirGapLayerInput[] => [
      { registryId: registries[kind], chart: "argo-cd", version: "7.4.x", namespace: "argocd" },
      { registryId: registries[kind], chart: "traefik", version: ">=31.0.0 <32.0.0" },
      { registryId: registries[kind], chart: "jenkins", version: "5.1.0" },
    ];
    const expected = [
      ["argo-cd", "7.4.0", "argocd"],
      ["traefik", "31.1.0", "traefik"],
      ["jenkins", "5.1.0", "jenkins"],
    ] as const;
    const repoURL = (chart: string) => {
      if (kind === "helm") return { hauler: server.url("/charts"), zarf: server.url("/charts") };
      const host = new URL(oci.url).host;
      return { hauler: `oci://${host}/charts`, zarf: `oci://${host}/charts/${chart}` };
    };

    it("resolves each layer and lists its images, declared first, inferred marked", async () => {
      const result = await bundle(layers());
      expect(result.layers.map((l) => [l.chart, l.chartVersion?.version, l.error])).toEqual(
        expected.map(([chart, version]) => [chart, version, null]),
      );
      for (const [i, [chart, version]] of expected.entries()) {
        const images = result.layers[i]!.images;
        const declared = declaredImages(chart, version);
        const firstInferred = images.findIndex((image) => image.inferred);
        const declaredPart = firstInferred < 0 ? images : images.slice(0, firstInferred);
        expect(declaredPart.map(full)).toEqual(declared);
        expect(images.slice(declaredPart.length).every((image) => image.inferred)).toBe(true);
        // An inferred image is read at a values path naming its repository.
        const values = fileOf(chart, version, "values.yaml");
        for (const image of images.filter((im) => im.inferred)) {
          expect(image.source).toBe("VALUES_INFERRED");
          expect(values).toContain(image.repository.split("/").pop()!);
        }
        expect(images.length).toBeGreaterThan(0);
      }
      // argo-cd and traefik declare no images: theirs are all inferred, and the warnings say so.
      expect(result.layers[0]!.images.every((image) => image.inferred)).toBe(true);
      expect(
        result.warnings.some((w) => w.includes("argo-cd 7.4.0") && w.includes("inferred")),
      ).toBe(true);
    });

    it("writes a Hauler manifest valid against its schema, with every chart and image", async () => {
      const result = await bundle(layers(), "my-profile");
      const docs = haulerDocuments(result.hauler);
      expect(docs.map((d) => [d["apiVersion"], d["kind"]])).toEqual([
        ["content.hauler.cattle.io/v1", "Charts"],
        ["content.hauler.cattle.io/v1", "Images"],
      ]);
      expect((docs[0] as unknown as HaulerCharts).spec.charts).toEqual(
        expected.map(([chart, version]) => ({
          name: chart,
          repoURL: repoURL(chart).hauler,
          version,
        })),
      );
      const names = (docs[1] as unknown as HaulerImages).spec.images.map((i) => i.name);
      const wanted = expected.flatMap(([chart, version], i) =>
        expectedBundle(result.layers[i]!, chart, version),
      );
      expect(names).toEqual([...new Set(wanted.map((w) => w.reference))]);
      // Every declared jenkins image is there, written as Docker reads it.
      for (const image of declaredImages("jenkins", "5.1.0")) expect(names).toContain(image);
      // An inferred image carries a comment saying so, a declared one does not.
      const lines = result.hauler.split("\n");
      const commentBefore = (ref: string) =>
        lines[lines.findIndex((l) => l.endsWith(`name: ${ref}`)) - 1]!;
      for (const w of wanted) {
        if (w.inferred)
          expect(commentBefore(w.reference)).toMatch(/# inferred from default values/);
        else expect(commentBefore(w.reference)).not.toMatch(/inferred/);
      }
      expect(wanted.some((w) => w.inferred)).toBe(true);
      expect(wanted.some((w) => !w.inferred)).toBe(true);
    });

    it("writes a Zarf package valid against its schema, one component per layer", async () => {
      const result = await bundle(layers(), "my-profile");
      const doc = parse(result.zarf) as ZarfDoc;
      expectValid(validZarf, doc);
      expect(doc.kind).toBe("ZarfPackageConfig");
      expect(doc.metadata.name).toBe("my-profile");
      expect(doc.components.map((c) => [c.name, c.required, c.charts])).toEqual(
        expected.map(([chart, version, namespace]) => [
          chart,
          true,
          [{ name: chart, version, url: repoURL(chart).zarf, namespace }],
        ]),
      );
      for (const [i, component] of doc.components.entries()) {
        const [chart, version] = expected[i]!;
        expect(component.images).toEqual(
          expectedBundle(result.layers[i]!, chart, version).map((w) => w.reference),
        );
      }
    });

    it("reports a layer that does not resolve as a typed error and bundles the others", async () => {
      const result = await bundle([
        { registryId: registries[kind], chart: "jenkins", version: "5.0.x" },
        { registryId: registries[kind], chart: "no-such-chart", version: "1.0.0" },
        { registryId: registries[kind], chart: "argo-cd", version: "9.x" },
        { registryId: registries[kind], chart: "argo-cd", version: "not a version!" },
        { registryId: "UmVnaXN0cnk6bm9wZQ==", chart: "argo-cd", version: "7.3.0" },
      ]);
      expect(result.layers.map((l) => [l.index, l.chartVersion?.version ?? null])).toEqual([
        [0, "5.0.0"],
        [1, null],
        [2, null],
        [3, null],
        [4, null],
      ]);
      expect(result.layers.map((l) => l.error && [l.error.code, l.error.field])).toEqual([
        null,
        ["NOT_FOUND", "chart"],
        ["NOT_FOUND", "version"],
        ["BAD_USER_INPUT", expect.anything()],
        ["NOT_FOUND", "registryId"],
      ]);
      const docs = haulerDocuments(result.hauler);
      expect((docs[0] as unknown as HaulerCharts).spec.charts.map((c) => c.name)).toEqual([
        "jenkins",
      ]);
      const zarf = parse(result.zarf) as ZarfDoc;
      expectValid(validZarf, zarf);
      expect(zarf.components.map((c) => c.name)).toEqual(["jenkins"]);
    });
  });

  it("bundles a layer whose package cannot be read with its declared images, and warns", async () => {
    const result = await bundle([
      { registryId: registries.broken, chart: "jenkins", version: "5.0.0" },
    ]);
    const layer = result.layers[0]!;
    expect(layer.error).toBeNull();
    expect(layer.chartVersion?.version).toBe("5.0.0");
    expect(layer.images.map(full)).toEqual(declaredImages("jenkins", "5.0.0"));
    expect(result.warnings.some((w) => w.includes("could not be read"))).toBe(true);
    const zarf = parse(result.zarf) as ZarfDoc;
    expectValid(validZarf, zarf);
    expect(zarf.components[0]!.images).toEqual(declaredImages("jenkins", "5.0.0"));
    expect(zarf.components[0]!.charts![0]!.url).toBe(server.url("/broken"));
  });

  it("refuses an empty layer list, a bad name and a bad namespace with BAD_USER_INPUT", async () => {
    const layer = { registryId: registries.helm, chart: "jenkins", version: "5.1.0" };
    expect(errorCode(await t.exec(AirGapBundleDocument, { layers: [] }))).toBe("BAD_USER_INPUT");
    const badName = await t.exec(AirGapBundleDocument, { layers: [layer], name: "Not A Name" });
    expect(errorCode(badName)).toBe("BAD_USER_INPUT");
    const badNamespace = await t.exec(AirGapBundleDocument, {
      layers: [{ ...layer, namespace: "Bad_NS" }],
    });
    expect(errorCode(badNamespace)).toBe("BAD_USER_INPUT");
  });

  it("the schemas refuse what the tools would refuse", () => {
    // A chart without a namespace or url passes the published schema (it does there too) but
    // not Zarf's create-time checks; nor does a chart name over 40 characters or one that is no
    // DNS-1035 label (the default release name).
    const withChart = (chart: Record<string, unknown>) => ({
      kind: "ZarfPackageConfig",
      metadata: { name: "x" },
      components: [{ name: "a", charts: [chart] }],
    });
    const complete = { name: "c", version: "1", url: "https://x", namespace: "n" };
    expect(validZarf(withChart({ name: "c", version: "1" }))).toBe(true);
    expect(zarfCreateRules(withChart({ name: "c", version: "1" }))).toBe(false);
    expect(zarfCreateRules(withChart(complete))).toBe(true);
    for (const name of ["c".repeat(41), "c.d", "1c"]) {
      expect(validZarf(withChart({ ...complete, name }))).toBe(true);
      expect(zarfCreateRules(withChart({ ...complete, name }))).toBe(false);
    }
    expect(zarfCreateRules(withChart({ ...complete, name: "c.d", releaseName: "c-d" }))).toBe(true);
    // A component name with upper case, no components at all.
    expect(validZarf({ kind: "ZarfPackageConfig", components: [{ name: "Bad" }] })).toBe(false);
    expect(validZarf({ kind: "ZarfPackageConfig", components: [] })).toBe(false);
    // An image without a name, a chart with an unknown field, a wrong group.
    const images = { apiVersion: "content.hauler.cattle.io/v1", kind: "Images" };
    expect(validHauler({ ...images, spec: { images: [{ platform: "linux/amd64" }] } })).toBe(false);
    expect(
      validHauler({
        apiVersion: "content.hauler.cattle.io/v1",
        kind: "Charts",
        spec: { charts: [{ name: "a", repoURL: "https://x", version: "1", repo: "typo" }] },
      }),
    ).toBe(false);
    expect(
      validHauler({ apiVersion: "hauler.cattle.io/v1", kind: "Images", spec: { images: [] } }),
    ).toBe(false);
  });
});
