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

/** Changes to a legacy pack registry; fields left out keep their value. */
export type UpdatePackRegistryInput = {
  /** New credentials, NONE or BASIC (a missing password keeps the stored one). */
  auth?: RegistryAuthInput | null | undefined;
  /** New https URL. */
  endpoint?: string | null | undefined;
  /** New name. */
  name?: string | null | undefined;
  /** New TLS settings. */
  tls?: RegistryTlsInput | null | undefined;
};

export type DashChartFragment = { id: string, name: string, kind: ChartKind, displayName: string | null, description: string | null, deprecated: boolean, layer: PackLayer | null, versionCount: number, registry:
    | { id: string, name: string, kind: RegistryKind }
    | { id: string, name: string, kind: RegistryKind }
    | { id: string, name: string, kind: RegistryKind }
  , latestVersion: { version: string, appVersion: string | null } | null };

export type DashSearchQueryVariables = Exact<{
  search?: string | null | undefined;
  kind?: ChartKind | null | undefined;
  layer?: PackLayer | null | undefined;
  includeDeprecated: boolean;
  first: number;
  after?: string | null | undefined;
}>;


export type DashSearchQuery = { searchCharts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, kind: ChartKind, displayName: string | null, description: string | null, deprecated: boolean, layer: PackLayer | null, versionCount: number, registry:
          | { id: string, name: string, kind: RegistryKind }
          | { id: string, name: string, kind: RegistryKind }
          | { id: string, name: string, kind: RegistryKind }
        , latestVersion: { version: string, appVersion: string | null } | null } }> } };

export type DashRegistryChartsQueryVariables = Exact<{
  id: string | number;
  search?: string | null | undefined;
  kind?: ChartKind | null | undefined;
  layer?: PackLayer | null | undefined;
  includeDeprecated: boolean;
  first: number;
  after?: string | null | undefined;
}>;


export type DashRegistryChartsQuery = { registry:
    | { id: string, charts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, kind: ChartKind, displayName: string | null, description: string | null, deprecated: boolean, layer: PackLayer | null, versionCount: number, registry:
              | { id: string, name: string, kind: RegistryKind }
              | { id: string, name: string, kind: RegistryKind }
              | { id: string, name: string, kind: RegistryKind }
            , latestVersion: { version: string, appVersion: string | null } | null } }> } }
    | { id: string, charts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, kind: ChartKind, displayName: string | null, description: string | null, deprecated: boolean, layer: PackLayer | null, versionCount: number, registry:
              | { id: string, name: string, kind: RegistryKind }
              | { id: string, name: string, kind: RegistryKind }
              | { id: string, name: string, kind: RegistryKind }
            , latestVersion: { version: string, appVersion: string | null } | null } }> } }
    | { id: string, charts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, kind: ChartKind, displayName: string | null, description: string | null, deprecated: boolean, layer: PackLayer | null, versionCount: number, registry:
              | { id: string, name: string, kind: RegistryKind }
              | { id: string, name: string, kind: RegistryKind }
              | { id: string, name: string, kind: RegistryKind }
            , latestVersion: { version: string, appVersion: string | null } | null } }> } }
   | null };

export type DashChartPageQueryVariables = Exact<{
  registryId: string | number;
  name: string;
  after?: string | null | undefined;
}>;


export type DashChartPageQuery = { registry:
    | { id: string, name: string, chart: { home: string | null, keywords: Array<string>, id: string, name: string, kind: ChartKind, displayName: string | null, description: string | null, deprecated: boolean, layer: PackLayer | null, versionCount: number, versions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, version: string, appVersion: string | null, created: string | null, deprecated: boolean, prerelease: boolean } }> }, registry:
          | { id: string, name: string, kind: RegistryKind }
          | { id: string, name: string, kind: RegistryKind }
          | { id: string, name: string, kind: RegistryKind }
        , latestVersion: { version: string, appVersion: string | null } | null } | null }
    | { id: string, name: string, chart: { home: string | null, keywords: Array<string>, id: string, name: string, kind: ChartKind, displayName: string | null, description: string | null, deprecated: boolean, layer: PackLayer | null, versionCount: number, versions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, version: string, appVersion: string | null, created: string | null, deprecated: boolean, prerelease: boolean } }> }, registry:
          | { id: string, name: string, kind: RegistryKind }
          | { id: string, name: string, kind: RegistryKind }
          | { id: string, name: string, kind: RegistryKind }
        , latestVersion: { version: string, appVersion: string | null } | null } | null }
    | { id: string, name: string, chart: { home: string | null, keywords: Array<string>, id: string, name: string, kind: ChartKind, displayName: string | null, description: string | null, deprecated: boolean, layer: PackLayer | null, versionCount: number, versions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, version: string, appVersion: string | null, created: string | null, deprecated: boolean, prerelease: boolean } }> }, registry:
          | { id: string, name: string, kind: RegistryKind }
          | { id: string, name: string, kind: RegistryKind }
          | { id: string, name: string, kind: RegistryKind }
        , latestVersion: { version: string, appVersion: string | null } | null } | null }
   | null };

