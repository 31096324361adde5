import { EventEmitter } from "node:events";
import { type SyncPhase, type SyncRunStatus } from "../entities/sync-run.entity";
import { type VersionChange } from "./catalog-writer";

/** Counts so far of a run, as carried by progress events. */
export interface SyncCounts {
  chartsSeen: number;
  versionsSeen: number;
  versionsAdded: number;
  versionsUpdated: number;
  versionsRemoved: number;
  versionsUnchanged: number;
  versionsSkipped: number;
}

/** One progress event of one run. */
export interface SyncProgressEvent {
  runId: string;
  registryId: string;
  /** Owner of the registry (null = SYSTEM): subscriptions filter on it. */
  tenantId: string | null;
  status: SyncRunStatus;
  phase: SyncPhase;
  done: number | null;
  total: number | null;
  counts: SyncCounts;
  bytesFetched: number;
  message: string | null;
  at: Date;
}

/** What a completed run changed, for the change feed. */
export interface CatalogChangedEvent {
  runId: string;
  registryId: string;
  tenantId: string | null;
  added: VersionChange[];
  removed: VersionChange[];
  addedCount: number;
  removedCount: number;
  updatedCount: number;
  at: Date;
}

/**
 * Where the sync engine publishes. In-process by default; the subscription layer adapts it, and a
 * Redis-backed implementation can replace it when several gateways share the work.
 */
export interface SyncEventBus {
  publishProgress(event: SyncProgressEvent): void;
  publishCatalogChanged(event: CatalogChangedEvent): void;
  onProgress(listener: (event: SyncProgressEvent) => void): () => void;
  onCatalogChanged(listener: (event: CatalogChangedEvent) => void): () => void;
}

/** The in-process bus. */
export class LocalSyncEventBus implements SyncEventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publishProgress(event: SyncProgressEvent): void {
    this.emitter.emit("progress", event);
  }
  publishCatalogChanged(event: CatalogChangedEvent): void {
    this.emitter.emit("catalog", event);
  }
  onProgress(listener: (event: SyncProgressEvent) => void): () => void {
    this.emitter.on("progress", listener);
    return () => this.emitter.off("progress", listener);
  }
  onCatalogChanged(listener: (event: CatalogChangedEvent) => void): () => void {
    this.emitter.on("catalog", listener);
    return () => this.emitter.off("catalog", listener);
  }
}
