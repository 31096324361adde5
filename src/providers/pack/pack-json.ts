/**
 * Reads the text of a Palette pack's `pack.json` into the pack model (`pack-model.ts`).
 *
 * Only three things stop a pack from being read, each a `RegistryError` with code `PARSE`: text
 * that is not JSON, a top level that is not an object, and a `name` or `version` that is missing,
 * blank or not a string (a number version, e.g. `1.5`, is read as the text `"1.5"` with a
 * warning). Anything else odd becomes a warning (codes in `PackJsonWarning`) and the rest of the
 * pack is still read:
 *
 * - blank scalars (`""`, `" "`) become null silently; they are common in real packs;
 * - `layer` and dependency layers are matched case-insensitively; unknown ones become null;
 * - list items and annotation values of the wrong type are dropped (numbers and booleans in
 *   annotations are kept as text); a lone string where a list belongs is read as a one-item list;
 * - a dependency without `packName` is skipped; a missing or unknown dependency `type` becomes
 *   `optional`, the least restrictive reading;
 * - a resource component written as an object (the real format:
 *   `{resourceRequestParamRef, replicaCountParamRef, scheduleType}`) is read as its
 *   `resourceRequestParamRef`, since the model keeps components as strings;
 * - versions are kept as written (trimmed). Versions Helm cannot read, and versions whose
 *   prerelease looks like a date, get a warning that says how the catalog will order them;
 * - `expect` (the OCI repository and tag, or the folder name) is compared with `name` and
 *   `version`; a tag may write `_` for semver's `+`.
 *
 * Unknown top-level keys (`commit_msg`, `readme`, `kubeVersion`, `ansibleRoles`...) are ignored.
 *
 * Why one file of some 500 lines: every rule for reading a pack.json and the warning it gives are
 * one table of cases, read top to bottom; most of the length is small per-field readers.
 */
import { parseHelmVersion } from "../helm-semver";
import { RegistryError, RegistryErrorCode } from "../errors";
import {
  PACK_DEPENDENCY_TYPES,
  PACK_LAYERS,
  type PackDependency,
  type PackDependencyType,
  type PackLayer,
  type PackMetadata,
  type PackResource,
  type PackResourceComponent,
  type PackWarning,
  type ParsedPackJson,
} from "./pack-model";

/** Codes of the warnings `parsePackJson` returns. */
export const PackJsonWarning = {
  /** `version` was a JSON number; it was read as text (trailing zeros are lost: `1.50` → `1.5`). */
  VERSION_NOT_STRING: "VERSION_NOT_STRING",
  /** `version` is not a version Helm reads; the catalog orders it below every version. */
  VERSION_NOT_SEMVER: "VERSION_NOT_SEMVER",
  /** `version` is semver with a prerelease that looks like a date, so it orders as a prerelease. */
  DATE_SUFFIXED_VERSION: "DATE_SUFFIXED_VERSION",
  /** `name` differs from the expected name (OCI repository or folder). */
  NAME_MISMATCH: "NAME_MISMATCH",
  /** `version` differs from the expected version (OCI tag or folder). */
  VERSION_MISMATCH: "VERSION_MISMATCH",
  /** `layer` (of the pack or of a dependency) is not one of PACK_LAYERS; it was read as null. */
  UNKNOWN_LAYER: "UNKNOWN_LAYER",
  /** A field, list item or annotation had the wrong type and was dropped or converted. */
  WRONG_TYPE: "WRONG_TYPE",
  /** A dependency has no `packName`; it was skipped. */
  DEPENDENCY_MISSING_PACK_NAME: "DEPENDENCY_MISSING_PACK_NAME",
  /** A dependency has no `type`; it was read as `optional`. */
  DEPENDENCY_TYPE_MISSING: "DEPENDENCY_TYPE_MISSING",
  /** A dependency `type` is not one of PACK_DEPENDENCY_TYPES; it was read as `optional`. */
  DEPENDENCY_TYPE_UNKNOWN: "DEPENDENCY_TYPE_UNKNOWN",
  /** A resource has no `type`; it was skipped. */
  RESOURCE_MISSING_TYPE: "RESOURCE_MISSING_TYPE",
} as const;
export type PackJsonWarningCode = (typeof PackJsonWarning)[keyof typeof PackJsonWarning];

