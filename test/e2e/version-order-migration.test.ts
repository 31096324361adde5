import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify as toYaml } from "yaml";
import { AddHelmRegistryDocument, ChartDocument } from "../__generated__/graphql";
import { startTestGateway } from "../helpers/gateway";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";
import { onPostgres } from "../helpers/test-store";

/**
 * Issue 18, points 2 and 3, for a catalog written before them: the migration recomputes every
 * stored version's sort key and flags and each chart's latest version, so an existing store
 * orders as Helm does without a resync. The "before" store is made by a real gateway, then set
 * back to what the older code wrote (non-npm-semver versions keyed `0<text>` and flagged not
 * semver, the latest taken among the npm-semver ones) with the migration not yet applied.
 */
// A SQLite migration (PostgreSQL catalogs start with Helm's order): SQLite only.
(onPostgres ? it.skip : it)(
  "SQLite: 2/3. a store written by the older order is migrated to Helm's order",
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "order-migration-"));
    const server = await FixtureServer.start();
    const versions = ["1.0", "2", "v1.2.3", "1.0.0+build.5", "1.0.0", "latest"];
    server.route(
      "/demo/index.yaml",
      serveBody(
        toYaml({
          apiVersion: "v1",
          entries: {
            demo: versions.map((version) => ({ name: "demo", version, urls: ["x.tgz"] })),
          },
        }),
      ),
    );
    let t = await startTestGateway({}, dir);
    let id: string;
    try {
      const added = await t.ok(AddHelmRegistryDocument, {
        input: { name: "demo", endpoint: server.url("/demo") },
      });
      id = added.addHelmRegistry.id;
      await syncAndWait(t, id);
    } finally {
      await t.close();
    }

    const db = new Database(t.dbFile);
    const npmSemver = new Set(["1.0.0+build.5", "1.0.0"]);
    for (const version of versions) {
      db.prepare(
        "UPDATE chart_version SET sort_key = ?, is_semver = ?, prerelease = 0 WHERE version = ?",
      ).run(
        npmSemver.has(version) ? "1old" : `0${version}`,
        npmSemver.has(version) ? 1 : 0,
        version,
      );
    }
    db.prepare(
      "UPDATE chart SET latest_version = '1.0.0', latest_version_id = (SELECT id FROM chart_version WHERE version = '1.0.0')",
    ).run();
    db.exec("ALTER TABLE registry DROP COLUMN index_info; ALTER TABLE registry DROP COLUMN fips;");
    db.prepare("DELETE FROM migrations WHERE name = 'HelmVersionOrder1732579200000'").run();
    db.close();

    t = await startTestGateway({}, dir);
    try {
      const data = await t.ok(ChartDocument, { id: id!, name: "demo", first: 10 });
      const chart = data.registry!.chart!;
      expect(chart.versions.edges.map((e) => [e.node.version, e.node.semver])).toEqual([
        ["2", true],
        ["v1.2.3", true],
        ["1.0.0+build.5", true],
        ["1.0.0", true],
        ["1.0", true],
        ["latest", false],
      ]);
      expect(chart.latestVersion?.version).toBe("2");
    } finally {
      await t.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