export type DashResolveQueryVariables = Exact<{
  registryId: string | number;
  chart: string;
  version: string;
  includePrerelease: boolean;
}>;


export type DashResolveQuery = { resolveChartVersion: { id: string, version: string, appVersion: string | null } | null };

export type DashVersionQueryVariables = Exact<{
  id: string | number;
}>;


export type DashVersionQuery = { node:
    | { __typename: 'Chart' }
    | { __typename: 'ChartVersion', id: string, version: string, appVersion: string | null, description: string | null, digest: string | null, created: string | null, values: string | null, readme: string | null, valuesSchema: string | null, chart: { name: string, registry:
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
         } }
    | { __typename: 'HelmRegistry' }
    | { __typename: 'OciRegistry' }
    | { __typename: 'PackRegistry' }
    | { __typename: 'SyncRun' }
   | null };

export type DashCheckReferenceQueryVariables = Exact<{
  registryId: string | number;
  chart: string;
  version: string;
}>;


export type DashCheckReferenceQuery = { checkChartReference: { status: ChartReferenceStatus, message: string, errorCode: RegistryErrorCode | null, chart: string, version: string } };

export type DashProfileCheckQueryVariables = Exact<{
  layers: Array<ProfileLayerInput> | ProfileLayerInput;
}>;


export type DashProfileCheckQuery = { validateProfileLayers: { valid: boolean, layers: Array<{ index: number, name: string, version: string, status: ChartReferenceStatus, message: string, resolvedVersion: string | null, layer: PackLayer | null, violations: Array<{ kind: ConstraintViolationKind, message: string, packName: string }> }> } };

type DashRegistry_HelmRegistry_Fragment = { __typename: 'HelmRegistry', id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, lastSyncRun: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } | null };

type DashRegistry_OciRegistry_Fragment = { __typename: 'OciRegistry', providerType: OciProviderType, authKind: OciAuthKind, baseContentPaths: Array<string>, repositories: Array<string>, id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, lastSyncRun: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } | null };

type DashRegistry_PackRegistry_Fragment = { __typename: 'PackRegistry', id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, lastSyncRun: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } | null };

export type DashRegistryFragment =
  | DashRegistry_HelmRegistry_Fragment
  | DashRegistry_OciRegistry_Fragment
  | DashRegistry_PackRegistry_Fragment
;

export type DashRunFragment = { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> };

export type DashRegistriesQueryVariables = Exact<{
  kind?: RegistryKind | null | undefined;
  search?: string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type DashRegistriesQuery = { registries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node:
        | { __typename: 'HelmRegistry', id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, lastSyncRun: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } | null }
        | { __typename: 'OciRegistry', providerType: OciProviderType, authKind: OciAuthKind, baseContentPaths: Array<string>, repositories: Array<string>, id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, lastSyncRun: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } | null }
        | { __typename: 'PackRegistry', id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, lastSyncRun: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } | null }
       }> } };

export type DashRegistryQueryVariables = Exact<{
  id: string | number;
  runsAfter?: string | null | undefined;
}>;


export type DashRegistryQuery = { registry:
    | { __typename: 'HelmRegistry', id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, syncRuns: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } }> }, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, lastSyncRun: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } | null }
    | { __typename: 'OciRegistry', providerType: OciProviderType, authKind: OciAuthKind, baseContentPaths: Array<string>, repositories: Array<string>, id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, syncRuns: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } }> }, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, lastSyncRun: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } | null }
    | { __typename: 'PackRegistry', id: string, name: string, kind: RegistryKind, endpoint: string, scope: RegistryScope, isDefault: boolean, protected: boolean, syncEnabled: boolean, syncStatus: RegistrySyncStatus, lastSyncedAt: string | null, syncRuns: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } }> }, auth: { type: AuthType, username: string | null, hasSecret: boolean }, tls: { insecureSkipVerify: boolean, hasCaCertificate: boolean }, lastSyncRun: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } | null }
   | null };

export type DashAddHelmMutationVariables = Exact<{
  input: AddHelmRegistryInput;
}>;


