import { registerEnumType } from "type-graphql";
import {
  AuthType,
  ChangelogKind,
  ChartKind,
  CompareDirection,
  CompareSide,
  DependencyChangeKind,
  PackDependencyField,
  PackResourceChangeKind,
  ImageSource,
  SchemaChangeKind,
  ChartReferenceStatus,
  OciAuthKind,
  OciProviderType,
  RegistryKind,
  RegistryScope,
  SyncPhase,
  SyncRunStatus,
  SyncTrigger,
  WebhookDeliveryStatus,
  WebhookEvent,
  SignatureMethod,
  TrustedKeyType,
  VerificationStatus,
} from "../domain/enums";
import { RegistryErrorCode as ProviderErrorCode } from "../providers/errors";
import { StoreErrorCode } from "../store/store-errors";

/**
 * Why a registry operation or a sync run failed: a registry's codes (from the providers), and the
 * gateway's store's own, which are never reported as a registry's.
 */
export const RegistryErrorCode = { ...ProviderErrorCode, ...StoreErrorCode };
export type RegistryErrorCode = ProviderErrorCode | StoreErrorCode;

/*
 * The GraphQL enums, registered with type-graphql from their one declaration (domain/enums.ts;
 * RegistryErrorCode from providers/errors.ts and store/store-errors.ts, PackLayer and PackDependencyType below).
 */

registerEnumType(RegistryKind, {
  name: "RegistryKind",
  description: "The protocol a registry speaks.",
  valuesConfig: {
    HELM: { description: "An HTTP chart repository serving index.yaml." },
    OCI: {
      description: "An OCI distribution registry holding Helm charts, packs or Zarf packages.",
    },
    PACK: {
      description:
        "A legacy Palette pack registry (spectro-registry); see the README for the protocol the gateway assumes.",
    },
  },
});

registerEnumType(RegistryScope, {
  name: "RegistryScope",
  description: "Who owns a registry and who sees it.",
  valuesConfig: {
    TENANT: { description: "Owned by one tenant, visible to that tenant's users only." },
    SYSTEM: {
      description: "Owned by the system, visible to every tenant, changed only by a system admin.",
    },
  },
});

registerEnumType(AuthType, {
  name: "AuthType",
  description: "How the gateway authenticates to a registry.",
  valuesConfig: {
    NONE: { description: "No credentials." },
    BASIC: { description: "HTTP basic authentication with a username and password." },
    TOKEN: { description: "A bearer token." },
    ECR: {
      description:
        "AWS credentials for an ECR registry (access keys or a role; see `OciRegistry.ecr`). Set through `ecr` inputs, not `auth`.",
    },
  },
});

registerEnumType(OciProviderType, {
  name: "OciProviderType",
  description: "What an OCI registry holds.",
  valuesConfig: {
    HELM: { description: "Helm charts pushed as OCI artifacts (Helm 3.8 or later)." },
    PACK: {
      description: "Palette packs under `<base>/spectro-packs/archive/<name>` (not yet supported).",
    },
    ZARF: { description: "Zarf packages; synchronized only on request, never on the schedule." },
  },
});

registerEnumType(OciAuthKind, {
  name: "OciAuthKind",
  description: "How the gateway authenticates to an OCI registry.",
  valuesConfig: {
    BASIC: {
      description:
        "Any OCI registry: anonymous, or a username and password, used directly or to obtain bearer tokens (the registry token flow).",
    },
    ECR: {
      description:
        "Amazon ECR: a 12-hour token from ECR GetAuthorizationToken with access keys or an assumed role; anonymous when no AWS credentials are given.",
    },
  },
});

registerEnumType(SyncRunStatus, {
  name: "SyncRunStatus",
  description: "Where a sync run stands.",
  valuesConfig: {
    QUEUED: { description: "Waiting for a free slot." },
    RUNNING: { description: "In progress." },
    SUCCEEDED: {
      description: "Finished; the catalog reflects the registry (or it was unchanged).",
    },
    FAILED: { description: "Stopped by an error; the catalog was left as it was." },
    CANCELLED: { description: "Cancelled by a user; the catalog was left as it was." },
    INTERRUPTED: {
      description:
        "Cut short by a shutdown, a crash or a forced sync; the catalog was left as it was.",
    },
  },
});

registerEnumType(SyncPhase, {
  name: "SyncPhase",
  description: "The step a sync run is in.",
  valuesConfig: {
    QUEUED: { description: "Waiting to start." },
    CONNECTING: { description: "Connecting to the registry." },
    FETCHING: { description: "Downloading the listing." },
    PARSING: { description: "Reading the listing." },
    APPLYING: { description: "Writing the differences to the catalog." },
    DONE: { description: "Finished (see the run's status)." },
  },
});

