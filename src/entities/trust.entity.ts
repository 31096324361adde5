import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { SignatureMethod, TrustedKeyType } from "../domain/enums";

/**
 * One public key of a trust policy: a tenant's (scope TENANT) or the system's (scope SYSTEM,
 * trusted by every tenant). An OpenPGP keyring becomes one row per key it holds.
 */
@Entity({ name: "trusted_key" })
@Index("idx_trusted_key_owner", ["scope", "tenantId"])
@Index("idx_trusted_key_fingerprint", ["fingerprint"])
export class TrustedKeyEntity {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id!: string;

  @Column({ type: "varchar", length: 16 })
  scope!: "TENANT" | "SYSTEM";

  @Column({ name: "tenant_id", type: "varchar", length: 128, nullable: true })
  tenantId!: string | null;

  @Column({ type: "varchar", length: 16 })
  type!: TrustedKeyType;

  /** OpenPGP: the primary key's fingerprint (hex); cosign: sha256 (hex) of the SPKI DER. */
  @Column({ type: "varchar", length: 128 })
  fingerprint!: string;

  /** OpenPGP: JSON list of the key ids (hex) of the primary key and its subkeys. */
  @Column({ name: "key_ids", type: "text", default: "[]" })
  keyIds!: string;

  @Column({ type: "varchar", length: 64 })
  algorithm!: string;

  /** OpenPGP: JSON list of the key's user ids. */
  @Column({ name: "user_ids", type: "text", default: "[]" })
  userIds!: string;

  @Column({ type: "varchar", length: 256, nullable: true })
  name!: string | null;

  /** The public key as given (armored OpenPGP key or PEM); never served. */
  @Column({ name: "public_key", type: "text" })
  publicKey!: string;

  @Column({ name: "created_at", type: "datetime" })
  createdAt!: Date;
}

/**
 * What was found when the signatures of one digest were read (cached by digest: every version of
 * any registry with that digest shares it). `signatures` is JSON (StoredSignature[]), small.
 */
@Entity({ name: "signature_probe" })
export class SignatureProbeEntity {
  /** `sha256:<hex>`: the package (Helm provenance) or the manifest (cosign). */
  @PrimaryColumn({ type: "varchar", length: 160 })
  digest!: string;

  @PrimaryColumn({ type: "varchar", length: 32 })
  method!: SignatureMethod;

  /** SIGNED, UNSIGNED or ERROR (could not be read; `message` says why). */
  @Column({ type: "varchar", length: 16 })
  outcome!: string;

  @Column({ type: "text", nullable: true })
  message!: string | null;

  @Column({ type: "text", default: "[]" })
  signatures!: string;

  @Column({ name: "checked_at", type: "datetime" })
  checkedAt!: Date;
}

/**
 * A fact: a signature of `digest` verifies with the key of `fingerprint` (and names that digest).
 * Whether that makes a version VERIFIED depends on the viewer's trust policy, read at query time.
 */
@Entity({ name: "signature_check" })
@Index("idx_signature_check_key", ["keyFingerprint"])
export class SignatureCheckEntity {
  @PrimaryColumn({ type: "varchar", length: 160 })
  digest!: string;

  @PrimaryColumn({ type: "varchar", length: 32 })
  method!: SignatureMethod;

  @PrimaryColumn({ name: "key_fingerprint", type: "varchar", length: 128 })
  keyFingerprint!: string;

  /** Who signed, as the key names itself (OpenPGP user id) or the policy names it. */
  @Column({ type: "text", nullable: true })
  signer!: string | null;

  @Column({ name: "checked_at", type: "datetime" })
  checkedAt!: Date;
}
