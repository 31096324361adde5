import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { RegistryErrorCode } from "../../../../src/providers/errors";
import { parseHelmIndex } from "../../../../src/providers/helm/helm-index.parser";
import { OciListingWarning } from "../../../../src/providers/oci/artifact.reader";
import { OciProvider } from "../../../../src/providers/oci/oci.provider";
import type {
  ChartRecord,
  CompleteListing,
  ListingProgress,
} from "../../../../src/providers/provider";
import { fixturePath } from "../../../helpers/fixtures";
import {
  buildChartTgz,
  deleteAllTags,
  pushArtifact,
  pushBlobOnly,
  pushHelmChart,
  type PushedArtifact,
} from "../../../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../../../helpers/oci/registry";
import { skopeoListTags } from "../../../helpers/oci/skopeo";
import { registryFailure } from "../../../helpers/registry-errors";
import {
  LIMITS,
  chartNamed,
  complete,
  knownFrom,
  ociTarget,
  putRawManifest,
  requestLines,
  sha256Hex,
  versionOf,
} from "../../../helpers/oci/oci-test-support";

const DASHBOARD_TGZ = fixturePath(
  "helm",
  "kubernetes-dashboard",
  "charts",
  "kubernetes-dashboard-6.0.8.tgz",
);
const DASHBOARD_INDEX = fixturePath("helm", "kubernetes-dashboard", "index.yaml");
const DASHBOARD_OCI = fixturePath("oci", "kubernetes-dashboard-6.0.8-derived");

const NGINX_VALUES = "replicaCount: 3\nservice:\n  type: ClusterIP\n";
const NGINX_README = "# nginx\n\nServes the web.\n";
const NGINX_SCHEMA = '{"$schema":"https://json-schema.org/draft-07/schema#","type":"object"}';
const HUGE_SIZE = 5 * 1024 * 1024 * 1024;

