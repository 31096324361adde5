import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * What a fleet of instances shares besides the catalog (PostgreSQL only; one SQLite process keeps
 * these in memory):
 *
 * - `sync_budget`: each tenant's SYNC_REQUESTS_PER_MINUTE token bucket (see StoreRateLimiter);
 * - `uq_sync_run_in_flight`: at most one QUEUED or RUNNING run per registry. Instances already
 *   take the registry's advisory lock before they record a run (see sync/fleet.ts); this index
 *   makes a second run in flight impossible whatever happens to the locks.
 */
export class Fleet1733097600000 implements MigrationInterface {
  name = "Fleet1733097600000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sync_budget" (
      "tenant_id" character varying(128) NOT NULL,
      "tokens" double precision NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_sync_budget" PRIMARY KEY ("tenant_id"))`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_sync_run_in_flight" ON "sync_run" ("registry_id")
        WHERE "status" IN ('QUEUED', 'RUNNING')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_sync_run_in_flight"`);
    await q.query(`DROP TABLE "sync_budget"`);
  }
}
