import { createHash } from "node:crypto";
import { type DataSource } from "typeorm";
import { type RegistryEntity, VersionContentEntity } from "../../entities";
import { type Logger } from "../../observability/logger";
import { type ProviderSet } from "../../providers";
import {
  type SubchartContent,
  type VersionContent,
  type VersionContentRef,
} from "../../providers/provider";
import { type WriteLock } from "../../store/write-lock";
import { ApiErrorCode, apiError } from "../api-errors";
import { ByteBoundedCache } from "../byte-bounded-cache";
import { type SecretBox } from "../../store/secret-box";
import { type RegistryTarget } from "../../providers/provider";
import { registryFailure, toTarget } from "../registries/registry-secrets";
import { spendRegistryCall } from "../registry-calls";

/** The documents of one version, as served. */
export interface VersionDocuments {
  values: string | null;
  readme: string | null;
  schema: string | null;
}

/** Text bytes of sub-chart documents kept in memory, all packages together. */
const SUBCHART_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Values, README and schema of a version: fetched from the package on first request (never
 * during sync) and kept by package digest, so every later request, and every version anywhere
 * with the same package, is served from the store. Concurrent first requests share one fetch.
 */
export class ContentService {
  /** Reads in flight by content key (a version's documents, a Zarf definition's `zarf:` key). */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /**
   * Vendored sub-charts by content key, least recently used out first. Kept in memory only (the
   * store keeps the served documents): a package is read again for them after a restart.
   */
  private readonly subchartCache = new ByteBoundedCache<SubchartContent>(SUBCHART_CACHE_BYTES);

  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: ProviderSet,
    private readonly logger: Logger,
    private readonly lock: WriteLock,
    private readonly secrets: SecretBox,
  ) {}

  /** The documents of a version of a chart of `registry`; CONTENT_UNAVAILABLE when unreachable. */
  async documents(registry: RegistryEntity, ref: VersionContentRef): Promise<VersionDocuments> {
    const key = contentKey(registry.id, ref);
    return this.shared(key, () => this.load(registry, ref, key));
  }

  /** The read of `key` in flight, or `read` started: concurrent first requests share one. */
  private shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /**
   * The definition (zarf.yaml as JSON text) of a Zarf package version: fetched on first request
   * and kept in `version_content` under `zarf:<manifest digest>` (its `schema_text` column; the
   * key's prefix keeps it apart from any chart's documents), so a later comparison sends no
   * registry request. CONTENT_UNAVAILABLE when the package cannot be read.
   */
  async zarfDefinition(registry: RegistryEntity, ref: VersionContentRef): Promise<string> {
    const key = zarfDefinitionKey(registry.id, ref);
    return this.shared(key, () => this.loadDefinition(registry, ref, key));
  }

  private async loadDefinition(
    registry: RegistryEntity,
    ref: VersionContentRef,
    key: string,
  ): Promise<string> {
    const repo = this.dataSource.getRepository(VersionContentEntity);
    const cached = await repo.findOneBy({ contentKey: key });
    if (cached?.schema != null) return cached.schema;
    const provider = this.providers.get(registry.kind);
    if (!provider.zarfDefinition) {
      throw apiError(
        ApiErrorCode.UNSUPPORTED,
        `Zarf package definitions are not available for ${registry.kind} registries`,
      );
    }
    const zarfDefinition = provider.zarfDefinition.bind(provider);
    const content = await this.fromRegistry(
      registry,
      ref,
      "Zarf package definition could not be fetched",
      (target) => zarfDefinition(target, ref),
    );
    await this.keep(key, content.packageDigest, content.bytesFetched, {
      values: null,
      readme: null,
      schema: content.definition,
    });
    return content.definition;
  }

  /**
   * The sub-charts a Helm chart version vendors under `charts/` (one package read per content
   * key and process; the read also stores the version's documents when they were not yet).
   * CONTENT_UNAVAILABLE when the package cannot be read, UNSUPPORTED without content reads.
   */
  async subcharts(registry: RegistryEntity, ref: VersionContentRef): Promise<SubchartContent> {
    const key = contentKey(registry.id, ref);
    const hit = this.subchartCache.peek(key);
    if (hit) return hit;
    const content = await this.fetch(registry, ref, true);
    const tree = content.subcharts ?? { subcharts: [], skipped: [] };
    const repo = this.dataSource.getRepository(VersionContentEntity);
    if (!(await repo.existsBy({ contentKey: key }))) await this.store(registry, ref, key, content);
    this.subchartCache.set(key, tree, treeBytes(tree.subcharts));
    return tree;
  }

  /** The documents kept for a version, without reading its package; null when none are. */
  async storedDocuments(
    registry: RegistryEntity,
    ref: VersionContentRef,
  ): Promise<VersionDocuments | null> {
    return this.stored(contentKey(registry.id, ref));
  }

  private async stored(key: string): Promise<VersionDocuments | null> {
    const repo = this.dataSource.getRepository(VersionContentEntity);
    const cached = await repo.findOneBy({ contentKey: key });
    return cached ? { values: cached.values, readme: cached.readme, schema: cached.schema } : null;
  }

  private async load(
    registry: RegistryEntity,
    ref: VersionContentRef,
    key: string,
  ): Promise<VersionDocuments> {
    return (
      (await this.stored(key)) ??
      this.store(registry, ref, key, await this.fetch(registry, ref, false))
    );
  }

  /** Reads the version's package through its provider (one registry call of the budget). */
  private async fetch(
    registry: RegistryEntity,
    ref: VersionContentRef,
    subcharts: boolean,
  ): Promise<VersionContent> {
    const provider = this.providers.get(registry.kind);
    if (!provider.content) {
      throw apiError(
        ApiErrorCode.UNSUPPORTED,
        `Version content is not available for ${registry.kind} registries yet`,
      );
    }
    const content = provider.content.bind(provider);
    return this.fromRegistry(registry, ref, "version content could not be fetched", (target) =>
      content(target, ref, undefined, { subcharts }),
    );
  }

  /**
   * One read of a version's package through its registry, spent from the operation's registry
   * call budget; a failure is logged (its code, never the credentials) and answered as
   * CONTENT_UNAVAILABLE.
   */
  private async fromRegistry<T>(
    registry: RegistryEntity,
    ref: VersionContentRef,
    failed: string,
    read: (target: RegistryTarget) => Promise<T>,
  ): Promise<T> {
    spendRegistryCall();
    let target: RegistryTarget | null = null;
    try {
      target = toTarget(registry, this.secrets);
      return await read(target);
    } catch (error) {
      const failure = registryFailure(error, target);
      this.logger.warn(
        { registryId: registry.id, chart: ref.chart, version: ref.version, code: failure.code },
        failed,
      );
      throw apiError(
        ApiErrorCode.CONTENT_UNAVAILABLE,
        `The package of ${ref.chart} ${ref.version} could not be read: ${failure.message}`,
        { reason: failure.code },
      );
    }
  }

  /** Keeps the served documents of a package read by `fetch` in the store. */
  private async store(
    registry: RegistryEntity,
    ref: VersionContentRef,
    key: string,
    content: VersionContent,
  ): Promise<VersionDocuments> {
    const documents = {
      values: content.values ?? null,
      readme: content.readme ?? null,
      schema: content.schema ?? null,
    };
    await this.keep(key, content.packageDigest, content.bytesFetched, documents);
    this.logger.debug(
      {
        registryId: registry.id,
        chart: ref.chart,
        version: ref.version,
        bytes: content.bytesFetched,
      },
      "version content fetched",
    );
    return documents;
  }

  /** Writes (or rewrites) the `version_content` row of `key`. */
  private async keep(
    key: string,
    packageDigest: string,
    bytesFetched: number,
    documents: VersionDocuments,
  ): Promise<void> {
    const repo = this.dataSource.getRepository(VersionContentEntity);
    await this.lock.run(() =>
      repo.upsert(
        { contentKey: key, packageDigest, ...documents, bytesFetched, fetchedAt: new Date() },
        ["contentKey"],
      ),
    );
  }
}

