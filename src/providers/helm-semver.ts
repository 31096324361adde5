/**
 * Versions and version constraints as Helm reads them: Masterminds semver v3 (`NewVersion`,
 * `NewConstraint`, `Constraints.Check`), which Helm uses for chart versions, `--version` and
 * the order of an index. It differs from npm's semver where users notice:
 *
 * - `1.0`, `2`, `v1.2.3` and `01.2.3` are versions (missing parts are 0, a leading `v` and
 *   leading zeros in major.minor.patch are accepted); a numeric prerelease part with a leading
 *   zero (`1.0.0-01`) is not.
 * - Constraints: `,` or whitespace is AND, `||` is OR, `a - b` is `>= a, <= b`; operators `=`,
 *   `!=`, `>`, `<`, `>=`, `=>`, `<=`, `=<`, `~`, `~>`, `^`; `x`, `X` and `*` wildcards.
 * - A prerelease version satisfies an AND group only when one of the group's comparators names
 *   a prerelease (whatever its major.minor.patch), or when prereleases are included.
 *
 * Differential tests against the real `helm` binary keep this honest (test/e2e/helm-semver).
 */

/** A version as Helm reads it; `original` is the text as published. */
export interface HelmVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  /** Prerelease identifiers joined by `.`, or "". */
  pre: string;
  /** Build metadata, or "" (ignored by precedence). */
  metadata: string;
  original: string;
}

const VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const UINT64_MAX = 2n ** 64n - 1n;

function segment(text: string | undefined): bigint | null {
  if (text === undefined || text === "") return 0n;
  const value = BigInt(text.replace(/^\./, ""));
  return value > UINT64_MAX ? null : value;
}

/** Masterminds `NewVersion`: the version, or null when Helm would skip it as invalid. */
export function parseHelmVersion(text: string): HelmVersion | null {
  const m = VERSION.exec(text);
  if (!m) return null;
  const major = segment(m[1]);
  const minor = segment(m[2]);
  const patch = segment(m[3]);
  if (major === null || minor === null || patch === null) return null;
  const pre = m[4] ?? "";
  // A numeric prerelease identifier may not start with 0 (semver 2.0.0, item 9).
  if (
    pre &&
    pre.split(".").some((part) => /^\d+$/.test(part) && part.length > 1 && part[0] === "0")
  )
    return null;
  return { major, minor, patch, pre, metadata: m[5] ?? "", original: text };
}

function compareNumbers(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NUMERIC = /^\d+$/;

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === "") return -1;
  if (o === "") return 1;
  const sNum = NUMERIC.test(s) && BigInt(s) <= UINT64_MAX;
  const oNum = NUMERIC.test(o) && BigInt(o) <= UINT64_MAX;
  if (sNum && oNum) return compareNumbers(BigInt(s), BigInt(o));
  if (sNum) return -1;
  if (oNum) return 1;
  return s > o ? 1 : -1;
}

