import { type MigrationInterface, type QueryRunner, Table } from "typeorm";

/**
 * The catalog version: one counter that every completed sync run and every registry change
 * advances (see store/catalog-version.ts). The response cache keys read queries by it, so a
 * cached page is never older than the catalog; a counter in the store (not in memory) keeps
 * this true when several gateway processes share one PostgreSQL catalog.
 */
export class CatalogVersion1732406400000 implements MigrationInterface {
  name = "CatalogVersion1732406400000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "catalog_state",
        columns: [
          { name: "id", type: "integer", isPrimary: true },
          { name: "version", type: "bigint", default: 0 },
        ],
      }),
    );
    await queryRunner.query("INSERT INTO catalog_state (id, version) VALUES (1, 0)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("catalog_state");
  }
}
