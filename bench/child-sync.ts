/**
 * Child process: one full sync of a Helm registry on a fresh gateway, then no-op re-syncs.
 * `node child-sync.js '<SyncChildInput as JSON>'` prints one SyncChildResult JSON line.
 */
// Production mode, as `npm start` runs the gateway (see src/serving/production-mode.ts).
import "../src/serving/production-mode";
import { rmSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { DEFAULT_VIEWER } from "../src/access/viewer";
import { peakRssMb, runChild, writeResult } from "./bench-support";
import { startCpuProfile, type CpuProfiler } from "./cpu-profile";
import {
  phaseChanges,
  recordPublishedEvents,
  runCounts,
  startBenchGateway,
  type RunCounts,
} from "./gateway-harness";

export interface SyncChildInput {
  /** The Helm repository URL. */
  endpoint: string;
  /** A fresh directory for the SQLite file; removed at the end. */
  workDir: string;
  noopRuns: number;
  /** When set, the full sync (request to terminal status) is CPU-profiled into this file. */
  profileFile?: string;
  /** PostgreSQL: the store (an empty schema) instead of a SQLite file in `workDir`. */
  databaseUrl?: string;
}

export interface SyncChildResult {
  /** Adding the registry (the gateway fetches and parses the index to validate it). */
  addMs: number;
  peakRssAfterAddMb: number;
  /** From the sync request to the terminal status. */
  fullMs: number;
  status: string;
  errorCode: string | null;
  counts: RunCounts;
  bytesFetched: number;
  /** Date.now() of the request, and of each phase change of the full run. */
  requestedAt: number;
  phases: { phase: string; at: number }[];
  finishedAt: number;
  noop: {
    ms: number;
    status: string;
    unchanged: boolean;
    bytesFetched: number;
    /** Statements that wrote to chart or chart_version during the run. */
    catalogWrites: number;
  }[];
  /** maxRSS of the process at the end, in MB. */
  peakRssMb: number;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? "") as SyncChildInput;
  const gateway = await startBenchGateway(input.workDir, input.databaseUrl);
  try {
    const published = recordPublishedEvents(gateway.events);
    const sync = gateway.engine;

    const addStart = performance.now();
    const registry = await gateway.services.registries.add(DEFAULT_VIEWER, "HELM", {
      name: "bench",
      endpoint: input.endpoint,
    });
    const addMs = performance.now() - addStart;
    const peakRssAfterAddMb = peakRssMb();

    const profiler: CpuProfiler | undefined = input.profileFile
      ? await startCpuProfile()
      : undefined;
    const requestedAt = Date.now();
    const start = performance.now();
    const queued = await sync.request(registry, "MANUAL");
    const run = await sync.waitFor(queued.id);
    const fullMs = performance.now() - start;
    const finishedAt = Date.now();
    if (profiler && input.profileFile) {
      writeFileSync(input.profileFile, JSON.stringify(await profiler.stop()));
    }

    const noop: SyncChildResult["noop"] = [];
    for (let i = 0; i < input.noopRuns; i++) {
      const writesBefore = gateway.store.statements.writesTo("chart", "chart_version");
      const t0 = performance.now();
      const again = await sync.waitFor((await sync.request(registry, "MANUAL")).id);
      noop.push({
        ms: performance.now() - t0,
        status: again.status,
        unchanged: again.unchanged,
        bytesFetched: again.bytesFetched,
        catalogWrites: gateway.store.statements.writesTo("chart", "chart_version") - writesBefore,
      });
    }

    const result: SyncChildResult = {
      addMs,
      peakRssAfterAddMb,
      fullMs,
      status: run.status,
      errorCode: run.errorCode,
      counts: runCounts(run),
      bytesFetched: run.bytesFetched,
      requestedAt,
      phases: phaseChanges(published, run.id),
      finishedAt,
      noop,
      peakRssMb: peakRssMb(),
    };
    writeResult(result);
  } finally {
    await gateway.stop(2000);
    rmSync(input.workDir, { recursive: true, force: true });
  }
}

runChild(main);
