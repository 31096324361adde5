import { type MigrationInterface, type QueryRunner, Table, TableForeignKey } from "typeorm";

/**
 * The first schema: registries, charts, chart versions and sync runs. Written with TypeORM's
 * Table API rather than SQL text so that the same migration runs on SQLite and PostgreSQL.
 */
export class InitialCatalog1732060800000 implements MigrationInterface {
  name = "InitialCatalog1732060800000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts =
      queryRunner.connection.driver.options.type === "postgres" ? "timestamptz" : "datetime";
    await queryRunner.createTable(
      new Table({
        name: "registry",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "tenant_id", type: "varchar", length: "128", isNullable: true },
          { name: "scope", type: "varchar", length: "16" },
          { name: "name", type: "varchar", length: "128" },
          { name: "kind", type: "varchar", length: "16" },
          { name: "endpoint", type: "varchar", length: "2048" },
          { name: "is_default", type: "boolean", default: false },
          { name: "protected", type: "boolean", default: false },
          { name: "sync_enabled", type: "boolean", default: true },
          { name: "auth_type", type: "varchar", length: "16", default: "'NONE'" },
          { name: "auth_username", type: "varchar", length: "256", isNullable: true },
          { name: "auth_secret", type: "text", isNullable: true },
          { name: "tls_ca_certificate", type: "text", isNullable: true },
          { name: "tls_insecure_skip_verify", type: "boolean", default: false },
          { name: "last_synced_at", type: ts, isNullable: true },
          { name: "listing_etag", type: "varchar", length: "512", isNullable: true },
          { name: "listing_last_modified", type: "varchar", length: "128", isNullable: true },
          { name: "listing_digest", type: "varchar", length: "80", isNullable: true },
          { name: "created_at", type: ts },
          { name: "updated_at", type: ts },
        ],
        indices: [
          { name: "idx_registry_tenant_name", columnNames: ["tenant_id", "name"] },
          { name: "idx_registry_scope", columnNames: ["scope"] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "chart",
        columns: [
          {
            name: "id",
            type: "integer",
            isPrimary: true,
            isGenerated: true,
            generationStrategy: "increment",
          },
          { name: "registry_id", type: "varchar", length: "36" },
          { name: "name", type: "varchar", length: "256" },
          { name: "description", type: "text", isNullable: true },
          { name: "icon", type: "text", isNullable: true },
          { name: "home", type: "text", isNullable: true },
          { name: "keywords", type: "text", default: "'[]'" },
          { name: "deprecated", type: "boolean", default: false },
          { name: "latest_version_id", type: "integer", isNullable: true },
          { name: "latest_version", type: "varchar", length: "256", isNullable: true },
          { name: "version_count", type: "integer", default: 0 },
          { name: "created_at", type: ts },
          { name: "updated_at", type: ts },
        ],
        indices: [
          { name: "uq_chart_registry_name", columnNames: ["registry_id", "name"], isUnique: true },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ["registry_id"],
            referencedTableName: "registry",
            referencedColumnNames: ["id"],
            onDelete: "CASCADE",
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "chart_version",
        columns: [
          {
            name: "id",
            type: "integer",
            isPrimary: true,
            isGenerated: true,
            generationStrategy: "increment",
          },
          { name: "chart_id", type: "integer" },
          { name: "registry_id", type: "varchar", length: "36" },
          { name: "version", type: "varchar", length: "256" },
          { name: "sort_key", type: "varchar", length: "512" },
          { name: "is_semver", type: "boolean" },
          { name: "prerelease", type: "boolean" },
          { name: "deprecated", type: "boolean", default: false },
          { name: "app_version", type: "varchar", length: "256", isNullable: true },
          { name: "description", type: "text", isNullable: true },
          { name: "created", type: "varchar", length: "64", isNullable: true },
          { name: "digest", type: "varchar", length: "160", isNullable: true },
          { name: "urls", type: "text", default: "'[]'" },
          { name: "kube_version", type: "varchar", length: "256", isNullable: true },
          { name: "api_version", type: "varchar", length: "16", isNullable: true },
          { name: "type", type: "varchar", length: "32", isNullable: true },
          { name: "keywords", type: "text", default: "'[]'" },
          { name: "home", type: "text", isNullable: true },
          { name: "icon", type: "text", isNullable: true },
          { name: "sources", type: "text", default: "'[]'" },
          { name: "maintainers", type: "text", default: "'[]'" },
          { name: "dependencies", type: "text", default: "'[]'" },
          { name: "annotations", type: "text", default: "'{}'" },
          { name: "content_hash", type: "varchar", length: "64" },
          { name: "created_at", type: ts },
          { name: "updated_at", type: ts },
        ],
        indices: [
          {
            name: "uq_chart_version_chart_version",
            columnNames: ["chart_id", "version"],
            isUnique: true,
          },
          { name: "idx_chart_version_chart_sort", columnNames: ["chart_id", "sort_key"] },
          { name: "idx_chart_version_registry", columnNames: ["registry_id"] },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ["chart_id"],
            referencedTableName: "chart",
            referencedColumnNames: ["id"],
            onDelete: "CASCADE",
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "sync_run",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "registry_id", type: "varchar", length: "36" },
          { name: "status", type: "varchar", length: "16" },
          { name: "phase", type: "varchar", length: "16" },
          { name: "trigger", type: "varchar", length: "16" },
          { name: "queued_at", type: ts },
          { name: "started_at", type: ts, isNullable: true },
          { name: "finished_at", type: ts, isNullable: true },
          { name: "unchanged", type: "boolean", default: false },
          { name: "charts_seen", type: "integer", default: 0 },
          { name: "versions_seen", type: "integer", default: 0 },
          { name: "charts_added", type: "integer", default: 0 },
          { name: "charts_removed", type: "integer", default: 0 },
          { name: "versions_added", type: "integer", default: 0 },
          { name: "versions_updated", type: "integer", default: 0 },
          { name: "versions_removed", type: "integer", default: 0 },
          { name: "versions_unchanged", type: "integer", default: 0 },
          { name: "versions_skipped", type: "integer", default: 0 },
          { name: "bytes_fetched", type: "integer", default: 0 },
          { name: "warnings", type: "text", default: "'[]'" },
          { name: "error_code", type: "varchar", length: "32", isNullable: true },
          { name: "error_message", type: "text", isNullable: true },
          { name: "retry_of", type: "varchar", length: "36", isNullable: true },
        ],
        indices: [
          { name: "idx_sync_run_registry_created", columnNames: ["registry_id", "queued_at"] },
          { name: "idx_sync_run_status", columnNames: ["status"] },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ["registry_id"],
            referencedTableName: "registry",
            referencedColumnNames: ["id"],
            onDelete: "CASCADE",
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("sync_run");
    await queryRunner.dropTable("chart_version");
    await queryRunner.dropTable("chart");
    await queryRunner.dropTable("registry");
  }
}
