import DataLoader from "dataloader";
import { type RegistryEntity, type SyncRunEntity } from "../entities";
import {
  type CatalogService,
  type ChartRow,
  type VersionListArgs,
  type VersionPage,
  type VersionRow,
  versionColumns,
} from "./catalog/catalog.service";
import { type SyncRunService } from "./sync/sync-run.service";

import { type RegistryRows } from "./registries/recent-registries";

const ALL_COLUMNS = versionColumns(null);

/** Per-request loaders: every per-parent read of a request batches into one statement. */
export interface Loaders {
  registryById: DataLoader<string, RegistryEntity | null>;
  chartById: DataLoader<number, ChartRow | null>;
  chartByName: DataLoader<{ registryId: string; name: string }, ChartRow | null, string>;
  /** One loader per select list (`versionColumns`): a request's equal selections batch. */
  versionById(columns?: string): DataLoader<number, VersionRow | null>;
  /** One loader per distinct argument set and select list of `Chart.versions`. */
  versionPages(
    args: VersionListArgs,
    columns?: string,
  ): DataLoader<{ id: number; versionCount: number }, VersionPage, number>;
  latestRunByRegistry: DataLoader<string, SyncRunEntity | null>;
  runById: DataLoader<string, SyncRunEntity | null>;
}

/** Creates a fresh set of loaders; call once per request (or per subscription event). */
export function createLoaders(
  registries: RegistryRows,
  catalog: CatalogService,
  runs: SyncRunService,
): Loaders {
  const pageLoaders = new Map<
    string,
    DataLoader<{ id: number; versionCount: number }, VersionPage, number>
  >();
  const versionLoaders = new Map<string, DataLoader<number, VersionRow | null>>();
  let last:
    | {
        args: VersionListArgs;
        columns: string;
        loader: DataLoader<{ id: number; versionCount: number }, VersionPage, number>;
      }
    | undefined;
  return {
    registryById: new DataLoader(async (ids) => {
      const rows = await registries.byIds(ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    chartById: new DataLoader((ids) => catalog.chartsById(ids)),
    chartByName: new DataLoader((keys) => catalog.chartsByName(keys), {
      cacheKeyFn: (k) => `${k.registryId}\u0000${k.name}`,
    }),
    versionById(columns = ALL_COLUMNS) {
      let loader = versionLoaders.get(columns);
      if (!loader) {
        loader = new DataLoader((ids) => catalog.versionsById(ids, columns));
        versionLoaders.set(columns, loader);
      }
      return loader;
    },
    versionPages(args, columns = ALL_COLUMNS) {
      // Called once per chart of a page, 50 times with equal arguments: the previous call's
      // loader, when its arguments were the same, without making a key.
      if (last && last.columns === columns && sameVersionList(last.args, args)) return last.loader;
      const key = JSON.stringify([
        args.range ?? null,
        args.includePrerelease,
        args.includeDeprecated,
        args.verified ?? null,
        args.first ?? null,
        args.after ?? null,
        args.last ?? null,
        args.before ?? null,
        columns,
      ]);
      let loader = pageLoaders.get(key);
      if (!loader) {
        loader = new DataLoader((charts) => catalog.versionPages(charts, args, columns), {
          cacheKeyFn: (c) => c.id,
        });
        pageLoaders.set(key, loader);
      }
      last = { args, columns, loader };
      return loader;
    },
    latestRunByRegistry: new DataLoader((ids) => runs.latestByRegistry(ids)),
    runById: new DataLoader((ids) => runs.byIds(ids)),
  };
}

/** Whether two `Chart.versions` argument sets ask for the same lists (the viewer is the request's own). */
function sameVersionList(a: VersionListArgs, b: VersionListArgs): boolean {
  return (
    (a.range ?? null) === (b.range ?? null) &&
    a.includePrerelease === b.includePrerelease &&
    a.includeDeprecated === b.includeDeprecated &&
    (a.verified ?? null) === (b.verified ?? null) &&
    (a.first ?? null) === (b.first ?? null) &&
    (a.after ?? null) === (b.after ?? null) &&
    (a.last ?? null) === (b.last ?? null) &&
    (a.before ?? null) === (b.before ?? null)
  );
}
