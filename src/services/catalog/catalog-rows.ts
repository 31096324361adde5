/**
 * The catalog's rows as the reads see them, and the columns each GraphQL field reads: one place
 * for the select lists (test/unit/store/columns.test.ts holds them to the entities).
 */

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

/** Every column of a chart row the API serves (the select list of whole rows). */
export const CHART_COLUMNS =
  "c.id, c.registry_id, c.name, c.description, c.icon, c.home, c.keywords, c.deprecated, c.latest_version_id, c.version_count, " +
  "c.kind, c.display_name, c.layer, c.addon_type, c.addon_sub_type, c.cloud_types, c.pack_group, c.eol, c.logo_url";
/** Every column of a version row the API serves (the select list of whole rows). */
export const VERSION_COLUMNS =
  "v.id, v.chart_id, v.version, v.sort_key, v.is_semver, v.prerelease, v.deprecated, v.app_version, v.description, " +
  "v.created, v.digest, v.urls, v.kube_version, v.api_version, v.type, v.keywords, v.home, v.icon, v.sources, " +
  "v.maintainers, v.dependencies, v.annotations, v.tag, v.oci_reference, v.pack, v.parent_tags";

/** Columns every projected chart row has: identity and what cursors and search order need. */
const CHART_KEY_COLUMNS = ["id", "registry_id", "name"] as const;

/**
 * The columns each Chart field reads (besides the key columns); as for versions, a field missing
 * here makes a selection read every column.
 */
export const CHART_FIELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  name: [],
  registry: [],
  description: ["description"],
  icon: ["icon"],
  home: ["home"],
  keywords: ["keywords"],
  deprecated: ["deprecated"],
  versionCount: ["version_count"],
  kind: ["kind"],
  displayName: ["display_name"],
  layer: ["layer"],
  addonType: ["addon_type"],
  addonSubType: ["addon_sub_type"],
  cloudTypes: ["cloud_types"],
  group: ["pack_group"],
  eol: ["eol"],
  logoUrl: ["logo_url"],
  latestVersion: ["latest_version_id"],
  // Its total count without filters is the stored count.
  versions: ["version_count"],
};

/** Every chart column the reads select, by name. */
export const ALL_CHART_COLUMNS = CHART_COLUMNS.split(", ").map((c) => c.slice(2));

/** The select list for chart rows serving these Chart fields (see `versionColumns`). */
export function chartColumns(fields: Iterable<string> | null): string {
  return projection(fields, CHART_FIELD_COLUMNS, CHART_KEY_COLUMNS, ALL_CHART_COLUMNS, "c");
}

function projection(
  fields: Iterable<string> | null,
  byField: Readonly<Record<string, readonly string[]>>,
  keys: readonly string[],
  all: readonly string[],
  alias: string,
): string {
  const every = all.map((c) => `${alias}.${c}`).join(", ");
  if (fields === null) return every;
  const wanted = new Set<string>(keys);
  for (const field of fields) {
    const columns = byField[field];
    if (!columns) return every;
    for (const column of columns) wanted.add(column);
  }
  return all
    .filter((c) => wanted.has(c))
    .map((c) => `${alias}.${c}`)
    .join(", ");
}

/** Columns every projected version row has: identity and the sort key (cursors, ordering). */
const VERSION_KEY_COLUMNS = ["id", "chart_id", "sort_key"] as const;
/** What `values`, `readme` and `valuesSchema` need to find a version's package. */
const PACKAGE_COLUMNS = ["version", "urls", "digest", "oci_reference"] as const;

/**
 * The columns each ChartVersion field reads (besides the key columns). A field missing here
 * makes a selection read every column: a new field is correct before it is lean.
 */
export const VERSION_FIELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  chart: [],
  version: ["version"],
  semver: ["is_semver"],
  prerelease: ["prerelease"],
  deprecated: ["deprecated"],
  appVersion: ["app_version"],
  description: ["description"],
  created: ["created"],
  digest: ["digest"],
  urls: ["urls"],
  kubeVersion: ["kube_version"],
  apiVersion: ["api_version"],
  type: ["type"],
  keywords: ["keywords"],
  home: ["home"],
  icon: ["icon"],
  sources: ["sources"],
  maintainers: ["maintainers"],
  dependencies: ["dependencies"],
  annotations: ["annotations"],
  tag: ["tag"],
  ociReference: ["oci_reference"],
  parentTags: ["parent_tags"],
  group: ["pack"],
  constraints: ["pack"],
  values: PACKAGE_COLUMNS,
  readme: PACKAGE_COLUMNS,
  valuesSchema: PACKAGE_COLUMNS,
  images: [...PACKAGE_COLUMNS, "annotations"],
  verification: PACKAGE_COLUMNS,
};

/** Every chart_version column the reads select, by name. */
export const ALL_VERSION_COLUMNS = VERSION_COLUMNS.split(", ").map((c) => c.slice(2));

/**
 * The select list for version rows serving these ChartVersion fields: the key columns plus what
 * the fields read, in a fixed order (so equal selections give equal statements); every column
 * for an unknown field or no field list. Columns outside the list are undefined in the rows.
 */
export function versionColumns(fields: Iterable<string> | null): string {
  return projection(fields, VERSION_FIELD_COLUMNS, VERSION_KEY_COLUMNS, ALL_VERSION_COLUMNS, "v");
}
