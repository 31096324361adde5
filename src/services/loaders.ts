import DataLoader from "dataloader";
import { RegistryEntity, type SyncRunEntity } from "../entities";
import {
  type CatalogService,
  type ChartRow,
  type VersionListArgs,
  type VersionPage,
  type VersionRow,
} from "./catalog.service";
import { type SyncRunService } from "./sync-run.service";
import { type DataSource, In } from "typeorm";

/** Per-request loaders: every per-parent read of a request batches into one statement. */
export interface Loaders {
  registryById: DataLoader<string, RegistryEntity | null>;
  chartById: DataLoader<number, ChartRow | null>;
  chartByName: DataLoader<{ registryId: string; name: string }, ChartRow | null, string>;
  versionById: DataLoader<number, VersionRow | null>;
  /** One loader per distinct argument set of `Chart.versions`. */
  versionPages(
    args: VersionListArgs,
  ): DataLoader<{ id: number; versionCount: number }, VersionPage, number>;
  latestRunByRegistry: DataLoader<string, SyncRunEntity | null>;
  runById: DataLoader<string, SyncRunEntity | null>;
}

/** Creates a fresh set of loaders; call once per request (or per subscription event). */
export function createLoaders(
  dataSource: DataSource,
  catalog: CatalogService,
  runs: SyncRunService,
): Loaders {
  const pageLoaders = new Map<
    string,
    DataLoader<{ id: number; versionCount: number }, VersionPage, number>
  >();
  return {
    registryById: new DataLoader(async (ids) => {
      const rows = await dataSource.getRepository(RegistryEntity).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    chartById: new DataLoader((ids) => catalog.chartsById(ids)),
    chartByName: new DataLoader((keys) => catalog.chartsByName(keys), {
      cacheKeyFn: (k) => `${k.registryId}\u0000${k.name}`,
    }),
    versionById: new DataLoader((ids) => catalog.versionsById(ids)),
    versionPages(args) {
      const key = JSON.stringify([
        args.range ?? null,
        args.includePrerelease,
        args.includeDeprecated,
        args.first,
        args.after ?? null,
      ]);
      let loader = pageLoaders.get(key);
      if (!loader) {
        loader = new DataLoader((charts) => catalog.versionPages(charts, args), {
          cacheKeyFn: (c) => c.id,
        });
        pageLoaders.set(key, loader);
      }
      return loader;
    },
    latestRunByRegistry: new DataLoader((ids) => runs.latestByRegistry(ids)),
    runById: new DataLoader((ids) => runs.byIds(ids)),
  };
}
