/**
 * airGapBundle and the sub-charts a chart package vendors under `charts/`. A parent chart is
 * built here and packaged by the real Helm CLI (`helm package`, `helm repo index`), with a
 * vendored child folder that itself vendors a grandchild `.tgz`, a sub-chart under an alias
 * turned off by its condition and one turned off by a tag; the parent's values override the
 * child's image tag. What the bundle must list is what the real `helm template` renders with the
 * default values, never what the code under test computes. The package is served by a real HTTP
 * server as a classic Helm repository and pushed to a real docker-registry as an OCI chart. Also:
 * a dependency declared but not vendored (which Helm itself refuses to render), and the real
 * argo-cd package (../shared/fixtures/charts-diff), which vendors redis-ha, off by default.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse, parseAllDocuments, stringify } from "yaml";
import {
  AddHelmRegistryDocument,
  AddOciRegistryDocument,
  AirGapBundleDocument,
  type AirGapBundleQuery,
  CompareVersionsDocument,
  type AirGapLayerInput,
} from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { type HelmCli, startHelm } from "../helpers/helm-cli";
import { FixtureServer, respond, serveBody } from "../helpers/http-fixture-server";
import { buildChartTgz, pushHelmChart } from "../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../helpers/oci/registry";
import { syncAndWait } from "../helpers/sync";

const SCHEMAS = join(__dirname, "..", "fixtures", "airgap-schemas");
const ARGO = fixturePath("charts-diff", "argo-cd-7.5.0.tgz");
const HOST = "registry.example.test";
/** A Helm chart name longer than the 40 characters Zarf allows a chart name. */
const LONG_NAME = "a-chart-name-longer-than-zarf-allows-for-a-chart";