export type DashAddHelmMutation = { addHelmRegistry: { id: string } };

export type DashAddOciMutationVariables = Exact<{
  input: AddOciRegistryInput;
}>;


export type DashAddOciMutation = { addOciRegistry: { id: string } };

export type DashAddPackMutationVariables = Exact<{
  input: AddPackRegistryInput;
}>;


export type DashAddPackMutation = { addPackRegistry: { id: string } };

export type DashValidateHelmMutationVariables = Exact<{
  input: AddHelmRegistryInput;
}>;


export type DashValidateHelmMutation = { validateHelmRegistry: { valid: boolean, errorCode: RegistryErrorCode | null, message: string } };

export type DashValidateOciMutationVariables = Exact<{
  input: AddOciRegistryInput;
}>;


export type DashValidateOciMutation = { validateOciRegistry: { valid: boolean, errorCode: RegistryErrorCode | null, message: string } };

export type DashValidatePackMutationVariables = Exact<{
  input: AddPackRegistryInput;
}>;


export type DashValidatePackMutation = { validatePackRegistry: { valid: boolean, errorCode: RegistryErrorCode | null, message: string } };

export type DashUpdateHelmMutationVariables = Exact<{
  id: string | number;
  input: UpdateHelmRegistryInput;
}>;


export type DashUpdateHelmMutation = { updateHelmRegistry: { id: string } };

export type DashUpdateOciMutationVariables = Exact<{
  id: string | number;
  input: UpdateOciRegistryInput;
}>;


export type DashUpdateOciMutation = { updateOciRegistry: { id: string } };

export type DashUpdatePackMutationVariables = Exact<{
  id: string | number;
  input: UpdatePackRegistryInput;
}>;


export type DashUpdatePackMutation = { updatePackRegistry: { id: string } };

export type DashDeleteMutationVariables = Exact<{
  id: string | number;
}>;


export type DashDeleteMutation = { deleteRegistry: string };

export type DashSyncMutationVariables = Exact<{
  id: string | number;
  force: boolean;
}>;


export type DashSyncMutation = { syncRegistry: { id: string, status: SyncRunStatus, phase: SyncPhase, trigger: SyncTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number, unchanged: boolean, error: { code: RegistryErrorCode, message: string } | null, warnings: Array<{ code: string, message: string, chart: string | null, version: string | null }> } };

export type DashCancelMutationVariables = Exact<{
  runId: string | number;
}>;


export type DashCancelMutation = { cancelSync: { id: string, status: SyncRunStatus } };

export type DashProgressSubscriptionVariables = Exact<{
  registryId?: string | number | null | undefined;
}>;


export type DashProgressSubscription = { syncProgress: { runId: string, registryId: string, status: SyncRunStatus, phase: SyncPhase, done: number | null, total: number | null, ratePerSecond: number | null, bytesFetched: number, message: string | null, at: string, counts: { chartsSeen: number, versionsSeen: number, versionsAdded: number, versionsUpdated: number, versionsRemoved: number, versionsUnchanged: number, versionsSkipped: number } } };

