import { resolvePackTag } from "./parent-tags";
import { type DataSource } from "typeorm";
import { badInput, type PageRequest, pageWindow } from "../api-errors";
import { type ChartSearch, chartSearchFor } from "./chart-search";
import { visibleRegistriesSql } from "../../access/access-policy";
import { type Viewer } from "../../access/viewer";
import {
  afterCondition,
  beforeCondition,
  isBackward,
  type KeysetKey,
  keysetPage,
  orderBy,
  type Page,
  type PageWindow,
  reversed,
  sliceWindow,
} from "../../store/keyset";
import { parseHelmVersion } from "../../providers/helm-semver";
import { containsPattern, placeholders, sql } from "../../store/sql";
import { CHART_COLUMNS, type ChartRow, VERSION_COLUMNS, type VersionRow } from "./catalog-rows";
import { matches, parseVersionFilter, type VersionFilter } from "./version-filter";
import { parseVersionSpec } from "./version-order";
import { verifiedChartCondition, verifiedCondition } from "../trust/verified-filter";

export {
  ALL_CHART_COLUMNS,
  ALL_VERSION_COLUMNS,
  CHART_COLUMNS,
  CHART_FIELD_COLUMNS,
  chartColumns,
  type ChartRow,
  VERSION_FIELD_COLUMNS,
  versionColumns,
  type VersionRow,
} from "./catalog-rows";

/** A page of charts, with the latest version of each when they were asked for. */
export interface ChartPage extends Page<ChartRow> {
  /** Latest-version rows (with the columns asked for) of the page's charts that have one. */
  latest: VersionRow[];
}

/** Prefix of the latest-version columns in a page statement's rows. */
const LATEST = "lv__";

/** The columns of a chart row read with its latest version's (`[column, name in its row]`). */
interface LatestColumns {
  chart: string[];
  latest: [string, string][];
}

/** Splits a joined row's columns: the chart's, and the latest version's (prefix dropped). */
function splitLatestColumns(columns: readonly string[]): LatestColumns {
  const split: LatestColumns = { chart: [], latest: [] };
  for (const column of columns) {
    if (column === "search_rank") continue;
    if (column.startsWith(LATEST)) split.latest.push([column, column.slice(LATEST.length)]);
    else split.chart.push(column);
  }
  return split;
}

export interface ChartListArgs extends PageRequest {
  search?: string | null;
  includeDeprecated: boolean;
  /** HELM_CHART, PACK or ZARF_PACKAGE. */
  kind?: string | null;
  /** Pack layer (kernel, os, k8s, cni, csi, addon). */
  layer?: string | null;
  /** Pack add-on type, case-insensitive. */
  addonType?: string | null;
  /** Pack cloud type; packs for `all` clouds match every cloud type. */
  cloudType?: string | null;
  /** Only charts whose latest version is (true) or is not (false) verified for `trustViewer`. */
  verified?: boolean | null;
  /** Whose trust policy `verified` is judged by. */
  trustViewer?: Viewer | null;
}

export interface VersionListArgs extends PageRequest {
  range?: string | null;
  includePrerelease: boolean;
  includeDeprecated: boolean;
  /** Only versions that are (true) or are not (false) verified for `trustViewer`. */
  verified?: boolean | null;
  /** Whose trust policy `verified` is judged by. */
  trustViewer?: Viewer | null;
}

/** The `verified` filter of a list, judged by `trustViewer`'s policy (null when not asked). */
function verifiedFilter(
  args: { verified?: boolean | null; trustViewer?: Viewer | null },
  alias: string,
  condition: typeof verifiedCondition,
): { where: string; params: unknown[] } | null {
  if (args.verified == null) return null;
  if (!args.trustViewer) throw new Error("the verified filter needs the viewer's trust policy");
  return condition(args.trustViewer, alias, args.verified);
}

/** The order of a chart's versions: highest first (see version-order.ts), then newest row. */
const VERSION_KEYS: readonly KeysetKey[] = [
  { column: "v2.sort_key", direction: "DESC" },
  { column: "v2.id", direction: "DESC" },
];

/** One chart's page of versions. */
export interface VersionPage {
  rows: VersionRow[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

/**
 * Read queries over the catalog. Each method is one or two statements whatever the number of
 * charts or versions it serves; DataLoaders (see loaders.ts) batch the per-parent ones.
 */
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly search: ChartSearch = chartSearchFor(dataSource),
  ) {}

