import { createHash, randomBytes } from "node:crypto";
import { stringify } from "yaml";
import { RegistryErrorCode } from "../../../../src/providers/errors";
import { OciListingWarning } from "../../../../src/providers/oci/artifact.reader";
import { OciProvider } from "../../../../src/providers/oci/oci.provider";
import {
  ZARF_ARCHITECTURE_ANNOTATION,
  ZARF_FLAVOR_ANNOTATION,
} from "../../../../src/providers/oci/zarf-package.reader";
import {
  OCI_MANIFEST,
  buildChartTgz,
  pushArtifact,
  pushHelmChart,
  type ArtifactLayer,
  type PushedArtifact,
} from "../../../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../../../helpers/oci/registry";
import { registryFailure } from "../../../helpers/registry-errors";
import {
  LIMITS,
  chartNamed,
  complete,
  ociTarget,
  putRawManifest,
  requestLines,
  versionOf,
} from "../../../helpers/oci/oci-test-support";

const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const ZARF_CONFIG = "application/vnd.zarf.config.v1+json";
const ZARF_LAYER = "application/vnd.zarf.layer.v1.blob";
const TITLE = "org.opencontainers.image.title";

interface ZarfPackage {
  name: string;
  version: string;
  description: string;
  flavor?: string;
}

/** zarf.yaml of a built package (v1alpha1), as `zarf package create` writes it. */
function definition(pkg: ZarfPackage, architecture: string): Record<string, unknown> {
  return {
    kind: "ZarfPackageConfig",
    metadata: {
      name: pkg.name,
      description: pkg.description,
      version: pkg.version,
      url: "https://github.com/stefanprodan/podinfo",
    },
    build: {
      terminal: "ci-runner",
      user: "ci",
      architecture,
      timestamp: "Tue, 02 Jan 2024 03:04:05 +0000",
      version: "v0.32.6",
      ...(pkg.flavor === undefined ? {} : { flavor: pkg.flavor }),
    },
    components: [
      {
        name: "podinfo",
        required: true,
        charts: [
          {
            name: "podinfo",
            version: "6.4.0",
            namespace: "podinfo",
            url: "https://stefanprodan.github.io/podinfo",
          },
        ],
        images: ["ghcr.io/stefanprodan/podinfo:6.4.0"],
      },
    ],
  };
}

/** The package's files as Zarf layers (titled with their path), sorted by digest as Zarf does. */
function packageLayers(zarfYaml: string): ArtifactLayer[] {
  const files: [string, Buffer][] = [
    ["zarf.yaml", Buffer.from(zarfYaml)],
    ["checksums.txt", Buffer.from(`${randomBytes(32).toString("hex")} components/podinfo.tar\n`)],
    ["components/podinfo.tar", randomBytes(2048)],
  ];
  const digest = (data: Buffer) => createHash("sha256").update(data).digest("hex");
  return files
    .sort((a, b) => digest(a[1]).localeCompare(digest(b[1])))
    .map(([title, data]) => ({ mediaType: ZARF_LAYER, data, annotations: { [TITLE]: title } }));
}

/**
 * Publishes a package as `zarf package publish` does: one manifest per architecture, then an
 * index under the tag `<version>[-<flavor>]` with a `{os: multi, architecture}` platform per
 * manifest. `legacyConfig` pushes the config of older Zarf (`{architecture, ociVersion,
 * annotations}`) instead of the zarf.yaml as JSON.
 */
async function publishZarf(
  registry: OciRegistryServer,
  repository: string,
  pkg: ZarfPackage,
  architectures: string[],
  options: { legacyConfig?: boolean } = {},
): Promise<{ indexDigest: string; manifests: PushedArtifact[] }> {
  const tag = pkg.flavor === undefined ? pkg.version : `${pkg.version}-${pkg.flavor}`;
  const manifests: PushedArtifact[] = [];
  for (const architecture of architectures) {
    const zarfYaml = definition(pkg, architecture);
    const annotations: Record<string, string> = {
      [TITLE]: pkg.name,
      "org.opencontainers.image.description": pkg.description,
      "org.opencontainers.image.url": "https://github.com/stefanprodan/podinfo",
      ...(options.legacyConfig
        ? {}
        : { "org.opencontainers.image.created": "2024-01-02T03:04:05Z" }),
    };
    const config = options.legacyConfig
      ? { architecture, ociVersion: "1.1.0", annotations }
      : zarfYaml;
    manifests.push(
      await pushArtifact(registry, repository, tag, {
        config: { mediaType: ZARF_CONFIG, data: config },
        layers: packageLayers(stringify(zarfYaml)),
        annotations,
      }),
    );
  }
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: manifests.map((m, i) => ({
        mediaType: OCI_MANIFEST,
        digest: m.manifestDigest,
        size: m.manifest.length,
        platform: { architecture: architectures[i], os: "multi" },
      })),
    }),
  );
  const indexDigest = await putRawManifest(registry, repository, tag, OCI_INDEX, index);
  return { indexDigest, manifests };
}

describe("OciProvider: Zarf packages", () => {
  let registry: OciRegistryServer;
  const provider = new OciProvider(LIMITS);
  let podinfo: { indexDigest: string; manifests: PushedArtifact[] };
  let old: { indexDigest: string; manifests: PushedArtifact[] };
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
      annotations: { [ZARF_ARCHITECTURE_ANNOTATION]: "amd64,arm64" },
    });
    expect(versionOf(podinfoChart, "6.4.0-upstream").annotations).toEqual({
      [ZARF_ARCHITECTURE_ANNOTATION]: "amd64",
      [ZARF_FLAVOR_ANNOTATION]: "upstream",
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

  it("reads zarf.yaml only for a package whose config lacks the version, never other layers", async () => {
    registry.resetRequests();
    const listing = complete(await provider.list(target()));
    const pkg = versionOf(chartNamed(listing, "old-pkg"), "1.0.0");
    expect(pkg.description).toBe("Published by an older Zarf");
    expect(pkg.annotations[ZARF_ARCHITECTURE_ANNOTATION]).toBe("arm64");
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
