/**
 * Palette packs stored as OCI artifacts (provider type PACK), as Palette's documentation
 * describes them (`add-pack-oci-basic.md`, see notes/palette-domain.md §7.2): repository
 * `<base>/spectro-packs/archive/<name>`, tag = version, one layer `<name>-<version>.tar.gz`
 * (the `org.opencontainers.image.title` annotation, pushed with ORAS, whose default media types
 * Palette keeps) holding the pack folder: `pack.json`, `values.yaml`, optionally `README.md` and
 * `schema.yaml`. Palette names no media type, so the layer is found by its title.
 *
 * Packs are small: the layer is read during the listing (capped at the package limit) for its
 * pack.json, and its documents are kept by the layer's digest so values and README are served
 * without another fetch. pack.json's own name and version may differ from the repository and the
 * tag; the version is listed under the tag (what a profile references) with a warning.
 */
import { DEFAULT_PACKAGE_LIMITS, readPackage, servedDocuments, sha256Hex } from "../chart-package";
import { RegistryError, RegistryErrorCode } from "../errors";
import { parsePackJson } from "../pack/pack-json";
import type { ChartVersionRecord, ListingWarning, PackVersionInfo } from "../provider";
import {
  OciListingWarning,
  artifactName,
  lastSegment,
  locationFields,
  skip,
  versionWarning,
  type ArtifactContext,
  type ArtifactOutcome,
  type ArtifactReader,
} from "./artifact.reader";
import { Annotation, type Descriptor, type ImageManifest } from "./oci-manifest";
import { parseDigest } from "./oci-reference";

/** The namespace below a base content path where Palette keeps packs. */
export const PACK_ARCHIVE_PATH = "spectro-packs/archive";

/** pack.json warning codes that are the OCI listing's own (same meaning, one code). */
const SHARED_CODES: Record<string, string> = {
  NAME_MISMATCH: OciListingWarning.NAME_MISMATCH,
  VERSION_MISMATCH: OciListingWarning.VERSION_MISMATCH,
};

/** The pack layer of a manifest: titled `<name>-<version>.tar.gz` (or any `.tar.gz`/`.tgz`). */
export function packLayer(
  manifest: ImageManifest,
  name: string,
  tag: string,
): Descriptor | undefined {
  const titled = manifest.layers.filter((layer) =>
    /\.(tar\.gz|tgz)$/i.test(layer.annotations[Annotation.TITLE] ?? ""),
  );
  return (
    titled.find((layer) => layer.annotations[Annotation.TITLE] === `${name}-${tag}.tar.gz`) ??
    titled[0]
  );
}

/** The pack's package, read and checked: pack.json (required), values, README, schema.yaml. */
export async function readPackLayer(
  context: Pick<ArtifactContext, "client" | "repository">,
  layer: Descriptor,
  label: string,
) {
  const maxBytes = DEFAULT_PACKAGE_LIMITS.maxPackageBytes;
  const data = await context.client.blob(context.repository, layer, maxBytes);
  const documents = await readPackage(data, DEFAULT_PACKAGE_LIMITS, label);
  if (documents.packJson === undefined) {
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      `${label} holds no pack.json in its folder ${documents.root}/.`,
    );
  }
  return { data, documents, packJson: documents.packJson };
}

export const packReader: ArtifactReader = {
  async read(context: ArtifactContext): Promise<ArtifactOutcome> {
    const name = artifactName(context);
    const manifest = context.manifest;
    if (manifest.kind !== "manifest") {
      return skip(
        context,
        OciListingWarning.UNSUPPORTED_ARTIFACT,
        `${name} is an index, not a pack; skipped.`,
      );
    }
    const layer = packLayer(manifest, lastSegment(context.repository), context.tag);
    if (layer === undefined) {
      return skip(
        context,
        OciListingWarning.UNSUPPORTED_ARTIFACT,
        `${name} has no layer titled <name>-<version>.tar.gz, so it is not a pack; skipped.`,
      );
    }
    const { data, documents, packJson } = await readPackLayer(context, layer, name);
    const parsed = parsePackJson(packJson, {
      name: lastSegment(context.repository),
      version: context.tag,
    });
    const warnings: ListingWarning[] = parsed.warnings.map((w) =>
      versionWarning(context, SHARED_CODES[w.code] ?? `PACK_${w.code}`, `${name}: ${w.message}`),
    );
    const { name: _name, version: _version, ...info } = parsed.pack;
    const digest = parseDigest(layer.digest)?.hex ?? sha256Hex(data);
    const record: ChartVersionRecord = {
      version: context.version,
      ...locationFields(context),
      digest,
      deprecated: false,
      keywords: [],
      sources: [],
      maintainers: [],
      dependencies: [],
      annotations: info.annotations,
      pack: info satisfies PackVersionInfo,
      documents: {
        ...servedDocuments(documents, "pack"),
        packageDigest: digest,
        bytes: data.length,
      },
    };
    const created = manifest.annotations[Annotation.CREATED];
    if (created) record.created = created;
    return { kind: "version", record, warnings };
  },
};