/** What the caller knows the pack should be: the OCI repository name and tag, or a folder name. */
export interface PackJsonExpectation {
  name?: string;
  version?: string;
}

type JsonObject = Record<string, unknown>;

/** Collects warnings while a pack.json is read. */
class Warnings {
  readonly list: PackWarning[] = [];
  add(code: PackJsonWarningCode, message: string): void {
    this.list.push({ code, message });
  }
}

const DEFAULT_DEPENDENCY_TYPE: PackDependencyType = "optional";

/**
 * Parses the text of a pack.json. Throws a `RegistryError` (`PARSE`) when the pack cannot be
 * identified; returns the normalized pack and the warnings otherwise.
 */
export function parsePackJson(text: string, expect?: PackJsonExpectation): ParsedPackJson {
  const what = describe(expect);
  const root = parseRoot(text, what);
  const warnings = new Warnings();
  const name = readName(root.name, what);
  const version = readVersion(root.version, what, warnings);
  checkVersionOrder(version, warnings);
  checkExpectation(name, version, expect, warnings);

  const annotations = readAnnotations(root.annotations, warnings);
  const constraints = readConstraints(root.constraints, warnings);
  const pack: PackMetadata = {
    name,
    version,
    displayName: readScalar(root.displayName, "displayName", warnings),
    layer: readLayer(root.layer, "layer", warnings),
    addonType: readScalar(root.addonType, "addonType", warnings),
    addonSubType: readScalar(root.addonSubType, "addonSubType", warnings),
    cloudTypes: readStringList(root.cloudTypes, "cloudTypes", warnings),
    group: readScalar(root.group, "group", warnings),
    eol: readScalar(root.eol, "eol", warnings),
    annotations,
    charts: readStringList(root.charts, "charts", warnings),
    kubeManifests: readStringList(root.kubeManifests, "kubeManifests", warnings),
    dependencies: readDependencies(constraints?.dependencies, warnings),
    resources: readResources(constraints?.resources, warnings),
    source: blankToNull(annotations.source),
  };
  return { pack, warnings: warnings.list };
}

// --- root, name and version -------------------------------------------------------------------

function describe(expect: PackJsonExpectation | undefined): string {
  const name = expect?.name?.trim();
  const version = expect?.version?.trim();
  if (!name && !version) return "pack.json";
  return `pack.json of ${name || "?"}${version ? `:${version}` : ""}`;
}

function parseFailure(message: string, cause?: unknown): RegistryError {
  return new RegistryError(RegistryErrorCode.PARSE, message, undefined, { cause });
}

function parseRoot(text: string, what: string): JsonObject {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") throw parseFailure(`${what} is empty; expected a JSON object`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw parseFailure(`${what} is not valid JSON: ${jsonErrorDetail(error, body)}`, error);
  }
  if (!isObject(value)) {
    throw parseFailure(`${what} must be a JSON object with name and version, not ${kind(value)}`);
  }
  return value;
}

