import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { StartupError, startupFailure, EXIT_CODES } from "../../src/config/startup-error";
import { SecretBox } from "../../src/store/secret-box";
import { startTestGateway } from "../helpers/gateway";
import { releaseTestStore, storeName, storeQuery } from "../helpers/test-store";

/**
 * The key that seals registry secrets is checked at start-up against the key check value the
 * store keeps (secret_key_check): an instance started with another key refuses to start with a
 * StartupError naming the setting, never the key. In-process gateways on the suite's store
 * (SQLite, or PostgreSQL when TEST_DATABASE_URL is set).
 */
const newKey = () => randomBytes(32).toString("base64");

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "key-check-"));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of dirs) {
    await releaseTestStore(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Starts and stops a gateway on `dir` with `env`. */
async function startStop(dir: string, env: Record<string, string>): Promise<void> {
  const t = await startTestGateway(env, dir);
  await t.close();
}

/** The error of a start refused with `env`, after checking what it says and does not say. */
async function refused(dir: string, env: Record<string, string>, setting: string): Promise<void> {
  const error = await startTestGateway(env, dir).then(
    async (t) => {
      await t.close();
      throw new Error("the gateway started");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartupError);
  const failure = startupFailure(error);
  expect(failure.exitCode).toBe(EXIT_CODES.BAD_SETTING);
  expect(failure.line).toMatch(new RegExp(`^Cannot start: ${setting}: this key is not the one`));
  for (const value of Object.values(env)) {
    for (const part of value.split(",")) {
      expect(failure.line).not.toContain(part);
      expect(failure.line).not.toContain(Buffer.from(part, "base64").toString("hex"));
    }
  }
}

describe(`start-up key check (${storeName})`, () => {
  it("refuses another ENCRYPTION_KEY than the one the store's secrets are sealed with, naming the setting, never the key", async () => {
    const dir = freshDir();
    const first = newKey();
    await startStop(dir, { ENCRYPTION_KEY: first });
    const [row] = await storeQuery<{ key_check: string }>(
      dir,
      "SELECT key_check FROM secret_key_check",
    );
    expect(row.key_check).toMatch(/^[0-9a-f]{64}$/);
    expect(row.key_check).not.toContain(Buffer.from(first, "base64").toString("hex"));

    await refused(dir, { ENCRYPTION_KEY: newKey() }, "ENCRYPTION_KEY");
    // The refused start changed nothing: the first key still starts.
    await startStop(dir, { ENCRYPTION_KEY: first });
    expect(await storeQuery(dir, "SELECT key_check FROM secret_key_check")).toEqual([row]);
  });

  it("moves to a new key through ENCRYPTION_PREVIOUS_KEYS, after which the old key alone is refused", async () => {
    const dir = freshDir();
    const oldKey = newKey();
    const key = newKey();
    await startStop(dir, { ENCRYPTION_KEY: oldKey });
    await startStop(dir, { ENCRYPTION_KEY: key, ENCRYPTION_PREVIOUS_KEYS: oldKey });
    await refused(dir, { ENCRYPTION_KEY: oldKey }, "ENCRYPTION_KEY");
    await startStop(dir, { ENCRYPTION_KEY: key });
  });

  it("a store from before key checks: refuses a key that opens none of its sealed secrets, then records the one that does", async () => {
    const dir = freshDir();
    const key = newKey();
    await startStop(dir, { ENCRYPTION_KEY: key });
    // As an older gateway left it: a secret sealed with `key`, no key check value.
    const sealed = new SecretBox(Buffer.from(key, "base64")).seal("s3cret", {
      registryId: "r-old",
      column: "auth_secret",
    });
    await storeQuery(
      dir,
      `INSERT INTO registry (id, scope, name, kind, endpoint, auth_type, auth_username, auth_secret, created_at, updated_at)
       VALUES ('r-old', 'SYSTEM', 'old', 'HELM', 'https://charts.example.test', 'BASIC', 'u', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      [sealed],
    );
    await storeQuery(dir, "DELETE FROM secret_key_check");
    await refused(dir, { ENCRYPTION_KEY: newKey() }, "ENCRYPTION_KEY");
    await startStop(dir, { ENCRYPTION_KEY: key });
    expect(await storeQuery(dir, "SELECT COUNT(*) AS n FROM secret_key_check")).toEqual([
      { n: expect.anything() },
    ]);
    await refused(dir, { ENCRYPTION_KEY: newKey() }, "ENCRYPTION_KEY");
  });

  it("names ENCRYPTION_KEY_FILE when the key comes from a key file that was replaced", async () => {
    const dir = freshDir();
    await startStop(dir, {});
    // The key file is lost: the next start creates another key, which the store refuses.
    rmSync(path.join(dir, "encryption.key"));
    await refused(dir, {}, "ENCRYPTION_KEY_FILE");
  });
});
