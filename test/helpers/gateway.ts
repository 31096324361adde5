import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type ApolloServer } from "@apollo/server";
import { type GraphQLFormattedError } from "graphql";
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config/config";
import { type GatewayContext } from "../../src/context";
import { createGateway, type Gateway } from "../../src/gateway";
import { createApollo } from "../../src/serving/http-server";
import { DEFAULT_VIEWER, type Viewer } from "../../src/access/viewer";
import { LOOPBACK_ALLOWLIST } from "./gateway-process";
import { databaseUrlFor, dropTestSchema } from "./test-store";

export interface TestGateway {
  gateway: Gateway;
  dir: string;
  /** The SQLite file (SQLite runs only; see test-store.ts). */
  dbFile: string;
  /** The PostgreSQL schema of this gateway (PostgreSQL runs only). */
  pgSchema?: string;
  /** Every log line the gateway wrote. */
  logs: string[];
  /** Runs an operation in-process as `viewer` (default: the default tenant admin). */
  exec<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars>,
    variables?: TVars,
    viewer?: Viewer,
  ): Promise<{ data?: TData | null; errors?: readonly GraphQLFormattedError[] }>;
  /** Like exec, but fails the test on errors and returns the data. */
  ok<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars>,
    variables?: TVars,
    viewer?: Viewer,
  ): Promise<TData>;
  close(): Promise<void>;
}

/**
 * Starts a gateway on a fresh store (a SQLite file in a temp directory, or a PostgreSQL schema of
 * its own when TEST_DATABASE_URL is set; see test-store.ts), with the given environment on top
 * of test defaults (no seeding, logs captured in memory, loopback registries allowed). Given the
 * directory of an earlier gateway, it starts on that gateway's store.
 */
export async function startTestGateway(
  env: Record<string, string> = {},
  dir?: string,
): Promise<TestGateway> {
  const workDir = dir ?? mkdtempSync(path.join(tmpdir(), "gateway-test-"));
  const dbFile = path.join(workDir, "gateway.sqlite");
  const store = await databaseUrlFor(workDir);
  const config = loadConfig(
    {
      DATABASE_URL: store.url,
      // Beside the store, as the default is for SQLite (PostgreSQL's default is ./data).
      ENCRYPTION_KEY_FILE: path.join(workDir, "encryption.key"),
      SEED_DEFAULT_REGISTRIES: "false",
      LOG_LEVEL: "info",
      REGISTRY_CONNECT_TIMEOUT: "2s",
      REGISTRY_REQUEST_TIMEOUT: "5s",
      // Tests sync far more often than a person would; the limit has its own test.
      SYNC_REQUESTS_PER_MINUTE: "100000",
      REGISTRY_CALLS_PER_MINUTE: "100000",
      REGISTRY_NETWORK_ALLOWLIST: LOOPBACK_ALLOWLIST,
      ...env,
    },
    path.resolve(__dirname, "../.."),
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const gateway = await createGateway(config, { logStream: sink });
  const apollo: ApolloServer<GatewayContext> = createApollo(gateway.schema, gateway.services);
  await apollo.start();

  const exec: TestGateway["exec"] = async (document, variables, viewer = DEFAULT_VIEWER) => {
    const response = await apollo.executeOperation(
      { query: document, variables },
      { contextValue: gateway.context(viewer) },
    );
    assert(response.body.kind === "single");
    return response.body.singleResult as {
      data?: never;
      errors?: readonly GraphQLFormattedError[];
    };
  };
  return {
    gateway,
    dir: workDir,
    dbFile,
    pgSchema: store.schema,
    logs,
    exec,
    async ok(document, variables, viewer) {
      const result = await exec(document, variables, viewer);
      if (result.errors?.length)
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      assert(result.data);
      return result.data;
    },
    async close() {
      await apollo.stop();
      await gateway.stop(2000);
      if (!dir) {
        rmSync(workDir, { recursive: true, force: true });
        if (store.schema) await dropTestSchema(store.schema);
      }
    },
  };
}

/** The `extensions.code` of the first error, for assertions. */
export function errorCode(result: {
  errors?: readonly GraphQLFormattedError[];
}): string | undefined {
  return result.errors?.[0]?.extensions?.code as string | undefined;
}
