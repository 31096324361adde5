/**
 * What the read-path section's two raw baselines (SQLite: read-raw-server.ts, PostgreSQL:
 * pg-raw-server.ts) share: the rows they read, the page's JSON as the gateway answers it, and
 * the `node:http` server around a page function. Each baseline keeps only its own SQL.
 */
import { createServer, type ServerResponse } from "node:http";
import { listenOnLoopback } from "./bench-support";
import { toGlobalId } from "../src/services/ids";
import { decodeCursor, encodeCursor } from "../src/store/keyset";
import { PAGE_VERSIONS, type PageVariables } from "./read-protocol";

export interface RawServer {
  url: string;
  statements(): number;
  requests(): number;
  close(): Promise<void>;
}

export interface PageRow {
  id: number;
  name: string;
  description: string | null;
  version_count: number;
  lv_id: number | null;
  lv_version: string | null;
  lv_app_version: string | null;
}

export interface VersionRow {
  chart_id: number;
  version: string;
  app_version: string | null;
  created: string | null;
  digest: string | null;
}

export const PAGE_COLUMNS =
  "c.id, c.name, c.description, c.version_count, " +
  "lv.id AS lv_id, lv.version AS lv_version, lv.app_version AS lv_app_version";

/** The answer for a registry that is absent or hidden. */
export const NO_REGISTRY = `${JSON.stringify({ data: { registry: null } })}\n`;

/** The (name, id) an `after` cursor of the charts list points past. */
export function afterCursor(after: string): { name: string; id: number } {
  const decoded = decodeCursor(after);
  const cursor = decoded?.list === "charts" ? decoded.values : null;
  if (!cursor || cursor.length !== 2) throw new Error("`after` is not a cursor of this list");
  return { name: String(cursor[0]), id: Number(cursor[1]) };
}

/** The page's JSON, byte for byte as the gateway answers it (`rows` holds one row more than `first` when a next page follows). */
export function pageJson(
  totalCount: number,
  rows: PageRow[],
  first: number,
  versions: Iterable<VersionRow>,
): string {
  const charts = rows.slice(0, first);
  const byChart = new Map<number, VersionRow[]>();
  for (const v of versions) {
    const list = byChart.get(v.chart_id);
    if (list) list.push(v);
    else byChart.set(v.chart_id, [v]);
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
          totalCount,
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
}

/**
 * Serves POST /graphql with `page` for the page query alone (the variables are read, the query
 * text is not), on loopback.
 */
export async function serveRawPages(
  page: (variables: PageVariables, versionsPerChart: number) => string | Promise<string>,
  statements: () => number,
  closeStore: () => Promise<void> | void,
): Promise<RawServer> {
  let requests = 0;
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
      // The SQLite baseline answers synchronously: no await (and no extra turn) for it.
      const body = page(variables, PAGE_VERSIONS);
      send(res, 200, typeof body === "string" ? body : await body);
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
    statements,
    requests: () => requests,
    async close() {
      await listening.close();
      await closeStore();
    },
  };
}
