import { type MigrationInterface, type QueryRunner } from "typeorm";
import { REGISTRY_NAME_INDEX } from "../1732492800000-registry-name-unique";

/**
 * PostgreSQL's counterpart of SQLite's RegistryNameUnique1732492800000 and the registry columns
 * of HelmVersionOrder1732579200000: registry names unique per scope and kind
 * (case-insensitively, a system registry's null tenant as one owner), a Helm index's own
 * annotations and serverInfo (`index_info`), and Palette's FIPS registry flag (`fips`). Stored
 * sort keys need no recomputation here: no PostgreSQL catalog predates Helm's version order.
 */
export class RegistryNameIndexInfo1733184000000 implements MigrationInterface {
  name = "RegistryNameIndexInfo1733184000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX ${REGISTRY_NAME_INDEX} ON registry (scope, COALESCE(tenant_id, ''), kind, LOWER(name))`,
    );
    await q.query(`ALTER TABLE "registry" ADD "index_info" text`);
    await q.query(`ALTER TABLE "registry" ADD "fips" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "registry" DROP COLUMN "fips"`);
    await q.query(`ALTER TABLE "registry" DROP COLUMN "index_info"`);
    await q.query(`DROP INDEX ${REGISTRY_NAME_INDEX}`);
  }
}
