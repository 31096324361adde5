import { fork, type ChildProcess } from "node:child_process";
import { setPriority } from "node:os";
import path from "node:path";

/** Every child still running, so that the orchestrator can end them whatever happens. */
const running = new Set<ChildProcess>();

/** Kills every child still running (SIGKILL, by pid). */
export function killChildren(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

function lastJsonLine(stdout: string): unknown {
  const line = stdout
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("{"))
    .pop();
  if (line === undefined) throw new Error("the child printed no JSON line");
  return JSON.parse(line);
}

/**
 * A child process running `build/bench/<script>` with an IPC channel: commands go out with `send`,
 * replies are awaited by type with `next`, and the child's one JSON line on stdout is its result.
 */
export class BenchChild<TCommand, TReply extends { type: string }> {
  private stdout = "";
  private stderr = "";
  private readonly replies: TReply[] = [];
  private readonly waiters: {
    type: string;
    resolve: (reply: TReply) => void;
    reject: (error: Error) => void;
  }[] = [];
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly child: ChildProcess;

  /** Kills the child at once (SIGKILL); resolves when it has exited. */
  async kill(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.exited;
  }

  /** Runs the child at the lowest CPU priority (nice 19). */
  lowerPriority(): void {
    setPriority(this.child.pid!, 19);
  }

  constructor(
    readonly script: string,
    args: readonly string[],
    options: { execArgv?: string[]; timeoutMs: number },
  ) {
    const child = fork(path.join(__dirname, script), [...args], {
      execArgv: options.execArgv ?? [],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
    });
    running.add(child);
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (this.stdout += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
    child.on("message", (message: TReply) => {
      const index = this.waiters.findIndex((w) => w.type === message.type);
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(message);
      else this.replies.push(message);
    });
    this.timer = setTimeout(() => {
      this.stderr += `\n[bench] ${script} killed after ${options.timeoutMs} ms`;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    this.exited = new Promise((resolve) => {
      child.on("exit", (code) => {
        clearTimeout(this.timer);
        running.delete(child);
        this.exitCode = code;
        for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure());
        resolve(code);
      });
    });
    this.child = child;
  }

  private failure(): Error {
    const tail = this.stderr.trim().split("\n").slice(-15).join("\n");
    return new Error(`${this.script} exited with code ${this.exitCode}:\n${tail}`);
  }

  send(command: TCommand): void {
    this.child.send(command as object);
  }

  /** The next reply of this type (already received or to come). */
  next<K extends TReply["type"]>(type: K): Promise<Extract<TReply, { type: K }>> {
    const index = this.replies.findIndex((r) => r.type === type);
    if (index >= 0) {
      return Promise.resolve(this.replies.splice(index, 1)[0] as Extract<TReply, { type: K }>);
    }
    if (this.exitCode !== undefined) return Promise.reject(this.failure());
    return new Promise((resolve, reject) => {
      this.waiters.push({
        type,
        resolve: (reply) => resolve(reply as Extract<TReply, { type: K }>),
        reject,
      });
    });
  }

  /** Waits for the child to exit and returns its JSON result line. */
  async result<TResult>(): Promise<TResult> {
    const code = await this.exited;
    if (code !== 0) throw this.failure();
    return lastJsonLine(this.stdout) as TResult;
  }
}

/** Runs a child to completion (no IPC commands) and returns its JSON result line. */
export function runToCompletion<TResult>(
  script: string,
  args: readonly string[],
  options: { execArgv?: string[]; timeoutMs: number },
): Promise<TResult> {
  return new BenchChild<never, { type: string }>(script, args, options).result<TResult>();
}
