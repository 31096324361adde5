import type { PackDependency, PackLayer } from "../../providers/pack/pack-model";

/**
 * Checks the layers of a cluster profile against each other's pack constraints
 * (pack.json `constraints.dependencies`). Pure: the caller resolves each layer's pack first.
 *
 * Matching:
 * - A dependency matches every *other* layer of the profile (never the declaring layer itself)
 *   whose name equals `packName`, compared case-insensitively (pack names are lower-case in
 *   practice; a case slip should not raise a false alarm). A layer named `<alias>--<packName>`
 *   (Palette's form for a pack used twice) matches too.
 * - When the dependency names a layer and the other layer's layer is known, they must be equal;
 *   when either is unknown, the name alone decides.
 * - Every matching layer is checked on its own, so a pack used twice can yield two violations.
 *
 * Rules by dependency type:
 * - `required`: no matching layer → MISSING_REQUIRED; a matching layer outside [min, max] →
 *   VERSION_TOO_LOW / VERSION_TOO_HIGH.
 * - `optional`: absence is fine; a matching layer outside [min, max] → TOO_LOW / TOO_HIGH.
 * - `notSupported`: a matching layer inside [min, max] → NOT_SUPPORTED (both bounds empty means
 *   every version is unsupported).
 * - `upgrade`: ignored; it only constrains upgrades from one pack version to another, not the
 *   composition of a profile.
 * - A matching layer whose version is null (its pack was not found) yields no version violation
 *   (the caller reports not-found separately), but it does count as present for `required`.
 *   A layer whose own version is null still has its dependencies checked.
 *
 * Versions (see {@link compareLooseVersions} and {@link satisfiesBound}):
 * - Bounds are written loosely (`1.27`, `1.21`, `1.22.0`): compared with semver precedence after
 *   padding a missing minor/patch with 0; a leading `v` is dropped; prereleases are kept, so
 *   `0.30.0-5.5.2026` < `0.30.0`; build metadata is ignored.
 * - A short bound names a whole release line. A max of `1.21` accepts all of 1.21.x
 *   (`1.21.10` is fine, `1.22.0` and `1.22.0-rc.1` are too high); a min of `1.27` is ≥ 1.27.0
 *   but also accepts the prereleases of 1.27.0 (`1.27.0-rc.1`), since they belong to the line it
 *   names. A full min (`1.22.0`) is plain semver: `1.22.0-rc.1` is too low.
 * - Anything that cannot be compared (a non-numeric version such as `latest`, or a bound such
 *   as `stable`) is treated as satisfying: an unreadable bound is ignored, an unreadable version
 *   satisfies every bound. For `notSupported` it is the other way round: an unreadable version
 *   or bound never counts as inside the unsupported range (unless both bounds are empty, which
 *   rules out any version). We report nothing rather than a false alarm.
 */

/** One layer of a profile, with its resolved pack (or null where the pack was not found). */
export interface ProfileLayerInput {
  /** Index in the profile. */
  index: number;
  /** The layer's pack name, as the profile writes it. */
  name: string;
  /** Resolved version; null when not found. */
  version: string | null;
  layer: PackLayer | null;
  /** The resolved pack's `constraints.dependencies`. */
  dependencies: PackDependency[];
}

export type ViolationKind =
  "MISSING_REQUIRED" | "VERSION_TOO_LOW" | "VERSION_TOO_HIGH" | "NOT_SUPPORTED";

export interface ConstraintViolation {
  /** `index` of the layer whose pack declares the dependency. */
  layerIndex: number;
  kind: ViolationKind;
  /** The dependency's `packName`. */
  packName: string;
  /** The dependency's `layer`. */
  dependencyLayer: PackLayer | null;
  minVersion: string | null;
  maxVersion: string | null;
  /** Version of the offending layer; null for MISSING_REQUIRED. */
  foundVersion: string | null;
  message: string;
}

interface Loose {
  /** major, minor, patch as digit strings without leading zeros. */
  core: [string, string, string];
  /** How many of major/minor/patch were written. */
  written: 1 | 2 | 3;
  prerelease: string[];
}

