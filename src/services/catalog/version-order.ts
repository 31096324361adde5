import semver from "semver";

/** How a version string sorts and what it is. */
export interface VersionInfo {
  /** Byte-comparable key: a larger key is a higher version; non-semver versions sort lowest. */
  sortKey: string;
  isSemver: boolean;
  prerelease: boolean;
}

const NUM_WIDTH = 16;

function pad(n: string): string {
  // Identifiers longer than the width are clamped: they still sort above every shorter number.
  return n.length >= NUM_WIDTH ? "9".repeat(NUM_WIDTH) : n.padStart(NUM_WIDTH, "0");
}

/**
 * Computes a sort key that orders versions by semantic-version precedence (build metadata
 * ignored, as semver says) under plain byte comparison, so that SQL can page "highest first"
 * with an index. Layout: `1` + major.minor.patch padded + (`1` release | `0` + prerelease ids),
 * each prerelease id `0`+padded number or `1`+text, joined by `!` (below every id character, so
 * a shorter id list sorts first). Versions that are not semver get `0` + their text.
 */
export function versionInfo(version: string): VersionInfo {
  const parsed = semver.parse(version, { loose: false });
  if (!parsed) {
    return { sortKey: `0${version}`, isSemver: false, prerelease: false };
  }
  const core = `${pad(String(parsed.major))}.${pad(String(parsed.minor))}.${pad(String(parsed.patch))}`;
  if (parsed.prerelease.length === 0) {
    return { sortKey: `1${core}~1`, isSemver: true, prerelease: false };
  }
  const ids = parsed.prerelease
    .map((id) =>
      typeof id === "number" || /^\d+$/.test(String(id)) ? `0${pad(String(id))}` : `1${id}`,
    )
    .join("!");
  return { sortKey: `1${core}~0${ids}`, isSemver: true, prerelease: true };
}

/** Compares two version strings highest-first, the order the catalog uses everywhere. */
export function compareVersionsDesc(a: string, b: string): number {
  const ka = versionInfo(a).sortKey;
  const kb = versionInfo(b).sortKey;
  return ka < kb ? 1 : ka > kb ? -1 : 0;
}

/**
 * Picks the "latest" version: the highest stable semver version, else the highest prerelease,
 * else (no semver at all) the first in sort order. Input may be in any order.
 */
export function pickLatest<T extends { version: string; info: VersionInfo }>(
  versions: T[],
): T | undefined {
  let bestStable: T | undefined;
  let bestAny: T | undefined;
  for (const v of versions) {
    if (!bestAny || v.info.sortKey > bestAny.info.sortKey) bestAny = v;
    if (
      v.info.isSemver &&
      !v.info.prerelease &&
      (!bestStable || v.info.sortKey > bestStable.info.sortKey)
    ) {
      bestStable = v;
    }
  }
  return bestStable ?? bestAny;
}

const FLOATING = /^(?:[A-Za-z0-9_-]+__)?(\d+)(?:\.(\d+))?\.x$/;

/**
 * Turns what a user typed into a semver range: an exact version stays exact, a floating tag
 * (`1.2.x`, `1.x`, optionally `group__1.2.x`) becomes its range, and any other valid range
 * (`^1.4`, `>=1.2 <2`) is kept. Returns null when the text is neither.
 */
export function toRange(spec: string): { exact?: string; range?: string } | null {
  const text = spec.trim();
  if (text === "") return null;
  const floating = FLOATING.exec(text);
  if (floating)
    return {
      range: floating[2] === undefined ? `${floating[1]}.x` : `${floating[1]}.${floating[2]}.x`,
    };
  if (semver.valid(text)) return { exact: text };
  if (semver.validRange(text)) return { range: text };
  return null;
}
