import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { type DataSource } from "typeorm";
import { parse as parseYaml } from "yaml";
import { RegistryEntity } from "../entities";
import { type Logger } from "../logger";
import { isRegistryError, RegistryError, RegistryErrorCode } from "../providers/errors";
import { type ProviderSet } from "../providers";
import { containsPattern } from "../store/sql";
import { type WriteLock } from "../store/write-lock";
import { type RegistryKind, type RegistryTarget } from "../providers/provider";
import { ApiErrorCode, apiError, badInput, notFound } from "./api-errors";
import { decodeCursor, encodeCursor } from "./ids";
import { canManage, canSee, type Viewer } from "./viewer";

/** Fields shared by every kind's add input, after defaults. */
export interface RegistryInput {
  name: string;
  endpoint: string;
  protected?: boolean | null;
  syncEnabled?: boolean | null;
  auth?: {
    type: "NONE" | "BASIC" | "TOKEN";
    username?: string | null;
    password?: string | null;
    token?: string | null;
  } | null;
  tls?: { caCertificate?: string | null; insecureSkipVerify?: boolean | null } | null;
  scope?: "TENANT" | "SYSTEM" | null;
}

/** Changes to a registry; null or absent fields keep their value. */
export type RegistryUpdate = {
  [K in keyof Omit<RegistryInput, "scope">]?: RegistryInput[K] | null;
};

export interface RegistryListArgs {
  kind?: RegistryKind | null;
  scope?: "TENANT" | "SYSTEM" | null;
  search?: string | null;
  first: number;
  after?: string | null;
}

export interface Page<T> {
  items: { cursor: string; node: T }[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** Outcome of a dry-run validation. */
export interface ValidationOutcome {
  valid: boolean;
  errorCode: RegistryErrorCode | null;
  message: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}$/;

/** Registry CRUD, visibility and validation. Every method takes the viewer and enforces scope. */
export class RegistryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: ProviderSet,
    private readonly logger: Logger,
    private readonly lock: WriteLock,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(RegistryEntity);
  }

