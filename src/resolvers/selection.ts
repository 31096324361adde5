import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import { type GatewayContext } from "../context";
import { chartColumns, type VersionRow, versionColumns } from "../services/catalog/catalog-rows";

/**
 * A select list worked out once per operation field: the 50 charts of a page share their field
 * nodes, so their 50 `versions` fields compute it once.
 */
const columnsByField = new WeakMap<GraphQLResolveInfo["fieldNodes"], Map<string, string | null>>();
function selectionColumns<T extends string | null>(
  info: GraphQLResolveInfo,
  purpose: string,
  compute: (info: GraphQLResolveInfo) => T,
): T {
  let known = columnsByField.get(info.fieldNodes);
  if (!known) columnsByField.set(info.fieldNodes, (known = new Map()));
  let columns = known.get(purpose) as T | undefined;
  if (columns === undefined) {
    columns = compute(info);
    known.set(purpose, columns);
  }
  return columns;
}

/** The version columns a ChartVersion selection needs (at `path` below the field). */
export function versionColumnsFor(info: GraphQLResolveInfo, path: readonly string[]): string {
  return selectionColumns(info, "versions", (i) => versionColumns(selectedFields(i, path)));
}

/** The chart columns the nodes of a chart connection need. */
export function chartColumnsFor(info: GraphQLResolveInfo): string {
  return selectionColumns(info, "charts", (i) =>
    chartColumns(selectedFields(i, ["edges", "node"])),
  );
}

/**
 * The version columns the `latestVersion` of a chart connection's nodes needs, read with the page
 * of charts (one statement less); null when the nodes do not select it.
 */
export function latestColumnsFor(info: GraphQLResolveInfo): string | null {
  return selectionColumns(info, "latest", (i) =>
    selectedFields(i, ["edges", "node"]).has("latestVersion")
      ? versionColumns(selectedFields(i, ["edges", "node", "latestVersion"]))
      : null,
  );
}

/**
 * The names of the fields a client selected below the current field, following `path` (field
 * names, aliases ignored) first: `["edges", "node"]` gives the fields of a connection's nodes.
 * Fragments (inline and named) are expanded; `@skip`/`@include` are not evaluated, so a field
 * under them counts as selected (reading a column too many is harmless, one too few is not).
 */
export function selectedFields(
  info: GraphQLResolveInfo,
  path: readonly string[] = [],
): Set<string> {
  let sets: SelectionSetNode[] = [];
  for (const node of info.fieldNodes) if (node.selectionSet) sets.push(node.selectionSet);
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    visit(info, sets, (name, set) => {
      if (name === step && set) next.push(set);
    });
    sets = next;
  }
  const names = new Set<string>();
  visit(info, sets, (name) => names.add(name));
  return names;
}

function visit(
  info: GraphQLResolveInfo,
  sets: readonly SelectionSetNode[],
  onField: (name: string, selectionSet: SelectionSetNode | undefined) => void,
  seenFragments: Set<string> = new Set(),
): void {
  for (const set of sets) {
    for (const selection of set.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          onField(selection.name.value, selection.selectionSet);
          break;
        case Kind.INLINE_FRAGMENT:
          visit(info, [selection.selectionSet], onField, seenFragments);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = info.fragments[name];
          if (!fragment || seenFragments.has(name)) break;
          seenFragments.add(name);
          visit(info, [fragment.selectionSet], onField, seenFragments);
          break;
        }
      }
    }
  }
}

/** Hands the latest versions read with a page of charts to the `latestVersion` loader. */
export function primeLatest(
  ctx: GatewayContext,
  columns: string | null,
  rows: readonly VersionRow[],
): void {
  if (columns === null) return;
  const loader = ctx.loaders.versionById(columns);
  for (const row of rows) loader.prime(Number(row.id), row);
}
