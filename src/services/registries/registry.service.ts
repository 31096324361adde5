import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { type DataSource } from "typeorm";
import { parse as parseYaml } from "yaml";
import { RegistryEntity } from "../../entities";
import { type Logger } from "../../observability/logger";
import { isRegistryError, RegistryError, RegistryErrorCode } from "../../providers/errors";
import { type ProviderSet } from "../../providers";
import { ecrRegion } from "../../providers/oci/ecr-credentials";
import { isRepositoryName } from "../../providers/oci/oci-reference";
import { SecretBox, SecretUnavailableError } from "../../store/secret-box";
import { containsPattern, jsonList } from "../../store/sql";
import { type CatalogVersion } from "../../store/catalog-version";
import { EntityReader } from "../../store/entity-reader";
import { type WriteLock } from "../../store/write-lock";
import {
  type OciAuthKind,
  type OciProviderType,
  type RegistryKind,
  type RegistryTarget,
} from "../../providers/provider";
import { ApiErrorCode, apiError, badInput, notFound } from "../api-errors";
import { decodeCursor, encodeCursor } from "../ids";
import { canManage, canSee, type Viewer } from "../../access/viewer";

/** Fields shared by every kind's add input, after defaults. */
export interface RegistryInput {
  name: string;
  endpoint: string;
  protected?: boolean | null;
  syncEnabled?: boolean | null;
  auth?: {
    /** ECR is not an `auth` type (ECR credentials come in `ecr`); it is refused here. */
    type: "NONE" | "BASIC" | "TOKEN" | "ECR";
    username?: string | null;
    password?: string | null;
    token?: string | null;
  } | null;
  tls?: { caCertificate?: string | null; insecureSkipVerify?: boolean | null } | null;
  scope?: "TENANT" | "SYSTEM" | null;
}

/** The OCI part of an add input (all optional; defaults apply). */
export interface OciRegistryFields {
  providerType?: OciProviderType | null;
  authKind?: OciAuthKind | null;
  baseContentPaths?: string[] | null;
  repositories?: string[] | null;
  ecr?: {
    region?: string | null;
    accessKeyId?: string | null;
    secretAccessKey?: string | null;
    roleArn?: string | null;
    externalId?: string | null;
  } | null;
}

/** An add input of any kind; the OCI fields apply to OCI registries only. */
export type AnyRegistryInput = RegistryInput & OciRegistryFields;

