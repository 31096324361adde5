import { badInput } from "../api-errors";
import { type VersionRow } from "./catalog-rows";
import { matchesSpec, parseVersionSpec, type VersionSpec } from "./version-order";

/**
 * The version filters of `versions(range:, includePrerelease:, includeDeprecated:)` and of
 * version resolution: parsing (a bad range is BAD_USER_INPUT on \`range\`) and matching a row.
 */

/** A parsed version filter; null range means "all". */
export interface VersionFilter {
  range: VersionSpec | null;
  includePrerelease: boolean;
  includeDeprecated: boolean;
}

export function parseVersionFilter(args: {
  range?: string | null;
  includePrerelease: boolean;
  includeDeprecated: boolean;
}): VersionFilter {
  let range: VersionSpec | null = null;
  if (args.range?.trim()) {
    range = parseVersionSpec(args.range);
    if (!range)
      throw badInput(`range "${args.range}" is longer than Helm's constraints allow`, "range");
  }
  return {
    range,
    includePrerelease: args.includePrerelease,
    includeDeprecated: args.includeDeprecated,
  };
}

/**
 * Whether a version row passes a filter. A range matches a version's exact text or, as Helm's
 * `--version` reads it, its constraint (prereleases only when the range names one or they are
 * asked for); a range that is no constraint matches only a version of that text.
 */
export function matches(
  row: Pick<VersionRow, "version" | "prerelease" | "deprecated" | "is_semver">,
  f: VersionFilter,
): boolean {
  if (!f.includeDeprecated && (row.deprecated === 1 || row.deprecated === true)) return false;
  if (f.range) return matchesSpec(row.version, f.range, f.includePrerelease);
  const pre = row.prerelease === 1 || row.prerelease === true;
  return f.includePrerelease || !pre;
}
