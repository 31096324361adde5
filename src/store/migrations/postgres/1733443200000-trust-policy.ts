import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Trust policies and signatures (issue 21), as on SQLite (../1733443200000-trust-policy.ts):
 * `trusted_key`, `signature_probe` (cached by digest) and `signature_check` (facts: which key
 * verifies which digest's signature).
 */
export class PostgresTrustPolicy1733443200000 implements MigrationInterface {
  name = "PostgresTrustPolicy1733443200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "trusted_key" (
      "id" character varying(36) NOT NULL,
      "scope" character varying(16) NOT NULL,
      "tenant_id" character varying(128),
      "type" character varying(16) NOT NULL,
      "fingerprint" character varying(128) NOT NULL,
      "key_ids" text NOT NULL DEFAULT '[]',
      "algorithm" character varying(64) NOT NULL,
      "user_ids" text NOT NULL DEFAULT '[]',
      "name" character varying(256),
      "public_key" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_trusted_key" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_trusted_key_owner" ON "trusted_key" ("scope", "tenant_id")`);
    await q.query(`CREATE INDEX "idx_trusted_key_fingerprint" ON "trusted_key" ("fingerprint")`);
    await q.query(`CREATE TABLE "signature_probe" (
      "digest" character varying(160) NOT NULL,
      "method" character varying(32) NOT NULL,
      "outcome" character varying(16) NOT NULL,
      "message" text,
      "signatures" text NOT NULL DEFAULT '[]',
      "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_signature_probe" PRIMARY KEY ("digest", "method"))`);
    await q.query(`CREATE TABLE "signature_check" (
      "digest" character varying(160) NOT NULL,
      "method" character varying(32) NOT NULL,
      "key_fingerprint" character varying(128) NOT NULL,
      "signer" text,
      "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_signature_check" PRIMARY KEY ("digest", "method", "key_fingerprint"))`);
    await q.query(
      `CREATE INDEX "idx_signature_check_key" ON "signature_check" ("key_fingerprint")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "signature_check"`);
    await q.query(`DROP TABLE "signature_probe"`);
    await q.query(`DROP TABLE "trusted_key"`);
  }
}