registerEnumType(SyncTrigger, {
  name: "SyncTrigger",
  description: "What started a sync run.",
  valuesConfig: {
    MANUAL: { description: "A user asked for it." },
    SCHEDULE: { description: "The periodic schedule." },
    RECOVERY: { description: "Re-queued at start-up after an interrupted run." },
  },
});

export enum RegistrySyncStatus {
  NEVER_SYNCED = "NEVER_SYNCED",
  NOT_APPLICABLE = "NOT_APPLICABLE",
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  CANCELLED = "CANCELLED",
  INTERRUPTED = "INTERRUPTED",
}
registerEnumType(RegistrySyncStatus, {
  name: "RegistrySyncStatus",
  description: "A registry's synchronization state: its latest run's status, or why there is none.",
  valuesConfig: {
    NEVER_SYNCED: { description: "No sync run yet." },
    NOT_APPLICABLE: { description: "A protected registry: it is never synchronized." },
    QUEUED: { description: "The latest run is waiting." },
    RUNNING: { description: "The latest run is in progress." },
    SUCCEEDED: { description: "The latest run succeeded." },
    FAILED: { description: "The latest run failed." },
    CANCELLED: { description: "The latest run was cancelled." },
    INTERRUPTED: { description: "The latest run was interrupted." },
  },
});

registerEnumType(ChartReferenceStatus, {
  name: "ChartReferenceStatus",
  description: "The answer of a targeted check of one chart name and version.",
  valuesConfig: {
    VERIFIED: { description: "The registry hosts this chart version." },
    NOT_FOUND: { description: "The registry answered and does not host this chart version." },
    NOT_DOWNLOADABLE: {
      description:
        "The registry lists this chart version but gives no URL to download it (Helm refuses it: " +
        '"has no downloadable URLs").',
    },
    UNVERIFIABLE: {
      description: "The registry could not be asked (unreachable, refused credentials, …).",
    },
  },
});

registerEnumType(VerificationStatus, {
  name: "VerificationStatus",
  description:
    "What a signature check of a version found, judged by the viewer's trust policy (its tenant's keys and the system's).",
  valuesConfig: {
    VERIFIED: { description: "A key of the trust policy signed exactly this digest." },
    UNTRUSTED: { description: "Signed, by a key the trust policy does not hold." },
    INVALID: {
      description:
        "A signature that does not match: it names another digest or chart, or a trusted key's signature fails.",
    },
    UNSIGNED: { description: "No signature was found." },
    UNKNOWN: {
      description:
        "Could not be checked; `message` says why (no digest, the signature could not be read, not read yet).",
    },
  },
});

registerEnumType(SignatureMethod, {
  name: "SignatureMethod",
  description: "How a version is signed.",
  valuesConfig: {
    HELM_PROVENANCE: {
      description:
        "A Helm provenance file beside the package (`<package URL>.prov`), OpenPGP clear-signed.",
    },
    COSIGN: {
      description:
        "A cosign signature of the OCI artifact, found through the OCI 1.1 referrers API or the `sha256-<digest>.sig` tag.",
    },
  },
});

registerEnumType(TrustedKeyType, {
  name: "TrustedKeyType",
  description: "The kind of a key in a trust policy.",
  valuesConfig: {
    OPENPGP: {
      description: "An OpenPGP public key (from an armored keyring): checks Helm provenance files.",
    },
    COSIGN: {
      description: "A cosign public key (PEM, ECDSA P-256 or Ed25519): checks cosign signatures.",
    },
  },
});

registerEnumType(RegistryErrorCode, {
  name: "RegistryErrorCode",
  description:
    "Why talking to a registry failed, or why a sync run failed (the STORE_ codes: the gateway's own database, not the registry).",
  valuesConfig: {
    AUTH_FAILED: { description: "The registry refused the credentials (401)." },
    FORBIDDEN: { description: "The credentials may not read this (403)." },
    TLS: { description: "The registry's certificate could not be verified." },
    UNREACHABLE: { description: "The registry could not be reached, or the connection broke." },
    NOT_FOUND: { description: "The index or repository does not exist (404)." },
    RATE_LIMITED: { description: "The registry asked us to slow down (429)." },
    SERVER_ERROR: { description: "The registry failed (5xx)." },
    PARSE: {
      description: "The registry's answer could not be read (malformed, truncated, hostile).",
    },
    TOO_LARGE: { description: "The answer exceeds the configured size limit." },
    TIMEOUT: { description: "The registry took longer than the configured timeout." },
    PROTOCOL: {
      description: "The registry broke the protocol (redirect loop, unsupported redirect, …).",
    },
    CANCELLED: { description: "The operation was cancelled." },
    ADDRESS_NOT_ALLOWED: {
      description:
        "The endpoint, a redirect or what its host name resolves to is a loopback, link-local (cloud metadata), private or otherwise non-public address not allowed by REGISTRY_NETWORK_ALLOWLIST; nothing was sent there.",
    },
    INVALID_CONFIGURATION: { description: "The registry's settings cannot be used as given." },
    INTERNAL: { description: "An unexpected failure inside the gateway." },
    STORE_FULL: {
      description:
        "The gateway's database is full (disk space or size limit); nothing was written. Not the registry's fault.",
    },
    STORE_BUSY: {
      description:
        "The gateway's database was locked by another process for too long; nothing was written. Not the registry's fault.",
    },
    STORE_UNAVAILABLE: {
      description:
        "The gateway's database could not be read or reached; nothing was written. Not the registry's fault.",
    },
  },
});

