/**
 * A Zarf package's own image list (issue 20): Zarf-shaped OCI artifacts (test/helpers/oci/zarf.ts,
 * laid out as `zarf package publish` does) pushed to a real docker-registry, synced by the
 * gateway, then read through ChartVersion.images, chartVersionsUsingImage and airGapBundle, on
 * SQLite and (with TEST_DATABASE_URL) PostgreSQL. Both config eras: current Zarf (the config is
 * the zarf.yaml as JSON) and older Zarf (`{architecture, ociVersion, annotations}`, the list then
 * only in the zarf.yaml layer).
 *
 * Expectations come from the package definitions as published (the zarf.yaml text parsed back
 * with the `yaml` library) and from the table below, which says how Docker reads each reference;
 * nothing here calls the gateway's parser.
 */
import { createHash } from "node:crypto";
import { parse, stringify } from "yaml";
import {
  AddOciRegistryDocument,
  AirGapBundleDocument,
  VersionImagesDocument,
  VersionsUsingImageDocument,
} from "../__generated__/graphql";
import { sql } from "../../src/store/sql";
import { type Viewer } from "../../src/access/viewer";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { buildChartTgz, pushHelmChart } from "../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../helpers/oci/registry";
import { publishZarf, zarfDefinition, type ZarfPackage } from "../helpers/oci/zarf";
import { syncAndWait } from "../helpers/sync";

