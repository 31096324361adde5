import { JSON_TEXT } from "../store/portable-types";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * One version of a chart. `sortKey` orders versions by semantic-version precedence with a plain
 * byte comparison (see services/catalog/version-order.ts), so "highest first" pages are index scans.
 * List-valued fields are JSON text.
 */
@Entity({ name: "chart_version" })
@Index("uq_chart_version_chart_version", ["chartId", "version"], { unique: true })
@Index("idx_chart_version_chart_sort", ["chartId", "sortKey"])
@Index("idx_chart_version_registry", ["registryId"])
export class ChartVersionEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: "chart_id", type: "integer" })
  chartId!: number;

  @Column({ name: "registry_id", type: "varchar", length: 36 })
  registryId!: string;

  @Column({ type: "varchar", length: 256 })
  version!: string;

  /** Compared byte by byte (PostgreSQL: `COLLATE "C"`, whatever the database's collation). */
  @Column({ name: "sort_key", type: "varchar", length: 512, collation: "C" })
  sortKey!: string;

  /** False when the version is not a valid semantic version (kept, sorted last, flagged). */
  @Column({ name: "is_semver", type: "boolean" })
  isSemver!: boolean;

  @Column({ type: "boolean" })
  prerelease!: boolean;

  @Column({ type: "boolean", default: false })
  deprecated!: boolean;

  @Column({ name: "app_version", type: "varchar", length: 256, nullable: true })
  appVersion!: string | null;

  @Column({ type: "text", nullable: true })
  description!: string | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  created!: string | null;

  @Column({ type: "varchar", length: 160, nullable: true })
  digest!: string | null;

  @Column({ type: JSON_TEXT, default: "[]" })
  urls!: string;

  @Column({ name: "kube_version", type: "varchar", length: 256, nullable: true })
  kubeVersion!: string | null;

  @Column({ name: "api_version", type: "varchar", length: 16, nullable: true })
  apiVersion!: string | null;

  @Column({ type: "varchar", length: 32, nullable: true })
  type!: string | null;

  @Column({ type: JSON_TEXT, default: "[]" })
  keywords!: string;

  @Column({ type: "text", nullable: true })
  home!: string | null;

  @Column({ type: "text", nullable: true })
  icon!: string | null;

  @Column({ type: JSON_TEXT, default: "[]" })
  sources!: string;

  @Column({ type: JSON_TEXT, default: "[]" })
  maintainers!: string;

  @Column({ type: JSON_TEXT, default: "[]" })
  dependencies!: string;

  @Column({ type: JSON_TEXT, default: "{}" })
  annotations!: string;

  /** OCI: the tag the version was read from (`+` is `_` in tags). */
  @Column({ type: "varchar", length: 256, nullable: true })
  tag!: string | null;

  /** OCI: `host/repository:tag@sha256:…`, the version's manifest pinned by digest. */
  @Column({ name: "oci_reference", type: "varchar", length: 2048, nullable: true })
  ociReference!: string | null;

  /** Packs: the version's pack.json metadata (PackVersionInfo as JSON). */
  @Column({ type: JSON_TEXT, nullable: true })
  pack!: string | null;

  /** Packs: JSON array of the floating tags that point at this version. */
  @Column({ name: "parent_tags", type: JSON_TEXT, nullable: true })
  parentTags!: string | null;

  /** Hash of the normalized record: a re-sync compares it to tell updated from unchanged. */
  @Column({ name: "content_hash", type: "varchar", length: 64 })
  contentHash!: string;

  @Column({ name: "created_at", type: "datetime" })
  createdAt!: Date;

  @Column({ name: "updated_at", type: "datetime" })
  updatedAt!: Date;
}
