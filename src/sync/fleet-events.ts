import { type PubSub } from "type-graphql";
import { type PgFleet } from "./fleet";
import {
  type CatalogChangedEvent,
  PubSubSyncEventBus,
  type SyncEventBus,
  type SyncProgressEvent,
} from "./sync-events";

const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"]);

/**
 * The event bus of an instance in a fleet: events are published in this process (its own
 * subscribers) and sent to the other instances over the fleet connection, which publish them to
 * theirs. Each instance keeps the latest state of every run executing elsewhere, so that a
 * subscriber joining mid-run gets the current state first wherever the run executes.
 */
export class FleetSyncEventBus implements SyncEventBus {
  private readonly local = new PubSubSyncEventBus();
  /** Latest progress of runs executing on other instances, by run id (until terminal). */
  private readonly remote = new Map<string, SyncProgressEvent>();

  /**
   * Terminal events and change-feed events published while the fleet connection was down: sent
   * when it is back, so that subscribers on other instances still see the runs end.
   */
  private readonly unsent: { kind: "progress" | "changed"; body: unknown }[] = [];

  constructor(private readonly fleet: PgFleet) {
    fleet.onConnected(() => {
      for (const { kind, body } of this.unsent.splice(0)) void fleet.publish(kind, body);
    });
    fleet.on("progress", (body) => {
      const event = body as SyncProgressEvent;
      if (TERMINAL.has(event.status)) this.remote.delete(event.runId);
      else this.remote.set(event.runId, event);
      this.local.publishProgress(event);
    });
    fleet.on("changed", (body) => this.local.publishCatalogChanged(body as CatalogChangedEvent));
  }

  get pubSub(): PubSub {
    return this.local.pubSub;
  }

  publishProgress(event: SyncProgressEvent): void {
    this.local.publishProgress(event);
    if (this.fleet.connected) void this.fleet.publish("progress", event);
    else if (TERMINAL.has(event.status)) this.keep("progress", event);
  }

  publishCatalogChanged(event: CatalogChangedEvent): void {
    this.local.publishCatalogChanged(event);
    if (this.fleet.connected) void this.fleet.publish("changed", event);
    else this.keep("changed", event);
  }

  private keep(kind: "progress" | "changed", body: unknown): void {
    // Bounded: a long outage keeps the latest ones.
    if (this.unsent.length >= 1000) this.unsent.shift();
    this.unsent.push({ kind, body });
  }

  progress(): Promise<AsyncIterator<SyncProgressEvent>> {
    return this.local.progress();
  }

  catalogChanges(): Promise<AsyncIterator<CatalogChangedEvent>> {
    return this.local.catalogChanges();
  }

  progressAudience(): number {
    return this.local.progressAudience();
  }

  /** The latest state of a run executing on another instance, if one was heard of. */
  remoteState(runId: string): SyncProgressEvent | undefined {
    return this.remote.get(runId);
  }

  /** The latest state of a registry's run executing on another instance, if any. */
  remoteStateOfRegistry(registryId: string): SyncProgressEvent | undefined {
    for (const event of this.remote.values()) if (event.registryId === registryId) return event;
    return undefined;
  }

  /** Forgets a remote run (its instance is gone; the run was interrupted). */
  forget(runId: string): void {
    this.remote.delete(runId);
  }
}
