/**
 * What changed in a pack's constraints (pack.json `constraints`) between two versions: its
 * dependencies on other packs, and the cluster resources it needs. Read from the catalog rows
 * (the sync stores pack.json normalized), so no package is read.
 */
import {
  type DependencyChangeKind,
  type PackDependencyField,
  type PackResourceChangeKind,
} from "../../domain/enums";
import { type PackDependency, type PackResource } from "../../providers/pack-metadata";
import { type PackVersionInfo } from "../../providers/provider";
import { compareLooseVersions } from "../profiles/profile-check";
import { keyedPairs } from "./keyed-pairs";

/** A dependency added, removed or changed, keyed by the other pack's name. */
export interface PackDependencyChange {
  packName: string;
  kind: DependencyChangeKind;
  /** The fields that differ (empty unless CHANGED). */
  changedFields: PackDependencyField[];
  /** The dependency in `from`; null when added. */
  from: PackDependency | null;
  /** The dependency in `to`; null when removed. */
  to: PackDependency | null;
  /** True when a profile that met `from`'s dependency may fail `to`'s (see `dependencyBreaking`). */
  breaking: boolean;
}

/** A resource minimum added, removed, raised, lowered, or whose components changed. */
export interface PackResourceChange {
  type: string;
  kind: PackResourceChangeKind;
  fromMinLimit: number | null;
  toMinLimit: number | null;
  /** Whether the components (request and replica paths, scheduling) differ. */
  componentsChanged: boolean;
  /** True when a machine pool that met `from`'s needs may not meet `to`'s. */
  breaking: boolean;
}

export interface PackConstraintChanges {
  dependencies: PackDependencyChange[];
  resources: PackResourceChange[];
}

const FIELDS: [PackDependencyField, keyof PackDependency][] = [
  ["LAYER", "layer"],
  ["MIN_VERSION", "minVersion"],
  ["MAX_VERSION", "maxVersion"],
  ["TYPE", "type"],
];

/**
 * Compares the constraints of two pack versions (null for a version that is not a pack). Entries
 * are matched by pack name (dependencies) and resource type (resources); a name listed twice is
 * matched in order of appearance.
 */
export function diffPackConstraints(
  from: PackVersionInfo | null,
  to: PackVersionInfo | null,
): PackConstraintChanges {
  return {
    dependencies: diffDependencies(from?.dependencies ?? [], to?.dependencies ?? []),
    resources: diffResources(from?.resources ?? [], to?.resources ?? []),
  };
}

function diffDependencies(from: PackDependency[], to: PackDependency[]): PackDependencyChange[] {
  const changes: PackDependencyChange[] = [];
  const pairs = keyedPairs(
    keyed(from, (d) => d.packName),
    keyed(to, (d) => d.packName),
  );
  for (const { old, now } of pairs) {
    if (old === null) {
      changes.push({
        packName: now.packName,
        kind: "ADDED",
        changedFields: [],
        from: null,
        to: now,
        breaking: dependencyBreaking(null, now),
      });
    } else if (now === null) {
      changes.push({
        packName: old.packName,
        kind: "REMOVED",
        changedFields: [],
        from: old,
        to: null,
        breaking: false,
      });
    } else {
      const changedFields = FIELDS.filter(([, f]) => old[f] !== now[f]).map(([field]) => field);
      if (changedFields.length > 0)
        changes.push({
          packName: old.packName,
          kind: "CHANGED",
          changedFields,
          from: old,
          to: now,
          breaking: dependencyBreaking(old, now),
        });
    }
  }
  return changes;
}

/**
 * Whether a profile that passed `old` (null: no such dependency) may fail `now`, as profiles are
 * checked (`validateProfileLayers`): `upgrade` dependencies are never checked; a `required` one
 * added, an `optional` one added with a bound, a `notSupported` one added or the type turned
 * to or from `notSupported` or to `required`, a layer named or changed, a `minVersion` raised
 * or a `maxVersion` lowered (for `notSupported`: its range widened) can all fail a profile.
 * Bounds that are not versions compare as a change that may break.
 */
