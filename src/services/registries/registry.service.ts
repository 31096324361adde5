import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { addRefusal, ownerFor, visibleRegistriesSql } from "../../access/access-policy";
import { type Viewer } from "../../access/viewer";
import { RegistryEntity } from "../../entities";
import { type Logger } from "../../observability/logger";
import { type RegistryErrorCode } from "../../providers/errors";
import { type ProviderSet } from "../../providers";
import { type RegistryKind, type RegistryTarget } from "../../providers/provider";
import { type CatalogVersion } from "../../store/catalog-version";
import { RecentRegistries } from "./recent-registries";
import { EntityReader } from "../../store/entity-reader";
import { type KeysetKey, keysetPage, type Page } from "../../store/keyset";
import { type SecretBox } from "../../store/secret-box";
import { REGISTRY_NAME_INDEX } from "../../store/migrations/1732492800000-registry-name-unique";
import { containsPattern } from "../../store/sql";
import { isUniqueViolation } from "../../store/store-errors";
import { spendRegistryCall } from "../registry-calls";
import { type WriteLock } from "../../store/write-lock";
import {
  ApiErrorCode,
  apiError,
  authorize,
  badInput,
  notFound,
  type PageRequest,
  pageWindow,
} from "../api-errors";
import {
  type AnyRegistryInput,
  applyRegistryInput,
  connectionFingerprint,
  type RegistryUpdate,
} from "./registry-input";
import {
  registryFailure,
  resealSecrets,
  sealChangedSecrets,
  secretValues,
  toTarget,
} from "./registry-secrets";

export interface RegistryListArgs extends PageRequest {
  kind?: RegistryKind | null;
  scope?: "TENANT" | "SYSTEM" | null;
  search?: string | null;
}

/** Registries by name, then id. */
const REGISTRY_KEYS: readonly KeysetKey[] = [
  { column: "r.name", direction: "ASC" },
  { column: "r.id", direction: "ASC" },
];

/** Outcome of a dry-run validation. */
export interface ValidationOutcome {
  valid: boolean;
  errorCode: RegistryErrorCode | null;
  message: string;
}

/** What deleting a registry must stop first: its run in flight (the sync engine). */
export interface RunCanceller {
  cancelRegistryRun(registryId: string): Promise<void>;
}

/** What a registry id looks like (a UUID): anything else is no registry, without a query. */
const REGISTRY_ID = /^[0-9a-f-]{36}$/i;

/**
 * Registry CRUD and listing. Every method takes the viewer and asks the access policy before it
 * does anything else: a refused request reads at most the registry it is refused, and changes,
 * cancels and sends nothing.
 */
