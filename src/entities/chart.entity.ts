import type { ChartKind } from "../domain/enums";
import { JSON_TEXT } from "../store/portable-types";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * A chart of one registry. Display fields (description, icon, …) and `latestVersion` are
 * denormalized from the chart's latest version at sync time, so a page of charts is one read.
 */
@Entity({ name: "chart" })
@Index("uq_chart_registry_name", ["registryId", "name"], { unique: true })
@Index("idx_chart_kind_layer", ["kind", "layer"])
export class ChartEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: "registry_id", type: "varchar", length: 36 })
  registryId!: string;

  @Column({ type: "varchar", length: 256 })
  name!: string;

  /** HELM_CHART, PACK or ZARF_PACKAGE. */
  @Column({ type: "varchar", length: 16, default: "HELM_CHART" })
  kind!: ChartKind;

  @Column({ type: "text", nullable: true })
  description!: string | null;

  /** Packs: pack.json `displayName` of the latest version. */
  @Column({ name: "display_name", type: "text", nullable: true })
  displayName!: string | null;

  /** Packs: kernel, os, k8s, cni, csi or addon. */
  @Column({ type: "varchar", length: 16, nullable: true })
  layer!: string | null;

  @Column({ name: "addon_type", type: "varchar", length: 128, nullable: true })
  addonType!: string | null;

  @Column({ name: "addon_sub_type", type: "varchar", length: 128, nullable: true })
  addonSubType!: string | null;

  /** Packs: JSON array of cloud types (`all`, `aws`, …). */
  @Column({ name: "cloud_types", type: JSON_TEXT, default: "[]" })
  cloudTypes!: string;

  @Column({ name: "pack_group", type: "varchar", length: 128, nullable: true })
  group!: string | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  eol!: string | null;

  @Column({ name: "logo_url", type: "text", nullable: true })
  logoUrl!: string | null;

  @Column({ type: "text", nullable: true })
  icon!: string | null;

  @Column({ type: "text", nullable: true })
  home!: string | null;

  /** JSON array of strings. */
  @Column({ type: JSON_TEXT, default: "[]" })
  keywords!: string;

  @Column({ type: "boolean", default: false })
  deprecated!: boolean;

  @Column({ name: "latest_version_id", type: "integer", nullable: true })
  latestVersionId!: number | null;

  @Column({ name: "latest_version", type: "varchar", length: 256, nullable: true })
  latestVersion!: string | null;

  @Column({ name: "version_count", type: "integer", default: 0 })
  versionCount!: number;

  @Column({ name: "created_at", type: "datetime" })
  createdAt!: Date;

  @Column({ name: "updated_at", type: "datetime" })
  updatedAt!: Date;
}
