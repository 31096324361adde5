/**
 * The raw baseline of the PostgreSQL read measures (pg-read-section.ts): `node:http`, a `pg`
 * pool of 8 connections, three named (prepared) statements reading only the needed columns, and
 * `JSON.stringify`: read-raw-server.ts's queries on PostgreSQL. It serves POST /graphql for the
 * page query alone and answers the JSON the gateway answers for the same page.
 */
import { createServer, type ServerResponse } from "node:http";
import { Pool } from "pg";
import { listenOnLoopback } from "./bench-support";
import { idOfType, toGlobalId } from "../src/services/ids";
import { decodeCursor, encodeCursor } from "../src/store/keyset";
import { DEFAULT_VIEWER } from "../src/access/viewer";
import { PAGE_VERSIONS, type PageVariables } from "./read-protocol";
import { type RawServer } from "./read-raw-server";

interface PageRow {
  id: number;
  name: string;
  description: string | null;
  version_count: number;
  lv_id: number | null;
  lv_version: string | null;
  lv_app_version: string | null;
}

interface VersionRow {
  chart_id: number;
  version: string;
  app_version: string | null;
  created: string | null;
  digest: string | null;
}

const PAGE_COLUMNS =
  "c.id, c.name, c.description, c.version_count, " +
  "lv.id AS lv_id, lv.version AS lv_version, lv.app_version AS lv_app_version";

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
  let requests = 0;

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
    if (!registryId || !registry) return `${JSON.stringify({ data: { registry: null } })}\n`;
    const first = variables.first;
    let rows: PageRow[];
    if (variables.after) {
      const decoded = decodeCursor(variables.after);
      const cursor = decoded?.list === "charts" ? decoded.values : null;
      if (!cursor || cursor.length !== 2) throw new Error("`after` is not a cursor of this list");
      rows = await query<PageRow>("next", NEXT_PAGE, [
        registryId,
        String(cursor[0]),
        Number(cursor[1]),
        first + 1,
      ]);
    } else {
      rows = await query<PageRow>("first", FIRST_PAGE, [registryId, first + 1]);
    }
    const charts = rows.slice(0, first);
    const byChart = new Map<number, VersionRow[]>();
    if (charts.length > 0) {
      const versions = await query<VersionRow>("versions", VERSIONS, [
        versionsPerChart,
        charts.map((c) => c.id),
      ]);
      for (const v of versions) {
        const list = byChart.get(v.chart_id);
        if (list) list.push(v);
        else byChart.set(v.chart_id, [v]);
      }
    }
    const edges = charts.map((c) => ({
      cursor: encodeCursor("charts", [c.name, c.id]),
      node: {
        id: toGlobalId("Chart", c.id),
        name: c.name,
        description: c.description,
        latestVersion:
          c.lv_id === null ? null : { version: c.lv_version, appVersion: c.lv_app_version },
        versions: {
          totalCount: c.version_count,
          edges: (byChart.get(c.id) ?? []).map((v) => ({
            node: {
              version: v.version,
              appVersion: v.app_version,
              created: v.created,
              digest: v.digest,
            },
          })),
        },
      },
    }));
    // Apollo ends its JSON with a newline.
    const body = JSON.stringify({
      data: {
        registry: {
          charts: {
            totalCount: registry.n,
            pageInfo: {
              hasNextPage: rows.length > first,
              endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null,
            },
            edges,
          },
        },
      },
    });
    return `${body}\n`;
  };

  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  };

  const handle = async (res: ServerResponse, text: string) => {
    let variables: PageVariables;
    try {
      variables = (JSON.parse(text) as { variables: PageVariables }).variables;
    } catch {
      send(res, 400, JSON.stringify({ errors: [{ message: "the body is not JSON" }] }));
      return;
    }
    try {
      send(res, 200, await page(variables, PAGE_VERSIONS));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      send(res, 200, JSON.stringify({ errors: [{ message }], data: { registry: null } }));
    }
  };

  const server = createServer((req, res) => {
    requests++;
    if (req.method !== "POST" || req.url !== "/graphql") {
      send(res, 404, JSON.stringify({ errors: [{ message: "POST /graphql only" }] }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => void handle(res, Buffer.concat(chunks).toString("utf8")));
  });
  const listening = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${listening.port}`,
    statements: () => statements,
    requests: () => requests,
    async close() {
      await listening.close();
      await pool.end();
    },
  };
}
