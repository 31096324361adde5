import { type MigrationInterface, type QueryRunner } from "typeorm";

/** The unique index on registry names (see RegistryEntity and REGISTRY_NAME_INDEX). */
export const REGISTRY_NAME_INDEX = "uq_registry_scope_kind_name";

/**
 * Registry names unique per scope (the tenant, or the system) and kind, case-insensitively, as a
 * constraint of the store: the service's look-up before an insert cannot see a twin inserted by
 * a concurrent request (50 parallel `addHelmRegistry` of one name made 50 registries). The
 * expression index treats a system registry's null tenant as one owner, which a plain unique
 * index on nullable `tenant_id` would not. Same SQL on SQLite and PostgreSQL.
 *
 * Stores that already hold twins (made by that race) keep every registry: all but the oldest of
 * each set are renamed `<name>-<first 8 characters of the id>` before the index is created.
 */
export class RegistryNameUnique1732492800000 implements MigrationInterface {
  name = "RegistryNameUnique1732492800000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE registry SET name = SUBSTR(name, 1, 119) || '-' || SUBSTR(id, 1, 8)
       WHERE EXISTS (
         SELECT 1 FROM registry older
         WHERE older.scope = registry.scope
           AND COALESCE(older.tenant_id, '') = COALESCE(registry.tenant_id, '')
           AND older.kind = registry.kind
           AND LOWER(older.name) = LOWER(registry.name)
           AND (older.created_at < registry.created_at
             OR (older.created_at = registry.created_at AND older.id < registry.id)))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX ${REGISTRY_NAME_INDEX} ON registry (scope, COALESCE(tenant_id, ''), kind, LOWER(name))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ${REGISTRY_NAME_INDEX}`);
  }
}