  /**
   * A page of one registry's charts, by name (by relevance when searching, see chartPage).
   * `columns` (from `chartColumns`) limits what the rows hold.
   */
  async chartsPage(
    registryId: string,
    args: ChartListArgs,
    columns: string = CHART_COLUMNS,
    latestColumns: string | null = null,
  ): Promise<ChartPage> {
    return this.chartPage(["c.registry_id = ?"], [registryId], args, columns, latestColumns);
  }

  /**
   * Charts of every registry the scope's tenant sees (its own and the system's) that is
   * synchronized (protected registries have no catalog), by name then registry (by relevance when
   * searching, see chartPage).
   */
  async searchCharts(
    viewer: Viewer,
    args: ChartListArgs,
    columns: string = CHART_COLUMNS,
    latestColumns: string | null = null,
  ): Promise<ChartPage> {
    const visible = visibleRegistriesSql(viewer, "r");
    return this.chartPage(
      [`c.registry_id IN (SELECT r.id FROM registry r WHERE ${visible.where} AND r.protected = ?)`],
      [...visible.params, 0],
      args,
      columns,
      latestColumns,
    );
  }

  /**
   * A page of charts in a scope under the filters. Without search text: by name then id (cursor
   * [name, id]). With it, the store's ChartSearch restricts the rows and, when it ranks them,
   * orders them by relevance, then name and id (cursor [rank, name, id]; the rank is the exact
   * double the store computed, which JSON carries losslessly). Two statements either way.
   */
  private async chartPage(
    scopeWhere: string[],
    scopeParams: unknown[],
    args: ChartListArgs,
    columns: string,
    latestColumns: string | null,
  ): Promise<ChartPage> {
    const where: string[] = [...scopeWhere];
    const params: unknown[] = [...scopeParams];
    if (args.kind) {
      where.push("c.kind = ?");
      params.push(args.kind);
    }
    if (args.layer) {
      where.push("c.layer = ?");
      params.push(args.layer);
    }
    if (args.addonType?.trim()) {
      where.push("LOWER(c.addon_type) = ?");
      params.push(args.addonType.trim().toLowerCase());
    }
    if (args.cloudType?.trim()) {
      // cloud_types is a JSON list of strings: match the quoted item.
      where.push(
        "(LOWER(CAST(c.cloud_types AS text)) LIKE ? ESCAPE '\\' OR LOWER(CAST(c.cloud_types AS text)) LIKE ? ESCAPE '\\')",
      );
      params.push(
        containsPattern(JSON.stringify(args.cloudType.trim().toLowerCase())),
        containsPattern('"all"'),
      );
    }
    if (!args.includeDeprecated) {
      where.push("c.deprecated = ?");
      params.push(0);
    }
    const verified = verifiedFilter(args, "c", verifiedChartCondition);
    if (verified) {
      where.push(verified.where);
      params.push(...verified.params);
    }
    let from = "chart c";
    let fromParams: readonly unknown[] = [];
    let countFrom = "chart c";
    let countFromParams: readonly unknown[] = [];
    let rank: string | null = null;
    if (args.search?.trim()) {
      const plan = this.search.plan(args.search);
      // No searchable token (only punctuation, symbols or emoji): nothing can match.
      if (!plan)
        return {
          items: [],
          totalCount: 0,
          hasNextPage: false,
          hasPreviousPage: false,
          latest: [],
        };
      ({ from, fromParams, countFrom, countFromParams, rank } = plan);
      where.push(...plan.where);
      params.push(...plan.whereParams);
    }
    // The latest version of each chart, when asked for, comes with the page (one statement).
    const latestColumnsAs = (alias: string) =>
      latestColumns
        ? `, ${latestColumns
            .split(", ")
            .map((c) => `${alias}.${c.slice(2)} AS ${LATEST}${c.slice(2)}`)
            .join(", ")}`
        : "";
    const latest: VersionRow[] = [];
    let split: LatestColumns | undefined;
    const keys: KeysetKey[] = [
      ...(rank ? [{ column: rank, direction: "ASC" as const, output: "search_rank" }] : []),
      { column: "c.name", direction: "ASC", output: "name" },
      { column: "c.id", direction: "ASC", output: "id" },
    ];
    // A search ranks every match: the latest versions are joined to the page's rows once they
    // are chosen, so that PostgreSQL sorts only the ranked charts, with a top-N sort (see
    // KeysetQuery.after). A page by name reads the rows in index order and joins as it goes.
    const latestAfter = latestColumns !== null && rank !== null;
    const latestFrom =
      latestColumns && !latestAfter
        ? " LEFT JOIN chart_version lv ON lv.id = c.latest_version_id"
        : "";
    const page = await keysetPage(this.dataSource, {
      select:
        `${columns}${latestAfter ? "" : latestColumnsAs("lv")}` +
        (latestAfter && !/\bc\.latest_version_id\b/.test(columns) ? ", c.latest_version_id" : "") +
        (rank ? `, ${rank} AS search_rank` : ""),
      from: `${from}${latestFrom}`,
      ...(latestAfter
        ? {
            after: {
              select: latestColumnsAs("lv").slice(2),
              join: "LEFT JOIN chart_version lv ON lv.id = p.latest_version_id",
            },
          }
        : {}),
      fromParams,
      where,
      params,
      count: { from: countFrom, params: countFromParams },
      // A broad search's count costs as much as its page: both at once.
      separateCount: rank !== null,
      keys,
      // A search cursor leads with the rank, the exact double the store computed.
      list: rank ? "chartSearch" : "charts",
      window: pageWindow(args, rank ? "chartSearch" : "charts", keys, (values) =>
        rank ? typeof values[0] === "number" : true,
      ),
      cursorOf: (row: ChartRow & { search_rank?: number }) =>
        rank ? [Number(row.search_rank), row.name, row.id] : [row.name, row.id],
      map: (joined: ChartRow & { search_rank?: number }): ChartRow => {
        if (!latestColumns) {
          const { search_rank: _rank, ...row } = joined;
          return row;
        }
        // Every row has the same columns: split their names once per page.
        split ??= splitLatestColumns(Object.keys(joined));
        const chart: Record<string, unknown> = {};
        const version: Record<string, unknown> = {};
        const row = joined as unknown as Record<string, unknown>;
        for (const column of split.chart) chart[column] = row[column];
        for (const [key, name] of split.latest) version[name] = row[key];
        if (version["id"] != null) latest.push(version as unknown as VersionRow);
        return chart as unknown as ChartRow;
      },
    });
    return { ...page, latest };
  }

