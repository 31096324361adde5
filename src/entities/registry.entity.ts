import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from "typeorm";

/**
 * A registry as stored. Unlike the GraphQL `Registry` types, this holds the secret (password or
 * token); it never leaves the service layer.
 */
@Entity({ name: "registry" })
@Index("idx_registry_tenant_name", ["tenantId", "name"])
@Index("idx_registry_scope", ["scope"])
export class RegistryEntity {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id!: string;

  /** Owning tenant; null for SYSTEM registries, which every tenant sees. */
  @Column({ name: "tenant_id", type: "varchar", length: 128, nullable: true })
  tenantId!: string | null;

  @Column({ type: "varchar", length: 16 })
  scope!: "TENANT" | "SYSTEM";

  @Column({ type: "varchar", length: 128 })
  name!: string;

  @Column({ type: "varchar", length: 16 })
  kind!: "HELM" | "OCI" | "PACK";

  @Column({ type: "varchar", length: 2048 })
  endpoint!: string;

  @Column({ name: "is_default", type: "boolean", default: false })
  isDefault!: boolean;

  @Column({ name: "protected", type: "boolean", default: false })
  protected!: boolean;

  @Column({ name: "sync_enabled", type: "boolean", default: true })
  syncEnabled!: boolean;

  @Column({ name: "auth_type", type: "varchar", length: 16, default: "NONE" })
  authType!: "NONE" | "BASIC" | "TOKEN";

  @Column({ name: "auth_username", type: "varchar", length: 256, nullable: true })
  authUsername!: string | null;

  /** Password or token. Write-only for the API; see DESIGN.md "Secrets are write-only". */
  @Column({ name: "auth_secret", type: "text", nullable: true })
  authSecret!: string | null;

  @Column({ name: "tls_ca_certificate", type: "text", nullable: true })
  tlsCaCertificate!: string | null;

  @Column({ name: "tls_insecure_skip_verify", type: "boolean", default: false })
  tlsInsecureSkipVerify!: boolean;

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

  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "datetime" })
  updatedAt!: Date;
}
