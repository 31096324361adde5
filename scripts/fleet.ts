import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Starts a fleet on this machine: FLEET_SIZE (default 2) gateway processes on consecutive ports
 * from PORT (default 4000), all on the PostgreSQL database of DATABASE_URL (default the local
 * `test` database) and one ENCRYPTION_KEY (default: a key kept in ./data/fleet.key, created on
 * first use). Each line of output is prefixed with its instance; Ctrl-C stops them all
 * gracefully. Any other setting in the environment is passed to every instance.
 */
const root = path.resolve(__dirname, "../..");
const size = Number(process.env.FLEET_SIZE ?? 2);
const firstPort = Number(process.env.PORT ?? 4000);
const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
  console.error("npm run fleet: DATABASE_URL must name a PostgreSQL database (postgres://…)");
  process.exit(2);
}

function sharedKey(): string {
  if (process.env.ENCRYPTION_KEY) return process.env.ENCRYPTION_KEY;
  const file = path.join(root, "data", "fleet.key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const key = sharedKey();
const children: ChildProcess[] = [];
for (let i = 0; i < size; i++) {
  const name = `gateway-${i + 1}`;
  const child = spawn(process.execPath, [path.join(root, "dist/src/main.js")], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY: key,
      PORT: String(firstPort + i),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = "";
    stream.on("data", (chunk: Buffer) => {
      const lines = (rest + chunk.toString("utf8")).split("\n");
      rest = lines.pop()!;
      for (const line of lines) console.log(`[${name}] ${line}`);
    });
  }
  child.on("exit", (code, signal) => console.log(`[${name}] exited (${signal ?? code})`));
  children.push(child);
  console.log(`[${name}] http://127.0.0.1:${firstPort + i}/graphql`);
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
