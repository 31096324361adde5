import type {
  AuthType,
  OciAuthKind,
  OciProviderType,
  RegistryKind,
  RegistryScope,
} from "../domain/enums";
import { JSON_TEXT } from "../store/portable-types";
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from "typeorm";

/**
 * A registry as stored. Unlike the GraphQL `Registry` types, this holds the secret (password or
 * token); it never leaves the service layer.
 */
@Entity({ name: "registry" })
@Index("idx_registry_tenant_name", ["tenantId", "name"])
@Index("idx_registry_scope", ["scope"])
// Names are unique per scope (tenant or system) and kind, case-insensitively: an expression index
// (scope, COALESCE(tenant_id, ''), kind, LOWER(name)) made by migration 1732492800000, which
// TypeORM's decorators cannot express; declared here so that schema sync leaves it alone.
@Index("uq_registry_scope_kind_name", { synchronize: false })
export class RegistryEntity {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id!: string;

  /** Owning tenant; null for SYSTEM registries, which every tenant sees. */
  @Column({ name: "tenant_id", type: "varchar", length: 128, nullable: true })
  tenantId!: string | null;

  @Column({ type: "varchar", length: 16 })
  scope!: RegistryScope;

  @Column({ type: "varchar", length: 128 })
  name!: string;

  @Column({ type: "varchar", length: 16 })
  kind!: RegistryKind;

  @Column({ type: "varchar", length: 2048 })
  endpoint!: string;

  @Column({ name: "is_default", type: "boolean", default: false })
  isDefault!: boolean;

  @Column({ name: "protected", type: "boolean", default: false })
  protected!: boolean;

  @Column({ name: "sync_enabled", type: "boolean", default: true })
  syncEnabled!: boolean;

  /** ECR: AWS credentials (access key id in `authUsername`, secret key in `authSecret`, or a role). */
  @Column({ name: "auth_type", type: "varchar", length: 16, default: "NONE" })
  authType!: AuthType;

  /** Username (BASIC, TOKEN) or AWS access key id (ECR). */
  @Column({ name: "auth_username", type: "varchar", length: 256, nullable: true })
  authUsername!: string | null;

  /**
   * Password, token or AWS secret access key. Write-only for the API; see DESIGN.md "Secrets are
   * write-only".
   */
  @Column({ name: "auth_secret", type: "text", nullable: true })
  authSecret!: string | null;

  @Column({ name: "tls_ca_certificate", type: "text", nullable: true })
  tlsCaCertificate!: string | null;

  @Column({ name: "tls_insecure_skip_verify", type: "boolean", default: false })
  tlsInsecureSkipVerify!: boolean;

  /** OCI: what the registry holds (HELM, PACK, ZARF); null for other kinds. */
  @Column({ name: "oci_provider_type", type: "varchar", length: 16, nullable: true })
  ociProviderType!: OciProviderType | null;

  /** OCI: BASIC (anonymous, password, token flow) or ECR; null for other kinds. */
  @Column({ name: "oci_auth_kind", type: "varchar", length: 16, nullable: true })
  ociAuthKind!: OciAuthKind | null;

  /** OCI: namespaces to catalogue, JSON list of strings. */
  @Column({ name: "oci_base_content_paths", type: JSON_TEXT, default: "[]" })
  ociBaseContentPaths!: string;

  /** OCI: explicit repositories (for registries that refuse `_catalog`), JSON list of strings. */
  @Column({ name: "oci_repositories", type: JSON_TEXT, default: "[]" })
  ociRepositories!: string;

  /** ECR: AWS region (derived from the endpoint when it names one). */
  @Column({ name: "ecr_region", type: "varchar", length: 32, nullable: true })
  ecrRegion!: string | null;

  /** ECR: role to assume with STS instead of access keys. */
  @Column({ name: "ecr_role_arn", type: "varchar", length: 2048, nullable: true })
  ecrRoleArn!: string | null;

  /** ECR: external id required by the role's trust policy. */
  @Column({ name: "ecr_external_id", type: "varchar", length: 1224, nullable: true })
  ecrExternalId!: string | null;

  /** Time of the last successful sync; null when never synced (shown as n/a). */
  @Column({ name: "last_synced_at", type: "datetime", nullable: true })
  lastSyncedAt!: Date | null;

  /** Conditional-request validators and body digest of the last successful listing. */
  @Column({ name: "listing_etag", type: "varchar", length: 512, nullable: true })
  listingEtag!: string | null;

  @Column({ name: "listing_last_modified", type: "varchar", length: 128, nullable: true })
  listingLastModified!: string | null;

  @Column({ name: "listing_digest", type: "varchar", length: 80, nullable: true })
  listingDigest!: string | null;

  /** Palette's FIPS registry (`fips: true` in the default registries file). */
  @Column({ name: "fips", type: "boolean", default: false })
  fips!: boolean;

  /** Helm: the index's own `annotations` and `serverInfo` at the last listing (JSON). */
  @Column({ name: "index_info", type: JSON_TEXT, nullable: true })
  indexInfo!: string | null;

  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "datetime" })
  updatedAt!: Date;
}
