/**
 * The seam between the OCI listing and what an artifact holds: one reader per provider type
 * (Helm charts, Zarf packages; Palette packs later) turns a tag's manifest into a catalog
 * version, or skips it with a warning.
 */
import { RegistryError, RegistryErrorCode } from "../errors";
import type { ChartVersionRecord, ListingWarning } from "../provider";
import type { OciRegistryClient } from "./oci-client";
import { parseJsonObject, type Descriptor, type Manifest } from "./oci-manifest";
import { formatOciReference } from "./oci-reference";

/** Codes of the warnings an OCI listing records on the sync run. */
export const OciListingWarning = {
  /** A Helm chart pushed with the media types of Helm before 3.7; skipped. */
  LEGACY_HELM_CHART: "LEGACY_HELM_CHART",
  /** An artifact of another kind (a container image, another tool's artifact); skipped. */
  UNSUPPORTED_ARTIFACT: "UNSUPPORTED_ARTIFACT",
  /** An artifact whose manifest or config cannot be read (bad JSON, config too large); skipped. */
  INVALID_ARTIFACT: "INVALID_ARTIFACT",
  /** The artifact names itself differently from its repository; kept under the repository's name. */
  NAME_MISMATCH: "NAME_MISMATCH",
  /** The artifact's own version differs from its tag; kept under the tag's version. */
  VERSION_MISMATCH: "VERSION_MISMATCH",
  /** A configured repository whose name is not a valid repository name; not read. */
  INVALID_REPOSITORY: "INVALID_REPOSITORY",
  /** A configured repository outside every base content path; not read. */
  REPOSITORY_OUTSIDE_BASE_PATHS: "REPOSITORY_OUTSIDE_BASE_PATHS",
  /** Two repositories (under different base paths) give the same chart name; the first wins. */
  CHART_NAME_CONFLICT: "CHART_NAME_CONFLICT",
  /** A Zarf package lists more (or longer) images than are recorded; the version is kept. */
  IMAGES_TRUNCATED: "IMAGES_TRUNCATED",
  /** More warnings than are worth keeping; the rest are counted in this one. */
  WARNINGS_TRUNCATED: "WARNINGS_TRUNCATED",
} as const;

/** Config blobs are small JSON documents; a descriptor claiming more is refused unread. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** One tag: where it is and what it is called in the catalog. */
export interface ArtifactIdentity {
  repository: string;
  /** The chart name in the catalog (the repository path below its base path). */
  chart: string;
  tag: string;
  /** The version the tag stands for (`_` read as `+`). */
  version: string;
}

/** One tag to read, with its manifest. */
export interface ArtifactContext extends ArtifactIdentity {
  client: OciRegistryClient;
  /** Digest of `manifest`, the one the tag points at. */
  manifestDigest: string;
  manifest: Manifest;
}

export type ArtifactOutcome =
  | { kind: "version"; record: ChartVersionRecord; warnings: ListingWarning[] }
  | { kind: "skipped"; warning: ListingWarning };

/** Reads the artifacts of one provider type. */
export interface ArtifactReader {
  read(context: ArtifactContext): Promise<ArtifactOutcome>;
  /**
   * Whether a record catalogued earlier from the same manifest still holds all this reader
   * records; when false the tag is read again. Absent: always current.
   */
  isCurrent?(record: ChartVersionRecord): boolean;
}

/** `repository:tag`, as messages name an artifact. */
export function artifactName(context: ArtifactIdentity): string {
  return `${context.repository}:${context.tag}`;
}

/** A warning about the version being read. */
export function versionWarning(
  context: ArtifactIdentity,
  code: string,
  message: string,
): ListingWarning {
  return { code, message, chart: context.chart, version: context.version };
}

/** A version left out of the listing, with the warning that says why. */
export function skip(context: ArtifactIdentity, code: string, message: string): ArtifactOutcome {
  return { kind: "skipped", warning: { ...versionWarning(context, code, message), skipped: true } };
}

/** The last segment of a repository path: the name tools give what they push there. */
export function lastSegment(repository: string): string {
  return repository.slice(repository.lastIndexOf("/") + 1);
}

/** The fields every OCI version has: its tag, its `oci://` URL and its pinned reference. */
export function locationFields(
  context: ArtifactContext,
): Pick<ChartVersionRecord, "urls" | "tag" | "ociReference"> {
  const host = context.client.host;
  return {
    urls: [`oci://${host}/${context.repository}:${context.tag}`],
    tag: context.tag,
    ociReference: formatOciReference({
      host,
      repository: context.repository,
      tag: context.tag,
      digest: context.manifestDigest,
    }),
  };
}

/** A JSON config blob (or other small JSON layer), fetched within MAX_CONFIG_BYTES. */
export async function readJsonBlob(
  context: ArtifactContext,
  descriptor: Descriptor,
  what: string,
): Promise<Record<string, unknown>> {
  const data = await context.client.blob(context.repository, descriptor, MAX_CONFIG_BYTES);
  return parseJsonObject(data, what);
}

/** A fault of the artifact itself (unreadable or too large), not of the registry or network. */
export function isArtifactFault(error: unknown): error is RegistryError {
  return (
    error instanceof RegistryError &&
    (error.code === RegistryErrorCode.PARSE || error.code === RegistryErrorCode.TOO_LARGE)
  );
}

/**
 * Runs the reading of one artifact; a PARSE or TOO_LARGE error is a property of this artifact
 * (bad JSON, a config claiming megabytes), so it skips the version with a warning instead of
 * failing the listing. Transport, authentication and integrity errors still fail it.
 */
export async function readOrSkip(
  identity: ArtifactIdentity,
  read: () => Promise<ArtifactOutcome>,
): Promise<ArtifactOutcome> {
  try {
    return await read();
  } catch (error) {
    if (isArtifactFault(error)) {
      return skip(
        identity,
        OciListingWarning.INVALID_ARTIFACT,
        `${artifactName(identity)} was skipped: ${error.message}`,
      );
    }
    throw error;
  }
}