const digestOf = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}`;
const REDIS_DIGEST = digestOf("redis");
const BITNAMI_DIGEST = digestOf("bitnami-redis");

/** How Docker reads each reference the packages list: [registry, repository, tag, digest]. */
const DOCKER_READS: Record<string, [string, string, string | null, string | null]> = {
  "ghcr.io/stefanprodan/podinfo:6.4.0": ["ghcr.io", "stefanprodan/podinfo", "6.4.0", null],
  "nginx:1.25.3": ["docker.io", "library/nginx", "1.25.3", null],
  "docker.io/library/nginx:1.25.3": ["docker.io", "library/nginx", "1.25.3", null],
  "index.docker.io/library/nginx:1.27.0": ["docker.io", "library/nginx", "1.27.0", null],
  [`redis@${REDIS_DIGEST}`]: ["docker.io", "library/redis", null, REDIS_DIGEST],
  [`bitnami/redis:7.2.4-debian-12-r9@${BITNAMI_DIGEST}`]: [
    "docker.io",
    "bitnami/redis",
    "7.2.4-debian-12-r9",
    BITNAMI_DIGEST,
  ],
  "registry.example.com:5000/team/tool:2.0": [
    "registry.example.com:5000",
    "team/tool",
    "2.0",
    null,
  ],
  "ghcr.io/dexidp/dex:v2.38.0": ["ghcr.io", "dexidp/dex", "v2.38.0", null],
  "library/busybox:1.36": ["docker.io", "library/busybox", "1.36", null],
};

/** Current Zarf: two versions of one package, several components, every spelling above. */
const PLATFORM_1_0: ZarfPackage = {
  name: "platform",
  version: "1.0.0",
  description: "A platform bundle",
  components: [
    {
      name: "podinfo",
      images: [
        "ghcr.io/stefanprodan/podinfo:6.4.0",
        "nginx:1.25.3",
        "ghcr.io/stefanprodan/podinfo:6.4.0",
      ],
    },
    {
      name: "cache",
      images: [
        `redis@${REDIS_DIGEST}`,
        "docker.io/library/nginx:1.25.3",
        `bitnami/redis:7.2.4-debian-12-r9@${BITNAMI_DIGEST}`,
      ],
      imageTars: [{ path: "images/tool.tar", images: ["registry.example.com:5000/team/tool:2.0"] }],
    },
    { name: "docs" },
  ],
};
const PLATFORM_1_1: ZarfPackage = {
  ...PLATFORM_1_0,
  version: "1.1.0",
  components: [{ name: "web", images: ["index.docker.io/library/nginx:1.27.0"] }],
};
/** Older Zarf: the list is only in the zarf.yaml layer. */
const LEGACY: ZarfPackage = {
  name: "legacy",
  version: "0.9.0",
  description: "Published by an older Zarf",
  components: [
    { name: "dex", images: ["ghcr.io/dexidp/dex:v2.38.0", "library/busybox:1.36"] },
    { name: "web", images: ["nginx:1.25.3"] },
  ],
};
/** Another tenant's package, pulling the same nginx. */
const OTHER: ZarfPackage = {
  name: "elsewhere",
  version: "2.0.0",
  description: "Another tenant's package",
  components: [{ name: "web", images: ["nginx:1.25.3"] }],
};
/** More images than are recorded, and one reference longer than any Docker accepts. */
const HUGE: ZarfPackage = {
  name: "huge",
  version: "1.0.0",
  description: "Too many images",
  components: [
    {
      name: "all",
      images: [
        ...Array.from({ length: 505 }, (_, i) => `ghcr.io/example/image-${i}:1.0`),
        `ghcr.io/example/${"x".repeat(600)}:1.0`,
      ],
    },
  ],
};

/** Sixty long component names, each on the same 300 images: more names than the list may hold. */
const WIDE_IMAGES = Array.from({ length: 300 }, (_, i) => `ghcr.io/example/wide-${i}:1.0`);
const WIDE: ZarfPackage = {
  name: "wide",
  version: "1.0.0",
  description: "Long component names on many images",
  components: Array.from({ length: 60 }, (_, c) => ({
    name: `component-${c}-${"n".repeat(200)}`,
    images: WIDE_IMAGES,
  })),
};

const OTHER_TENANT: Viewer = { tenantId: "another-tenant", role: "TENANT_ADMIN" } as Viewer;

interface ExpectedImage {
  reference: string;
  registry: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  name: null;
  source: "ZARF_PACKAGE";
  components: string[];
  inferred: false;
}

/**
 * The images a published package lists, from its zarf.yaml read back: one per image as Docker
 * reads it (written as first listed), with the components that list it in package order.
 */
function expectedImages(pkg: ZarfPackage): ExpectedImage[] {
  const definition = parse(stringify(zarfDefinition(pkg, "amd64"))) as {
    components: { name: string; images?: string[]; imageTars?: { images: string[] }[] }[];
  };
  const out = new Map<string, ExpectedImage>();
  for (const component of definition.components) {
    const listed = [
      ...(component.images ?? []),
      ...(component.imageTars ?? []).flatMap((t) => t.images),
    ];
    for (const reference of listed) {
      const [registry, repository, tag, digest] = DOCKER_READS[reference]!;
      const key = JSON.stringify([registry, repository, tag, digest]);
      const known = out.get(key);
      if (known) {
        if (!known.components.includes(component.name)) known.components.push(component.name);
        continue;
      }
      out.set(key, {
        reference,
        registry,
        repository,
        tag,
        digest,
        name: null,
        source: "ZARF_PACKAGE",
        components: [component.name],
        inferred: false,
      });
    }
  }
  return [...out.values()];
}

/** `registry/repository[:tag][@digest]`, as both air-gap tools pull an image. */
const fullReference = (i: ExpectedImage) =>
  `${i.registry}/${i.repository}${i.tag === null ? "" : `:${i.tag}`}${i.digest === null ? "" : `@${i.digest}`}`;

describe("Zarf packages: their own image list", () => {
  let t: TestGateway;
  let oci: OciRegistryServer;
  let zarfId: string;
  let otherId: string;
  let chartsId: string;
  const packages: Record<string, ZarfPackage[]> = {
    platform: [PLATFORM_1_0, PLATFORM_1_1],
    legacy: [LEGACY],
    huge: [HUGE],
  };

  beforeAll(async () => {
    oci = await startOciRegistry();
    t = await startTestGateway();
    await publishZarf(oci, "zarf/platform", PLATFORM_1_0, ["amd64", "arm64", "skeleton"]);
    // A manifest annotation of the catalog's own key must not become the package's list.
    await publishZarf(oci, "zarf/platform", PLATFORM_1_1, ["amd64"], {
      annotations: {
        "zarf.dev/images": JSON.stringify([{ image: "evil.example.com/x:1", components: [] }]),
      },
    });
    await publishZarf(oci, "zarf/legacy", LEGACY, ["arm64"], { legacyConfig: true });
    await publishZarf(oci, "zarf/huge", HUGE, ["amd64"]);
    await publishZarf(oci, "zarf/wide", WIDE, ["amd64"]);
    await publishZarf(oci, "other/elsewhere", OTHER, ["amd64"]);

    // A Helm chart whose Chart.yaml sets the catalog's Zarf key: it is no Zarf package.
    await pushHelmChart(oci, {
      repository: "charts/pretender",
      chart: await buildChartTgz({
        name: "pretender",
        version: "1.0.0",
        values: "replicas: 1\n",
        extraChartYaml: {
          annotations: {
            "zarf.dev/images": JSON.stringify([{ image: "nginx:1.25.3", components: ["x"] }]),
          },
        },
      }),
    });
    const charts = await t.ok(AddOciRegistryDocument, {
      input: { name: "charts", endpoint: oci.url, baseContentPaths: ["charts"] } as never,
    });
    chartsId = charts.addOciRegistry.id;
    expect((await syncAndWait(t, chartsId)).status).toBe("SUCCEEDED");

    const added = await t.ok(AddOciRegistryDocument, {
      input: {
        name: "zarf",
        endpoint: oci.url,
        providerType: "ZARF",
        syncEnabled: false,
        baseContentPaths: ["zarf"],
      } as never,
    });
    zarfId = added.addOciRegistry.id;
    const other = await t.ok(
      AddOciRegistryDocument,
      {
        input: {
          name: "zarf-elsewhere",
          endpoint: oci.url,
          providerType: "ZARF",
          syncEnabled: false,
          baseContentPaths: ["other"],
        } as never,
      },
      OTHER_TENANT,
    );
    otherId = other.addOciRegistry.id;
    expect((await syncAndWait(t, otherId, OTHER_TENANT)).status).toBe("SUCCEEDED");
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await oci?.stop();
  });

  it("records each package's list at sync, bounded, with a warning for what is left out", async () => {
    const run = await syncAndWait(t, zarfId);
    expect(run.status).toBe("SUCCEEDED");
    expect(run.warnings.map((w) => [w.code, w.chart, w.version]).sort()).toEqual([
      ["IMAGES_TRUNCATED", "huge", "1.0.0"],
      ["IMAGES_TRUNCATED", "wide", "1.0.0"],
    ]);
    const huge = await t.ok(VersionImagesDocument, { id: zarfId, name: "huge", inferred: false });
    const images = huge.registry!.chart!.versions.edges[0]!.node.images;
    // The first 500 references that are short enough, in package order.
    const listed = HUGE.components![0]!.images!.filter((r) => r.length <= 512).slice(0, 500);
    expect(images.map((i) => i.reference)).toEqual(listed);

    // Every image is kept; component names stop where the list reaches 256 KiB of JSON, each
    // image keeping the first ones in package order.
    const wide = await t.ok(VersionImagesDocument, { id: zarfId, name: "wide", inferred: false });
    const wideImages = wide.registry!.chart!.versions.edges[0]!.node.images;
    expect(wideImages.map((i) => i.reference)).toEqual(WIDE_IMAGES);
    const names = WIDE.components!.map((c) => c.name);
    for (const image of wideImages) {
      expect(image.components.length).toBeGreaterThan(0);
      expect(image.components).toEqual(names.slice(0, image.components.length));
    }
    const text = JSON.stringify(
      wideImages.map((i) => ({ image: i.reference, components: i.components })),
    ).length;
    expect(text).toBeLessThanOrEqual(256 * 1024);
    expect(text).toBeGreaterThan(250 * 1024);
  });

  it("answers ChartVersion.images from the catalog, the same with or without inferred", async () => {
    for (const [chart, versions] of Object.entries({
      platform: packages.platform!,
      legacy: packages.legacy!,
    })) {
      for (const inferred of [false, true]) {
        oci.resetRequests();
        const data = await t.ok(VersionImagesDocument, { id: zarfId, name: chart, inferred });
        const byVersion = Object.fromEntries(
          data.registry!.chart!.versions.edges.map((e) => [e.node.version, e.node.images]),
        );
        expect(byVersion).toEqual(
          Object.fromEntries(versions.map((p) => [p.version, expectedImages(p)])),
        );
        // No registry request: the list is in the catalog.
        expect(oci.requests()).toEqual([]);
      }
    }
  });

  it("finds Zarf versions by image in chartVersionsUsingImage, per tenant", async () => {
    const uses = async (repository: string, tag: string | null, viewer?: Viewer) =>
      (
        await t.ok(VersionsUsingImageDocument, { repository, tag, first: 100 }, viewer)
      ).chartVersionsUsingImage.map((u) => ({
        registry: u.chartVersion.chart.registry.id,
        chart: u.chartVersion.chart.name,
        version: u.chartVersion.version,
        images: u.images,
      }));
    /** The versions of `registry` that list the repository (and tag), highest version first. */
    const expected = (
      registry: string,
      all: Record<string, ZarfPackage[]>,
      repository: string,
      tag: string | null,
    ) =>
      Object.entries(all)
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([chart, versions]) =>
          [...versions]
            .reverse()
            .map((p) => ({
              registry,
              chart,
              version: p.version,
              images: expectedImages(p).filter(
                (i) => i.repository === repository && (tag === null || i.tag === tag),
              ),
            }))
            .filter((u) => u.images.length > 0),
        );
    const mine = { platform: packages.platform!, legacy: packages.legacy! };
    for (const [asked, repository, tag] of [
      ["nginx", "library/nginx", null],
      ["docker.io/library/nginx", "library/nginx", "1.25.3"],
      ["index.docker.io/nginx", "library/nginx", "1.27.0"],
      ["redis", "library/redis", null],
      ["bitnami/redis", "bitnami/redis", "7.2.4-debian-12-r9"],
      ["registry.example.com:5000/team/tool", "team/tool", null],
      ["ghcr.io/dexidp/dex", "dexidp/dex", "v2.38.0"],
      ["busybox", "library/busybox", null],
    ] as const) {
      const found = await uses(asked, tag);
      expect(found).toEqual(expected(zarfId, mine, repository, tag));
      expect(found.length).toBeGreaterThan(0);
    }
    expect(await uses("evil.example.com/x", null)).toEqual([]);
    // The Helm chart's `zarf.dev/images` annotation is not read (nginx above did not list it).
    const pretender = await t.ok(VersionImagesDocument, {
      id: chartsId,
      name: "pretender",
      inferred: true,
    });
    expect(pretender.registry!.chart!.versions.edges.map((e) => e.node.images)).toEqual([[]]);
    // Another tenant sees its own package only, and this tenant never sees it.
    expect(await uses("nginx", "1.25.3", OTHER_TENANT)).toEqual(
      expected(otherId, { elsewhere: [OTHER] }, "library/nginx", "1.25.3"),
    );
    expect((await uses("nginx", null)).map((u) => u.registry)).not.toContain(otherId);
    expect(await uses("ghcr.io/dexidp/dex", null, OTHER_TENANT)).toEqual([]);
    const unseen = await t.exec(
      VersionImagesDocument,
      { id: zarfId, name: "platform", inferred: true },
      OTHER_TENANT,
    );
    expect(unseen.data?.registry ?? null).toBeNull();
    expect(errorCode(unseen) ?? "NOT_FOUND").toBe("NOT_FOUND");
  });

  it("puts a Zarf package layer's images in the air-gap bundle, without reading the package", async () => {
    oci.resetRequests();
    const { airGapBundle } = await t.ok(AirGapBundleDocument, {
      name: "platform-bundle",
      layers: [
        { registryId: zarfId, chart: "platform", version: "1.0.x" },
        { registryId: zarfId, chart: "legacy", version: "0.9.0" },
      ],
    });
    expect(oci.requests()).toEqual([]);
    expect(airGapBundle.layers.map((l) => [l.chartVersion?.version, l.error])).toEqual([
      ["1.0.0", null],
      ["0.9.0", null],
    ]);
    expect(airGapBundle.layers.map((l) => l.images)).toEqual([
      expectedImages(PLATFORM_1_0),
      expectedImages(LEGACY),
    ]);
    expect(airGapBundle.warnings.filter((w) => /could not be read|no image/.test(w))).toEqual([]);
    const zarf = parse(airGapBundle.zarf) as { components: { name: string; images: string[] }[] };
    expect(zarf.components.map((c) => c.images)).toEqual([
      expectedImages(PLATFORM_1_0).map(fullReference),
      expectedImages(LEGACY).map(fullReference),
    ]);
    const hauler = airGapBundle.hauler.split(/^---$/m).map((d) => parse(d) as unknown);
    const haulerImages = hauler
      .flatMap(
        (d) => (d as { kind?: string; spec?: { images?: { name: string }[] } }).spec?.images ?? [],
      )
      .map((i) => i.name)
      .sort();
    expect(haulerImages).toEqual(
      [
        ...new Set([...expectedImages(PLATFORM_1_0), ...expectedImages(LEGACY)].map(fullReference)),
      ].sort(),
    );
  });

  it("reads the list of a version catalogued before it was recorded at the next sync", async () => {
    // As an earlier gateway stored platform 1.0.0: without the zarf.dev/images annotation, and
    // with the content hash of that older record (any other than the current one's).
    const dataSource = t.gateway.store.dataSource;
    const rows = await sql<{ id: string | number; annotations: string | Record<string, string> }>(
      dataSource,
      `SELECT v.id, v.annotations FROM chart_version v JOIN chart c ON c.id = v.chart_id
        WHERE c.name = 'platform' AND v.version = '1.0.0'`,
    );
    expect(rows).toHaveLength(1);
    const stored =
      typeof rows[0]!.annotations === "string"
        ? (JSON.parse(rows[0]!.annotations) as Record<string, string>)
        : rows[0]!.annotations;
    const { ["zarf.dev/images"]: _images, ...older } = stored;
    await sql(
      dataSource,
      "UPDATE chart_version SET annotations = ?, content_hash = ? WHERE id = ?",
      [JSON.stringify(older), "hash-of-an-older-record", rows[0]!.id],
    );
    const before = await t.ok(VersionImagesDocument, {
      id: zarfId,
      name: "platform",
      range: "1.0.0",
      inferred: true,
    });
    expect(before.registry!.chart!.versions.edges[0]!.node.images).toEqual([]);
    expect((await syncAndWait(t, zarfId)).status).toBe("SUCCEEDED");
    const after = await t.ok(VersionImagesDocument, {
      id: zarfId,
      name: "platform",
      range: "1.0.0",
      inferred: true,
    });
    expect(after.registry!.chart!.versions.edges[0]!.node.images).toEqual(
      expectedImages(PLATFORM_1_0),
    );
  });
});
