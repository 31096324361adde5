import {
  type DataSource,
  type EntityMetadata,
  type EntityTarget,
  type ObjectLiteral,
} from "typeorm";
import { placeholders, sql } from "./sql";

/**
 * Reads entities by id with one plain statement, hydrated from the entity's own metadata
 * (column names, types and transformers, as TypeORM's `find` does). `find` builds its SQL anew on
 * every call, which on the read path costs more than the query itself; this builds it once.
 */
export class EntityReader<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  /** The select list of every column, unqualified (for statements over this entity's table). */
  readonly selectList: string;
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
  ) {
    this.metadata = dataSource.getMetadata(entity);
    this.selectList = this.metadata.columns.map((c) => `"${c.databaseName}"`).join(", ");
    this.table = `"${this.metadata.tableName}"`;
  }

  /** The entities with these ids, in no particular order (missing ids are left out). */
  async byIds(ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    const rows = await sql<Record<string, unknown>>(
      this.dataSource,
      `SELECT ${this.selectList} FROM ${this.table} WHERE "id" IN (${placeholders(ids.length)})`,
      ids,
    );
    return rows.map((row) => this.hydrate(row));
  }

  /** An entity from a row of its columns, as `find` would build it. */
  hydrate(row: Record<string, unknown>): T {
    const driver = this.dataSource.driver;
    const entity = this.metadata.create() as T;
    for (const column of this.metadata.columns) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return entity;
  }
}
