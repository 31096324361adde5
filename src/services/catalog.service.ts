import semver from "semver";
import { resolvePackTag } from "./parent-tags";
import { type DataSource } from "typeorm";
import { badInput } from "./api-errors";
import { decodeCursor, encodeCursor } from "./ids";
import { type Page } from "./registry.service";
import { toRange } from "./version-order";
import { containsPattern, placeholders, sql } from "../store/sql";

/** A chart row as the catalog stores it. */
export interface ChartRow {
  id: number;
  registry_id: string;
  name: string;
  description: string | null;
  icon: string | null;
  home: string | null;
  keywords: string;
  deprecated: number | boolean;
  latest_version_id: number | null;
  version_count: number;
  kind: string;
  display_name: string | null;
  layer: string | null;
  addon_type: string | null;
  addon_sub_type: string | null;
  cloud_types: string;
  pack_group: string | null;
  eol: string | null;
  logo_url: string | null;
}

/** A chart version row as the catalog stores it (the columns the API serves). */
export interface VersionRow {
  id: number;
  chart_id: number;
  version: string;
  sort_key: string;
  is_semver: number | boolean;
  prerelease: number | boolean;
  deprecated: number | boolean;
  app_version: string | null;
  description: string | null;
  created: string | null;
  digest: string | null;
  urls: string;
  kube_version: string | null;
  api_version: string | null;
  type: string | null;
  keywords: string;
  home: string | null;
  icon: string | null;
  sources: string;
  maintainers: string;
  dependencies: string;
  annotations: string;
  tag: string | null;
  oci_reference: string | null;
  pack: string | null;
  parent_tags: string | null;
}

const CHART_COLUMNS =
  "c.id, c.registry_id, c.name, c.description, c.icon, c.home, c.keywords, c.deprecated, c.latest_version_id, c.version_count, " +
  "c.kind, c.display_name, c.layer, c.addon_type, c.addon_sub_type, c.cloud_types, c.pack_group, c.eol, c.logo_url";
const VERSION_COLUMNS =
  "v.id, v.chart_id, v.version, v.sort_key, v.is_semver, v.prerelease, v.deprecated, v.app_version, v.description, " +
  "v.created, v.digest, v.urls, v.kube_version, v.api_version, v.type, v.keywords, v.home, v.icon, v.sources, " +
  "v.maintainers, v.dependencies, v.annotations, v.tag, v.oci_reference, v.pack, v.parent_tags";

export interface ChartListArgs {
  search?: string | null;
  includeDeprecated: boolean;
  first: number;
  after?: string | null;
  /** HELM_CHART, PACK or ZARF_PACKAGE. */
  kind?: string | null;
  /** Pack layer (kernel, os, k8s, cni, csi, addon). */
  layer?: string | null;
  /** Pack add-on type, case-insensitive. */
  addonType?: string | null;
  /** Pack cloud type; packs for `all` clouds match every cloud type. */
  cloudType?: string | null;
}

/** Which registries a cross-registry search reads: those a viewer sees, synchronized ones only. */
export interface SearchScope {
  /** The viewer's tenant; null sees system registries only. */
  tenantId: string | null;
}

export interface VersionListArgs {
  range?: string | null;
  includePrerelease: boolean;
  includeDeprecated: boolean;
  first: number;
  after?: string | null;
}

/** One chart's page of versions. */
export interface VersionPage {
  rows: VersionRow[];
  hasNextPage: boolean;
  totalCount: number;
}

/** A parsed version filter; null range means "all". */
interface VersionFilter {
  range: string | null;
  includePrerelease: boolean;
  includeDeprecated: boolean;
}

function parseVersionFilter(args: {
  range?: string | null;
  includePrerelease: boolean;
  includeDeprecated: boolean;
}): VersionFilter {
  let range: string | null = null;
  if (args.range?.trim()) {
    const parsed = toRange(args.range);
    if (!parsed)
      throw badInput(
        `range "${args.range}" is not a version, a semver range or a floating tag`,
        "range",
      );
    range = parsed.exact ?? parsed.range!;
  }
  return {
    range,
    includePrerelease: args.includePrerelease,
    includeDeprecated: args.includeDeprecated,
  };
}

