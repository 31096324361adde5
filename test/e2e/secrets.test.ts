import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import {
  AddHelmRegistryDocument,
  AddOciRegistryDocument,
  NodeDocument,
  RegistriesDocument,
  RegistryDocument,
  SyncRunDocument,
  UpdateHelmRegistryDocument,
  ValidateHelmRegistryDocument,
  ValidateOciRegistryDocument,
} from "../__generated__/graphql";
import { fromGlobalId } from "../../src/services/ids";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, requireBasicAuth, serveFile } from "../helpers/http-fixture-server";
import { releaseTestStore, storeQuery, storeText } from "../helpers/test-store";
import { syncAndWait } from "../helpers/sync";

/**
 * Registry secrets: encrypted at rest, never in a response, an error or a log line; the key file,
 * rotation, plaintext from before encryption, and a ciphertext moved to another registry.
 */

const USER = "robot";
const PASSWORD = `pw-${randomBytes(12).toString("hex")}`;
const NEW_PASSWORD = `pw-${randomBytes(12).toString("hex")}`;
const WRONG_PASSWORD = `pw-${randomBytes(12).toString("hex")}`;
const AWS_SECRET = `aws-${randomBytes(16).toString("hex")}`;
const EXTERNAL_ID = `ext-${randomBytes(8).toString("hex")}`;

/** Every form a secret could leak in: as given, in basic-auth base64, URL-encoded. */
const LEAKS = [PASSWORD, NEW_PASSWORD, WRONG_PASSWORD, AWS_SECRET, EXTERNAL_ID].flatMap(
  (secret) => [secret, Buffer.from(`${USER}:${secret}`).toString("base64")],
);

let server: FixtureServer;
let password = PASSWORD;
const responses: unknown[] = [];

beforeAll(async () => {
  server = await FixtureServer.start();
  server.route("/private/index.yaml", (req, res) =>
    requireBasicAuth(
      USER,
      password,
      serveFile(fixturePath("helm", "kubernetes-dashboard", "index.yaml")),
    )(req, res),
  );
});
afterAll(async () => {
  await server.close();
});

function freshDir(): string {
  return mkdtempSync(path.join(tmpdir(), "secrets-test-"));
}

/** Runs an operation and keeps its answer for the leak search. */
async function record<T>(promise: Promise<T>): Promise<T> {
  const result = await promise;
  responses.push(result);
  return result;
}

/** Everything the store holds, as text (the SQLite file and WAL, or every PostgreSQL row). */
function storeBytes(t: TestGateway): Promise<string> {
  return storeText(t.dir);
}

async function storedSecret(dir: string, id: string): Promise<string | null> {
  const [row] = await storeQuery<{ auth_secret: string | null }>(
    dir,
    "SELECT auth_secret FROM registry WHERE id = ?",
    [id],
  );
  return row.auth_secret;
}

const dbId = (globalId: string) => fromGlobalId(globalId)!.id;

