import { type MigrationInterface, type QueryRunner } from "typeorm";

/** Every `json text` column of the entities (see store/portable-types.ts), with its default. */
export const JSON_COLUMNS: readonly { table: string; column: string; default: string | null }[] = [
  { table: "registry", column: "oci_base_content_paths", default: "[]" },
  { table: "registry", column: "oci_repositories", default: "[]" },
  { table: "registry", column: "index_info", default: null },
  { table: "chart", column: "cloud_types", default: "[]" },
  { table: "chart", column: "keywords", default: "[]" },
  { table: "chart_version", column: "urls", default: "[]" },
  { table: "chart_version", column: "keywords", default: "[]" },
  { table: "chart_version", column: "sources", default: "[]" },
  { table: "chart_version", column: "maintainers", default: "[]" },
  { table: "chart_version", column: "dependencies", default: "[]" },
  { table: "chart_version", column: "annotations", default: "{}" },
  { table: "chart_version", column: "pack", default: null },
  { table: "chart_version", column: "parent_tags", default: null },
  { table: "sync_run", column: "warnings", default: "[]" },
];

/** `chart.search_vector` over the given expression for the keywords. */
function searchVector(keywords: string): string {
  return `tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('catalog_search', coalesce("name", '')), 'A') ||
        setweight(to_tsvector('catalog_search', coalesce("display_name", '')), 'B') ||
        setweight(${keywords}, 'B') ||
        setweight(to_tsvector('catalog_search', coalesce("description", '')), 'C')) STORED`;
}

/**
 * JSON columns as `jsonb` on PostgreSQL (they were `text`, holding JSON): the server checks that
 * every value is JSON, and the columns can be queried with jsonb's operators and indexed. SQLite
 * keeps `text` (the entities' portable `json text`). Text written before that holds a `\u0000`
 * escape (jsonb refuses NUL) has it as U+FFFD, as the writers now write it.
 *
 * `chart.search_vector` reads `keywords`, and a generated column's inputs cannot change type:
 * it is dropped (with its GIN index) and made again, its keywords part now jsonb's own
 * `to_tsvector` (the string values only, not the brackets and quotes: the same words).
 */
export class JsonColumns1733270400000 implements MigrationInterface {
  name = "JsonColumns1733270400000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "chart" DROP COLUMN "search_vector"`);
    for (const { table, column, default: value } of JSON_COLUMNS) {
      if (value !== null)
        await q.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" DROP DEFAULT`);
      await q.query(
        `ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE jsonb USING CAST(
           CASE WHEN strpos("${column}", '\\u0000') > 0
                THEN regexp_replace("${column}", '(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000', '\\1\\\\ufffd', 'g')
                ELSE "${column}" END AS jsonb)`,
      );
      if (value !== null)
        await q.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET DEFAULT '${value}'`);
    }
    await q.query(
      `ALTER TABLE "chart" ADD "search_vector" ${searchVector(`to_tsvector('catalog_search', "keywords")`)}`,
    );
    await q.query(`CREATE INDEX "idx_chart_search" ON "chart" USING GIN ("search_vector")`);
    await this.recordSearchVector(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "chart" DROP COLUMN "search_vector"`);
    for (const { table, column, default: value } of JSON_COLUMNS) {
      if (value !== null)
        await q.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" DROP DEFAULT`);
      await q.query(
        `ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE text USING CAST("${column}" AS text)`,
      );
      if (value !== null)
        await q.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET DEFAULT '${value}'`);
    }
    await q.query(
      `ALTER TABLE "chart" ADD "search_vector" ${searchVector(`to_tsvector('catalog_search', coalesce("keywords", ''))`)}`,
    );
    await q.query(`CREATE INDEX "idx_chart_search" ON "chart" USING GIN ("search_vector")`);
    await this.recordSearchVector(q);
  }

  /** TypeORM's record of the generated column's expression (see PostgresCatalog1733011200000). */
  private async recordSearchVector(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "typeorm_metadata" SET "value" =
         pg_get_expr((SELECT adbin FROM pg_attrdef d JOIN pg_attribute a
                       ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                      WHERE d.adrelid = '"chart"'::regclass AND a.attname = 'search_vector'),
                     '"chart"'::regclass)
       WHERE "type" = 'GENERATED_COLUMN' AND "schema" = current_schema() AND "table" = 'chart'
         AND "name" = 'search_vector'`,
    );
  }
}
