import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { freePort } from "./gateway-process";

const root = path.resolve(__dirname, "../..");
const REGISTRY_BINARY = "/usr/bin/docker-registry";
const READY_TIMEOUT_MS = 10_000;

/** A child process and its lines of output, with a way to wait for one of them. */
class ChildLines {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters: { match: RegExp; resolve: (line: string) => void }[] = [];

  constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    for (const stream of [child.stdout, child.stderr]) {
      let partial = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) this.push(line);
      });
    }
  }

  /** Resolves with the first line (already written or to come) that matches; rejects on exit. */
  waitFor(match: RegExp, what: string): Promise<string> {
    const seen = this.lines.find((line) => match.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`did not ${what} in time`), READY_TIMEOUT_MS);
      const fail = (reason: string): void =>
        reject(new Error(`${reason}:\n${this.lines.slice(-30).join("\n")}`));
      this.waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void this.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        fail(`exited (${signal ?? code}) before it could ${what}`);
      });
    });
  }

  /** SIGKILL (if still running); resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    await this.exited;
  }

  private push(line: string): void {
    this.lines.push(line);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match.test(line)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  }
}

/**
 * A real CNCF distribution registry (`docker-registry serve`, no auth) in a child process that
 * a test can SIGKILL and start again on the same port and storage directory, as an operator
 * restarting a crashed registry would. Clients talk to it directly: no proxy hides the crash.
 */
export class KillableRegistry {
  private process?: ChildLines;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** Starts a registry on a free port with storage in a new temporary directory. */
  static async start(): Promise<KillableRegistry> {
    const dir = await mkdtemp(path.join(tmpdir(), "killable-registry-"));
    const registry = new KillableRegistry(dir, await freePort());
    const config = {
      version: "0.1",
      log: { level: "info", formatter: "text" },
      storage: {
        filesystem: { rootdirectory: path.join(dir, "storage") },
        delete: { enabled: true },
        maintenance: { uploadpurging: { enabled: false } },
      },
      http: { addr: `127.0.0.1:${registry.port}`, secret: randomBytes(16).toString("hex") },
    };
    await writeFile(registry.configPath, stringify(config));
    await registry.restart();
    return registry;
  }

  /** `http://127.0.0.1:PORT` */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private get configPath(): string {
    return path.join(this.dir, "config.yml");
  }

  /** Starts the registry process (again), same port and storage; resolves once it listens. */
  async restart(): Promise<void> {
    if (this.process && this.process.child.exitCode === null && !this.process.child.signalCode) {
      throw new Error("the registry is still running");
    }
    const started = new ChildLines(
      spawn(REGISTRY_BINARY, ["serve", this.configPath], { stdio: ["ignore", "pipe", "pipe"] }),
    );
    this.process = started;
    await started.waitFor(/listening on 127\.0\.0\.1:/, "listen");
  }

  /** SIGKILL: the process dies at once, its connections with it. */
  async kill(): Promise<void> {
    await this.process?.kill();
  }

  /** Kills the process and removes the storage. */
  async stop(): Promise<void> {
    await this.kill();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * A child process serving one Helm index file at `/index.yaml` with its full Content-Length,
 * `chunkBytes` every `intervalMs`: a slow registry the test can SIGKILL in the middle of the
 * body. The file is read per request, so a test changes the index by writing the file.
 */
export class IndexServerProcess {
  private constructor(
    private readonly process: ChildLines,
    readonly port: number,
  ) {}

  /** Starts the server on `port` (default: a free one) and waits until it listens. */
  static async start(options: {
    file: string;
    chunkBytes: number;
    intervalMs: number;
    port?: number;
  }): Promise<IndexServerProcess> {
    const port = options.port ?? (await freePort());
    const child = spawn(
      process.execPath,
      [
        "-e",
        INDEX_SERVER_SCRIPT,
        options.file,
        String(options.chunkBytes),
        String(options.intervalMs),
        String(port),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const server = new IndexServerProcess(new ChildLines(child), port);
    await server.process.waitFor(/^listening$/, "listen");
    return server;
  }

  /** The repository URL (the index is at `${url}/index.yaml`). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** SIGKILL, mid-body or not. */
  async kill(): Promise<void> {
    await this.process.kill();
  }
}

/** argv: file, chunk bytes, interval ms, port. */
const INDEX_SERVER_SCRIPT = `
const http = require("node:http");
const fs = require("node:fs");
const [file, chunkBytes, intervalMs, port] = process.argv.slice(1);
http
  .createServer((req, res) => {
    if (req.url.split("?")[0] !== "/index.yaml") return res.writeHead(404).end();
    const body = fs.readFileSync(file);
    res.writeHead(200, { "content-type": "application/x-yaml", "content-length": body.length });
    let offset = 0;
    const send = () => {
      const end = Math.min(body.length, offset + Number(chunkBytes));
      res.write(body.subarray(offset, end));
      offset = end;
      if (offset >= body.length) res.end();
      else timer = setTimeout(send, Number(intervalMs));
    };
    let timer = setTimeout(send, 0);
    res.on("close", () => clearTimeout(timer));
  })
  .listen(Number(port), "127.0.0.1", () => console.log("listening"));
`;

/**
 * A child process holding SQLite's write lock on `file` (`BEGIN IMMEDIATE` on its own
 * better-sqlite3 connection, as another program sharing the file would) for `holdMs`, then
 * committing. Resolves once the lock is held; `released` resolves when the child has let go.
 */
export async function holdSqliteWriteLock(
  file: string,
  holdMs: number,
): Promise<{ released: Promise<void> }> {
  const child = spawn(process.execPath, ["-e", WRITE_LOCK_SCRIPT, file, String(holdMs)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines = new ChildLines(child);
  await lines.waitFor(/^locked$/, "take the write lock");
  const released = lines.exited.then(({ code, signal }) => {
    if (code !== 0) throw new Error(`lock holder ended with ${signal ?? code}: ${lines.lines}`);
  });
  return { released };
}

/** argv: database file, hold ms. */
const WRITE_LOCK_SCRIPT = `
const Database = require("better-sqlite3");
const [file, holdMs] = process.argv.slice(1);
const db = new Database(file);
db.pragma("busy_timeout = 5000");
db.exec("BEGIN IMMEDIATE");
console.log("locked");
setTimeout(() => {
  db.exec("COMMIT");
  db.close();
}, Number(holdMs));
`;
