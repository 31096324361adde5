import { RegistryErrorCode } from "../../../../src/providers/errors";
import { OciListingWarning } from "../../../../src/providers/oci/artifact.reader";
import { OciProvider } from "../../../../src/providers/oci/oci.provider";
import {
  ZARF_ARCHITECTURE_ANNOTATION,
  ZARF_FLAVOR_ANNOTATION,
  ZARF_IMAGES_ANNOTATION,
} from "../../../../src/providers/oci/zarf-package.reader";
import { buildChartTgz, pushHelmChart } from "../../../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../../../helpers/oci/registry";
import { registryFailure } from "../../../helpers/registry-errors";
import {
  LIMITS,
  chartNamed,
  complete,
  ociTarget,
  knownFrom,
  requestLines,
  versionOf,
} from "../../../helpers/oci/oci-test-support";
import { TITLE, publishZarf, type PublishedZarf } from "../../../helpers/oci/zarf";

/** The podinfo package's image list as the catalog records it (the helper's default component). */
const PODINFO_IMAGES = JSON.stringify([
  { image: "ghcr.io/stefanprodan/podinfo:6.4.0", components: ["podinfo"] },
]);

describe("OciProvider: Zarf packages", () => {
  let registry: OciRegistryServer;
  const provider = new OciProvider(LIMITS);
  let podinfo: PublishedZarf;
  let old: PublishedZarf;
  const target = () =>
    ociTarget(registry.url, { providerType: "ZARF", baseContentPaths: ["zarf"] });

  beforeAll(async () => {
    registry = await startOciRegistry();
    const pkg = { name: "podinfo", version: "6.4.0", description: "Deploys podinfo" };
    podinfo = await publishZarf(registry, "zarf/podinfo", pkg, ["amd64", "arm64", "skeleton"]);
    await publishZarf(registry, "zarf/podinfo", { ...pkg, flavor: "upstream" }, ["amd64"]);
    old = await publishZarf(
      registry,
      "zarf/old-pkg",
      { name: "old-pkg", version: "1.0.0", description: "Published by an older Zarf" },
      ["arm64"],
      { legacyConfig: true },
    );
    await pushHelmChart(registry, {
      repository: "zarf/nginx",
      chart: await buildChartTgz({ name: "nginx", version: "1.0.0" }),
    });
    registry.resetRequests();
  });

  afterAll(async () => {
    await registry.stop();
  });

  it("catalogues name, version, description and architectures from the index, manifest and config", async () => {
    const listing = complete(await provider.list(target()));
    expect(listing.charts.map((c) => c.name)).toEqual(["old-pkg", "podinfo"]);
    const podinfoChart = chartNamed(listing, "podinfo");
    expect(podinfoChart.versions.map((v) => v.version)).toEqual(["6.4.0", "6.4.0-upstream"]);
    const release = versionOf(podinfoChart, "6.4.0");
    expect(release).toEqual({
      version: "6.4.0",
      description: "Deploys podinfo",
      created: "2024-01-02T03:04:05Z",
      home: "https://github.com/stefanprodan/podinfo",
      urls: [`oci://${registry.host}/zarf/podinfo:6.4.0`],
      tag: "6.4.0",
      ociReference: `${registry.host}/zarf/podinfo:6.4.0@${podinfo.indexDigest}`,
      deprecated: false,
      keywords: [],
      sources: [],
      maintainers: [],
      dependencies: [],
      annotations: {
        [ZARF_ARCHITECTURE_ANNOTATION]: "amd64,arm64",
        [ZARF_IMAGES_ANNOTATION]: PODINFO_IMAGES,
      },
    });
    expect(versionOf(podinfoChart, "6.4.0-upstream").annotations).toEqual({
      [ZARF_ARCHITECTURE_ANNOTATION]: "amd64",
      [ZARF_FLAVOR_ANNOTATION]: "upstream",
      [ZARF_IMAGES_ANNOTATION]: PODINFO_IMAGES,
    });
    expect(listing.warnings).toEqual([
      expect.objectContaining({
        code: OciListingWarning.UNSUPPORTED_ARTIFACT,
        chart: "nginx",
        version: "1.0.0",
        skipped: true,
      }),
    ]);
  });

  it("reads zarf.yaml only for a package whose config lacks the version or components, never other layers", async () => {
    registry.resetRequests();
    const listing = complete(await provider.list(target()));
    const pkg = versionOf(chartNamed(listing, "old-pkg"), "1.0.0");
    expect(pkg.description).toBe("Published by an older Zarf");
    expect(pkg.annotations[ZARF_ARCHITECTURE_ANNOTATION]).toBe("arm64");
    expect(pkg.annotations[ZARF_IMAGES_ANNOTATION]).toBe(PODINFO_IMAGES);
    const blobs = requestLines(registry).filter((l) => l.includes("/blobs/"));
    const [oldManifest] = old.manifests;
    const oldLayers = JSON.parse(oldManifest!.manifest.toString()) as {
      layers: { digest: string; annotations: Record<string, string> }[];
    };
    const zarfYaml = oldLayers.layers.find((l) => l.annotations[TITLE] === "zarf.yaml")!;
    expect(blobs.filter((l) => l.startsWith("GET /v2/zarf/old-pkg/"))).toEqual([
      `GET /v2/zarf/old-pkg/blobs/${oldManifest!.configDigest}`,
      `GET /v2/zarf/old-pkg/blobs/${zarfYaml.digest}`,
    ]);
    // podinfo: one config per tag (amd64's), no layer at all.
    const configs = new Set(podinfo.manifests.map((m) => m.configDigest));
    const podinfoBlobs = blobs.filter((l) => l.startsWith("GET /v2/zarf/podinfo/"));
    expect(podinfoBlobs).toHaveLength(2);
    expect(podinfoBlobs.some((l) => configs.has(l.slice(l.lastIndexOf("/") + 1)))).toBe(true);
  });

  it("reads again, once, a known package catalogued before its image list was recorded", async () => {
    const first = complete(await provider.list(target()));
    const known = knownFrom(first);
    // podinfo 6.4.0 as an earlier catalog stored it: no image list.
    const older = (repository: string, tag: string) => {
      const entry = known(repository, tag);
      if (entry === undefined || "skipped" in entry || tag !== "6.4.0") return entry;
      const { [ZARF_IMAGES_ANNOTATION]: _images, ...annotations } = entry.record.annotations;
      return { ...entry, record: { ...entry.record, annotations } };
    };
    registry.resetRequests();
    const again = complete(await provider.list(target(), { known: older }));
    expect(again.charts).toEqual(first.charts);
    // knownFrom carries no skipped artifacts: the Helm chart in zarf/nginx is read again too.
    const reads = requestLines(registry).filter(
      (l) => !l.startsWith("HEAD ") && !l.startsWith("GET /v2/zarf/nginx/"),
    );
    const amd64 = podinfo.manifests[0]!;
    expect(reads.filter((l) => l.includes("/manifests/") || l.includes("/blobs/")).sort()).toEqual(
      [
        `GET /v2/zarf/podinfo/manifests/${podinfo.indexDigest}`,
        `GET /v2/zarf/podinfo/manifests/${amd64.manifestDigest}`,
        `GET /v2/zarf/podinfo/blobs/${amd64.configDigest}`,
      ].sort(),
    );
    // Catalogued with its image list, an unchanged tag costs its HEAD only.
    registry.resetRequests();
    complete(await provider.list(target(), { known }));
    expect(requestLines(registry).filter((l) => l.startsWith("GET /v2/zarf/podinfo/"))).toEqual([
      `GET /v2/zarf/podinfo/tags/list`,
    ]);
  });

  it("looks up a package version; its content is not a chart's", async () => {
    const lookup = await provider.lookup(target(), "podinfo", "6.4.0");
    expect(lookup.status).toBe("VERIFIED");
    expect(lookup.record?.annotations[ZARF_ARCHITECTURE_ANNOTATION]).toBe("amd64,arm64");
    const error = await registryFailure(
      provider.content!(target(), {
        chart: "podinfo",
        version: "6.4.0",
        urls: [],
        ociReference: lookup.record?.ociReference ?? null,
      }),
    );
    expect(error.code).toBe(RegistryErrorCode.INVALID_CONFIGURATION);
  });
});
