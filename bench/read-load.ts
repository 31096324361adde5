/**
 * Child process of the read-path section: the load generator. `node read-load.js`, commanded
 * over IPC:
 * - "run": autocannon (programmatic) POSTs one GraphQL body on `connections` connections for the
 *   warm-up plus the measured window, on the same connections throughout; only responses that
 *   complete inside the window count. Replies "window-start" and "window-end" (the figures) at
 *   the window's edges, so the orchestrator can read the server's counters there, and "finished"
 *   once the connections are closed.
 * - "search": sequential requests on one keep-alive connection (undici), a warm-up pass over
 *   the terms, then each term `repeats` times; replies "searched".
 */
import autocannon from "autocannon";
import { type EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";
import { Client } from "undici";
import { median, percentile, runChild, writeResult } from "./bench-support";
import {
  SEARCH_QUERY,
  type LoadCommand,
  type LoadReply,
  type LoadRun,
  type SearchResult,
  type SearchRun,
} from "./read-protocol";

function reply(message: LoadReply): void {
  process.send?.(message);
}

function load(run: LoadRun): Promise<void> {
  return new Promise((resolve, reject) => {
    let phase: "warm-up" | "window" | "over" = "warm-up";
    const latencies: number[] = [];
    let non2xx = 0;
    let mismatches = 0;
    let errors = 0;
    let windowStart = 0;
    let cpuStart = process.cpuUsage();
    const totalSeconds = Math.ceil((run.warmupMs + run.measureMs) / 1000) + 2;
    const instance = autocannon(
      {
        url: `${run.url}/graphql`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: run.body,
        expectBody: run.expectBody,
        connections: run.connections,
        duration: totalSeconds,
        timeout: 20,
      },
      (error: unknown) => {
        clearTimeout(startTimer);
        clearTimeout(endTimer);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else if (phase !== "over") reject(new Error("autocannon stopped before the window ended"));
        else {
          reply({ type: "finished" });
          resolve();
        }
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (phase !== "window") return;
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
    (instance as EventEmitter).on("reqMismatch", () => {
      if (phase === "window") mismatches++;
    });
    instance.on("reqError", () => {
      if (phase === "window") errors++;
    });
    const startTimer = setTimeout(() => {
      phase = "window";
      windowStart = performance.now();
      cpuStart = process.cpuUsage();
      reply({ type: "window-start" });
    }, run.warmupMs);
    const endTimer = setTimeout(() => {
      phase = "over";
      const seconds = (performance.now() - windowStart) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      reply({
        type: "window-end",
        requests: latencies.length,
        seconds,
        rps: latencies.length / seconds,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: latencies.reduce((a, b) => Math.max(a, b), 0),
        non2xx,
        mismatches,
        errors,
        loaderCpuPercent: (100 * (cpu.user + cpu.system)) / 1000 / (seconds * 1000),
      });
      instance.stop();
    }, run.warmupMs + run.measureMs);
  });
}

async function search(run: SearchRun): Promise<SearchResult> {
  const client = new Client(run.url, { pipelining: 1, keepAliveTimeout: 60_000 });
  const samples: number[] = [];
  const byTerm = new Map<string, number[]>();
  const totals: Record<string, number> = {};
  let failures = 0;
  let firstFailure: string | undefined;
  const once = async (term: string, measured: boolean) => {
    const start = performance.now();
    const response = await client.request({
      path: "/graphql",
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: SEARCH_QUERY, variables: { q: term } }),
    });
    const text = await response.body.text();
    const ms = performance.now() - start;
    let total: number | undefined;
    try {
      const json = JSON.parse(text) as {
        data?: { searchCharts?: { totalCount: number } };
        errors?: unknown[];
      };
      if (response.statusCode === 200 && !json.errors) total = json.data?.searchCharts?.totalCount;
    } catch {
      // counted below
    }
    if (total === undefined) {
      failures++;
      firstFailure ??= `"${term}": ${response.statusCode} ${text.slice(0, 300)}`;
    }
    if (!measured) return;
    samples.push(ms);
    byTerm.set(term, [...(byTerm.get(term) ?? []), ms]);
    if (total !== undefined && !(term in totals)) totals[term] = total;
  };
  try {
    for (const term of run.terms) await once(term, false);
    for (let i = 0; i < run.repeats; i++) {
      for (const term of run.terms) await once(term, true);
    }
  } finally {
    await client.close();
  }
  return {
    requests: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples.reduce((a, b) => Math.max(a, b), 0),
    failures,
    ...(firstFailure === undefined ? {} : { firstFailure }),
    totals,
    byTerm: Object.fromEntries([...byTerm].map(([term, list]) => [term, median(list)])),
  };
}

async function main(): Promise<void> {
  if (!process.send) throw new Error("read-load needs an IPC channel");
  await new Promise<void>((resolve, reject) => {
    // Commands are handled one at a time, in order.
    let chain = Promise.resolve(true);
    const handle = async (command: LoadCommand): Promise<boolean> => {
      switch (command.type) {
        case "run":
          await load(command);
          return true;
        case "search":
          reply({ type: "searched", ...(await search(command)) });
          return true;
        case "stop":
          return false;
      }
    };
    process.on("message", (command: LoadCommand) => {
      chain = chain.then((going) => (going ? handle(command) : false));
      chain.then((going) => {
        if (!going) resolve();
      }, reject);
    });
    process.on("disconnect", () => resolve());
    reply({ type: "ready", pid: process.pid });
  });
  writeResult({});
}

runChild(main);
