/** An entry of `before` matched with the entry of the same key in `after`, or one side alone. */
export type KeyedPair<T> =
  | { key: string; kind: "both"; old: T; now: T }
  | { key: string; kind: "removed"; old: T; now: null }
  | { key: string; kind: "added"; old: null; now: T };

/**
 * Entries of two versions matched by key: every entry of `before` (in its order) with the entry
 * of `after` under its key, then the entries only `after` has. How diffs of keyed lists walk them.
 */
export function keyedPairs<T>(before: Map<string, T>, after: Map<string, T>): KeyedPair<T>[] {
  const pairs: KeyedPair<T>[] = [];
  for (const [key, old] of before) {
    pairs.push(
      after.has(key)
        ? { key, kind: "both", old, now: after.get(key)! }
        : { key, kind: "removed", old, now: null },
    );
  }
  for (const [key, now] of after) {
    if (!before.has(key)) pairs.push({ key, kind: "added", old: null, now });
  }
  return pairs;
}