  /** Charts by (registry id, name), in key order; null for a miss. */
  async chartsByName(
    keys: readonly { registryId: string; name: string }[],
  ): Promise<(ChartRow | null)[]> {
    const rows = await sql<ChartRow>(
      this.dataSource,
      `SELECT ${CHART_COLUMNS} FROM chart c WHERE ${keys.map(() => "(c.registry_id = ? AND c.name = ?)").join(" OR ")}`,
      keys.flatMap((k) => [k.registryId, k.name]),
    );
    const byKey = new Map(rows.map((r) => [`${r.registry_id}\u0000${r.name}`, r]));
    return keys.map((k) => byKey.get(`${k.registryId}\u0000${k.name}`) ?? null);
  }

  /** Charts by id, in key order; null for a miss. */
  async chartsById(ids: readonly number[]): Promise<(ChartRow | null)[]> {
    const rows = await sql<ChartRow>(
      this.dataSource,
      `SELECT ${CHART_COLUMNS} FROM chart c WHERE c.id IN (${placeholders(ids.length)})`,
      [...ids],
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Versions by id, in key order; null for a miss. `columns` (from `versionColumns`) limits what
   * is read; the rows then hold only those columns.
   */
  async versionsById(
    ids: readonly number[],
    columns: string = VERSION_COLUMNS,
  ): Promise<(VersionRow | null)[]> {
    const rows = await sql<VersionRow>(
      this.dataSource,
      `SELECT ${columns} FROM chart_version v WHERE v.id IN (${placeholders(ids.length)})`,
      [...ids],
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * One page of versions for each of several charts, highest version first. Without a range this
   * is one statement (a correlated LIMIT per chart, read in reverse for a backward page) plus one
   * count when filters apply; with a range, one statement reads the version strings of these
   * charts, the range is applied in JavaScript (Helm's semantics), and one statement reads the
   * page rows. `columns` (from `versionColumns`) limits what the page rows hold.
   */
  async versionPages(
    charts: readonly { id: number; versionCount: number }[],
    args: VersionListArgs,
    columns: string = VERSION_COLUMNS,
  ): Promise<VersionPage[]> {
    const filter = parseVersionFilter(args);
    const window = pageWindow(args, "versions", VERSION_KEYS);
    const ids = charts.map((c) => c.id);
    if (filter.range)
      return this.rangePages(
        ids,
        filter,
        window,
        columns,
        verifiedFilter(args, "v", verifiedCondition),
      );

    const cond: string[] = [];
    const condParams: unknown[] = [];
    if (!filter.includePrerelease) {
      cond.push("v2.prerelease = ?");
      condParams.push(0);
    }
    if (!filter.includeDeprecated) {
      cond.push("v2.deprecated = ?");
      condParams.push(0);
    }
    const verified = verifiedFilter(args, "v2", verifiedCondition);
    if (verified) {
      cond.push(verified.where);
      condParams.push(...verified.params);
    }
    const pageCond: string[] = [...cond];
    const pageParams: unknown[] = [...condParams];
    for (const [values, condition] of [
      [window.after, afterCondition],
      [window.before, beforeCondition],
    ] as const) {
      if (!values) continue;
      const bound = condition(VERSION_KEYS, values);
      pageCond.push(bound.where);
      pageParams.push(...bound.params);
    }
    const backward = isBackward(window);
    const limit = backward ? window.last! : window.first!;
    const extra = pageCond.length ? ` AND ${pageCond.join(" AND ")}` : "";
    const order = orderBy(backward ? reversed(VERSION_KEYS) : VERSION_KEYS);
    // The top versions of each chart: PostgreSQL as a LATERAL subquery (its planner turns the
    // IN (… LIMIT) join into a scan of every version: minutes at 1M versions), SQLite as a
    // correlated IN list (it has no LATERAL). One index range per chart either way.
    const rows = await sql<VersionRow>(
      this.dataSource,
      this.dataSource.options.type === "postgres"
        ? `SELECT ${columns} FROM chart c CROSS JOIN LATERAL (
             SELECT * FROM chart_version v2 WHERE v2.chart_id = c.id${extra}
             ORDER BY ${order} LIMIT ?) v
           WHERE c.id IN (${placeholders(ids.length)})`
        : `SELECT ${columns} FROM chart c JOIN chart_version v ON v.id IN (
             SELECT v2.id FROM chart_version v2 WHERE v2.chart_id = c.id${extra}
             ORDER BY ${order} LIMIT ?)
           WHERE c.id IN (${placeholders(ids.length)})`,
      [...pageParams, limit + 1, ...ids],
    );
    let counts: Map<number, number>;
    if (cond.length === 0) {
      counts = new Map(charts.map((c) => [c.id, c.versionCount]));
    } else {
      const countRows = await sql<{ chart_id: number; n: number | string }>(
        this.dataSource,
        `SELECT v2.chart_id AS chart_id, COUNT(*) AS n FROM chart_version v2
         WHERE v2.chart_id IN (${placeholders(ids.length)}) AND ${cond.join(" AND ")} GROUP BY v2.chart_id`,
        [...ids, ...condParams],
      );
      counts = new Map(countRows.map((r) => [Number(r.chart_id), Number(r.n)]));
    }
    const byChart = groupRows(rows);
    return ids.map((id) => {
      const list = (byChart.get(id) ?? []).sort(compareRowsDesc);
      const totalCount = counts.get(id) ?? 0;
      if (backward) {
        // Read closest to `before` first: the page is the last `limit` of the list.
        const more = list.length > limit;
        return {
          rows: more ? list.slice(list.length - limit) : list,
          hasNextPage: window.before !== null,
          hasPreviousPage: more,
          totalCount,
        };
      }
      let page = list.slice(0, limit);
      let hasPreviousPage = window.after !== null;
      if (window.last !== null) {
        if (page.length > window.last) hasPreviousPage = true;
        page = window.last === 0 ? [] : page.slice(-window.last);
      }
      return { rows: page, hasNextPage: list.length > limit, hasPreviousPage, totalCount };
    });
  }

  private async rangePages(
    ids: number[],
    filter: VersionFilter,
    window: PageWindow,
    columns: string,
    verified: { where: string; params: unknown[] } | null = null,
  ): Promise<VersionPage[]> {
    const all = await sql<
      Pick<
        VersionRow,
        "id" | "chart_id" | "version" | "sort_key" | "is_semver" | "prerelease" | "deprecated"
      >
    >(
      this.dataSource,
      `SELECT v.id, v.chart_id, v.version, v.sort_key, v.is_semver, v.prerelease, v.deprecated
       FROM chart_version v WHERE v.chart_id IN (${placeholders(ids.length)})${verified ? ` AND ${verified.where}` : ""}`,
      [...ids, ...(verified?.params ?? [])],
    );
    const spec = filter.range!;
    if (!spec.constraint && !all.some((row) => row.version === spec.text)) {
      throw badInput(
        `range "${spec.text}" is neither a Helm version constraint (such as ">= 1.2, < 2", "^1.4", ` +
          `"~1.2", "1.2.x") nor a version of this chart`,
        "range",
      );
    }
    const byChart = new Map<number, typeof all>();
    for (const row of all) {
      if (!matches(row, filter)) continue;
      const list = byChart.get(Number(row.chart_id)) ?? [];
      list.push(row);
      byChart.set(Number(row.chart_id), list);
    }
    const pages = ids.map((id) => {
      const list = (byChart.get(id) ?? []).sort(compareRowsDesc);
      const slice = sliceWindow(list, window, (row, [sortKey, rowId]) =>
        compareRowsDesc(row, { sort_key: String(sortKey), id: Number(rowId) }),
      );
      return { ...slice, ids: slice.rows.map((r) => Number(r.id)), totalCount: list.length };
    });
    const wanted = pages.flatMap((p) => p.ids);
    const rows = wanted.length ? await this.versionsById(wanted, columns) : [];
    const byId = new Map(
      rows.filter((r): r is VersionRow => r !== null).map((r) => [Number(r.id), r]),
    );
    return pages.map((p) => ({
      rows: p.ids.map((id) => byId.get(id)!).filter(Boolean),
      hasNextPage: p.hasNextPage,
      hasPreviousPage: p.hasPreviousPage,
      totalCount: p.totalCount,
    }));
  }

  /** One version of a chart by its exact text; null when absent. */
  async findVersion(chartId: number, version: string): Promise<VersionRow | null> {
    const rows = await sql<VersionRow>(
      this.dataSource,
      `SELECT ${VERSION_COLUMNS} FROM chart_version v WHERE v.chart_id = ? AND v.version = ?`,
      [chartId, version],
    );
    return rows[0] ?? null;
  }

  /**
   * The version a typed reference names, as `checkChartReference` and `resolveChartVersion`
   * agree: the version of exactly that text, else (when the text is a version Helm reads) the
   * highest of equal precedence (`1.2.3` finds `v1.2.3`, `1.2.3+build.1`); null otherwise.
   */
  async findReference(chartId: number, version: string): Promise<VersionRow | null> {
    const exact = await this.findVersion(chartId, version);
    if (exact || !parseHelmVersion(version.trim())) return exact;
    return this.resolveVersion(chartId, `=${version.trim()}`, true);
  }

  /**
   * Resolves what a user typed (an exact version, a range, or a floating tag such as `1.2.x`) to
   * the highest matching version of a chart; null when nothing matches.
   */
  async resolveVersion(
    chartId: number,
    spec: string,
    includePrerelease: boolean,
    kind = "HELM_CHART",
  ): Promise<VersionRow | null> {
    if (kind === "PACK") {
      // Packs: exact versions, parent tags (`1.2.x`, `lts__1.2.x`) and group labels resolve as
      // the stored parent tags say; anything else falls through to semver ranges.
      const versions = await sql<{ version: string; pack: string | null }>(
        this.dataSource,
        "SELECT version, pack FROM chart_version WHERE chart_id = ?",
        [chartId],
      );
      const resolved = resolvePackTag(
        spec.trim(),
        versions.map((v) => ({
          version: v.version,
          group: v.pack ? ((JSON.parse(v.pack) as { group?: string | null }).group ?? null) : null,
        })),
      );
      if (resolved !== null) return this.findVersion(chartId, resolved);
    }
    const parsed = parseVersionSpec(spec);
    if (!parsed)
      throw badInput(
        `"${spec}" is not a version, a Helm version constraint or a floating tag`,
        "version",
      );
    // As `helm pull --version`: a version of exactly that text first, then the constraint.
    const exact = await this.findVersion(chartId, parsed.text);
    if (exact) return exact;
    if (!parsed.constraint)
      throw badInput(
        `"${spec}" is not a version of this chart, nor a Helm version constraint or a floating tag`,
        "version",
      );
    const [page] = await this.versionPages([{ id: chartId, versionCount: 0 }], {
      range: parsed.text,
      includePrerelease,
      includeDeprecated: true,
      first: 1,
    });
    return page.rows[0] ?? null;
  }
}

function groupRows<T extends { chart_id: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const id = Number(row.chart_id);
    const list = map.get(id);
    if (list) list.push(row);
    else map.set(id, [row]);
  }
  return map;
}

function compareRowsDesc(
  a: { sort_key: string; id: number },
  b: { sort_key: string; id: number },
): number {
  if (a.sort_key !== b.sort_key) return a.sort_key < b.sort_key ? 1 : -1;
  return Number(b.id) - Number(a.id);
}
