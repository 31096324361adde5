import DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import { type DataSource, type EntityManager } from "typeorm";
import { trustedKeysSql } from "../../access/access-policy";
import { type Viewer } from "../../access/viewer";
import type { SignatureMethod, VerificationStatus } from "../../domain/enums";
import { type RegistryEntity } from "../../entities";
import { type Logger } from "../../observability/logger";
import { type ProviderSet } from "../../providers";
import type { RegistryTarget, SignatureProbe } from "../../providers/provider";
import {
  ProvenanceError,
  provenanceProblem,
  readProvenance,
} from "../../providers/signatures/provenance";
import { type CatalogVersion } from "../../store/catalog-version";
import { type SecretBox } from "../../store/secret-box";
import { date, dbDate, placeholders, sql } from "../../store/sql";
import { type WriteLock } from "../../store/write-lock";
import { registryFailure, toTarget } from "../registries/registry-secrets";
import { spendRegistryCall } from "../registry-calls";
import { executorOf, keyTypeOf, storeProbes } from "./signature-facts";

/** A version's signature check, for one viewer's trust policy. */
export interface Verification {
  status: VerificationStatus;
  method: SignatureMethod | null;
  /** VERIFIED: who signed (the key's user id, or the name the policy gives the key). */
  signer: string | null;
  /** VERIFIED: the fingerprint of the trusted key that verifies the signature. */
  keyFingerprint: string | null;
  /** When the signatures were read; null when they were not. */
  checkedAt: Date | null;
  /** Why, for every status but VERIFIED; a sentence for a person. */
  message: string | null;
}

/** What a version's check needs of it. */
export interface VersionSubject {
  registry: RegistryEntity;
  chart: string;
  version: string;
  /** Helm: sha256 (hex) of the package as the index states it. */
  digest: string | null;
  urls: string[];
  /** OCI: `host/repository:tag@sha256:…`. */
  ociReference: string | null;
}

interface PolicyKey {
  fingerprint: string;
  keyIds: string[];
}

interface StoredProbe extends SignatureProbe {
  checkedAt: Date | null;
}

/** The digest and method a version's signatures are keyed by, or why it has none. */
export function signedDigestOf(
  subject: Pick<VersionSubject, "registry" | "digest" | "ociReference">,
): { digest: string; method: SignatureMethod } | { reason: string } {
  if (subject.ociReference) {
    const digest = subject.ociReference.split("@")[1];
    return digest
      ? { digest, method: "COSIGN" }
      : { reason: "The version has no manifest digest." };
  }
  if (subject.registry.kind !== "HELM") {
    return { reason: `${subject.registry.kind} registries have no signature convention to check.` };
  }
  const hex = subject.digest?.replace(/^sha256:/i, "").toLowerCase();
  if (!hex || !/^[0-9a-f]{64}$/.test(hex)) {
    return {
      reason:
        "The repository index states no sha256 digest for this version, so no provenance file can be checked against it.",
    };
  }
  return { digest: `sha256:${hex}`, method: "HELM_PROVENANCE" };
}

/**
 * `ChartVersion.verification`: the version's signatures (cosign signatures read during sync;
 * Helm provenance files read here on first request, then cached by digest) judged against the
 * viewer's trust policy. Cheap at read time: the cryptography ran when the signature or the key
 * was stored (signature-facts.ts); a read joins the stored facts with the viewer's keys.
 */
