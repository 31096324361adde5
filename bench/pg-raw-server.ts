/**
 * The raw baseline of the PostgreSQL read measures (pg-read-section.ts): `node:http`, a `pg`
 * pool of 8 connections, three named (prepared) statements reading only the needed columns, and
 * `JSON.stringify`: read-raw-server.ts's queries on PostgreSQL. It serves POST /graphql for the
 * page query alone and answers the JSON the gateway answers for the same page.
 */
import { Pool } from "pg";
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

const REGISTRY_COUNT = `SELECT (SELECT COUNT(*) FROM chart c WHERE c.registry_id = r.id)::int AS n
  FROM registry r WHERE r.id = $1 AND (r.scope = 'SYSTEM' OR r.tenant_id = $2)`;
const FIRST_PAGE = `SELECT ${PAGE_COLUMNS} FROM chart c
  LEFT JOIN chart_version lv ON lv.id = c.latest_version_id
  WHERE c.registry_id = $1 ORDER BY c.name, c.id LIMIT $2`;
const NEXT_PAGE = `SELECT ${PAGE_COLUMNS} FROM chart c
  LEFT JOIN chart_version lv ON lv.id = c.latest_version_id
  WHERE c.registry_id = $1 AND (c.name > $2 OR (c.name = $2 AND c.id > $3))
  ORDER BY c.name, c.id LIMIT $4`;
/** The top versions of each chart of the page: a LATERAL LIMIT per chart id. */
const VERSIONS = `SELECT v.chart_id, v.version, v.app_version, v.created, v.digest
  FROM unnest($2::int[]) AS c(id)
  CROSS JOIN LATERAL (SELECT v2.chart_id, v2.version, v2.app_version, v2.created, v2.digest,
                             v2.sort_key, v2.id
                        FROM chart_version v2 WHERE v2.chart_id = c.id
                       ORDER BY v2.sort_key DESC, v2.id DESC LIMIT $1) v
  ORDER BY v.chart_id, v.sort_key DESC, v.id DESC`;

export async function startPgRawServer(databaseUrl: string): Promise<RawServer> {
  const pool = new Pool({ connectionString: databaseUrl, max: 8 });
  let statements = 0;

  const query = async <T>(name: string, text: string, values: unknown[]): Promise<T[]> => {
    statements++;
    return (await pool.query<T & object>({ name, text, values })).rows;
  };

  const page = async (variables: PageVariables, versionsPerChart: number): Promise<string> => {
    const registryId = idOfType(variables.registryId, "Registry");
    const [registry] = registryId
      ? await query<{ n: number }>("registry", REGISTRY_COUNT, [
          registryId,
          DEFAULT_VIEWER.tenantId,
        ])
      : [];
    if (!registryId || !registry) return NO_REGISTRY;
    const first = variables.first;
    let rows: PageRow[];
    if (variables.after) {
      const after = afterCursor(variables.after);
      rows = await query<PageRow>("next", NEXT_PAGE, [registryId, after.name, after.id, first + 1]);
    } else {
      rows = await query<PageRow>("first", FIRST_PAGE, [registryId, first + 1]);
    }
    const charts = rows.slice(0, first);
    const versions =
      charts.length > 0
        ? await query<VersionRow>("versions", VERSIONS, [versionsPerChart, charts.map((c) => c.id)])
        : [];
    return pageJson(registry.n, rows, first, versions);
  };

  return serveRawPages(
    page,
    () => statements,
    () => pool.end(),
  );
}
