import { type MigrationInterface, type QueryRunner } from "typeorm";
import { createWebhookTables } from "../1733529600000-webhooks";

/** PostgreSQL: the webhook tables (the same Table definitions as SQLite's, with timestamptz). */
export class PostgresWebhooks1733529600000 implements MigrationInterface {
  name = "PostgresWebhooks1733529600000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await createWebhookTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP TABLE "webhook"`);
  }
}
