import { type MigrationInterface, type QueryRunner, Table, TableColumn } from "typeorm";

/**
 * OCI registries and version content: the OCI settings of a registry (provider type, auth kind,
 * base content paths, explicit repositories, ECR region/role), the tag and pinned reference of
 * a version read from an OCI registry, and a cache of version documents (values, README,
 * schema) keyed by package digest.
 */
export class OciRegistries1732147200000 implements MigrationInterface {
  name = "OciRegistries1732147200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts =
      queryRunner.connection.driver.options.type === "postgres" ? "timestamptz" : "datetime";
    await queryRunner.addColumns("registry", [
      new TableColumn({
        name: "oci_provider_type",
        type: "varchar",
        length: "16",
        isNullable: true,
      }),
      new TableColumn({ name: "oci_auth_kind", type: "varchar", length: "16", isNullable: true }),
      new TableColumn({ name: "oci_base_content_paths", type: "text", default: "'[]'" }),
      new TableColumn({ name: "oci_repositories", type: "text", default: "'[]'" }),
      new TableColumn({ name: "ecr_region", type: "varchar", length: "32", isNullable: true }),
      new TableColumn({ name: "ecr_role_arn", type: "varchar", length: "2048", isNullable: true }),
      new TableColumn({
        name: "ecr_external_id",
        type: "varchar",
        length: "1224",
        isNullable: true,
      }),
    ]);
    await queryRunner.addColumns("chart_version", [
      new TableColumn({ name: "tag", type: "varchar", length: "256", isNullable: true }),
      new TableColumn({ name: "oci_reference", type: "varchar", length: "2048", isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: "version_content",
        columns: [
          { name: "content_key", type: "varchar", length: "300", isPrimary: true },
          { name: "package_digest", type: "varchar", length: "64" },
          { name: "values_yaml", type: "text", isNullable: true },
          { name: "readme", type: "text", isNullable: true },
          { name: "schema_text", type: "text", isNullable: true },
          { name: "bytes_fetched", type: "integer" },
          { name: "fetched_at", type: ts },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("version_content");
    for (const column of ["tag", "oci_reference"])
      await queryRunner.dropColumn("chart_version", column);
    for (const column of [
      "oci_provider_type",
      "oci_auth_kind",
      "oci_base_content_paths",
      "oci_repositories",
      "ecr_region",
      "ecr_role_arn",
      "ecr_external_id",
    ])
      await queryRunner.dropColumn("registry", column);
  }
}
