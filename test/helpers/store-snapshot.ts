import Database from "better-sqlite3";

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

/** Opens the gateway's SQLite file read-only on a connection of its own (WAL: never blocked). */
function withReader<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The catalog of one registry (database id), read straight from the file. */
export function readCatalog(file: string, registryId: string): CatalogSnapshot {
  return withReader(file, (db) => ({
    charts: db
      .prepare(
        `SELECT name, version_count AS versionCount, latest_version AS latestVersion
           FROM chart WHERE registry_id = ? ORDER BY name`,
      )
      .all(registryId) as CatalogSnapshot["charts"],
    versions: db
      .prepare(
        `SELECT c.name AS chart, v.version, v.digest, v.oci_reference AS ociReference,
                v.content_hash AS contentHash
           FROM chart_version v JOIN chart c ON c.id = v.chart_id
          WHERE v.registry_id = ? ORDER BY c.name, v.version`,
      )
      .all(registryId) as CatalogSnapshot["versions"],
  }));
}

/** Rows of a table, straight from the file (e.g. to check nothing was half-written). */
export function countRows(file: string, table: "registry" | "sync_run"): number {
  return withReader(
    file,
    (db) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
  );
}

/** Statuses of a registry's sync runs, oldest first. */
export function runStatuses(file: string, registryId: string): string[] {
  return withReader(file, (db) =>
    (
      db
        .prepare(`SELECT status FROM sync_run WHERE registry_id = ? ORDER BY queued_at, id`)
        .all(registryId) as { status: string }[]
    ).map((row) => row.status),
  );
}

/** `PRAGMA integrity_check`: `["ok"]` for a sound file. */
export function integrityCheck(file: string): string[] {
  return withReader(file, (db) =>
    (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check),
  );
}
