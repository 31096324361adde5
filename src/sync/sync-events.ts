import { PubSub as MemoryPubSub, type PubSubEngine } from "graphql-subscriptions";
import { type PubSub } from "type-graphql";
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

/**
 * One progress event of one run. Plain JSON (the time is an ISO string), so that it crosses a
 * Redis PubSub unchanged when several gateways share the work.
 */
export interface SyncProgressEvent {
  runId: string;
  registryId: string;
  /** Owner of the registry (null = SYSTEM): subscriptions filter on it. */
  tenantId: string | null;
  status: SyncRunStatus;
  phase: SyncPhase;
  done: number | null;
  total: number | null;
  /** Items (bytes while fetching) per second in the current phase, when known. */
  ratePerSecond: number | null;
  counts: SyncCounts;
  bytesFetched: number;
  message: string | null;
  at: string;
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
  at: string;
}

/** Topics of the gateway's PubSub. */
export const TOPICS = {
  SYNC_PROGRESS: "SYNC_PROGRESS",
  CATALOG_CHANGED: "CATALOG_CHANGED",
} as const;

/**
 * Adapts a graphql-subscriptions engine (in-memory, or Redis for several instances) to
 * type-graphql's PubSub interface: `publish(topic, payload)` and `subscribe(topic)`.
 */
export function adaptPubSub(engine: PubSubEngine): PubSub {
  return {
    publish(routingKey: string, ...args: unknown[]) {
      void engine.publish(routingKey, args[0]);
    },
    subscribe(routingKey: string, dynamicId?: unknown): AsyncIterable<unknown> {
      return engine.asyncIterableIterator(
        dynamicId === undefined ? routingKey : `${routingKey}:${String(dynamicId)}`,
      );
    },
  };
}

/** Where the sync engine publishes and subscriptions listen. */
export interface SyncEventBus {
  publishProgress(event: SyncProgressEvent): void;
  publishCatalogChanged(event: CatalogChangedEvent): void;
  /** Every progress event from now on; `return()` unsubscribes. */
  progress(): AsyncIterator<SyncProgressEvent>;
  /** Every change-feed event from now on; `return()` unsubscribes. */
  catalogChanges(): AsyncIterator<CatalogChangedEvent>;
}

/** The event bus over a PubSub; in-process by default. */
export class PubSubSyncEventBus implements SyncEventBus {
  constructor(readonly pubSub: PubSub = adaptPubSub(new MemoryPubSub())) {}

  publishProgress(event: SyncProgressEvent): void {
    this.pubSub.publish(TOPICS.SYNC_PROGRESS, event);
  }
  publishCatalogChanged(event: CatalogChangedEvent): void {
    this.pubSub.publish(TOPICS.CATALOG_CHANGED, event);
  }
  progress(): AsyncIterator<SyncProgressEvent> {
    const iterable = this.pubSub.subscribe(
      TOPICS.SYNC_PROGRESS,
    ) as AsyncIterable<SyncProgressEvent>;
    return iterable[Symbol.asyncIterator]();
  }
  catalogChanges(): AsyncIterator<CatalogChangedEvent> {
    const iterable = this.pubSub.subscribe(
      TOPICS.CATALOG_CHANGED,
    ) as AsyncIterable<CatalogChangedEvent>;
    return iterable[Symbol.asyncIterator]();
  }
}
