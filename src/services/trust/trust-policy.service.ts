import { randomUUID } from "node:crypto";
import { type DataSource, type EntityManager, In } from "typeorm";
import { trustPolicyRefusal, trustedKeysSql } from "../../access/access-policy";
import { type Viewer } from "../../access/viewer";
import type { RegistryScope, TrustedKeyType } from "../../domain/enums";
import { TrustedKeyEntity } from "../../entities";
import { type Logger } from "../../observability/logger";
import { KeyInputError, parseTrustedKeys } from "../../providers/signatures/trust-keys";
import { executorOf } from "./signature-facts";
import { type CatalogVersion } from "../../store/catalog-version";
import { dbDate, sql } from "../../store/sql";
import { type WriteLock } from "../../store/write-lock";
import { ApiErrorCode, apiError, badInput, notFound } from "../api-errors";
import { storeFactsOfKey } from "./signature-facts";

/** Largest key text accepted (a keyring of a few dozen keys). */
const MAX_KEY_TEXT = 256 * 1024;

/** Who may add to or remove from a policy, as an API error; returns when allowed. */
function authorizeTrust(
  viewer: Viewer,
  action: "add" | "remove",
  owner: { scope: RegistryScope; tenantId: string | null },
): void {
  const denied = trustPolicyRefusal(viewer, action, owner);
  if (!denied) return;
  if (denied.code === "NOT_FOUND") throw notFound("Trusted key");
  throw apiError(ApiErrorCode[denied.code], denied.message);
}

/**
 * The trust policies: each tenant's keys and the system's. Adding a key checks it against every
 * stored signature once (the facts, see signature-facts.ts); removing one removes it from the
 * policy only. Either change advances the catalog version, so no cached answer outlives it.
 */
export class TrustPolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lock: WriteLock,
    private readonly catalogVersion: CatalogVersion,
    private readonly logger: Logger,
  ) {}

  /** The keys of the viewer's policy at `scope` (its tenant's, or the system's), oldest first. */
  async keys(viewer: Viewer, scope: RegistryScope | null): Promise<TrustedKeyEntity[]> {
    const visible = trustedKeysSql(viewer, "k");
    const rows = await sql<{ id: string }>(
      this.dataSource,
      `SELECT k.id FROM trusted_key k WHERE ${visible.where}${scope ? " AND k.scope = ?" : ""} ORDER BY k.created_at, k.id`,
      [...visible.params, ...(scope ? [scope] : [])],
    );
    if (rows.length === 0) return [];
    const entities = await this.dataSource
      .getRepository(TrustedKeyEntity)
      .findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(entities.map((e) => [e.id, e]));
    return rows.map((r) => byId.get(r.id)!).filter(Boolean);
  }

  /**
   * Adds the keys of `publicKey` (an armored OpenPGP keyring, or a cosign PEM public key) to the
   * policy of `scope`. BAD_USER_INPUT when the text is no such key or a key is already there.
   */
  async add(
    viewer: Viewer,
    input: {
      scope?: RegistryScope | null;
      type: TrustedKeyType;
      publicKey: string;
      name?: string | null;
    },
  ): Promise<TrustedKeyEntity[]> {
    const scope = input.scope ?? "TENANT";
    const owner = { scope, tenantId: scope === "SYSTEM" ? null : viewer.tenantId };
    authorizeTrust(viewer, "add", owner);
    if (input.publicKey.length > MAX_KEY_TEXT) {
      throw badInput(`publicKey is longer than ${MAX_KEY_TEXT} characters`, "publicKey");
    }
    const name = input.name?.trim() || null;
    if (name !== null && name.length > 256)
      throw badInput("name is longer than 256 characters", "name");
    let parsed;
    try {
      parsed = await parseTrustedKeys(input.type, input.publicKey);
    } catch (error) {
      if (error instanceof KeyInputError) throw badInput(error.message, "publicKey");
      throw error;
    }
    const existing = new Set(
      (await this.keysOf(owner)).filter((k) => k.type === input.type).map((k) => k.fingerprint),
    );
    const taken = parsed.find((k) => existing.has(k.fingerprint));
    if (taken) {
      throw badInput(`The key ${taken.fingerprint} is already in this trust policy`, "publicKey");
    }
    const now = new Date();
    const entities = parsed.map((key) =>
      Object.assign(new TrustedKeyEntity(), {
        id: randomUUID(),
        scope: owner.scope,
        tenantId: owner.tenantId,
        type: key.type,
        fingerprint: key.fingerprint,
        keyIds: JSON.stringify(key.keyIds),
        algorithm: key.algorithm,
        userIds: JSON.stringify(key.userIds),
        name,
        publicKey: key.publicKey,
        createdAt: now,
      }),
    );
    const when = dbDate(this.dataSource, now);
    await this.lock.run(() =>
      this.dataSource.transaction(async (em: EntityManager) => {
        await em.getRepository(TrustedKeyEntity).insert(entities);
        const tx = executorOf(em);
        for (const key of parsed) await storeFactsOfKey(tx, { ...key, name }, when);
      }),
    );
    await this.catalogVersion.advance();
    this.logger.info(
      { scope: owner.scope, fingerprints: parsed.map((k) => k.fingerprint) },
      "trusted keys added",
    );
    return entities;
  }

  /** Removes a key from its policy: versions it verified are no longer VERIFIED there. */
  async remove(viewer: Viewer, id: string): Promise<TrustedKeyEntity> {
    const repo = this.dataSource.getRepository(TrustedKeyEntity);
    const key = await repo.findOneBy({ id });
    if (!key) throw notFound("Trusted key");
    authorizeTrust(viewer, "remove", key);
    await this.lock.run(() => repo.delete({ id }));
    await this.catalogVersion.advance();
    this.logger.info({ scope: key.scope, fingerprint: key.fingerprint }, "trusted key removed");
    return key;
  }

  private keysOf(owner: { scope: RegistryScope; tenantId: string | null }) {
    return this.dataSource.getRepository(TrustedKeyEntity).findBy({
      scope: owner.scope,
      ...(owner.tenantId === null ? {} : { tenantId: owner.tenantId }),
    });
  }
}
