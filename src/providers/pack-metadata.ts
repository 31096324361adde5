/**
 * What a version record says of a Palette pack (its `pack.json`, normalized): part of the
 * provider interface, so declared beside it; the pack readers fill it (providers/pack).
 */

/** Profile layers a pack can fill, bottom to top. */
export const PACK_LAYERS = ["kernel", "os", "k8s", "cni", "csi", "addon"] as const;
export type PackLayer = (typeof PACK_LAYERS)[number];

/** How a dependency constrains a profile (`pack.json` `constraints.dependencies[].type`). */
export const PACK_DEPENDENCY_TYPES = ["required", "optional", "notSupported", "upgrade"] as const;
export type PackDependencyType = (typeof PACK_DEPENDENCY_TYPES)[number];

/** One entry of `constraints.dependencies`. */
export interface PackDependency {
  packName: string;
  /** The layer the other pack sits in; null when pack.json names none or an unknown one. */
  layer: PackLayer | null;
  /** Lowest acceptable version of the other pack, as written (e.g. `1.27`); null when empty. */
  minVersion: string | null;
  /** Highest acceptable version, as written; null when empty. */
  maxVersion: string | null;
  type: PackDependencyType;
}

/** One entry of `constraints.resources` (cluster resources the pack needs). */
export interface PackResource {
  /** `cpu`, `memory`, `diskSize`, or what pack.json says. */
  type: string;
  /** Minimum the pack needs (cpu in millicores, memory and disk in MiB, as Palette documents). */
  minLimit: number | null;
  /** Components the limit applies to; empty when pack.json names none. */
  components: PackResourceComponent[];
}

/** A component a resource limit applies to: value paths of its request and replica count. */
export interface PackResourceComponent {
  /** Values path of the component's resource request. */
  resourceRequestParamRef: string;
  /** Values path of its replica count, when pack.json names one. */
  replicaCountParamRef: string | null;
  /** How the component is scheduled (e.g. `all`), as written. */
  scheduleType: string | null;
}

/** A pack.json, normalized: blank (`""`, `" "`) strings become null, lists are never null. */
export interface PackMetadata {
  name: string;
  version: string;
  displayName: string | null;
  layer: PackLayer | null;
  addonType: string | null;
  addonSubType: string | null;
  cloudTypes: string[];
  group: string | null;
  /** End of life as written (Palette documents yyyy-MM-dd); null when blank. */
  eol: string | null;
  annotations: Record<string, string>;
  /** Chart packages in the pack folder (`charts/x.tgz`). */
  charts: string[];
  /** Manifests in the pack folder (`manifests/x.yaml`). */
  kubeManifests: string[];
  dependencies: PackDependency[];
  resources: PackResource[];
  /** `annotations.source` (e.g. `community`), when present. */
  source: string | null;
}
