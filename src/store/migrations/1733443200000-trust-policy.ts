import { type MigrationInterface, type QueryRunner, Table, TableIndex } from "typeorm";

/**
 * Trust policies and signatures (issue 21): `trusted_key` (the public keys of each tenant's and
 * the system's policy), `signature_probe` (what was found when a digest's signatures were read,
 * cached by digest) and `signature_check` (which key verifies which digest's signature: facts,
 * judged against the viewer's policy when read). New tables only: `registry` is not touched.
 */
export class TrustPolicy1733443200000 implements MigrationInterface {
  name = "TrustPolicy1733443200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "trusted_key",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "scope", type: "varchar", length: "16" },
          { name: "tenant_id", type: "varchar", length: "128", isNullable: true },
          { name: "type", type: "varchar", length: "16" },
          { name: "fingerprint", type: "varchar", length: "128" },
          { name: "key_ids", type: "text", default: "'[]'" },
          { name: "algorithm", type: "varchar", length: "64" },
          { name: "user_ids", type: "text", default: "'[]'" },
          { name: "name", type: "varchar", length: "256", isNullable: true },
          { name: "public_key", type: "text" },
          { name: "created_at", type: "datetime" },
        ],
        indices: [
          new TableIndex({ name: "idx_trusted_key_owner", columnNames: ["scope", "tenant_id"] }),
          new TableIndex({ name: "idx_trusted_key_fingerprint", columnNames: ["fingerprint"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "signature_probe",
        columns: [
          { name: "digest", type: "varchar", length: "160", isPrimary: true },
          { name: "method", type: "varchar", length: "32", isPrimary: true },
          { name: "outcome", type: "varchar", length: "16" },
          { name: "message", type: "text", isNullable: true },
          { name: "signatures", type: "text", default: "'[]'" },
          { name: "checked_at", type: "datetime" },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "signature_check",
        columns: [
          { name: "digest", type: "varchar", length: "160", isPrimary: true },
          { name: "method", type: "varchar", length: "32", isPrimary: true },
          { name: "key_fingerprint", type: "varchar", length: "128", isPrimary: true },
          { name: "signer", type: "text", isNullable: true },
          { name: "checked_at", type: "datetime" },
        ],
        indices: [
          new TableIndex({ name: "idx_signature_check_key", columnNames: ["key_fingerprint"] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("signature_check");
    await queryRunner.dropTable("signature_probe");
    await queryRunner.dropTable("trusted_key");
  }
}
