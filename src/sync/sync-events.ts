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

/** The counts a run has recorded (zero where a field is not set yet). */
export function countsOf(run: Partial<SyncCounts>): SyncCounts {
  return {
    chartsSeen: run.chartsSeen ?? 0,
    versionsSeen: run.versionsSeen ?? 0,
    versionsAdded: run.versionsAdded ?? 0,
    versionsUpdated: run.versionsUpdated ?? 0,
    versionsRemoved: run.versionsRemoved ?? 0,
    versionsUnchanged: run.versionsUnchanged ?? 0,
    versionsSkipped: run.versionsSkipped ?? 0,
  };
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
  /** Every progress event from the moment the promise resolves; `return()` unsubscribes. */
  progress(): Promise<AsyncIterator<SyncProgressEvent>>;
  /** Every change-feed event from the moment the promise resolves; `return()` unsubscribes. */
  catalogChanges(): Promise<AsyncIterator<CatalogChangedEvent>>;
  /** Progress subscriptions open in this process (the sync engine coalesces more for many). */
  progressAudience(): number;
  /** Fleets: the latest state of a run executing on another instance, if one was heard of. */
  remoteState?(runId: string): SyncProgressEvent | undefined;
  /** Fleets: the latest state of a registry's run executing on another instance. */
  remoteStateOfRegistry?(registryId: string): SyncProgressEvent | undefined;
  /** Fleets: forgets a remote run (its instance is gone). */
  forget?(runId: string): void;
}

/**
 * Subscribes to a topic at once (graphql-subscriptions' own iterator subscribes only on its
 * first `next()`, which would lose events published in between) and buffers what arrives.
 */
async function subscribeNow<T>(
  engine: PubSubEngine,
  topic: string,
  supersedes?: (older: T, newer: T) => boolean,
  onClose?: () => void,
): Promise<AsyncIterator<T>> {
  const buffer: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let closed = false;
  const id = await engine.subscribe(
    topic,
    (payload: T) => {
      if (closed) return;
      const waiter = waiting.shift();
      if (waiter) waiter({ done: false, value: payload });
      else if (supersedes && buffer.length > 0 && supersedes(buffer[buffer.length - 1], payload)) {
        // The subscriber is behind: the newer state replaces the older one it has not read yet.
        buffer[buffer.length - 1] = payload;
      } else buffer.push(payload);
    },
    {},
  );
  const close = (): IteratorResult<T> => {
    if (!closed) {
      closed = true;
      engine.unsubscribe(id);
      onClose?.();
      for (const waiter of waiting.splice(0)) waiter({ done: true, value: undefined });
      buffer.length = 0;
    }
    return { done: true, value: undefined };
  };
  return {
    next: () => {
      if (buffer.length > 0) return Promise.resolve({ done: false, value: buffer.shift()! });
      if (closed) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: async () => close(),
  };
}

/**
 * A progress event makes an unread older one redundant when both are of the same run, phase and
 * (running) status: only counts moved. Phase changes and terminal events are never dropped.
 */
export function progressSupersedes(older: SyncProgressEvent, newer: SyncProgressEvent): boolean {
  return (
    older.runId === newer.runId &&
    older.phase === newer.phase &&
    older.status === newer.status &&
    (newer.status === "QUEUED" || newer.status === "RUNNING")
  );
}

/** The event bus over a graphql-subscriptions engine: in-process by default, Redis to scale out. */
export class PubSubSyncEventBus implements SyncEventBus {
  /** The same engine in type-graphql's PubSub shape, for buildSchema. */
  readonly pubSub: PubSub;

  constructor(private readonly engine: PubSubEngine = new MemoryPubSub()) {
    this.pubSub = adaptPubSub(engine);
  }

  publishProgress(event: SyncProgressEvent): void {
    void this.engine.publish(TOPICS.SYNC_PROGRESS, event);
  }
  publishCatalogChanged(event: CatalogChangedEvent): void {
    void this.engine.publish(TOPICS.CATALOG_CHANGED, event);
  }
  private progressSubscriptions = 0;

  async progress(): Promise<AsyncIterator<SyncProgressEvent>> {
    const iterator = await subscribeNow(
      this.engine,
      TOPICS.SYNC_PROGRESS,
      progressSupersedes,
      () => this.progressSubscriptions--,
    );
    this.progressSubscriptions++;
    return iterator;
  }
  progressAudience(): number {
    return this.progressSubscriptions;
  }
  catalogChanges(): Promise<AsyncIterator<CatalogChangedEvent>> {
    return subscribeNow(this.engine, TOPICS.CATALOG_CHANGED);
  }
}