describe("registry secrets", () => {
  it("never appear in a response, an error, a log line or the store", async () => {
    const dir = freshDir();
    const t = await startTestGateway(
      { AWS_ECR_ENDPOINT: "http://127.0.0.1:9", AWS_STS_ENDPOINT: "http://127.0.0.1:9" },
      dir,
    );
    try {
      const endpoint = server.url("/private");
      const refused = await record(
        t.exec(AddHelmRegistryDocument, {
          input: {
            name: "wrong",
            endpoint,
            auth: { type: "BASIC", username: USER, password: WRONG_PASSWORD },
          },
        }),
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe("REGISTRY_VALIDATION_FAILED");
      await record(
        t.exec(ValidateHelmRegistryDocument, {
          input: {
            name: "check",
            endpoint,
            auth: { type: "BASIC", username: USER, password: WRONG_PASSWORD },
          },
        }),
      );
      const added = await record(
        t.ok(AddHelmRegistryDocument, {
          input: {
            name: "private",
            endpoint,
            auth: { type: "BASIC", username: USER, password: PASSWORD },
          },
        }),
      );
      const id = added.addHelmRegistry.id;
      expect(added.addHelmRegistry.auth).toEqual({
        type: "BASIC",
        username: USER,
        hasSecret: true,
      });
      const run = await syncAndWait(t, id);
      expect(run.status).toBe("SUCCEEDED");

      // The registry revokes the password: the failing sync's error must not quote it either.
      password = NEW_PASSWORD;
      const failed = await syncAndWait(t, id);
      expect(failed.error?.code).toBe("AUTH_FAILED");
      await record(t.exec(SyncRunDocument, { id: failed.id }));
      await record(
        t.ok(UpdateHelmRegistryDocument, {
          id,
          input: { auth: { type: "BASIC", username: USER, password: NEW_PASSWORD } },
        }),
      );
      expect((await syncAndWait(t, id)).status).toBe("SUCCEEDED");
      await record(t.exec(RegistriesDocument, { first: 50 }));
      await record(t.exec(RegistryDocument, { id }));
      await record(t.exec(NodeDocument, { id }));

      // ECR keys and an external id, against an unreachable AWS endpoint.
      const ecr = {
        name: "ecr",
        endpoint: "123456789012.dkr.ecr.us-east-1.amazonaws.com",
        baseContentPaths: ["charts"],
        authKind: "ECR" as const,
        ecr: {
          accessKeyId: "AKIAEXAMPLEKEY",
          secretAccessKey: AWS_SECRET,
          roleArn: "arn:aws:iam::123456789012:role/reader",
          externalId: EXTERNAL_ID,
        },
      };
      await record(t.exec(ValidateOciRegistryDocument, { input: ecr }));
      await record(t.exec(AddOciRegistryDocument, { input: ecr }));

      const stored = await storedSecret(t.dir, dbId(id));
      expect(stored).toMatch(/^enc:v1:[0-9a-f]{8}:/);
      const said = JSON.stringify(responses) + t.logs.join("\n") + (await storeBytes(t));
      for (const leak of LEAKS) expect(said).not.toContain(leak);
      expect(statSync(path.join(dir, "encryption.key")).mode & 0o777).toBe(0o600);
    } finally {
      password = PASSWORD;
      await t.close();
      await releaseTestStore(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rotates the key: start with the new key and the old one as previous, then drop the old one", async () => {
    const dir = freshDir();
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    let t = await startTestGateway({ ENCRYPTION_KEY: oldKey }, dir);
    const endpoint = server.url("/private");
    const { addHelmRegistry } = await t.ok(AddHelmRegistryDocument, {
      input: {
        name: "private",
        endpoint,
        auth: { type: "BASIC", username: USER, password: PASSWORD },
      },
    });
    const id = addHelmRegistry.id;
    const before = (await storedSecret(t.dir, dbId(id)))!;
    await t.close();
    try {
      // The new key alone cannot open the old secret: the instance refuses to start, and says
      // why (test/e2e/store-key-check.test.ts has the details).
      await expect(startTestGateway({ ENCRYPTION_KEY: newKey }, dir)).rejects.toThrow(
        /^ENCRYPTION_KEY: .*ENCRYPTION_PREVIOUS_KEYS/,
      );

      t = await startTestGateway({ ENCRYPTION_KEY: newKey, ENCRYPTION_PREVIOUS_KEYS: oldKey }, dir);
      expect(t.logs.some((line) => line.includes('"resealed":1'))).toBe(true);
      const after = (await storedSecret(t.dir, dbId(id)))!;
      expect(after.split(":")[2]).not.toBe(before.split(":")[2]);
      expect((await syncAndWait(t, id)).status).toBe("SUCCEEDED");
      await t.close();

      t = await startTestGateway({ ENCRYPTION_KEY: newKey }, dir);
      expect((await syncAndWait(t, id)).status).toBe("SUCCEEDED");
      expect(JSON.stringify(t.logs)).not.toContain(newKey);
      expect(JSON.stringify(t.logs)).not.toContain(oldKey);
    } finally {
      await t.close();
      await releaseTestStore(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("encrypts plaintext secrets stored before encryption existed, at start-up", async () => {
    const dir = freshDir();
    let t = await startTestGateway({}, dir);
    const { addHelmRegistry } = await t.ok(AddHelmRegistryDocument, {
      input: {
        name: "legacy",
        endpoint: server.url("/private"),
        auth: { type: "BASIC", username: USER, password: PASSWORD },
      },
    });
    const id = dbId(addHelmRegistry.id);
    await t.close();
    await storeQuery(dir, "UPDATE registry SET auth_secret = ? WHERE id = ?", [PASSWORD, id]);
    try {
      t = await startTestGateway({}, dir);
      expect(await storedSecret(t.dir, id)).toMatch(/^enc:v1:/);
      expect((await syncAndWait(t, addHelmRegistry.id)).status).toBe("SUCCEEDED");
    } finally {
      await t.close();
      await releaseTestStore(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a ciphertext moved to another registry", async () => {
    const dir = freshDir();
    const t = await startTestGateway({}, dir);
    try {
      const input = (name: string) => ({
        name,
        endpoint: server.url("/private"),
        auth: { type: "BASIC" as const, username: USER, password: PASSWORD },
      });
      const a = (await t.ok(AddHelmRegistryDocument, { input: input("a") })).addHelmRegistry.id;
      const b = (await t.ok(AddHelmRegistryDocument, { input: input("b") })).addHelmRegistry.id;
      await storeQuery(dir, "UPDATE registry SET auth_secret = ? WHERE id = ?", [
        await storedSecret(t.dir, dbId(a)),
        dbId(b),
      ]);
      const run = await syncAndWait(t, b);
      expect(run.error?.code).toBe("INVALID_CONFIGURATION");
      expect(run.error?.message).toMatch(/does not decrypt/);
      expect((await syncAndWait(t, a)).status).toBe("SUCCEEDED");
    } finally {
      await t.close();
      await releaseTestStore(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("variables that do not fit their types", () => {
  const SECRET = `pw-${randomBytes(12).toString("hex")}`;
  const MUTATION = `mutation Add($input: AddHelmRegistryInput!) { addHelmRegistry(input: $input) { id } }`;
  const bad = [
    // An unknown field beside the password, a wrong enum, a password that is not a string.
    {
      name: "a",
      endpoint: "http://127.0.0.1:1/x",
      auth: { type: "BASIC", password: SECRET, x: 1 },
    },
    { name: "b", endpoint: "http://127.0.0.1:1/x", auth: { type: SECRET, password: "p" } },
    { name: "c", endpoint: "http://127.0.0.1:1/x", auth: { type: "BASIC", password: [SECRET] } },
  ];

  it("are a 400 BAD_USER_INPUT that never repeats a value, before and after the operation is compiled, and over graphql-ws", async () => {
    const t = await startTestGateway();
    const http = await t.gateway.listen();
    const client = createClient({
      url: `${http.url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      const answers: string[] = [];
      // Several rounds: graphql-jit compiles an operation after its first runs.
      for (let round = 0; round < 3; round++) {
        for (const input of bad) {
          const response = await fetch(`${http.url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ query: MUTATION, variables: { input } }),
          });
          const text = await response.text();
          answers.push(text);
          expect(response.status).toBe(400);
          const body = JSON.parse(text) as {
            data?: unknown;
            errors: { extensions: { code: string } }[];
          };
          expect(body.data).toBeUndefined();
          expect(body.errors.map((e) => e.extensions.code)).toEqual(["BAD_USER_INPUT"]);
        }
      }
      for (const input of bad) {
        const error = await new Promise<unknown>((resolve) =>
          client.subscribe(
            { query: MUTATION, variables: { input } },
            { next: () => undefined, error: resolve, complete: () => resolve(null) },
          ),
        );
        answers.push(JSON.stringify(error));
        expect(JSON.stringify(error)).toContain("BAD_USER_INPUT");
      }
      const said = answers.join("\n") + t.logs.join("\n");
      expect(said).not.toContain(SECRET);
      expect(said).toContain('at \\"input.auth\\"');
      // Nothing was added.
      expect(await storeQuery(t.dir, "SELECT id FROM registry")).toEqual([]);
    } finally {
      await client.dispose();
      await t.close();
    }
  });
});
