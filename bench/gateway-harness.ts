import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_VIEWER } from "../src/access/viewer";
import { loadConfig } from "../src/config/config";
import { createGateway, type Gateway } from "../src/gateway";
import { countsOf, type SyncCounts, type SyncEventBus } from "../src/sync/sync-events";
import { repoRoot } from "./bench-support";

/** A run's counts as the run records them. */
export type RunCounts = SyncCounts;

/** One published progress event, as seen on the gateway's bus. */
export interface PublishedEvent {
  runId: string;
  phase: string;
  status: string;
  /** Date.now() when the engine published it. */
  at: number;
}

/**
 * The secrets key of a bench gateway: a key file in its work directory on SQLite; on PostgreSQL
 * one ENCRYPTION_KEY per database URL, since the gateways of one schema are a fleet and share the
 * key through configuration, as a fleet must (an instance with another key refuses to start).
 */
export function benchKeySettings(workDir: string, databaseUrl?: string): Record<string, string> {
  return databaseUrl
    ? { ENCRYPTION_KEY: createHash("sha256").update(databaseUrl).digest("base64") }
    : { ENCRYPTION_KEY_FILE: path.join(workDir, "encryption.key") };
}

/**
 * A gateway on a fresh SQLite file under `workDir` (or the PostgreSQL database of
 * `databaseUrl`), as the benchmark runs it: no default
 * registries, silent logs, no scheduled syncs (the benchmark starts every run itself), loopback
 * registries allowed, the gateway's other defaults.
 */
export async function startBenchGateway(
  workDir: string,
  databaseUrl?: string,
  /** Further settings (e.g. SYNC_LEASE for the takeover section). */
  settings: Record<string, string> = {},
): Promise<Gateway> {
  mkdirSync(workDir, { recursive: true });
  const config = loadConfig(
    {
      // A PostgreSQL URL when given (the PostgreSQL section), else a fresh SQLite file.
      DATABASE_URL: databaseUrl ?? `sqlite:${path.join(workDir, "gateway.sqlite")}`,
      ...benchKeySettings(workDir, databaseUrl),
      SEED_DEFAULT_REGISTRIES: "false",
      LOG_LEVEL: "silent",
      SYNC_SCHEDULE: "false",
      PORT: "0",
      HOST: "127.0.0.1",
      // The benchmark's registries run on loopback.
      REGISTRY_NETWORK_ALLOWLIST: "127.0.0.0/8,::1,localhost",
      ...settings,
    },
    repoRoot,
  );
  return createGateway(config);
}

/**
 * Records every progress event the sync engine publishes (by wrapping the bus's publish method;
 * subscribers still get every event). Returns the list, which grows as events are published.
 */
/** Adds the Helm registry `bench` at `endpoint` and runs one full sync of it: its id and the run's status. */
export async function syncBenchRegistry(
  gateway: Gateway,
  endpoint: string,
): Promise<{ registryId: string; status: string }> {
  const registry = await gateway.services.registries.add(DEFAULT_VIEWER, "HELM", {
    name: "bench",
    endpoint,
  });
  const run = await gateway.engine.waitFor((await gateway.engine.request(registry, "MANUAL")).id);
  return { registryId: registry.id, status: run.status };
}

export function recordPublishedEvents(bus: SyncEventBus): PublishedEvent[] {
  const events: PublishedEvent[] = [];
  const publish = bus.publishProgress.bind(bus);
  bus.publishProgress = (event) => {
    events.push({ runId: event.runId, phase: event.phase, status: event.status, at: Date.now() });
    publish(event);
  };
  return events;
}

/** Phase changes of one run, in order: each phase with the time its first event was published. */
export function phaseChanges(
  events: readonly PublishedEvent[],
  runId: string,
): { phase: string; at: number }[] {
  const changes: { phase: string; at: number }[] = [];
  for (const event of events) {
    if (event.runId !== runId) continue;
    if (changes[changes.length - 1]?.phase !== event.phase) {
      changes.push({ phase: event.phase, at: event.at });
    }
  }
  return changes;
}

/** The counts of a finished run entity. */
export const runCounts = countsOf;
