/**
 * compareChartVersions on Zarf packages (issue 20): Zarf-shaped OCI artifacts
 * (test/helpers/oci/zarf.ts, laid out as `zarf package publish` does) in three versions pushed
 * to a real docker-registry, both config eras (current Zarf: the config is the zarf.yaml as
 * JSON; older Zarf: the definition only in the zarf.yaml layer), synced by the gateway, on SQLite
 * and (with TEST_DATABASE_URL) PostgreSQL.
 *
 * Expectations come from the zarf.yaml documents as published (stringified and parsed back with
 * the `yaml` library) through this file's own walk; nothing here calls the gateway's diff.
 */
import { parse, stringify } from "yaml";
import { AddOciRegistryDocument, CompareZarfDocument } from "../__generated__/graphql";
import { type Viewer } from "../../src/access/viewer";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { deleteAllTags } from "../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../helpers/oci/registry";
import { publishZarf, zarfDefinition, type ZarfPackage } from "../helpers/oci/zarf";
import { syncAndWait } from "../helpers/sync";
import { storeQuery } from "../helpers/test-store";

/** A sensitive default: it must never leave the gateway. */
const SECRET_OLD = "hunter2-old-secret";
const SECRET_NEW = "hunter2-new-secret";

const SHOP_1_0: ZarfPackage = {
  name: "shop",
  version: "1.0.0",
  description: "Shop 1.0",
  components: [
    {
      name: "web",
      charts: [
        { name: "web", version: "1.0.0", url: "https://charts.example.com", namespace: "shop" },
      ],
      manifests: [{ name: "web-config", namespace: "shop", files: ["web-config.yaml"] }],
      images: ["nginx:1.25.3"],
    },
    {
      name: "cache",
      required: false,
      charts: [
        {
          name: "redis",
          version: "18.0.0",
          url: "oci://registry-1.docker.io/bitnamicharts/redis",
          namespace: "shop",
        },
      ],
      images: ["bitnami/redis:7.2.4"],
    },
    { name: "docs", required: false, manifests: [{ name: "docs", files: ["docs.yaml"] }] },
  ],
  variables: [
    { name: "DOMAIN", default: "shop.example.com", prompt: true },
    { name: "DB_PASSWORD", default: SECRET_OLD, sensitive: true },
    { name: "REPLICAS", default: "2" },
    { name: "LEGACY_FLAG", default: "on" },
  ],
};

/** Every kind of change, breaking ones among them. */
const SHOP_1_1: ZarfPackage = {
  name: "shop",
  version: "1.1.0",
  description: "Shop 1.1",
  components: [
    {
      name: "web",
      charts: [
        { name: "web", version: "1.1.0", url: "https://charts.example.com", namespace: "shop-web" },
      ],
      manifests: [
        { name: "web-config", namespace: "shop", files: ["web-config.yaml"] },
        { name: "web-ingress", namespace: "shop", files: ["ingress.yaml"] },
      ],
      images: ["nginx:1.27.0", "ghcr.io/example/sidecar:1.0"],
    },
    {
      name: "cache",
      required: true,
      charts: [
        {
          name: "redis",
          version: "18.0.0",
          url: "oci://registry-1.docker.io/bitnamicharts/redis",
          namespace: "shop",
        },
      ],
      images: ["bitnami/redis:7.2.4"],
    },
    {
      name: "metrics",
      required: false,
      charts: [
        {
          name: "prometheus",
          version: "25.0.0",
          url: "https://prometheus-community.github.io/helm-charts",
          namespace: "monitoring",
        },
      ],
      images: ["quay.io/prometheus/prometheus:v2.50.0"],
    },
  ],
  variables: [
    { name: "DOMAIN", prompt: true },
    { name: "DB_PASSWORD", default: SECRET_NEW, sensitive: true },
    { name: "REPLICAS", default: "3" },
    { name: "ADMIN_EMAIL", prompt: true },
    { name: "TIMEOUT", default: "30s" },
  ],
};

