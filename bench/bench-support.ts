import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type Server } from "node:http";
import { type AddressInfo, type Socket } from "node:net";
import { cpus } from "node:os";
import path from "node:path";

/** The repository root (this file runs from `build/bench/`). */
export const repoRoot = path.resolve(__dirname, "../..");

/** The shared fixtures directory, next to the repository. */
export const fixturesDir = path.resolve(repoRoot, "../shared/fixtures");

/** Median of the values (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100) of the values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Peak resident set size of this process so far, in MB (maxRSS is in KB on Linux). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Writes a child's result: one JSON line on stdout, the only thing a child prints there. */
export function writeResult(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Runs a child's main function; an error is printed on stderr and ends the child with code 1. */
export function runChild(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}

/** Rounds to `digits` decimals for printing and JSON. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const TASKSET = "/usr/bin/taskset";

/** Whether processes can be pinned to CPUs (taskset, and at least two CPUs). */
export const pinning = existsSync(TASKSET) && cpus().length >= 2;

/**
 * Pins every thread of a process to one CPU (threads it starts later inherit it), so that a
 * server and its load generator do not share a core; a no-op without `pinning`.
 */
export function pin(pid: number, cpu: number): void {
  if (!pinning) return;
  execFileSync(TASKSET, ["-a", "-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });
}

/**
 * Starts `server` on 127.0.0.1 (a free port). `close` also ends the keep-alive connections still
 * open, which `server.close` alone would wait for.
 */
export async function listenOnLoopback(
  server: Server,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
