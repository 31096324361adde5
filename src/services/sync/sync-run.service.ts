import { type DataSource } from "typeorm";
import { SyncRunEntity } from "../../entities";
import { EntityReader } from "../../store/entity-reader";
import { type KeysetKey, keysetPage, type Page } from "../../store/keyset";
import { type PageRequest, pageWindow } from "../api-errors";

/** Runs newest first. */
const RUN_KEYS: readonly KeysetKey[] = [
  { column: "r.queued_at", direction: "DESC" },
  { column: "r.id", direction: "DESC" },
];

/** Reads of sync-run history. */
export class SyncRunService {
  /** Runs by id with one prepared statement (subscriptions and loaders read them often). */
  private readonly reader: EntityReader<SyncRunEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.reader = new EntityReader(dataSource, SyncRunEntity);
  }

  private get repo() {
    return this.dataSource.getRepository(SyncRunEntity);
  }

  /** Runs by id, in key order. */
  async byIds(ids: readonly string[]): Promise<(SyncRunEntity | null)[]> {
    const rows = await this.reader.byIds(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The newest run of each registry, in key order (one statement for all of them). */
  async latestByRegistry(registryIds: readonly string[]): Promise<(SyncRunEntity | null)[]> {
    const rows = await this.repo
      .createQueryBuilder("r")
      .where(
        `r.id IN (SELECT r2.id FROM sync_run r2 WHERE r2.registry_id = r.registry_id
          ORDER BY r2.queued_at DESC, r2.id DESC LIMIT 1)`,
      )
      .andWhere("r.registryId IN (:...ids)", { ids: [...registryIds] })
      .getMany();
    const byRegistry = new Map(rows.map((r) => [r.registryId, r]));
    return registryIds.map((id) => byRegistry.get(id) ?? null);
  }

  /** A page of one registry's runs, newest first. */
  page(registryId: string, request: PageRequest): Promise<Page<SyncRunEntity>> {
    return keysetPage(this.dataSource, {
      select: this.reader.selectList,
      from: "sync_run r",
      where: ["r.registry_id = ?"],
      params: [registryId],
      keys: RUN_KEYS,
      list: "syncRuns",
      window: pageWindow(request, "syncRuns", RUN_KEYS),
      // The queued_at value as the store compares it (SQLite's text, PostgreSQL's timestamp).
      cursorOf: (row: Record<string, unknown>) => [
        row.queued_at instanceof Date ? row.queued_at.toISOString() : String(row.queued_at),
        String(row.id),
      ],
      map: (row) => this.reader.hydrate(row),
    });
  }
}
