/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A Helm chart repository to add (or to validate without saving). */
export type AddHelmRegistryInput = {
  /** Credentials. Default: none. */
  auth?: RegistryAuthInput | null | undefined;
  /** Repository URL (http or https); index.yaml is read from it. */
  endpoint: string;
  /** Unique name within the scope (and tenant). */
  name: string;
  /** The registry sits in a network the gateway must not scan: never synchronized. Default false. */
  protected?: boolean | null | undefined;
  /** Owner scope. Default TENANT; SYSTEM needs a system admin. */
  scope?: RegistryScope | null | undefined;
  /** Synchronize on the schedule. Default: true, or false when protected. */
  syncEnabled?: boolean | null | undefined;
  /** TLS settings. */
  tls?: RegistryTlsInput | null | undefined;
};

/** An OCI registry to add (or to validate without saving). */
export type AddOciRegistryInput = {
  /** BASIC: credentials (NONE or BASIC; default NONE). */
  auth?: RegistryAuthInput | null | undefined;
  /** BASIC (default) or ECR. */
  authKind?: OciAuthKind | null | undefined;
  /** Namespaces to catalogue (e.g. `production`). Required when synchronization is on; several are allowed. */
  baseContentPaths?: Array<string> | null | undefined;
  /** ECR: AWS credentials (default: anonymous). */
  ecr?: EcrAuthInput | null | undefined;
  /** Registry host, with or without scheme: `registry.example.com`, `https://registry.example.com:5000`, or an ECR host such as `123456789012.dkr.ecr.us-east-1.amazonaws.com`. Without a scheme, https. */
  endpoint: string;
  /** Unique name within the scope (and tenant). */
  name: string;
  /** Never synchronized; clients type names and versions (HELM and ZARF only). Default false. */
  protected?: boolean | null | undefined;
  /** What the registry holds. Default HELM. */
  providerType?: OciProviderType | null | undefined;
  /** Repositories to catalogue by name (e.g. `production/nginx`), for registries that refuse to list their catalog; each must lie under a base content path. */
  repositories?: Array<string> | null | undefined;
  /** Owner scope. Default TENANT; SYSTEM needs a system admin. */
  scope?: RegistryScope | null | undefined;
  /** Synchronize on the schedule. Default true; PACK registries must be synchronized; ZARF registries never are on the schedule (default false, true is refused). */
  syncEnabled?: boolean | null | undefined;
  /** TLS settings. */
  tls?: RegistryTlsInput | null | undefined;
};

/** A legacy Palette pack registry to add (or to validate without saving). Pack registries are always synchronized; they take basic authentication or none. */
export type AddPackRegistryInput = {
  /** Credentials: NONE or BASIC. Default: none. */
  auth?: RegistryAuthInput | null | undefined;
  /** The registry's https URL: host and optional port (e.g. https://registry.example.com); a trailing /v1 is dropped. */
  endpoint: string;
  /** Unique name within the scope (and tenant). */
  name: string;
  /** Owner scope. Default TENANT; SYSTEM needs a system admin. */
  scope?: RegistryScope | null | undefined;
  /** TLS settings. */
  tls?: RegistryTlsInput | null | undefined;
};

/** Public keys to add to a trust policy. */
export type AddTrustedKeysInput = {
  /** A name for the key(s), shown in lists and as the signer of cosign signatures. */
  name?: string | null | undefined;
  /** OPENPGP: an ASCII-armored public keyring (`gpg --export --armor`; each key in it is added). COSIGN: a PEM public key (`cosign.pub`), ECDSA P-256 or Ed25519. Private keys are refused. At most 262144 characters. */
  publicKey: string;
  /** TENANT (the default): the caller's tenant's policy (tenant admins); SYSTEM: the policy every tenant trusts (system admins). */
  scope?: RegistryScope | null | undefined;
  /** What `publicKey` holds. */
  type: TrustedKeyType;
};

/** One layer of an air-gap bundle: a chart of a registry at a version. */
export type AirGapLayerInput = {
  /** The chart's name. */
  chart: string;
  /** The namespace the Zarf component deploys the chart to; the chart's name when null. */
  namespace?: string | null | undefined;
  /** The registry (global id). */
  registryId: string | number;
  /** The version, or a range (`7.4.x`, `>=31 <32`) or floating tag resolved as in `resolveChartVersion`. */
  version: string;
};

/** How the gateway authenticates to a registry. */
export type AuthType =
  /** HTTP basic authentication with a username and password. */
  | 'BASIC'
  /** AWS credentials for an ECR registry (access keys or a role; see `OciRegistry.ecr`). Set through `ecr` inputs, not `auth`. */
  | 'ECR'
  /** No credentials. */
  | 'NONE'
  /** A bearer token. */
  | 'TOKEN';

/** The kind of a changelog entry (`artifacthub.io/changes`). */
export type ChangelogKind =
  /** Something new. */
  | 'ADDED'
  /** A change to something that existed. */
  | 'CHANGED'
  /** Something that will go away. */
  | 'DEPRECATED'
  /** A bug fix. */
  | 'FIXED'
  /** Something that went away. */
  | 'REMOVED'
  /** A security fix. */
  | 'SECURITY';

/** What a chart of the catalog is. */
export type ChartKind =
  /** A Helm chart (from a Helm repository or an OCI registry). */
  | 'HELM_CHART'
  /** A Palette pack (from an OCI PACK registry or a legacy pack registry). */
  | 'PACK'
  /** A Zarf package (from an OCI ZARF registry). */
  | 'ZARF_PACKAGE';

/** The answer of a targeted check of one chart name and version. */
export type ChartReferenceStatus =
  /** The registry lists this chart version but gives no URL to download it (Helm refuses it: "has no downloadable URLs"). */
  | 'NOT_DOWNLOADABLE'
  /** The registry answered and does not host this chart version. */
  | 'NOT_FOUND'
  /** The registry could not be asked (unreachable, refused credentials, …). */
  | 'UNVERIFIABLE'
  /** The registry hosts this chart version. */
  | 'VERIFIED';

/** Which way a comparison of two versions goes, in the catalog's version order. */
export type CompareDirection =
  /** `to` is lower than `from`: the changelog lists what is undone. */
  | 'DOWNGRADE'
  /** `from` and `to` are the same version. */
  | 'SAME'
  /** `to` is higher than `from`. */
  | 'UPGRADE';

/** Which version of a comparison something belongs to. */
export type CompareSide =
  /** The version compared from. */
  | 'FROM'
  /** The version compared to. */
  | 'TO';

/** How a profile breaks a pack's constraint. */
export type ConstraintViolationKind =
  /** A required pack is not in the profile. */
  | 'MISSING_REQUIRED'
  /** The profile holds a combination the pack does not support. */
  | 'NOT_SUPPORTED'
  /** The other pack's version is above the maximum. */
  | 'VERSION_TOO_HIGH'
  /** The other pack's version is below the minimum. */
  | 'VERSION_TOO_LOW';

/** How a dependency differs between two versions. */
export type DependencyChangeKind =
  /** Only the `to` version declares it. */
  | 'ADDED'
  /** Both declare it, with another version range, repository or condition. */
  | 'CHANGED'
  /** Only the `from` version declares it. */
  | 'REMOVED';

/** AWS credentials of an ECR registry: an access key, or a role to assume (with its external id). None: anonymous access. Secrets are write-only. */
export type EcrAuthInput = {
  /** AWS access key id. */
  accessKeyId?: string | null | undefined;
  /** External id the role's trust policy requires. On update, leave it out to keep it. */
  externalId?: string | null | undefined;
  /** AWS region; default: the one in a `*.dkr.ecr.<region>.amazonaws.com` endpoint. */
  region?: string | null | undefined;
  /** IAM role ARN to assume with STS. */
  roleArn?: string | null | undefined;
  /** AWS secret access key. On update, leave it out to keep the stored one. */
  secretAccessKey?: string | null | undefined;
};

/** Where an image of a version was found. */
export type ImageSource =
  /** The `artifacthub.io/images` annotation. */
  | 'ARTIFACTHUB_IMAGES_ANNOTATION'
  /** The `helm.sh/images` annotation (HIP-0015). */
  | 'HELM_IMAGES_ANNOTATION'
  /** Inferred from the `image` / `repository` / `registry` / `tag` / `digest` shapes of the default values: a guess, not a declaration. */
  | 'VALUES_INFERRED'
  /** The Zarf package's own image list (`components[].images` and `components[].imageTars[].images` of its zarf.yaml), recorded when the package is catalogued. */
  | 'ZARF_PACKAGE';

/** How the gateway authenticates to an OCI registry. */
export type OciAuthKind =
  /** Any OCI registry: anonymous, or a username and password, used directly or to obtain bearer tokens (the registry token flow). */
  | 'BASIC'
  /** Amazon ECR: a 12-hour token from ECR GetAuthorizationToken with access keys or an assumed role; anonymous when no AWS credentials are given. */
  | 'ECR';