function comparePrerelease(a: string, b: string): number {
  const as = a.split(".");
  const bs = b.split(".");
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePrePart(as[i] ?? "", bs[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

/** Masterminds `Compare`: precedence only (build metadata ignored); -1, 0 or 1. */
export function compareHelmVersions(a: HelmVersion, b: HelmVersion): number {
  return (
    compareNumbers(a.major, b.major) ||
    compareNumbers(a.minor, b.minor) ||
    compareNumbers(a.patch, b.patch) ||
    (a.pre === "" && b.pre === ""
      ? 0
      : a.pre === ""
        ? 1
        : b.pre === ""
          ? -1
          : comparePrerelease(a.pre, b.pre))
  );
}

/** Widest number Helm accepts (uint64) in digits: numbers are padded to this width. */
const NUM_WIDTH = 20;
/** The column is varchar(512). */
const MAX_KEY = 512;

function pad(n: bigint | string): string {
  return String(n).padStart(NUM_WIDTH, "0");
}

/** Dot-separated identifiers: numbers (`1` + padded) below words (`2` + text + `!`), `0` ends. */
function identifiersKey(text: string): string {
  return `${text
    .split(".")
    .map((id) => (/^\d+$/.test(id) && id.length <= NUM_WIDTH ? `1${pad(id)}` : `2${id}!`))
    .join("")}0`;
}

/**
 * A byte-comparable key of a version in the catalog's one order: Helm's precedence
 * (Masterminds semver `Compare`), with a tie-break Helm lacks (its sort is not stable, so `helm search` and `helm search --versions`
 * disagree on ties):
 *
 * 1. precedence: major, minor, patch, then a release above its prereleases, prerelease
 *    identifiers compared one by one (numbers numerically and below words, words by text, a
 *    shorter list below a longer one);
 * 2. among equal precedence, build metadata: a version with build metadata above the same version
 *    without, and build metadata compared like prerelease identifiers (`1.0.0+build.10` above
 *    `1.0.0+build.9` above `1.0.0`);
 * 3. then the text as published, greater (code-unit order) first: `v1.0.0` above `1.0.0` above
 *    `1.0`.
 *
 * Versions Helm cannot read (`latest`, `1.2.3.4`) sort below every version, by text.
 *
 * Key layout, for plain byte comparison in SQL: `1` + major, minor, patch padded to 20 digits +
 * prerelease (`2` for none, else `1` + identifiers) + build (`0` for none, else `1` +
 * identifiers) + `!` + text. Not a version: `0` + text.
 */
export function helmOrderKey(version: string): {
  key: string;
  precedence: string;
  parsed: HelmVersion | null;
} {
  const parsed = parseHelmVersion(version);
  if (!parsed) {
    const key = `0${version}`.slice(0, MAX_KEY);
    return { key, precedence: key, parsed: null };
  }
  const precedence =
    `1${pad(parsed.major)}${pad(parsed.minor)}${pad(parsed.patch)}` +
    (parsed.pre === "" ? "2" : `1${identifiersKey(parsed.pre)}`);
  const build = parsed.metadata === "" ? "0" : `1${identifiersKey(parsed.metadata)}`;
  return { key: `${precedence}${build}!${version}`.slice(0, MAX_KEY), precedence, parsed };
}

// ---------------------------------------------------------------------------------------------
// Constraints

const CV =
  "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?" +
  "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?" +
  "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
const OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
// Go's RE2 `\s` is [\t\n\f\r ]; JavaScript's is wider, so spell it out.
const S = "[\\t\\n\\f\\r ]";
const CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`);
const RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, "g");
const FIND = new RegExp(`(${OPS})${S}*(${CV})`, "g");
const VALID = new RegExp(
  `^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`,
);

type Operator = "" | "=" | "!=" | ">" | "<" | ">=" | "=>" | "<=" | "=<" | "~" | "~>" | "^";

interface Comparator {
  op: Operator;
  con: HelmVersion;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (text: string | undefined) => text === "x" || text === "X" || text === "*";

function parseComparator(text: string): Comparator | null {
  if (text.length === 0) {
    return {
      op: "",
      con: parseHelmVersion("0.0.0")!,
      dirty: true,
      minorDirty: false,
      patchDirty: false,
    };
  }
  const m = CONSTRAINT.exec(text);
  if (!m) return null;
  // Groups: 1 op, 2 version, 3 major, 4 .minor, 5 .patch, 6 -pre, ...
  const op = m[1] as Operator;
  const major = m[3];
  const minor = m[4] ?? "";
  const patch = m[5] ?? "";
  const pre = m[6] ?? "";
  let version = m[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === "") {
    version = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.replace(/^\./, "")) || minor === "") {
    minorDirty = dirty = true;
    version = `${major}.0.0${pre}`;
  } else if (isX(patch.replace(/^\./, "")) || patch === "") {
    patchDirty = dirty = true;
    version = `${major}${minor}.0${pre}`;
  }
  const con = parseHelmVersion(version);
  if (!con) return null;
  return { op, con, dirty, minorDirty, patchDirty };
}

function tilde(v: HelmVersion, c: Comparator): boolean {
  if (compareHelmVersions(v, c.con) < 0) return false;
  if (
    c.con.major === 0n &&
    c.con.minor === 0n &&
    c.con.patch === 0n &&
    !c.minorDirty &&
    !c.patchDirty
  )
    return true;
  if (v.major !== c.con.major) return false;
  return v.minor === c.con.minor || c.minorDirty;
}

function caret(v: HelmVersion, c: Comparator): boolean {
  if (compareHelmVersions(v, c.con) < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (v.minor > 0n) return false;
  return v.patch === c.con.patch;
}

function notEqual(v: HelmVersion, c: Comparator): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== "" || c.con.pre !== "") return comparePrerelease(v.pre, c.con.pre) !== 0;
      return false;
    }
  }
  return compareHelmVersions(v, c.con) !== 0;
}

function greaterThan(v: HelmVersion, c: Comparator): boolean {
  if (!c.dirty) return compareHelmVersions(v, c.con) > 0;
  if (v.major > c.con.major) return true;
  if (v.major < c.con.major) return false;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareHelmVersions(v, c.con) > 0;
}

function lessThanEqual(v: HelmVersion, c: Comparator): boolean {
  if (!c.dirty) return compareHelmVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
}

function check(v: HelmVersion, c: Comparator, includePre: boolean): boolean {
  if (v.pre !== "" && !includePre) return false;
  switch (c.op) {
    case "":
    case "=":
      return c.dirty ? tilde(v, c) : compareHelmVersions(v, c.con) === 0;
    case "!=":
      return notEqual(v, c);
    case ">":
      return greaterThan(v, c);
    case "<":
      return compareHelmVersions(v, c.con) < 0;
    case ">=":
    case "=>":
      return compareHelmVersions(v, c.con) >= 0;
    case "<=":
    case "=<":
      return lessThanEqual(v, c);
    case "~":
    case "~>":
      return tilde(v, c);
    case "^":
      return caret(v, c);
  }
}

/** A parsed constraint: OR of AND groups, as Masterminds `Constraints`. */
export class HelmConstraint {
  private constructor(
    readonly text: string,
    private readonly groups: Comparator[][],
    private readonly containsPre: boolean[],
  ) {}

  /** Masterminds `NewConstraint`: the constraint, or null when Helm would refuse it. */
  static parse(text: string): HelmConstraint | null {
    const rewritten = text.replace(RANGE, (_all, from: string, ...rest: unknown[]) => {
      // The second version is the 11th group of the range expression (after `from`'s ten).
      return `>= ${from}, <= ${String(rest[9])} `;
    });
    const groups: Comparator[][] = [];
    const containsPre: boolean[] = [];
    for (const or of rewritten.split("||")) {
      if (!VALID.test(or)) return null;
      const found = or.match(FIND) ?? [or];
      const group: Comparator[] = [];
      for (const part of found) {
        const comparator = parseComparator(part);
        if (!comparator) return null;
        group.push(comparator);
      }
      groups.push(group);
      containsPre.push(group.some((c) => c.con.pre !== ""));
    }
    return new HelmConstraint(text, groups, containsPre);
  }

  /**
   * Masterminds `Check`. `includePrerelease` is its `IncludePrerelease`: prerelease versions
   * are then judged like any other.
   */
  check(version: HelmVersion, includePrerelease = false): boolean {
    return this.groups.some((group, i) =>
      group.every((c) => check(version, c, includePrerelease || this.containsPre[i]!)),
    );
  }
}
