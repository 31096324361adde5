import { type Repository } from "typeorm";
import { SecretRedactor } from "../../providers/http/secret-redaction";
import { type RegistryEntity } from "../../entities";
import { type Logger } from "../../observability/logger";
import { isRegistryError, RegistryError, RegistryErrorCode } from "../../providers/errors";
import { type RegistryTarget } from "../../providers/provider";
import { type SecretBox, SecretUnavailableError } from "../../store/secret-box";
import { jsonList } from "../../store/sql";
import { type WriteLock } from "../../store/write-lock";

/**
 * A registry's secrets and what a provider is handed: secrets are sealed whenever an input sets
 * them, opened only to build a provider target, and re-sealed at start-up when stored in plaintext
 * or under an earlier key. Nothing here returns a secret to the API.
 */

type SecretProperty = "authSecret" | "ecrExternalId";

/** Entity fields stored encrypted, with their column names (bound into the ciphertext). */
export const SECRET_FIELDS: readonly { property: SecretProperty; column: string }[] = [
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

/** Every secret a target holds (credentials, ECR secret key and external id), for redaction. */
export function targetSecrets(
  target: RegistryTarget,
): { secret?: string | null; username?: string | null }[] {
  return [
    target.auth,
    { secret: target.oci?.ecr?.secretAccessKey ?? null },
    { secret: target.oci?.ecr?.externalId ?? null },
    ...(target.echoedSecrets ?? []),
  ];
}

/**
 * asRegistryError, its message cleared of every spelling of the target's secrets: the second
 * line of defence behind the providers' own redaction, on every path a registry's words take
 * to a person (validation, sync runs and their events, content, reference checks).
 */
export function registryFailure(error: unknown, target: RegistryTarget | null): RegistryError {
  const failure = asRegistryError(error);
  if (!target) return failure;
  const message = new SecretRedactor(targetSecrets(target)).redact(failure.message);
  if (message === failure.message) return failure;
  return new RegistryError(
    failure.code,
    message || "The registry's answer quoted a credential; it is not shown.",
    failure.status,
    { cause: failure },
  );
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

/**
 * Seals every secret field that `before` (the values before an input was applied; null when
 * creating) does not hold: the entity, and so anything saved from it, holds secrets only sealed.
 */
export function sealChangedSecrets(
  entity: RegistryEntity,
  before: readonly (string | null)[] | null,
  secrets: SecretBox,
): void {
  SECRET_FIELDS.forEach((field, index) => {
    const value = entity[field.property];
    if (value != null && value !== (before ? before[index] : null)) {
      entity[field.property] = secrets.seal(value, { registryId: entity.id, column: field.column });
    }
  });
}

/** The stored secret fields of an entity, in SECRET_FIELDS order (for `sealChangedSecrets`). */
export function secretValues(entity: RegistryEntity): (string | null)[] {
  return SECRET_FIELDS.map((field) => entity[field.property]);
}

/**
 * Encrypts, with the current key, every stored secret that is plaintext (stored before
 * encryption existed) or sealed with an earlier key (ENCRYPTION_PREVIOUS_KEYS). Runs at
 * start-up; returns how many values were re-sealed.
 */
export async function resealSecrets(
  repo: Repository<RegistryEntity>,
  secrets: SecretBox,
  lock: WriteLock,
  logger: Logger,
): Promise<number> {
  const rows = await repo
    .createQueryBuilder("r")
    .select(["r.id", ...SECRET_FIELDS.map((field) => `r.${field.property}`)])
    .where(SECRET_FIELDS.map((field) => `r.${field.property} IS NOT NULL`).join(" OR "))
    .getMany();
  let resealed = 0;
  for (const row of rows) {
    const changes: Partial<Record<SecretProperty, string>> = {};
    for (const field of SECRET_FIELDS) {
      const value = row[field.property];
      if (value === null || secrets.isCurrent(value)) continue;
      const slot = { registryId: row.id, column: field.column };
      try {
        changes[field.property] = secrets.seal(secrets.open(value, slot), slot);
        resealed++;
      } catch (error) {
        if (!(error instanceof SecretUnavailableError)) throw error;
        // Left as it is: the registry fails INVALID_CONFIGURATION until the key or credentials return.
        logger.warn({ registryId: row.id, column: field.column }, error.message);
      }
    }
    if (Object.keys(changes).length > 0) {
      await lock.run(() => repo.update({ id: row.id }, changes));
    }
  }
  if (resealed > 0) logger.info({ resealed }, "registry secrets encrypted with the current key");
  return resealed;
}
