/**
 * Zarf packages published to a real registry as `zarf package publish` lays them out (see
 * src/providers/oci/zarf-package.reader.ts for the sources): one manifest per architecture,
 * config `application/vnd.zarf.config.v1+json`, titled `application/vnd.zarf.layer.v1.blob`
 * layers, and an index under the tag `<version>[-<flavor>]`.
 */
import { createHash, randomBytes } from "node:crypto";
import { stringify } from "yaml";
import { OCI_MANIFEST, pushArtifact, type ArtifactLayer, type PushedArtifact } from "./push";
import { type OciRegistryServer } from "./registry";
import { putRawManifest } from "./oci-test-support";

export const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
export const ZARF_CONFIG = "application/vnd.zarf.config.v1+json";
export const ZARF_LAYER = "application/vnd.zarf.layer.v1.blob";
export const TITLE = "org.opencontainers.image.title";

/** A component of a package definition (zarf-dev/zarf `src/api/v1alpha1/component.go`). */
export interface ZarfComponentSpec {
  name: string;
  /** Default: true. */
  required?: boolean;
  charts?: { name: string; version?: string; url?: string; namespace?: string }[];
  manifests?: { name: string; namespace?: string; files?: string[] }[];
  images?: string[];
  imageTars?: { path: string; images: string[] }[];
}

/** A package variable (zarf-dev/zarf `src/pkg/variables` InteractiveVariable). */
export interface ZarfVariableSpec {
  name: string;
  description?: string;
  default?: string;
  prompt?: boolean;
  sensitive?: boolean;
}

export interface ZarfPackage {
  name: string;
  version: string;
  description: string;
  flavor?: string;
  /** Default: one `podinfo` component with a chart and `ghcr.io/stefanprodan/podinfo:6.4.0`. */
  components?: ZarfComponentSpec[];
  variables?: ZarfVariableSpec[];
}

export interface PublishedZarf {
  indexDigest: string;
  manifests: PushedArtifact[];
}

const PODINFO_COMPONENT = {
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
};

/** zarf.yaml of a built package (v1alpha1), as `zarf package create` writes it. */
export function zarfDefinition(pkg: ZarfPackage, architecture: string): Record<string, unknown> {
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
    components: pkg.components?.map((c) => ({ required: true, ...c })) ?? [PODINFO_COMPONENT],
    ...(pkg.variables === undefined ? {} : { variables: pkg.variables }),
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
 * annotations}`) instead of the zarf.yaml as JSON; `annotations` are added to each manifest's
 * (as a package's `metadata.annotations` are).
 */
export async function publishZarf(
  registry: OciRegistryServer,
  repository: string,
  pkg: ZarfPackage,
  architectures: string[],
  options: { legacyConfig?: boolean; annotations?: Record<string, string> } = {},
): Promise<PublishedZarf> {
  const tag = pkg.flavor === undefined ? pkg.version : `${pkg.version}-${pkg.flavor}`;
  const manifests: PushedArtifact[] = [];
  for (const architecture of architectures) {
    const zarfYaml = zarfDefinition(pkg, architecture);
    const annotations: Record<string, string> = {
      [TITLE]: pkg.name,
      "org.opencontainers.image.description": pkg.description,
      "org.opencontainers.image.url": "https://github.com/stefanprodan/podinfo",
      ...(options.legacyConfig
        ? {}
        : { "org.opencontainers.image.created": "2024-01-02T03:04:05Z" }),
      ...options.annotations,
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
