import type {
  AuthType,
  ChartKind,
  ChartReferenceStatus,
  OciAuthKind,
  OciProviderType,
  RegistryKind,
  SignatureMethod,
} from "../domain/enums";
import { type RegistryError } from "./errors";
import type { PackMetadata } from "./pack-metadata";
import type { RegistryProtocol } from "./registry-protocol";
import type { Subchart } from "./subcharts";

/** The credentials a target carries itself (ECR credentials are the OCI options' `ecr`). */
export type TargetAuthType = Exclude<AuthType, "ECR">;

export type { AuthType, ChartKind, OciAuthKind, OciProviderType, RegistryKind };

/** AWS credentials for an ECR registry: access keys, or a role to assume (with an external id). */
export interface EcrCredentials {
  /** AWS region; derived from an `*.dkr.ecr.<region>.amazonaws.com` endpoint when absent. */
  region?: string | null;
  accessKeyId?: string | null;
  /** Secret. */
  secretAccessKey?: string | null;
  roleArn?: string | null;
  externalId?: string | null;
}

/** The OCI-specific part of a target. */
export interface OciTargetOptions {
  providerType: OciProviderType;
  /**
   * Namespaces inside the registry to catalogue, without leading or trailing slashes
   * (e.g. `production`); a repository belongs to a base path when its name starts with `<base>/`.
   */
  baseContentPaths: string[];
  /**
   * Full repository names to catalogue (e.g. `production/nginx`), for registries that refuse
   * `_catalog`; empty to list the catalog.
   */
  repositories: string[];
  authKind: OciAuthKind;
  /** Present when `authKind` is ECR. */
  ecr?: EcrCredentials;
  /**
   * Where the registry serves its API when it is not the OCI distribution API at `/v2/` (legacy
   * pack registries); such a registry lists packs at its root, not under base content paths.
   */
  protocol?: RegistryProtocol;
}

/**
 * Everything a provider needs to reach one registry. Built from the stored registry (or from a
 * validation input); the secret is plaintext here and must never be logged or put in an error.
 */
export interface RegistryTarget {
  kind: RegistryKind;
  /** Absolute URL of the registry, without a trailing slash. */
  endpoint: string;
  auth: { type: TargetAuthType; username?: string | null; secret?: string | null };
  tls: { caCertificate?: string | null; insecureSkipVerify: boolean };
  /** Present for OCI registries. */
  oci?: OciTargetOptions;
  /**
   * Secrets of the registry besides `auth`'s, kept out of every message made from what the
   * registry answers (a client sending a bearer token still redacts the password it came from).
   */
  echoedSecrets?: { secret?: string | null; username?: string | null }[];
}

/** Limits applied to every request a provider makes. */
export interface FetchLimits {
  /** Time allowed to establish a connection (TCP + TLS), in ms. */
  connectTimeoutMs: number;
  /** Time allowed for a whole request, body included, in ms. */
  requestTimeoutMs: number;
  /** Largest body accepted, after decompression, in bytes. */
  maxBodyBytes: number;
  /** Redirects followed before giving up. */
  maxRedirects: number;
}

/** What the previous successful listing returned, for conditional requests. */
export interface ListingValidators {
  etag?: string | null;
  lastModified?: string | null;
  /** sha256 of the previous listing's body; an identical body is a no-op even without 304. */
  digest?: string | null;
}

/** A person/organisation credited on a chart. */
export interface MaintainerRecord {
  name: string;
  email?: string;
  url?: string;
}

export interface DependencyRecord {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  alias?: string;
  tags?: string[];
}

/** A pack version's metadata from its pack.json (name and version are the record's own). */
export type PackVersionInfo = Omit<PackMetadata, "name" | "version">;

/**
 * Documents read from a version's package during the listing (packs are small and their
 * package is read anyway for pack.json), stored by package digest like fetched content.
 */
export interface ListedDocuments {
  values?: string;
  readme?: string;
  schema?: string;
  /** sha256 (hex) of the package. */
  packageDigest: string;
  bytes: number;
}

