import { type DataSource } from "typeorm";

/**
 * Column types the entities use that not every driver knows by that name, and what each driver
 * stores them as. Entities are declared once for both stores; the data source's driver learns
 * the portable names here before its metadata is built.
 *
 * `datetime`: SQLite's name for a timestamp (TypeORM writes UTC text). PostgreSQL has no such
 * type; there it is `timestamp with time zone` (an instant, whatever the session's time zone),
 * which is what the PostgreSQL migrations create. TypeORM's PostgreSQL driver already converts
 * `datetime` values like its other timestamp types; only the type name is missing.
 */
const POSTGRES_TYPES: Record<string, string> = {
  datetime: "timestamp with time zone",
};

interface DriverTypes {
  supportedDataTypes: string[];
  normalizeType(column: { type?: unknown }): string;
}

/** Teaches the data source's driver the portable type names (call before `initialize`). */
export function usePortableColumnTypes(dataSource: DataSource): void {
  if (dataSource.options.type !== "postgres") return;
  const driver = dataSource.driver as unknown as DriverTypes;
  for (const name of Object.keys(POSTGRES_TYPES)) {
    if (!driver.supportedDataTypes.includes(name)) driver.supportedDataTypes.push(name);
  }
  const normalize = driver.normalizeType.bind(driver);
  driver.normalizeType = (column) =>
    typeof column.type === "string" && column.type in POSTGRES_TYPES
      ? POSTGRES_TYPES[column.type]
      : normalize(column);
}
