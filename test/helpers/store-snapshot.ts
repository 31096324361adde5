import Database from "better-sqlite3";
import path from "node:path";
import { databaseUrlFor, storeQuery } from "./test-store";

/** One registry's catalog as stored, without timestamps: what a sync must leave whole. */
export interface CatalogSnapshot {
  charts: { name: string; versionCount: number; latestVersion: string | null }[];
  versions: {
    chart: string;
    version: string;
    digest: string | null;
    ociReference: string | null;
    contentHash: string;
  }[];
}

/**
 * The catalog of one registry (database id), read straight from the store of the test gateway
 * working in `dir` (the SQLite file, or its PostgreSQL schema) on a connection of its own.
 * Rows are ordered in JavaScript, so that both stores give the same order.
 */
export async function readCatalog(dir: string, registryId: string): Promise<CatalogSnapshot> {
  const charts = await storeQuery<{
    name: string;
    versionCount: number;
    latestVersion: string | null;
  }>(
    dir,
    `SELECT name, version_count AS "versionCount", latest_version AS "latestVersion"
       FROM chart WHERE registry_id = ?`,
    [registryId],
  );
  const versions = await storeQuery<CatalogSnapshot["versions"][number]>(
    dir,
    `SELECT c.name AS chart, v.version, v.digest, v.oci_reference AS "ociReference",
            v.content_hash AS "contentHash"
       FROM chart_version v JOIN chart c ON c.id = v.chart_id
      WHERE v.registry_id = ?`,
    [registryId],
  );
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    charts: charts
      .map((c) => ({ ...c, versionCount: Number(c.versionCount) }))
      .sort((a, b) => byText(a.name, b.name)),
    versions: versions.sort((a, b) => byText(a.chart, b.chart) || byText(a.version, b.version)),
  };
}

/** Rows of a table, straight from the store (e.g. to check nothing was half-written). */
export async function countRows(dir: string, table: "registry" | "sync_run"): Promise<number> {
  const [row] = await storeQuery<{ n: number | string }>(dir, `SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}

/** Statuses of a registry's sync runs, oldest first. */
export async function runStatuses(dir: string, registryId: string): Promise<string[]> {
  return (
    await storeQuery<{ status: string }>(
      dir,
      `SELECT status FROM sync_run WHERE registry_id = ? ORDER BY queued_at, id`,
      [registryId],
    )
  ).map((row) => row.status);
}

/**
 * SQLite: `PRAGMA integrity_check` of the file (`["ok"]` for a sound one). PostgreSQL keeps its
 * own files whole (WAL); there the answer is `["ok"]` once the schema answers a query.
 */
export async function integrityCheck(dir: string): Promise<string[]> {
  if ((await databaseUrlFor(dir)).schema) {
    await storeQuery(dir, "SELECT 1");
    return ["ok"];
  }
  const db = new Database(path.join(dir, "gateway.sqlite"), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return (db.pragma("integrity_check") as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
  } finally {
    db.close();
  }
}
