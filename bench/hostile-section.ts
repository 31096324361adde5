/**
 * Hostile load (issue 16): `/healthz` latency of a gateway under the two load attacks a hostile
 * caller found — a graphql-ws connection subscribing 5,000 times (four of them, over and over),
 * and eight concurrent 950 KB queries of 25,000 fields (over and over) — against the same
 * gateway idle, measured in the same run. Target: p99 ≤ 100 ms under each attack.
 */
import { Agent, get } from "node:http";
import { mkdtempSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { percentile } from "./bench-support";
import { BenchChild } from "./child-runner";
import { fmt, ms, passFail, table } from "./report";
import { type GatewayCommand, type GatewayReply } from "./subscribers-protocol";

/** How long `/healthz` is probed in each scenario. */
const WINDOW_MS = 5000;
const TARGET_P99_MS = 100;

interface AttackResult {
  sent: number;
  refused: number;
  answered: number;
  connections: number;
  closes: Record<string, number>;
  statuses: Record<string, number>;
}

/** Latencies of `/healthz`, asked one at a time (a fresh request every 10 ms) for `windowMs`. */
async function probe(url: string, windowMs: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  const end = Date.now() + windowMs;
  while (Date.now() < end) {
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      get(`${url}/healthz`, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      }).on("error", reject);
    });
    latencies.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  agent.destroy();
  return latencies;
}

export async function hostileSection(tmpRoot: string, section: number): Promise<void> {
  console.log(
    `\n[${section}] Hostile load: /healthz latency (one request at a time, every 10 ms, ${WINDOW_MS / 1000} s each) ` +
      "of one gateway, idle and under each of issue 16's load attacks (the attacker in its own process)",
  );
  const gateway = new BenchChild<GatewayCommand, GatewayReply>(
    "child-gateway.js",
    [JSON.stringify({ workDir: mkdtempSync(path.join(tmpRoot, "hostile-")) })],
    { timeoutMs: 5 * 60_000 },
  );
  const ready = await gateway.next("ready");
  const url = ready.url;
  // Warm-up: the first requests pay for connection set-up and JIT.
  await probe(url, 500);
  const baseline = await probe(url, WINDOW_MS);
  const rows: string[][] = [
    ["scenario", "requests", "p50", "p99", "max", "p99 / idle p99", "target", ""],
  ];
  const idleP99 = percentile(baseline, 99);
  rows.push([
    "idle (baseline)",
    fmt(baseline.length),
    ms(percentile(baseline, 50)),
    ms(idleP99),
    ms(Math.max(...baseline)),
    "1.0×",
    "",
    "",
  ]);
  const notes: string[] = [];
  for (const attack of ["subscriptions", "wide-queries"] as const) {
    const attacker = new BenchChild<{ type: "stop" }, { type: "started" }>(
      "child-attacker.js",
      [JSON.stringify({ url, attack })],
      { timeoutMs: 2 * 60_000 },
    );
    // At the lowest CPU priority: on this machine's few cores it stands for an attacker on
    // another machine, and the gateway's latency is not its own CPU starvation.
    attacker.lowerPriority();
    await attacker.next("started");
    // Let the attack reach full speed before measuring.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const latencies = await probe(url, WINDOW_MS);
    attacker.send({ type: "stop" });
    const result = await attacker.result<AttackResult>();
    const p99 = percentile(latencies, 99);
    rows.push([
      attack === "subscriptions"
        ? "4 connections × 5,000 subscriptions, repeated"
        : "8 concurrent 950 KB queries of 25,000 fields, repeated",
      fmt(latencies.length),
      ms(percentile(latencies, 50)),
      ms(p99),
      ms(Math.max(...latencies)),
      `${fmt(p99 / idleP99, 1)}×`,
      `p99 ≤ ${TARGET_P99_MS} ms`,
      passFail(p99 <= TARGET_P99_MS),
    ]);
    notes.push(
      attack === "subscriptions"
        ? `subscriptions sent ${fmt(result.sent)} over ${fmt(result.connections)} connections, ` +
            `refused TOO_MANY_SUBSCRIPTIONS ${fmt(result.refused)}, connections closed ${Object.entries(
              result.closes,
            )
              .map(([code, n]) => `${code} × ${fmt(n)}`)
              .join(", ")}`
        : `queries sent ${fmt(result.sent)}, answered ${fmt(result.answered)} (HTTP ${Object.entries(
            result.statuses,
          )
            .map(([status, n]) => `${status} × ${fmt(n)}`)
            .join(", ")})`,
    );
  }
  gateway.send({ type: "stop" });
  const { peakRssMb } = await gateway.result<{ peakRssMb: number }>();
  console.log(table(rows));
  // Tail latencies on a shared machine follow its load: printed so that a FAIL can be read.
  console.log(
    `    machine load average ${loadavg()
      .map((n) => fmt(n, 1))
      .join(" / ")} (1 / 5 / 15 min) on ${cpus().length} CPUs`,
  );
  for (const note of notes) console.log(`    ${note}`);
  console.log(`    gateway process peak RSS ${fmt(peakRssMb)} MB`);
}
