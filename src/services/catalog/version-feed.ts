import { type DataSource } from "typeorm";
import { canSeeEvent } from "../../access/access-policy";
import { type Viewer } from "../../access/viewer";
import { placeholders, sql } from "../../store/sql";
import { type VersionChange } from "../../sync/catalog-writer";
import { type CatalogChangedEvent, type SyncEventBus } from "../../sync/sync-events";
import { type RegistryService } from "../registries/registry.service";
import { type VersionRow, VERSION_COLUMNS } from "./catalog-rows";
import { parseVersionFilter } from "./version-filter";
import { matchesSpec, type VersionSpec } from "./version-order";

/** One version that entered the catalog, as `chartVersionPublished` pushes it. */
export interface PublishedVersion {
  registryId: string;
  runId: string;
  chart: string;
  row: VersionRow;
  at: string;
}

/**
 * The versions entering a registry's catalog, one by one, as completed sync runs add them: read
 * from the change feed (`catalogChanged` events, which cross the instances of a fleet), kept by
 * chart and range (Helm's reading, as `versions(range:)`), and loaded from the store with every
 * column, so that a subscriber can select any field of the version.
 */
export class VersionFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: SyncEventBus,
    private readonly registries: RegistryService,
  ) {}

  async published(
    viewer: Viewer,
    registryId: string,
    chart: string | null,
    range: string | null,
  ): Promise<AsyncIterableIterator<PublishedVersion>> {
    // A registry the viewer cannot see is not found (before anything is subscribed).
    await this.registries.getVisible(viewer, registryId);
    const spec = parseVersionFilter({
      range,
      includePrerelease: false,
      includeDeprecated: true,
    }).range;
    const wanted = chart?.trim() || null;
    const source = await this.events.catalogChanges();
    return expandStream(source, async (event) => {
      if (event.registryId !== registryId || !canSeeEvent(viewer, event)) return [];
      const kept = event.added.filter((change) => keeps(change, wanted, spec));
      return kept.length === 0 ? [] : this.load(event, kept);
    });
  }

  /** The rows of the versions added, in the order of the event; versions gone since are skipped. */
  private async load(
    event: CatalogChangedEvent,
    kept: VersionChange[],
  ): Promise<PublishedVersion[]> {
    const byChart = new Map<string, string[]>();
    for (const change of kept) {
      const list = byChart.get(change.chart) ?? [];
      list.push(change.version);
      byChart.set(change.chart, list);
    }
    const found = new Map<string, VersionRow>();
    for (const [name, versions] of byChart) {
      const rows = await sql<VersionRow>(
        this.dataSource,
        `SELECT ${VERSION_COLUMNS} FROM chart_version v
           JOIN chart c ON c.id = v.chart_id
          WHERE c.registry_id = ? AND c.name = ? AND v.version IN (${placeholders(versions.length)})`,
        [event.registryId, name, ...versions],
      );
      for (const row of rows) found.set(`${name}\u0000${row.version}`, row);
    }
    return kept.flatMap((change) => {
      const row = found.get(`${change.chart}\u0000${change.version}`);
      return row
        ? [
            {
              registryId: event.registryId,
              runId: event.runId,
              chart: change.chart,
              row,
              at: event.at,
            },
          ]
        : [];
    });
  }
}

function keeps(change: VersionChange, chart: string | null, spec: VersionSpec | null): boolean {
  return (!chart || change.chart === chart) && (!spec || matchesSpec(change.version, spec, false));
}

/**
 * An async iterator of the items each source event expands to (in order), loaded asynchronously.
 * `return()` (a client unsubscribing) releases the source at once, even while a `next()` waits.
 */
export function expandStream<TEvent, TItem>(
  source: AsyncIterator<TEvent>,
  expand: (event: TEvent) => Promise<TItem[]>,
): AsyncIterableIterator<TItem> {
  const queue: TItem[] = [];
  let finished = false;
  const finish = async (): Promise<IteratorResult<TItem>> => {
    if (!finished) {
      finished = true;
      await source.return?.();
    }
    return { done: true, value: undefined };
  };
  return {
    async next() {
      while (!finished) {
        if (queue.length > 0) return { done: false, value: queue.shift()! };
        const result = await source.next();
        if (result.done || finished) return finish();
        queue.push(...(await expand(result.value)));
      }
      return { done: true, value: undefined };
    },
    return: finish,
    async throw(error?: unknown) {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
