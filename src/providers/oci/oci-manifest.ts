/**
 * OCI image manifests and indexes (and their Docker v2 equivalents), read defensively: a
 * registry serves whatever was pushed, so every field is checked before it is used.
 */
import { RegistryError, RegistryErrorCode } from "../errors";
import { parseDigest } from "./oci-reference";

export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
export const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
export const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
export const DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

/**
 * `Accept` of every manifest request. Distribution 2.8 serves an OCI manifest only when the OCI
 * type is named here (404 otherwise), by tag and by digest, for GET and HEAD alike.
 */
export const MANIFEST_ACCEPT = [
  OCI_MANIFEST,
  OCI_INDEX,
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
].join(", ");

/** Registries refuse manifests above 4 MiB (distribution's limit); nothing larger is read. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** Well-known manifest annotations (OCI image spec, `annotations.md`). */
export const Annotation = {
  CREATED: "org.opencontainers.image.created",
  TITLE: "org.opencontainers.image.title",
  DESCRIPTION: "org.opencontainers.image.description",
  VERSION: "org.opencontainers.image.version",
  URL: "org.opencontainers.image.url",
  SOURCE: "org.opencontainers.image.source",
} as const;

/** The platform of one entry of an index. */
export interface Platform {
  architecture?: string;
  os?: string;
}

/** A content descriptor: what a manifest says about a blob or another manifest. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations: Record<string, string>;
  platform?: Platform;
}

/** An image manifest: one config blob and a list of layers. */
export interface ImageManifest {
  kind: "manifest";
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations: Record<string, string>;
}

/** An index (manifest list): manifests, typically one per platform. */
export interface ImageIndex {
  kind: "index";
  mediaType?: string;
  manifests: Descriptor[];
  annotations: Record<string, string>;
}

export type Manifest = ImageManifest | ImageIndex;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses a JSON document the registry served. Throws PARSE (with `what` in the message) when the
 * body is not a JSON object.
 */
export function parseJsonObject(body: Buffer, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new RegistryError(RegistryErrorCode.PARSE, `${what} is not valid JSON.`);
  }
  if (!isObject(value)) {
    throw new RegistryError(RegistryErrorCode.PARSE, `${what} is not a JSON object.`);
  }
  return value;
}

/** The string values of an annotation map; other values are dropped (the spec allows none). */
export function stringMap(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function parseDescriptor(value: unknown, what: string): Descriptor {
  const invalid = (why: string) =>
    new RegistryError(RegistryErrorCode.PARSE, `${what} is not a valid descriptor: ${why}.`);
  if (!isObject(value)) throw invalid("it is not an object");
  const mediaType = optionalString(value["mediaType"]);
  if (mediaType === undefined) throw invalid("it has no mediaType");
  const digest = optionalString(value["digest"]);
  if (digest === undefined || parseDigest(digest) === undefined) {
    throw invalid("its digest is missing or not sha256/sha512");
  }
  const size = value["size"];
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw invalid("its size is not a non-negative integer");
  }
  const descriptor: Descriptor = {
    mediaType,
    digest,
    size,
    annotations: stringMap(value["annotations"]),
  };
  const platform = value["platform"];
  if (isObject(platform)) {
    const architecture = optionalString(platform["architecture"]);
    const os = optionalString(platform["os"]);
    descriptor.platform = {
      ...(architecture === undefined ? {} : { architecture }),
      ...(os === undefined ? {} : { os }),
    };
  }
  return descriptor;
}

/**
 * Reads a manifest or index. Throws PARSE when the document is neither (e.g. a Docker schema 1
 * manifest, or one with a malformed descriptor).
 */
export function parseManifest(body: Buffer, what: string): Manifest {
  const json = parseJsonObject(body, what);
  if (json["schemaVersion"] !== 2) {
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      `${what} is not a schema version 2 manifest (only OCI and Docker v2 manifests are read).`,
    );
  }
  const mediaType = optionalString(json["mediaType"]);
  const annotations = stringMap(json["annotations"]);
  const common = { annotations, ...(mediaType === undefined ? {} : { mediaType }) };
  if (Array.isArray(json["manifests"])) {
    const manifests = json["manifests"].map((entry, i) =>
      parseDescriptor(entry, `Entry ${i + 1} of ${what}`),
    );
    return { kind: "index", manifests, ...common };
  }
  if (!Array.isArray(json["layers"])) {
    throw new RegistryError(RegistryErrorCode.PARSE, `${what} has neither layers nor manifests.`);
  }
  const config = parseDescriptor(json["config"], `The config of ${what}`);
  const layers = json["layers"].map((entry, i) =>
    parseDescriptor(entry, `Layer ${i + 1} of ${what}`),
  );
  const artifactType = optionalString(json["artifactType"]);
  return {
    kind: "manifest",
    config,
    layers,
    ...common,
    ...(artifactType === undefined ? {} : { artifactType }),
  };
}
