import { type MigrationInterface } from "typeorm";
import { InitialCatalog1732060800000 } from "./1732060800000-initial-catalog";
import { OciRegistries1732147200000 } from "./1732147200000-oci-registries";
import { Packs1732233600000 } from "./1732233600000-packs";
import { ChartSearch1732320000000 } from "./1732320000000-chart-search";
import { CatalogVersion1732406400000 } from "./1732406400000-catalog-version";
import { RegistryNameUnique1732492800000 } from "./1732492800000-registry-name-unique";
import { HelmVersionOrder1732579200000 } from "./1732579200000-helm-version-order";
import { SecretKeyCheck1733270400001 } from "./1733270400001-secret-key-check";
import { Webhooks1733529600000 } from "./1733529600000-webhooks";
import { PostgresWebhooks1733529600000 } from "./postgres/1733529600000-webhooks";
import { PostgresCatalog1733011200000 } from "./postgres/1733011200000-postgres-catalog";
import { Fleet1733097600000 } from "./postgres/1733097600000-fleet";
import { RegistryNameIndexInfo1733184000000 } from "./postgres/1733184000000-registry-name-index-info";
import { JsonColumns1733270400000 } from "./postgres/1733270400000-json-columns";
import { TrustPolicy1733443200000 } from "./1733443200000-trust-policy";
import { PostgresTrustPolicy1733443200000 } from "./postgres/1733443200000-trust-policy";

type MigrationClass = new () => MigrationInterface;

/**
 * SQLite's migrations, oldest first. A new schema change is a new file added here AND one in
 * `postgres/` (test/e2e/store-schema.test.ts checks both sets against the entities).
 */
export const sqliteMigrations: MigrationClass[] = [
  InitialCatalog1732060800000,
  OciRegistries1732147200000,
  Packs1732233600000,
  ChartSearch1732320000000,
  CatalogVersion1732406400000,
  RegistryNameUnique1732492800000,
  HelmVersionOrder1732579200000,
  SecretKeyCheck1733270400001,
  TrustPolicy1733443200000,
  Webhooks1733529600000,
];

/** PostgreSQL's migrations, oldest first (its own set: search and types differ). */
export const postgresMigrations: MigrationClass[] = [
  PostgresCatalog1733011200000,
  Fleet1733097600000,
  RegistryNameIndexInfo1733184000000,
  JsonColumns1733270400000,
  SecretKeyCheck1733270400001,
  PostgresTrustPolicy1733443200000,
  PostgresWebhooks1733529600000,
];

/** The migrations of a store. */
export function migrationsFor(type: "sqlite" | "postgres"): MigrationClass[] {
  return type === "postgres" ? postgresMigrations : sqliteMigrations;
}
