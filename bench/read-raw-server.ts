/**
 * The raw baseline of the read-path section: `node:http`, a readonly better-sqlite3 connection
 * (the catalog file is in WAL mode), three prepared statements reading only the needed columns,
 * and `JSON.stringify`. It serves POST /graphql for the page query alone (the variables are
 * read, the query text is not) and answers the JSON the gateway answers for the same page.
 */
import Database from "better-sqlite3";
import { idOfType } from "../src/services/ids";
import { DEFAULT_VIEWER } from "../src/access/viewer";
import { type PageVariables } from "./read-protocol";
import {
  afterCursor,
  NO_REGISTRY,
  PAGE_COLUMNS,
  pageJson,
  serveRawPages,
  type PageRow,
  type RawServer,
  type VersionRow,
} from "./raw-page";

export async function startRawServer(file: string): Promise<RawServer> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let statements = 0;

  // 1. The registry, visible to the viewer, with its chart count (null: no such registry).
  const registryCount = db.prepare<[string, string | null], { n: number }>(
    `SELECT (SELECT COUNT(*) FROM chart c WHERE c.registry_id = r.id) AS n FROM registry r
     WHERE r.id = ? AND (r.scope = 'SYSTEM' OR r.tenant_id = ?)`,
  );
  // 2. The page of charts (one more row tells whether a next page follows), latest version joined.
  const firstPage = db.prepare<[string, number], PageRow>(
    `SELECT ${PAGE_COLUMNS} FROM chart c LEFT JOIN chart_version lv ON lv.id = c.latest_version_id
     WHERE c.registry_id = ? ORDER BY c.name, c.id LIMIT ?`,
  );
  const nextPage = db.prepare<[string, string, string, number, number], PageRow>(
    `SELECT ${PAGE_COLUMNS} FROM chart c LEFT JOIN chart_version lv ON lv.id = c.latest_version_id
     WHERE c.registry_id = ? AND (c.name > ? OR (c.name = ? AND c.id > ?))
     ORDER BY c.name, c.id LIMIT ?`,
  );
  // 3. The top versions of each chart of the page: a correlated LIMIT per chart id.
  const versionStatements = new Map<number, Database.Statement<unknown[], VersionRow>>();
  const versions = (n: number) => {
    let statement = versionStatements.get(n);
    if (!statement) {
      statement = db.prepare<unknown[], VersionRow>(
        `SELECT v.chart_id, v.version, v.app_version, v.created, v.digest
         FROM chart c JOIN chart_version v ON v.id IN (
           SELECT v2.id FROM chart_version v2 WHERE v2.chart_id = c.id
           ORDER BY v2.sort_key DESC, v2.id DESC LIMIT ?)
         WHERE c.id IN (${new Array(n).fill("?").join(", ")})
         ORDER BY v.chart_id, v.sort_key DESC, v.id DESC`,
      );
      versionStatements.set(n, statement);
    }
    return statement;
  };

  const page = (variables: PageVariables, versionsPerChart: number): string => {
    const registryId = idOfType(variables.registryId, "Registry");
    const registry = registryId
      ? registryCount.get(registryId, DEFAULT_VIEWER.tenantId)
      : undefined;
    statements += registryId ? 1 : 0;
    if (!registryId || !registry) return NO_REGISTRY;
    const first = variables.first;
    let rows: PageRow[];
    if (variables.after) {
      const after = afterCursor(variables.after);
      rows = nextPage.all(registryId, after.name, after.name, after.id, first + 1);
    } else {
      rows = firstPage.all(registryId, first + 1);
    }
    statements++;
    const charts = rows.slice(0, first);
    let found: VersionRow[] = [];
    if (charts.length > 0) {
      statements++;
      found = versions(charts.length).all(versionsPerChart, ...charts.map((c) => c.id));
    }
    return pageJson(registry.n, rows, first, found);
  };

  return serveRawPages(
    page,
    () => statements,
    () => {
      db.close();
    },
  );
}