export {
  AuthType,
  ChangelogKind,
  ChartKind,
  CompareDirection,
  CompareSide,
  DependencyChangeKind,
  PackDependencyField,
  PackResourceChangeKind,
  ImageSource,
  SchemaChangeKind,
  ChartReferenceStatus,
  OciAuthKind,
  OciProviderType,
  RegistryKind,
  RegistryScope,
  SyncPhase,
  SyncRunStatus,
  SyncTrigger,
  WebhookDeliveryStatus,
  WebhookEvent,
  SignatureMethod,
  TrustedKeyType,
  VerificationStatus,
};

registerEnumType(ChartKind, {
  name: "ChartKind",
  description: "What a chart of the catalog is.",
  valuesConfig: {
    HELM_CHART: { description: "A Helm chart (from a Helm repository or an OCI registry)." },
    PACK: { description: "A Palette pack (from an OCI PACK registry or a legacy pack registry)." },
    ZARF_PACKAGE: { description: "A Zarf package (from an OCI ZARF registry)." },
  },
});

export enum PackLayer {
  KERNEL = "kernel",
  OS = "os",
  K8S = "k8s",
  CNI = "cni",
  CSI = "csi",
  ADDON = "addon",
}
registerEnumType(PackLayer, {
  name: "PackLayer",
  description: "The layer of a cluster profile a pack fills, bottom to top.",
  valuesConfig: {
    KERNEL: { description: "Operating-system kernel." },
    OS: { description: "Operating system." },
    K8S: { description: "Kubernetes distribution." },
    CNI: { description: "Container network interface." },
    CSI: { description: "Container storage interface." },
    ADDON: { description: "An add-on (logging, monitoring, ingress, …)." },
  },
});

export enum PackDependencyType {
  REQUIRED = "required",
  OPTIONAL = "optional",
  NOT_SUPPORTED = "notSupported",
  UPGRADE = "upgrade",
}
registerEnumType(PackDependencyType, {
  name: "PackDependencyType",
  description:
    "How a pack's dependency constrains a profile (pack.json `constraints.dependencies[].type`).",
  valuesConfig: {
    REQUIRED: { description: "The other pack must be in the profile, within the version bounds." },
    OPTIONAL: {
      description: "When the other pack is in the profile, it must be within the bounds.",
    },
    NOT_SUPPORTED: { description: "The other pack within the bounds must not be in the profile." },
    UPGRADE: { description: "Applies to upgrades only; not checked on a profile." },
  },
});

export enum ConstraintViolationKind {
  MISSING_REQUIRED = "MISSING_REQUIRED",
  VERSION_TOO_LOW = "VERSION_TOO_LOW",
  VERSION_TOO_HIGH = "VERSION_TOO_HIGH",
  NOT_SUPPORTED = "NOT_SUPPORTED",
}
registerEnumType(ConstraintViolationKind, {
  name: "ConstraintViolationKind",
  description: "How a profile breaks a pack's constraint.",
  valuesConfig: {
    MISSING_REQUIRED: { description: "A required pack is not in the profile." },
    VERSION_TOO_LOW: { description: "The other pack's version is below the minimum." },
    VERSION_TOO_HIGH: { description: "The other pack's version is above the maximum." },
    NOT_SUPPORTED: { description: "The profile holds a combination the pack does not support." },
  },
});

registerEnumType(WebhookEvent, {
  name: "WebhookEvent",
  description: "What a webhook is told about (sent as the `X-Gateway-Event` header).",
  valuesConfig: {
    VERSION_PUBLISHED: {
      description: "Versions entered the catalog in a completed sync run (those the filter keeps).",
    },
    VERSION_REMOVED: {
      description: "Versions left the catalog in a completed sync run (those the filter keeps).",
    },
    SYNC_FAILED: { description: "A sync run failed, with its error code and message." },
  },
});

registerEnumType(WebhookDeliveryStatus, {
  name: "WebhookDeliveryStatus",
  description: "Where one webhook delivery is.",
  valuesConfig: {
    PENDING: { description: "Not delivered yet: waiting for its first try or its next retry." },
    DELIVERED: { description: "The receiver answered 2xx." },
    FAILED: { description: "Every try failed (WEBHOOK_MAX_ATTEMPTS); no more retries." },
  },
});

