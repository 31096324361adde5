/**
 * The Palette pack model: what a pack's `pack.json` says, normalized. Shared by the pack readers
 * (OCI PACK registries, legacy pack registries), the catalog and the profile checks.
 */

import type { PackMetadata } from "../pack-metadata";

export {
  PACK_LAYERS,
  type PackLayer,
  PACK_DEPENDENCY_TYPES,
  type PackDependencyType,
  type PackDependency,
  type PackResource,
  type PackResourceComponent,
  type PackMetadata,
} from "../pack-metadata";

/** Something odd in a pack.json that did not stop it from being read. */
export interface PackWarning {
  code: string;
  message: string;
}

/** A pack.json read into the model, with what was odd about it. */
export interface ParsedPackJson {
  pack: PackMetadata;
  warnings: PackWarning[];
}