function treeBytes(subcharts: SubchartContent["subcharts"]): number {
  return subcharts.reduce(
    (sum, s) => sum + (s.chartYaml?.length ?? 0) + (s.values?.length ?? 0) + treeBytes(s.subcharts),
    0,
  );
}

/**
 * `sha256:<hex>` of the package when the registry states its digest; otherwise a key of this
 * registry's version and its package URLs (a registry without digests may not reuse content).
 */
export function contentKey(registryId: string, ref: VersionContentRef): string {
  if (ref.digest && /^(sha256:)?[0-9a-f]{64}$/i.test(ref.digest))
    return `sha256:${ref.digest.replace(/^sha256:/i, "").toLowerCase()}`;
  const where = createHash("sha256")
    .update(JSON.stringify([ref.chart, ref.version, ref.urls, ref.ociReference ?? null]))
    .digest("hex");
  return `version:${registryId}:${where}`;
}

/**
 * Where a Zarf package's definition is kept: `zarf:sha256:<hex>` of the manifest (or index) its
 * OCI reference pins, so every tag of the same package shares it; otherwise per version.
 */
function zarfDefinitionKey(registryId: string, ref: VersionContentRef): string {
  const pinned = /@sha256:([0-9a-f]{64})$/i.exec(ref.ociReference ?? "");
  if (pinned) return `zarf:sha256:${pinned[1]!.toLowerCase()}`;
  return `zarf:${contentKey(registryId, { ...ref, digest: null })}`;
}