/** Published by an older Zarf (definition only in the zarf.yaml layer), for another architecture. */
const SHOP_2_0: ZarfPackage = {
  ...SHOP_1_1,
  version: "2.0.0",
  components: [
    {
      ...SHOP_1_1.components![0]!,
      charts: [{ ...SHOP_1_1.components![0]!.charts![0]!, url: "oci://ghcr.io/example/charts" }],
      imageTars: [{ path: "images/tool.tar", images: ["registry.example.com:5000/team/tool:2.0"] }],
    },
    ...SHOP_1_1.components!.slice(1),
  ],
};

/** A package deleted from the registry after the sync: its catalog entry stands. */
const GONE_1: ZarfPackage = { ...SHOP_1_0, name: "gone" };
const GONE_2: ZarfPackage = { ...SHOP_1_1, name: "gone" };

const ARCH: Record<string, string> = { "1.0.0": "amd64", "1.1.0": "amd64", "2.0.0": "arm64" };
const BY_VERSION: Record<string, ZarfPackage> = {
  "1.0.0": SHOP_1_0,
  "1.1.0": SHOP_1_1,
  "2.0.0": SHOP_2_0,
};

const OTHER_TENANT: Viewer = { tenantId: "another-tenant", role: "TENANT_ADMIN" } as Viewer;

type Plain = Record<string, unknown>;
const list = (v: unknown): Plain[] => (Array.isArray(v) ? (v as Plain[]) : []);
const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

/** The published zarf.yaml, as a deployer would read it. */
const published = (version: string) =>
  parse(stringify(zarfDefinition(BY_VERSION[version]!, ARCH[version]!))) as Plain & {
    metadata: Plain;
    build: Plain;
  };

/** What this file expects compareChartVersions to say, from the two published documents. */
function expected(fromVersion: string, toVersion: string) {
  const a = published(fromVersion);
  const b = published(toVersion);
  const byName = (doc: Plain, key: string) => new Map(list(doc[key]).map((e) => [e["name"], e]));
  const chart = (c: Plain | undefined) =>
    c === undefined
      ? null
      : {
          name: c["name"],
          version: str(c["version"]),
          url: str(c["url"]),
          namespace: str(c["namespace"]),
        };
  const images = (c: Plain | undefined) => [
    ...((c?.["images"] as string[] | undefined) ?? []),
    ...list(c?.["imageTars"]).flatMap((t) => t["images"] as string[]),
  ];
  const names = (c: Plain | undefined, key: string) => list(c?.[key]).map((m) => m["name"]);
  const minus = <T>(x: T[], y: T[]) => x.filter((e) => !y.includes(e));

  const ca = byName(a, "components");
  const cb = byName(b, "components");
  const components = [];
  for (const name of [...ca.keys(), ...[...cb.keys()].filter((k) => !ca.has(k))]) {
    const old = ca.get(name);
    const now = cb.get(name);
    const chartsA = byName(old ?? {}, "charts");
    const chartsB = byName(now ?? {}, "charts");
    const charts = [];
    for (const n of [...chartsA.keys(), ...[...chartsB.keys()].filter((k) => !chartsA.has(k))]) {
      const x = chart(chartsA.get(n));
      const y = chart(chartsB.get(n));
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      charts.push({ name: n, kind: !x ? "ADDED" : !y ? "REMOVED" : "CHANGED", from: x, to: y });
    }
    const entry = {
      name,
      kind: !old ? "ADDED" : !now ? "REMOVED" : "CHANGED",
      fromRequired: old ? old["required"] === true : null,
      toRequired: now ? now["required"] === true : null,
      charts,
      imagesAdded: minus(images(now), images(old)),
      imagesRemoved: minus(images(old), images(now)),
      manifestsAdded: minus(names(now, "manifests"), names(old, "manifests")),
      manifestsRemoved: minus(names(old, "manifests"), names(now, "manifests")),
      breaking: !now,
    };
    const changed =
      entry.kind !== "CHANGED" ||
      entry.fromRequired !== entry.toRequired ||
      charts.length +
        entry.imagesAdded.length +
        entry.imagesRemoved.length +
        entry.manifestsAdded.length +
        entry.manifestsRemoved.length >
        0;
    if (changed) components.push(entry);
  }

  const va = byName(a, "variables");
  const vb = byName(b, "variables");
  const mustAnswer = (v: Plain | undefined) =>
    v ? v["prompt"] === true && v["default"] === undefined : null;
  const variables = [];
  for (const name of [...va.keys(), ...[...vb.keys()].filter((k) => !va.has(k))]) {
    const old = va.get(name);
    const now = vb.get(name);
    if (
      old &&
      now &&
      old["default"] === now["default"] &&
      old["prompt"] === now["prompt"] &&
      old["sensitive"] === now["sensitive"]
    )
      continue;
    const sensitive = old?.["sensitive"] === true || now?.["sensitive"] === true;
    variables.push({
      name,
      kind: !old ? "ADDED" : !now ? "REMOVED" : "CHANGED",
      fromDefault: sensitive ? null : str(old?.["default"]),
      toDefault: sensitive ? null : str(now?.["default"]),
      defaultChanged: old?.["default"] !== now?.["default"],
      sensitive,
      fromRequired: mustAnswer(old),
      toRequired: mustAnswer(now),
      breaking: !now || (mustAnswer(now) === true && mustAnswer(old) !== true),
    });
  }
  const text = (x: unknown, y: unknown) => ({ from: str(x), to: str(y), changed: x !== y });
  return {
    version: text(a.metadata["version"], b.metadata["version"]),
    description: text(a.metadata["description"], b.metadata["description"]),
    architecture: text(a.build["architecture"], b.build["architecture"]),
    components,
    variables,
    breaking: components.some((c) => c.breaking) || variables.some((v) => v.breaking),
  };
}

