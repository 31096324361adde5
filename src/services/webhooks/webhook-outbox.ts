import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { webhookHears } from "../../access/access-policy";
import { type WebhookEvent } from "../../domain/enums";
import { RegistryEntity, SyncRunEntity, WebhookEntity } from "../../entities";
import { type Logger } from "../../observability/logger";
import { dbDate, sql } from "../../store/sql";
import { type WriteLock } from "../../store/write-lock";
import { type VersionChange } from "../../sync/catalog-writer";
import { type CatalogChangedEvent, type SyncProgressEvent } from "../../sync/sync-events";
import { matchesSpec, parseVersionSpec } from "../catalog/version-order";
import { toGlobalId } from "../ids";
import { eventsOf } from "./webhook.service";

/** The JSON body of a delivery (README "Webhooks"). */
export interface WebhookPayload {
  event: WebhookEvent;
  registry: { id: string; name: string; kind: string; scope: string };
  run: { id: string };
  /** VERSION_PUBLISHED / VERSION_REMOVED: the versions the filter keeps. */
  versions?: VersionChange[];
  /**
   * True when the run changed more versions than one event lists (the catalog writer keeps
   * the first thousand); the catalog itself is complete.
   */
  truncated?: boolean;
  /** SYNC_FAILED: the run's typed error. */
  error?: { code: string | null; message: string | null };
  at: string;
}

/**
 * Turns what sync runs did into deliveries: one outbox row per event and webhook that hears it
 * (its events, its owner's visibility, its filter). Rows are written before anything is sent, so
 * a restart loses none; the dispatcher sends them (webhook-dispatcher.ts).
 */
export class WebhookOutbox {
  /** Enqueues in flight, awaited by `drain` on shutdown. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly lock: WriteLock,
    private readonly logger: Logger,
    /** Called after rows were written (the local dispatcher sends them at once). */
    private readonly onEnqueued: () => void = () => undefined,
  ) {}

  /** A completed run that changed the catalog: VERSION_PUBLISHED and VERSION_REMOVED. */
  catalogChanged(event: CatalogChangedEvent): void {
    this.track(async () => {
      const base = { runId: event.runId, registryId: event.registryId, at: event.at };
      await this.enqueue("VERSION_PUBLISHED", base, event.added, event.addedCount);
      await this.enqueue("VERSION_REMOVED", base, event.removed, event.removedCount);
    });
  }

  /** A run's progress: its FAILED terminal event is SYNC_FAILED. */
  progress(event: SyncProgressEvent): void {
    if (event.status !== "FAILED") return;
    this.track(() =>
      this.enqueue("SYNC_FAILED", {
        runId: event.runId,
        registryId: event.registryId,
        at: event.at,
      }),
    );
  }

  /** Waits for the enqueues in flight (shutdown). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(work: () => Promise<void>): void {
    const promise = work()
      .catch((error: unknown) =>
        this.logger.error({ err: error }, "webhook deliveries could not be recorded"),
      )
      .finally(() => this.pending.delete(promise));
    this.pending.add(promise);
  }

  private async enqueue(
    kind: WebhookEvent,
    base: { runId: string; registryId: string; at: string },
    changes?: VersionChange[],
    count?: number,
  ): Promise<void> {
    if (changes !== undefined && changes.length === 0) return;
    // One statement when no webhook listens (the common case): the registry is read only after.
    const listening = (
      await this.dataSource.getRepository(WebhookEntity).findBy({ active: true })
    ).filter(
      (hook) =>
        eventsOf(hook).includes(kind) &&
        (!hook.filterRegistryId || hook.filterRegistryId === base.registryId),
    );
    if (listening.length === 0) return;
    const registry = await this.dataSource
      .getRepository(RegistryEntity)
      .findOneBy({ id: base.registryId });
    if (!registry) return;
    const hooks = listening.filter((hook) => webhookHears(hook, registry));
    if (hooks.length === 0) return;
    let error: WebhookPayload["error"];
    if (kind === "SYNC_FAILED") {
      const run = await this.dataSource.getRepository(SyncRunEntity).findOneBy({ id: base.runId });
      error = { code: run?.errorCode ?? null, message: run?.errorMessage ?? null };
    }
    const now = new Date();
    const rows: unknown[][] = [];
    for (const hook of hooks) {
      let versions: VersionChange[] | undefined;
      if (changes) {
        versions = keptBy(hook, changes);
        if (versions.length === 0) continue;
      }
      const payload: WebhookPayload = {
        event: kind,
        registry: {
          id: toGlobalId("Registry", registry.id),
          name: registry.name,
          kind: registry.kind,
          scope: registry.scope,
        },
        run: { id: toGlobalId("SyncRun", base.runId) },
        ...(versions ? { versions, truncated: (count ?? 0) > (changes?.length ?? 0) } : {}),
        ...(error ? { error } : {}),
        at: base.at,
      };
      rows.push([
        randomUUID(),
        hook.id,
        kind,
        JSON.stringify(payload),
        dbDate(this.dataSource, now),
        dbDate(this.dataSource, now),
      ]);
    }
    if (rows.length === 0) return;
    await this.lock.run(() =>
      this.dataSource.transaction(async (manager) => {
        for (const row of rows) {
          await sql(
            manager,
            `INSERT INTO webhook_delivery (id, webhook_id, event, payload, status, attempts, next_attempt_at, created_at)
             VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)`,
            row,
          );
        }
      }),
    );
    this.onEnqueued();
  }
}

/** The versions a webhook's chart and range filter keep (Helm's reading of the range). */
function keptBy(hook: WebhookEntity, changes: VersionChange[]): VersionChange[] {
  const spec = hook.filterRange ? parseVersionSpec(hook.filterRange) : null;
  return changes.filter(
    (change) =>
      (!hook.filterChart || change.chart === hook.filterChart) &&
      (!spec || matchesSpec(change.version, spec, false)),
  );
}