/** What an OCI registry holds. */
export type OciProviderType =
  /** Helm charts pushed as OCI artifacts (Helm 3.8 or later). */
  | 'HELM'
  /** Palette packs under `<base>/spectro-packs/archive/<name>` (not yet supported). */
  | 'PACK'
  /** Zarf packages; synchronized only on request, never on the schedule. */
  | 'ZARF';

/** A field of a pack dependency (pack.json `constraints.dependencies[]`). */
export type PackDependencyField =
  /** `layer`: the layer of the other pack. */
  | 'LAYER'
  /** `maxVersion`: the highest acceptable version. */
  | 'MAX_VERSION'
  /** `minVersion`: the lowest acceptable version. */
  | 'MIN_VERSION'
  /** `type`: required, optional, notSupported or upgrade. */
  | 'TYPE';

/** How a pack's dependency constrains a profile (pack.json `constraints.dependencies[].type`). */
export type PackDependencyType =
  /** The other pack within the bounds must not be in the profile. */
  | 'NOT_SUPPORTED'
  /** When the other pack is in the profile, it must be within the bounds. */
  | 'OPTIONAL'
  /** The other pack must be in the profile, within the version bounds. */
  | 'REQUIRED'
  /** Applies to upgrades only; not checked on a profile. */
  | 'UPGRADE';

/** The layer of a cluster profile a pack fills, bottom to top. */
export type PackLayer =
  /** An add-on (logging, monitoring, ingress, …). */
  | 'ADDON'
  /** Container network interface. */
  | 'CNI'
  /** Container storage interface. */
  | 'CSI'
  /** Kubernetes distribution. */
  | 'K8S'
  /** Operating-system kernel. */
  | 'KERNEL'
  /** Operating system. */
  | 'OS';

/** How a pack's resource need (pack.json `constraints.resources[]`) differs. */
export type PackResourceChangeKind =
  /** Only `to` states a need of this type. */
  | 'ADDED'
  /** The same `minLimit`, other components (request or replica paths, scheduling). */
  | 'COMPONENTS_CHANGED'
  /** `to` needs less (a lower `minLimit`). */
  | 'LOWERED'
  /** `to` needs more (a higher `minLimit`). */
  | 'RAISED'
  /** Only `from` states a need of this type. */
  | 'REMOVED';

/** One layer of a cluster profile: a chart or pack of a registry. */
export type ProfileLayerInput = {
  /** Chart or pack name. */
  name: string;
  /** Registry id. */
  registryId: string | number;
  /** Version: exact, a parent tag (`1.2.x`, `lts__1.2.x`) or a semver range. */
  version: string;
};

/** Credentials for a registry. Secrets are write-only: no query ever returns them. */
export type RegistryAuthInput = {
  /** Password (BASIC). On update, leave it out to keep the stored one. */
  password?: string | null | undefined;
  /** Bearer token (TOKEN). On update, leave it out to keep the stored one. */
  token?: string | null | undefined;
  /** Authentication type. */
  type: AuthType;
  /** Username (BASIC). */
  username?: string | null | undefined;
};

/** Why talking to a registry failed, or why a sync run failed (the STORE_ codes: the gateway's own database, not the registry). */
export type RegistryErrorCode =
  /** The endpoint, a redirect or what its host name resolves to is a loopback, link-local (cloud metadata), private or otherwise non-public address not allowed by REGISTRY_NETWORK_ALLOWLIST; nothing was sent there. */
  | 'ADDRESS_NOT_ALLOWED'
  /** The registry refused the credentials (401). */
  | 'AUTH_FAILED'
  /** The operation was cancelled. */
  | 'CANCELLED'
  /** The credentials may not read this (403). */
  | 'FORBIDDEN'
  /** An unexpected failure inside the gateway. */
  | 'INTERNAL'
  /** The registry's settings cannot be used as given. */
  | 'INVALID_CONFIGURATION'
  /** The index or repository does not exist (404). */
  | 'NOT_FOUND'
  /** The registry's answer could not be read (malformed, truncated, hostile). */
  | 'PARSE'
  /** The registry broke the protocol (redirect loop, unsupported redirect, …). */
  | 'PROTOCOL'
  /** The registry asked us to slow down (429). */
  | 'RATE_LIMITED'
  /** The registry failed (5xx). */
  | 'SERVER_ERROR'
  /** The gateway's database was locked by another process for too long; nothing was written. Not the registry's fault. */
  | 'STORE_BUSY'
  /** The gateway's database is full (disk space or size limit); nothing was written. Not the registry's fault. */
  | 'STORE_FULL'
  /** The gateway's database could not be read or reached; nothing was written. Not the registry's fault. */
  | 'STORE_UNAVAILABLE'
  /** The registry took longer than the configured timeout. */
  | 'TIMEOUT'
  /** The registry's certificate could not be verified. */
  | 'TLS'
  /** The answer exceeds the configured size limit. */
  | 'TOO_LARGE'
  /** The registry could not be reached, or the connection broke. */
  | 'UNREACHABLE';

/** The protocol a registry speaks. */
export type RegistryKind =
  /** An HTTP chart repository serving index.yaml. */
  | 'HELM'
  /** An OCI distribution registry holding Helm charts, packs or Zarf packages. */
  | 'OCI'
  /** A legacy Palette pack registry (spectro-registry); see the README for the protocol the gateway assumes. */
  | 'PACK';

/** Who owns a registry and who sees it. */
export type RegistryScope =
  /** Owned by the system, visible to every tenant, changed only by a system admin. */
  | 'SYSTEM'
  /** Owned by one tenant, visible to that tenant's users only. */
  | 'TENANT';

/** A registry's synchronization state: its latest run's status, or why there is none. */
export type RegistrySyncStatus =
  /** The latest run was cancelled. */
  | 'CANCELLED'
  /** The latest run failed. */
  | 'FAILED'
  /** The latest run was interrupted. */
  | 'INTERRUPTED'
  /** No sync run yet. */
  | 'NEVER_SYNCED'
  /** A protected registry: it is never synchronized. */
  | 'NOT_APPLICABLE'
  /** The latest run is waiting. */
  | 'QUEUED'
  /** The latest run is in progress. */
  | 'RUNNING'
  /** The latest run succeeded. */
  | 'SUCCEEDED';

/** TLS settings for a registry. */
export type RegistryTlsInput = {
  /** PEM CA certificate chain (server, intermediate, root) to trust for this registry. Empty string removes it. */
  caCertificate?: string | null | undefined;
  /** Skip certificate verification. Wins over `caCertificate` when both are set. */
  insecureSkipVerify?: boolean | null | undefined;
};

/** One kind of change between two values schemas. */
export type SchemaChangeKind =
  /** A restricting keyword (pattern, minimum, maxLength, additionalProperties, oneOf…) was added or changed (breaking), or removed (harmless). */
  | 'CONSTRAINT_CHANGED'
  /** Another keyword (default, description, title, examples…) changed (harmless). */
  | 'DEFINITION_CHANGED'
  /** An enum gained values only, or disappeared (harmless). */
  | 'ENUM_GROWN'
  /** An enum lost values, or appeared (breaking). */
  | 'ENUM_SHRUNK'
  /** A property is new (harmless unless also REQUIRED_ADDED). */
  | 'PROPERTY_ADDED'
  /** A property is gone (breaking). */
  | 'PROPERTY_REMOVED'
  /** A property was made required (breaking). */
  | 'REQUIRED_ADDED'
  /** A property is no longer required (harmless). */
  | 'REQUIRED_REMOVED'
  /** The newer side has a schema, the older none (breaking). */
  | 'SCHEMA_ADDED'
  /** The newer side has no schema any more (harmless). */
  | 'SCHEMA_REMOVED'
  /** A type accepts less than before (breaking). */
  | 'TYPE_NARROWED'
  /** A type accepts more than before (harmless). */
  | 'TYPE_WIDENED';

/** How a version is signed. */
export type SignatureMethod =
  /** A cosign signature of the OCI artifact, found through the OCI 1.1 referrers API or the `sha256-<digest>.sig` tag. */
  | 'COSIGN'
  /** A Helm provenance file beside the package (`<package URL>.prov`), OpenPGP clear-signed. */
  | 'HELM_PROVENANCE';

/** The step a sync run is in. */
export type SyncPhase =
  /** Writing the differences to the catalog. */
  | 'APPLYING'
  /** Connecting to the registry. */
  | 'CONNECTING'
  /** Finished (see the run's status). */
  | 'DONE'
  /** Downloading the listing. */
  | 'FETCHING'
  /** Reading the listing. */
  | 'PARSING'
  /** Waiting to start. */
  | 'QUEUED';

/** Where a sync run stands. */
export type SyncRunStatus =
  /** Cancelled by a user; the catalog was left as it was. */
  | 'CANCELLED'
  /** Stopped by an error; the catalog was left as it was. */
  | 'FAILED'
  /** Cut short by a shutdown, a crash or a forced sync; the catalog was left as it was. */
  | 'INTERRUPTED'
  /** Waiting for a free slot. */
  | 'QUEUED'
  /** In progress. */
  | 'RUNNING'
  /** Finished; the catalog reflects the registry (or it was unchanged). */
  | 'SUCCEEDED';