/** Changes to a registry; null or absent fields keep their value. */
export type RegistryUpdate = {
  [K in keyof Omit<AnyRegistryInput, "scope">]?: AnyRegistryInput[K] | null;
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
    private readonly secrets: SecretBox,
    /** Advanced after every change, so that cached read responses are not served again. */
    private readonly catalogVersion: CatalogVersion,
  ) {
    this.reader = new EntityReader(dataSource, RegistryEntity);
  }

  private get repo() {
    return this.dataSource.getRepository(RegistryEntity);
  }

  /** Registries by id with one prepared statement (the read path's lookups). */
  readonly reader: EntityReader<RegistryEntity>;

  /** The registry if the viewer may see it, else null (existence is not revealed). */
  async findVisible(viewer: Viewer, id: string): Promise<RegistryEntity | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [registry] = await this.reader.byIds([id]);
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
  async add(viewer: Viewer, kind: RegistryKind, input: AnyRegistryInput): Promise<RegistryEntity> {
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
    await this.catalogVersion.advance();
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
    await this.catalogVersion.advance();
    this.logger.info({ registryId: entity.id }, "registry updated");
    return this.repo.findOneByOrFail({ id });
  }

  /** Deletes a registry with its catalog and history. */
  async delete(viewer: Viewer, id: string): Promise<RegistryEntity> {
    const entity = await this.getManageable(viewer, id);
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
    const scope = input.scope ?? "TENANT";
    if (!canManage(viewer, { scope, tenantId: scope === "SYSTEM" ? null : viewer.tenantId })) {
      throw apiError(ApiErrorCode.FORBIDDEN, "Only an admin of this scope may validate registries");
    }
    const entity = this.repo.create({ id: randomUUID(), kind, scope, tenantId: viewer.tenantId });
    this.applyInput(entity, input, true);
    try {
      await this.providers.get(kind).validate(toTarget(entity, this.secrets));
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
      const providerType = (raw.providerType ?? null) as OciProviderType | null;
      if (
        !this.providers.has(kind) ||
        (kind === "OCI" && !this.providers.supportsOci(providerType ?? "HELM"))
      ) {
        this.logger.debug(
          { name, kind, providerType },
          "default registry skipped: kind not supported yet",
        );
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
        {
          name,
          endpoint: String(raw.endpoint ?? ""),
          syncEnabled: raw.syncEnabled === undefined ? null : raw.syncEnabled !== false,
          providerType,
          authKind: (raw.authKind ?? null) as OciAuthKind | null,
          baseContentPaths: Array.isArray(raw.baseContentPaths)
            ? raw.baseContentPaths.map(String)
            : null,
        },
        true,
      );
      await this.lock.run(() => this.repo.insert(entity));
      await this.catalogVersion.advance();
      added++;
    }
    if (added > 0) this.logger.info({ added }, "default registries seeded");
    return added;
  }

  /**
   * Applies an input to an entity, then seals every secret the input set: the entity (and so
   * anything saved from it) holds secrets only encrypted.
   */
  private applyInput(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
    const before = SECRET_FIELDS.map((field) => (creating ? null : entity[field.property]));
    this.applyFields(entity, input, creating);
    SECRET_FIELDS.forEach((field, index) => {
      const value = entity[field.property];
      if (value != null && value !== before[index]) {
        entity[field.property] = this.secrets.seal(value, {
          registryId: entity.id,
          column: field.column,
        });
      }
    });
  }

  /**
   * Encrypts, with the current key, every stored secret that is plaintext (stored before
   * encryption existed) or sealed with an earlier key (ENCRYPTION_PREVIOUS_KEYS). Runs at
   * start-up; returns how many values were re-sealed.
   */
  async resealSecrets(): Promise<number> {
    const rows = await this.repo
      .createQueryBuilder("r")
      .select(["r.id", ...SECRET_FIELDS.map((field) => `r.${field.property}`)])
      .where(SECRET_FIELDS.map((field) => `r.${field.property} IS NOT NULL`).join(" OR "))
      .getMany();
    let resealed = 0;
    for (const row of rows) {
      const changes: Partial<Record<SecretProperty, string>> = {};
      for (const field of SECRET_FIELDS) {
        const value = row[field.property];
        if (value === null || this.secrets.isCurrent(value)) continue;
        const slot = { registryId: row.id, column: field.column };
        try {
          changes[field.property] = this.secrets.seal(this.secrets.open(value, slot), slot);
          resealed++;
        } catch (error) {
          if (!(error instanceof SecretUnavailableError)) throw error;
          // Left as it is: the registry fails INVALID_CONFIGURATION until the key or credentials return.
          this.logger.warn({ registryId: row.id, column: field.column }, error.message);
        }
      }
      if (Object.keys(changes).length > 0) {
        await this.lock.run(() => this.repo.update({ id: row.id }, changes));
      }
    }
    if (resealed > 0)
      this.logger.info({ resealed }, "registry secrets encrypted with the current key");
    return resealed;
  }

  private applyFields(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
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
    if (creating || input.endpoint != null) {
      entity.endpoint =
        entity.kind === "OCI"
          ? normalizeOciEndpoint(input.endpoint ?? "")
          : entity.kind === "PACK"
            ? normalizePackEndpoint(input.endpoint ?? "")
            : normalizeEndpoint(input.endpoint ?? "");
    }
    if (entity.kind === "PACK") {
      // Pack registries are always synchronized (Palette has no switch for them).
      if (input.protected === true || input.syncEnabled === false) {
        throw badInput(
          "Pack registries are always synchronized: they cannot be protected or taken off the schedule",
          input.protected === true ? "protected" : "syncEnabled",
        );
      }
      entity.protected = false;
      entity.syncEnabled = true;
      if (input.auth?.type === "TOKEN" || input.auth?.type === "ECR") {
        throw badInput("Pack registries take BASIC authentication or none", "auth.type");
      }
      applyTls(entity, input, creating);
      applyAuth(entity, input, creating);
      return;
    }
    if (entity.kind === "OCI" && creating) {
      entity.ociProviderType = input.providerType ?? "HELM";
      if (!this.providers.supportsOci(entity.ociProviderType)) {
        throw apiError(
          ApiErrorCode.UNSUPPORTED,
          `OCI registries of provider type ${entity.ociProviderType} are not supported yet`,
          { field: "providerType" },
        );
      }
    }
    if (creating || input.protected != null) entity.protected = input.protected ?? false;
    if (creating || input.syncEnabled != null || input.protected != null) {
      const syncEnabled =
        input.syncEnabled ??
        (creating
          ? !entity.protected && entity.ociProviderType !== "ZARF"
          : entity.syncEnabled && !entity.protected);
      if (entity.protected && syncEnabled) {
        throw badInput(
          "A protected registry is never synchronized: syncEnabled must be false",
          "syncEnabled",
        );
      }
      entity.syncEnabled = syncEnabled;
    }
    applyTls(entity, input, creating);
    if (entity.kind === "OCI") {
      applyOciInput(entity, input, creating);
      return;
    }
    if (input.auth?.type === "ECR") {
      throw badInput("ECR authentication applies to OCI registries only", "auth.type");
    }
    applyAuth(entity, input, creating);
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
      await this.providers.get(entity.kind).validate(toTarget(entity, this.secrets));
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

type SecretProperty = "authSecret" | "ecrExternalId";

/** Entity fields stored encrypted, with their column names (bound into the ciphertext). */
const SECRET_FIELDS: readonly { property: SecretProperty; column: string }[] = [
  { property: "authSecret", column: "auth_secret" },
  { property: "ecrExternalId", column: "ecr_external_id" },
];

/** A stored secret, decrypted; a secret that cannot be opened is INVALID_CONFIGURATION. */
function openSecret(
  entity: RegistryEntity,
  property: SecretProperty,
  secrets: SecretBox,
): string | null {
  const value = entity[property];
  if (value == null) return null;
  const column = SECRET_FIELDS.find((field) => field.property === property)!.column;
  try {
    return secrets.open(value, { registryId: entity.id, column });
  } catch (error) {
    if (!(error instanceof SecretUnavailableError)) throw error;
    throw new RegistryError(RegistryErrorCode.INVALID_CONFIGURATION, error.message);
  }
}

/** What a provider needs from a stored registry, with its secrets decrypted. */
export function toTarget(stored: RegistryEntity, secrets: SecretBox): RegistryTarget {
  const entity = {
    ...stored,
    authSecret: openSecret(stored, "authSecret", secrets),
    ecrExternalId: openSecret(stored, "ecrExternalId", secrets),
  };
  const tls = {
    caCertificate: entity.tlsCaCertificate,
    insecureSkipVerify: entity.tlsInsecureSkipVerify,
  };
  if (entity.kind !== "OCI") {
    const type = entity.authType === "ECR" ? "NONE" : entity.authType;
    return {
      kind: entity.kind,
      endpoint: entity.endpoint,
      auth: { type, username: entity.authUsername, secret: entity.authSecret },
      tls,
    };
  }
  const ecr = entity.ociAuthKind === "ECR";
  return {
    kind: entity.kind,
    endpoint: entity.endpoint,
    auth:
      ecr || entity.authType === "ECR"
        ? { type: "NONE" }
        : { type: entity.authType, username: entity.authUsername, secret: entity.authSecret },
    tls,
    oci: {
      providerType: entity.ociProviderType ?? "HELM",
      baseContentPaths: jsonStrings(entity.ociBaseContentPaths),
      repositories: jsonStrings(entity.ociRepositories),
      authKind: ecr ? "ECR" : "BASIC",
      ecr: ecr
        ? {
            region: entity.ecrRegion,
            accessKeyId: entity.authType === "ECR" ? entity.authUsername : null,
            secretAccessKey: entity.authType === "ECR" ? entity.authSecret : null,
            roleArn: entity.ecrRoleArn,
            externalId: entity.ecrExternalId,
          }
        : undefined,
    },
  };
}

/** A stored JSON list of strings. */
export function jsonStrings(text: string | null | undefined): string[] {
  return jsonList<unknown>(text).map(String);
}

/** Username/password or token of a Helm registry (or an OCI registry with BASIC auth). */
function applyAuth(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
  if (!creating && !input.auth) return;
  const auth = input.auth ?? { type: "NONE" as const };
  if (auth.type === "ECR")
    throw badInput("ECR credentials are given in `ecr` of an OCI registry", "auth.type");
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

function applyTls(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
  if (!creating && !input.tls) return;
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

/** `/production/` → `production`; each component must follow the OCI repository grammar. */
function ociPath(raw: string, field: string): string {
  const path = raw.trim().replace(/^\/+|\/+$/g, "");
  if (!isRepositoryName(path)) {
    throw badInput(
      `"${raw}" is not a repository path: lowercase letters, digits and separators (. _ -) in components joined by /`,
      field,
    );
  }
  return path;
}

/** The region an `<account>.dkr.ecr.<region>.amazonaws.com` endpoint names, if it is one. */
function regionOfEcrHost(endpoint: string): string | null {
  try {
    return ecrRegion(new URL(endpoint), undefined);
  } catch {
    return null;
  }
}

/**
 * The OCI settings, with DESIGN.md's rules: Zarf only with BASIC auth and never on the schedule;
 * packs must be synchronized; a base content path is required when synchronization is on;
 * explicit repositories lie under a base content path.
 */
function applyOciInput(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
  const type = entity.ociProviderType ?? "HELM";
  if (creating || input.authKind != null) entity.ociAuthKind = input.authKind ?? "BASIC";
  if (creating || input.baseContentPaths != null) {
    const paths = (input.baseContentPaths ?? []).map((p) => ociPath(p, "baseContentPaths"));
    entity.ociBaseContentPaths = JSON.stringify([...new Set(paths)]);
  }
  if (creating || input.repositories != null) {
    const repositories = (input.repositories ?? []).map((r) => ociPath(r, "repositories"));
    entity.ociRepositories = JSON.stringify([...new Set(repositories)]);
  }
  const bases = jsonStrings(entity.ociBaseContentPaths);
  const repositories = jsonStrings(entity.ociRepositories);

  if (type === "ZARF" && entity.ociAuthKind === "ECR")
    throw badInput("Zarf registries support BASIC authentication only", "authKind");
  if (type === "ZARF" && entity.syncEnabled) {
    throw badInput(
      "Zarf registries are synchronized only on request, never on the schedule: syncEnabled must be false",
      "syncEnabled",
    );
  }
  if (type === "PACK" && (entity.protected || !entity.syncEnabled))
    throw badInput("Pack registries are always synchronized", "syncEnabled");
  if (entity.syncEnabled && bases.length === 0) {
    throw badInput(
      "A base content path is required when synchronization is on",
      "baseContentPaths",
    );
  }
  const outside = repositories.find(
    (r) => bases.length > 0 && !bases.some((base) => r.startsWith(`${base}/`)),
  );
  if (outside) {
    throw badInput(
      `Repository "${outside}" is not under a base content path (${bases.join(", ")})`,
      "repositories",
    );
  }

  if (input.auth?.type === "ECR" || input.auth?.type === "TOKEN") {
    throw badInput(
      "OCI registries take NONE or BASIC credentials in `auth` (the token flow is automatic) and AWS credentials in `ecr`",
      "auth.type",
    );
  }
  if (entity.ociAuthKind === "BASIC") {
    // Not (or no longer) ECR: AWS settings and credentials go.
    if (entity.authType === "ECR")
      Object.assign(entity, { authType: "NONE", authUsername: null, authSecret: null });
    entity.ecrRegion = entity.ecrRoleArn = entity.ecrExternalId = null;
    if (input.ecr) throw badInput("`ecr` applies to ECR registries only", "ecr");
    applyAuth(entity, input, creating);
    return;
  }
  if (input.auth && input.auth.type !== "NONE")
    throw badInput("ECR registries take AWS credentials in `ecr`, not `auth`", "auth");
  applyEcr(entity, input, creating);
}

/** AWS credentials of an ECR registry: access keys, a role, both, or none (anonymous). */
function applyEcr(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
  const switching = entity.authType !== "ECR" && !creating && input.authKind === "ECR";
  if (switching) Object.assign(entity, { authType: "NONE", authUsername: null, authSecret: null });
  if (!creating && !switching && !input.ecr) return;
  const ecr = input.ecr ?? {};
  const region =
    ecr.region?.trim() || regionOfEcrHost(entity.endpoint) || (creating ? null : entity.ecrRegion);
  if (!region || !/^[a-z]{2}(?:-[a-z]+)+-\d$/.test(region)) {
    throw badInput(
      "ECR needs an AWS region (e.g. us-east-1): give ecr.region or an *.dkr.ecr.<region>.amazonaws.com endpoint",
      "ecr.region",
    );
  }
  entity.ecrRegion = region;
  const accessKeyId = ecr.accessKeyId?.trim() || null;
  if (accessKeyId) {
    entity.authUsername = accessKeyId;
    if (ecr.secretAccessKey) entity.authSecret = ecr.secretAccessKey;
    else if (creating || entity.authType !== "ECR" || !entity.authSecret)
      throw badInput("An AWS access key needs its secret access key", "ecr.secretAccessKey");
  } else if (ecr.secretAccessKey) {
    throw badInput("A secret access key needs its access key id", "ecr.accessKeyId");
  } else if (creating || input.ecr) {
    entity.authUsername = null;
    entity.authSecret = null;
  }
  if (creating || ecr.roleArn !== undefined) {
    const roleArn = ecr.roleArn?.trim() || null;
    if (roleArn && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(roleArn))
      throw badInput(
        "roleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
        "ecr.roleArn",
      );
    entity.ecrRoleArn = roleArn;
    if (!roleArn) entity.ecrExternalId = null;
  }
  if (ecr.externalId !== undefined && ecr.externalId !== null) {
    if (!entity.ecrRoleArn) throw badInput("An external id goes with a role ARN", "ecr.externalId");
    entity.ecrExternalId = ecr.externalId.trim() || null;
  }
  entity.authType = entity.authUsername || entity.ecrRoleArn ? "ECR" : "NONE";
}

/** An OCI registry host, with or without scheme (https by default); no path. */
function normalizeOciEndpoint(raw: string): string {
  const text = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  const endpoint = normalizeEndpoint(withScheme);
  if (new URL(endpoint).pathname.replace(/\/+$/, "") !== "") {
    throw badInput(
      "An OCI endpoint is a host (and port); put namespaces in baseContentPaths",
      "endpoint",
    );
  }
  return endpoint;
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

/**
 * A pack registry endpoint: https only (the registry holds credentials and serves what clusters
 * deploy), host and optional port; the `/v1` the documentation shows is the API root, dropped.
 */
function normalizePackEndpoint(raw: string): string {
  const endpoint = normalizeEndpoint(raw);
  const url = new URL(endpoint);
  if (url.protocol !== "https:") {
    throw badInput("A pack registry endpoint must be an https URL", "endpoint");
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (path !== "" && path !== "/v1") {
    throw badInput(
      "A pack registry endpoint is a host and optional port (e.g. https://registry.example.com), without a path",
      "endpoint",
    );
  }
  return url.origin;
}

function connectionFingerprint(e: RegistryEntity): string {
  return JSON.stringify([
    e.endpoint,
    e.authType,
    e.authUsername,
    e.authSecret,
    e.tlsCaCertificate,
    e.tlsInsecureSkipVerify,
    e.ociAuthKind,
    e.ociBaseContentPaths,
    e.ociRepositories,
    e.ecrRegion,
    e.ecrRoleArn,
    e.ecrExternalId,
  ]);
}
