import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The documents of one version's package (values, README, schema), fetched on first request and
 * kept by package digest: every version (in any registry) with the same package shares them.
 */
@Entity({ name: "version_content" })
export class VersionContentEntity {
  /** `sha256:<hex>` of the package, or a per-version key when the registry states no digest. */
  @PrimaryColumn({ name: "content_key", type: "varchar", length: 300 })
  contentKey!: string;

  /** sha256 (hex) of the package that was read. */
  @Column({ name: "package_digest", type: "varchar", length: 64 })
  packageDigest!: string;

  @Column({ name: "values_yaml", type: "text", nullable: true })
  values!: string | null;

  @Column({ type: "text", nullable: true })
  readme!: string | null;

  /**
   * `values.schema.json` of a chart, `schema.yaml` of a pack; under a `zarf:` key, a Zarf
   * package's definition (zarf.yaml as JSON).
   */
  @Column({ name: "schema_text", type: "text", nullable: true })
  schema!: string | null;

  @Column({ name: "bytes_fetched", type: "integer" })
  bytesFetched!: number;

  @Column({ name: "fetched_at", type: "datetime" })
  fetchedAt!: Date;
}
