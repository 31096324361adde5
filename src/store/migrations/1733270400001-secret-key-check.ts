import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * `secret_key_check`: the key check value of the key that seals registry secrets (one row; see
 * store/secret-key-check.ts), so that an instance started with another key refuses to start.
 * The same SQL on both stores; registered in both sets.
 */
export class SecretKeyCheck1733270400001 implements MigrationInterface {
  name = "SecretKeyCheck1733270400001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "secret_key_check" (
      "id" integer NOT NULL,
      "key_check" varchar(64) NOT NULL,
      CONSTRAINT "PK_secret_key_check" PRIMARY KEY ("id"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "secret_key_check"`);
  }
}
