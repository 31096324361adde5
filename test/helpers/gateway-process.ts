import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

/** The test registries run on loopback: test gateways let them through by default. */
export const LOOPBACK_ALLOWLIST = "127.0.0.0/8,::1,localhost";

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  output: string[];
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the real entry point (src/main.ts) in a child process and waits until it listens.
 * Loopback registries are allowed unless `env` sets REGISTRY_NETWORK_ALLOWLIST.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["-r", path.join(root, "test/helpers/swc-register.js"), path.join(root, "src/main.ts")],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        SEED_DEFAULT_REGISTRIES: "false",
        LOG_LEVEL: "info",
        REGISTRY_NETWORK_ALLOWLIST: LOOPBACK_ALLOWLIST,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      if (output.some((line) => line.includes("gateway listening"))) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(({ code }) =>
      reject(new Error(`gateway exited (${code}) before listening:\n${output.join("\n")}`)),
    );
    setTimeout(
      () => reject(new Error(`gateway did not start:\n${output.join("\n")}`)),
      20_000,
    ).unref();
  });
  return { child, url: `http://127.0.0.1:${port}`, output, exited };
}

/** Posts one GraphQL operation over HTTP. */
export async function postGraphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** How a gateway process that failed to start ended: its exit code and everything it printed. */
export interface FailedStart {
  code: number | null;
  /** stdout and stderr lines, in order, without the JSON log lines. */
  lines: string[];
}

/**
 * Runs the real entry point with `env` (on top of the test defaults, SQLite in memory) and
 * waits for it to exit; for start-ups that must fail.
 */
export async function runFailingStart(env: Record<string, string>): Promise<FailedStart> {
  const child = spawn(
    process.execPath,
    ["-r", path.join(root, "test/helpers/swc-register.js"), path.join(root, "src/main.ts")],
    {
      cwd: root,
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: "0",
        DATABASE_URL: "sqlite::memory:",
        SEED_DEFAULT_REGISTRIES: "false",
        LOG_LEVEL: "warn",
        // No key file written into the checkout.
        ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return {
    code,
    lines: output.split("\n").filter((line) => line && !line.startsWith('{"level":')),
  };
}