/** What started a sync run. */
export type SyncTrigger =
  /** A user asked for it. */
  | 'MANUAL'
  /** Re-queued at start-up after an interrupted run. */
  | 'RECOVERY'
  /** The periodic schedule. */
  | 'SCHEDULE';

/** The kind of a key in a trust policy. */
export type TrustedKeyType =
  /** A cosign public key (PEM, ECDSA P-256 or Ed25519): checks cosign signatures. */
  | 'COSIGN'
  /** An OpenPGP public key (from an armored keyring): checks Helm provenance files. */
  | 'OPENPGP';

/** Changes to a Helm chart repository; fields left out keep their value. */
export type UpdateHelmRegistryInput = {
  /** New credentials (a missing secret keeps the stored one). */
  auth?: RegistryAuthInput | null | undefined;
  /** New repository URL. */
  endpoint?: string | null | undefined;
  /** New name. */
  name?: string | null | undefined;
  /** New protected flag. */
  protected?: boolean | null | undefined;
  /** New schedule flag. */
  syncEnabled?: boolean | null | undefined;
  /** New TLS settings. */
  tls?: RegistryTlsInput | null | undefined;
};

/** Changes to an OCI registry; fields left out keep their value. The provider type cannot change. */
export type UpdateOciRegistryInput = {
  /** New BASIC credentials (a missing secret keeps the stored one). */
  auth?: RegistryAuthInput | null | undefined;
  /** New authentication kind. */
  authKind?: OciAuthKind | null | undefined;
  /** New base content paths. */
  baseContentPaths?: Array<string> | null | undefined;
  /** New AWS credentials (missing secrets keep the stored ones). */
  ecr?: EcrAuthInput | null | undefined;
  /** New registry host. */
  endpoint?: string | null | undefined;
  /** New name. */
  name?: string | null | undefined;
  /** New protected flag. */
  protected?: boolean | null | undefined;
  /** New explicit repositories (an empty list: list the catalog). */
  repositories?: Array<string> | null | undefined;
  /** New schedule flag. */
  syncEnabled?: boolean | null | undefined;
  /** New TLS settings. */
  tls?: RegistryTlsInput | null | undefined;
};

/** What a signature check of a version found, judged by the viewer's trust policy (its tenant's keys and the system's). */
export type VerificationStatus =
  /** A signature that does not match: it names another digest or chart, or a trusted key's signature fails. */
  | 'INVALID'
  /** Could not be checked; `message` says why (no digest, the signature could not be read, not read yet). */
  | 'UNKNOWN'
  /** No signature was found. */
  | 'UNSIGNED'
  /** Signed, by a key the trust policy does not hold. */
  | 'UNTRUSTED'
  /** A key of the trust policy signed exactly this digest. */
  | 'VERIFIED';

export type VersionFieldsFragment = { id: string, version: string, semver: boolean, prerelease: boolean, appVersion: string | null, description: string | null, created: string | null, digest: string | null, urls: Array<string>, kubeVersion: string | null, apiVersion: string | null, type: string | null, deprecated: boolean, keywords: Array<string>, home: string | null, sources: Array<string>, maintainers: Array<{ name: string, email: string | null, url: string | null }>, dependencies: Array<{ name: string, version: string | null, repository: string | null, condition: string | null, alias: string | null, tags: Array<string> }>, annotations: Array<{ key: string, value: string }> };

export type ChartsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
  includeDeprecated?: boolean | null | undefined;
}>;


export type ChartsQuery = { registry:
    | { id: string, lastSyncedAt: string | null, charts: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, description: string | null, deprecated: boolean, versionCount: number, keywords: Array<string> } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } }
    | { id: string, lastSyncedAt: string | null, charts: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, description: string | null, deprecated: boolean, versionCount: number, keywords: Array<string> } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } }
    | { id: string, lastSyncedAt: string | null, charts: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, description: string | null, deprecated: boolean, versionCount: number, keywords: Array<string> } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } }
   | null };

export type ChartPageQueryVariables = Exact<{
  id: string | number;
  first: number;
  versions: number;
}>;


export type ChartPageQuery = { registry:
    | { charts: { edges: Array<{ node: { name: string, latestVersion: { version: string, appVersion: string | null } | null, versions: { edges: Array<{ node: { version: string, appVersion: string | null, created: string | null, digest: string | null } }> } } }> } }
    | { charts: { edges: Array<{ node: { name: string, latestVersion: { version: string, appVersion: string | null } | null, versions: { edges: Array<{ node: { version: string, appVersion: string | null, created: string | null, digest: string | null } }> } } }> } }
    | { charts: { edges: Array<{ node: { name: string, latestVersion: { version: string, appVersion: string | null } | null, versions: { edges: Array<{ node: { version: string, appVersion: string | null, created: string | null, digest: string | null } }> } } }> } }
   | null };

