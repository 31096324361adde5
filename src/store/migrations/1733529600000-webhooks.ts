import { type MigrationInterface, type QueryRunner, Table } from "typeorm";

/**
 * Webhooks and their outbox (`webhook_delivery`: one row per event and webhook, which is also the
 * delivery log; removing a webhook deletes its deliveries in the same transaction). Written with TypeORM's Table API, so that the PostgreSQL migration of the same
 * timestamp (postgres/1733529600000-webhooks.ts) builds the same tables with its own time type.
 */
export async function createWebhookTables(queryRunner: QueryRunner): Promise<void> {
  const ts = queryRunner.connection.driver.options.type === "postgres" ? "timestamptz" : "datetime";
  // JSON_TEXT columns (store/portable-types.ts): jsonb on PostgreSQL. The delivery payload stays
  // text on both: it is the exact body that is signed and sent.
  const json = queryRunner.connection.driver.options.type === "postgres" ? "jsonb" : "text";
  await queryRunner.createTable(
    new Table({
      name: "webhook",
      columns: [
        { name: "id", type: "varchar", length: "36", isPrimary: true },
        { name: "tenant_id", type: "varchar", length: "128", isNullable: true },
        { name: "scope", type: "varchar", length: "16" },
        { name: "url", type: "varchar", length: "2048" },
        { name: "events", type: json },
        { name: "filter_registry_id", type: "varchar", length: "36", isNullable: true },
        { name: "filter_chart", type: "varchar", length: "256", isNullable: true },
        { name: "filter_range", type: "varchar", length: "256", isNullable: true },
        { name: "secret", type: "text" },
        { name: "active", type: "boolean", default: true },
        { name: "created_at", type: ts },
        { name: "updated_at", type: ts },
      ],
      indices: [{ name: "idx_webhook_tenant", columnNames: ["tenant_id"] }],
    }),
  );
  await queryRunner.createTable(
    new Table({
      name: "webhook_delivery",
      columns: [
        { name: "id", type: "varchar", length: "36", isPrimary: true },
        { name: "webhook_id", type: "varchar", length: "36" },
        { name: "event", type: "varchar", length: "32" },
        { name: "payload", type: "text" },
        { name: "status", type: "varchar", length: "16" },
        { name: "attempts", type: "integer", default: 0 },
        { name: "next_attempt_at", type: ts },
        { name: "lease_until", type: ts, isNullable: true },
        { name: "last_attempt_at", type: ts, isNullable: true },
        { name: "last_status_code", type: "integer", isNullable: true },
        { name: "last_error", type: "text", isNullable: true },
        { name: "delivered_at", type: ts, isNullable: true },
        { name: "created_at", type: ts },
      ],
      indices: [
        { name: "idx_webhook_delivery_due", columnNames: ["status", "next_attempt_at"] },
        { name: "idx_webhook_delivery_webhook", columnNames: ["webhook_id", "created_at"] },
      ],
    }),
  );
}

/** SQLite: the webhook tables. */
export class Webhooks1733529600000 implements MigrationInterface {
  name = "Webhooks1733529600000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await createWebhookTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("webhook_delivery");
    await queryRunner.dropTable("webhook");
  }
}
