import type { SignatureMethod } from "../../domain/enums";
import type { SignatureProbe } from "../../providers/provider";
import { verifyCosign } from "../../providers/signatures/cosign";
import { verifyProvenance } from "../../providers/signatures/provenance";
import type { DataSource, EntityManager } from "typeorm";
import type { SqlExecutor } from "../../store/catalog-transaction";
import { placeholders, sql } from "../../store/sql";

/**
 * Signature facts: which key verifies which digest's signature. Whether a signature is valid for
 * a key is a fact about (digest, signature, key), computed once, when the signature is stored
 * (against every key of every trust policy) or when a key is added (against every stored
 * signature); whether that makes a version VERIFIED for a viewer is decided at read time, against
 * the viewer's policy (see verification.ts). A policy change so takes effect without a re-sync,
 * and one tenant's keys never decide another tenant's answer.
 */

/** A key as the fact computation needs it. */
export interface FactKey {
  fingerprint: string;
  type: string;
  keyIds: string[];
  publicKey: string;
  userIds: string[];
  name: string | null;
}

/** One fact: a signature of `digest` verifies with the key of `fingerprint`. */
export interface SignatureFact {
  digest: string;
  method: SignatureMethod;
  fingerprint: string;
  signer: string | null;
}

/** The key type that checks a method's signatures. */
export function keyTypeOf(method: SignatureMethod): "OPENPGP" | "COSIGN" {
  return method === "HELM_PROVENANCE" ? "OPENPGP" : "COSIGN";
}

/**
 * The facts of one probe against `keys`: each key (of the method's type) that verifies one of
 * its signatures, skipping signatures that cannot sign the digest whatever the key. OpenPGP
 * keys are tried only on signatures naming one of their key ids.
 */
export async function factsOf(probe: SignatureProbe, keys: FactKey[]): Promise<SignatureFact[]> {
  if (probe.outcome !== "SIGNED") return [];
  const type = keyTypeOf(probe.method);
  const facts: SignatureFact[] = [];
  for (const key of keys) {
    if (key.type !== type) continue;
    for (const signature of probe.signatures) {
      if (signature.problem !== null) continue;
      let signer: string | null | undefined;
      if (probe.method === "COSIGN") {
        if (
          verifyCosign(Buffer.from(signature.payload, "base64"), signature.signature, key.publicKey)
        )
          signer = key.name ?? key.userIds[0] ?? null;
      } else if (signature.keyIds.some((id) => key.keyIds.includes(id))) {
        signer = (await verifyProvenance(signature.payload, key.publicKey))?.signer;
      }
      if (signer !== undefined) {
        facts.push({
          digest: probe.digest,
          method: probe.method,
          fingerprint: key.fingerprint,
          signer,
        });
        break;
      }
    }
  }
  return facts;
}

interface KeyRow {
  fingerprint: string;
  type: string;
  key_ids: string;
  public_key: string;
  user_ids: string;
  name: string | null;
}

/** Every key of every trust policy (distinct by fingerprint), of one type or all. */
export async function allKeys(tx: SqlExecutor, type?: string): Promise<FactKey[]> {
  const rows = await tx.all<KeyRow>(
    `SELECT fingerprint, type, key_ids, public_key, user_ids, name FROM trusted_key${type ? " WHERE type = ?" : ""}`,
    type ? [type] : [],
  );
  const byFingerprint = new Map<string, FactKey>();
  for (const row of rows) {
    if (byFingerprint.has(row.fingerprint)) continue;
    byFingerprint.set(row.fingerprint, {
      fingerprint: row.fingerprint,
      type: row.type,
      keyIds: JSON.parse(row.key_ids) as string[],
      publicKey: row.public_key,
      userIds: JSON.parse(row.user_ids) as string[],
      name: row.name,
    });
  }
  return [...byFingerprint.values()];
}

/**
 * Stores probes (replacing what was stored for their digests) and their facts against every key
 * of every policy, inside the caller's transaction.
 */