function matches(
  row: Pick<VersionRow, "version" | "prerelease" | "deprecated" | "is_semver">,
  f: VersionFilter,
): boolean {
  if (!f.includeDeprecated && (row.deprecated === 1 || row.deprecated === true)) return false;
  const pre = row.prerelease === 1 || row.prerelease === true;
  if (f.range) {
    if (!(row.is_semver === 1 || row.is_semver === true)) return false;
    // A range that names a prerelease admits prereleases even when they are not asked for.
    return semver.satisfies(row.version, f.range, {
      includePrerelease: f.includePrerelease || /-/.test(f.range),
    });
  }
  return f.includePrerelease || !pre;
}

/**
 * Read queries over the catalog. Each method is one or two statements whatever the number of
 * charts or versions it serves; DataLoaders (see loaders.ts) batch the per-parent ones.
 */
export class CatalogService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of one registry's charts, by name. */
  async chartsPage(registryId: string, args: ChartListArgs): Promise<Page<ChartRow>> {
    return this.chartPage(["c.registry_id = ?"], [registryId], args);
  }

  /**
   * Charts of every registry the scope's tenant sees (its own and the system's) that is
   * synchronized (protected registries have no catalog), by name then registry.
   */
  async searchCharts(scope: SearchScope, args: ChartListArgs): Promise<Page<ChartRow>> {
    return this.chartPage(
      [
        `c.registry_id IN (SELECT r.id FROM registry r
           WHERE (r.scope = 'SYSTEM' OR r.tenant_id = ?) AND r.protected = ?)`,
      ],
      [scope.tenantId, 0],
      args,
    );
  }

  private async chartPage(
    scopeWhere: string[],
    scopeParams: unknown[],
    args: ChartListArgs,
  ): Promise<Page<ChartRow>> {
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
        "(LOWER(c.cloud_types) LIKE ? ESCAPE '\\' OR LOWER(c.cloud_types) LIKE ? ESCAPE '\\')",
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
    if (args.search?.trim()) {
      const q = containsPattern(args.search.trim().toLowerCase());
      where.push(
        "(LOWER(c.name) LIKE ? ESCAPE '\\' OR LOWER(c.description) LIKE ? ESCAPE '\\' OR LOWER(c.keywords) LIKE ? ESCAPE '\\')",
      );
      params.push(q, q, q);
    }
    const [{ n }] = await sql<{ n: number | string }>(
      this.dataSource,
      `SELECT COUNT(*) AS n FROM chart c WHERE ${where.join(" AND ")}`,
      params,
    );
    const pageWhere = [...where];
    const pageParams = [...params];
    if (args.after) {
      const cursor = decodeCursor(args.after);
      if (!cursor || cursor.length !== 2)
        throw badInput("`after` is not a cursor of this list", "after");
      pageWhere.push("(c.name > ? OR (c.name = ? AND c.id > ?))");
      pageParams.push(cursor[0], cursor[0], cursor[1]);
    }
    const rows = await sql<ChartRow>(
      this.dataSource,
      `SELECT ${CHART_COLUMNS} FROM chart c WHERE ${pageWhere.join(" AND ")} ORDER BY c.name, c.id LIMIT ?`,
      [...pageParams, args.first + 1],
    );
    return {
      items: rows
        .slice(0, args.first)
        .map((row) => ({ cursor: encodeCursor([row.name, row.id]), node: row })),
      totalCount: Number(n),
      hasNextPage: rows.length > args.first,
      hasPreviousPage: Boolean(args.after),
    };
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

  /** Versions by id, in key order; null for a miss. */
  async versionsById(ids: readonly number[]): Promise<(VersionRow | null)[]> {
    const rows = await sql<VersionRow>(
      this.dataSource,
      `SELECT ${VERSION_COLUMNS} FROM chart_version v WHERE v.id IN (${placeholders(ids.length)})`,
      [...ids],
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * One page of versions for each of several charts, highest version first. Without a range this
   * is one statement (a correlated LIMIT per chart) plus one count when filters apply; with a
   * range, one statement reads the version strings of these charts, the range is applied in
   * JavaScript (semver semantics), and one statement reads the page rows.
   */
  async versionPages(
    charts: readonly { id: number; versionCount: number }[],
    args: VersionListArgs,
  ): Promise<VersionPage[]> {
    const filter = parseVersionFilter(args);
    let after: { sortKey: string; id: number } | null = null;
    if (args.after) {
      const cursor = decodeCursor(args.after);
      if (!cursor || cursor.length !== 2)
        throw badInput("`after` is not a cursor of this list", "after");
      after = { sortKey: String(cursor[0]), id: Number(cursor[1]) };
    }
    const ids = charts.map((c) => c.id);
    if (filter.range) return this.rangePages(ids, filter, args.first, after);

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
    const afterCond: string[] = [...cond];
    const afterParams: unknown[] = [...condParams];
    if (after) {
      afterCond.push("(v2.sort_key < ? OR (v2.sort_key = ? AND v2.id < ?))");
      afterParams.push(after.sortKey, after.sortKey, after.id);
    }
    const extra = afterCond.length ? ` AND ${afterCond.join(" AND ")}` : "";
    const rows = await sql<VersionRow>(
      this.dataSource,
      `SELECT ${VERSION_COLUMNS} FROM chart c JOIN chart_version v ON v.id IN (
         SELECT v2.id FROM chart_version v2 WHERE v2.chart_id = c.id${extra}
         ORDER BY v2.sort_key DESC, v2.id DESC LIMIT ?)
       WHERE c.id IN (${placeholders(ids.length)})`,
      [...afterParams, args.first + 1, ...ids],
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
      return {
        rows: list.slice(0, args.first),
        hasNextPage: list.length > args.first,
        totalCount: counts.get(id) ?? 0,
      };
    });
  }

  private async rangePages(
    ids: number[],
    filter: VersionFilter,
    first: number,
    after: { sortKey: string; id: number } | null,
  ): Promise<VersionPage[]> {
    const all = await sql<
      Pick<
        VersionRow,
        "id" | "chart_id" | "version" | "sort_key" | "is_semver" | "prerelease" | "deprecated"
      >
    >(
      this.dataSource,
      `SELECT v.id, v.chart_id, v.version, v.sort_key, v.is_semver, v.prerelease, v.deprecated
       FROM chart_version v WHERE v.chart_id IN (${placeholders(ids.length)})`,
      ids,
    );
    const byChart = new Map<number, typeof all>();
    for (const row of all) {
      if (!matches(row, filter)) continue;
      const list = byChart.get(Number(row.chart_id)) ?? [];
      list.push(row);
      byChart.set(Number(row.chart_id), list);
    }
    const pages = ids.map((id) => {
      const list = (byChart.get(id) ?? []).sort(compareRowsDesc);
      const start = after
        ? list.findIndex(
            (r) =>
              r.sort_key < after.sortKey ||
              (r.sort_key === after.sortKey && Number(r.id) < after.id),
          )
        : 0;
      const rest = start < 0 ? [] : list.slice(start);
      return {
        ids: rest.slice(0, first).map((r) => Number(r.id)),
        hasNextPage: rest.length > first,
        totalCount: list.length,
      };
    });
    const wanted = pages.flatMap((p) => p.ids);
    const rows = wanted.length ? await this.versionsById(wanted) : [];
    const byId = new Map(
      rows.filter((r): r is VersionRow => r !== null).map((r) => [Number(r.id), r]),
    );
    return pages.map((p) => ({
      rows: p.ids.map((id) => byId.get(id)!).filter(Boolean),
      hasNextPage: p.hasNextPage,
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
    const parsed = toRange(spec);
    if (!parsed)
      throw badInput(`"${spec}" is not a version, a semver range or a floating tag`, "version");
    if (parsed.exact) {
      const row = await this.findVersion(chartId, parsed.exact);
      if (row) return row;
      // "1.2.3" also matches a stored "v1.2.3" (or a build-metadata variant) with equal precedence.
    }
    const [page] = await this.versionPages([{ id: chartId, versionCount: 0 }], {
      range: parsed.exact ? `=${parsed.exact}` : parsed.range,
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
