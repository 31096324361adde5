import { InitialCatalog1732060800000 } from "./1732060800000-initial-catalog";

/** Every migration, oldest first. A new schema change is a new file added here. */
export const migrations = [InitialCatalog1732060800000];
