/**
 * compareChartVersions, ChartVersion.images and chartVersionsUsingImage on real published charts
 * (../shared/fixtures/charts-diff: argo-cd, traefik, jenkins), served by a real HTTP server as a
 * classic Helm repository and pushed to a real docker-registry as OCI charts. Every expectation
 * is computed here from the packages with independent code: GNU tar reads them, the `yaml`
 * library parses them, and the walks below are this file's own.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import {
  AddHelmRegistryDocument,
  AddOciRegistryDocument,
  CompareVersionsDocument,
  VersionImagesDocument,
  VersionsUsingImageDocument,
  type CompareVersionsQuery,
} from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";
import { pushHelmChart } from "../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../helpers/oci/registry";
import { syncAndWait } from "../helpers/sync";

const DIR = fixturePath("charts-diff");
const CHARTS: Record<string, string[]> = {
  "argo-cd": ["7.3.0", "7.4.0", "7.5.0"],
  traefik: ["31.0.0", "31.1.0", "32.0.0"],
  jenkins: ["4.12.0", "5.0.0", "5.1.0"],
};
const PAIRS = Object.entries(CHARTS).flatMap(([chart, versions]) => [
  [chart, versions[0]!, versions[1]!] as const,
  [chart, versions[1]!, versions[2]!] as const,
]);

const packagePath = (chart: string, version: string) => `${DIR}/${chart}-${version}.tgz`;

/** One file of a package as GNU tar reads it; null when the package has none. */
function fileOf(chart: string, version: string, file: string): string | null {
  try {
    return execFileSync("tar", ["-xzOf", packagePath(chart, version), `${chart}/${file}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return null;
  }
}

const chartYaml = (chart: string, version: string) =>
  parse(fileOf(chart, version, "Chart.yaml")!) as Record<string, unknown> & {
    annotations?: Record<string, string>;
    dependencies?: { name: string; version: string }[];
  };

type Plain = Record<string, unknown>;
const isMap = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);
const segment = (key: string) =>
  key === "" || /[.[\]"]/.test(key) ? `[${JSON.stringify(key)}]` : key;
const join = (prefix: string, key: string) => {
  const s = segment(key);
  return prefix === "" ? s : s.startsWith("[") ? prefix + s : `${prefix}.${s}`;
};

/** Leaves of a values document: non-empty mappings are descended into, everything else is a leaf. */
function leaves(doc: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (!isMap(doc)) return out;
  for (const [key, value] of Object.entries(doc)) {
    const path = join(prefix, key);
    if (isMap(value) && Object.keys(value).length > 0) leaves(value, path, out);
    else out.set(path, value ?? null);
  }
  return out;
}

function expectedValues(chart: string, from: string, to: string) {
  const a = leaves(parse(fileOf(chart, from, "values.yaml")!));
  const b = leaves(parse(fileOf(chart, to, "values.yaml")!));
  return {
    added: [...b.keys()].filter((k) => !a.has(k)).sort(),
    removed: [...a.keys()].filter((k) => !b.has(k)).sort(),
    changed: [...a.keys()]
      .filter((k) => b.has(k) && JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)))
      .sort(),
    a,
    b,
  };
}

/** Property paths of a JSON schema through `properties` and `items.properties` (`[]`). */
function schemaPaths(node: unknown, prefix = "", out: string[] = []): string[] {
  if (!isMap(node)) return out;
  if (isMap(node.properties)) {
    for (const [key, child] of Object.entries(node.properties)) {
      const path = join(prefix, key);
      out.push(path);
      schemaPaths(child, path, out);
    }
  }
  if (isMap(node.items) && isMap(node.items.properties)) {
    schemaPaths({ properties: node.items.properties }, `${prefix}[]`, out);
  }
  return out;
}

const paths = (list: { path: string }[]) => list.map((c) => c.path).sort();

describe("comparing versions of real charts, classic Helm and OCI", () => {
  let t: TestGateway;
  let server: FixtureServer;
  let oci: OciRegistryServer;
  const registries: Record<"helm" | "oci", string> = { helm: "", oci: "" };

  beforeAll(async () => {
    t = await startTestGateway();
    server = await FixtureServer.start();
    server.route("/charts/index.yaml", serveBody(readFileSync(`${DIR}/index.yaml`)));
    for (const [chart, versions] of Object.entries(CHARTS)) {
      for (const version of versions) {
        server.route(
          `/charts/${chart}-${version}.tgz`,
          serveBody(readFileSync(packagePath(chart, version))),
        );
      }
    }
    oci = await startOciRegistry();
    for (const [chart, versions] of Object.entries(CHARTS)) {
      for (const version of versions) {
        await pushHelmChart(oci, {
          repository: `charts/${chart}`,
          chart: readFileSync(packagePath(chart, version)),
        });
      }
    }
    const helm = await t.ok(AddHelmRegistryDocument, {
      input: { name: "charts-diff", endpoint: server.url("/charts") },
    });
    registries.helm = helm.addHelmRegistry.id;
    const added = await t.ok(AddOciRegistryDocument, {
      input: { name: "charts-diff-oci", endpoint: oci.url, baseContentPaths: ["charts"] } as never,
    });
    registries.oci = added.addOciRegistry.id;
    for (const id of Object.values(registries)) {
      expect((await syncAndWait(t, id)).status).toBe("SUCCEEDED");
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await server?.close();
    await oci?.stop();
  });

  const compare = async (
    kind: "helm" | "oci",
    chart: string,
    from: string,
    to: string,
  ): Promise<CompareVersionsQuery["compareChartVersions"]> =>
    (await t.ok(CompareVersionsDocument, { registryId: registries[kind], chart, from, to }))
      .compareChartVersions;

  describe.each(["helm", "oci"] as const)("%s registry", (kind) => {
    it.each(PAIRS)(
      "values of %s %s → %s: the leaves added, removed and changed",
      async (chart, from, to) => {
        const result = await compare(kind, chart, from, to);
        const expected = expectedValues(chart, from, to);
        expect(result.direction).toBe("UPGRADE");
        expect(result.values.error).toBeNull();
        expect(paths(result.values.added)).toEqual(expected.added);
        expect(paths(result.values.removed)).toEqual(expected.removed);
        expect(paths(result.values.changed)).toEqual(expected.changed);
        expect(result.values.fromLeaves).toBe(expected.a.size);
        expect(result.values.toLeaves).toBe(expected.b.size);
        for (const change of result.values.changed) {
          const old = JSON.stringify(expected.a.get(change.path));
          if (old.length < 200) expect(change.from).toBe(old);
          expect(change.to!.length).toBeLessThanOrEqual(200);
        }
        // Chart.yaml fields, read here from the package.
        const a = chartYaml(chart, from);
        const b = chartYaml(chart, to);
        expect(result.appVersion).toEqual({
          from: a.appVersion ?? null,
          to: b.appVersion ?? null,
          changed: a.appVersion !== b.appVersion,
        });
        expect(result.kubeVersion).toEqual({
          from: a.kubeVersion ?? null,
          to: b.kubeVersion ?? null,
          changed: a.kubeVersion !== b.kubeVersion,
        });
        expect(result.deprecated.changed).toBe(false);
      },
    );

    it("answers a second comparison from the cache, without a registry request", async () => {
      await compare(kind, "jenkins", "4.12.0", "5.1.0");
      const before = kind === "helm" ? server.requests.length : oci.requests().length;
      const again = await compare(kind, "jenkins", "4.12.0", "5.1.0");
      const after = kind === "helm" ? server.requests.length : oci.requests().length;
      expect(after).toBe(before);
      expect(again.values.added.length).toBeGreaterThan(0);
    });

    it("goes both ways: a downgrade swaps added and removed and lists what it undoes", async () => {
      const up = await compare(kind, "jenkins", "4.12.0", "5.0.0");
      const down = await compare(kind, "jenkins", "5.0.0", "4.12.0");
      expect(down.direction).toBe("DOWNGRADE");
      expect(paths(down.values.added)).toEqual(paths(up.values.removed));
      expect(paths(down.values.removed)).toEqual(paths(up.values.added));
      expect(down.appVersion.from).toBe(up.appVersion.to);
      const same = await compare(kind, "jenkins", "5.0.0", "5.0.0");
      expect(same.direction).toBe("SAME");
      expect(same.values.added.concat(same.values.removed, same.values.changed)).toEqual([]);
      expect(same.changelog).toEqual([]);
    });

    it("resolves ranges as resolveChartVersion does, and says NOT_FOUND for a range that matches nothing", async () => {
      const ranged = await compare(kind, "argo-cd", "7.3.x", ">=7.4.0 <7.5.0");
      expect([ranged.from.version, ranged.to.version]).toEqual(["7.3.0", "7.4.0"]);
      const missing = await t.exec(CompareVersionsDocument, {
        registryId: registries[kind],
        chart: "argo-cd",
        from: "9.x",
        to: "7.4.0",
      });
      expect(errorCode(missing)).toBe("NOT_FOUND");
      expect(missing.errors?.[0]?.extensions?.field).toBe("from");
      const bad = await t.exec(CompareVersionsDocument, {
        registryId: registries[kind],
        chart: "argo-cd",
        from: "not a version!",
        to: "7.4.0",
      });
      expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    });

    it("lists the changelog of every version in (from, to], typed or plain, and says when one does not parse", async () => {
      const argo = await compare(kind, "argo-cd", "7.3.0", "7.5.0");
      expect(argo.changelog.map((c) => c.version)).toEqual(["7.5.0", "7.4.0"]);
      for (const entry of argo.changelog) {
        const written = parse(
          chartYaml("argo-cd", entry.version).annotations!["artifacthub.io/changes"]!,
        ) as {
          kind: string;
          description: string;
        }[];
        expect(entry.error).toBeNull();
        expect(entry.entries).toEqual(
          written.map((w) => ({
            kind: w.kind.toUpperCase(),
            description: w.description,
            links: [],
          })),
        );
      }
      const traefik = await compare(kind, "traefik", "31.0.0", "32.0.0");
      expect(traefik.changelog.map((c) => c.version)).toEqual(["32.0.0", "31.1.0"]);
      const plain = parse(
        chartYaml("traefik", "31.1.0").annotations!["artifacthub.io/changes"]!,
      ) as string[];
      expect(traefik.changelog[1]!.entries).toEqual(
        plain.map((description) => ({ kind: null, description, links: [] })),
      );
      expect(traefik.changelog[0]!.entries).toEqual([]);
      expect(traefik.changelog[0]!.error).toMatch(/not valid YAML/);
      const down = await compare(kind, "argo-cd", "7.5.0", "7.4.0");
      expect(down.changelog.map((c) => c.version)).toEqual(["7.5.0"]);
    });

    it("reports dependency version changes", async () => {
      const result = await compare(kind, "argo-cd", "7.4.0", "7.5.0");
      const a = chartYaml("argo-cd", "7.4.0").dependencies!;
      const b = chartYaml("argo-cd", "7.5.0").dependencies!;
      expect(result.dependencies).toEqual([
        {
          name: "redis-ha",
          kind: "CHANGED",
          fromVersion: a[0]!.version,
          toVersion: b[0]!.version,
          fromRepository: (a[0] as { repository?: string }).repository ?? null,
          toRepository: (b[0] as { repository?: string }).repository ?? null,
        },
      ]);
      expect((await compare(kind, "argo-cd", "7.3.0", "7.4.0")).dependencies).toEqual([]);
    });

    it("tells breaking schema changes from harmless ones", async () => {
      const added = await compare(kind, "traefik", "31.0.0", "31.1.0");
      expect(added.schema).toMatchObject({ fromPresent: false, toPresent: true, error: null });
      expect(added.schema.breaking.map((c) => c.kind)).toEqual(["SCHEMA_ADDED"]);

      const result = await compare(kind, "traefik", "31.1.0", "32.0.0");
      const a = JSON.parse(fileOf("traefik", "31.1.0", "values.schema.json")!) as unknown;
      const b = JSON.parse(fileOf("traefik", "32.0.0", "values.schema.json")!) as unknown;
      const before = new Set(schemaPaths(a));
      const after = new Set(schemaPaths(b));
      const removed = [...before].filter((p) => !after.has(p)).sort();
      const gained = [...after].filter((p) => !before.has(p)).sort();
      const ofKind = (list: { kind: string; path: string }[], kind: string) =>
        list
          .filter((c) => c.kind === kind)
          .map((c) => c.path)
          .sort();
      expect(ofKind(result.schema.breaking, "PROPERTY_REMOVED")).toEqual(removed);
      expect(ofKind(result.schema.harmless, "PROPERTY_ADDED")).toEqual(gained);
      // logs.access.format's enum lost "CLF" (it gained "common"): breaking.
      const format = (s: unknown) =>
        ((((s as Plain).properties as Plain).logs as Plain).properties as Record<string, Plain>)
          .access!.properties as Record<string, Plain>;
      const shrunk = result.schema.breaking.find((c) => c.kind === "ENUM_SHRUNK");
      expect(shrunk).toMatchObject({
        path: "logs.access.format",
        from: JSON.stringify(format(a).format!.enum),
        to: JSON.stringify(format(b).format!.enum),
      });
      expect(result.schema.breaking.every((c) => c.breaking)).toBe(true);
      expect(result.schema.harmless.some((c) => c.breaking)).toBe(false);
    });

    it("lists the images of a version: declared ones from artifacthub.io/images, inferred ones from the values", async () => {
      const data = await t.ok(VersionImagesDocument, {
        id: registries[kind],
        name: "jenkins",
        range: "5.1.0",
        inferred: false,
      });
      const node = data.registry!.chart!.versions.edges[0]!.node;
      const declared = parse(
        chartYaml("jenkins", "5.1.0").annotations!["artifacthub.io/images"]!,
      ) as {
        name: string;
        image: string;
      }[];
      expect(node.images.map((i) => [i.name, i.reference, i.source])).toEqual(
        declared.map((d) => [d.name, d.image, "ARTIFACTHUB_IMAGES_ANNOTATION"]),
      );
      const jenkins = node.images.find((i) => i.name === "jenkins")!;
      expect(jenkins).toMatchObject({
        registry: "docker.io",
        repository: "jenkins/jenkins",
        tag: "2.440.1-jdk17",
        digest: null,
        inferred: false,
      });

      const argo = await t.ok(VersionImagesDocument, {
        id: registries[kind],
        name: "argo-cd",
        range: "7.5.0",
        inferred: true,
      });
      const images = argo.registry!.chart!.versions.edges[0]!.node.images;
      const values = parse(fileOf("argo-cd", "7.5.0", "values.yaml")!) as Plain;
      const redis = (values.redis as Plain).image as Plain;
      const dex = (values.dex as Plain).image as Plain;
      for (const image of [redis, dex]) {
        expect(images).toContainEqual(
          expect.objectContaining({
            reference: `${String(image.repository)}:${String(image.tag)}`,
            tag: image.tag,
            source: "VALUES_INFERRED",
            inferred: true,
          }),
        );
      }
      expect(images.find((i) => i.reference.startsWith(String(redis.repository)))!.name).toBe(
        "redis.image",
      );
    });
  });

  it("compares images between versions (jenkins 4.12.0 → 5.0.0 drops the backup image)", async () => {
    const result = await compare("helm", "jenkins", "4.12.0", "5.0.0");
    const declared = (version: string) =>
      (
        parse(chartYaml("jenkins", version).annotations!["artifacthub.io/images"]!) as {
          image: string;
        }[]
      ).map((i) => i.image);
    const removed = declared("4.12.0").filter((i) => !declared("5.0.0").includes(i));
    const declaredRemoved = result.images.removed
      .filter((i) => i.source === "ARTIFACTHUB_IMAGES_ANNOTATION")
      .map((i) => i.reference);
    expect(declaredRemoved.sort()).toEqual(removed.sort());
  });

  it("finds the versions that use an image, across the registries the viewer sees and no others", async () => {
    const data = await t.ok(VersionsUsingImageDocument, {
      repository: "docker.io/jenkins/jenkins",
    });
    const found = data.chartVersionsUsingImage.map(
      (u) =>
        `${u.chartVersion.chart.registry.id === registries.helm ? "helm" : "oci"}:${u.chartVersion.version}`,
    );
    const expected = ["helm", "oci"].flatMap((k) =>
      [...CHARTS.jenkins!].reverse().map((v) => `${k}:${v}`),
    );
    expect(found.sort()).toEqual(expected.sort());
    const tagged = await t.ok(VersionsUsingImageDocument, {
      repository: "jenkins/jenkins",
      tag: "2.440.1-jdk17",
    });
    expect(tagged.chartVersionsUsingImage.map((u) => u.chartVersion.version)).toEqual([
      "5.1.0",
      "5.1.0",
    ]);
    const other = await t.ok(
      VersionsUsingImageDocument,
      { repository: "jenkins/jenkins" },
      { tenantId: "another-tenant", role: "TENANT_ADMIN" },
    );
    expect(other.chartVersionsUsingImage).toEqual([]);
    const bad = await t.exec(VersionsUsingImageDocument, { repository: "jenkins/jenkins:1.0" });
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
  });
});