/** One version of one chart, normalized from whatever the protocol serves. */
export interface ChartVersionRecord {
  version: string;
  appVersion?: string;
  description?: string;
  /** ISO-8601 timestamp as the registry states it. */
  created?: string;
  digest?: string;
  /** Absolute URLs (relative ones resolved against the repository URL). */
  urls: string[];
  kubeVersion?: string;
  apiVersion?: string;
  type?: string;
  deprecated: boolean;
  keywords: string[];
  home?: string;
  icon?: string;
  sources: string[];
  maintainers: MaintainerRecord[];
  dependencies: DependencyRecord[];
  annotations: Record<string, string>;
  /** OCI: the tag the version was read from (a `+` in the version is `_` in the tag). */
  tag?: string;
  /** OCI: `host/repository:tag@sha256:…`, the pinned reference of the version's manifest. */
  ociReference?: string;
  /** Packs: what pack.json says. */
  pack?: PackVersionInfo;
  /**
   * Packs: the floating tags (`1.x`, `1.2.x`, `lts__1.2.x`) that point at this version; derived
   * by the catalog from all of the chart's versions, not by providers.
   */
  parentTags?: string[];
  /** Packs: values, README and schema read during the listing (not stored on the version row). */
  documents?: ListedDocuments;
  /**
   * OCI: the artifact's cosign signatures, read during the listing when `ListOptions.signatures`
   * asked for them (not stored on the version row: cached by digest).
   */
  signatures?: SignatureProbe;
}

/** One signature as read from the registry, kept as found (small). */
export interface FoundSignature {
  /** Cosign: the simple-signing payload (base64). Helm: the provenance file's text. */
  payload: string;
  /** Cosign: the signature (base64). Helm: empty (the provenance file carries it). */
  signature: string;
  /** OpenPGP: the issuers' key ids (lower-case hex). */
  keyIds: string[];
  /** Why this signature cannot sign the digest whatever the key (another digest…); else null. */
  problem: string | null;
  /** Where it was found: `referrers`, `tag` or `provenance`. */
  source: string;
}

/** What reading the signatures of one digest found. */
export interface SignatureProbe {
  /** `sha256:<hex>`: the manifest (cosign) or the package (Helm provenance). */
  digest: string;
  method: SignatureMethod;
  /** SIGNED (at least one signature), UNSIGNED (none found), ERROR (could not be read). */
  outcome: "SIGNED" | "UNSIGNED" | "ERROR";
  /** ERROR: why; a sentence for a person. */
  message: string | null;
  signatures: FoundSignature[];
}

/** One chart and every version the listing holds for it. */
export interface ChartRecord {
  name: string;
  /** Default HELM_CHART. */
  kind?: ChartKind;
  versions: ChartVersionRecord[];
}

/** Something the listing skipped or found odd; recorded on the sync run. */
export interface ListingWarning {
  code: string;
  message: string;
  chart?: string;
  version?: string;
  /** True when the warning means a version (tag, entry) was left out of the listing. */
  skipped?: boolean;
  /**
   * OCI: `host/repository:tag@sha256:…` of the artifact the warning is about, so that a later sync
   * can skip an unchanged artifact again without fetching it.
   */
  reference?: string;
}

export type ListingPhase = "CONNECTING" | "FETCHING" | "PARSING";

/** Progress of a listing, reported as it goes. `total` is unknown (undefined) until it is. */
export interface ListingProgress {
  phase: ListingPhase;
  done?: number;
  total?: number;
  bytes?: number;
  message?: string;
}

export interface ListOptions {
  previous?: ListingValidators;
  signal?: AbortSignal;
  onProgress?: (progress: ListingProgress) => void;
  /**
   * When given, each chart is handed over as soon as it is read, and the complete listing's
   * `charts` holds only what was not: a large registry's records need not all be alive at once.
   * The caller still gets a complete listing (or an error) before it may act on it.
   */
  onChart?: (chart: ChartRecord) => void;
  /**
   * OCI: what the previous successful sync stored for a repository's tag, with the manifest
   * digest it was read from. When a tag's manifest digest (HEAD) is unchanged, the provider hands
   * the known record over again instead of fetching the manifest and config.
   */
  known?: (repository: string, tag: string) => KnownVersion | undefined;
  /**
   * OCI: read each version's cosign signatures, unless `known(digest)` says they were read before
   * (SIGNED, or UNSIGNED while no `.sig` tag exists now): a re-sync of unchanged, already-checked
   * versions costs no request. Absent: signatures are not read.
   */
  signatures?: { known: (digest: string) => SignatureProbe["outcome"] | undefined };
}

/**
 * A version the catalog already holds, and the manifest digest it was read from; or an artifact
 * the previous sync skipped, with the warning that said why.
 */
export type KnownVersion =
  | { manifestDigest: string; record: ChartVersionRecord }
  | { manifestDigest: string; skipped: ListingWarning };

/** The registry says nothing changed since `previous` (304, or an identical body digest). */
export interface UnchangedListing {
  unchanged: true;
  bytesFetched: number;
  validators: ListingValidators;
}