export function dependencyBreaking(old: PackDependency | null, now: PackDependency): boolean {
  if (now.type === "upgrade") return false;
  if (old === null || old.type === "upgrade") {
    return now.type !== "optional" || now.minVersion !== null || now.maxVersion !== null;
  }
  if (old.type !== now.type && (now.type === "required" || now.type === "notSupported"))
    return true;
  if (old.type === "notSupported" && now.type !== "notSupported") return true;
  if (now.layer !== null && now.layer !== old.layer) return true;
  if (now.type === "notSupported") {
    // The unsupported range grows when a bound moves outwards or goes.
    return (
      (old.minVersion !== null &&
        (now.minVersion === null || below(now.minVersion, old.minVersion))) ||
      (old.maxVersion !== null &&
        (now.maxVersion === null || below(old.maxVersion, now.maxVersion)))
    );
  }
  // A min raised or appearing, a max lowered or appearing.
  return (
    (now.minVersion !== null &&
      (old.minVersion === null || below(old.minVersion, now.minVersion))) ||
    (now.maxVersion !== null && (old.maxVersion === null || below(now.maxVersion, old.maxVersion)))
  );
}

/** Whether version bound `a` is below `b`; bounds that are not versions: whether they differ. */
function below(a: string, b: string): boolean {
  const c = compareLooseVersions(a, b);
  return Number.isNaN(c) ? a !== b : c < 0;
}

function diffResources(from: PackResource[], to: PackResource[]): PackResourceChange[] {
  const changes: PackResourceChange[] = [];
  const pairs = keyedPairs(
    keyed(from, (r) => r.type),
    keyed(to, (r) => r.type),
  );
  for (const { old, now } of pairs) {
    if (old === null) {
      changes.push({
        type: now.type,
        kind: "ADDED",
        fromMinLimit: null,
        toMinLimit: now.minLimit,
        componentsChanged: now.components.length > 0,
        breaking: (now.minLimit ?? 0) > 0 || now.components.length > 0,
      });
      continue;
    }
    const base = { type: old.type, fromMinLimit: old.minLimit };
    if (now === null) {
      changes.push({
        ...base,
        kind: "REMOVED",
        toMinLimit: null,
        componentsChanged: old.components.length > 0,
        breaking: false,
      });
      continue;
    }
    const componentsChanged = !sameComponents(old, now);
    const oldLimit = old.minLimit ?? 0;
    const newLimit = now.minLimit ?? 0;
    if (oldLimit === newLimit && !componentsChanged) continue;
    const kind: PackResourceChangeKind =
      newLimit > oldLimit ? "RAISED" : newLimit < oldLimit ? "LOWERED" : "COMPONENTS_CHANGED";
    changes.push({
      ...base,
      kind,
      toMinLimit: now.minLimit,
      componentsChanged,
      // A new component adds its requests to what the pools must hold.
      breaking: kind === "RAISED" || addsComponent(old, now),
    });
  }
  return changes;
}

/** Entries by key; the n-th repeat of a key is keyed `key#n`. */
function keyed<T>(list: T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of list) {
    const base = key(item);
    let name = base;
    for (let n = 2; map.has(name); n++) name = `${base}#${n}`;
    map.set(name, item);
  }
  return map;
}

const componentKey = (c: PackResource["components"][number]) =>
  JSON.stringify([c.resourceRequestParamRef, c.replicaCountParamRef, c.scheduleType]);

function sameComponents(a: PackResource, b: PackResource): boolean {
  return (
    JSON.stringify(a.components.map(componentKey)) ===
    JSON.stringify(b.components.map(componentKey))
  );
}

function addsComponent(a: PackResource, b: PackResource): boolean {
  const old = new Set(a.components.map(componentKey));
  return b.components.some((c) => !old.has(componentKey(c)));
}
