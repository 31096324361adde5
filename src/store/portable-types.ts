import { type ColumnType, type DataSource } from "typeorm";
import { types as pgTypes } from "pg";

/**
 * Column types the entities use that not every driver knows by that name, and what each driver
 * stores them as. Entities are declared once for both stores; the data source's driver learns
 * the portable names here before its metadata is built.
 *
 * `datetime`: SQLite's name for a timestamp (TypeORM writes UTC text). PostgreSQL has no such
 * type; there it is `timestamp with time zone` (an instant, whatever the session's time zone),
 * which is what the PostgreSQL migrations create. TypeORM's PostgreSQL driver already converts
 * `datetime` values like its other timestamp types; only the type name is missing.
 *
 * `json text` (JSON_TEXT): a JSON document the entity holds as its text (a `string` property,
 * written with JSON.stringify, read with JSON.parse). SQLite stores it as `text`, PostgreSQL as
 * `jsonb` (validated, indexable, queryable with its operators). The drivers pass the text through
 * both ways, in entities and in raw SQL alike: TypeORM does not know the name (so it neither
 * stringifies nor parses it), and the PostgreSQL connections read `jsonb` as its text (see
 * `PG_CLIENT_TYPES`) instead of parsing it. What comes back is the same JSON value on both
 * stores; PostgreSQL's text of it is normalized (`{"a": 1}`: a space after `:` and `,`, object
 * keys in jsonb's order: shorter first), so code compares parsed values, never the text, and
 * serializes objects whose text is hashed with sorted keys (see sync/catalog-writer.ts).
 */
export const JSON_TEXT = "json text" as ColumnType;

const POSTGRES_TYPES: Record<string, string> = {
  datetime: "timestamp with time zone",
  [JSON_TEXT as string]: "jsonb",
};

const SQLITE_TYPES: Record<string, string> = {
  [JSON_TEXT as string]: "text",
};

const JSONB_OID = 3802;

/**
 * Type parsers for the gateway's PostgreSQL connections: pg's defaults except `jsonb`, which
 * stays text, as a `json text` column is on SQLite (pg would parse it into objects).
 */
export const PG_CLIENT_TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === JSONB_OID && format !== "binary"
      ? (value: string) => value
      : pgTypes.getTypeParser(oid, format)) as typeof pgTypes.getTypeParser,
};

interface DriverTypes {
  supportedDataTypes: string[];
  normalizeType(column: { type?: unknown }): string;
}

/** Teaches the data source's driver the portable type names (call before `initialize`). */
export function usePortableColumnTypes(dataSource: DataSource): void {
  const names = dataSource.options.type === "postgres" ? POSTGRES_TYPES : SQLITE_TYPES;
  const driver = dataSource.driver as unknown as DriverTypes;
  for (const name of Object.keys(names)) {
    if (!driver.supportedDataTypes.includes(name)) driver.supportedDataTypes.push(name);
  }
  const normalize = driver.normalizeType.bind(driver);
  driver.normalizeType = (column) =>
    typeof column.type === "string" && column.type in names
      ? names[column.type]
      : normalize(column);
}