export class VerificationService {
  private readonly inFlight = new Map<string, Promise<StoredProbe>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: ProviderSet,
    private readonly logger: Logger,
    private readonly lock: WriteLock,
    private readonly secrets: SecretBox,
    private readonly catalogVersion?: CatalogVersion,
  ) {}

  /** A per-request loader of verifications for `viewer` (its policy read once). */
  loader(viewer: Viewer): DataLoader<VersionSubject, Verification, string> {
    let policy: Promise<PolicyKey[]> | undefined;
    return new DataLoader(
      async (subjects) => {
        policy ??= this.policyKeys(viewer);
        return this.check(subjects, await policy);
      },
      {
        cacheKeyFn: (s) =>
          `${s.registry.id}\u0000${s.chart}\u0000${s.version}\u0000${s.digest ?? ""}\u0000${s.ociReference ?? ""}`,
      },
    );
  }

  /** The keys of the viewer's policy (its tenant's and the system's). */
  private async policyKeys(viewer: Viewer): Promise<PolicyKey[]> {
    const visible = trustedKeysSql(viewer, "k");
    const rows = await sql<{ fingerprint: string; key_ids: string }>(
      this.dataSource,
      `SELECT k.fingerprint, k.key_ids FROM trusted_key k WHERE ${visible.where}`,
      visible.params,
    );
    return rows.map((r) => ({
      fingerprint: r.fingerprint,
      keyIds: JSON.parse(r.key_ids) as string[],
    }));
  }

  private async check(
    subjects: readonly VersionSubject[],
    policy: PolicyKey[],
  ): Promise<Verification[]> {
    const keyed = subjects.map((s) => ({ subject: s, key: signedDigestOf(s) }));
    const digests = [...new Set(keyed.flatMap(({ key }) => ("digest" in key ? [key.digest] : [])))];
    const probes = await this.storedProbes(digests);
    const facts = await this.facts(digests);
    const results: Verification[] = [];
    for (const { subject, key } of keyed) {
      if ("reason" in key) {
        results.push(unknown(null, key.reason));
        continue;
      }
      let probe = probes.get(`${key.method}\u0000${key.digest}`);
      if (!probe && key.method === "HELM_PROVENANCE") {
        probe = await this.readProvenance(subject, key.digest);
      }
      results.push(
        evaluate(key.method, probe, facts.get(`${key.method}\u0000${key.digest}`) ?? [], policy),
      );
    }
    return results;
  }

  private async storedProbes(digests: string[]): Promise<Map<string, StoredProbe>> {
    const map = new Map<string, StoredProbe>();
    for (let i = 0; i < digests.length; i += 500) {
      const chunk = digests.slice(i, i + 500);
      const rows = await sql<{
        digest: string;
        method: SignatureMethod;
        outcome: SignatureProbe["outcome"];
        message: string | null;
        signatures: string;
        checked_at: unknown;
      }>(
        this.dataSource,
        `SELECT digest, method, outcome, message, signatures, checked_at FROM signature_probe WHERE digest IN (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const row of rows) {
        map.set(`${row.method}\u0000${row.digest}`, {
          digest: row.digest,
          method: row.method,
          outcome: row.outcome,
          message: row.message,
          signatures: JSON.parse(row.signatures) as SignatureProbe["signatures"],
          checkedAt: date(row.checked_at),
        });
      }
    }
    return map;
  }

  private async facts(
    digests: string[],
  ): Promise<Map<string, { fingerprint: string; signer: string | null }[]>> {
    const map = new Map<string, { fingerprint: string; signer: string | null }[]>();
    for (let i = 0; i < digests.length; i += 500) {
      const chunk = digests.slice(i, i + 500);
      const rows = await sql<{
        digest: string;
        method: string;
        key_fingerprint: string;
        signer: string | null;
      }>(
        this.dataSource,
        `SELECT digest, method, key_fingerprint, signer FROM signature_check WHERE digest IN (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const row of rows) {
        const key = `${row.method}\u0000${row.digest}`;
        const list = map.get(key) ?? [];
        list.push({ fingerprint: row.key_fingerprint, signer: row.signer });
        map.set(key, list);
      }
    }
    return map;
  }

  /** Reads a Helm version's provenance file once (concurrent first requests share the read). */
  private readProvenance(subject: VersionSubject, digest: string): Promise<StoredProbe> {
    let pending = this.inFlight.get(digest);
    if (!pending) {
      pending = this.fetchProvenance(subject, digest).finally(() => this.inFlight.delete(digest));
      this.inFlight.set(digest, pending);
    }
    return pending;
  }

  /**
   * Fetches `<package URL>.prov`, checks what it names against the version (digest, chart,
   * version) and stores it with its facts. A file that could not be read is not stored (the
   * next request tries again) and reads as UNKNOWN with the reason.
   */
  private async fetchProvenance(subject: VersionSubject, digest: string): Promise<StoredProbe> {
    const provider = this.providers.get(subject.registry.kind);
    const failed = (message: string): StoredProbe => ({
      digest,
      method: "HELM_PROVENANCE",
      outcome: "ERROR",
      message,
      signatures: [],
      checkedAt: null,
    });
    if (!provider.provenance) return failed("This registry's protocol has no provenance files.");
    let text: string | null;
    let target: RegistryTarget | null = null;
    try {
      spendRegistryCall();
      target = toTarget(subject.registry, this.secrets);
      text = await provider.provenance(target, {
        chart: subject.chart,
        version: subject.version,
        urls: subject.urls,
        digest: subject.digest,
      });
    } catch (error) {
      if (error instanceof GraphQLError) return failed(`Not checked: ${error.message}`);
      const failure = registryFailure(error, target);
      this.logger.warn(
        {
          registryId: subject.registry.id,
          chart: subject.chart,
          version: subject.version,
          code: failure.code,
        },
        "provenance file could not be read",
      );
      return failed(`The provenance file could not be read: ${failure.message}`);
    }
    const probe: SignatureProbe = {
      digest,
      method: "HELM_PROVENANCE",
      outcome: "UNSIGNED",
      message: null,
      signatures: [],
    };
    if (text !== null) {
      probe.outcome = "SIGNED";
      try {
        const provenance = await readProvenance(text);
        probe.signatures.push({
          payload: text,
          signature: "",
          keyIds: provenance.keyIds,
          problem: provenanceProblem(provenance, {
            digest,
            chart: subject.chart,
            version: subject.version,
            fileName: packageFileName(subject.urls[0]),
          }),
          source: "provenance",
        });
      } catch (error) {
        if (!(error instanceof ProvenanceError)) throw error;
        probe.signatures.push({
          payload: "",
          signature: "",
          keyIds: [],
          problem: error.message,
          source: "provenance",
        });
      }
    }
    const now = new Date();
    await this.lock.run(() =>
      this.dataSource.transaction((em: EntityManager) =>
        storeProbes(executorOf(em), [probe], dbDate(this.dataSource, now)),
      ),
    );
    // A cached answer that could not check this version yet (budget spent) must not outlive it.
    await this.catalogVersion?.advance();
    return { ...probe, checkedAt: now };
  }
}