export type ChartQueryVariables = Exact<{
  id: string | number;
  name: string;
  range?: string | null | undefined;
  includePrerelease?: boolean | null | undefined;
  includeDeprecated?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ChartQuery = { registry:
    | { chart: { id: string, name: string, description: string | null, icon: string | null, home: string | null, keywords: Array<string>, deprecated: boolean, versionCount: number, latestVersion: { id: string, version: string, semver: boolean, prerelease: boolean, appVersion: string | null, description: string | null, created: string | null, digest: string | null, urls: Array<string>, kubeVersion: string | null, apiVersion: string | null, type: string | null, deprecated: boolean, keywords: Array<string>, home: string | null, sources: Array<string>, maintainers: Array<{ name: string, email: string | null, url: string | null }>, dependencies: Array<{ name: string, version: string | null, repository: string | null, condition: string | null, alias: string | null, tags: Array<string> }>, annotations: Array<{ key: string, value: string }> } | null, versions: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, version: string, semver: boolean, prerelease: boolean, appVersion: string | null, description: string | null, created: string | null, digest: string | null, urls: Array<string>, kubeVersion: string | null, apiVersion: string | null, type: string | null, deprecated: boolean, keywords: Array<string>, home: string | null, sources: Array<string>, maintainers: Array<{ name: string, email: string | null, url: string | null }>, dependencies: Array<{ name: string, version: string | null, repository: string | null, condition: string | null, alias: string | null, tags: Array<string> }>, annotations: Array<{ key: string, value: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null }
    | { chart: { id: string, name: string, description: string | null, icon: string | null, home: string | null, keywords: Array<string>, deprecated: boolean, versionCount: number, latestVersion: { id: string, version: string, semver: boolean, prerelease: boolean, appVersion: string | null, description: string | null, created: string | null, digest: string | null, urls: Array<string>, kubeVersion: string | null, apiVersion: string | null, type: string | null, deprecated: boolean, keywords: Array<string>, home: string | null, sources: Array<string>, maintainers: Array<{ name: string, email: string | null, url: string | null }>, dependencies: Array<{ name: string, version: string | null, repository: string | null, condition: string | null, alias: string | null, tags: Array<string> }>, annotations: Array<{ key: string, value: string }> } | null, versions: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, version: string, semver: boolean, prerelease: boolean, appVersion: string | null, description: string | null, created: string | null, digest: string | null, urls: Array<string>, kubeVersion: string | null, apiVersion: string | null, type: string | null, deprecated: boolean, keywords: Array<string>, home: string | null, sources: Array<string>, maintainers: Array<{ name: string, email: string | null, url: string | null }>, dependencies: Array<{ name: string, version: string | null, repository: string | null, condition: string | null, alias: string | null, tags: Array<string> }>, annotations: Array<{ key: string, value: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null }
    | { chart: { id: string, name: string, description: string | null, icon: string | null, home: string | null, keywords: Array<string>, deprecated: boolean, versionCount: number, latestVersion: { id: string, version: string, semver: boolean, prerelease: boolean, appVersion: string | null, description: string | null, created: string | null, digest: string | null, urls: Array<string>, kubeVersion: string | null, apiVersion: string | null, type: string | null, deprecated: boolean, keywords: Array<string>, home: string | null, sources: Array<string>, maintainers: Array<{ name: string, email: string | null, url: string | null }>, dependencies: Array<{ name: string, version: string | null, repository: string | null, condition: string | null, alias: string | null, tags: Array<string> }>, annotations: Array<{ key: string, value: string }> } | null, versions: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, version: string, semver: boolean, prerelease: boolean, appVersion: string | null, description: string | null, created: string | null, digest: string | null, urls: Array<string>, kubeVersion: string | null, apiVersion: string | null, type: string | null, deprecated: boolean, keywords: Array<string>, home: string | null, sources: Array<string>, maintainers: Array<{ name: string, email: string | null, url: string | null }>, dependencies: Array<{ name: string, version: string | null, repository: string | null, condition: string | null, alias: string | null, tags: Array<string> }>, annotations: Array<{ key: string, value: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null }
   | null };

export type ResolveChartVersionQueryVariables = Exact<{
  registryId: string | number;
  chart: string;
  version: string;
  includePrerelease?: boolean | null | undefined;
}>;


export type ResolveChartVersionQuery = { resolveChartVersion: { version: string, prerelease: boolean } | null };

export type CheckChartReferenceQueryVariables = Exact<{
  registryId: string | number;
  chart: string;
  version: string;
}>;


export type CheckChartReferenceQuery = { checkChartReference: { status: ChartReferenceStatus, message: string, chart: string, version: string, errorCode: RegistryErrorCode | null } };

export type ImageFieldsFragment = { reference: string, registry: string, repository: string, tag: string | null, digest: string | null, name: string | null, source: ImageSource, components: Array<string>, inferred: boolean };

export type SchemaChangeFieldsFragment = { kind: SchemaChangeKind, path: string, breaking: boolean, from: string | null, to: string | null };

export type CompareVersionsQueryVariables = Exact<{
  registryId: string | number;
  chart: string;
  from: string;
  to: string;
  includePrerelease?: boolean | null | undefined;
}>;


export type CompareVersionsQuery = { compareChartVersions: { direction: CompareDirection, from: { version: string }, to: { version: string }, values: { fromLeaves: number, toLeaves: number, error: string | null, added: Array<{ path: string, from: string | null, to: string | null }>, removed: Array<{ path: string, from: string | null, to: string | null }>, changed: Array<{ path: string, from: string | null, to: string | null }> }, schema: { fromPresent: boolean, toPresent: boolean, error: string | null, breaking: Array<{ kind: SchemaChangeKind, path: string, breaking: boolean, from: string | null, to: string | null }>, harmless: Array<{ kind: SchemaChangeKind, path: string, breaking: boolean, from: string | null, to: string | null }>, entryErrors: Array<{ side: CompareSide, path: string, message: string }> }, dependencies: Array<{ name: string, kind: DependencyChangeKind, fromVersion: string | null, toVersion: string | null, fromRepository: string | null, toRepository: string | null }>, appVersion: { from: string | null, to: string | null, changed: boolean }, kubeVersion: { from: string | null, to: string | null, changed: boolean }, deprecated: { from: boolean, to: boolean, changed: boolean }, changelog: Array<{ version: string, error: string | null, entries: Array<{ kind: ChangelogKind | null, description: string, links: Array<{ name: string | null, url: string }> }> }>, images: { added: Array<{ reference: string, registry: string, repository: string, tag: string | null, digest: string | null, name: string | null, source: ImageSource, components: Array<string>, inferred: boolean }>, removed: Array<{ reference: string, registry: string, repository: string, tag: string | null, digest: string | null, name: string | null, source: ImageSource, components: Array<string>, inferred: boolean }> }, constraints: { dependencies: Array<{ packName: string, kind: DependencyChangeKind, changedFields: Array<PackDependencyField>, breaking: boolean, from: { packName: string, layer: PackLayer | null, minVersion: string | null, maxVersion: string | null, type: PackDependencyType } | null, to: { packName: string, layer: PackLayer | null, minVersion: string | null, maxVersion: string | null, type: PackDependencyType } | null }>, resources: Array<{ type: string, kind: PackResourceChangeKind, fromMinLimit: number | null, toMinLimit: number | null, componentsChanged: boolean, breaking: boolean }> } | null } };

export type PackDependencyFieldsFragment = { packName: string, layer: PackLayer | null, minVersion: string | null, maxVersion: string | null, type: PackDependencyType };

export type VersionImagesQueryVariables = Exact<{
  id: string | number;
  name: string;
  range?: string | null | undefined;
  inferred?: boolean | null | undefined;
}>;


export type VersionImagesQuery = { registry:
    | { chart: { versions: { edges: Array<{ node: { version: string, images: Array<{ reference: string, registry: string, repository: string, tag: string | null, digest: string | null, name: string | null, source: ImageSource, components: Array<string>, inferred: boolean }> } }> } } | null }
    | { chart: { versions: { edges: Array<{ node: { version: string, images: Array<{ reference: string, registry: string, repository: string, tag: string | null, digest: string | null, name: string | null, source: ImageSource, components: Array<string>, inferred: boolean }> } }> } } | null }
    | { chart: { versions: { edges: Array<{ node: { version: string, images: Array<{ reference: string, registry: string, repository: string, tag: string | null, digest: string | null, name: string | null, source: ImageSource, components: Array<string>, inferred: boolean }> } }> } } | null }
   | null };

export type VersionsUsingImageQueryVariables = Exact<{
  repository: string;
  tag?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type VersionsUsingImageQuery = { chartVersionsUsingImage: Array<{ chartVersion: { version: string, chart: { name: string, registry:
          | { id: string }
          | { id: string }
          | { id: string }
         } }, images: Array<{ reference: string, registry: string, repository: string, tag: string | null, digest: string | null, name: string | null, source: ImageSource, components: Array<string>, inferred: boolean }> }> };

export type AirGapBundleQueryVariables = Exact<{
  layers: Array<AirGapLayerInput> | AirGapLayerInput;
  name?: string | null | undefined;
}>;


export type AirGapBundleQuery = { airGapBundle: { hauler: string, zarf: string, warnings: Array<string>, layers: Array<{ index: number, chart: string, requested: string, chartVersion: { version: string } | null, images: Array<{ reference: string, registry: string, repository: string, tag: string | null, digest: string | null, name: string | null, source: ImageSource, components: Array<string>, inferred: boolean }>, error: { code: string, message: string, field: string | null } | null }> } };

export type ZarfChartFieldsFragment = { name: string, version: string | null, url: string | null, namespace: string | null };

export type CompareZarfQueryVariables = Exact<{
  registryId: string | number;
  chart: string;
  from: string;
  to: string;
}>;


export type CompareZarfQuery = { compareChartVersions: { direction: CompareDirection, from: { version: string }, to: { version: string }, values: { error: string | null, added: Array<{ path: string }> }, schema: { fromPresent: boolean, toPresent: boolean, error: string | null, breaking: Array<{ path: string }> }, dependencies: Array<{ name: string }>, changelog: Array<{ version: string }>, images: { added: Array<{ reference: string, components: Array<string> }>, removed: Array<{ reference: string, components: Array<string> }> }, constraints: { dependencies: Array<{ packName: string }> } | null, zarf: { breaking: boolean, version: { from: string | null, to: string | null, changed: boolean }, description: { from: string | null, to: string | null, changed: boolean }, architecture: { from: string | null, to: string | null, changed: boolean }, components: Array<{ name: string, kind: DependencyChangeKind, fromRequired: boolean | null, toRequired: boolean | null, imagesAdded: Array<string>, imagesRemoved: Array<string>, manifestsAdded: Array<string>, manifestsRemoved: Array<string>, breaking: boolean, charts: Array<{ name: string, kind: DependencyChangeKind, from: { name: string, version: string | null, url: string | null, namespace: string | null } | null, to: { name: string, version: string | null, url: string | null, namespace: string | null } | null }> }>, variables: Array<{ name: string, kind: DependencyChangeKind, fromDefault: string | null, toDefault: string | null, defaultChanged: boolean, sensitive: boolean, fromRequired: boolean | null, toRequired: boolean | null, breaking: boolean }> } | null } };

export type OciFieldsFragment = { providerType: OciProviderType, authKind: OciAuthKind, baseContentPaths: Array<string>, repositories: Array<string>, ecr: { region: string | null, accessKeyId: string | null, hasSecretAccessKey: boolean, roleArn: string | null, hasExternalId: boolean } | null };

export type AddOciRegistryMutationVariables = Exact<{
  input: AddOciRegistryInput;
}>;


export type AddOciRegistryMutation = { addOciRegistry: { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, providerType: OciProviderType, authKind: OciAuthKind, baseContentPaths: Array<string>, repositories: Array<string>, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, ecr: { region: string | null, accessKeyId: string | null, hasSecretAccessKey: boolean, roleArn: string | null, hasExternalId: boolean } | null } };

export type UpdateOciRegistryMutationVariables = Exact<{
  id: string | number;
  input: UpdateOciRegistryInput;
}>;


export type UpdateOciRegistryMutation = { updateOciRegistry: { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, providerType: OciProviderType, authKind: OciAuthKind, baseContentPaths: Array<string>, repositories: Array<string>, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, ecr: { region: string | null, accessKeyId: string | null, hasSecretAccessKey: boolean, roleArn: string | null, hasExternalId: boolean } | null } };

export type ValidateOciRegistryMutationVariables = Exact<{
  input: AddOciRegistryInput;
}>;


export type ValidateOciRegistryMutation = { validateOciRegistry: { valid: boolean, errorCode: RegistryErrorCode | null, message: string } };

export type OciVersionsQueryVariables = Exact<{
  id: string | number;
  name: string;
}>;


export type OciVersionsQuery = { registry:
    | { chart: { name: string, versionCount: number, latestVersion: { version: string } | null, versions: { edges: Array<{ node: { version: string, tag: string | null, ociReference: string | null, digest: string | null, urls: Array<string>, appVersion: string | null, description: string | null, created: string | null, annotations: Array<{ key: string, value: string }> } }> } } | null }
    | { chart: { name: string, versionCount: number, latestVersion: { version: string } | null, versions: { edges: Array<{ node: { version: string, tag: string | null, ociReference: string | null, digest: string | null, urls: Array<string>, appVersion: string | null, description: string | null, created: string | null, annotations: Array<{ key: string, value: string }> } }> } } | null }
    | { chart: { name: string, versionCount: number, latestVersion: { version: string } | null, versions: { edges: Array<{ node: { version: string, tag: string | null, ociReference: string | null, digest: string | null, urls: Array<string>, appVersion: string | null, description: string | null, created: string | null, annotations: Array<{ key: string, value: string }> } }> } } | null }
   | null };

export type VersionContentQueryVariables = Exact<{
  id: string | number;
  name: string;
  range?: string | null | undefined;
}>;


export type VersionContentQuery = { registry:
    | { chart: { versions: { edges: Array<{ node: { version: string, digest: string | null, values: string | null, readme: string | null, valuesSchema: string | null } }> } } | null }
    | { chart: { versions: { edges: Array<{ node: { version: string, digest: string | null, values: string | null, readme: string | null, valuesSchema: string | null } }> } } | null }
    | { chart: { versions: { edges: Array<{ node: { version: string, digest: string | null, values: string | null, readme: string | null, valuesSchema: string | null } }> } } | null }
   | null };

export type PackChartFieldsFragment = { name: string, kind: ChartKind, displayName: string | null, layer: PackLayer | null, addonType: string | null, cloudTypes: Array<string>, group: string | null };

export type AddPackRegistryMutationVariables = Exact<{
  input: AddPackRegistryInput;
}>;


export type AddPackRegistryMutation = { addPackRegistry: { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } } };

export type ValidatePackRegistryMutationVariables = Exact<{
  input: AddPackRegistryInput;
}>;


export type ValidatePackRegistryMutation = { validatePackRegistry: { valid: boolean, errorCode: RegistryErrorCode | null, message: string } };

export type PackChartsQueryVariables = Exact<{
  id: string | number;
  kind?: ChartKind | null | undefined;
  layer?: PackLayer | null | undefined;
  addonType?: string | null | undefined;
  cloudType?: string | null | undefined;
}>;


export type PackChartsQuery = { registry:
    | { charts: { totalCount: number, edges: Array<{ node: { name: string, kind: ChartKind, displayName: string | null, layer: PackLayer | null, addonType: string | null, cloudTypes: Array<string>, group: string | null } }> } }
    | { charts: { totalCount: number, edges: Array<{ node: { name: string, kind: ChartKind, displayName: string | null, layer: PackLayer | null, addonType: string | null, cloudTypes: Array<string>, group: string | null } }> } }
    | { charts: { totalCount: number, edges: Array<{ node: { name: string, kind: ChartKind, displayName: string | null, layer: PackLayer | null, addonType: string | null, cloudTypes: Array<string>, group: string | null } }> } }
   | null };

export type SearchPackChartsQueryVariables = Exact<{
  search?: string | null | undefined;
  kind?: ChartKind | null | undefined;
  layer?: PackLayer | null | undefined;
}>;


export type SearchPackChartsQuery = { searchCharts: { totalCount: number, edges: Array<{ node: { name: string, kind: ChartKind, displayName: string | null, layer: PackLayer | null, addonType: string | null, cloudTypes: Array<string>, group: string | null, registry:
          | { name: string }
          | { name: string }
          | { name: string }
         } }> } };

export type PackVersionsQueryVariables = Exact<{
  id: string | number;
  name: string;
}>;


export type PackVersionsQuery = { registry:
    | { chart: { name: string, kind: ChartKind, displayName: string | null, layer: PackLayer | null, addonType: string | null, cloudTypes: Array<string>, group: string | null, versions: { edges: Array<{ node: { version: string, tag: string | null, digest: string | null, parentTags: Array<string>, group: string | null, constraints: { dependencies: Array<{ packName: string, layer: PackLayer | null, minVersion: string | null, maxVersion: string | null, type: PackDependencyType }>, resources: Array<{ type: string, minLimit: number | null }> } | null } }> } } | null }
    | { chart: { name: string, kind: ChartKind, displayName: string | null, layer: PackLayer | null, addonType: string | null, cloudTypes: Array<string>, group: string | null, versions: { edges: Array<{ node: { version: string, tag: string | null, digest: string | null, parentTags: Array<string>, group: string | null, constraints: { dependencies: Array<{ packName: string, layer: PackLayer | null, minVersion: string | null, maxVersion: string | null, type: PackDependencyType }>, resources: Array<{ type: string, minLimit: number | null }> } | null } }> } } | null }
    | { chart: { name: string, kind: ChartKind, displayName: string | null, layer: PackLayer | null, addonType: string | null, cloudTypes: Array<string>, group: string | null, versions: { edges: Array<{ node: { version: string, tag: string | null, digest: string | null, parentTags: Array<string>, group: string | null, constraints: { dependencies: Array<{ packName: string, layer: PackLayer | null, minVersion: string | null, maxVersion: string | null, type: PackDependencyType }>, resources: Array<{ type: string, minLimit: number | null }> } | null } }> } } | null }
   | null };

export type PackContentQueryVariables = Exact<{
  id: string | number;
  name: string;
  version: string;
}>;


export type PackContentQuery = { resolveChartVersion: { version: string, values: string | null, readme: string | null, valuesSchema: string | null } | null };

export type ResolvePackQueryVariables = Exact<{
  id: string | number;
  name: string;
  version: string;
}>;


export type ResolvePackQuery = { resolveChartVersion: { version: string, parentTags: Array<string> } | null };

export type ValidateProfileQueryVariables = Exact<{
  layers: Array<ProfileLayerInput> | ProfileLayerInput;
}>;


export type ValidateProfileQuery = { validateProfileLayers: { valid: boolean, layers: Array<{ index: number, name: string, version: string, resolvedVersion: string | null, status: ChartReferenceStatus, message: string, layer: PackLayer | null, violations: Array<{ kind: ConstraintViolationKind, packName: string, dependencyLayer: PackLayer | null, minVersion: string | null, maxVersion: string | null, foundVersion: string | null, message: string }> }> } };

type RegistryFields_HelmRegistry_Fragment = { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } };

type RegistryFields_OciRegistry_Fragment = { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } };

type RegistryFields_PackRegistry_Fragment = { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } };

export type RegistryFieldsFragment =
  | RegistryFields_HelmRegistry_Fragment
  | RegistryFields_OciRegistry_Fragment
  | RegistryFields_PackRegistry_Fragment
;

export type AddHelmRegistryMutationVariables = Exact<{
  input: AddHelmRegistryInput;
}>;


export type AddHelmRegistryMutation = { addHelmRegistry: { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } } };

export type UpdateHelmRegistryMutationVariables = Exact<{
  id: string | number;
  input: UpdateHelmRegistryInput;
}>;


export type UpdateHelmRegistryMutation = { updateHelmRegistry: { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } } };

export type ValidateHelmRegistryMutationVariables = Exact<{
  input: AddHelmRegistryInput;
}>;


export type ValidateHelmRegistryMutation = { validateHelmRegistry: { valid: boolean, errorCode: RegistryErrorCode | null, message: string } };

export type DeleteRegistryMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteRegistryMutation = { deleteRegistry: string };

export type RegistriesQueryVariables = Exact<{
  kind?: RegistryKind | null | undefined;
  scope?: RegistryScope | null | undefined;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RegistriesQuery = { registries: { totalCount: number, edges: Array<{ cursor: string, node:
        | { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } }
        | { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } }
        | { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } }
       }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RegistryQueryVariables = Exact<{
  id: string | number;
}>;


export type RegistryQuery = { registry:
    | { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } }
    | { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } }
    | { id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, lastSyncedAt: string | null, syncStatus: RegistrySyncStatus, createdAt: string, updatedAt: string, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean } }
   | null };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'Chart', name: string, id: string }
    | { __typename: 'ChartVersion', version: string, id: string }
    | { __typename: 'HelmRegistry', name: string, id: string }
    | { __typename: 'OciRegistry', name: string, id: string }
    | { __typename: 'PackRegistry', name: string, id: string }
    | { __typename: 'SyncRun', status: SyncRunStatus, id: string }
   | null };