/** What a Helm index says about itself (top-level `annotations`, ChartMuseum's `serverInfo`). */
export interface IndexInfo {
  annotations: Record<string, string>;
  serverInfo: Record<string, string>;
}

/** A complete listing. Partial listings are never returned: a failure throws a RegistryError. */
export interface CompleteListing {
  unchanged: false;
  charts: ChartRecord[];
  /** Helm: what the index says about itself. */
  index?: IndexInfo;
  warnings: ListingWarning[];
  bytesFetched: number;
  validators: ListingValidators;
}

export type Listing = UnchangedListing | CompleteListing;

/** What a targeted check of one name and version found. */
export type LookupStatus = ChartReferenceStatus;

export interface LookupResult {
  status: LookupStatus;
  /** A sentence for a person: what was checked and what was found. */
  message: string;
  /** The version's record when the registry served it. */
  record?: ChartVersionRecord;
  error?: RegistryError;
}

/** Where one version's content lives: enough for `content()` to fetch its package. */
export interface VersionContentRef {
  chart: string;
  version: string;
  /** Package URLs (Helm repositories). */
  urls: string[];
  /** sha256 (hex) of the chart package when the registry states it. */
  digest?: string | null;
  /** OCI: `host/repository:tag@sha256:…`. */
  ociReference?: string | null;
}

/** The documents inside one version's package; absent when the package has none. */
export interface VersionContent {
  values?: string;
  readme?: string;
  /** `values.schema.json` (Helm) or `schema.yaml` (packs). */
  schema?: string;
  /** sha256 (hex) of the package that was read. */
  packageDigest: string;
  bytesFetched: number;
  /** The Helm chart's vendored sub-charts, when `ContentOptions.subcharts` asked for them. */
  subcharts?: SubchartContent;
}

/** What `content()` reads besides the served documents. */
export interface ContentOptions {
  /** Also read the sub-charts a Helm chart vendors under `charts/` (bounded, see subcharts.ts). */
  subcharts?: boolean;
}

/** A chart package's vendored sub-charts, and what was left unread. */
export interface SubchartContent {
  subcharts: Subchart[];
  skipped: string[];
}

/** A Zarf package's definition as read from the registry. */
export interface ZarfDefinitionContent {
  /** The zarf.yaml as JSON (current Zarf's config blob, or older Zarf's zarf.yaml layer). */
  definition: string;
  /** sha256 (hex) of the manifest (or index) the definition was read through. */
  packageDigest: string;
  bytesFetched: number;
}

/**
 * One registry protocol. A provider knows nothing of GraphQL or the database: it validates a
 * registry, lists what it holds and looks up a single name+version.
 */
export interface RegistryProvider {
  readonly kind: RegistryKind;
  /** OCI: the provider types this provider can list (e.g. HELM and ZARF). */
  readonly supportedOciProviderTypes?: readonly OciProviderType[];
  /** Checks that the endpoint answers and the credentials are accepted; throws a RegistryError. */
  validate(target: RegistryTarget, signal?: AbortSignal): Promise<void>;
  /** Lists every chart and version; throws a RegistryError on any failure. */
  list(target: RegistryTarget, options?: ListOptions): Promise<Listing>;
  /** A targeted check of one name+version, without a full scan where the protocol allows. */
  lookup(
    target: RegistryTarget,
    chart: string,
    version: string,
    signal?: AbortSignal,
  ): Promise<LookupResult>;
  /**
   * Fetches one version's package and reads its values, README and schema; throws a
   * RegistryError (NOT_FOUND when the package is gone, PARSE when it is not a valid package).
   */
  content?(
    target: RegistryTarget,
    ref: VersionContentRef,
    signal?: AbortSignal,
    options?: ContentOptions,
  ): Promise<VersionContent>;
  /**
   * Zarf: one package version's definition (its zarf.yaml, as JSON text); throws a RegistryError
   * (NOT_FOUND when the package is gone, PARSE when it is not a Zarf package).
   */
  zarfDefinition?(
    target: RegistryTarget,
    ref: VersionContentRef,
    signal?: AbortSignal,
  ): Promise<ZarfDefinitionContent>;
  /**
   * Helm: the version's provenance file (`<package URL>.prov`) as text, null when there is none
   * (404); throws a RegistryError when it cannot be read.
   */
  provenance?(
    target: RegistryTarget,
    ref: VersionContentRef,
    signal?: AbortSignal,
  ): Promise<string | null>;
}
