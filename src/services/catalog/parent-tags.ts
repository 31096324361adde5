import semver from "semver";
import { versionInfo } from "./version-order";

/**
 * Palette's auto-generated parent (floating) tags, derived from a pack's versions.
 *
 * The Spectro CLI generates `M.x` and `M.m.x` for every pack (e.g. `14.x`, `14.4.x`); they
 * cannot be deleted and always point at the newest remaining match. A version in a group
 * (pack.json `group`, e.g. `LTS`) is tagged `group__label` by the CLI, so it also gets the
 * grouped parents `group__M.x` and `group__M.m.x` (e.g. `LTS__18.4.x`). The rules we apply:
 *
 * - **Highest match.** A parent tag points at the matching version with the highest semver
 *   precedence (build metadata ignored), preferring stable versions: it points at a prerelease
 *   only when no stable version matches.
 * - **Groups.** A grouped version competes both for its grouped parents (`LTS__1.2.x`) and for
 *   the plain ones (`1.2.x`), because the plain parents are derived from every tag of the pack.
 *   An ungrouped version never gets a grouped parent. Groups are compared case-insensitively
 *   (`LTS` and `lts` are one group); the prefix is written as the group is stored on the version
 *   the tag points at (trimmed). A blank group (`""`, `" "`) is no group.
 * - **Loose versions.** Versions that are not full semver are coerced for deriving parents: a
 *   missing minor or patch counts as 0 (`1.5` → 1.5.0 → `1.x`, `1.5.x`; `1` → `1.x`, `1.0.x`),
 *   and a leading `v` is dropped (`v1.12.0` → `1.x`, `1.12.x`). Versions still not semver after
 *   that (`latest`, `1.2.3.4`) get no parent tags and are never picked by one.
 * - **Ties.** Versions of equal precedence (`1.5` and `1.5.0`, `1.2.3+a` and `1.2.3+b`): the one
 *   already written in canonical form (`1.5.0`) wins, then the greatest string (code-unit order),
 *   so the result does not depend on input order.
 */

/** A version of one pack, with its group (pack.json `group`) when it has one. */
export interface TaggableVersion {
  version: string;
  group?: string | null;
}

interface Coerced {
  version: string;
  /** Group as stored, trimmed; null when blank. */
  group: string | null;
  /** Lower-cased group for matching; null when blank. */
  groupKey: string | null;
  major: number;
  minor: number;
  /** The coerced full semver form (`1.5` → `1.5.0`). */
  normalized: string;
  sortKey: string;
  prerelease: boolean;
  canonical: boolean;
}