/** Package-level images (every component's), as written, in package order. */
const packageImages = (version: string) => [
  ...new Set(
    list(published(version)["components"]).flatMap((c) => [
      ...((c["images"] as string[] | undefined) ?? []),
      ...list(c["imageTars"]).flatMap((t) => t["images"] as string[]),
    ]),
  ),
];

describe("compareChartVersions on Zarf packages", () => {
  let t: TestGateway;
  let oci: OciRegistryServer;
  let zarfId: string;

  beforeAll(async () => {
    oci = await startOciRegistry();
    t = await startTestGateway();
    await publishZarf(oci, "zarf/shop", SHOP_1_0, ["amd64", "skeleton"]);
    await publishZarf(oci, "zarf/shop", SHOP_1_1, ["amd64"]);
    await publishZarf(oci, "zarf/shop", SHOP_2_0, ["arm64"], { legacyConfig: true });
    await publishZarf(oci, "zarf/gone", GONE_1, ["amd64"]);
    await publishZarf(oci, "zarf/gone", GONE_2, ["amd64"], { legacyConfig: true });
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
    expect((await syncAndWait(t, zarfId)).status).toBe("SUCCEEDED");
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await oci?.stop();
  });

  const compare = (from: string, to: string, viewer?: Viewer) =>
    t.exec(CompareZarfDocument, { registryId: zarfId, chart: "shop", from, to }, viewer);

  // First, while nothing is cached: a refusal must not read a definition nor store one.
  it("keeps another tenant's packages out of sight, with no request to the registry and nothing stored", async () => {
    oci.resetRequests();
    const unseen = await compare("1.0.0", "1.1.0", OTHER_TENANT);
    expect(unseen.data ?? null).toBeNull();
    expect(errorCode(unseen)).toBe("NOT_FOUND");
    expect(oci.requests()).toEqual([]);
    expect(await storeQuery(t.dir, "SELECT content_key FROM version_content")).toEqual([]);
  });

  it("compares two current-era versions: components, charts, images, manifests, variables, metadata", async () => {
    oci.resetRequests();
    const result = await compare("1.0.0", "1.1.0");
    expect(result.errors).toBeUndefined();
    // Each definition is read once from the registry (its config blob).
    expect(oci.requests().length).toBeGreaterThan(0);
    const c = result.data!.compareChartVersions;
    expect(c.direction).toBe("UPGRADE");
    expect(c.zarf).toEqual(expected("1.0.0", "1.1.0"));
    // The data has every kind of change this test means to check, breaking ones among them.
    expect(c.zarf!.breaking).toBe(true);
    expect(c.zarf!.components.map((x) => [x.name, x.kind, x.breaking])).toEqual([
      ["web", "CHANGED", false],
      ["cache", "CHANGED", false],
      ["docs", "REMOVED", true],
      ["metrics", "ADDED", false],
    ]);
    expect(c.zarf!.variables.filter((v) => v.breaking).map((v) => v.name)).toEqual([
      "DOMAIN",
      "LEGACY_FLAG",
      "ADMIN_EMAIL",
    ]);
    // A sensitive default is never shown, only that it changed.
    expect(c.zarf!.variables.find((v) => v.name === "DB_PASSWORD")).toMatchObject({
      sensitive: true,
      defaultChanged: true,
      fromDefault: null,
      toDefault: null,
    });
    expect(JSON.stringify(result)).not.toMatch(/hunter2/);
    // Values and schema are not applicable; the changelog is empty; no constraints.
    expect(c.values.added).toEqual([]);
    expect(c.values.error).toMatch(/^Not applicable/);
    expect(c.schema).toMatchObject({ fromPresent: false, toPresent: false, breaking: [] });
    expect(c.schema.error).toMatch(/^Not applicable/);
    expect(c.dependencies).toEqual([]);
    expect(c.changelog).toEqual([]);
    expect(c.constraints).toBeNull();
    // Package-level images from the catalog's list.
    const [from, to] = [packageImages("1.0.0"), packageImages("1.1.0")];
    expect(c.images.added.map((i) => i.reference)).toEqual(to.filter((r) => !from.includes(r)));
    expect(c.images.removed.map((i) => i.reference)).toEqual(from.filter((r) => !to.includes(r)));
  });

  it("answers a comparison of cached versions without a registry request", async () => {
    await compare("1.0.0", "1.1.0");
    oci.resetRequests();
    const again = await compare("1.1.0", "1.0.0");
    expect(again.errors).toBeUndefined();
    expect(oci.requests()).toEqual([]);
    expect(again.data!.compareChartVersions.direction).toBe("DOWNGRADE");
    expect(again.data!.compareChartVersions.zarf).toEqual(expected("1.1.0", "1.0.0"));
  });

  it("reads an older package's zarf.yaml layer; ranges resolve as for charts", async () => {
    oci.resetRequests();
    const result = await compare("1.1.x", "2.0.0");
    expect(result.errors).toBeUndefined();
    const c = result.data!.compareChartVersions;
    expect([c.from.version, c.to.version, c.direction]).toEqual(["1.1.0", "2.0.0", "UPGRADE"]);
    // Only 2.0.0 was read: 1.1.0's definition is cached.
    expect(oci.requests().some((r) => r.path.includes("/blobs/"))).toBe(true);
    expect(c.zarf).toEqual(expected("1.1.0", "2.0.0"));
    expect(c.zarf!.architecture).toEqual({ from: "amd64", to: "arm64", changed: true });
    expect(c.zarf!.breaking).toBe(false);

    oci.resetRequests();
    const down = await compare("2.0.x", "1.0.0");
    expect(oci.requests()).toEqual([]);
    expect(down.data!.compareChartVersions.direction).toBe("DOWNGRADE");
    expect(down.data!.compareChartVersions.zarf).toEqual(expected("2.0.0", "1.0.0"));
  });

  it("compares a version with itself as SAME, with no change", async () => {
    const same = await compare("1.0.0", "1.0.0");
    const c = same.data!.compareChartVersions;
    expect(c.direction).toBe("SAME");
    expect(c.zarf).toEqual(expected("1.0.0", "1.0.0"));
    expect(c.zarf!.components).toEqual([]);
    expect(c.zarf!.variables).toEqual([]);
  });

  it("answers CONTENT_UNAVAILABLE when a package is gone from the registry", async () => {
    await deleteAllTags(oci, "zarf/gone");
    const result = await t.exec(CompareZarfDocument, {
      registryId: zarfId,
      chart: "gone",
      from: "1.0.0",
      to: "1.1.0",
    });
    expect(result.data ?? null).toBeNull();
    expect(errorCode(result)).toBe("CONTENT_UNAVAILABLE");
    expect(JSON.stringify(result)).not.toMatch(/hunter2/);
  });
});