/** A container that renders `image` (and a second one when given). */
function deployment(name: string, images: string[]): string {
  const containers = images
    .map((image, i) => `        - name: c${i}\n          image: "${image}"`)
    .join("\n");
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: {{ .Release.Name }}-${name}`,
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    containers,
    "",
  ].join("\n");
}

function writeChart(
  dir: string,
  chart: Record<string, unknown>,
  values: Record<string, unknown>,
  images: string[],
): void {
  mkdirSync(join(dir, "templates"), { recursive: true });
  writeFileSync(join(dir, "Chart.yaml"), stringify({ apiVersion: "v2", ...chart }));
  writeFileSync(join(dir, "values.yaml"), stringify(values));
  writeFileSync(
    join(dir, "templates", "deployment.yaml"),
    deployment(String(chart["name"]), images),
  );
}

/**
 * The parent package: a child folder (its Chart.yaml declares its
 * images; the parent sets its image tag) vendoring a grandchild `.tgz` it does not declare (Helm
 * installs it all the same; its tag is its appVersion), an `other` package under the alias
 * `legacy` whose condition is false, and a `tagged` folder whose only tag is false.
 */
async function buildParent(helm: HelmCli, work: string): Promise<Buffer> {
  const src = join(work, "src");
  const parent = join(src, "airgap-parent");
  const child = join(parent, "charts", "child");
  writeChart(
    join(src, "grandchild"),
    { name: "grandchild", version: "0.2.0", appVersion: "0.2.1" },
    { image: { registry: HOST, repository: "grand/app", tag: "" } },
    [
      "{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}",
    ],
  );
  writeChart(
    join(src, "other"),
    { name: "other", version: "0.1.0" },
    { image: { repository: `${HOST}/other/app`, tag: "0.1.0" } },
    ["{{ .Values.image.repository }}:{{ .Values.image.tag }}"],
  );
  writeChart(
    child,
    {
      name: "child",
      version: "1.0.0",
      appVersion: "1.0.0",
      annotations: {
        "artifacthub.io/images": stringify([
          { name: "app", image: `${HOST}/child/app:1.0.0` },
          { name: "sidecar", image: `${HOST}/child/sidecar:1.5.0` },
        ]),
      },
    },
    {
      image: { repository: `${HOST}/child/app`, tag: "1.0.0" },
      sidecar: { image: { repository: `${HOST}/child/sidecar`, tag: "1.5.0" } },
    },
    [
      "{{ .Values.image.repository }}:{{ .Values.image.tag }}",
      "{{ .Values.sidecar.image.repository }}:{{ .Values.sidecar.image.tag }}",
    ],
  );
  writeChart(
    join(parent, "charts", "tagged"),
    { name: "tagged", version: "0.3.0" },
    { image: `${HOST}/tagged/app:0.3.0` },
    ["{{ .Values.image }}"],
  );
  const repository = "https://charts.example.test";
  writeChart(
    parent,
    {
      name: "airgap-parent",
      version: "1.0.0",
      appVersion: "1.0.0",
      dependencies: [
        { name: "child", version: "1.0.0", repository, condition: "child.enabled" },
        {
          name: "other",
          version: "0.1.0",
          repository,
          alias: "legacy",
          condition: "legacy.enabled",
        },
        { name: "tagged", version: "0.3.0", repository, tags: ["extras"] },
      ],
    },
    {
      image: { repository: `${HOST}/parent/app`, tag: "1.0.0" },
      child: { enabled: true, image: { tag: "2.0.0-from-parent" } },
      legacy: { enabled: false },
      tags: { extras: false },
    },
    ["{{ .Values.image.repository }}:{{ .Values.image.tag }}"],
  );
  await helm.run(["package", join(src, "grandchild"), "-d", join(child, "charts")]);
  await helm.run(["package", join(src, "other"), "-d", join(parent, "charts")]);
  const out = join(work, "repo");
  mkdirSync(out, { recursive: true });
  return tarPackage(parent, join(out, "airgap-parent-1.0.0.tgz"));
}

/**
 * Packs a chart folder as it is with GNU tar. `helm package` would not do here: it rewrites every
 * vendored `.tgz` as a folder, and packages made by other tools keep them (Helm reads both).
 */
function tarPackage(dir: string, out: string): Buffer {
  execFileSync("tar", ["-C", join(dir, ".."), "-czf", out, basename(dir)]);
  return readFileSync(out);
}

/** Levels of sub-charts in the deep package: more than the gateway reads (4). */
const DEEP_LEVELS = 6;

/**
 * `airgap-deep`, built with `helm package`: sub-charts d1 … d6, each vendoring the next, as a
 * folder or as a `.tgz` in turn (d1 a folder in the parent, d2 a package in d1, d3 a folder in
 * d2's package…), none declared in a Chart.yaml (Helm installs them all the same).
 */
function buildDeep(work: string): Buffer {
  const src = join(work, "deep");
  const chart = (dir: string, name: string) =>
    writeChart(
      dir,
      { name, version: "1.0.0" },
      { image: { repository: `${HOST}/deep/${name}`, tag: "1.0.0" } },
      ["{{ .Values.image.repository }}:{{ .Values.image.tag }}"],
    );
  // From the bottom: level n lives in the folder of level n-1, or in its package.
  let below: { dir: string } | { tgz: string } | null = null;
  for (let level = DEEP_LEVELS; level >= 0; level--) {
    const name = level === 0 ? "airgap-deep" : `d${level}`;
    const dir = join(src, `level-${level}`, name);
    chart(dir, name);
    if (below !== null) {
      mkdirSync(join(dir, "charts"), { recursive: true });
      if ("dir" in below) execFileSync("cp", ["-r", below.dir, join(dir, "charts")]);
      else execFileSync("cp", [below.tgz, join(dir, "charts")]);
    }
    // Odd levels are folders in their parent, even ones packages.
    if (level % 2 === 1) below = { dir };
    else below = { tgz: join(src, `${name}-1.0.0.tgz`) };
    if ("tgz" in below) tarPackage(dir, below.tgz);
  }
  return readFileSync(join(src, "airgap-deep-1.0.0.tgz"));
}

/** The images `helm template` renders for a package (with `--set` values), sorted. */
async function renderedImages(helm: HelmCli, tgz: string, set: string[] = []): Promise<string[]> {
  const out = await helm.run(["template", "rel", tgz, ...set.flatMap((s) => ["--set", s])]);
  const images = new Set<string>();
  for (const doc of parseAllDocuments(out) as unknown as { toJS(): unknown }[]) {
    const js = doc.toJS() as {
      spec?: { template?: { spec?: { containers?: { image: string }[] } } };
    } | null;
    for (const c of js?.spec?.template?.spec?.containers ?? []) images.add(c.image);
  }
  return [...images].sort();
}

type Bundle = AirGapBundleQuery["airGapBundle"];
interface ZarfDoc {
  components: { name: string; images?: string[]; charts?: Record<string, unknown>[] }[];
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validZarf = ajv.compile(
  JSON.parse(readFileSync(join(SCHEMAS, "zarf-package.schema.json"), "utf8")) as object,
);
const zarfCreateRules = ajv.compile(
  JSON.parse(readFileSync(join(SCHEMAS, "zarf-create-rules.schema.json"), "utf8")) as object,
);
const validHauler = ajv.compile(
  JSON.parse(readFileSync(join(SCHEMAS, "hauler-content.schema.json"), "utf8")) as object,
);

/** The Zarf component's images and the Hauler images, both checked against the schemas. */
function bundledImages(bundle: Bundle): { zarf: string[]; hauler: string[] } {
  const zarf = parse(bundle.zarf) as ZarfDoc;
  expect(validZarf(zarf)).toBe(true);
  expect(zarfCreateRules(zarf)).toBe(true);
  const docs = parseAllDocuments(bundle.hauler) as unknown as { toJS(): unknown }[];
  const hauler = docs.map(
    (d) => d.toJS() as { kind: string; spec: { images?: { name: string }[] } },
  );
  for (const doc of hauler) expect(validHauler(doc)).toBe(true);
  return {
    zarf: zarf.components.flatMap((c) => c.images ?? []),
    hauler: hauler.flatMap((d) => (d.kind === "Images" ? d.spec.images!.map((i) => i.name) : [])),
  };
}

describe("airGapBundle with vendored sub-charts", () => {
  let t: TestGateway;
  let helm: HelmCli;
  let server: FixtureServer;
  let oci: OciRegistryServer;
  let work: string;
  let parentTgz: string;
  const registries = { helm: "", oci: "", flaky: "" };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "airgap-subcharts-"));
    helm = await startHelm();
    const parent = await buildParent(helm, work);
    parentTgz = join(work, "repo", "airgap-parent-1.0.0.tgz");
    // Declared in Chart.yaml, not in charts/: a package `helm package` would refuse, as
    // `helm dependency build` was never run on it.
    const unvendored = await buildChartTgz({
      name: "airgap-unvendored",
      version: "2.0.0",
      appVersion: "2.0.0",
      extraChartYaml: {
        dependencies: [
          { name: "postgresql", version: "15.5.0", repository: "https://charts.example.test" },
        ],
      },
    });
    writeFileSync(join(work, "repo", "airgap-unvendored-2.0.0.tgz"), unvendored);
    const long = await buildChartTgz({ name: LONG_NAME, version: "1.0.0", appVersion: "1.0.0" });
    writeFileSync(join(work, "repo", `${LONG_NAME}-1.0.0.tgz`), long);
    const deep = buildDeep(work);
    writeFileSync(join(work, "repo", "airgap-deep-1.0.0.tgz"), deep);
    const argo = readFileSync(ARGO);
    writeFileSync(join(work, "repo", "argo-cd-7.5.0.tgz"), argo);
    server = await FixtureServer.start();
    await helm.run(["repo", "index", join(work, "repo"), "--url", server.url("/charts")]);
    const index = readFileSync(join(work, "repo", "index.yaml"), "utf8");
    server.route("/charts/index.yaml", serveBody(index));
    // The same index at another path, without digests (so its content is its own, not shared
    // with /charts by digest), whose package the test stops serving.
    server.route(
      "/flaky/index.yaml",
      serveBody(
        index
          .replaceAll(server.url("/charts/"), server.url("/flaky/"))
          .replace(/^\s+digest: .*\n/gm, ""),
      ),
    );
    server.route("/flaky/airgap-parent-1.0.0.tgz", serveBody(parent));
    oci = await startOciRegistry();
    for (const [file, body] of [
      ["airgap-parent-1.0.0.tgz", parent],
      ["airgap-unvendored-2.0.0.tgz", unvendored],
      ["argo-cd-7.5.0.tgz", argo],
      [`${LONG_NAME}-1.0.0.tgz`, long],
      ["airgap-deep-1.0.0.tgz", deep],
    ] as const) {
      server.route(`/charts/${file}`, serveBody(body));
      const name = file.replace(/-\d+\.\d+\.\d+\.tgz$/, "");
      await pushHelmChart(oci, { repository: `charts/${name}`, chart: body });
    }
    t = await startTestGateway();
    registries.helm = (
      await t.ok(AddHelmRegistryDocument, {
        input: { name: "subcharts-helm", endpoint: server.url("/charts") },
      })
    ).addHelmRegistry.id;
    registries.oci = (
      await t.ok(AddOciRegistryDocument, {
        input: { name: "subcharts-oci", endpoint: oci.url, baseContentPaths: ["charts"] } as never,
      })
    ).addOciRegistry.id;
    registries.flaky = (
      await t.ok(AddHelmRegistryDocument, {
        input: { name: "subcharts-flaky", endpoint: server.url("/flaky") },
      })
    ).addHelmRegistry.id;
    for (const id of Object.values(registries)) {
      expect((await syncAndWait(t, id)).status).toBe("SUCCEEDED");
    }
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await server?.close();
    await oci?.stop();
    helm?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const bundle = async (layers: AirGapLayerInput[]): Promise<Bundle> =>
    (await t.ok(AirGapBundleDocument, { layers, name: "subcharts" })).airGapBundle;

  it("keeps the stored documents of a package it cannot read again, and warns that its sub-charts are missing", async () => {
    const layer = { registryId: registries.flaky, chart: "airgap-parent", version: "1.0.0" };
    // Read once for a comparison: the documents are stored, the sub-charts are not.
    await t.ok(CompareVersionsDocument, { ...layer, from: "1.0.0", to: "1.0.0" });
    server.route("/flaky/airgap-parent-1.0.0.tgz", respond(404));
    const result = await bundle([layer]);
    expect(result.layers[0]!.error).toBeNull();
    const values = parse(
      execFileSync("tar", ["-xzOf", parentTgz, "airgap-parent/values.yaml"], { encoding: "utf8" }),
    ) as { image: { repository: string; tag: string } };
    const own = `${values.image.repository}:${values.image.tag}`;
    expect(bundledImages(result).zarf).toEqual([own]);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/could not be read again for its vendored sub-charts/),
      ]),
    );
    expect(result.warnings.some((w) => w.includes("its package could not be read, so"))).toBe(
      false,
    );
  });

  describe.each(["helm", "oci"] as const)("%s registry", (kind) => {
    it("bundles exactly the images helm template renders with the default values", async () => {
      const listing = execFileSync("tar", ["-tzf", parentTgz], { encoding: "utf8" }).split("\n");
      // Sub-charts as packages and as folders, one inside the other.
      expect(listing).toEqual(
        expect.arrayContaining([
          "airgap-parent/charts/other-0.1.0.tgz",
          "airgap-parent/charts/tagged/Chart.yaml",
          "airgap-parent/charts/child/Chart.yaml",
          "airgap-parent/charts/child/charts/grandchild-0.2.0.tgz",
        ]),
      );
      const rendered = await renderedImages(helm, parentTgz);
      // The oracle itself: the child's tag comes from the parent, the grandchild's from its
      // appVersion, and neither disabled sub-chart renders.
      expect(rendered).toEqual(
        [
          `${HOST}/child/app:2.0.0-from-parent`,
          `${HOST}/child/sidecar:1.5.0`,
          `${HOST}/grand/app:0.2.1`,
          `${HOST}/parent/app:1.0.0`,
        ].sort(),
      );
      const result = await bundle([
        { registryId: registries[kind], chart: "airgap-parent", version: "1.0.0" },
      ]);
      expect(result.layers[0]!.error).toBeNull();
      const { zarf, hauler } = bundledImages(result);
      expect([...zarf].sort()).toEqual(rendered);
      expect([...hauler].sort()).toEqual(rendered);
      // The default tag the child declares is not bundled: the parent's value replaced it.
      expect(zarf).not.toContain(`${HOST}/child/app:1.0.0`);
      const lines = result.hauler.split("\n");
      const comment = (ref: string) => lines[lines.findIndex((l) => l.endsWith(ref)) - 1];
      expect(comment(`${HOST}/child/app:2.0.0-from-parent`)).toMatch(
        /# sub-chart child: set by the parent's values/,
      );
      expect(comment(`${HOST}/child/sidecar:1.5.0`)).toMatch(/# sub-chart child: declared/);
      expect(comment(`${HOST}/grand/app:0.2.1`)).toMatch(/# sub-chart child\/grandchild: /);
    });

    it("leaves out a sub-chart off by its condition or its tags, and says why", async () => {
      const result = await bundle([
        { registryId: registries[kind], chart: "airgap-parent", version: "1.0.0" },
      ]);
      const { zarf } = bundledImages(result);
      // What they would pull, rendered once they are turned on.
      const on = await renderedImages(helm, parentTgz, ["legacy.enabled=true", "tags.extras=true"]);
      const off = on.filter((image) => !zarf.includes(image));
      expect(off.sort()).toEqual([`${HOST}/other/app:0.1.0`, `${HOST}/tagged/app:0.3.0`]);
      expect(result.warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /sub-chart legacy \(other 0\.1\.0\) is disabled by default \(legacy\.enabled: false\)/,
          ),
          expect.stringMatching(
            /sub-chart tagged \(tagged 0\.3\.0\) is disabled by default \(tags extras: false\)/,
          ),
        ]),
      );
    });

    it("warns about a dependency declared in Chart.yaml but not vendored", async () => {
      await expect(
        renderedImages(helm, join(work, "repo", "airgap-unvendored-2.0.0.tgz")),
      ).rejects.toThrow(/postgresql/);
      const result = await bundle([
        { registryId: registries[kind], chart: "airgap-unvendored", version: "2.0.0" },
      ]);
      const declared = parse(
        execFileSync(
          "tar",
          [
            "-xzOf",
            join(work, "repo", "airgap-unvendored-2.0.0.tgz"),
            "airgap-unvendored/Chart.yaml",
          ],
          { encoding: "utf8" },
        ),
      ) as { dependencies: { name: string }[] };
      const names = declared.dependencies.map((d) => d.name);
      expect(names).toEqual(["postgresql"]);
      const warning = result.warnings.find((w) => w.includes("not vendored"));
      expect(warning).toBeDefined();
      for (const name of names) expect(warning).toContain(name);
      expect(warning).toContain("airgap-unvendored 2.0.0");
    });

    it("reads sub-charts 4 levels deep and warns about the deeper ones", async () => {
      const listing = execFileSync("tar", ["-tzf", join(work, "repo", "airgap-deep-1.0.0.tgz")], {
        encoding: "utf8",
      });
      // d1 is a folder holding d2's package; what is below is inside that package.
      expect(listing).toContain("airgap-deep/charts/d1/charts/d2-1.0.0.tgz");
      const rendered = await renderedImages(helm, join(work, "repo", "airgap-deep-1.0.0.tgz"));
      const level = (image: string) => Number(/\/deep\/d(\d+):/.exec(image)?.[1] ?? 0);
      expect(Math.max(...rendered.map(level))).toBe(DEEP_LEVELS);
      const result = await bundle([
        { registryId: registries[kind], chart: "airgap-deep", version: "1.0.0" },
      ]);
      const { zarf } = bundledImages(result);
      expect([...zarf].sort()).toEqual(rendered.filter((image) => level(image) <= 4));
      expect(result.warnings).toEqual(
        expect.arrayContaining([expect.stringMatching(/nested more than 4 levels deep/)]),
      );
    });

    it("names a chart Zarf's way when its Helm name is too long, keeping the Helm name", async () => {
      expect(LONG_NAME.length).toBeGreaterThan(40);
      const result = await bundle([
        { registryId: registries[kind], chart: LONG_NAME, version: "1.0.0" },
      ]);
      bundledImages(result);
      const chart = (parse(result.zarf) as ZarfDoc).components[0]!.charts![0]!;
      expect(chart["name"]).toBe(LONG_NAME.slice(0, 40).replace(/-+$/, ""));
      expect(chart["repoName"]).toBe(LONG_NAME);
      const charts = parseAllDocuments(result.hauler)[0]!.toJS() as {
        spec: { charts: { name: string }[] };
      };
      expect(charts.spec.charts[0]!.name).toBe(LONG_NAME);
    });

    it("real argo-cd: redis-ha is vendored, off by default, and its images are left out", async () => {
      const listing = execFileSync("tar", ["-tzf", ARGO], { encoding: "utf8" }).split("\n");
      expect(listing).toContain("argo-cd/charts/redis-ha/Chart.yaml");
      const tarText = (file: string) =>
        execFileSync("tar", ["-xzOf", ARGO, file], { encoding: "utf8" });
      const chart = parse(tarText("argo-cd/Chart.yaml")) as {
        dependencies: { name: string; condition: string }[];
      };
      const values = parse(tarText("argo-cd/values.yaml")) as Record<string, unknown>;
      const redisHa = chart.dependencies.find((d) => d.name === "redis-ha")!;
      const condition = redisHa.condition
        .split(".")
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], values);
      expect(condition).toBe(false);
      const result = await bundle([
        { registryId: registries[kind], chart: "argo-cd", version: "7.5.0" },
      ]);
      expect(result.warnings).toEqual(
        expect.arrayContaining([
          expect.stringContaining(
            `sub-chart redis-ha (redis-ha ${parse(tarText("argo-cd/charts/redis-ha/Chart.yaml")).version}) is disabled by default (${redisHa.condition}: false)`,
          ),
        ]),
      );
      // Images helm renders only once redis-ha is on are not in the bundle.
      const argoTgz = join(work, "repo", "argo-cd-7.5.0.tgz");
      const byDefault = await renderedImages(helm, argoTgz);
      const withHa = await renderedImages(helm, argoTgz, ["redis-ha.enabled=true"]);
      const haOnly = withHa.filter((image) => !byDefault.includes(image));
      expect(haOnly.length).toBeGreaterThan(0);
      const { zarf } = bundledImages(result);
      for (const image of haOnly) {
        expect(zarf.map((z) => z.replace(/^docker\.io\/(library\/)?/, ""))).not.toContain(
          image.replace(/^docker\.io\/(library\/)?/, ""),
        );
      }
    });
  });
});
