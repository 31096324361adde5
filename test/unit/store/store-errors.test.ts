import Database from "better-sqlite3";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { RegistryError, RegistryErrorCode } from "../../../src/providers/errors";
import { StoreErrorCode, storeFault } from "../../../src/store/store-errors";

/** The error `work` throws (it must throw). */
async function thrown(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("store faults, from the drivers' real errors", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "store-errors-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a database at its size limit is STORE_FULL", async () => {
    const db = new Database(path.join(dir, "full.sqlite"));
    db.exec("CREATE TABLE t (v TEXT)");
    const pages = Number(db.pragma("page_count", { simple: true }));
    db.pragma(`max_page_count = ${pages + 1}`);
    const error = await thrown(() => {
      const insert = db.prepare("INSERT INTO t VALUES (?)");
      for (let i = 0; i < 1000; i++) insert.run("x".repeat(4000));
    });
    db.close();
    expect(storeFault(error)).toBe(StoreErrorCode.STORE_FULL);
  });

  it("a database locked by another connection is STORE_BUSY", async () => {
    const file = path.join(dir, "busy.sqlite");
    const holder = new Database(file);
    holder.exec("CREATE TABLE t (v TEXT)");
    holder.exec("BEGIN IMMEDIATE");
    const other = new Database(file, { timeout: 10 });
    const error = await thrown(() => other.exec("INSERT INTO t VALUES ('x')"));
    holder.exec("ROLLBACK");
    holder.close();
    other.close();
    expect(storeFault(error)).toBe(StoreErrorCode.STORE_BUSY);
  });

  it("a file that is not a database, and a PostgreSQL that does not answer, are STORE_UNAVAILABLE", async () => {
    const file = path.join(dir, "text.sqlite");
    writeFileSync(file, "plain text, not a database ".repeat(200));
    const error = await thrown(() => new Database(file).exec("SELECT * FROM sqlite_master"));
    expect(storeFault(error)).toBe(StoreErrorCode.STORE_UNAVAILABLE);
    const client = new Client({ host: "127.0.0.1", port: 1, connectionTimeoutMillis: 2000 });
    const refused = await thrown(() => client.connect());
    expect(storeFault(refused)).toBe(StoreErrorCode.STORE_UNAVAILABLE);
  });

  it("a registry's refused connection is never the store's", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    const error = new RegistryError(RegistryErrorCode.UNREACHABLE, "Could not reach", undefined, {
      cause,
    });
    expect(storeFault(error)).toBeNull();
    expect(storeFault(new Error("anything else"))).toBeNull();
  });
});