describe("OciProvider: Helm charts in a registry without auth", () => {
  let registry: OciRegistryServer;
  const provider = new OciProvider(LIMITS);
  const pushed = new Map<string, PushedArtifact>();
  let nginx1_2_0_build: Buffer;
  let hugeConfigDigest: string;
  let first: CompleteListing;

  const target = () => ociTarget(registry.url, { baseContentPaths: ["production", "community"] });

  beforeAll(async () => {
    registry = await startOciRegistry();
    const chart = async (repository: string, name: string, version: string, extra = {}) => {
      const tgz = await buildChartTgz({ name, version, ...extra });
      const result = await pushHelmChart(registry, { repository, chart: tgz });
      pushed.set(`${repository}:${result.tag}`, result);
      return tgz;
    };
    for (const version of ["1.0.0", "1.2.0", "2.0.0-rc.1"]) {
      await chart("production/nginx", "nginx", version);
    }
    nginx1_2_0_build = await chart("production/nginx", "nginx", "1.2.0+build.5", {
      values: NGINX_VALUES,
      readme: NGINX_README,
      valuesSchema: NGINX_SCHEMA,
    });
    const dashboard = await pushHelmChart(registry, {
      repository: "production/kubernetes-dashboard",
      chart: readFileSync(DASHBOARD_TGZ),
      created: "2023-05-19T13:49:12Z",
    });
    pushed.set("production/kubernetes-dashboard:6.0.8", dashboard);
    await chart("production/team/redis", "redis", "0.3.0");
    await chart("production/renamed", "other-name", "1.0.0");
    const legacy = await pushHelmChart(registry, {
      repository: "production/legacy",
      chart: await buildChartTgz({ name: "legacy", version: "0.1.0" }),
      legacy: true,
    });
    pushed.set("production/legacy:0.1.0", legacy);
    await pushHelmChart(registry, {
      repository: "production/mixed",
      chart: await buildChartTgz({ name: "mixed", version: "0.9.0" }),
      legacy: true,
    });
    await chart("production/mixed", "mixed", "1.0.0");
    await pushArtifact(registry, "production/busybox", "1.36", {
      config: {
        mediaType: "application/vnd.oci.image.config.v1+json",
        data: { architecture: "amd64", os: "linux" },
      },
      layers: [
        {
          mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
          data: Buffer.from("not really a layer"),
        },
      ],
    });
    await pushBlobOnly(registry, "production/blob-only");
    await deleteAllTags(registry, "production/gone");
    // A hostile manifest: its config descriptor claims 5 GiB (the blob it names is tiny).
    hugeConfigDigest = await pushBlobOnly(registry, "production/huge-config");
    await putRawManifest(
      registry,
      "production/huge-config",
      "1.0.0",
      "application/vnd.oci.image.manifest.v1+json",
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          config: {
            mediaType: "application/vnd.cncf.helm.config.v1+json",
            digest: hugeConfigDigest,
            size: HUGE_SIZE,
          },
          layers: [
            {
              mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
              digest: hugeConfigDigest,
              size: 60,
            },
          ],
        }),
      ),
    );
    await chart("community/cert-manager", "cert-manager", "1.14.0");
    await chart("community/nginx", "nginx", "9.0.0");
    // Outside the base paths: `production-eu` is not `production/…`.
    await chart("production-eu/nginx", "nginx", "1.0.0");
    await chart("staging/nginx", "nginx", "1.0.0");
    registry.resetRequests();
    first = complete(await provider.list(target()));
  });

  afterAll(async () => {
    await registry.stop();
  });

  it("lists the charts under the base paths, named by their path below the base path", () => {
    expect(first.charts.map((c) => c.name)).toEqual([
      "cert-manager",
      "kubernetes-dashboard",
      "mixed",
      "nginx",
      "renamed",
      "team/redis",
    ]);
    expect(first.unchanged).toBe(false);
    expect(first.validators).toEqual({});
    expect(first.bytesFetched).toBeGreaterThan(0);
  });

  it("reads one version per tag, highest first, a `+` version from its `_` tag", () => {
    const nginx = chartNamed(first, "nginx");
    expect(nginx.versions.map((v) => v.version)).toEqual([
      "2.0.0-rc.1",
      "1.2.0",
      "1.2.0+build.5",
      "1.0.0",
    ]);
    const build = versionOf(nginx, "1.2.0+build.5");
    const artifact = pushed.get("production/nginx:1.2.0_build.5")!;
    expect(build).toMatchObject({
      tag: "1.2.0_build.5",
      urls: [`oci://${registry.host}/production/nginx:1.2.0_build.5`],
      ociReference: `${registry.host}/production/nginx:1.2.0_build.5@${artifact.manifestDigest}`,
      digest: sha256Hex(nginx1_2_0_build),
      description: "A Helm chart for nginx",
      apiVersion: "v2",
      type: "application",
    });
    expect(build.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("lists exactly the tags skopeo sees, minus the artifacts it skips", async () => {
    for (const [repository, chart] of [
      ["production/nginx", "nginx"],
      ["production/mixed", "mixed"],
      ["production/team/redis", "team/redis"],
    ] as const) {
      const tags = await skopeoListTags(registry, repository);
      const listed = chartNamed(first, chart).versions.map((v) => v.tag);
      const skipped = first.warnings
        .filter((w) => w.chart === chart && w.skipped && w.version !== undefined)
        .map((w) => w.version!.replace(/\+/g, "_"));
      expect([...listed, ...skipped].sort()).toEqual([...tags].sort());
    }
  });

  it("reads the kubernetes-dashboard artifact as the chart repository's index describes it", () => {
    const record = versionOf(chartNamed(first, "kubernetes-dashboard"), "6.0.8");
    const index = parseHelmIndex(readFileSync(DASHBOARD_INDEX), {
      baseUrl: "https://kubernetes.github.io/dashboard/",
      onlyChart: "kubernetes-dashboard",
    });
    const entry = versionOf(index.charts[0]!, "6.0.8");
    const fields = [
      "version",
      "appVersion",
      "description",
      "digest",
      "kubeVersion",
      "apiVersion",
      "home",
      "icon",
      "keywords",
      "sources",
      "maintainers",
      "dependencies",
      "deprecated",
    ] as const;
    for (const field of fields) expect([field, record[field]]).toEqual([field, entry[field]]);
    // The derived artifact pins `created` to the index's date; the manifest is byte-identical.
    const manifest = JSON.parse(readFileSync(`${DASHBOARD_OCI}/index.json`, "utf8")) as {
      manifests: { digest: string }[];
    };
    expect(record.created).toBe("2023-05-19T13:49:12Z");
    expect(record.ociReference).toBe(
      `${registry.host}/production/kubernetes-dashboard:6.0.8@${manifest.manifests[0]!.digest}`,
    );
  });

  it("skips what is not a Helm ≥ 3.7 chart with a warning, and lists the rest", () => {
    const skipped = first.warnings.filter((w) => w.skipped);
    expect(skipped.map((w) => [w.code, w.chart, w.version])).toEqual(
      expect.arrayContaining([
        [OciListingWarning.LEGACY_HELM_CHART, "legacy", "0.1.0"],
        [OciListingWarning.LEGACY_HELM_CHART, "mixed", "0.9.0"],
        [OciListingWarning.UNSUPPORTED_ARTIFACT, "busybox", "1.36"],
        [OciListingWarning.INVALID_ARTIFACT, "huge-config", "1.0.0"],
        [OciListingWarning.CHART_NAME_CONFLICT, "nginx", undefined],
      ]),
    );
    expect(skipped).toHaveLength(5);
    const legacy = skipped.find((w) => w.chart === "legacy")!;
    expect(legacy.message).toBe(
      "production/legacy:0.1.0 was pushed by Helm < 3.7 (media type application/tar+gzip); not supported: re-push with Helm ≥ 3.8.",
    );
    expect(chartNamed(first, "mixed").versions.map((v) => v.version)).toEqual(["1.0.0"]);
    const conflict = skipped.find((w) => w.code === OciListingWarning.CHART_NAME_CONFLICT)!;
    expect(conflict.message).toContain("community/nginx and production/nginx");
    expect(chartNamed(first, "nginx").versions.map((v) => v.version)).not.toContain("9.0.0");
  });

  it("keeps a chart named differently from its repository under the repository's name, with a warning", () => {
    expect(versionOf(chartNamed(first, "renamed"), "1.0.0").version).toBe("1.0.0");
    const warning = first.warnings.find((w) => w.code === OciListingWarning.NAME_MISMATCH)!;
    expect(warning).toMatchObject({ chart: "renamed", version: "1.0.0" });
    expect(warning.skipped).toBeUndefined();
    expect(warning.message).toContain('holds chart "other-name"');
  });

  it("refuses a config descriptor claiming 5 GiB without downloading it", () => {
    const warning = first.warnings.find((w) => w.chart === "huge-config")!;
    expect(warning.message).toContain(`is ${HUGE_SIZE} bytes by its descriptor`);
    expect(requestLines(registry).filter((l) => l.includes(hugeConfigDigest))).toEqual([]);
  });

  it("never touches repositories outside the base paths, nor downloads a chart layer", () => {
    const lines = requestLines(registry);
    expect(lines.filter((l) => /production-eu|staging|community\/nginx/.test(l))).toEqual([]);
    const layerDigests = [...pushed.values()].flatMap((p) => p.layerDigests);
    expect(lines.filter((l) => layerDigests.some((d) => l.includes(d)))).toEqual([]);
    // Every manifest request names the OCI types: distribution 2.8 hides OCI manifests otherwise.
    for (const request of registry.requests().filter((r) => r.path.includes("/manifests/"))) {
      expect(request.headers["accept"]).toContain("application/vnd.oci.image.manifest.v1+json");
    }
  });

  it("re-syncs with `known` by tag listings and HEAD requests only", async () => {
    registry.resetRequests();
    const again = complete(await provider.list(target(), { known: knownFrom(first) }));
    expect(again.charts).toEqual(first.charts);
    expect(again.warnings.filter((w) => w.skipped)).toHaveLength(5);

    const lines = requestLines(registry);
    const planned = [
      "blob-only",
      "busybox",
      "gone",
      "huge-config",
      "kubernetes-dashboard",
      "legacy",
      "mixed",
      "nginx",
      "renamed",
      "team/redis",
    ]
      .map((r) => `production/${r}`)
      .concat(["community/cert-manager"]);
    const tagLists = lines.filter((l) => l.endsWith("/tags/list"));
    expect(tagLists.sort()).toEqual(planned.map((r) => `GET /v2/${r}/tags/list`).sort());
    let tagCount = 0;
    for (const repository of planned)
      tagCount += (await skopeoListTags(registry, repository).catch(() => [])).length;
    const heads = lines.filter((l) => l.startsWith("HEAD "));
    expect(heads).toHaveLength(tagCount);
    // Versions skipped the first time are read again: their manifest (and for huge-config, nothing
    // more), since nothing marks them as known.
    const others = lines.filter((l) => !l.endsWith("/tags/list") && !l.startsWith("HEAD "));
    expect(others).toEqual(expect.arrayContaining(["GET /v2/", "GET /v2/_catalog?n=100"]));
    const skippedManifests = others.filter((l) => l.includes("/manifests/"));
    expect(skippedManifests).toHaveLength(4);
    expect(others).toHaveLength(2 + 4);
    expect(lines).toHaveLength(tagLists.length + heads.length + others.length);
  });

  it("reports CONNECTING, then FETCHING per repository, and streams charts with onChart", async () => {
    const progress: ListingProgress[] = [];
    const streamed: ChartRecord[] = [];
    const listing = complete(
      await provider.list(target(), {
        onProgress: (p) => progress.push(p),
        onChart: (chart) => streamed.push(chart),
      }),
    );
    expect(listing.charts).toEqual([]);
    expect(streamed.map((c) => c.name).sort()).toEqual(first.charts.map((c) => c.name));
    expect(progress[0]).toMatchObject({ phase: "CONNECTING" });
    const fetching = progress.filter((p) => p.phase === "FETCHING");
    expect(fetching[0]).toMatchObject({ done: 0, total: 11 });
    expect(fetching.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(
      fetching
        .slice(1)
        .map((p) => p.message)
        .sort(),
    ).toContain("production/nginx");
    expect(fetching[fetching.length - 1]!.bytes).toBe(listing.bytesFetched);
  });

  it("lists configured repositories instead of the catalog, skipping those outside the base paths", async () => {
    registry.resetRequests();
    const listing = complete(
      await provider.list(
        ociTarget(registry.url, {
          repositories: [
            "production/nginx",
            "/production/team/redis/",
            "staging/nginx",
            "Not A Name",
          ],
        }),
      ),
    );
    expect(listing.charts.map((c) => c.name)).toEqual(["nginx", "team/redis"]);
    expect(listing.warnings.map((w) => w.code)).toEqual([
      OciListingWarning.REPOSITORY_OUTSIDE_BASE_PATHS,
      OciListingWarning.INVALID_REPOSITORY,
    ]);
    const lines = requestLines(registry);
    expect(lines.filter((l) => l.includes("_catalog") || l.includes("staging"))).toEqual([]);
  });

  it("validates the registry, and refuses configured repositories it cannot read", async () => {
    await expect(provider.validate(target())).resolves.toBeUndefined();
    await expect(
      provider.validate(ociTarget(registry.url, { repositories: ["production/nginx"] })),
    ).resolves.toBeUndefined();
    const outside = await registryFailure(
      provider.validate(ociTarget(registry.url, { repositories: ["staging/nginx"] })),
    );
    expect(outside.code).toBe(RegistryErrorCode.INVALID_CONFIGURATION);
    const missing = await registryFailure(
      provider.validate(ociTarget(registry.url, { repositories: ["production/missing"] })),
    );
    expect([missing.code, missing.message]).toEqual([
      RegistryErrorCode.NOT_FOUND,
      `The repository ${registry.host}/production/missing was not found (or holds no tags).`,
    ]);
    const withPath = await registryFailure(provider.validate(ociTarget(`${registry.url}/v2`)));
    expect(withPath.code).toBe(RegistryErrorCode.INVALID_CONFIGURATION);
    // Packs live under <base>/spectro-packs/archive/: the Helm charts of `production` are not read.
    const packs = await provider.list(ociTarget(registry.url, { providerType: "PACK" }));
    expect(packs.unchanged === false && packs.charts).toEqual([]);
  });

  it("reads values, README and schema from the chart layer, verified against its digest", async () => {
    const record = versionOf(chartNamed(first, "nginx"), "1.2.0+build.5");
    const content = await provider.content!(target(), {
      chart: "nginx",
      version: record.version,
      urls: record.urls,
      digest: record.digest ?? null,
      ociReference: record.ociReference ?? null,
    });
    expect(content).toEqual({
      values: NGINX_VALUES,
      readme: NGINX_README,
      schema: NGINX_SCHEMA,
      packageDigest: sha256Hex(nginx1_2_0_build),
      bytesFetched: expect.any(Number) as number,
    });
    expect(content.bytesFetched).toBeGreaterThanOrEqual(nginx1_2_0_build.length);
  });

  it("reads the real values.yaml and README of kubernetes-dashboard 6.0.8", async () => {
    const record = versionOf(chartNamed(first, "kubernetes-dashboard"), "6.0.8");
    const content = await provider.content!(target(), {
      chart: "kubernetes-dashboard",
      version: "6.0.8",
      urls: record.urls,
      ociReference: record.ociReference ?? null,
    });
    const extract = (file: string) =>
      execFileSync("tar", ["-xzOf", DASHBOARD_TGZ, `kubernetes-dashboard/${file}`]).toString(
        "utf8",
      );
    expect(content.values).toBe(extract("values.yaml"));
    expect(content.readme).toBe(extract("README.md"));
    expect(content.packageDigest).toBe(record.digest);
  });

  it("refuses content references to another registry or to a manifest that is gone", async () => {
    const record = versionOf(chartNamed(first, "nginx"), "1.0.0");
    const ref = { chart: "nginx", version: "1.0.0", urls: record.urls };
    const elsewhere = await registryFailure(
      provider.content!(target(), {
        ...ref,
        ociReference: record.ociReference!.replace(registry.host, "registry.example.com"),
      }),
    );
    expect(elsewhere.code).toBe(RegistryErrorCode.INVALID_CONFIGURATION);
    const gone = await registryFailure(
      provider.content!(target(), {
        ...ref,
        ociReference: `${registry.host}/production/nginx:1.0.0@sha256:${"0".repeat(64)}`,
      }),
    );
    expect(gone.code).toBe(RegistryErrorCode.NOT_FOUND);
    const legacy = pushed.get("production/legacy:0.1.0")!;
    const old = await registryFailure(
      provider.content!(target(), {
        chart: "legacy",
        version: "0.1.0",
        urls: [],
        ociReference: `${registry.host}/production/legacy:0.1.0@${legacy.manifestDigest}`,
      }),
    );
    expect([old.code, old.message]).toEqual([
      RegistryErrorCode.PARSE,
      `${registry.host}/production/legacy@${legacy.manifestDigest} was pushed by Helm < 3.7 (media type application/tar+gzip); not supported: re-push with Helm ≥ 3.8.`,
    ]);
  });

  it("looks up one version: VERIFIED with its record, NOT_FOUND, UNVERIFIABLE", async () => {
    const verified = await provider.lookup(target(), "nginx", "1.2.0+build.5");
    expect(verified.status).toBe("VERIFIED");
    expect(verified.record).toEqual(versionOf(chartNamed(first, "nginx"), "1.2.0+build.5"));

    const nested = await provider.lookup(target(), "team/redis", "0.3.0");
    expect(nested.status).toBe("VERIFIED");
    const community = await provider.lookup(target(), "cert-manager", "1.14.0");
    expect(community.record?.ociReference).toContain("/community/cert-manager:1.14.0@");

    const missing = await provider.lookup(target(), "nginx", "9.9.9");
    expect(missing).toEqual({
      status: "NOT_FOUND",
      message: `There is no tag "9.9.9" in ${registry.host}/production/nginx, ${registry.host}/community/nginx.`,
    });
    const legacy = await provider.lookup(target(), "legacy", "0.1.0");
    expect(legacy.status).toBe("NOT_FOUND");
    expect(legacy.message).toContain("pushed by Helm < 3.7");
    const invalid = await provider.lookup(target(), "../etc", "1.0.0");
    expect(invalid.status).toBe("NOT_FOUND");

    const closed = await startOciRegistry();
    const url = closed.url;
    await closed.stop();
    const unreachable = await provider.lookup(ociTarget(url), "nginx", "1.0.0");
    expect(unreachable.status).toBe("UNVERIFIABLE");
    expect(unreachable.error?.code).toBe(RegistryErrorCode.UNREACHABLE);
  });

  it("stops a listing when its signal fires, with CANCELLED", async () => {
    const controller = new AbortController();
    const error = await registryFailure(
      provider.list(target(), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === "FETCHING" && p.done === 1) controller.abort();
        },
      }),
    );
    expect(error.code).toBe(RegistryErrorCode.CANCELLED);
  });
});

