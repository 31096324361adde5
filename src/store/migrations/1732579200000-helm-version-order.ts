import { type MigrationInterface, type QueryRunner } from "typeorm";
import { helmOrderKey } from "../../providers/helm-semver";

/**
 * Versions order as Helm orders them (issue 18): `1.0`, `2` and `v1.2.3` are versions, and ties
 * of equal precedence are broken one documented way (see version-order.ts). Recomputes every
 * stored version's sort key and flags, and each chart's latest version; the chart's display
 * fields (description, icon…) follow at its next sync. Adds `registry.index_info`: a Helm index's
 * own `annotations` and `serverInfo`, written by the next sync; and `registry.fips` (Palette's
 * FIPS registry, issue 18 point 13).
 */
export class HelmVersionOrder1732579200000 implements MigrationInterface {
  name = "HelmVersionOrder1732579200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE: TypeORM's addColumn rebuilds a SQLite table, and the rebuild would drop
    // the expression index that keeps registry names unique (1732492800000).
    await queryRunner.query("ALTER TABLE registry ADD COLUMN index_info text");
    await queryRunner.query("ALTER TABLE registry ADD COLUMN fips boolean NOT NULL DEFAULT false");
    // A FIPS default seeded before the flag existed.
    await queryRunner.query(
      "UPDATE registry SET fips = TRUE WHERE is_default = TRUE AND name = 'Palette Registry FIPS'",
    );
    const postgres = queryRunner.connection.options.type === "postgres";
    const p = (n: number) => (postgres ? `$${n}` : "?");
    const flag = (value: boolean) => (postgres ? value : Number(value));
    const rows = (await queryRunner.query("SELECT id, chart_id, version FROM chart_version")) as {
      id: number;
      chart_id: number;
      version: string;
    }[];
    // The latest of a chart: its highest stable version, else its highest (as pickLatest).
    const latest = new Map<number, { id: number; version: string; key: string; stable: boolean }>();
    for (const row of rows) {
      const { key, parsed } = helmOrderKey(row.version);
      await queryRunner.query(
        `UPDATE chart_version SET sort_key = ${p(1)}, is_semver = ${p(2)}, prerelease = ${p(3)} WHERE id = ${p(4)}`,
        [key, flag(parsed !== null), flag(parsed !== null && parsed.pre !== ""), row.id],
      );
      const stable = parsed !== null && parsed.pre === "";
      const best = latest.get(Number(row.chart_id));
      if (!best || (stable && !best.stable) || (stable === best.stable && key > best.key)) {
        latest.set(Number(row.chart_id), { id: Number(row.id), version: row.version, key, stable });
      }
    }
    for (const [chartId, best] of latest) {
      await queryRunner.query(
        `UPDATE chart SET latest_version = ${p(1)}, latest_version_id = ${p(2)} WHERE id = ${p(3)}`,
        [best.version, best.id, chartId],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn("registry", "index_info");
    await queryRunner.dropColumn("registry", "fips");
    // The older keys are not kept; a sync after a downgrade writes them again.
  }
}
