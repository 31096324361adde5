/**
 * What changed between two values schemas (`values.schema.json`), split into the changes that
 * can make a user's values invalid (breaking) and the rest. Properties are reached through
 * `properties` and `items.properties` (written `parent[].child`); `$ref`s are not followed.
 */
import { type SchemaChangeKind } from "../../domain/enums";
import { isMapping, joinPath, render } from "./values-diff";
import { keyedPairs } from "./keyed-pairs";

export interface SchemaChange {
  kind: SchemaChangeKind;
  /** The property's path (`logs.access.format`); empty for the schema's root. */
  path: string;
  /** True when values that passed the old schema can fail the new one. */
  breaking: boolean;
  /** The old keyword value as JSON, shortened; null when there was none. */
  from: string | null;
  /** The new keyword value as JSON, shortened; null when there is none. */
  to: string | null;
}

/** Keywords that restrict what a value may be: adding or changing one can break values. */
const CONSTRAINTS = new Set([
  "const",
  "pattern",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "additionalProperties",
  "oneOf",
  "anyOf",
  "allOf",
  "not",
]);

/** Keywords handled on their own or by descending. */
const STRUCTURAL = new Set(["properties", "items", "type", "enum", "required"]);

type Schema = Record<string, unknown>;

/** One property of a schema, flattened: its definition and whether its parent requires it. */
export interface SchemaNode {
  node: Schema;
  required: boolean;
}

/**
 * Every property of a schema by path (the root under ""), in document order: reached through
 * `properties` and `items.properties` (`parent[].child`).
 */
export function flattenSchema(schema: unknown): Map<string, SchemaNode> {
  const nodes = new Map<string, SchemaNode>();
  if (!isMapping(schema)) return nodes;
  const visit = (node: Schema, path: string): void => {
    nodes.set(path, nodes.get(path) ?? { node, required: false });
    const holders: [Schema, string][] = [[node, path]];
    const items = node["items"];
    if (isMapping(items)) holders.push([items, `${path}[]`]);
    for (const [holder, prefix] of holders) {
      const properties = holder["properties"];
      if (!isMapping(properties)) continue;
      const required = requiredOf(holder);
      for (const [key, child] of Object.entries(properties)) {
        const childPath = joinPath(prefix, key);
        const childNode = isMapping(child) ? child : {};
        nodes.set(childPath, { node: childNode, required: required.has(key) });
        visit(childNode, childPath);
      }
    }
  };
  visit(schema, "");
  return nodes;
}

/** The property paths of a schema (every depth), in document order. */
export function schemaPaths(schema: unknown): string[] {
  return [...flattenSchema(schema).keys()].filter((path) => path !== "");
}

/**
 * Compares two parsed schemas (null when a version has none). A schema that appears is breaking
 * (values that passed nothing may now fail it), one that disappears is not.
 */
export function diffSchemas(from: unknown, to: unknown): SchemaChange[] {
  return diffFlatSchemas(
    isMapping(from) ? flattenSchema(from) : null,
    isMapping(to) ? flattenSchema(to) : null,
  );
}

/** diffSchemas over flattened schemas (see `flattenSchema`), null for none. */
export function diffFlatSchemas(
  before: Map<string, SchemaNode> | null,
  after: Map<string, SchemaNode> | null,
): SchemaChange[] {
  return diffByPath(before, after, {
    render: (entry) => render(entry.node),
    required: (entry) => entry.required,
    compare(old, now, path, out) {
      if (old.required !== now.required) out.push(requiredChange(path, old.required));
      compareKeywords(old.node, now.node, path, out);
    },
  });
}

/** How `diffByPath` reads and compares the entries of one kind of schema. */
export interface PathEntries<T> {
  render(entry: T): string;
  required(entry: T): boolean;
  /** The changes of an entry both schemas have. */
  compare(old: T, now: T, path: string, out: SchemaChange[]): void;
  /** Changes besides PROPERTY_ADDED and REQUIRED_ADDED of an entry only `after` has. */
  added?(now: T, path: string, out: SchemaChange[]): void;
  /** Paths left out of the comparison. */
  skip?(path: string): boolean;
}

/**
 * Two schemas read as entries by path (a JSON schema's properties, a pack's schema.yaml): a
 * schema added (breaking) or removed; then each path of `before` removed (breaking) or compared,
 * then each path only `after` has, added (breaking when required).
 */
