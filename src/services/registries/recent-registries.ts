import { type RegistryEntity } from "../../entities";
import { type CatalogVersion } from "../../store/catalog-version";

/** Registry rows kept at most (the least recently read go first). */
const MAX_KEPT = 1000;

/** Reads registry rows by id (an EntityReader). */
export interface RegistryRows {
  byIds(ids: readonly string[]): Promise<RegistryEntity[]>;
}

/**
 * Registry rows for the read path, kept in memory per catalog version: a page of a registry's
 * charts then costs no statement for the registry itself (on PostgreSQL a round trip of three),
 * and a search's `registry { name }` none for the registries it has seen.
 *
 * Why a kept row is never older than the store: every change of a registry row (a mutation, a
 * sync run's `lastSyncedAt` and validators, a trust change) advances the catalog version after
 * it is committed (see CatalogVersion), and the version is read here before the rows. A row kept
 * under version v was read from a store at least as new as v; once a change advances the version,
 * no row kept under v is returned again. On PostgreSQL the version is held in memory while the
 * fleet connection hears other instances' announcements, and read from the store otherwise, as
 * the response cache does. Callers get a copy they may change.
 */
export class RecentRegistries implements RegistryRows {
  private readonly kept = new Map<string, { version: number; entity: RegistryEntity }>();

  constructor(
    private readonly rows: RegistryRows,
    private readonly catalogVersion: CatalogVersion,
  ) {}

  async byIds(ids: readonly string[]): Promise<RegistryEntity[]> {
    if (ids.length === 0) return [];
    const version = await this.catalogVersion.current();
    const found: RegistryEntity[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const hit = this.kept.get(id);
      if (hit && hit.version === version) {
        // Most recently read last, for the eviction below.
        this.kept.delete(id);
        this.kept.set(id, hit);
        found.push(copy(hit.entity));
      } else missing.push(id);
    }
    if (missing.length === 0) return found;
    for (const entity of await this.rows.byIds(missing)) {
      this.kept.delete(entity.id);
      this.kept.set(entity.id, { version, entity: copy(entity) });
      found.push(entity);
    }
    for (const id of this.kept.keys()) {
      if (this.kept.size <= MAX_KEPT) break;
      this.kept.delete(id);
    }
    return found;
  }
}

function copy(entity: RegistryEntity): RegistryEntity {
  return Object.assign(
    Object.create(Object.getPrototypeOf(entity) as object) as RegistryEntity,
    entity,
  );
}