const LOOSE =
  /^[vV=]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseLoose(text: string): Loose | null {
  const m = LOOSE.exec(text.trim());
  if (!m) return null;
  const num = (s: string | undefined) => (s ?? "0").replace(/^0+(?=\d)/, "");
  return {
    core: [num(m[1]), num(m[2]), num(m[3])],
    written: m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : 1,
    prerelease: m[4] === undefined ? [] : m[4].split("."),
  };
}

/** Compares non-negative integers written as digit strings without leading zeros. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return compareDigits(a.replace(/^0+(?=\d)/, ""), b.replace(/^0+(?=\d)/, ""));
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareCores(a: Loose, b: Loose, parts: number): number {
  for (let i = 0; i < parts; i++) {
    const c = compareDigits(a.core[i], b.core[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function compareParsed(a: Loose, b: Loose): number {
  const core = compareCores(a, b, 3);
  if (core !== 0) return core;
  const ap = a.prerelease;
  const bp = b.prerelease;
  // A release sorts above its prereleases.
  if (ap.length === 0 || bp.length === 0) {
    return ap.length === bp.length ? 0 : ap.length === 0 ? 1 : -1;
  }
  for (let i = 0; i < Math.min(ap.length, bp.length); i++) {
    const c = compareIdentifiers(ap[i], bp[i]);
    if (c !== 0) return c;
  }
  return ap.length === bp.length ? 0 : ap.length < bp.length ? -1 : 1;
}

/**
 * Compares two loosely written versions by semver precedence after padding a missing minor or
 * patch with 0 (`1.27` = `1.27.0`; `1.27.0-rc.1` < `1.27`); build metadata is ignored. Returns
 * a negative number, 0 or a positive number, or NaN when either side is not a version
 * (`latest`), so callers can tell "not comparable" from "equal".
 */
export function compareLooseVersions(a: string, b: string): number {
  const pa = parseLoose(a);
  const pb = parseLoose(b);
  if (!pa || !pb) return NaN;
  return Math.sign(compareParsed(pa, pb));
}

function blankToNull(text: string | null): string | null {
  return text === null || text.trim() === "" ? null : text.trim();
}

/**
 * Where `version` falls against the bounds `[min, max]` (either may be null or blank: no bound).
 * A short bound covers its whole release line: max `1.21` accepts every 1.21.x, min `1.27`
 * accepts 1.27.0's prereleases. Unreadable versions or bounds never fail (see the file comment).
 */
export function satisfiesBound(
  version: string,
  min: string | null,
  max: string | null,
): "OK" | "TOO_LOW" | "TOO_HIGH" {
  const v = parseLoose(version);
  if (!v) return "OK";
  const lo = blankToNull(min);
  const hi = blankToNull(max);
  const pmin = lo === null ? null : parseLoose(lo);
  const pmax = hi === null ? null : parseLoose(hi);
  if (pmin) {
    const short = pmin.written < 3 && pmin.prerelease.length === 0;
    // A short min accepts its line from the first prerelease on: compare cores only.
    const c = short ? compareCores(v, pmin, 3) : compareParsed(v, pmin);
    if (c < 0) return "TOO_LOW";
  }
  if (pmax) {
    const short = pmax.written < 3 && pmax.prerelease.length === 0;
    // A short max covers its line: compare only the parts it writes.
    const c = short ? compareCores(v, pmax, pmax.written) : compareParsed(v, pmax);
    if (c > 0) return "TOO_HIGH";
  }
  return "OK";
}

function matchesName(layerName: string, packName: string): boolean {
  const name = layerName.trim().toLowerCase();
  const wanted = packName.trim().toLowerCase();
  return name === wanted || name.endsWith(`--${wanted}`);
}

/** `1.27 or later`, `1.21.x or earlier`, `1.27 to 1.29.x`; null when there are no bounds. */
function describeBounds(min: string | null, max: string | null): string | null {
  const lo = blankToNull(min);
  let hi = blankToNull(max);
  if (hi !== null) {
    const p = parseLoose(hi);
    if (p && p.written < 3 && p.prerelease.length === 0) hi = `${hi}.x`;
  }
  if (lo !== null && hi !== null) return `${lo} to ${hi}`;
  if (lo !== null) return `${lo} or later`;
  if (hi !== null) return `${hi} or earlier`;
  return null;
}