export type HelmIndexInfoQueryVariables = Exact<{
  id: string | number;
}>;


export type HelmIndexInfoQuery = { registry:
    | { id: string, endpoint: string, indexAnnotations: Array<{ key: string, value: string }>, serverInfo: { contextPath: string | null, entries: Array<{ key: string, value: string }> } | null }
    | { id: string, endpoint: string }
    | { id: string, endpoint: string }
   | null };

export type SearchHitFieldsFragment = { id: string, name: string, description: string | null, deprecated: boolean, keywords: Array<string>, kind: ChartKind, registry:
    | { name: string }
    | { name: string }
    | { name: string }
   };

export type SearchPageFieldsFragment = { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, description: string | null, deprecated: boolean, keywords: Array<string>, kind: ChartKind, registry:
        | { name: string }
        | { name: string }
        | { name: string }
       } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null } };

export type SearchRegistryChartsQueryVariables = Exact<{
  id: string | number;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  includeDeprecated?: boolean | null | undefined;
  kind?: ChartKind | null | undefined;
}>;


export type SearchRegistryChartsQuery = { registry:
    | { charts: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, description: string | null, deprecated: boolean, keywords: Array<string>, kind: ChartKind, registry:
              | { name: string }
              | { name: string }
              | { name: string }
             } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null } } }
    | { charts: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, description: string | null, deprecated: boolean, keywords: Array<string>, kind: ChartKind, registry:
              | { name: string }
              | { name: string }
              | { name: string }
             } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null } } }
    | { charts: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, description: string | null, deprecated: boolean, keywords: Array<string>, kind: ChartKind, registry:
              | { name: string }
              | { name: string }
              | { name: string }
             } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null } } }
   | null };

