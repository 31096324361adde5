/**
 * The gateway's enumerations, each declared once. A declaration is an object of its values (so
 * `RegistryKind.HELM` reads as an enum member, and `schema/enums.ts` registers the same object
 * with type-graphql, with descriptions) and a type of the same name, the union of those values
 * (so the store, the providers and the schema share one type and a literal such as `"HELM"` needs
 * no cast). This module imports nothing: every layer may use it.
 */

/** The protocol a registry speaks. */
export const RegistryKind = { HELM: "HELM", OCI: "OCI", PACK: "PACK" } as const;
export type RegistryKind = (typeof RegistryKind)[keyof typeof RegistryKind];

/** Who owns a registry and who sees it. */
export const RegistryScope = { TENANT: "TENANT", SYSTEM: "SYSTEM" } as const;
export type RegistryScope = (typeof RegistryScope)[keyof typeof RegistryScope];

/** How the gateway authenticates to a registry. */
export const AuthType = { NONE: "NONE", BASIC: "BASIC", TOKEN: "TOKEN", ECR: "ECR" } as const;
export type AuthType = (typeof AuthType)[keyof typeof AuthType];

/** What an OCI registry holds: Helm charts, Palette packs or Zarf packages. */
export const OciProviderType = { HELM: "HELM", PACK: "PACK", ZARF: "ZARF" } as const;
export type OciProviderType = (typeof OciProviderType)[keyof typeof OciProviderType];

/** How an OCI registry authenticates: basic (anonymous, password, token flow) or AWS ECR. */
export const OciAuthKind = { BASIC: "BASIC", ECR: "ECR" } as const;
export type OciAuthKind = (typeof OciAuthKind)[keyof typeof OciAuthKind];

/** What a chart is: a Helm chart, a Palette pack or a Zarf package. */
export const ChartKind = {
  HELM_CHART: "HELM_CHART",
  PACK: "PACK",
  ZARF_PACKAGE: "ZARF_PACKAGE",
} as const;
export type ChartKind = (typeof ChartKind)[keyof typeof ChartKind];

/** Where a sync run is in its life. */
export const SyncRunStatus = {
  QUEUED: "QUEUED",
  RUNNING: "RUNNING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  CANCELLED: "CANCELLED",
  INTERRUPTED: "INTERRUPTED",
} as const;
export type SyncRunStatus = (typeof SyncRunStatus)[keyof typeof SyncRunStatus];

/** What a running sync is doing. */
export const SyncPhase = {
  QUEUED: "QUEUED",
  CONNECTING: "CONNECTING",
  FETCHING: "FETCHING",
  PARSING: "PARSING",
  APPLYING: "APPLYING",
  DONE: "DONE",
} as const;
export type SyncPhase = (typeof SyncPhase)[keyof typeof SyncPhase];

/** What started a sync run. */
export const SyncTrigger = {
  MANUAL: "MANUAL",
  SCHEDULE: "SCHEDULE",
  RECOVERY: "RECOVERY",
} as const;
export type SyncTrigger = (typeof SyncTrigger)[keyof typeof SyncTrigger];

/** What a targeted check of one name and version found. */
export const ChartReferenceStatus = {
  VERIFIED: "VERIFIED",
  NOT_FOUND: "NOT_FOUND",
  /** Listed without a URL to fetch it (Helm: "has no downloadable URLs"). */
  NOT_DOWNLOADABLE: "NOT_DOWNLOADABLE",
  UNVERIFIABLE: "UNVERIFIABLE",
} as const;
export type ChartReferenceStatus = (typeof ChartReferenceStatus)[keyof typeof ChartReferenceStatus];

/** What a webhook is told about: versions entering or leaving the catalog, failed sync runs. */
export const WebhookEvent = {
  VERSION_PUBLISHED: "VERSION_PUBLISHED",
  VERSION_REMOVED: "VERSION_REMOVED",
  SYNC_FAILED: "SYNC_FAILED",
} as const;
export type WebhookEvent = (typeof WebhookEvent)[keyof typeof WebhookEvent];

/** Where one webhook delivery is: waiting (first try or a retry), delivered, or given up. */
export const WebhookDeliveryStatus = {
  PENDING: "PENDING",
  DELIVERED: "DELIVERED",
  FAILED: "FAILED",
} as const;
export type WebhookDeliveryStatus =
  (typeof WebhookDeliveryStatus)[keyof typeof WebhookDeliveryStatus];
/** Which way a comparison of two versions goes. */
export const CompareDirection = {
  UPGRADE: "UPGRADE",
  DOWNGRADE: "DOWNGRADE",
  SAME: "SAME",
} as const;
export type CompareDirection = (typeof CompareDirection)[keyof typeof CompareDirection];