  /** The registry if the viewer may see it, else null (existence is not revealed). */
  async findVisible(viewer: Viewer, id: string): Promise<RegistryEntity | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const registry = await this.repo.findOneBy({ id });
    return registry && canSee(viewer, registry) ? registry : null;
  }

  /** Like findVisible, but a missing registry is a NOT_FOUND error. */
  async getVisible(viewer: Viewer, id: string): Promise<RegistryEntity> {
    const registry = await this.findVisible(viewer, id);
    if (!registry) throw notFound("Registry");
    return registry;
  }

  /** Registries visible to the viewer, ordered by name then id. */
  async list(viewer: Viewer, args: RegistryListArgs): Promise<Page<RegistryEntity>> {
    const qb = this.repo
      .createQueryBuilder("r")
      .where("(r.scope = 'SYSTEM' OR r.tenantId = :tenant)", { tenant: viewer.tenantId });
    if (args.kind) qb.andWhere("r.kind = :kind", { kind: args.kind });
    if (args.scope) qb.andWhere("r.scope = :scope", { scope: args.scope });
    if (args.search?.trim()) {
      qb.andWhere("(LOWER(r.name) LIKE :q ESCAPE '\\' OR LOWER(r.endpoint) LIKE :q ESCAPE '\\')", {
        q: containsPattern(args.search.trim().toLowerCase()),
      });
    }
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      const cursor = decodeCursor(args.after);
      if (!cursor || cursor.length !== 2)
        throw badInput("`after` is not a cursor of this list", "after");
      qb.andWhere("(r.name > :an OR (r.name = :an AND r.id > :ai))", {
        an: cursor[0],
        ai: cursor[1],
      });
    }
    const rows = await qb
      .orderBy("r.name", "ASC")
      .addOrderBy("r.id", "ASC")
      .take(args.first + 1)
      .getMany();
    const hasNextPage = rows.length > args.first;
    return {
      items: rows
        .slice(0, args.first)
        .map((r) => ({ cursor: encodeCursor([r.name, r.id]), node: r })),
      totalCount,
      hasNextPage,
      hasPreviousPage: Boolean(args.after),
    };
  }

  /** Adds a registry after checking its endpoint and credentials; nothing is saved on failure. */
  async add(viewer: Viewer, kind: RegistryKind, input: RegistryInput): Promise<RegistryEntity> {
    const scope = input.scope ?? "TENANT";
    const owner = { scope, tenantId: scope === "SYSTEM" ? null : viewer.tenantId };
    if (!canManage(viewer, owner)) {
      throw apiError(
        ApiErrorCode.FORBIDDEN,
        scope === "SYSTEM"
          ? "Only a system admin may add system registries"
          : "Only a tenant admin may add registries",
      );
    }
    const entity = this.repo.create({
      id: randomUUID(),
      ...owner,
      kind,
      isDefault: false,
      lastSyncedAt: null,
      listingEtag: null,
      listingLastModified: null,
      listingDigest: null,
    });
    this.applyInput(entity, input, true);
    await this.assertNameFree(entity);
    await this.assertReachable(entity);
    await this.lock.run(() => this.repo.insert(entity));
    this.logger.info({ registryId: entity.id, kind, scope }, "registry added");
    return this.repo.findOneByOrFail({ id: entity.id });
  }

  /** Changes a registry; a changed endpoint, credential or TLS setting is validated first. */
  async update(
    viewer: Viewer,
    id: string,
    kind: RegistryKind,
    input: RegistryUpdate,
  ): Promise<RegistryEntity> {
    const entity = await this.getManageable(viewer, id);
    if (entity.kind !== kind) {
      throw badInput(`Registry is a ${entity.kind} registry; use the matching update mutation`);
    }
    const before = connectionFingerprint(entity);
    this.applyInput(entity, input, false);
    if (input.name != null) await this.assertNameFree(entity);
    if (connectionFingerprint(entity) !== before) {
      // A different endpoint is a different listing: conditional validators no longer apply.
      entity.listingEtag = null;
      entity.listingLastModified = null;
      entity.listingDigest = null;
      await this.assertReachable(entity);
    }
    entity.updatedAt = new Date();
    await this.lock.run(() => this.repo.save(entity));
    this.logger.info({ registryId: entity.id }, "registry updated");
    return this.repo.findOneByOrFail({ id });
  }

  /** Deletes a registry with its catalog and history. */
  async delete(viewer: Viewer, id: string): Promise<RegistryEntity> {
    const entity = await this.getManageable(viewer, id);
    await this.lock.run(() => this.repo.delete({ id }));
    this.logger.info({ registryId: id }, "registry deleted");
    return entity;
  }

  /** Dry run of add: checks endpoint and credentials, saves nothing. */
  async validate(
    viewer: Viewer,
    kind: RegistryKind,
    input: RegistryInput,
  ): Promise<ValidationOutcome> {
    const scope = input.scope ?? "TENANT";
    if (!canManage(viewer, { scope, tenantId: scope === "SYSTEM" ? null : viewer.tenantId })) {
      throw apiError(ApiErrorCode.FORBIDDEN, "Only an admin of this scope may validate registries");
    }
    const entity = this.repo.create({ id: randomUUID(), kind, scope, tenantId: viewer.tenantId });
    this.applyInput(entity, input, true);
    try {
      await this.providers.get(kind).validate(toTarget(entity));
      return {
        valid: true,
        errorCode: null,
        message: `${entity.endpoint} answered and accepted the credentials`,
      };
    } catch (error) {
      const failure = asRegistryError(error);
      return { valid: false, errorCode: failure.code, message: failure.message };
    }
  }

  /** The registry if the viewer may change it; default registries are immutable. */
  async getManageable(viewer: Viewer, id: string): Promise<RegistryEntity> {
    const entity = await this.getVisible(viewer, id);
    if (entity.isDefault) {
      throw apiError(
        ApiErrorCode.REGISTRY_IMMUTABLE,
        `"${entity.name}" is a default registry and cannot be changed or deleted`,
      );
    }
    if (!canManage(viewer, entity)) {
      throw apiError(
        ApiErrorCode.FORBIDDEN,
        entity.scope === "SYSTEM"
          ? "System registries can be changed only by a system admin"
          : "Only a tenant admin may change registries",
      );
    }
    return entity;
  }

  /**
   * Seeds the default registries from a YAML file: missing ones are inserted as SYSTEM, default,
   * immutable registries; existing ones are left as they are. Kinds without a provider yet are
   * skipped with a log line.
   */
  async seedDefaults(file: string): Promise<number> {
    const doc = parseYaml(readFileSync(file, "utf8")) as { registries?: unknown };
    if (!doc || !Array.isArray(doc.registries))
      throw new Error(`${file}: expected a "registries" list`);
    let added = 0;
    for (const raw of doc.registries as Record<string, unknown>[]) {
      const kind = String(raw.kind ?? "") as RegistryKind;
      const name = String(raw.name ?? "");
      if (!this.providers.has(kind)) {
        this.logger.debug({ name, kind }, "default registry skipped: kind not supported yet");
        continue;
      }
      const exists = await this.repo.findOneBy({ scope: "SYSTEM", name });
      if (exists) continue;
      const entity = this.repo.create({
        id: randomUUID(),
        scope: "SYSTEM",
        tenantId: null,
        kind,
        isDefault: true,
      });
      this.applyInput(
        entity,
        { name, endpoint: String(raw.endpoint ?? ""), syncEnabled: raw.syncEnabled !== false },
        true,
      );
      await this.lock.run(() => this.repo.insert(entity));
      added++;
    }
    if (added > 0) this.logger.info({ added }, "default registries seeded");
    return added;
  }

  private applyInput(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
    if (creating || input.name != null) {
      const name = (input.name ?? "").trim();
      if (!NAME.test(name)) {
        throw badInput(
          "name must be 1-128 characters: letters, digits, space, '.', '_' or '-', starting with a letter or digit",
          "name",
        );
      }
      entity.name = name;
    }
    if (creating || input.endpoint != null)
      entity.endpoint = normalizeEndpoint(input.endpoint ?? "");
    if (creating || input.protected != null) entity.protected = input.protected ?? false;
    if (creating || input.syncEnabled != null || input.protected != null) {
      const syncEnabled =
        input.syncEnabled ??
        (creating ? !entity.protected : entity.syncEnabled && !entity.protected);
      if (entity.protected && syncEnabled) {
        throw badInput(
          "A protected registry is never synchronized: syncEnabled must be false",
          "syncEnabled",
        );
      }
      entity.syncEnabled = syncEnabled;
    }
    if (creating || input.auth) {
      const auth = input.auth ?? { type: "NONE" as const };
      entity.authType = auth.type;
      if (auth.type === "NONE") {
        entity.authUsername = null;
        entity.authSecret = null;
      } else if (auth.type === "BASIC") {
        const username = auth.username?.trim();
        if (!username) throw badInput("BASIC authentication needs a username", "auth.username");
        entity.authUsername = username;
        if (auth.password) entity.authSecret = auth.password;
        else if (creating || !entity.authSecret)
          throw badInput("BASIC authentication needs a password", "auth.password");
      } else {
        entity.authUsername = auth.username?.trim() || null;
        if (auth.token) entity.authSecret = auth.token;
        else if (creating || !entity.authSecret)
          throw badInput("TOKEN authentication needs a token", "auth.token");
      }
    }
    if (creating || input.tls) {
      const tls = input.tls ?? {};
      if (creating || tls.caCertificate !== undefined) {
        const pem = tls.caCertificate?.trim() || null;
        if (pem && !/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(pem)) {
          throw badInput("caCertificate must be a PEM certificate chain", "tls.caCertificate");
        }
        entity.tlsCaCertificate = pem;
      }
      if (creating || tls.insecureSkipVerify != null)
        entity.tlsInsecureSkipVerify = tls.insecureSkipVerify ?? false;
    }
  }

  private async assertNameFree(entity: RegistryEntity): Promise<void> {
    const qb = this.repo
      .createQueryBuilder("r")
      .where("LOWER(r.name) = :name", { name: entity.name.toLowerCase() })
      .andWhere("r.scope = :scope", { scope: entity.scope })
      .andWhere("r.id != :id", { id: entity.id });
    if (entity.scope === "TENANT") qb.andWhere("r.tenantId = :tenant", { tenant: entity.tenantId });
    if (await qb.getExists()) {
      throw apiError(ApiErrorCode.NAME_TAKEN, `A registry named "${entity.name}" already exists`, {
        field: "name",
      });
    }
  }

  private async assertReachable(entity: RegistryEntity): Promise<void> {
    try {
      await this.providers.get(entity.kind).validate(toTarget(entity));
    } catch (error) {
      const failure = asRegistryError(error);
      throw apiError(
        ApiErrorCode.REGISTRY_VALIDATION_FAILED,
        `Registry check failed: ${failure.message}`,
        {
          reason: failure.code,
        },
      );
    }
  }
}

