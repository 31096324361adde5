/**
 * What changed between two values schemas (`values.schema.json`), split into the changes that
 * can make a user's values invalid (breaking) and the rest. Properties are reached through
 * `properties` and `items.properties` (written `parent[].child`); `$ref`s are not followed.
 */
import { type SchemaChangeKind } from "../../domain/enums";
import { isMapping, joinPath, render } from "./values-diff";

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
const CONSTRAINT_KEYWORDS = [
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
];

/** Keywords handled on their own or by descending. */
const STRUCTURAL = new Set(["properties", "items", "type", "enum", "required"]);

type Schema = Record<string, unknown>;

/** The properties of a schema node: `properties`, and `items.properties` under `[]`. */
function children(
  node: Schema,
  path: string,
): Map<string, { node: Schema; key: string; parent: Schema }> {
  const found = new Map<string, { node: Schema; key: string; parent: Schema }>();
  const properties = node["properties"];
  if (isMapping(properties)) {
    for (const [key, child] of Object.entries(properties)) {
      found.set(joinPath(path, key), { node: isMapping(child) ? child : {}, key, parent: node });
    }
  }
  const items = node["items"];
  if (isMapping(items) && isMapping(items["properties"])) {
    for (const [key, child] of Object.entries(items["properties"])) {
      found.set(joinPath(`${path}[]`, key), {
        node: isMapping(child) ? child : {},
        key,
        parent: items,
      });
    }
  }
  return found;
}

/** The property paths of a schema (every depth), in document order. */
export function schemaPaths(schema: unknown): string[] {
  const paths: string[] = [];
  const visit = (node: Schema, path: string): void => {
    for (const [childPath, child] of children(node, path)) {
      paths.push(childPath);
      visit(child.node, childPath);
    }
  };
  if (isMapping(schema)) visit(schema, "");
  return paths;
}

/**
 * Compares two parsed schemas (null when a version has none). A schema that appears is breaking
 * (values that passed nothing may now fail it), one that disappears is not.
 */
export function diffSchemas(from: unknown, to: unknown): SchemaChange[] {
  const hasFrom = isMapping(from);
  const hasTo = isMapping(to);
  if (!hasFrom && !hasTo) return [];
  if (!hasFrom) return [change("SCHEMA_ADDED", "", true, null, null)];
  if (!hasTo) return [change("SCHEMA_REMOVED", "", false, null, null)];
  const changes: SchemaChange[] = [];
  compareNode(from, to, "", changes);
  return changes;
}

function compareNode(before: Schema, after: Schema, path: string, out: SchemaChange[]): void {
  compareKeywords(before, after, path, out);
  const old = children(before, path);
  const now = children(after, path);
  for (const [childPath, child] of old) {
    const next = now.get(childPath);
    if (next === undefined) {
      out.push(change("PROPERTY_REMOVED", childPath, true, render(child.node), null));
      for (const below of schemaPaths(child.node)) {
        out.push(change("PROPERTY_REMOVED", joinBelow(childPath, below), true, null, null));
      }
      continue;
    }
    const wasRequired = requiredOf(child.parent).has(child.key);
    const isRequired = requiredOf(next.parent).has(next.key);
    if (!wasRequired && isRequired)
      out.push(change("REQUIRED_ADDED", childPath, true, "false", "true"));
    if (wasRequired && !isRequired)
      out.push(change("REQUIRED_REMOVED", childPath, false, "true", "false"));
    compareNode(child.node, next.node, childPath, out);
  }
  for (const [childPath, child] of now) {
    if (old.has(childPath)) continue;
    const required = requiredOf(child.parent).has(child.key);
    out.push(change("PROPERTY_ADDED", childPath, false, null, render(child.node)));
    if (required) out.push(change("REQUIRED_ADDED", childPath, true, null, "true"));
    for (const below of schemaPaths(child.node)) {
      out.push(change("PROPERTY_ADDED", joinBelow(childPath, below), false, null, null));
    }
  }
}

/** A path of a subtree's schemaPaths placed under `base`. */
function joinBelow(base: string, below: string): string {
  return below.startsWith("[") ? `${base}${below}` : `${base}.${below}`;
}

function compareKeywords(before: Schema, after: Schema, path: string, out: SchemaChange[]): void {
  const oldTypes = typesOf(before["type"]);
  const newTypes = typesOf(after["type"]);
  if (!sameSet(oldTypes, newTypes)) {
    const narrowed =
      newTypes !== null && (oldTypes === null || [...oldTypes].some((t) => !accepts(newTypes, t)));
    out.push(
      change(
        narrowed ? "TYPE_NARROWED" : "TYPE_WIDENED",
        path,
        narrowed,
        before["type"] === undefined ? null : render(before["type"]),
        after["type"] === undefined ? null : render(after["type"]),
      ),
    );
  }
  const oldEnum = Array.isArray(before["enum"]) ? (before["enum"] as unknown[]) : null;
  const newEnum = Array.isArray(after["enum"]) ? (after["enum"] as unknown[]) : null;
  if (JSON.stringify(oldEnum) !== JSON.stringify(newEnum)) {
    const keys = (list: unknown[]) => new Set(list.map((v) => JSON.stringify(v)));
    const shrunk =
      newEnum !== null &&
      (oldEnum === null || [...keys(oldEnum)].some((v) => !keys(newEnum).has(v)));
    const grown =
      !shrunk && (newEnum === null || [...keys(newEnum)].some((v) => !keys(oldEnum ?? []).has(v)));
    if (shrunk || grown) {
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
  }
  for (const keyword of CONSTRAINT_KEYWORDS) {
    const a = before[keyword];
    const b = after[keyword];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const loosened = b === undefined || (keyword === "additionalProperties" && b === true);
    out.push(
      change(
        "CONSTRAINT_CHANGED",
        path === "" ? keyword : `${path} (${keyword})`,
        !loosened,
        a === undefined ? null : render(a),
        b === undefined ? null : render(b),
      ),
    );
  }
  const other = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const keyword of other) {
    if (STRUCTURAL.has(keyword) || CONSTRAINT_KEYWORDS.includes(keyword)) continue;
    const a = before[keyword];
    const b = after[keyword];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    out.push(
      change(
        "DEFINITION_CHANGED",
        path === "" ? keyword : `${path} (${keyword})`,
        false,
        a === undefined ? null : render(a),
        b === undefined ? null : render(b),
      ),
    );
  }
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

function change(
  kind: SchemaChangeKind,
  path: string,
  breaking: boolean,
  from: string | null,
  to: string | null,
): SchemaChange {
  return { kind, path, breaking, from, to };
}
