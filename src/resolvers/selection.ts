import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import { chartColumns } from "../services/catalog.service";

/**
 * A select list worked out once per operation field: the 50 charts of a page share their field
 * nodes, so their 50 `versions` fields compute it once.
 */
const columnsByField = new WeakMap<GraphQLResolveInfo["fieldNodes"], string>();
export function selectionColumns(
  info: GraphQLResolveInfo,
  compute: (info: GraphQLResolveInfo) => string,
): string {
  let columns = columnsByField.get(info.fieldNodes);
  if (columns === undefined) {
    columns = compute(info);
    columnsByField.set(info.fieldNodes, columns);
  }
  return columns;
}

/** The chart columns the nodes of a chart connection need. */
export function chartColumnsFor(info: GraphQLResolveInfo): string {
  return selectionColumns(info, (i) => chartColumns(selectedFields(i, ["edges", "node"])));
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