/** The last path segment of a package URL (`…/nginx-1.2.3.tgz` → `nginx-1.2.3.tgz`). */
function packageFileName(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const segment = new URL(url, "http://relative.invalid/").pathname.split("/").pop();
    return segment ? decodeURIComponent(segment) : null;
  } catch {
    return null;
  }
}

function unknown(
  method: SignatureMethod | null,
  message: string,
  checkedAt: Date | null = null,
): Verification {
  return { status: "UNKNOWN", method, signer: null, keyFingerprint: null, checkedAt, message };
}

/**
 * The status of a probe for a policy: VERIFIED when a policy key verifies a signature of the
 * digest; INVALID when every signature names something else, or (OpenPGP) a signature names a
 * policy key that does not verify it; UNTRUSTED when signed by keys the policy does not hold.
 */
export function evaluate(
  method: SignatureMethod,
  probe: StoredProbe | undefined,
  facts: { fingerprint: string; signer: string | null }[],
  policy: PolicyKey[],
): Verification {
  if (!probe) {
    return unknown(
      method,
      "The signatures of this version have not been read yet: they are read when the registry syncs.",
    );
  }
  const base = { method, checkedAt: probe.checkedAt, signer: null, keyFingerprint: null };
  if (probe.outcome === "ERROR")
    return unknown(method, probe.message ?? "The signatures could not be read.", probe.checkedAt);
  if (probe.outcome === "UNSIGNED") {
    return {
      ...base,
      status: "UNSIGNED",
      message:
        method === "HELM_PROVENANCE"
          ? "The repository serves no provenance file (`<package URL>.prov`) for this version."
          : "No cosign signature was found (referrers API, `sha256-<digest>.sig` tag).",
    };
  }
  const trusted = new Set(policy.map((k) => k.fingerprint));
  const fact = facts.find((f) => trusted.has(f.fingerprint));
  if (fact) {
    return {
      ...base,
      status: "VERIFIED",
      signer: fact.signer,
      keyFingerprint: fact.fingerprint,
      message: null,
    };
  }
  const sound = probe.signatures.filter((s) => s.problem === null);
  if (sound.length === 0) {
    return {
      ...base,
      status: "INVALID",
      message: probe.signatures[0]?.problem ?? "The signature is not valid.",
    };
  }
  if (keyTypeOf(method) === "OPENPGP") {
    const policyIds = new Set(policy.flatMap((k) => k.keyIds));
    const issuers = [...new Set(sound.flatMap((s) => s.keyIds))];
    const named = issuers.find((id) => policyIds.has(id));
    if (named) {
      return {
        ...base,
        status: "INVALID",
        message: `The provenance file's signature names the trusted key ${named} but does not verify with it.`,
      };
    }
    return {
      ...base,
      status: "UNTRUSTED",
      message: `Signed by OpenPGP key ${issuers.join(", ") || "(unnamed)"}, which the trust policy does not hold.`,
    };
  }
  return {
    ...base,
    status: "UNTRUSTED",
    message: "Signed with a cosign key the trust policy does not hold.",
  };
}