export async function storeProbes(
  tx: SqlExecutor,
  probes: SignatureProbe[],
  now: string | Date,
): Promise<void> {
  if (probes.length === 0) return;
  const keys = await allKeys(tx);
  for (const probe of probes) {
    await tx.run("DELETE FROM signature_probe WHERE digest = ? AND method = ?", [
      probe.digest,
      probe.method,
    ]);
    await tx.run(
      "INSERT INTO signature_probe (digest, method, outcome, message, signatures, checked_at) VALUES (?, ?, ?, ?, ?, ?)",
      [
        probe.digest,
        probe.method,
        probe.outcome,
        probe.message,
        JSON.stringify(probe.signatures),
        now,
      ],
    );
    await tx.run("DELETE FROM signature_check WHERE digest = ? AND method = ?", [
      probe.digest,
      probe.method,
    ]);
    await insertFacts(tx, await factsOf(probe, keys), now);
  }
}

/** Computes and stores the facts of one newly trusted key against every stored signature. */
export async function storeFactsOfKey(
  tx: SqlExecutor,
  key: FactKey,
  now: string | Date,
): Promise<void> {
  const method: SignatureMethod = key.type === "OPENPGP" ? "HELM_PROVENANCE" : "COSIGN";
  const rows = await tx.all<{ digest: string; signatures: string; message: string | null }>(
    "SELECT digest, signatures, message FROM signature_probe WHERE method = ? AND outcome = ?",
    [method, "SIGNED"],
  );
  const facts: SignatureFact[] = [];
  for (const row of rows) {
    const probe: SignatureProbe = {
      digest: row.digest,
      method,
      outcome: "SIGNED",
      message: row.message,
      signatures: JSON.parse(row.signatures) as SignatureProbe["signatures"],
    };
    facts.push(...(await factsOf(probe, [key])));
  }
  await tx.run("DELETE FROM signature_check WHERE key_fingerprint = ?", [key.fingerprint]);
  await insertFacts(tx, facts, now);
}

async function insertFacts(
  tx: SqlExecutor,
  facts: SignatureFact[],
  now: string | Date,
): Promise<void> {
  for (const fact of facts) {
    await tx.run(
      "INSERT INTO signature_check (digest, method, key_fingerprint, signer, checked_at) VALUES (?, ?, ?, ?, ?)",
      [fact.digest, fact.method, fact.fingerprint, fact.signer, now],
    );
  }
}

/**
 * What is cached for the cosign signatures of a registry's versions, by manifest digest: a sync
 * reads again only what is missing (see ListOptions.signatures).
 */
export async function knownCosignProbes(
  db: DataSource,
  registryId: string,
): Promise<Map<string, SignatureProbe["outcome"]>> {
  const references = await sql<{ oci_reference: string | null }>(
    db,
    "SELECT oci_reference FROM chart_version WHERE registry_id = ? AND oci_reference IS NOT NULL",
    [registryId],
  );
  const digests = [
    ...new Set(
      references.map((r) => r.oci_reference?.split("@")[1]).filter((d) => d !== undefined),
    ),
  ];
  const known = new Map<string, SignatureProbe["outcome"]>();
  for (let i = 0; i < digests.length; i += 500) {
    const chunk = digests.slice(i, i + 500);
    const rows = await sql<{ digest: string; outcome: SignatureProbe["outcome"] }>(
      db,
      `SELECT digest, outcome FROM signature_probe WHERE method = ? AND digest IN (${placeholders(chunk.length)})`,
      ["COSIGN", ...chunk],
    );
    for (const row of rows) known.set(row.digest, row.outcome);
  }
  return known;
}

/** The statements of a TypeORM transaction, as the fact functions take them. */
export function executorOf(em: EntityManager): SqlExecutor {
  return {
    all: <T>(text: string, params: readonly unknown[] = []) => sql<T>(em, text, params),
    run: async (text, params = []) => {
      await sql(em, text, params);
    },
  };
}