export type SearchAllChartsQueryVariables = Exact<{
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  includeDeprecated?: boolean | null | undefined;
  kind?: ChartKind | null | undefined;
}>;


export type SearchAllChartsQuery = { searchCharts: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, description: string | null, deprecated: boolean, keywords: Array<string>, kind: ChartKind, registry:
          | { name: string }
          | { name: string }
          | { name: string }
         } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null } } };

export type SyncProgressSubscriptionVariables = Exact<{
  registryId?: string | number | null | undefined;
  runId?: string | number | null | undefined;
}>;


export type SyncProgressSubscription = { syncProgress: { runId: string, registryId: string, status: SyncRunStatus, phase: SyncPhase, done: number | null, total: number | null, ratePerSecond: number | null, bytesFetched: number, message: string | null, at: string, counts: { chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number } } };

export type CatalogChangedSubscriptionVariables = Exact<{
  registryId?: string | number | null | undefined;
}>;


export type CatalogChangedSubscription = { catalogChanged: { registryId: string, runId: string, addedCount: number, removedCount: number, updatedCount: number, at: string, added: Array<{ chart: string, version: string }>, removed: Array<{ chart: string, version: string }> } };

export type RunFieldsFragment = { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, unchanged: boolean, chartsSeen: number, versionsSeen: number, chartsAdded: number, chartsRemoved: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, bytesFetched: number, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }>, error: { code: RegistryErrorCode, message: string } | null };

export type SyncRegistryMutationVariables = Exact<{
  id: string | number;
  force?: boolean | null | undefined;
}>;


export type SyncRegistryMutation = { syncRegistry: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, unchanged: boolean, chartsSeen: number, versionsSeen: number, chartsAdded: number, chartsRemoved: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, bytesFetched: number, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }>, error: { code: RegistryErrorCode, message: string } | null } };

export type CancelSyncMutationVariables = Exact<{
  runId: string | number;
}>;


export type CancelSyncMutation = { cancelSync: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, unchanged: boolean, chartsSeen: number, versionsSeen: number, chartsAdded: number, chartsRemoved: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, bytesFetched: number, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }>, error: { code: RegistryErrorCode, message: string } | null } };

export type SyncRunQueryVariables = Exact<{
  id: string | number;
}>;


export type SyncRunQuery = { syncRun: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, unchanged: boolean, chartsSeen: number, versionsSeen: number, chartsAdded: number, chartsRemoved: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, bytesFetched: number, registry:
      | { id: string, name: string }
      | { id: string, name: string }
      | { id: string, name: string }
    , warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }>, error: { code: RegistryErrorCode, message: string } | null } | null };

export type SyncRunsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
}>;


export type SyncRunsQuery = { registry:
    | { syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, lastSyncRun: { id: string, status: SyncRunStatus } | null, syncRuns: { totalCount: number, edges: Array<{ node: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, unchanged: boolean, chartsSeen: number, versionsSeen: number, chartsAdded: number, chartsRemoved: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, bytesFetched: number, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }>, error: { code: RegistryErrorCode, message: string } | null } }> } }
    | { syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, lastSyncRun: { id: string, status: SyncRunStatus } | null, syncRuns: { totalCount: number, edges: Array<{ node: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, unchanged: boolean, chartsSeen: number, versionsSeen: number, chartsAdded: number, chartsRemoved: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, bytesFetched: number, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }>, error: { code: RegistryErrorCode, message: string } | null } }> } }
    | { syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, lastSyncRun: { id: string, status: SyncRunStatus } | null, syncRuns: { totalCount: number, edges: Array<{ node: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, unchanged: boolean, chartsSeen: number, versionsSeen: number, chartsAdded: number, chartsRemoved: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, bytesFetched: number, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }>, error: { code: RegistryErrorCode, message: string } | null } }> } }
   | null };

export type TrustedKeyFieldsFragment = { id: string, scope: RegistryScope, type: TrustedKeyType, fingerprint: string, algorithm: string, userIds: Array<string>, keyIds: Array<string>, name: string | null, createdAt: string };

export type VerificationFieldsFragment = { status: VerificationStatus, method: SignatureMethod | null, signer: string | null, keyFingerprint: string | null, checkedAt: string | null, message: string | null };

export type TrustedKeysQueryVariables = Exact<{
  scope?: RegistryScope | null | undefined;
}>;


export type TrustedKeysQuery = { trustedKeys: Array<{ id: string, scope: RegistryScope, type: TrustedKeyType, fingerprint: string, algorithm: string, userIds: Array<string>, keyIds: Array<string>, name: string | null, createdAt: string }> };

export type AddTrustedKeysMutationVariables = Exact<{
  input: AddTrustedKeysInput;
}>;


export type AddTrustedKeysMutation = { addTrustedKeys: Array<{ id: string, scope: RegistryScope, type: TrustedKeyType, fingerprint: string, algorithm: string, userIds: Array<string>, keyIds: Array<string>, name: string | null, createdAt: string }> };

export type RemoveTrustedKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RemoveTrustedKeyMutation = { removeTrustedKey: { id: string, scope: RegistryScope, type: TrustedKeyType, fingerprint: string, algorithm: string, userIds: Array<string>, keyIds: Array<string>, name: string | null, createdAt: string } };

export type VersionVerificationsQueryVariables = Exact<{
  id: string | number;
  name: string;
  verified?: boolean | null | undefined;
}>;


export type VersionVerificationsQuery = { registry:
    | { id: string, chart: { name: string, versions: { totalCount: number, edges: Array<{ node: { version: string, verification: { status: VerificationStatus, method: SignatureMethod | null, signer: string | null, keyFingerprint: string | null, checkedAt: string | null, message: string | null } } }> } } | null }
    | { id: string, chart: { name: string, versions: { totalCount: number, edges: Array<{ node: { version: string, verification: { status: VerificationStatus, method: SignatureMethod | null, signer: string | null, keyFingerprint: string | null, checkedAt: string | null, message: string | null } } }> } } | null }
    | { id: string, chart: { name: string, versions: { totalCount: number, edges: Array<{ node: { version: string, verification: { status: VerificationStatus, method: SignatureMethod | null, signer: string | null, keyFingerprint: string | null, checkedAt: string | null, message: string | null } } }> } } | null }
   | null };

export type VerifiedVersionsInRangeQueryVariables = Exact<{
  id: string | number;
  name: string;
  range?: string | null | undefined;
  verified?: boolean | null | undefined;
}>;


export type VerifiedVersionsInRangeQuery = { registry:
    | { id: string, chart: { name: string, versions: { totalCount: number, edges: Array<{ node: { version: string } }> } } | null }
    | { id: string, chart: { name: string, versions: { totalCount: number, edges: Array<{ node: { version: string } }> } } | null }
    | { id: string, chart: { name: string, versions: { totalCount: number, edges: Array<{ node: { version: string } }> } } | null }
   | null };

export type VerifiedChartsQueryVariables = Exact<{
  id: string | number;
  verified?: boolean | null | undefined;
}>;


export type VerifiedChartsQuery = { registry:
    | { id: string, charts: { totalCount: number, edges: Array<{ node: { name: string } }> } }
    | { id: string, charts: { totalCount: number, edges: Array<{ node: { name: string } }> } }
    | { id: string, charts: { totalCount: number, edges: Array<{ node: { name: string } }> } }
   | null, searchCharts: { totalCount: number, edges: Array<{ node: { name: string } }> } };