describe("OciProvider: catalog paging", () => {
  let registry: OciRegistryServer;
  const provider = new OciProvider(LIMITS);
  const COUNT = 105;

  beforeAll(async () => {
    registry = await startOciRegistry();
    const chart = await buildChartTgz({ name: "app", version: "1.0.0" });
    const names = Array.from({ length: COUNT }, (_, i) => `app-${String(i).padStart(3, "0")}`);
    for (let i = 0; i < names.length; i += 15) {
      await Promise.all(
        names.slice(i, i + 15).map((name) =>
          pushHelmChart(registry, {
            repository: `many/${name}`,
            chart,
            chartYaml: { apiVersion: "v2", name, version: "1.0.0" },
          }),
        ),
      );
    }
    await pushHelmChart(registry, { repository: "elsewhere/app", chart });
  });

  afterAll(async () => {
    await registry.stop();
  });

  it("follows the catalog's Link header past 100 repositories", async () => {
    const listing = complete(
      await provider.list(ociTarget(registry.url, { baseContentPaths: ["many"] })),
    );
    expect(listing.charts).toHaveLength(COUNT);
    expect(listing.warnings).toEqual([]);
    const catalog = requestLines(registry).filter((l) => l.includes("_catalog"));
    expect(catalog).toHaveLength(2);
    expect(catalog[0]).toBe("GET /v2/_catalog?n=100");
    expect(catalog[1]).toMatch(/^GET \/v2\/_catalog\?last=many%2Fapp-\d{3}&n=100$/);
    expect(requestLines(registry).filter((l) => l.includes("elsewhere"))).toEqual([]);
  });
});