const LOOSE = /^[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;
const FLOATING_LABEL = /^(\d+)(?:\.(\d+))?\.x$/;

/** `M[.m[.p]][-pre][+build]`, optional leading `v`, as strict semver with minor/patch padded. */
function normalize(version: string): string | null {
  const m = LOOSE.exec(version.trim());
  if (!m) return null;
  const text = `${m[1]}.${m[2] ?? "0"}.${m[3] ?? "0"}${m[4]}`;
  return semver.valid(text);
}

function groupOf(group: string | null | undefined): string | null {
  const g = group?.trim() ?? "";
  return g === "" ? null : g;
}

function coerce(v: TaggableVersion): Coerced | null {
  const normalized = normalize(v.version);
  if (normalized === null) return null;
  const parsed = semver.parse(normalized);
  if (!parsed) return null;
  const info = versionInfo(normalized);
  const group = groupOf(v.group);
  return {
    version: v.version,
    group,
    groupKey: group?.toLowerCase() ?? null,
    major: parsed.major,
    minor: parsed.minor,
    normalized,
    sortKey: info.precedence,
    prerelease: info.prerelease,
    canonical: v.version === normalized,
  };
}

/** True when `a` should be picked over `b` for the same tag. */
function better(a: Coerced, b: Coerced): boolean {
  if (a.prerelease !== b.prerelease) return !a.prerelease;
  if (a.sortKey !== b.sortKey) return a.sortKey > b.sortKey;
  if (a.canonical !== b.canonical) return a.canonical;
  return a.version > b.version;
}

function best(candidates: Iterable<Coerced>): Coerced | null {
  let winner: Coerced | null = null;
  for (const c of candidates) if (!winner || better(c, winner)) winner = c;
  return winner;
}

/** The parent labels of a version, most specific first: `M.m.x`, `M.x`. */
function labelsOf(c: Coerced): string[] {
  return [`${c.major}.${c.minor}.x`, `${c.major}.x`];
}

/**
 * Computes every parent tag with its winner. The key is the tag as written for the winner
 * (`LTS__1.2.x`); competitions are keyed by lower-cased group so `LTS` and `lts` compete together.
 */
function compute(versions: TaggableVersion[]): Map<string, Coerced> {
  const competitions = new Map<string, { label: string; winner: Coerced }>();
  const enter = (key: string, label: string, c: Coerced) => {
    const current = competitions.get(key);
    if (!current) competitions.set(key, { label, winner: c });
    else if (better(c, current.winner)) current.winner = c;
  };
  for (const v of versions) {
    const c = coerce(v);
    if (!c) continue;
    for (const label of labelsOf(c)) {
      enter(`\u0000${label}`, label, c);
      if (c.groupKey !== null) enter(`${c.groupKey}\u0000${label}`, label, c);
    }
  }
  const result = new Map<string, Coerced>();
  for (const [key, { label, winner }] of competitions) {
    const grouped = !key.startsWith("\u0000");
    result.set(grouped ? `${winner.group}__${label}` : label, winner);
  }
  return result;
}

/**
 * For each version (by its version string), the parent tags that point at it, sorted in code-unit
 * order (e.g. `["1.2.x", "1.x", "LTS__1.2.x", "LTS__1.x"]`). Every input version is a key;
 * versions no parent tag points at get `[]`. See the file comment for the rules.
 */
export function parentTagsByVersion(versions: TaggableVersion[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const v of versions) result.set(v.version, []);
  for (const [tag, winner] of compute(versions)) result.get(winner.version)?.push(tag);
  for (const tags of result.values()) tags.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return result;
}

/** Every parent tag of the set (e.g. `1.x`, `1.2.x`, `LTS__1.2.x`) and the version it points at. */
export function parentTags(versions: TaggableVersion[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const [tag, winner] of compute(versions)) result.set(tag, winner.version);
  return result;
}

/**
 * Resolves what a user typed to the version it points at; null when nothing matches.
 *
 * - A version string equal to the input (after trimming) is returned as is.
 * - A parent tag, with or without a group prefix (`1.x`, `1.2.x`, `lts__1.2.x`; the group matches
 *   case-insensitively), resolves as {@link parentTags} would point it.
 * - A version written differently but of equal precedence after coercion resolves too
 *   (`1.5.0` → stored `1.5`, `v1.2.3` → `1.2.3`), as does `group__version` (the CLI's
 *   `lts__14.4.3`) when that version is in the group.
 */
export function resolvePackTag(tag: string, versions: TaggableVersion[]): string | null {
  const text = tag.trim();
  if (text === "") return null;
  const exact = versions.find((v) => v.version === text);
  if (exact) return exact.version;

  const sep = text.lastIndexOf("__");
  const groupKey = sep > 0 ? text.slice(0, sep).trim().toLowerCase() : null;
  const label = sep > 0 ? text.slice(sep + 2).trim() : text;
  if (label === "") return null;

  const inGroup = (v: TaggableVersion) =>
    groupKey === null || groupOf(v.group)?.toLowerCase() === groupKey;

  const floating = FLOATING_LABEL.exec(label);
  if (floating) {
    const major = Number(floating[1]);
    const minor = floating[2] === undefined ? null : Number(floating[2]);
    const matches: Coerced[] = [];
    for (const v of versions) {
      if (!inGroup(v)) continue;
      const c = coerce(v);
      if (c && c.major === major && (minor === null || c.minor === minor)) matches.push(c);
    }
    return best(matches)?.version ?? null;
  }

  // An exact version under a group prefix, or written differently (`1.5.0` for `1.5`).
  const grouped = versions.find((v) => v.version === label && inGroup(v));
  if (grouped) return grouped.version;
  const wanted = normalize(label);
  if (wanted === null) return null;
  const wantedKey = versionInfo(wanted).precedence;
  const matches: Coerced[] = [];
  for (const v of versions) {
    if (!inGroup(v)) continue;
    const c = coerce(v);
    if (c && c.sortKey === wantedKey) matches.push(c);
  }
  return best(matches)?.version ?? null;
}
