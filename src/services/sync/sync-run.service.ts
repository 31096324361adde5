import { type DataSource } from "typeorm";
import { SyncRunEntity } from "../../entities";
import { EntityReader } from "../../store/entity-reader";
import { badInput } from "../api-errors";
import { decodeCursor, encodeCursor } from "../ids";
import { type Page } from "../registries/registry.service";

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
  async page(
    registryId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<SyncRunEntity>> {
    const qb = this.repo
      .createQueryBuilder("r")
      .where("r.registryId = :registryId", { registryId });
    const totalCount = await qb.clone().getCount();
    if (after) {
      const cursor = decodeCursor(after);
      if (!cursor || cursor.length !== 2)
        throw badInput("`after` is not a cursor of this list", "after");
      qb.andWhere("(r.queuedAt < :at OR (r.queuedAt = :at AND r.id < :id))", {
        at: cursor[0],
        id: cursor[1],
      });
    }
    const rows = await qb
      .orderBy("r.queuedAt", "DESC")
      .addOrderBy("r.id", "DESC")
      .take(first + 1)
      .getMany();
    return {
      items: rows
        .slice(0, first)
        .map((r) => ({ cursor: encodeCursor([rawDate(r.queuedAt), r.id]), node: r })),
      totalCount,
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(after),
    };
  }
}

/** The queued_at value as the store compares it (TypeORM's SQLite text form). */
function rawDate(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}