export class RegistryService {
  /** Registries by id with one prepared statement. */
  readonly reader: EntityReader<RegistryEntity>;
  /** The read path's lookups: rows kept per catalog version (see RecentRegistries). */
  readonly recent: RecentRegistries;

  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: ProviderSet,
    private readonly logger: Logger,
    private readonly lock: WriteLock,
    private readonly secrets: SecretBox,
    /** Advanced after every change, so that cached read responses are not served again. */
    private readonly catalogVersion: CatalogVersion,
    private readonly runs: RunCanceller,
  ) {
    this.reader = new EntityReader(dataSource, RegistryEntity);
    this.recent = new RecentRegistries(this.reader, catalogVersion);
  }

  private get repo() {
    return this.dataSource.getRepository(RegistryEntity);
  }

  /** A registry by id, whoever owns it; null when absent (callers apply the policy). */
  async byId(id: string): Promise<RegistryEntity | null> {
    if (!REGISTRY_ID.test(id)) return null;
    const [registry] = await this.reader.byIds([id]);
    return registry ?? null;
  }

  /** The registry if the viewer may see it, else null (existence is not revealed). */
  async findVisible(viewer: Viewer, id: string): Promise<RegistryEntity | null> {
    return this.visibleOrNull(viewer, await this.byId(id));
  }

  /**
   * As findVisible, for queries: through the rows kept per catalog version (never older than
   * the store on this instance; see RecentRegistries). Mutations and syncs read the row itself,
   * so that one right after a change on another instance never acts on the row before it.
   */
  async findVisibleForQuery(viewer: Viewer, id: string): Promise<RegistryEntity | null> {
    if (!REGISTRY_ID.test(id)) return null;
    const [registry] = await this.recent.byIds([id]);
    return this.visibleOrNull(viewer, registry ?? null);
  }

  private visibleOrNull(viewer: Viewer, registry: RegistryEntity | null): RegistryEntity | null {
    if (!registry) return null;
    try {
      authorize(viewer, "see", registry);
      return registry;
    } catch {
      return null;
    }
  }

  /** Like findVisible, but a missing registry is a NOT_FOUND error. */
  async getVisible(viewer: Viewer, id: string): Promise<RegistryEntity> {
    const registry = await this.findVisible(viewer, id);
    if (!registry) throw notFound("Registry");
    return registry;
  }

  /** Registries visible to the viewer, ordered by name then id. */
  async list(viewer: Viewer, args: RegistryListArgs): Promise<Page<RegistryEntity>> {
    const visible = visibleRegistriesSql(viewer, "r");
    const where = [visible.where];
    const params = [...visible.params];
    if (args.kind) {
      where.push("r.kind = ?");
      params.push(args.kind);
    }
    if (args.scope) {
      where.push("r.scope = ?");
      params.push(args.scope);
    }
    if (args.search?.trim()) {
      const q = containsPattern(args.search.trim().toLowerCase());
      // The endpoint without its query: a search must not probe a token kept there. (`?` is
      // spelled chr(63): a literal one would be taken for a parameter on PostgreSQL.)
      const endpoint =
        this.dataSource.options.type === "postgres"
          ? "split_part(r.endpoint, chr(63), 1)"
          : "substr(r.endpoint, 1, instr(r.endpoint || char(63), char(63)) - 1)";
      where.push(`(LOWER(r.name) LIKE ? ESCAPE '\\' OR LOWER(${endpoint}) LIKE ? ESCAPE '\\')`);
      params.push(q, q);
    }
    return keysetPage(this.dataSource, {
      select: this.reader.selectList,
      from: "registry r",
      where,
      params,
      keys: REGISTRY_KEYS,
      list: "registries",
      window: pageWindow(args, "registries", REGISTRY_KEYS),
      cursorOf: (row: Record<string, unknown>) => [String(row.name), String(row.id)],
      map: (row) => this.reader.hydrate(row),
    });
  }

  /** Adds a registry after checking its endpoint and credentials; nothing is saved on failure. */
  async add(viewer: Viewer, kind: RegistryKind, input: AnyRegistryInput): Promise<RegistryEntity> {
    const entity = this.authorizedDraft(viewer, kind, input);
    await this.assertNameFree(entity);
    await this.assertReachable(entity);
    await this.lock.run(() => this.nameTakenOnTwin(entity, () => this.repo.insert(entity)));
    await this.catalogVersion.advance();
    this.logger.info({ registryId: entity.id, kind, scope: entity.scope }, "registry added");
    return this.repo.findOneByOrFail({ id: entity.id });
  }

  /** Changes a registry; a changed endpoint, credential or TLS setting is validated first. */
  async update(
    viewer: Viewer,
    id: string,
    kind: RegistryKind,
    input: RegistryUpdate,
  ): Promise<RegistryEntity> {
    const entity = await this.getAuthorized(viewer, "update", id);
    if (entity.kind !== kind) {
      throw badInput(`Registry is a ${entity.kind} registry; use the matching update mutation`);
    }
    const before = connectionFingerprint(entity);
    const secretsBefore = secretValues(entity);
    applyRegistryInput(entity, input, false, this.providers);
    sealChangedSecrets(entity, secretsBefore, this.secrets);
    if (input.name != null) await this.assertNameFree(entity);
    if (connectionFingerprint(entity) !== before) {
      // A different endpoint is a different listing: conditional validators no longer apply.
      entity.listingEtag = null;
      entity.listingLastModified = null;
      entity.listingDigest = null;
      await this.assertReachable(entity);
    }
    entity.updatedAt = new Date();
    await this.lock.run(() => this.nameTakenOnTwin(entity, () => this.repo.save(entity)));
    await this.catalogVersion.advance();
    this.logger.info({ registryId: entity.id }, "registry updated");
    return this.repo.findOneByOrFail({ id });
  }

  /**
   * Deletes a registry with its catalog and history. Its run in flight is cancelled first, once
   * the viewer is known to be allowed to delete it.
   */
  async delete(viewer: Viewer, id: string): Promise<RegistryEntity> {
    const entity = await this.getAuthorized(viewer, "delete", id);
    await this.runs.cancelRegistryRun(id);
    await this.lock.run(() => this.repo.delete({ id }));
    await this.catalogVersion.advance();
    this.logger.info({ registryId: id }, "registry deleted");
    return entity;
  }

  /** Dry run of add: checks endpoint and credentials, saves nothing. */
  async validate(
    viewer: Viewer,
    kind: RegistryKind,
    input: AnyRegistryInput,
  ): Promise<ValidationOutcome> {
    const entity = this.authorizedDraft(viewer, kind, input);
    spendRegistryCall();
    let target: RegistryTarget | null = null;
    try {
      target = toTarget(entity, this.secrets);
      await this.providers.get(kind).validate(target);
      return {
        valid: true,
        errorCode: null,
        message: `${entity.endpoint} answered and accepted the credentials`,
      };
    } catch (error) {
      const failure = registryFailure(error, target);
      return { valid: false, errorCode: failure.code, message: failure.message };
    }
  }

  /**
   * The registry `id` if the viewer may do `action` to it; else the policy's refusal (NOT_FOUND,
   * REGISTRY_IMMUTABLE or FORBIDDEN), before anything else happens.
   */
  async getAuthorized(
    viewer: Viewer,
    action: "update" | "delete",
    id: string,
  ): Promise<RegistryEntity> {
    const entity = await this.byId(id);
    if (!entity) throw notFound("Registry");
    authorize(viewer, action, entity);
    return entity;
  }

  /** See `resealSecrets`; run at start-up. */
  resealSecrets(): Promise<number> {
    return resealSecrets(this.repo, this.secrets, this.lock, this.logger);
  }

  /**
   * A new registry entity from an add input, once the policy allows the viewer to add at the
   * input's scope; its secrets are sealed.
   */
  private authorizedDraft(
    viewer: Viewer,
    kind: RegistryKind,
    input: AnyRegistryInput,
  ): RegistryEntity {
    const denied = addRefusal(viewer, input.scope ?? "TENANT");
    if (denied) throw apiError(ApiErrorCode.FORBIDDEN, denied.message);
    const entity = this.repo.create({
      id: randomUUID(),
      ...ownerFor(viewer, input.scope ?? "TENANT"),
      kind,
      isDefault: false,
      fips: false,
      lastSyncedAt: null,
      listingEtag: null,
      listingLastModified: null,
      listingDigest: null,
    });
    applyRegistryInput(entity, input, true, this.providers);
    sealChangedSecrets(entity, null, this.secrets);
    return entity;
  }

  /**
   * NAME_TAKEN early, before the registry is checked over the network. The store's unique index
   * (see `nameTakenOnTwin`) is what holds when requests overlap; this only saves the check.
   */
  private async assertNameFree(entity: RegistryEntity): Promise<void> {
    const qb = this.repo
      .createQueryBuilder("r")
      .where("LOWER(r.name) = :name", { name: entity.name.toLowerCase() })
      .andWhere("r.scope = :scope", { scope: entity.scope })
      .andWhere("r.kind = :kind", { kind: entity.kind })
      .andWhere("r.id != :id", { id: entity.id });
    if (entity.scope === "TENANT") qb.andWhere("r.tenantId = :tenant", { tenant: entity.tenantId });
    if (await qb.getExists()) throw nameTaken(entity);
  }

  /**
   * Runs the write; a twin inserted meanwhile by an overlapping request breaks the store's unique
   * index on (scope, tenant, kind, name), and the write is NAME_TAKEN, with nothing written.
   */
  private async nameTakenOnTwin<T>(entity: RegistryEntity, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, REGISTRY_NAME_INDEX)) throw nameTaken(entity);
      throw error;
    }
  }

  private async assertReachable(entity: RegistryEntity): Promise<void> {
    spendRegistryCall();
    let target: RegistryTarget | null = null;
    try {
      target = toTarget(entity, this.secrets);
      await this.providers.get(entity.kind).validate(target);
    } catch (error) {
      const failure = registryFailure(error, target);
      throw apiError(
        ApiErrorCode.REGISTRY_VALIDATION_FAILED,
        `Registry check failed: ${failure.message}`,
        { reason: failure.code },
      );
    }
  }
}

function nameTaken(entity: RegistryEntity) {
  return apiError(
    ApiErrorCode.NAME_TAKEN,
    `A ${entity.kind} registry named "${entity.name}" already exists`,
    { field: "name" },
  );
}
