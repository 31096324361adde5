import { type DataSource } from "typeorm";
import { EXIT_CODES, StartupError } from "../config/startup-error";
import { type SecretBox } from "./secret-box";
import { sql } from "./sql";

/**
 * The key that seals registry secrets must be the same on every start and on every instance
 * sharing the store: a gateway started with another key could not open the secrets already
 * stored, and would seal new ones that the other instances cannot open. The store keeps the key
 * check value of the key in use (table `secret_key_check`, one row; see SecretBox.keyCheck),
 * never the key; an instance whose key does not match refuses to start.
 */

/** The error of an instance whose key is not the one that sealed the stored secrets. */
export function keyMismatchError(setting: string): StartupError {
  return new StartupError(
    `${setting}: this key is not the one that sealed the registry secrets stored in the ` +
      `database. Start every instance with that key as ${setting}; to change keys, set the new ` +
      `one as ENCRYPTION_KEY and the old one in ENCRYPTION_PREVIOUS_KEYS (README "Security").`,
    EXIT_CODES.BAD_SETTING,
  );
}

/**
 * Refuses (StartupError) a key that does not match the stored key check value, or, in a store
 * from before key checks, a key that opens none of the sealed secrets (`secretColumns` of the
 * registry table). A key named by ENCRYPTION_PREVIOUS_KEYS passes: the start-up re-seals its
 * secrets, then `recordSecretKey` stores the new key's check value.
 */
export async function checkSecretKey(
  dataSource: DataSource,
  secrets: SecretBox,
  setting: string,
  secretColumns: readonly string[],
): Promise<void> {
  const [row] = await sql<{ key_check: string }>(
    dataSource,
    "SELECT key_check FROM secret_key_check WHERE id = 1",
  );
  if (row) {
    if (secrets.keyOfCheck(row.key_check) === null) throw keyMismatchError(setting);
    return;
  }
  const stored = await sql<Record<string, string | null>>(
    dataSource,
    `SELECT ${secretColumns.join(", ")} FROM registry
      WHERE ${secretColumns.map((c) => `${c} IS NOT NULL`).join(" OR ")}`,
  );
  const values = stored.flatMap((r) => secretColumns.map((c) => r[c])).filter((v) => v != null);
  if (values.length > 0 && !values.some((v) => secrets.hasKeyOf(v))) {
    throw keyMismatchError(setting);
  }
}

/** Stores the current key's check value (after the start-up re-sealed older secrets). */
export async function recordSecretKey(dataSource: DataSource, secrets: SecretBox): Promise<void> {
  const check = secrets.keyCheck();
  await sql(
    dataSource,
    `INSERT INTO secret_key_check (id, key_check) VALUES (1, ?)
     ON CONFLICT (id) DO UPDATE SET key_check = excluded.key_check
     WHERE secret_key_check.key_check <> excluded.key_check`,
    [check],
  );
}