registerEnumType(CompareDirection, {
  name: "CompareDirection",
  description: "Which way a comparison of two versions goes, in the catalog's version order.",
  valuesConfig: {
    UPGRADE: { description: "`to` is higher than `from`." },
    DOWNGRADE: { description: "`to` is lower than `from`: the changelog lists what is undone." },
    SAME: { description: "`from` and `to` are the same version." },
  },
});

registerEnumType(SchemaChangeKind, {
  name: "SchemaChangeKind",
  description: "One kind of change between two values schemas.",
  valuesConfig: {
    SCHEMA_ADDED: { description: "The newer side has a schema, the older none (breaking)." },
    SCHEMA_REMOVED: { description: "The newer side has no schema any more (harmless)." },
    PROPERTY_ADDED: { description: "A property is new (harmless unless also REQUIRED_ADDED)." },
    PROPERTY_REMOVED: { description: "A property is gone (breaking)." },
    REQUIRED_ADDED: { description: "A property was made required (breaking)." },
    REQUIRED_REMOVED: { description: "A property is no longer required (harmless)." },
    TYPE_NARROWED: { description: "A type accepts less than before (breaking)." },
    TYPE_WIDENED: { description: "A type accepts more than before (harmless)." },
    ENUM_SHRUNK: { description: "An enum lost values, or appeared (breaking)." },
    ENUM_GROWN: { description: "An enum gained values only, or disappeared (harmless)." },
    CONSTRAINT_CHANGED: {
      description:
        "A restricting keyword (pattern, minimum, maxLength, additionalProperties, oneOf…) was added or changed " +
        "(breaking), or removed (harmless).",
    },
    DEFINITION_CHANGED: {
      description: "Another keyword (default, description, title, examples…) changed (harmless).",
    },
  },
});

registerEnumType(DependencyChangeKind, {
  name: "DependencyChangeKind",
  description: "How a dependency differs between two versions.",
  valuesConfig: {
    ADDED: { description: "Only the `to` version declares it." },
    REMOVED: { description: "Only the `from` version declares it." },
    CHANGED: {
      description: "Both declare it, with another version range, repository or condition.",
    },
  },
});

registerEnumType(CompareSide, {
  name: "CompareSide",
  description: "Which version of a comparison something belongs to.",
  valuesConfig: {
    FROM: { description: "The version compared from." },
    TO: { description: "The version compared to." },
  },
});

registerEnumType(PackDependencyField, {
  name: "PackDependencyField",
  description: "A field of a pack dependency (pack.json `constraints.dependencies[]`).",
  valuesConfig: {
    LAYER: { description: "`layer`: the layer of the other pack." },
    MIN_VERSION: { description: "`minVersion`: the lowest acceptable version." },
    MAX_VERSION: { description: "`maxVersion`: the highest acceptable version." },
    TYPE: { description: "`type`: required, optional, notSupported or upgrade." },
  },
});

registerEnumType(PackResourceChangeKind, {
  name: "PackResourceChangeKind",
  description: "How a pack's resource need (pack.json `constraints.resources[]`) differs.",
  valuesConfig: {
    ADDED: { description: "Only `to` states a need of this type." },
    REMOVED: { description: "Only `from` states a need of this type." },
    RAISED: { description: "`to` needs more (a higher `minLimit`)." },
    LOWERED: { description: "`to` needs less (a lower `minLimit`)." },
    COMPONENTS_CHANGED: {
      description: "The same `minLimit`, other components (request or replica paths, scheduling).",
    },
  },
});

registerEnumType(ChangelogKind, {
  name: "ChangelogKind",
  description: "The kind of a changelog entry (`artifacthub.io/changes`).",
  valuesConfig: {
    ADDED: { description: "Something new." },
    CHANGED: { description: "A change to something that existed." },
    DEPRECATED: { description: "Something that will go away." },
    REMOVED: { description: "Something that went away." },
    FIXED: { description: "A bug fix." },
    SECURITY: { description: "A security fix." },
  },
});

registerEnumType(ImageSource, {
  name: "ImageSource",
  description: "Where an image of a version was found.",
  valuesConfig: {
    HELM_IMAGES_ANNOTATION: { description: "The `helm.sh/images` annotation (HIP-0015)." },
    ARTIFACTHUB_IMAGES_ANNOTATION: { description: "The `artifacthub.io/images` annotation." },
    VALUES_INFERRED: {
      description:
        "Inferred from the `image` / `repository` / `registry` / `tag` / `digest` shapes of the default values: " +
        "a guess, not a declaration.",
    },
    ZARF_PACKAGE: {
      description:
        "The Zarf package's own image list (`components[].images` and `components[].imageTars[].images` of its " +
        "zarf.yaml), recorded when the package is catalogued.",
    },
  },
});