/** JSON.parse's message, with the line and column of its `position N` when it gives one. */
function jsonErrorDetail(error: unknown, body: string): string {
  // V8 may quote the text around the error, newlines included: keep the message on one line.
  const message = (error instanceof Error ? error.message : String(error)).replace(
    /\s*\n\s*/g,
    " ",
  );
  const position = /\bposition (\d+)/.exec(message);
  if (!position || /\bline \d+/.test(message)) return message;
  const before = body.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message} (line ${line}, column ${column})`;
}

function readName(value: unknown, what: string): string {
  if (typeof value !== "string") {
    throw parseFailure(`${what} has no "name" string (found ${kind(value)}); a pack needs a name`);
  }
  const name = value.trim();
  if (name === "") throw parseFailure(`${what} has a blank "name"; a pack needs a name`);
  return name;
}

function readVersion(value: unknown, what: string, warnings: Warnings): string {
  if (typeof value === "number" && Number.isFinite(value)) {
    const version = String(value);
    warnings.add(
      PackJsonWarning.VERSION_NOT_STRING,
      `"version" is the number ${version}, read as the text "${version}"; write it as a string ` +
        `(a JSON number loses trailing zeros, e.g. 1.50 becomes "1.5")`,
    );
    return version;
  }
  if (typeof value !== "string") {
    throw parseFailure(
      `${what} has no "version" string (found ${kind(value)}); a pack needs a version`,
    );
  }
  const version = value.trim();
  if (version === "") throw parseFailure(`${what} has a blank "version"; a pack needs a version`);
  return version;
}

// --- version order ----------------------------------------------------------------------------

/**
 * The catalog reads versions as Helm does (Masterminds semver, see helm-semver.ts): Palette's
 * zero-padded calendar versions (`26.02.1`) are versions and order as the dates they are
 * (26.10.0 above 26.9.3 above 26.02.1). Only what Helm cannot read, and prereleases shaped like
 * dates, get a warning.
 */
function checkVersionOrder(version: string, warnings: Warnings): void {
  const parsed = parseHelmVersion(version);
  if (parsed === null) {
    warnings.add(
      PackJsonWarning.VERSION_NOT_SEMVER,
      `version "${version}" is not a version Helm reads (${whyNotSemver(version)}); ` +
        `the catalog orders it below every version of the pack, by text`,
    );
    return;
  }
  const prerelease = parsed.pre;
  const date = dateShape(prerelease);
  if (date === null) return;
  const release = `${parsed.major}.${parsed.minor}.${parsed.patch}`;
  const calendar =
    date === "year-last"
      ? "; its parts compare as numbers from the left (day or month first), not in calendar order"
      : "";
  warnings.add(
    PackJsonWarning.DATE_SUFFIXED_VERSION,
    `version "${version}" ends in what looks like a date (${prerelease}); semver reads it as a ` +
      `prerelease, so it orders below "${release}" and is not a stable version${calendar}`,
  );
}

/** The likeliest reason a version is not one Helm reads, for the warning. */
function whyNotSemver(version: string): string {
  const core = /^v?(\d+(?:\.\d+)*)/.exec(version)?.[1];
  if (core === undefined) return "it does not start with MAJOR[.MINOR[.PATCH]]";
  if (core.split(".").length > 3) return "it has more than three numbers (MAJOR.MINOR.PATCH)";
  return "see semver.org for the grammar";
}

/** Whether a prerelease is a numeric date triple (`5.5.2026`, `2026-05-05`), and its year end. */
function dateShape(prerelease: string): "year-first" | "year-last" | null {
  const parts = prerelease.split(/[.-]/);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,4}$/.test(p))) return null;
  const isYear = (p: string): boolean => /^(19|20)\d\d$/.test(p);
  const isDayOrMonth = (p: string): boolean => p.length <= 2 && Number(p) >= 1 && Number(p) <= 31;
  if (isYear(parts[0]) && isDayOrMonth(parts[1]) && isDayOrMonth(parts[2])) return "year-first";
  if (isYear(parts[2]) && isDayOrMonth(parts[0]) && isDayOrMonth(parts[1])) return "year-last";
  return null;
}

function checkExpectation(
  name: string,
  version: string,
  expect: PackJsonExpectation | undefined,
  warnings: Warnings,
): void {
  const expectedName = expect?.name?.trim();
  if (expectedName && expectedName !== name) {
    warnings.add(
      PackJsonWarning.NAME_MISMATCH,
      `pack.json names the pack "${name}", but its repository or folder is "${expectedName}"`,
    );
  }
  const expectedVersion = expect?.version?.trim();
  if (expectedVersion && !sameVersion(expectedVersion, version)) {
    warnings.add(
      PackJsonWarning.VERSION_MISMATCH,
      `pack.json says version "${version}", but its tag or folder says "${expectedVersion}"`,
    );
  }
}

/** A tag cannot hold `+`, so `1.0.0_build` tags the version `1.0.0+build`. */
function sameVersion(tag: string, version: string): boolean {
  return tag === version || tag.replace(/_/g, "+") === version;
}

// --- scalars, lists, annotations --------------------------------------------------------------

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

function blankToNull(value: string | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/** A string field: trimmed, blank or absent → null, other types → null with a warning. */
function readScalar(value: unknown, field: string, warnings: Warnings): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return blankToNull(value);
  warnings.add(PackJsonWarning.WRONG_TYPE, `"${field}" should be a string, not ${kind(value)}`);
  return null;
}

function readLayer(value: unknown, field: string, warnings: Warnings): PackLayer | null {
  const text = readScalar(value, field, warnings)?.toLowerCase();
  if (text === undefined) return null;
  const layer = PACK_LAYERS.find((l) => l === text);
  if (layer === undefined) {
    warnings.add(
      PackJsonWarning.UNKNOWN_LAYER,
      `${field} "${String(value).trim()}" is not one of ${PACK_LAYERS.join(", ")}; read as none`,
    );
    return null;
  }
  return layer;
}

/** A list of strings: trimmed, blanks dropped, other items dropped with a warning. */
function readStringList(value: unknown, field: string, warnings: Warnings): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") {
    warnings.add(
      PackJsonWarning.WRONG_TYPE,
      `"${field}" should be a list; read as a one-item list`,
    );
    return blankToNull(value) === null ? [] : [value.trim()];
  }
  if (!Array.isArray(value)) {
    warnings.add(PackJsonWarning.WRONG_TYPE, `"${field}" should be a list, not ${kind(value)}`);
    return [];
  }
  const items: string[] = [];
  for (const item of value) {
    if (typeof item !== "string") {
      warnings.add(PackJsonWarning.WRONG_TYPE, `"${field}" item ${kind(item)} is not a string`);
    } else if (item.trim() !== "") {
      items.push(item.trim());
    }
  }
  return items;
}

/** Annotations: string values kept as written, numbers and booleans as text, others dropped. */
function readAnnotations(value: unknown, warnings: Warnings): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    warnings.add(
      PackJsonWarning.WRONG_TYPE,
      `"annotations" should be an object, not ${kind(value)}`,
    );
    return {};
  }
  // Built with fromEntries so that a key such as `__proto__` stays an ordinary key.
  const entries: [string, string][] = [];
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "string") {
      entries.push([key, item]);
    } else if (typeof item === "number" || typeof item === "boolean") {
      entries.push([key, String(item)]);
    } else {
      warnings.add(
        PackJsonWarning.WRONG_TYPE,
        `annotation "${key}" should be a string, not ${kind(item)}; dropped`,
      );
    }
  }
  return Object.fromEntries(entries);
}

// --- constraints ------------------------------------------------------------------------------

function readConstraints(value: unknown, warnings: Warnings): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (isObject(value)) return value;
  warnings.add(PackJsonWarning.WRONG_TYPE, `"constraints" should be an object, not ${kind(value)}`);
  return undefined;
}

/** The objects of a constraints list, with their index; anything else is dropped, warned. */
function readObjectList(value: unknown, field: string, warnings: Warnings): [number, JsonObject][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warnings.add(PackJsonWarning.WRONG_TYPE, `"${field}" should be a list, not ${kind(value)}`);
    return [];
  }
  const items: [number, JsonObject][] = [];
  value.forEach((item: unknown, index: number) => {
    if (isObject(item)) items.push([index, item]);
    else
      warnings.add(
        PackJsonWarning.WRONG_TYPE,
        `${field}[${index}] is ${kind(item)}, not an object`,
      );
  });
  return items;
}

function readDependencies(value: unknown, warnings: Warnings): PackDependency[] {
  const field = "constraints.dependencies";
  const dependencies: PackDependency[] = [];
  for (const [index, item] of readObjectList(value, field, warnings)) {
    const where = `${field}[${index}]`;
    const packName = readScalar(item.packName, `${where}.packName`, warnings);
    if (packName === null) {
      warnings.add(
        PackJsonWarning.DEPENDENCY_MISSING_PACK_NAME,
        `${where} has no "packName"; the dependency was skipped`,
      );
      continue;
    }
    dependencies.push({
      packName,
      layer: readLayer(item.layer, `${where}.layer`, warnings),
      minVersion: readVersionText(item.minVersion, `${where}.minVersion`, warnings),
      maxVersion: readVersionText(item.maxVersion, `${where}.maxVersion`, warnings),
      type: readDependencyType(item.type, `${where} (${packName})`, warnings),
    });
  }
  return dependencies;
}

/** A version bound as written (trimmed); a number is read as text with a warning. */
function readVersionText(value: unknown, field: string, warnings: Warnings): string | null {
  if (typeof value === "number" && Number.isFinite(value)) {
    warnings.add(
      PackJsonWarning.WRONG_TYPE,
      `"${field}" is the number ${value}, read as "${String(value)}"; write it as a string`,
    );
    return String(value);
  }
  return readScalar(value, field, warnings);
}

function readDependencyType(value: unknown, where: string, warnings: Warnings): PackDependencyType {
  const text = readScalar(value, `${where}.type`, warnings);
  if (text === null) {
    warnings.add(
      PackJsonWarning.DEPENDENCY_TYPE_MISSING,
      `${where} has no "type"; read as "${DEFAULT_DEPENDENCY_TYPE}"`,
    );
    return DEFAULT_DEPENDENCY_TYPE;
  }
  const type = PACK_DEPENDENCY_TYPES.find((t) => t.toLowerCase() === text.toLowerCase());
  if (type === undefined) {
    warnings.add(
      PackJsonWarning.DEPENDENCY_TYPE_UNKNOWN,
      `${where} has type "${text}", not one of ${PACK_DEPENDENCY_TYPES.join(", ")}; ` +
        `read as "${DEFAULT_DEPENDENCY_TYPE}"`,
    );
    return DEFAULT_DEPENDENCY_TYPE;
  }
  return type;
}

function readResources(value: unknown, warnings: Warnings): PackResource[] {
  const field = "constraints.resources";
  const resources: PackResource[] = [];
  for (const [index, item] of readObjectList(value, field, warnings)) {
    const where = `${field}[${index}]`;
    const type = readScalar(item.type, `${where}.type`, warnings);
    if (type === null) {
      warnings.add(
        PackJsonWarning.RESOURCE_MISSING_TYPE,
        `${where} has no "type"; the resource was skipped`,
      );
      continue;
    }
    resources.push({
      type,
      minLimit: readMinLimit(item.minLimit, `${where}.minLimit`, warnings),
      components: readComponents(item.components, `${where}.components`, warnings),
    });
  }
  return resources;
}

/** A number, or a numeric string; anything else is null (with a warning unless absent). */
function readMinLimit(value: unknown, field: string, warnings: Warnings): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  warnings.add(PackJsonWarning.WRONG_TYPE, `"${field}" should be a number, not ${kind(value)}`);
  return null;
}

/**
 * Components as strings. Real packs write objects (`{resourceRequestParamRef,
 * replicaCountParamRef, scheduleType}`); those are read as their `resourceRequestParamRef`.
 */
function readComponents(
  value: unknown,
  field: string,
  warnings: Warnings,
): PackResourceComponent[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warnings.add(PackJsonWarning.WRONG_TYPE, `${field} should be a list; it was ignored.`);
    return [];
  }
  const out: PackResourceComponent[] = [];
  for (const [i, item] of value.entries()) {
    // A bare string is read as the request path (no replica path, no schedule).
    const entry: Record<string, unknown> =
      typeof item === "string" ? { resourceRequestParamRef: item } : isObject(item) ? item : {};
    const ref = entry.resourceRequestParamRef;
    if (typeof ref !== "string" || ref.trim() === "") {
      warnings.add(
        PackJsonWarning.WRONG_TYPE,
        `${field}[${i}] has no resourceRequestParamRef; it was ignored.`,
      );
      continue;
    }
    const optional = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
    out.push({
      resourceRequestParamRef: ref.trim(),
      replicaCountParamRef: optional(entry.replicaCountParamRef),
      scheduleType: optional(entry.scheduleType),
    });
  }
  return out;
}
