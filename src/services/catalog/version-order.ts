import { HelmConstraint, helmOrderKey, parseHelmVersion } from "../../providers/helm-semver";

/** How a version string sorts and what it is. */
export interface VersionInfo {
  /**
   * Byte-comparable key: a larger key is a higher version, in one total order (see
   * `versionInfo`); versions Helm cannot read sort lowest.
   */
  sortKey: string;
  /** The key of the version's precedence alone: equal for `1.0`, `v1.0.0` and `1.0.0+b`. */
  precedence: string;
  /** Helm reads it as a version (Masterminds semver: `1.0`, `2`, `v1.2.3` included). */
  isSemver: boolean;
  prerelease: boolean;
}

/**
 * The order of a chart's versions, the same everywhere (`versions`, `latestVersion`,
 * `resolveChartVersion`, every range): Helm's precedence with a documented tie-break (see
 * `helmOrderKey`). Versions Helm cannot read (`latest`, `1.2.3.4`) sort below every version.
 */
export function versionInfo(version: string): VersionInfo {
  const { key, precedence, parsed } = helmOrderKey(version);
  return {
    sortKey: key,
    precedence,
    isSemver: parsed !== null,
    prerelease: parsed !== null && parsed.pre !== "",
  };
}

/** Compares two version strings highest-first, the order the catalog uses everywhere. */
export function compareVersionsDesc(a: string, b: string): number {
  const ka = versionInfo(a).sortKey;
  const kb = versionInfo(b).sortKey;
  return ka < kb ? 1 : ka > kb ? -1 : 0;
}

/**
 * Picks the "latest" version: the highest stable version, else the highest prerelease, else
 * (no version Helm can read) the first in sort order. Input may be in any order.
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

/** Longest version filter accepted (the constraint grammar is matched by regular expressions). */
export const MAX_RANGE_LENGTH = 256;

const GROUP_PREFIX = /^[A-Za-z0-9_-]+__(\d+(?:\.\d+)?\.x)$/;

/**
 * What a user typed as a version filter: the text itself (a stored version matches it exactly,
 * as `helm pull --version` tries first) and, when it is one, Helm's constraint (`>= 0.1, < 0.2`,
 * `^1.4`, `~1.2`, `1.2.x`, `1.0.0 - 2`, `a || b`). A pack group prefix (`lts__1.2.x`) is read
 * as its floating part. Returns null when the text is blank or too long.
 */
export interface VersionSpec {
  text: string;
  constraint: HelmConstraint | null;
}

export function parseVersionSpec(spec: string): VersionSpec | null {
  const text = spec.trim();
  if (text === "" || text.length > MAX_RANGE_LENGTH) return null;
  const grouped = GROUP_PREFIX.exec(text);
  return { text, constraint: HelmConstraint.parse(grouped ? grouped[1]! : text) };
}

/**
 * Whether a stored version matches a filter: its exact text, or (when it is a version Helm
 * reads) the constraint, Masterminds semantics, prereleases judged like other versions when
 * `includePrerelease`.
 */
export function matchesSpec(
  version: string,
  spec: VersionSpec,
  includePrerelease: boolean,
): boolean {
  if (version === spec.text) return true;
  if (!spec.constraint) return false;
  const parsed = parseHelmVersion(version);
  return parsed !== null && spec.constraint.check(parsed, includePrerelease);
}
