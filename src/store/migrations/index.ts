import { InitialCatalog1732060800000 } from "./1732060800000-initial-catalog";
import { OciRegistries1732147200000 } from "./1732147200000-oci-registries";
import { Packs1732233600000 } from "./1732233600000-packs";
import { ChartSearch1732320000000 } from "./1732320000000-chart-search";
import { CatalogVersion1732406400000 } from "./1732406400000-catalog-version";
import { RegistryNameUnique1732492800000 } from "./1732492800000-registry-name-unique";
import { HelmVersionOrder1732579200000 } from "./1732579200000-helm-version-order";

/** Every migration, oldest first. A new schema change is a new file added here. */
export const migrations = [
  InitialCatalog1732060800000,
  OciRegistries1732147200000,
  Packs1732233600000,
  ChartSearch1732320000000,
  CatalogVersion1732406400000,
  RegistryNameUnique1732492800000,
  HelmVersionOrder1732579200000,
];
