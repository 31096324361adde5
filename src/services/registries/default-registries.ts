import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { type DataSource } from "typeorm";
import { parse as parseYaml } from "yaml";
import { RegistryEntity } from "../../entities";
import { type Logger } from "../../observability/logger";
import { type ProviderSet } from "../../providers";
import {
  type OciAuthKind,
  type OciProviderType,
  type RegistryKind,
} from "../../providers/provider";
import { type CatalogVersion } from "../../store/catalog-version";
import { type WriteLock } from "../../store/write-lock";
import { ConfigError } from "../../config/config";
import { oneLine } from "../../config/startup-error";
import { applyRegistryInput } from "./registry-input";

/**
 * Seeds the default registries from a YAML file (DEFAULT_REGISTRIES_FILE): missing ones are
 * inserted as SYSTEM, default, immutable registries; existing ones are left as they are. Kinds
 * without a provider in this build are skipped with a log line. With `fipsOnly` (Palette VerteX,
 * PALETTE_EDITION=vertex) only the entries marked `fips: true` are seeded; a system admin adds
 * any other registry explicitly. Returns how many were added.
 */
export async function seedDefaultRegistries(
  file: string,
  parts: {
    fipsOnly?: boolean;
    dataSource: DataSource;
    providers: ProviderSet;
    lock: WriteLock;
    catalogVersion: CatalogVersion;
    logger: Logger;
  },
): Promise<number> {
  const { dataSource, providers, lock, catalogVersion, logger, fipsOnly = false } = parts;
  const repo = dataSource.getRepository(RegistryEntity);
  // Every entry is checked before any is written: a bad file stops start-up and seeds nothing.
  const entities: RegistryEntity[] = [];
  readDefaultRegistries(file).forEach((raw, index) => {
    const kind = String(raw.kind ?? "") as RegistryKind;
    const name = String(raw.name ?? "");
    const providerType = (raw.providerType ?? null) as OciProviderType | null;
    const fips = raw.fips === true;
    if (fipsOnly && !fips) return;
    if (
      !providers.has(kind) ||
      (kind === "OCI" && !providers.supportsOci(providerType ?? "HELM"))
    ) {
      logger.debug(
        { name, kind, providerType },
        "default registry skipped: kind not supported yet",
      );
      return;
    }
    const entity = repo.create({
      id: randomUUID(),
      scope: "SYSTEM",
      tenantId: null,
      kind,
      isDefault: true,
      fips,
    });
    try {
      applyRegistryInput(
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
        providers,
      );
    } catch (error) {
      throw new ConfigError(
        `DEFAULT_REGISTRIES_FILE: entry ${index + 1} (${JSON.stringify(name)}) of ${file} is not a valid registry: ${oneLine((error as Error).message)}`,
      );
    }
    entities.push(entity);
  });
  let added = 0;
  for (const entity of entities) {
    const exists = await repo.findOneBy({ scope: "SYSTEM", kind: entity.kind, name: entity.name });
    if (exists) continue;
    await lock.run(() => repo.insert(entity));
    await catalogVersion.advance();
    added++;
  }
  if (added > 0) logger.info({ added }, "default registries seeded");
  return added;
}

/**
 * The entries of a default-registries file; a file that is missing, unreadable, not YAML or not
 * a `registries` list of mappings is a ConfigError naming DEFAULT_REGISTRIES_FILE.
 */
function readDefaultRegistries(file: string): Record<string, unknown>[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ConfigError(
      `DEFAULT_REGISTRIES_FILE: cannot read ${file} (${code === "ENOENT" ? "no such file" : (code ?? oneLine((error as Error).message))}); set it to a readable YAML file, or SEED_DEFAULT_REGISTRIES=false`,
    );
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `DEFAULT_REGISTRIES_FILE: ${file} is not valid YAML: ${oneLine((error as Error).message, 160)}`,
    );
  }
  const registries = (doc as { registries?: unknown } | null)?.registries;
  if (
    !Array.isArray(registries) ||
    registries.some((entry) => entry === null || typeof entry !== "object" || Array.isArray(entry))
  ) {
    throw new ConfigError(
      `DEFAULT_REGISTRIES_FILE: ${file} must hold a "registries" list of mappings (name, kind, endpoint, …)`,
    );
  }
  return registries as Record<string, unknown>[];
}
