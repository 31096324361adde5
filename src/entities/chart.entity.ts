import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * A chart of one registry. Display fields (description, icon, …) and `latestVersion` are
 * denormalized from the chart's latest version at sync time, so a page of charts is one read.
 */
@Entity({ name: "chart" })
@Index("uq_chart_registry_name", ["registryId", "name"], { unique: true })
export class ChartEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: "registry_id", type: "varchar", length: 36 })
  registryId!: string;

  @Column({ type: "varchar", length: 256 })
  name!: string;

  @Column({ type: "text", nullable: true })
  description!: string | null;

  @Column({ type: "text", nullable: true })
  icon!: string | null;

  @Column({ type: "text", nullable: true })
  home!: string | null;

  /** JSON array of strings. */
  @Column({ type: "text", default: "[]" })
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
