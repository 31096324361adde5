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
  const doc = parseYaml(readFileSync(file, "utf8")) as { registries?: unknown };
  if (!doc || !Array.isArray(doc.registries))
    throw new Error(`${file}: expected a "registries" list`);
  let added = 0;
  for (const raw of doc.registries as Record<string, unknown>[]) {
    const kind = String(raw.kind ?? "") as RegistryKind;
    const name = String(raw.name ?? "");
    const providerType = (raw.providerType ?? null) as OciProviderType | null;
    const fips = raw.fips === true;
    if (fipsOnly && !fips) continue;
    if (
      !providers.has(kind) ||
      (kind === "OCI" && !providers.supportsOci(providerType ?? "HELM"))
    ) {
      logger.debug(
        { name, kind, providerType },
        "default registry skipped: kind not supported yet",
      );
      continue;
    }
    const exists = await repo.findOneBy({ scope: "SYSTEM", name });
    if (exists) continue;
    const entity = repo.create({
      id: randomUUID(),
      scope: "SYSTEM",
      tenantId: null,
      kind,
      isDefault: true,
      fips,
    });
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
    await lock.run(() => repo.insert(entity));
    await catalogVersion.advance();
    added++;
  }
  if (added > 0) logger.info({ added }, "default registries seeded");
  return added;
}
