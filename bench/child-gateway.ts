/**
 * Child process of the subscribers scenario: a gateway listening on 127.0.0.1 (port 0) that adds
 * registries and syncs them when the orchestrator says so (IPC). `node child-gateway.js
 * '<{"workDir": …}>'`; on "stop" it prints `{"peakRssMb": …}` and exits.
 */
// Production mode, as `npm start` runs the gateway (see src/serving/production-mode.ts).
import "../src/serving/production-mode";
import { rmSync, writeFileSync } from "node:fs";
import { performance, PerformanceObserver } from "node:perf_hooks";
import { type RegistryEntity } from "../src/entities";
import { toGlobalId } from "../src/services/ids";
import { DEFAULT_VIEWER } from "../src/access/viewer";
import { peakRssMb, runChild, writeResult } from "./bench-support";
import { startCpuProfile } from "./cpu-profile";
import {
  phaseChanges,
  recordPublishedEvents,
  runCounts,
  startBenchGateway,
} from "./gateway-harness";
import { type GatewayCommand, type GatewayReply } from "./subscribers-protocol";

function reply(message: GatewayReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  if (!process.send) throw new Error("child-gateway needs an IPC channel");
  const { workDir, databaseUrl, settings } = JSON.parse(process.argv[2] ?? "") as {
    workDir: string;
    /** PostgreSQL (the fleet section): several children share its schema. */
    databaseUrl?: string;
    /** Further gateway settings (the takeover section's SYNC_LEASE). */
    settings?: Record<string, string>;
  };
  const gateway = await startBenchGateway(workDir, databaseUrl, settings);
  const published = recordPublishedEvents(gateway.events);
  const http = await gateway.listen();
  let registry: RegistryEntity | undefined;
  // GC pauses of this process, kept from the start of a sync request to its end.
  let gcPauses: [number, number][] | undefined;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcPauses?.push([performance.timeOrigin + entry.startTime, entry.duration]);
    }
  });
  gcObserver.observe({ entryTypes: ["gc"] });

  const handle = async (command: GatewayCommand): Promise<boolean> => {
    switch (command.type) {
      case "add": {
        // One registry at a time: the catalog (and the SQLite file) stays the same size.
        if (registry) await gateway.services.registries.delete(DEFAULT_VIEWER, registry.id);
        const start = performance.now();
        registry = await gateway.services.registries.add(DEFAULT_VIEWER, "HELM", {
          name: command.name,
          endpoint: command.endpoint,
        });
        reply({
          type: "added",
          registryId: toGlobalId("Registry", registry.id),
          addMs: performance.now() - start,
        });
        return true;
      }
      case "sync": {
        if (!registry) throw new Error("sync before add");
        const profiler = command.profileFile ? await startCpuProfile() : undefined;
        gcPauses = [];
        const cpuBefore = process.cpuUsage();
        const requestedAt = Date.now();
        const run = await gateway.engine.request(registry, "MANUAL");
        reply({ type: "requested", runId: toGlobalId("SyncRun", run.id), requestedAt });
        const done = await gateway.engine.waitFor(run.id);
        const finishedAt = Date.now();
        const cpu = process.cpuUsage(cpuBefore);
        // GC entries are delivered asynchronously: let the observer take the last ones.
        await new Promise((resolve) => setImmediate(resolve));
        if (profiler && command.profileFile) {
          writeFileSync(command.profileFile, JSON.stringify(await profiler.stop()));
        }
        reply({
          cpuMs: (cpu.user + cpu.system) / 1000,
          type: "finished",
          status: done.status,
          counts: runCounts(done),
          finishedAt,
          gcPauses: gcPauses.splice(0),
          phases: phaseChanges(published, run.id),
          published: published.filter((e) => e.runId === run.id).length,
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
    process.on("message", (command: GatewayCommand) => {
      chain = chain.then((going) => (going ? handle(command) : false));
      chain.then((going) => {
        if (!going) resolve();
      }, reject);
    });
    process.on("disconnect", () => resolve());
    const subscription = gateway.schema.getSubscriptionType()?.getFields()["syncProgress"];
    reply({ type: "ready", url: http.url, syncProgress: subscription !== undefined });
  });

  gcObserver.disconnect();
  const result = { peakRssMb: peakRssMb() };
  await gateway.stop(2000);
  rmSync(workDir, { recursive: true, force: true });
  writeResult(result);
}

runChild(main);
