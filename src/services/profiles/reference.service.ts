import { type RegistryEntity } from "../../entities";
import { type ProviderSet } from "../../providers";
import { type LookupResult } from "../../providers/provider";
import { type CatalogService } from "../catalog/catalog.service";
import { type SecretBox } from "../../store/secret-box";
import { type RegistryTarget } from "../../providers/provider";
import { registryFailure, toTarget } from "../registries/registry-secrets";
import { spendRegistryCall } from "../registry-calls";

/**
 * Checks a typed chart reference (name + version). Protected registries, and registries never
 * synchronized, are asked directly with a targeted lookup and nothing is stored; synchronized
 * registries are answered from the catalog.
 */
export class ReferenceService {
  constructor(
    private readonly providers: ProviderSet,
    private readonly catalog: CatalogService,
    private readonly secrets: SecretBox,
  ) {}

  async check(registry: RegistryEntity, chart: string, version: string): Promise<LookupResult> {
    if (!registry.protected && registry.lastSyncedAt) {
      const [row] = await this.catalog.chartsByName([{ registryId: registry.id, name: chart }]);
      const synced = registry.lastSyncedAt.toISOString();
      if (!row) {
        return {
          status: "NOT_FOUND",
          message: `No chart "${chart}" in the catalog of "${registry.name}" (synced ${synced})`,
        };
      }
      const found = await this.catalog.findVersion(Number(row.id), version);
      return found
        ? {
            status: "VERIFIED",
            message: `${chart} ${version} is in the catalog of "${registry.name}" (synced ${synced})`,
          }
        : {
            status: "NOT_FOUND",
            message: `${chart} has no version ${version} in the catalog of "${registry.name}" (synced ${synced})`,
          };
    }
    spendRegistryCall();
    let target: RegistryTarget | null = null;
    try {
      target = toTarget(registry, this.secrets);
      return await this.providers.get(registry.kind).lookup(target, chart, version);
    } catch (error) {
      const failure = registryFailure(error, target);
      return {
        status: "UNVERIFIABLE",
        message: `Could not check ${chart} ${version}: ${failure.message}`,
        error: failure,
      };
    }
  }
}