function describeSelf(layer: ProfileLayerInput): string {
  return layer.version === null ? layer.name : `${layer.name} ${layer.version}`;
}

function violation(
  self: ProfileLayerInput,
  dep: PackDependency,
  kind: ViolationKind,
  found: ProfileLayerInput | null,
): ConstraintViolation {
  const bounds = describeBounds(dep.minVersion, dep.maxVersion);
  const who = describeSelf(self);
  const has = found ? `${found.name} ${found.version}` : "";
  let message: string;
  switch (kind) {
    case "MISSING_REQUIRED": {
      const kindOfPack = dep.layer === null ? "the pack" : `the ${dep.layer} pack`;
      const range = bounds === null ? "" : ` (${bounds})`;
      message = `${who} requires ${kindOfPack} ${dep.packName}${range}; add it to the profile.`;
      break;
    }
    case "VERSION_TOO_LOW":
    case "VERSION_TOO_HIGH": {
      const where = dep.layer === null ? "" : ` (layer ${dep.layer})`;
      message = `${who} needs ${dep.packName} ${bounds}${where}; the profile has ${has}.`;
      break;
    }
    case "NOT_SUPPORTED": {
      const where = dep.layer === null ? "" : `, layer ${dep.layer}`;
      const action =
        bounds === null
          ? "remove one of the two packs"
          : `use a ${dep.packName} version outside that range or remove one of the two packs`;
      message = `${who} does not support ${has} (unsupported: ${dep.packName} ${bounds ?? "any version"}${where}); ${action}.`;
      break;
    }
  }
  return {
    layerIndex: self.index,
    kind,
    packName: dep.packName,
    dependencyLayer: dep.layer,
    minVersion: dep.minVersion,
    maxVersion: dep.maxVersion,
    foundVersion: found?.version ?? null,
    message,
  };
}

/**
 * Whether a `notSupported` dependency rules out `version`: always when both bounds are empty;
 * otherwise only when the version and every written bound are readable and the version is inside
 * them (an unreadable one never raises an alarm).
 */
function unsupported(version: string, dep: PackDependency): boolean {
  const min = blankToNull(dep.minVersion);
  const max = blankToNull(dep.maxVersion);
  if (min === null && max === null) return true;
  if (parseLoose(version) === null) return false;
  if ((min !== null && parseLoose(min) === null) || (max !== null && parseLoose(max) === null)) {
    return false;
  }
  return satisfiesBound(version, min, max) === "OK";
}

/**
 * Checks every layer's dependencies against the other layers of the profile. Returns one list of
 * violations per input layer, in input order (empty when the layer's constraints hold).
 */
export function checkProfileConstraints(layers: ProfileLayerInput[]): ConstraintViolation[][] {
  return layers.map((self, selfPos) => {
    const out: ConstraintViolation[] = [];
    for (const dep of self.dependencies) {
      if (dep.type === "upgrade") continue;
      const matches = layers.filter(
        (other, pos) =>
          pos !== selfPos &&
          matchesName(other.name, dep.packName) &&
          (dep.layer === null || other.layer === null || other.layer === dep.layer),
      );
      if (dep.type === "required" && matches.length === 0) {
        out.push(violation(self, dep, "MISSING_REQUIRED", null));
        continue;
      }
      for (const other of matches) {
        if (other.version === null) continue;
        const where = satisfiesBound(other.version, dep.minVersion, dep.maxVersion);
        if (dep.type === "notSupported") {
          if (unsupported(other.version, dep))
            out.push(violation(self, dep, "NOT_SUPPORTED", other));
        } else if (where === "TOO_LOW") {
          out.push(violation(self, dep, "VERSION_TOO_LOW", other));
        } else if (where === "TOO_HIGH") {
          out.push(violation(self, dep, "VERSION_TOO_HIGH", other));
        }
      }
    }
    return out;
  });
}
