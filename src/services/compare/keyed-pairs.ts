/** An entry of one side matched with the entry of the same key on the other; null when absent. */
export type KeyedPair<T> =
  { key: string; old: T; now: T | null } | { key: string; old: null; now: T };

/**
 * Entries of two versions matched by key: every entry of `before` (in its order) with the entry
 * of `after` under its key, then the entries only `after` has. How diffs of keyed lists walk them.
 */
export function keyedPairs<T>(before: Map<string, T>, after: Map<string, T>): KeyedPair<T>[] {
  const pairs: KeyedPair<T>[] = [];
  for (const [key, old] of before) pairs.push({ key, old, now: after.get(key) ?? null });
  for (const [key, now] of after) if (!before.has(key)) pairs.push({ key, old: null, now });
  return pairs;
}
