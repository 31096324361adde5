import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Full-text search over charts (see src/services/catalog/chart-search.ts). On SQLite: an FTS5
 * external-content table over `chart` (the index only; the text stays in `chart`) with the
 * columns name, display_name, keywords and description, kept in sync by triggers, and built
 * for the charts already stored.
 *
 * Tokenizer: `unicode61 remove_diacritics 2` with its default separators, so `-`, `_`, `.` and
 * `/` split: `kube-prometheus-stack` is indexed as kube, prometheus, stack and a search for
 * `prometheus` or `stack` finds it (as the substring search did); a search for the hyphenated
 * name is a phrase of those tokens. `tokenchars '-'` would index the name as one token and lose
 * those matches. Keywords are stored as a JSON list: its quotes, commas and brackets are
 * separators too. `prefix='1 2 3'` adds indexes of 1-, 2- and 3-character prefixes: every query
 * token is a prefix query, and short ones (what a search box sends first) would otherwise merge
 * the doclists of every term they start; with 30,000 charts the 1-character index halves the
 * cost of `a` (which matches nearly every chart) for about 25% more index.
 *
 * The triggers see every write of the catalog writer, whichever connection it uses: it writes
 * `chart` with plain INSERT, UPDATE and DELETE (no REPLACE, which would fire DELETE triggers only
 * with recursive_triggers); a registry's deletion removes its charts by ON DELETE CASCADE, which
 * fires the DELETE trigger. The UPDATE trigger re-indexes a row only when an indexed column
 * changed (a re-sync rewrites every touched chart).
 *
 * A later migration that rebuilds `chart` (TypeORM recreates a SQLite table to alter a column)
 * drops these triggers with it: it must create them again and rebuild the index.
 *
 * PostgreSQL: nothing. The search there is still the substring one (LikeChartSearch); its own
 * full-text search (a tsvector column with a GIN index) will be a migration of its own.
 */
export class ChartSearch1732320000000 implements MigrationInterface {
  name = "ChartSearch1732320000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (!isSqlite(queryRunner)) return;
    await queryRunner.query(
      `CREATE VIRTUAL TABLE chart_fts USING fts5(
         name, display_name, keywords, description,
         content='chart', content_rowid='id',
         tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER chart_fts_insert AFTER INSERT ON chart BEGIN
         INSERT INTO chart_fts (rowid, name, display_name, keywords, description)
         VALUES (new.id, new.name, new.display_name, new.keywords, new.description);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER chart_fts_delete AFTER DELETE ON chart BEGIN
         INSERT INTO chart_fts (chart_fts, rowid, name, display_name, keywords, description)
         VALUES ('delete', old.id, old.name, old.display_name, old.keywords, old.description);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER chart_fts_update AFTER UPDATE OF id, name, display_name, keywords, description
         ON chart
         WHEN old.id IS NOT new.id OR old.name IS NOT new.name
           OR old.display_name IS NOT new.display_name OR old.keywords IS NOT new.keywords
           OR old.description IS NOT new.description
       BEGIN
         INSERT INTO chart_fts (chart_fts, rowid, name, display_name, keywords, description)
         VALUES ('delete', old.id, old.name, old.display_name, old.keywords, old.description);
         INSERT INTO chart_fts (rowid, name, display_name, keywords, description)
         VALUES (new.id, new.name, new.display_name, new.keywords, new.description);
       END`,
    );
    await queryRunner.query(`INSERT INTO chart_fts (chart_fts) VALUES ('rebuild')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (!isSqlite(queryRunner)) return;
    for (const trigger of ["chart_fts_insert", "chart_fts_delete", "chart_fts_update"])
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${trigger}`);
    await queryRunner.query("DROP TABLE IF EXISTS chart_fts");
  }
}

function isSqlite(queryRunner: QueryRunner): boolean {
  return queryRunner.connection.options.type === "better-sqlite3";
}