/** One kind of change between two values schemas. */
export const SchemaChangeKind = {
  SCHEMA_ADDED: "SCHEMA_ADDED",
  SCHEMA_REMOVED: "SCHEMA_REMOVED",
  PROPERTY_ADDED: "PROPERTY_ADDED",
  PROPERTY_REMOVED: "PROPERTY_REMOVED",
  REQUIRED_ADDED: "REQUIRED_ADDED",
  REQUIRED_REMOVED: "REQUIRED_REMOVED",
  TYPE_NARROWED: "TYPE_NARROWED",
  TYPE_WIDENED: "TYPE_WIDENED",
  ENUM_SHRUNK: "ENUM_SHRUNK",
  ENUM_GROWN: "ENUM_GROWN",
  CONSTRAINT_CHANGED: "CONSTRAINT_CHANGED",
  DEFINITION_CHANGED: "DEFINITION_CHANGED",
} as const;
export type SchemaChangeKind = (typeof SchemaChangeKind)[keyof typeof SchemaChangeKind];

/** How a dependency differs between two versions. */
export const DependencyChangeKind = {
  ADDED: "ADDED",
  REMOVED: "REMOVED",
  CHANGED: "CHANGED",
} as const;
export type DependencyChangeKind = (typeof DependencyChangeKind)[keyof typeof DependencyChangeKind];

/** Which side of a comparison something belongs to. */
export const CompareSide = {
  FROM: "FROM",
  TO: "TO",
} as const;
export type CompareSide = (typeof CompareSide)[keyof typeof CompareSide];

/** A field of a pack dependency (pack.json `constraints.dependencies[]`) that can change. */
export const PackDependencyField = {
  LAYER: "LAYER",
  MIN_VERSION: "MIN_VERSION",
  MAX_VERSION: "MAX_VERSION",
  TYPE: "TYPE",
} as const;
export type PackDependencyField = (typeof PackDependencyField)[keyof typeof PackDependencyField];

/** How a pack's resource constraint (pack.json `constraints.resources[]`) differs. */
export const PackResourceChangeKind = {
  ADDED: "ADDED",
  REMOVED: "REMOVED",
  RAISED: "RAISED",
  LOWERED: "LOWERED",
  COMPONENTS_CHANGED: "COMPONENTS_CHANGED",
} as const;
export type PackResourceChangeKind =
  (typeof PackResourceChangeKind)[keyof typeof PackResourceChangeKind];

/** The kind of a changelog entry (Artifact Hub's `artifacthub.io/changes` kinds). */
export const ChangelogKind = {
  ADDED: "ADDED",
  CHANGED: "CHANGED",
  DEPRECATED: "DEPRECATED",
  REMOVED: "REMOVED",
  FIXED: "FIXED",
  SECURITY: "SECURITY",
} as const;
export type ChangelogKind = (typeof ChangelogKind)[keyof typeof ChangelogKind];

/** Where an image of a version was found. */
export const ImageSource = {
  HELM_IMAGES_ANNOTATION: "HELM_IMAGES_ANNOTATION",
  ARTIFACTHUB_IMAGES_ANNOTATION: "ARTIFACTHUB_IMAGES_ANNOTATION",
  VALUES_INFERRED: "VALUES_INFERRED",
  ZARF_PACKAGE: "ZARF_PACKAGE",
} as const;
export type ImageSource = (typeof ImageSource)[keyof typeof ImageSource];
/** What a signature check of one version found, for the viewer's trust policy. */
export const VerificationStatus = {
  /** A key of the viewer's trust policy signed exactly this digest. */
  VERIFIED: "VERIFIED",
  /** Signed, by a key the viewer's trust policy does not hold. */
  UNTRUSTED: "UNTRUSTED",
  /** A signature that does not match: another digest, or a trusted key's signature that fails. */
  INVALID: "INVALID",
  /** No signature was found. */
  UNSIGNED: "UNSIGNED",
  /** Could not be checked (no digest, the signature could not be read, not read yet). */
  UNKNOWN: "UNKNOWN",
} as const;
export type VerificationStatus = (typeof VerificationStatus)[keyof typeof VerificationStatus];

/** How a version is signed. */
export const SignatureMethod = {
  /** A Helm provenance file (`<package URL>.prov`, OpenPGP clear-signed). */
  HELM_PROVENANCE: "HELM_PROVENANCE",
  /** A cosign signature of the OCI artifact (referrers API or the `sha256-<digest>.sig` tag). */
  COSIGN: "COSIGN",
} as const;
export type SignatureMethod = (typeof SignatureMethod)[keyof typeof SignatureMethod];

/** The kind of a key in a trust policy. */
export const TrustedKeyType = {
  /** An OpenPGP public key (from an armored keyring): checks Helm provenance files. */
  OPENPGP: "OPENPGP",
  /** A cosign public key (PEM, ECDSA P-256 or Ed25519): checks cosign signatures. */
  COSIGN: "COSIGN",
} as const;
export type TrustedKeyType = (typeof TrustedKeyType)[keyof typeof TrustedKeyType];
