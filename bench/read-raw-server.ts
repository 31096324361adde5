/**
 * The raw baseline of the read-path section: `node:http`, a readonly better-sqlite3 connection
 * (the catalog file is in WAL mode), three prepared statements reading only the needed columns,
 * and `JSON.stringify`. It serves POST /graphql for the page query alone (the variables are
 * read, the query text is not) and answers the JSON the gateway answers for the same page.
 */
import Database from "better-sqlite3";
import { createServer, type ServerResponse } from "node:http";
import { listenOnLoopback } from "./bench-support";
import { idOfType, toGlobalId } from "../src/services/ids";
import { decodeCursor, encodeCursor } from "../src/store/keyset";
import { DEFAULT_VIEWER } from "../src/access/viewer";
import { PAGE_VERSIONS, type PageVariables } from "./read-protocol";

export interface RawServer {
  url: string;
  statements(): number;
  requests(): number;
  close(): Promise<void>;
}

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

export async function startRawServer(file: string): Promise<RawServer> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let statements = 0;
  let requests = 0;

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
    if (!registryId || !registry) return `${JSON.stringify({ data: { registry: null } })}\n`;
    const first = variables.first;
    let rows: PageRow[];
    if (variables.after) {
      const decoded = decodeCursor(variables.after);
      const cursor = decoded?.list === "charts" ? decoded.values : null;
      if (!cursor || cursor.length !== 2) throw new Error("`after` is not a cursor of this list");
      const name = String(cursor[0]);
      rows = nextPage.all(registryId, name, name, Number(cursor[1]), first + 1);
    } else {
      rows = firstPage.all(registryId, first + 1);
    }
    statements++;
    const charts = rows.slice(0, first);
    const byChart = new Map<number, VersionRow[]>();
    if (charts.length > 0) {
      statements++;
      for (const v of versions(charts.length).all(versionsPerChart, ...charts.map((c) => c.id))) {
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

  const handle = (res: ServerResponse, text: string) => {
    let variables: PageVariables;
    try {
      variables = (JSON.parse(text) as { variables: PageVariables }).variables;
    } catch {
      send(res, 400, JSON.stringify({ errors: [{ message: "the body is not JSON" }] }));
      return;
    }
    try {
      send(res, 200, page(variables, PAGE_VERSIONS));
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
    req.on("end", () => handle(res, Buffer.concat(chunks).toString("utf8")));
  });
  const listening = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${listening.port}`,
    statements: () => statements,
    requests: () => requests,
    async close() {
      await listening.close();
      db.close();
    },
  };
}
