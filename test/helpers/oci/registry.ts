import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import * as path from "node:path";
import bcrypt from "bcryptjs";
import { stringify } from "yaml";
import { CountingProxy } from "./counting-proxy";
import {
  type CatalogAccess,
  type Credentials,
  type IssuedToken,
  TokenServer,
} from "./token-server";

export type { CatalogAccess, Credentials, IssuedToken, TokenAccess } from "./token-server";

/** How the registry authenticates: not at all, HTTP Basic (htpasswd), or Docker bearer tokens. */
export type OciAuthMode = "none" | "htpasswd" | "token";

export interface OciRegistryOptions {
  auth?: OciAuthMode;
  /** Users the registry (htpasswd) or the token server (token) knows. Default: one user `ci`/`ci-secret`. */
  users?: Credentials[];
  /** Token mode: the `expires_in` of every token and its `exp` claim. Default 300. */
  tokenTtlSeconds?: number;
  /** Token mode: anonymous token requests get `pull` on every repository. Default false (no access). */
  anonymousPull?: boolean;
  /** Token mode: who gets `registry:catalog:*`. Default "users" (any authenticated user). */
  catalogAccess?: CatalogAccess;
}

/** One request the registry answered. */
export interface RegistryRequest {
  method: string;
  /** Path and query as requested. */
  path: string;
  status: number;
  /** Request headers as sent (e.g. to check `Accept` or `Authorization`). */
  headers: IncomingHttpHeaders;
  /** Made by the harness (push helpers, skopeo) rather than by the code under test. */
  harness: boolean;
}

export interface OciRegistryServer {
  /** `http://127.0.0.1:PORT` (the counting proxy in front of the registry). */
  url: string;
  /** `127.0.0.1:PORT` */
  host: string;
  auth: OciAuthMode;
  users: Credentials[];
  /**
   * Every request answered since start (or `resetRequests`), in the order the answers began.
   * Recorded before the response leaves the proxy, so it is complete as soon as a client has its
   * response. Requests made by the push helpers and skopeo are left out unless `includeHarness`.
   */
  requests(options?: { includeHarness?: boolean }): RegistryRequest[];
  resetRequests(): void;
  /** Token mode: the token server (its own loopback HTTP server) and the tokens it issued. */
  tokenServer?: {
    url: string;
    /** `auth.token.service` of the registry, the `service` a client must ask for. */
    service: string;
    /** The PEM certificate whose key signs the tokens (the registry's `rootcertbundle`). */
    certificate: string;
    /** Tokens issued so far; those the harness asked for only with `includeHarness`. */
    issued(options?: { includeHarness?: boolean }): IssuedToken[];
    resetIssued(): void;
  };
  stop(): Promise<void>;
}

/** Header by which the harness marks its own requests; the proxy removes it before forwarding. */
export const HARNESS_HEADER = "x-oci-harness";

const DEFAULT_USERS: Credentials[] = [{ username: "ci", password: "ci-secret" }];
const REGISTRY_BINARY = "/usr/bin/docker-registry";
const READY_TIMEOUT_MS = 10_000;
/** Lines of registry output kept for error messages. */
const LOG_TAIL_LINES = 50;

/** Requests from the push helpers carry HARNESS_HEADER; skopeo announces itself in User-Agent. */
function isHarnessRequest(headers: IncomingHttpHeaders): boolean {
  return (
    headers[HARNESS_HEADER] !== undefined || (headers["user-agent"] ?? "").startsWith("skopeo/")
  );
}

const pushers = new WeakMap<OciRegistryServer, Credentials>();

/**
 * The harness's own user: it may push and delete everywhere. Not in `users`, so the code under
 * test never sees it.
 */
export function harnessPusher(server: OciRegistryServer): Credentials {
  const pusher = pushers.get(server);
  if (!pusher) throw new Error("not a registry started by startOciRegistry");
  return pusher;
}

/**
 * Starts a real CNCF distribution registry (`docker-registry serve`) on 127.0.0.1 and a port the
 * kernel picks, behind a counting proxy, with storage in a temporary directory that `stop`
 * removes. In token mode a token server is started first and the registry trusts its certificate.
 */