export function diffByPath<T>(
  before: Map<string, T> | null,
  after: Map<string, T> | null,
  entries: PathEntries<T>,
): SchemaChange[] {
  if (before === null && after === null) return [];
  if (before === null) return [change("SCHEMA_ADDED", "", true, null, null)];
  if (after === null) return [change("SCHEMA_REMOVED", "", false, null, null)];
  const changes: SchemaChange[] = [];
  for (const pair of keyedPairs(before, after)) {
    const path = pair.key;
    if (entries.skip?.(path)) continue;
    if (pair.kind === "added") {
      changes.push(change("PROPERTY_ADDED", path, false, null, entries.render(pair.now)));
      if (entries.required(pair.now)) {
        changes.push(change("REQUIRED_ADDED", path, true, null, "true"));
      }
      entries.added?.(pair.now, path, changes);
    } else if (pair.kind === "removed") {
      changes.push(change("PROPERTY_REMOVED", path, true, entries.render(pair.old), null));
    } else {
      entries.compare(pair.old, pair.now, path, changes);
    }
  }
  return changes;
}

/** `required` turned on (breaking) or off at `path`. */
export function requiredChange(path: string, wasRequired: boolean): SchemaChange {
  return change(
    wasRequired ? "REQUIRED_REMOVED" : "REQUIRED_ADDED",
    path,
    !wasRequired,
    String(wasRequired),
    String(!wasRequired),
  );
}

function compareKeywords(before: Schema, after: Schema, path: string, out: SchemaChange[]): void {
  if (!same(before["type"], after["type"])) compareTypes(before["type"], after["type"], path, out);
  if (!same(before["enum"], after["enum"])) compareEnums(before["enum"], after["enum"], path, out);
  const keywords = new Set(Object.keys(before));
  for (const keyword of Object.keys(after)) keywords.add(keyword);
  for (const keyword of keywords) {
    if (STRUCTURAL.has(keyword)) continue;
    const a = before[keyword];
    const b = after[keyword];
    if (same(a, b)) continue;
    const constraint = CONSTRAINTS.has(keyword);
    // A constraint added or changed can break values; one removed (or opened up) cannot.
    const loosened = b === undefined || (keyword === "additionalProperties" && b === true);
    out.push(
      change(
        constraint ? "CONSTRAINT_CHANGED" : "DEFINITION_CHANGED",
        path === "" ? keyword : `${path} (${keyword})`,
        constraint && !loosened,
        a === undefined ? null : render(a),
        b === undefined ? null : render(b),
      ),
    );
  }
}

function compareTypes(before: unknown, after: unknown, path: string, out: SchemaChange[]): void {
  const oldTypes = typesOf(before);
  const newTypes = typesOf(after);
  if (sameSet(oldTypes, newTypes)) return;
  const narrowed =
    newTypes !== null && (oldTypes === null || [...oldTypes].some((t) => !accepts(newTypes, t)));
  out.push(
    change(
      narrowed ? "TYPE_NARROWED" : "TYPE_WIDENED",
      path,
      narrowed,
      before === undefined ? null : render(before),
      after === undefined ? null : render(after),
    ),
  );
}

/** An `enum` (or a pack's list options) lost options (breaking) or gained some. */
export function compareEnums(
  before: unknown,
  after: unknown,
  path: string,
  out: SchemaChange[],
): void {
  const oldEnum = Array.isArray(before) ? (before as unknown[]) : null;
  const newEnum = Array.isArray(after) ? (after as unknown[]) : null;
  const keys = (list: unknown[]) => new Set(list.map((v) => JSON.stringify(v)));
  const oldKeys = keys(oldEnum ?? []);
  const newKeys = keys(newEnum ?? []);
  const shrunk =
    newEnum !== null && (oldEnum === null || [...oldKeys].some((v) => !newKeys.has(v)));
  const grown = !shrunk && (newEnum === null || [...newKeys].some((v) => !oldKeys.has(v)));
  if (!shrunk && !grown) return;
  out.push(
    change(
      shrunk ? "ENUM_SHRUNK" : "ENUM_GROWN",
      path,
      shrunk,
      oldEnum === null ? null : render(oldEnum),
      newEnum === null ? null : render(newEnum),
    ),
  );
}

/** Equal keyword values: the same primitive, or the same JSON. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function requiredOf(node: Schema): Set<string> {
  const required = node["required"];
  return new Set(
    Array.isArray(required) ? required.filter((r): r is string => typeof r === "string") : [],
  );
}

/** The `type` keyword as a set; null when absent (any type). */
function typesOf(type: unknown): Set<string> | null {
  if (typeof type === "string") return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === "string"));
  return null;
}

/** Whether a type set accepts every value of type `t` (`number` accepts `integer`). */
function accepts(types: Set<string>, t: string): boolean {
  return types.has(t) || (t === "integer" && types.has("number"));
}

function sameSet(a: Set<string> | null, b: Set<string> | null): boolean {
  if (a === null || b === null) return a === b;
  return a.size === b.size && [...a].every((t) => b.has(t));
}

/** A schema change (shared by the JSON-schema and the pack schema.yaml comparisons). */
export function change(
  kind: SchemaChangeKind,
  path: string,
  breaking: boolean,
  from: string | null,
  to: string | null,
): SchemaChange {
  return { kind, path, breaking, from, to };
}