export const VersionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VersionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartVersion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"semver"}},{"kind":"Field","name":{"kind":"Name","value":"prerelease"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"urls"}},{"kind":"Field","name":{"kind":"Name","value":"kubeVersion"}},{"kind":"Field","name":{"kind":"Name","value":"apiVersion"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"home"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"maintainers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dependencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"repository"}},{"kind":"Field","name":{"kind":"Name","value":"condition"}},{"kind":"Field","name":{"kind":"Name","value":"alias"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}},{"kind":"Field","name":{"kind":"Name","value":"annotations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<VersionFieldsFragment, unknown>;
export const ImageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartImage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"registry"}},{"kind":"Field","name":{"kind":"Name","value":"repository"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"components"}},{"kind":"Field","name":{"kind":"Name","value":"inferred"}}]}}]} as unknown as DocumentNode<ImageFieldsFragment, unknown>;
export const SchemaChangeFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchemaChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchemaChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]} as unknown as DocumentNode<SchemaChangeFieldsFragment, unknown>;
export const PackDependencyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PackDependencyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PackDependency"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"packName"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"minVersion"}},{"kind":"Field","name":{"kind":"Name","value":"maxVersion"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]} as unknown as DocumentNode<PackDependencyFieldsFragment, unknown>;
export const ZarfChartFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ZarfChartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ZarfChart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}}]}}]} as unknown as DocumentNode<ZarfChartFieldsFragment, unknown>;
export const OciFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OciFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OciRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providerType"}},{"kind":"Field","name":{"kind":"Name","value":"authKind"}},{"kind":"Field","name":{"kind":"Name","value":"baseContentPaths"}},{"kind":"Field","name":{"kind":"Name","value":"repositories"}},{"kind":"Field","name":{"kind":"Name","value":"ecr"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"accessKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecretAccessKey"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"hasExternalId"}}]}}]}}]} as unknown as DocumentNode<OciFieldsFragment, unknown>;
export const PackChartFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PackChartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"addonType"}},{"kind":"Field","name":{"kind":"Name","value":"cloudTypes"}},{"kind":"Field","name":{"kind":"Name","value":"group"}}]}}]} as unknown as DocumentNode<PackChartFieldsFragment, unknown>;
export const RegistryFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RegistryFieldsFragment, unknown>;
export const SearchHitFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchHitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SearchHitFieldsFragment, unknown>;
export const SearchPageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchHitFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchHitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SearchPageFieldsFragment, unknown>;
export const RunFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"chartsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"chartsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"bytesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RunFieldsFragment, unknown>;
export const TrustedKeyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrustedKeyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrustedKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}},{"kind":"Field","name":{"kind":"Name","value":"userIds"}},{"kind":"Field","name":{"kind":"Name","value":"keyIds"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<TrustedKeyFieldsFragment, unknown>;
export const VerificationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VerificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Verification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"signer"}},{"kind":"Field","name":{"kind":"Name","value":"keyFingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<VerificationFieldsFragment, unknown>;
export const ChartsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Charts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"charts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeDeprecated"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"versionCount"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ChartsQuery, ChartsQueryVariables>;
export const ChartPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChartPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"versions"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"charts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}}]}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"versions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ChartPageQuery, ChartPageQueryVariables>;
export const ChartDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Chart"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includePrerelease"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"icon"}},{"kind":"Field","name":{"kind":"Name","value":"home"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"versionCount"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VersionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"includePrerelease"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includePrerelease"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeDeprecated"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VersionFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VersionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartVersion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"semver"}},{"kind":"Field","name":{"kind":"Name","value":"prerelease"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"urls"}},{"kind":"Field","name":{"kind":"Name","value":"kubeVersion"}},{"kind":"Field","name":{"kind":"Name","value":"apiVersion"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"home"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"maintainers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dependencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"repository"}},{"kind":"Field","name":{"kind":"Name","value":"condition"}},{"kind":"Field","name":{"kind":"Name","value":"alias"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}},{"kind":"Field","name":{"kind":"Name","value":"annotations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<ChartQuery, ChartQueryVariables>;
export const ResolveChartVersionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResolveChartVersion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chart"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includePrerelease"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveChartVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"chart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chart"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"includePrerelease"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includePrerelease"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"prerelease"}}]}}]}}]} as unknown as DocumentNode<ResolveChartVersionQuery, ResolveChartVersionQueryVariables>;
export const CheckChartReferenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CheckChartReference"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chart"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkChartReference"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"chart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chart"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}}]}}]}}]} as unknown as DocumentNode<CheckChartReferenceQuery, CheckChartReferenceQueryVariables>;
export const CompareVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompareVersions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chart"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includePrerelease"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compareChartVersions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"chart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chart"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"includePrerelease"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includePrerelease"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fromLeaves"}},{"kind":"Field","name":{"kind":"Name","value":"toLeaves"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schema"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromPresent"}},{"kind":"Field","name":{"kind":"Name","value":"toPresent"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchemaChangeFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"harmless"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchemaChangeFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"entryErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dependencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"fromVersion"}},{"kind":"Field","name":{"kind":"Name","value":"toVersion"}},{"kind":"Field","name":{"kind":"Name","value":"fromRepository"}},{"kind":"Field","name":{"kind":"Name","value":"toRepository"}}]}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kubeVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changelog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"links"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImageFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImageFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"constraints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dependencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"packName"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"changedFields"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PackDependencyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PackDependencyFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"resources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"fromMinLimit"}},{"kind":"Field","name":{"kind":"Name","value":"toMinLimit"}},{"kind":"Field","name":{"kind":"Name","value":"componentsChanged"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchemaChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchemaChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartImage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"registry"}},{"kind":"Field","name":{"kind":"Name","value":"repository"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"components"}},{"kind":"Field","name":{"kind":"Name","value":"inferred"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PackDependencyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PackDependency"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"packName"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"minVersion"}},{"kind":"Field","name":{"kind":"Name","value":"maxVersion"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]} as unknown as DocumentNode<CompareVersionsQuery, CompareVersionsQueryVariables>;
export const VersionImagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VersionImages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inferred"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"inferred"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inferred"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImageFields"}}]}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartImage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"registry"}},{"kind":"Field","name":{"kind":"Name","value":"repository"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"components"}},{"kind":"Field","name":{"kind":"Name","value":"inferred"}}]}}]} as unknown as DocumentNode<VersionImagesQuery, VersionImagesQueryVariables>;
export const VersionsUsingImageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VersionsUsingImage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"repository"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tag"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chartVersionsUsingImage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"repository"},"value":{"kind":"Variable","name":{"kind":"Name","value":"repository"}}},{"kind":"Argument","name":{"kind":"Name","value":"tag"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tag"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chartVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"chart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImageFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartImage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"registry"}},{"kind":"Field","name":{"kind":"Name","value":"repository"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"components"}},{"kind":"Field","name":{"kind":"Name","value":"inferred"}}]}}]} as unknown as DocumentNode<VersionsUsingImageQuery, VersionsUsingImageQueryVariables>;
export const AirGapBundleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AirGapBundle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"layers"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AirGapLayerInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"airGapBundle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"layers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"layers"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hauler"}},{"kind":"Field","name":{"kind":"Name","value":"zarf"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"layers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"requested"}},{"kind":"Field","name":{"kind":"Name","value":"chartVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImageFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartImage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"registry"}},{"kind":"Field","name":{"kind":"Name","value":"repository"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"components"}},{"kind":"Field","name":{"kind":"Name","value":"inferred"}}]}}]} as unknown as DocumentNode<AirGapBundleQuery, AirGapBundleQueryVariables>;
export const CompareZarfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompareZarf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chart"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compareChartVersions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"chart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chart"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schema"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromPresent"}},{"kind":"Field","name":{"kind":"Name","value":"toPresent"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dependencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changelog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"components"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"components"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"constraints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dependencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"packName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"zarf"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"description"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"architecture"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"components"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"fromRequired"}},{"kind":"Field","name":{"kind":"Name","value":"toRequired"}},{"kind":"Field","name":{"kind":"Name","value":"charts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ZarfChartFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ZarfChartFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imagesAdded"}},{"kind":"Field","name":{"kind":"Name","value":"imagesRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"manifestsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"manifestsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"fromDefault"}},{"kind":"Field","name":{"kind":"Name","value":"toDefault"}},{"kind":"Field","name":{"kind":"Name","value":"defaultChanged"}},{"kind":"Field","name":{"kind":"Name","value":"sensitive"}},{"kind":"Field","name":{"kind":"Name","value":"fromRequired"}},{"kind":"Field","name":{"kind":"Name","value":"toRequired"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"}}]}},{"kind":"Field","name":{"kind":"Name","value":"breaking"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ZarfChartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ZarfChart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}}]}}]} as unknown as DocumentNode<CompareZarfQuery, CompareZarfQueryVariables>;
export const AddOciRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddOciRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddOciRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addOciRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegistryFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"OciFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OciFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OciRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providerType"}},{"kind":"Field","name":{"kind":"Name","value":"authKind"}},{"kind":"Field","name":{"kind":"Name","value":"baseContentPaths"}},{"kind":"Field","name":{"kind":"Name","value":"repositories"}},{"kind":"Field","name":{"kind":"Name","value":"ecr"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"accessKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecretAccessKey"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"hasExternalId"}}]}}]}}]} as unknown as DocumentNode<AddOciRegistryMutation, AddOciRegistryMutationVariables>;
export const UpdateOciRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateOciRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateOciRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateOciRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegistryFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"OciFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OciFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OciRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providerType"}},{"kind":"Field","name":{"kind":"Name","value":"authKind"}},{"kind":"Field","name":{"kind":"Name","value":"baseContentPaths"}},{"kind":"Field","name":{"kind":"Name","value":"repositories"}},{"kind":"Field","name":{"kind":"Name","value":"ecr"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"accessKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecretAccessKey"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"hasExternalId"}}]}}]}}]} as unknown as DocumentNode<UpdateOciRegistryMutation, UpdateOciRegistryMutationVariables>;
export const ValidateOciRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidateOciRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddOciRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateOciRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ValidateOciRegistryMutation, ValidateOciRegistryMutationVariables>;
export const OciVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OciVersions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"versionCount"}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"ociReference"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"urls"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"annotations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OciVersionsQuery, OciVersionsQueryVariables>;
export const VersionContentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VersionContent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"values"}},{"kind":"Field","name":{"kind":"Name","value":"readme"}},{"kind":"Field","name":{"kind":"Name","value":"valuesSchema"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<VersionContentQuery, VersionContentQueryVariables>;
export const AddPackRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddPackRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddPackRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addPackRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegistryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<AddPackRegistryMutation, AddPackRegistryMutationVariables>;
export const ValidatePackRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidatePackRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddPackRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validatePackRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ValidatePackRegistryMutation, ValidatePackRegistryMutationVariables>;
export const PackChartsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PackCharts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ChartKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"layer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PackLayer"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"addonType"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cloudType"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"charts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"layer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"layer"}}},{"kind":"Argument","name":{"kind":"Name","value":"addonType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"addonType"}}},{"kind":"Argument","name":{"kind":"Name","value":"cloudType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cloudType"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PackChartFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PackChartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"addonType"}},{"kind":"Field","name":{"kind":"Name","value":"cloudTypes"}},{"kind":"Field","name":{"kind":"Name","value":"group"}}]}}]} as unknown as DocumentNode<PackChartsQuery, PackChartsQueryVariables>;
export const SearchPackChartsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchPackCharts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ChartKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"layer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PackLayer"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchCharts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"layer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"layer"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PackChartFields"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PackChartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"addonType"}},{"kind":"Field","name":{"kind":"Name","value":"cloudTypes"}},{"kind":"Field","name":{"kind":"Name","value":"group"}}]}}]} as unknown as DocumentNode<SearchPackChartsQuery, SearchPackChartsQueryVariables>;
export const PackVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PackVersions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PackChartFields"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"parentTags"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"constraints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dependencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"packName"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"minVersion"}},{"kind":"Field","name":{"kind":"Name","value":"maxVersion"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"minLimit"}}]}}]}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PackChartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"addonType"}},{"kind":"Field","name":{"kind":"Name","value":"cloudTypes"}},{"kind":"Field","name":{"kind":"Name","value":"group"}}]}}]} as unknown as DocumentNode<PackVersionsQuery, PackVersionsQueryVariables>;
export const PackContentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PackContent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveChartVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"chart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"values"}},{"kind":"Field","name":{"kind":"Name","value":"readme"}},{"kind":"Field","name":{"kind":"Name","value":"valuesSchema"}}]}}]}}]} as unknown as DocumentNode<PackContentQuery, PackContentQueryVariables>;
export const ResolvePackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResolvePack"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveChartVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"chart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"parentTags"}}]}}]}}]} as unknown as DocumentNode<ResolvePackQuery, ResolvePackQueryVariables>;
export const ValidateProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ValidateProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"layers"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProfileLayerInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateProfileLayers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"layers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"layers"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"layers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"violations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"packName"}},{"kind":"Field","name":{"kind":"Name","value":"dependencyLayer"}},{"kind":"Field","name":{"kind":"Name","value":"minVersion"}},{"kind":"Field","name":{"kind":"Name","value":"maxVersion"}},{"kind":"Field","name":{"kind":"Name","value":"foundVersion"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ValidateProfileQuery, ValidateProfileQueryVariables>;
export const AddHelmRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddHelmRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddHelmRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addHelmRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegistryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<AddHelmRegistryMutation, AddHelmRegistryMutationVariables>;
export const UpdateHelmRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateHelmRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateHelmRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateHelmRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegistryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<UpdateHelmRegistryMutation, UpdateHelmRegistryMutationVariables>;
export const ValidateHelmRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidateHelmRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddHelmRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateHelmRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ValidateHelmRegistryMutation, ValidateHelmRegistryMutationVariables>;
export const DeleteRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteRegistryMutation, DeleteRegistryMutationVariables>;
export const RegistriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Registries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RegistryKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RegistryScope"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegistryFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RegistriesQuery, RegistriesQueryVariables>;
export const RegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Registry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegistryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegistryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RegistryQuery, RegistryQueryVariables>;
export const NodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Node"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartVersion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<NodeQuery, NodeQueryVariables>;
export const HelmIndexInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HelmIndexInfo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HelmRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indexAnnotations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serverInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contextPath"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<HelmIndexInfoQuery, HelmIndexInfoQueryVariables>;
export const SearchRegistryChartsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchRegistryCharts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ChartKind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"charts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeDeprecated"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchPageFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchHitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchHitFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]} as unknown as DocumentNode<SearchRegistryChartsQuery, SearchRegistryChartsQueryVariables>;
export const SearchAllChartsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchAllCharts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ChartKind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchCharts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeDeprecated"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchPageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchHitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchHitFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]} as unknown as DocumentNode<SearchAllChartsQuery, SearchAllChartsQueryVariables>;
export const SyncProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SyncProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"registryId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"bytesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}}]}}]}}]}}]} as unknown as DocumentNode<SyncProgressSubscription, SyncProgressSubscriptionVariables>;
export const CatalogChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CatalogChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalogChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registryId"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"added"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"addedCount"}},{"kind":"Field","name":{"kind":"Name","value":"removedCount"}},{"kind":"Field","name":{"kind":"Name","value":"updatedCount"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<CatalogChangedSubscription, CatalogChangedSubscriptionVariables>;
export const SyncRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SyncRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"force"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"force"},"value":{"kind":"Variable","name":{"kind":"Name","value":"force"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"chartsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"chartsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"bytesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SyncRegistryMutation, SyncRegistryMutationVariables>;
export const CancelSyncDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelSync"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelSync"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"chartsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"chartsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"bytesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<CancelSyncMutation, CancelSyncMutationVariables>;
export const SyncRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SyncRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunFields"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"chartsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"chartsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"bytesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SyncRunQuery, SyncRunQueryVariables>;
export const SyncRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SyncRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"syncRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"chartsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"chartsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"bytesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SyncRunsQuery, SyncRunsQueryVariables>;
export const TrustedKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrustedKeys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RegistryScope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trustedKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrustedKeyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrustedKeyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrustedKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}},{"kind":"Field","name":{"kind":"Name","value":"userIds"}},{"kind":"Field","name":{"kind":"Name","value":"keyIds"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<TrustedKeysQuery, TrustedKeysQueryVariables>;
export const AddTrustedKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddTrustedKeys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddTrustedKeysInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addTrustedKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrustedKeyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrustedKeyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrustedKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}},{"kind":"Field","name":{"kind":"Name","value":"userIds"}},{"kind":"Field","name":{"kind":"Name","value":"keyIds"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AddTrustedKeysMutation, AddTrustedKeysMutationVariables>;
export const RemoveTrustedKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveTrustedKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeTrustedKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrustedKeyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrustedKeyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrustedKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}},{"kind":"Field","name":{"kind":"Name","value":"userIds"}},{"kind":"Field","name":{"kind":"Name","value":"keyIds"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<RemoveTrustedKeyMutation, RemoveTrustedKeyMutationVariables>;
export const VersionVerificationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VersionVerifications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"verified"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"verified"},"value":{"kind":"Variable","name":{"kind":"Name","value":"verified"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VerificationFields"}}]}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VerificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Verification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"signer"}},{"kind":"Field","name":{"kind":"Name","value":"keyFingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<VersionVerificationsQuery, VersionVerificationsQueryVariables>;
export const VerifiedVersionsInRangeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifiedVersionsInRange"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"verified"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"verified"},"value":{"kind":"Variable","name":{"kind":"Name","value":"verified"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<VerifiedVersionsInRangeQuery, VerifiedVersionsInRangeQueryVariables>;
export const VerifiedChartsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifiedCharts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"verified"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"charts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"verified"},"value":{"kind":"Variable","name":{"kind":"Name","value":"verified"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"searchCharts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"verified"},"value":{"kind":"Variable","name":{"kind":"Name","value":"verified"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<VerifiedChartsQuery, VerifiedChartsQueryVariables>;