export const DashChartFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashChart"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"versionCount"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}}]}}]}}]} as unknown as DocumentNode<DashChartFragment, unknown>;
export const DashRunFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<DashRunFragment, unknown>;
export const DashRegistryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashRegistry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OciRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providerType"}},{"kind":"Field","name":{"kind":"Name","value":"authKind"}},{"kind":"Field","name":{"kind":"Name","value":"baseContentPaths"}},{"kind":"Field","name":{"kind":"Name","value":"repositories"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashRun"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<DashRegistryFragment, unknown>;
export const DashSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ChartKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"layer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PackLayer"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchCharts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"layer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"layer"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeDeprecated"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashChart"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashChart"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"versionCount"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}}]}}]}}]} as unknown as DocumentNode<DashSearchQuery, DashSearchQueryVariables>;
export const DashRegistryChartsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashRegistryCharts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ChartKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"layer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PackLayer"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"charts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"layer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"layer"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeDeprecated"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeDeprecated"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashChart"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashChart"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"versionCount"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}}]}}]}}]} as unknown as DocumentNode<DashRegistryChartsQuery, DashRegistryChartsQueryVariables>;
export const DashChartPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashChartPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"chart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashChart"}},{"kind":"Field","name":{"kind":"Name","value":"home"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"prerelease"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashChart"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Chart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"deprecated"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"versionCount"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}}]}}]}}]} as unknown as DocumentNode<DashChartPageQuery, DashChartPageQueryVariables>;
export const DashResolveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashResolve"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chart"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includePrerelease"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveChartVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"chart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chart"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"includePrerelease"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includePrerelease"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}}]}}]}}]} as unknown as DocumentNode<DashResolveQuery, DashResolveQueryVariables>;
export const DashVersionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashVersion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChartVersion"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"appVersion"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"values"}},{"kind":"Field","name":{"kind":"Name","value":"readme"}},{"kind":"Field","name":{"kind":"Name","value":"valuesSchema"}},{"kind":"Field","name":{"kind":"Name","value":"chart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"registry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashVersionQuery, DashVersionQueryVariables>;
export const DashCheckReferenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashCheckReference"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chart"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkChartReference"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"chart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chart"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<DashCheckReferenceQuery, DashCheckReferenceQueryVariables>;
export const DashProfileCheckDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashProfileCheck"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"layers"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProfileLayerInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateProfileLayers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"layers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"layers"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"layers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"violations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"packName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashProfileCheckQuery, DashProfileCheckQueryVariables>;
export const DashRegistriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashRegistries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RegistryKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashRegistry"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashRegistry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OciRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providerType"}},{"kind":"Field","name":{"kind":"Name","value":"authKind"}},{"kind":"Field","name":{"kind":"Name","value":"baseContentPaths"}},{"kind":"Field","name":{"kind":"Name","value":"repositories"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashRun"}}]}}]}}]} as unknown as DocumentNode<DashRegistriesQuery, DashRegistriesQueryVariables>;
export const DashRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashRegistry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runsAfter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashRegistry"}},{"kind":"Field","name":{"kind":"Name","value":"syncRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runsAfter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashRun"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashRegistry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Registry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}},{"kind":"Field","name":{"kind":"Name","value":"syncEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"auth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasSecret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insecureSkipVerify"}},{"kind":"Field","name":{"kind":"Name","value":"hasCaCertificate"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OciRegistry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providerType"}},{"kind":"Field","name":{"kind":"Name","value":"authKind"}},{"kind":"Field","name":{"kind":"Name","value":"baseContentPaths"}},{"kind":"Field","name":{"kind":"Name","value":"repositories"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashRun"}}]}}]}}]} as unknown as DocumentNode<DashRegistryQuery, DashRegistryQueryVariables>;
export const DashAddHelmDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashAddHelm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddHelmRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addHelmRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DashAddHelmMutation, DashAddHelmMutationVariables>;
export const DashAddOciDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashAddOci"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddOciRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addOciRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DashAddOciMutation, DashAddOciMutationVariables>;
export const DashAddPackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashAddPack"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddPackRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addPackRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DashAddPackMutation, DashAddPackMutationVariables>;
export const DashValidateHelmDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashValidateHelm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddHelmRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateHelmRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<DashValidateHelmMutation, DashValidateHelmMutationVariables>;
export const DashValidateOciDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashValidateOci"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddOciRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateOciRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<DashValidateOciMutation, DashValidateOciMutationVariables>;
export const DashValidatePackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashValidatePack"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddPackRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validatePackRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<DashValidatePackMutation, DashValidatePackMutationVariables>;
export const DashUpdateHelmDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashUpdateHelm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateHelmRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateHelmRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DashUpdateHelmMutation, DashUpdateHelmMutationVariables>;
export const DashUpdateOciDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashUpdateOci"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateOciRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateOciRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DashUpdateOciMutation, DashUpdateOciMutationVariables>;
export const DashUpdatePackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashUpdatePack"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePackRegistryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePackRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DashUpdatePackMutation, DashUpdatePackMutationVariables>;
export const DashDeleteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashDelete"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DashDeleteMutation, DashDeleteMutationVariables>;
export const DashSyncDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashSync"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"force"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncRegistry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"force"},"value":{"kind":"Variable","name":{"kind":"Name","value":"force"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashRun"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"chart"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<DashSyncMutation, DashSyncMutationVariables>;
export const DashCancelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashCancel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelSync"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DashCancelMutation, DashCancelMutationVariables>;
export const DashProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DashProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"registryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"registryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"registryId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"bytesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chartsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"versionsAdded"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"versionsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"versionsUnchanged"}},{"kind":"Field","name":{"kind":"Name","value":"versionsSkipped"}}]}}]}}]}}]} as unknown as DocumentNode<DashProgressSubscription, DashProgressSubscriptionVariables>;