/** What a provider needs from a stored registry. */
export function toTarget(entity: RegistryEntity): RegistryTarget {
  return {
    kind: entity.kind,
    endpoint: entity.endpoint,
    auth: { type: entity.authType, username: entity.authUsername, secret: entity.authSecret },
    tls: {
      caCertificate: entity.tlsCaCertificate,
      insecureSkipVerify: entity.tlsInsecureSkipVerify,
    },
  };
}

/** Any failure as a RegistryError; unexpected ones become INTERNAL without their internals. */
export function asRegistryError(error: unknown): RegistryError {
  if (isRegistryError(error)) return error;
  return new RegistryError(
    RegistryErrorCode.INTERNAL,
    "Unexpected failure while talking to the registry",
    undefined,
    {
      cause: error,
    },
  );
}

function normalizeEndpoint(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput(`endpoint "${text}" is not a URL`, "endpoint");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw badInput("endpoint must be an http or https URL", "endpoint");
  }
  if (url.username || url.password) {
    throw badInput("endpoint must not carry credentials; use auth instead", "endpoint");
  }
  url.hash = "";
  url.search = "";
  return url.toString().replace(/\/+$/, "");
}

function connectionFingerprint(e: RegistryEntity): string {
  return JSON.stringify([
    e.endpoint,
    e.authType,
    e.authUsername,
    e.authSecret,
    e.tlsCaCertificate,
    e.tlsInsecureSkipVerify,
  ]);
}
