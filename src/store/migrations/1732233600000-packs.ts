import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from "typeorm";

/**
 * Palette packs: what a chart is (`kind`) and the pack fields of a chart (display name, layer,
 * add-on type and sub-type, cloud types, group, end of life, logo), denormalized from its
 * latest version like the other display fields; and per version the pack metadata (pack.json,
 * as JSON) and its parent tags. Charts of Zarf registries already stored become ZARF_PACKAGE.
 */
export class Packs1732233600000 implements MigrationInterface {
  name = "Packs1732233600000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns("chart", [
      new TableColumn({ name: "kind", type: "varchar", length: "16", default: "'HELM_CHART'" }),
      new TableColumn({ name: "display_name", type: "text", isNullable: true }),
      new TableColumn({ name: "layer", type: "varchar", length: "16", isNullable: true }),
      new TableColumn({ name: "addon_type", type: "varchar", length: "128", isNullable: true }),
      new TableColumn({ name: "addon_sub_type", type: "varchar", length: "128", isNullable: true }),
      new TableColumn({ name: "cloud_types", type: "text", default: "'[]'" }),
      new TableColumn({ name: "pack_group", type: "varchar", length: "128", isNullable: true }),
      new TableColumn({ name: "eol", type: "varchar", length: "64", isNullable: true }),
      new TableColumn({ name: "logo_url", type: "text", isNullable: true }),
    ]);
    await queryRunner.createIndex(
      "chart",
      new TableIndex({ name: "idx_chart_kind_layer", columnNames: ["kind", "layer"] }),
    );
    await queryRunner.addColumns("chart_version", [
      new TableColumn({ name: "pack", type: "text", isNullable: true }),
      new TableColumn({ name: "parent_tags", type: "text", isNullable: true }),
    ]);
    await queryRunner.query(
      `UPDATE chart SET kind = 'ZARF_PACKAGE'
        WHERE registry_id IN (SELECT id FROM registry WHERE oci_provider_type = 'ZARF')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ["pack", "parent_tags"])
      await queryRunner.dropColumn("chart_version", column);
    await queryRunner.dropIndex("chart", "idx_chart_kind_layer");
    for (const column of [
      "kind",
      "display_name",
      "layer",
      "addon_type",
      "addon_sub_type",
      "cloud_types",
      "pack_group",
      "eol",
      "logo_url",
    ])
      await queryRunner.dropColumn("chart", column);
  }
}