export async function startOciRegistry(
  options: OciRegistryOptions = {},
): Promise<OciRegistryServer> {
  const auth = options.auth ?? "none";
  const users = options.users ?? DEFAULT_USERS;
  const pusher: Credentials = {
    username: "harness-pusher",
    password: randomBytes(12).toString("hex"),
  };
  const dir = await mkdtemp(path.join(tmpdir(), "oci-registry-"));
  const cleanups: (() => Promise<void>)[] = [() => rm(dir, { recursive: true, force: true })];
  const cleanUp = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    let tokenServer: TokenServer | undefined;
    let authSection: Record<string, unknown> | undefined;
    if (auth === "token") {
      const started = await TokenServer.start({
        dir,
        users,
        pusher,
        ttlSeconds: options.tokenTtlSeconds ?? 300,
        anonymousPull: options.anonymousPull ?? false,
        catalogAccess: options.catalogAccess ?? "users",
        harnessTag: isHarnessRequest,
      });
      tokenServer = started;
      cleanups.push(() => started.close());
      authSection = { token: started.registryConfig() };
    } else if (auth === "htpasswd") {
      const htpasswdPath = path.join(dir, "htpasswd");
      await writeFile(htpasswdPath, htpasswd([...users, pusher]));
      authSection = { htpasswd: { realm: "oci-harness", path: htpasswdPath } };
    }

    const configPath = path.join(dir, "config.yml");
    await writeFile(configPath, registryConfig(path.join(dir, "storage"), authSection));
    const registry = await spawnRegistry(configPath);
    cleanups.push(() => registry.stop());

    const proxy = await CountingProxy.start(registry.port, isHarnessRequest, HARNESS_HEADER);
    cleanups.push(() => proxy.close());

    const server: OciRegistryServer = {
      url: proxy.origin,
      host: new URL(proxy.origin).host,
      auth,
      users,
      requests: ({ includeHarness = false } = {}) =>
        proxy
          .records()
          .filter((record) => includeHarness || !record.harness)
          .map((record) => ({ ...record })),
      resetRequests: () => proxy.reset(),
      ...(tokenServer && {
        tokenServer: {
          url: tokenServer.url,
          service: tokenServer.registryConfig().service,
          certificate: tokenServer.certificate,
          issued: (issuedOptions?: { includeHarness?: boolean }) =>
            tokenServer.issued(issuedOptions),
          resetIssued: () => tokenServer.resetIssued(),
        },
      }),
      stop: cleanUp,
    };
    pushers.set(server, pusher);
    return server;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** htpasswd lines with bcrypt cost 4: distribution checks the hash on every request. */
function htpasswd(users: Credentials[]): string {
  return users.map((user) => `${user.username}:${bcrypt.hashSync(user.password, 4)}\n`).join("");
}

/** The registry's configuration file. */
function registryConfig(
  storageDir: string,
  authSection: Record<string, unknown> | undefined,
): string {
  return stringify({
    version: "0.1",
    log: { level: "info", formatter: "text" },
    storage: {
      filesystem: { rootdirectory: storageDir },
      delete: { enabled: true },
      // The purge job only matters to long-lived registries.
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: { addr: "127.0.0.1:0", secret: randomBytes(16).toString("hex") },
    ...(authSection && { auth: authSection }),
  });
}

interface RunningRegistry {
  port: number;
  stop(): Promise<void>;
}

/**
 * Runs `docker-registry serve` and resolves with the port from its `listening on` line. Its
 * output is read for as long as it runs (it dies on a broken pipe).
 */
async function spawnRegistry(configPath: string): Promise<RunningRegistry> {
  const child = spawn(REGISTRY_BINARY, ["serve", configPath], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const tail: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const onError = (error: Error): void => fail(`could not start (${error.message})`);
    const onExit = (code: number | null, signal: string | null): void =>
      fail(`exited (${signal ?? code})`);
    const timer = setTimeout(() => fail("did not report its port in time"), READY_TIMEOUT_MS);
    const settle = (): void => {
      clearTimeout(timer);
      child.off("error", onError).off("exit", onExit);
    };
    function fail(reason: string): void {
      settle();
      child.kill("SIGKILL");
      reject(new Error(`docker-registry ${reason}:\n${tail.join("\n")}`));
    }
    child.once("error", onError).once("exit", onExit);
    readLines(child, (line) => {
      tail.push(line);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(line);
      if (match) {
        settle();
        resolve(Number(match[1]));
      }
    });
  });
  return {
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Calls `onLine` with each line the process writes to stdout or stderr. */
function readLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      lines.forEach(onLine);
    });
  }
}
