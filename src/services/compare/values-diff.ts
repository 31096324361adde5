/**
 * What changed between two `values.yaml` documents, as typed paths. A leaf is a scalar, a null, a
 * list or an empty mapping; a non-empty mapping is descended into. A list is compared whole (list
 * items have no stable identity), and a leaf that becomes a mapping (or the reverse) is a removal
 * plus additions, never a change: a user's override of the old shape no longer applies.
 */
import { isDeepStrictEqual } from "node:util";

/** Longest rendering of a value in a change, in characters; longer ones are cut with `…`. */
export const MAX_VALUE_CHARS = 200;

/** One leaf that was added, removed or whose default changed. */
export interface ValueChange {
  /** Keys joined by `.`; a key holding a `.`, a `[`, or nothing is written `["key"]`. */
  path: string;
  /** The old default as JSON, shortened; null when the leaf was added. */
  from: string | null;
  /** The new default as JSON, shortened; null when the leaf was removed. */
  to: string | null;
}

export interface ValuesDiff {
  added: ValueChange[];
  removed: ValueChange[];
  changed: ValueChange[];
  /** Leaf counts of each side. */
  fromLeaves: number;
  toLeaves: number;
}

/** The leaves of a parsed values document, by path, in document order. */
export function valueLeaves(document: unknown): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  if (isMapping(document)) walk(document, "", leaves);
  return leaves;
}

function walk(node: Record<string, unknown>, prefix: string, leaves: Map<string, unknown>): void {
  for (const [key, value] of Object.entries(node)) {
    const path = joinPath(prefix, key);
    if (isMapping(value) && Object.keys(value).length > 0) walk(value, path, leaves);
    else leaves.set(path, value === undefined ? null : value);
  }
}

/** A path segment as written in a change's `path`. */
export function joinPath(prefix: string, key: string): string {
  const segment = key === "" || /[.[\]"]/.test(key) ? `[${JSON.stringify(key)}]` : key;
  if (prefix === "") return segment;
  return segment.startsWith("[") ? `${prefix}${segment}` : `${prefix}.${segment}`;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** Compares the leaves of two parsed values documents. */
export function diffValues(from: unknown, to: unknown): ValuesDiff {
  return diffLeaves(valueLeaves(from), valueLeaves(to));
}

/** Compares two leaf maps (see `valueLeaves`). */
export function diffLeaves(before: Map<string, unknown>, after: Map<string, unknown>): ValuesDiff {
  const added: ValueChange[] = [];
  const removed: ValueChange[] = [];
  const changed: ValueChange[] = [];
  for (const [path, value] of before) {
    if (!after.has(path)) removed.push({ path, from: render(value), to: null });
    else {
      const now = after.get(path);
      if (!sameValue(value, now)) changed.push({ path, from: render(value), to: render(now) });
    }
  }
  for (const [path, value] of after) {
    if (!before.has(path)) added.push({ path, from: null, to: render(value) });
  }
  return { added, removed, changed, fromLeaves: before.size, toLeaves: after.size };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return isDeepStrictEqual(a, b);
}

/** A value as JSON, cut to MAX_VALUE_CHARS characters. */
export function render(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value === undefined ? null : value) ?? "null";
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}
