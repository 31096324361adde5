/**
 * Child process of the OCI scenario: a gateway on a fresh SQLite file that adds one OCI registry
 * and syncs it when the orchestrator says so (IPC), so that the orchestrator can count the
 * registry requests of each run at its counting proxy. `node child-oci.js '<{"workDir": …}>'`;
 * on "stop" it prints `{"peakRssMb": …}` and exits.
 */
// Production mode, as `npm start` runs the gateway (see src/serving/production-mode.ts).
import "../src/serving/production-mode";
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { type RegistryEntity } from "../src/entities";
import { DEFAULT_VIEWER } from "../src/access/viewer";
import { peakRssMb, runChild, writeResult } from "./bench-support";
import { runCounts, startBenchGateway, type RunCounts } from "./gateway-harness";

/** The catalog tables a no-op re-sync must leave alone. */
const CATALOG_TABLES = ["chart", "chart_version"];

/** Orchestrator → OCI gateway child. */
export type OciGatewayCommand =
  | { type: "add"; name: string; endpoint: string; baseContentPaths: string[] }
  /** Syncs the registry added, request to terminal status. */
  | { type: "sync" }
  | { type: "stop" };

/** OCI gateway child → orchestrator. */
export type OciGatewayReply =
  /** `concurrency`: the gateway's OCI_CONCURRENCY (requests in flight per registry). */
  | { type: "ready"; concurrency: number }
  | { type: "added"; addMs: number }
  | {
      type: "finished";
      /** From the sync request to the terminal status. */
      ms: number;
      status: string;
      errorCode: string | null;
      errorMessage: string | null;
      counts: RunCounts;
      warnings: number;
      /** Statements that wrote to `chart` or `chart_version` during the run. */
      catalogWrites: number;
      /** CPU time (user + system) of the gateway process over the run. */
      cpuMs: number;
    };

function reply(message: OciGatewayReply): void {
  process.send?.(message);
}

function warningCount(json: string): number {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.length : 0;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  if (!process.send) throw new Error("child-oci needs an IPC channel");
  const { workDir } = JSON.parse(process.argv[2] ?? "") as { workDir: string };
  const gateway = await startBenchGateway(workDir);
  let registry: RegistryEntity | undefined;

  const handle = async (command: OciGatewayCommand): Promise<boolean> => {
    switch (command.type) {
      case "add": {
        const start = performance.now();
        registry = await gateway.services.registries.add(DEFAULT_VIEWER, "OCI", {
          name: command.name,
          endpoint: command.endpoint,
          baseContentPaths: command.baseContentPaths,
        });
        reply({ type: "added", addMs: performance.now() - start });
        return true;
      }
      case "sync": {
        if (!registry) throw new Error("sync before add");
        const writesBefore = gateway.store.statements.writesTo(...CATALOG_TABLES);
        const cpuBefore = process.cpuUsage();
        const start = performance.now();
        const queued = await gateway.engine.request(registry, "MANUAL");
        const run = await gateway.engine.waitFor(queued.id);
        const ms = performance.now() - start;
        const cpu = process.cpuUsage(cpuBefore);
        reply({
          type: "finished",
          ms,
          status: run.status,
          errorCode: run.errorCode,
          errorMessage: run.errorMessage,
          counts: runCounts(run),
          warnings: warningCount(run.warnings),
          catalogWrites: gateway.store.statements.writesTo(...CATALOG_TABLES) - writesBefore,
          cpuMs: (cpu.user + cpu.system) / 1000,
        });
        return true;
      }
      case "stop":
        return false;
    }
  };

  await new Promise<void>((resolve, reject) => {
    // Commands are handled one at a time, in order.
    let chain = Promise.resolve(true);
    process.on("message", (command: OciGatewayCommand) => {
      chain = chain.then((going) => (going ? handle(command) : false));
      chain.then((going) => {
        if (!going) resolve();
      }, reject);
    });
    process.on("disconnect", () => resolve());
    reply({ type: "ready", concurrency: gateway.config.oci.concurrency });
  });

  const result = { peakRssMb: peakRssMb() };
  await gateway.stop(2000);
  rmSync(workDir, { recursive: true, force: true });
  writeResult(result);
}

runChild(main);
