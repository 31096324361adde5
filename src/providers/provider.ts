import { type RegistryError } from "./errors";

/** The protocols the gateway speaks. */
export type RegistryKind = "HELM" | "OCI" | "PACK";

export type AuthType = "NONE" | "BASIC" | "TOKEN";

/**
 * Everything a provider needs to reach one registry. Built from the stored registry (or from a
 * validation input); the secret is plaintext here and must never be logged or put in an error.
 */
export interface RegistryTarget {
  kind: RegistryKind;
  /** Absolute URL of the registry, without a trailing slash. */
  endpoint: string;
  auth: { type: AuthType; username?: string | null; secret?: string | null };
  tls: { caCertificate?: string | null; insecureSkipVerify: boolean };
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
}

/** One chart and every version the listing holds for it. */
export interface ChartRecord {
  name: string;
  versions: ChartVersionRecord[];
}

/** Something the listing skipped or found odd; recorded on the sync run. */
export interface ListingWarning {
  code: string;
  message: string;
  chart?: string;
  version?: string;
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
}

/** The registry says nothing changed since `previous` (304, or an identical body digest). */
export interface UnchangedListing {
  unchanged: true;
  bytesFetched: number;
  validators: ListingValidators;
}

/** A complete listing. Partial listings are never returned: a failure throws a RegistryError. */
export interface CompleteListing {
  unchanged: false;
  charts: ChartRecord[];
  warnings: ListingWarning[];
  bytesFetched: number;
  validators: ListingValidators;
}

export type Listing = UnchangedListing | CompleteListing;

export type LookupStatus = "VERIFIED" | "NOT_FOUND" | "UNVERIFIABLE";

export interface LookupResult {
  status: LookupStatus;
  /** A sentence for a person: what was checked and what was found. */
  message: string;
  /** The version's record when the registry served it. */
  record?: ChartVersionRecord;
  error?: RegistryError;
}

/**
 * One registry protocol. A provider knows nothing of GraphQL or the database: it validates a
 * registry, lists what it holds and looks up a single name+version.
 */
export interface RegistryProvider {
  readonly kind: RegistryKind;
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
}
