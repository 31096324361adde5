/*
 * Why one file of some 900 lines: the engine is one state machine over the runs it owns (queue,
 * join, force, cancel, takeover in a fleet, recovery, shutdown) and every transition reads and
 * writes the same in-memory table of active runs; split, that table would be shared across
 * modules. What is not the state machine lives apart: the policy and budget (services/sync), the
 * writing of the catalog (catalog-writer.ts), events (sync-events.ts, fleet-events.ts), the
 * fleet's locks and notifications (fleet.ts), the schedule (scheduler.ts).
 */
import { randomUUID } from "node:crypto";
import { type DataSource, In } from "typeorm";
import { RegistryEntity, SyncRunEntity } from "../entities";
import { type SyncPhase, type SyncRunStatus, type SyncTrigger } from "../entities/sync-run.entity";
import { type Logger } from "../observability/logger";
import { RegistryError, RegistryErrorCode } from "../providers/errors";
import { type ProviderSet } from "../providers";
import {
  type ListingProgress,
  type ListingWarning,
  type RegistryTarget,
} from "../providers/provider";
import { registryFailure, toTarget } from "../services/registries/registry-secrets";
import { type SecretBox } from "../store/secret-box";
import { STORE_MESSAGES, type StoreErrorCode, storeFault } from "../store/store-errors";
import { type CatalogTransaction } from "../store/catalog-transaction";
import { type CatalogVersion } from "../store/catalog-version";
import { type WriteLock } from "../store/write-lock";
import { CatalogWriter, knownOciVersions, PreparedListing } from "./catalog-writer";
import { knownCosignProbes } from "../services/trust/signature-facts";
import { type PgFleet } from "./fleet";
import { date, jsonText, sql } from "../store/sql";
import {
  countsOf,
  type SyncCounts,
  type SyncEventBus,
  type SyncProgressEvent,
} from "./sync-events";

/**
 * A sync request the engine refuses (not a failure of a run): NOT_ALLOWED (shutting down, or a
 * protected registry) or FORCE_TOO_EARLY (with the run in flight and when forcing is allowed).
 */
export class SyncRefusal extends Error {
  override readonly name = "SyncRefusal";
  constructor(
    readonly code: "NOT_ALLOWED" | "FORCE_TOO_EARLY",
    message: string,
    readonly details: { runId?: string; forceAllowedAt?: string } = {},
  ) {
    super(message);
  }
}

export interface SyncEngineOptions {
  concurrency: number;
  forceAfterMs: number;
  /**
   * Least time between two progress events of one run within a phase. Every event is executed
   * and sent once per subscriber, so with a thousand watchers a high rate costs more CPU than the
   * sync itself; phase changes and the end always go out.
   */
  progressIntervalMs: number;
  /** Serializes this process's writes (see WriteLock). */
  writeLock: WriteLock;
  /** The catalog writer's transaction. */
  catalogTransaction: CatalogTransaction;
  /** Opens the registries' stored secrets. */
  secrets: SecretBox;
  /** Advanced when a run ends, so that cached read responses are not served again. */
  catalogVersion: CatalogVersion;
  /** Metrics and traces of runs (src/observability/sync-telemetry.ts); none: no cost. */
  observer?: SyncObserver;
  /**
   * PostgreSQL: the instance's fleet connection. With it a run is owned through its registry's
   * advisory lock (one run per registry across every instance), requests and cancels reach runs
   * executing elsewhere, and `sweep` takes over the runs of instances that are gone.
   */
  fleet?: PgFleet;
}

/** Watches runs as they execute (metrics, traces). */
export interface SyncObserver {
  /** Wraps a run's execution (which ends with the run recorded in its terminal state). */
  run(run: SyncRunEntity, registry: RegistryEntity, execute: () => Promise<void>): Promise<void>;
  /** A run entered a phase. */
  phase(run: SyncRunEntity, phase: SyncPhase): void;
}

/** How long a request waits for a run executing on another instance to react, in ms. */
const REMOTE_WAIT_MS = 15_000;

/**
 * Progress-interval stretch per open progress subscription, and its cap. Delivering one event to
 * a subscriber costs the event loop about 20 µs (most of it the socket write), so at 1 ms per
 * subscription the progress events within a phase take at most about 2 % of the loop however
 * many watch; phase changes and terminal events are not counted against it.
 */
const MS_PER_SUBSCRIPTION = 1;
const MAX_PROGRESS_INTERVAL_MS = 1000;

/**
 * The least time between two progress events of a run within a phase: `baseMs`
 * (SYNC_PROGRESS_INTERVAL), stretched by 1 ms per open progress subscription up to one second.
 */
export function progressIntervalMs(baseMs: number, audience: number): number {
  return Math.max(baseMs, Math.min(MAX_PROGRESS_INTERVAL_MS, audience * MS_PER_SUBSCRIPTION));
}

const TERMINAL: ReadonlySet<SyncRunStatus> = new Set([
  "SUCCEEDED",
  "FAILED",
  "CANCELLED",
  "INTERRUPTED",
]);

/** Why a run's controller was aborted. */
type AbortReason = "CANCELLED" | "INTERRUPTED";

interface ActiveRun {
  run: SyncRunEntity;
  registry: RegistryEntity;
  controller: AbortController;
  abortReason?: AbortReason;
  done: Promise<SyncRunEntity>;
  resolve: (run: SyncRunEntity) => void;
  counts: SyncCounts;
  lastEventAt: number;
  phaseStartedAt: number;
  lastPhase?: SyncPhase;
  done_?: number | null;
  total?: number | null;
  message?: string | null;
}

/**
 * Owns sync runs: one per registry at a time, a queue with a concurrency limit, cancellation,
 * forced restarts, and progress events. A run lists the registry through its provider and hands
 * a complete listing to the CatalogWriter; any failure leaves the catalog as it was.
 */
export class SyncEngine {
  private readonly active = new Map<string, ActiveRun>();
  private readonly queue: string[] = [];
  private running = 0;
  private accepting = true;
  private readonly writer: CatalogWriter;
  private readonly progressIntervalMs: number;
  private readonly lock: WriteLock;

  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: ProviderSet,
    private readonly events: SyncEventBus,
    private readonly logger: Logger,
    private readonly options: SyncEngineOptions,
  ) {
    this.writer = new CatalogWriter(dataSource, options.catalogTransaction, options.writeLock);
    this.lock = options.writeLock;
    this.progressIntervalMs = options.progressIntervalMs;
    const fleet = options.fleet;
    if (fleet) {
      // Another instance asks to stop a run executing here (cancel, or a forced restart).
      fleet.on("control", (body) => {
        const { action, runId } = body as { action: string; runId: string };
        const active = [...this.active.values()].find((a) => a.run.id === runId);
        if (!active) return;
        if (action === "cancel") void this.cancel(runId);
        else if (action === "interrupt") {
          active.abortReason = "INTERRUPTED";
          active.controller.abort();
        }
      });
      // The connection and every run lock with it are gone: another instance may take the runs
      // over, so they stop here (recorded INTERRUPTED when the store can be written).
      fleet.onLost(() => {
        for (const registryId of this.queue.splice(0)) {
          const active = this.active.get(registryId);
          if (active)
            void this.finish(
              active,
              "INTERRUPTED",
              null,
              "The gateway lost its database connection",
            );
        }
        for (const active of this.active.values()) {
          active.abortReason = "INTERRUPTED";
          active.controller.abort();
        }
      });
    }
  }

  private get runs() {
    return this.dataSource.getRepository(SyncRunEntity);
  }

  /** The in-flight run of a registry, if any. */
  activeRun(registryId: string): SyncRunEntity | undefined {
    return this.active.get(registryId)?.run;
  }

  /**
   * The latest progress state of an in-flight run, for subscribers that join mid-run: from this
   * instance, or (fleets) the latest event heard from the instance executing it.
   */
  currentState(runId: string): SyncProgressEvent | undefined {
    for (const active of this.active.values()) {
      if (active.run.id === runId) return this.snapshot(active);
    }
    return this.events.remoteState?.(runId);
  }

  /** The latest progress state of a registry's in-flight run, wherever it executes. */
  currentStateOfRegistry(registryId: string): SyncProgressEvent | undefined {
    const active = this.active.get(registryId);
    if (active) return this.snapshot(active);
    return this.events.remoteStateOfRegistry?.(registryId);
  }

  /** The registry's run in flight anywhere (fleets: also on other instances), if any. */
  async inFlight(registryId: string): Promise<SyncRunEntity | undefined> {
    const local = this.active.get(registryId);
    if (local) return local.run;
    if (!this.options.fleet) return undefined;
    return (
      (await this.runs.findOne({
        where: { registryId, status: In(["QUEUED", "RUNNING"]) },
        order: { queuedAt: "DESC" },
      })) ?? undefined
    );
  }

  /**
   * Why a request to sync `registry` (with `force`) would be refused right now, or null: the
   * gateway is shutting down, the registry is protected, or a forced run is too young to be
   * interrupted. Asked before any side effect (the API's budget is not spent on a refusal).
   */
  async refusal(registry: RegistryEntity, force = false): Promise<SyncRefusal | null> {
    if (!this.accepting) return new SyncRefusal("NOT_ALLOWED", "The gateway is shutting down");
    if (registry.protected) {
      return new SyncRefusal(
        "NOT_ALLOWED",
        `"${registry.name}" is protected: it is never synchronized. Use checkChartReference to check a chart.`,
      );
    }
    if (!force) return null;
    const current = await this.inFlight(registry.id);
    if (!current || current.status === "QUEUED") return null;
    const startedAt = current.startedAt ?? current.queuedAt;
    const forceAt = new Date(startedAt.getTime() + this.options.forceAfterMs);
    if (Date.now() >= forceAt.getTime()) return null;
    return new SyncRefusal(
      "FORCE_TOO_EARLY",
      `A sync of "${registry.name}" has run since ${startedAt.toISOString()}; it can be forced from ${forceAt.toISOString()}`,
      { runId: current.id, forceAllowedAt: forceAt.toISOString() },
    );
  }

  /**
   * Requests a sync. Returns at once with the run (QUEUED or RUNNING). A registry with a run in
   * flight gets that run back, unless `force` and the run is older than the force threshold, in
   * which case it is interrupted and a new one starts.
   */
  async request(
    registry: RegistryEntity,
    trigger: SyncTrigger,
    force = false,
  ): Promise<SyncRunEntity> {
    const refused = await this.refusal(registry, force);
    if (refused) throw refused;
    const current = this.active.get(registry.id);
    if (current) {
      if (!force || current.run.status === "QUEUED") return current.run;
      current.abortReason = "INTERRUPTED";
      current.controller.abort();
      await current.done;
    } else if (this.options.fleet) {
      const remote = await this.inFlight(registry.id);
      if (remote) {
        if (!force || remote.status === "QUEUED") return remote;
        await this.stopRemote(remote, "interrupt");
      }
    }
    // Another request may have started a run while we waited for the interrupted one.
    const again = this.active.get(registry.id);
    if (again) return again.run;
    return this.enqueue(registry, trigger, null);
  }

  /**
   * Queues a scheduled sync unless a run of the registry was queued (anywhere) at or after
   * `dueBefore` or is in flight: the schedule fires once per registry per interval however many
   * instances tick (the check runs under the registry's lock on a fleet). Null when not queued.
   */
  async requestScheduled(registry: RegistryEntity, dueBefore: Date): Promise<SyncRunEntity | null> {
    if (this.active.has(registry.id) || (await this.refusal(registry))) return null;
    return this.enqueueRun(registry, "SCHEDULE", null, false, dueBefore);
  }

  /** Cancels a queued or running run. Returns the run (terminal once its work has stopped). */
  async cancel(runId: string): Promise<SyncRunEntity | null> {
    for (const active of this.active.values()) {
      if (active.run.id !== runId) continue;
      active.abortReason = "CANCELLED";
      if (active.run.status === "QUEUED") {
        const index = this.queue.indexOf(active.registry.id);
        if (index >= 0) this.queue.splice(index, 1);
        return this.finish(active, "CANCELLED", null);
      }
      active.controller.abort();
      return active.done;
    }
    const run = await this.runs.findOneBy({ id: runId });
    if (!run || TERMINAL.has(run.status) || !this.options.fleet) return run;
    return this.stopRemote(run, "cancel");
  }

  /**
   * Stops a run that is not executing here. When its instance is gone (its registry's lock is
   * free) the run is recorded here; otherwise the instance is asked over the fleet connection,
   * and the answer is the run once it is terminal (or as it is after REMOTE_WAIT_MS).
   */
  private async stopRemote(
    run: SyncRunEntity,
    action: "cancel" | "interrupt",
  ): Promise<SyncRunEntity> {
    const fleet = this.options.fleet!;
    const status: SyncRunStatus = action === "cancel" ? "CANCELLED" : "INTERRUPTED";
    if (await fleet.tryLock(run.registryId)) {
      try {
        await this.endOrphan(
          run,
          status,
          action === "cancel"
            ? "Cancelled; the catalog was left as it was"
            : "Interrupted; the catalog was left as it was",
        );
      } finally {
        if (!this.active.has(run.registryId)) await fleet.unlock(run.registryId);
      }
    } else {
      await fleet.publish("control", { action, runId: run.id });
    }
    return this.waitForStore(run.id, REMOTE_WAIT_MS);
  }

  /** Polls the store until the run is terminal, or the time is up; returns it as stored. */
  private async waitForStore(runId: string, timeoutMs: number): Promise<SyncRunEntity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.runs.findOneByOrFail({ id: runId });
      if (TERMINAL.has(run.status) || Date.now() >= deadline) return run;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Records the end of a run whose instance is gone (the caller holds its registry's lock), if it
   * is still unfinished, and tells every subscriber. True when this call ended it.
   */
  private async endOrphan(
    run: SyncRunEntity,
    status: SyncRunStatus,
    message: string,
  ): Promise<boolean> {
    const ended = await this.lock.run(() =>
      sql<{ id: string }>(
        this.dataSource,
        `WITH ended AS (
           UPDATE sync_run SET status = ?, phase = 'DONE', finished_at = ?, error_code = NULL,
                  error_message = ?
            WHERE id = ? AND status IN ('QUEUED', 'RUNNING') RETURNING id)
         SELECT id FROM ended`,
        [status, new Date(), message, run.id],
      ),
    );
    if (ended.length === 0) return false;
    const registry = await this.dataSource
      .getRepository(RegistryEntity)
      .findOneBy({ id: run.registryId });
    this.events.forget?.(run.id);
    const final = await this.runs.findOneByOrFail({ id: run.id });
    this.events.publishProgress({
      runId: final.id,
      registryId: final.registryId,
      tenantId: registry?.tenantId ?? null,
      status: final.status,
      phase: final.phase,
      done: null,
      total: null,
      ratePerSecond: null,
      counts: countsOf(final),
      bytesFetched: final.bytesFetched,
      message,
      at: new Date().toISOString(),
    });
    try {
      await this.options.catalogVersion.advance();
    } catch (error) {
      this.logger.error({ err: error, runId: run.id }, "could not advance the catalog version");
    }
    return true;
  }

  /**
   * Fleets: takes over the runs of instances that are gone. A run left QUEUED or RUNNING whose
   * registry's lock no session holds belongs to an instance whose session ended (stopped,
   * killed, cut off): it is marked INTERRUPTED and its registry queued again here (RECOVERY),
   * under the lock this instance now holds. Runs at once on start-up and every SYNC_LEASE.
   */
  async sweep(): Promise<SyncRunEntity[]> {
    const fleet = this.options.fleet;
    if (!fleet || !this.accepting) return [];
    // Looked for on the fleet connection: a sweep every SYNC_LEASE stays off the catalog's pool.
    const candidates = await fleet.query<{ id: string; registry_id: string }>(
      "SELECT id, registry_id FROM sync_run WHERE status IN ('QUEUED', 'RUNNING')",
    );
    const requeued: SyncRunEntity[] = [];
    for (const candidate of candidates) {
      if (this.active.has(candidate.registry_id) || !(await fleet.tryLock(candidate.registry_id)))
        continue;
      const run = await this.runs.findOneBy({ id: candidate.id });
      if (!run) {
        await fleet.unlock(candidate.registry_id);
        continue;
      }
      let kept = false;
      try {
        const ended = await this.endOrphan(
          run,
          "INTERRUPTED",
          "The gateway instance running this sync stopped before it finished",
        );
        const registry = await this.dataSource
          .getRepository(RegistryEntity)
          .findOneBy({ id: run.registryId });
        if (ended && registry && !registry.protected && this.accepting) {
          requeued.push(await this.enqueue(registry, "RECOVERY", run.id, true));
          kept = true;
        }
      } catch (error) {
        this.logger.error({ err: error, runId: run.id }, "could not take over a run");
      } finally {
        if (!kept) await fleet.unlock(run.registryId);
      }
    }
    if (requeued.length > 0)
      this.logger.warn({ requeued: requeued.length }, "took over runs of a stopped instance");
    return requeued;
  }

  /** Cancels the run in flight of a registry, if any (a registry being deleted). */
  async cancelRegistryRun(registryId: string): Promise<void> {
    const active = this.active.get(registryId);
    if (active) await this.cancel(active.run.id);
  }

  /** Resolves when the run is terminal (at once if it already is). */
  async waitFor(runId: string): Promise<SyncRunEntity> {
    for (const active of this.active.values()) {
      if (active.run.id === runId) return active.done;
    }
    if (this.options.fleet) return this.waitForStore(runId, Number.POSITIVE_INFINITY);
    return this.runs.findOneByOrFail({ id: runId });
  }

  /**
   * Start-up recovery: runs a previous process left QUEUED or RUNNING are marked INTERRUPTED and
   * their registries re-queued (unless since made protected or deleted).
   */
  async recover(): Promise<SyncRunEntity[]> {
    // A fleet shares the store: only runs whose instance is gone are recovered.
    if (this.options.fleet) return this.sweep();
    const stale = await this.runs.findBy({ status: In(["QUEUED", "RUNNING"]) });
    const requeued: SyncRunEntity[] = [];
    for (const run of stale) {
      await this.lock.run(() =>
        this.runs.update(
          { id: run.id },
          {
            status: "INTERRUPTED",
            phase: "DONE",
            finishedAt: new Date(),
            errorCode: null,
            errorMessage: "The gateway stopped while this run was in progress",
          },
        ),
      );
      const registry = await this.dataSource
        .getRepository(RegistryEntity)
        .findOneBy({ id: run.registryId });
      if (registry && !registry.protected && !this.active.has(registry.id)) {
        requeued.push(await this.enqueue(registry, "RECOVERY", run.id));
      }
    }
    if (stale.length > 0)
      this.logger.warn({ interrupted: stale.length, requeued: requeued.length }, "recovered runs");
    return requeued;
  }

  /**
   * Stops taking runs, lets running ones finish until the deadline, then interrupts the rest
   * (and every queued one), recording them INTERRUPTED.
   */
  async shutdown(deadlineMs: number): Promise<void> {
    this.accepting = false;
    for (const registryId of this.queue.splice(0)) {
      const active = this.active.get(registryId);
      if (active)
        await this.finish(
          active,
          "INTERRUPTED",
          null,
          "The gateway shut down before this run started",
        );
    }
    const pending = [...this.active.values()];
    if (pending.length === 0) return;
    const timer = new Promise<void>((resolve) => setTimeout(resolve, deadlineMs).unref());
    await Promise.race([Promise.all(pending.map((a) => a.done)), timer]);
    for (const active of this.active.values()) {
      active.abortReason = "INTERRUPTED";
      active.controller.abort();
    }
    await Promise.all([...this.active.values()].map((a) => a.done));
  }

  private async enqueue(
    registry: RegistryEntity,
    trigger: SyncTrigger,
    retryOf: string | null,
    locked = false,
  ): Promise<SyncRunEntity> {
    return (await this.enqueueRun(registry, trigger, retryOf, locked))!;
  }

  /**
   * Records a run and queues it. `locked`: the caller already holds the registry's fleet lock.
   * `dueBefore` (scheduled runs): nothing is queued, and the answer is null, when a run of the
   * registry was queued at or after it, or another instance holds the registry.
   */
  private async enqueueRun(
    registry: RegistryEntity,
    trigger: SyncTrigger,
    retryOf: string | null,
    locked: boolean,
    dueBefore?: Date,
  ): Promise<SyncRunEntity | null> {
    const run = this.runs.create({
      id: randomUUID(),
      registryId: registry.id,
      status: "QUEUED",
      phase: "QUEUED",
      trigger,
      queuedAt: new Date(),
      startedAt: null,
      finishedAt: null,
      retryOf,
    });
    let resolve!: (run: SyncRunEntity) => void;
    const done = new Promise<SyncRunEntity>((r) => (resolve = r));
    const active: ActiveRun = {
      run,
      registry,
      controller: new AbortController(),
      done,
      resolve,
      counts: countsOf({}),
      lastEventAt: 0,
      phaseStartedAt: Date.now(),
    };
    // Registered before the first await, so a concurrent request finds this run.
    this.active.set(registry.id, active);
    const fleet = this.options.fleet;
    let lockedHere = false;
    try {
      if (fleet && !locked) {
        // One run per registry across the fleet: the registry's lock first.
        if (!(await fleet.tryLock(registry.id))) {
          this.active.delete(registry.id);
          if (dueBefore) return null;
          const remote = await this.joinRemote(registry);
          if (remote !== "free") return remote;
          // The holder let go without a new run (e.g. the run a force interrupted ended there
          // just before it released the lock): the lock is ours now, unless a request here
          // started a run of the registry meanwhile (the lock is this instance's either way; that
          // run releases it when it ends).
          const other = this.active.get(registry.id);
          if (other) return other.run;
          this.active.set(registry.id, active);
        }
        lockedHere = true;
      }
      if (fleet) {
        // Holding the lock, a run in flight in the store is an orphan of an instance that lost
        // its session: it ends now (INTERRUPTED), before the new run is recorded.
        const orphan = await this.runs.findOne({
          where: { registryId: registry.id, status: In(["QUEUED", "RUNNING"]) },
        });
        if (orphan && orphan.id !== run.id)
          await this.endOrphan(
            orphan,
            "INTERRUPTED",
            "The gateway instance running this sync stopped before it finished",
          );
      }
      if (dueBefore) {
        const [last] = await sql<{ last: string | Date | null }>(
          this.dataSource,
          "SELECT MAX(queued_at) AS last FROM sync_run WHERE registry_id = ?",
          [registry.id],
        );
        const lastQueued = date(last?.last ?? null);
        if (lastQueued && lastQueued.getTime() > dueBefore.getTime()) {
          this.active.delete(registry.id);
          if (lockedHere) await fleet!.unlock(registry.id);
          return null;
        }
      }
      await this.lock.run(() => this.runs.insert(run));
    } catch (error) {
      // Never recorded (e.g. the store is locked): no run, and the registry is free again.
      this.active.delete(registry.id);
      if (lockedHere || locked) await fleet?.unlock(registry.id);
      throw error;
    }
    this.queue.push(registry.id);
    this.emit(active, true);
    this.pump();
    return run;
  }

  /**
   * Another instance holds the registry's lock: it owns a run of the registry (or is about to
   * record one). Returns that run once it is in the store, or "free" once this instance got the
   * lock (the holder released it without starting a run).
   */
  private async joinRemote(registry: RegistryEntity): Promise<SyncRunEntity | "free"> {
    const fleet = this.options.fleet!;
    const deadline = Date.now() + 3000;
    for (;;) {
      const remote = await this.inFlight(registry.id);
      if (remote) return remote;
      if (await fleet.tryLock(registry.id)) return "free";
      if (Date.now() >= deadline)
        throw new SyncRefusal(
          "NOT_ALLOWED",
          `Another gateway instance holds "${registry.name}" but shows no run; try again shortly`,
        );
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private pump(): void {
    while (this.accepting && this.running < this.options.concurrency && this.queue.length > 0) {
      const registryId = this.queue.shift()!;
      const active = this.active.get(registryId);
      if (!active || active.run.status !== "QUEUED") continue;
      this.running++;
      const observer = this.options.observer;
      const execution = observer
        ? observer.run(active.run, active.registry, () => this.execute(active))
        : this.execute(active);
      void execution.finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async execute(active: ActiveRun): Promise<void> {
    const { run, controller } = active;
    const registryRepo = this.dataSource.getRepository(RegistryEntity);
    let target: RegistryTarget | null = null;
    try {
      // Re-read: the registry may have changed (or gone) while the run waited.
      const registry = await registryRepo.findOneBy({ id: run.registryId });
      if (!registry)
        throw new RegistryError(RegistryErrorCode.NOT_FOUND, "The registry was deleted");
      active.registry = registry;
      run.status = "RUNNING";
      run.startedAt = new Date();
      this.setPhase(active, "CONNECTING", "Connecting to the registry");
      await this.lock.run(() =>
        this.runs.update(
          { id: run.id },
          { status: "RUNNING", phase: "CONNECTING", startedAt: run.startedAt },
        ),
      );

      const provider = this.providers.get(registry.kind);
      // Charts are serialized as they are read; nothing is written until the listing is complete.
      const prepared = new PreparedListing();
      // OCI: tags whose manifest digest is unchanged are not fetched again.
      const known =
        registry.kind === "OCI" ? await knownOciVersions(this.dataSource, registry.id) : null;
      // OCI: cosign signatures are read for digests that have none cached.
      const probes =
        registry.kind === "OCI" ? await knownCosignProbes(this.dataSource, registry.id) : null;
      target = toTarget(registry, this.options.secrets);
      const listing = await provider.list(target, {
        onChart: (chart) => prepared.add(chart),
        known: known ? (repository, tag) => known.get(`${repository}:${tag}`) : undefined,
        ...(probes && { signatures: { known: (digest: string) => probes.get(digest) } }),
        signal: controller.signal,
        previous: {
          etag: registry.listingEtag,
          lastModified: registry.listingLastModified,
          digest: registry.listingDigest,
        },
        onProgress: (p: ListingProgress) => this.onListingProgress(active, p),
      });
      run.bytesFetched = listing.bytesFetched;
      if (controller.signal.aborted) throw abortError();

      if (listing.unchanged) {
        run.unchanged = true;
        await this.lock.run(() =>
          registryRepo.update(
            { id: registry.id },
            {
              lastSyncedAt: new Date(),
              listingEtag: listing.validators.etag ?? registry.listingEtag,
              listingLastModified: listing.validators.lastModified ?? registry.listingLastModified,
            },
          ),
        );
        await this.finish(
          active,
          "SUCCEEDED",
          null,
          "The registry is unchanged since the last sync",
        );
        return;
      }

      const warnings: ListingWarning[] = listing.warnings;
      run.warnings = jsonText(warnings.slice(0, 1000));
      // A provider may return charts instead of handing them over.
      for (const chart of listing.charts) prepared.add(chart);
      run.chartsSeen = prepared.chartCount;
      run.versionsSkipped = warnings.filter((w) => w.skipped === true).length;
      run.versionsSeen = prepared.versionCount + run.versionsSkipped;
      active.counts.chartsSeen = run.chartsSeen;
      active.counts.versionsSeen = run.versionsSeen;
      active.counts.versionsSkipped = run.versionsSkipped;
      this.setPhase(active, "APPLYING", "Writing changes to the catalog", 0, run.versionsSeen);

      const result = await this.writer.apply(registry.id, prepared, {
        signal: controller.signal,
        onProgress: (done, total) => {
          active.done_ = done;
          active.total = total;
          this.emit(active, false);
        },
      });
      Object.assign(run, {
        chartsAdded: result.chartsAdded,
        chartsRemoved: result.chartsRemoved,
        versionsAdded: result.versionsAdded,
        versionsUpdated: result.versionsUpdated,
        versionsRemoved: result.versionsRemoved,
        versionsUnchanged: result.versionsUnchanged,
      });
      await this.lock.run(() =>
        registryRepo.update(
          { id: registry.id },
          {
            lastSyncedAt: new Date(),
            listingEtag: listing.validators.etag ?? null,
            listingLastModified: listing.validators.lastModified ?? null,
            listingDigest: listing.validators.digest ?? null,
            indexInfo: listing.index ? jsonText(listing.index) : null,
          },
        ),
      );
      const changed = result.versionsAdded + result.versionsRemoved + result.versionsUpdated > 0;
      await this.finish(
        active,
        "SUCCEEDED",
        null,
        changed ? undefined : "The listing changed but every version was already in the catalog",
      );
      if (changed) {
        this.events.publishCatalogChanged({
          runId: run.id,
          registryId: registry.id,
          tenantId: registry.tenantId,
          added: result.added,
          removed: result.removed,
          addedCount: result.versionsAdded,
          removedCount: result.versionsRemoved,
          updatedCount: result.versionsUpdated,
          at: new Date().toISOString(),
        });
      }
    } catch (error) {
      if (
        controller.signal.aborted ||
        (error instanceof RegistryError && error.code === RegistryErrorCode.CANCELLED)
      ) {
        const status: SyncRunStatus = active.abortReason ?? "CANCELLED";
        await this.finish(
          active,
          status,
          null,
          status === "CANCELLED"
            ? "Cancelled; the catalog was left as it was"
            : "Interrupted; the catalog was left as it was",
        );
        return;
      }
      // A store failure (full, locked, gone) is the store's, with a message of our own, not SQL;
      // never a registry's code.
      const fault = storeFault(error);
      const failure: RunFailure = fault
        ? { code: fault, message: STORE_MESSAGES[fault] }
        : registryFailure(error, target);
      if (failure.code === RegistryErrorCode.INTERNAL || fault) {
        this.logger.error(
          { err: error, runId: run.id, registryId: run.registryId },
          "sync run failed unexpectedly",
        );
      } else {
        this.logger.info(
          { runId: run.id, registryId: run.registryId, code: failure.code },
          "sync run failed",
        );
      }
      await this.finish(active, "FAILED", failure);
    }
  }

  private onListingProgress(active: ActiveRun, progress: ListingProgress): void {
    if (progress.bytes !== undefined) active.run.bytesFetched = progress.bytes;
    if (progress.phase !== active.lastPhase) {
      this.setPhase(
        active,
        progress.phase,
        progress.message ?? null,
        progress.done ?? null,
        progress.total ?? null,
      );
      return;
    }
    active.done_ = progress.done ?? active.done_ ?? null;
    active.total = progress.total ?? active.total ?? null;
    if (progress.message) active.message = progress.message;
    this.emit(active, false);
  }

  private setPhase(
    active: ActiveRun,
    phase: SyncPhase,
    message: string | null,
    done: number | null = null,
    total: number | null = null,
  ): void {
    active.run.phase = phase;
    active.lastPhase = phase;
    active.phaseStartedAt = Date.now();
    this.options.observer?.phase(active.run, phase);
    active.message = message;
    active.done_ = done;
    active.total = total;
    this.emit(active, true);
  }

  /**
   * Publishes the run's state; within a phase at most one event per progress interval. The
   * interval is SYNC_PROGRESS_INTERVAL, stretched when many subscriptions watch (every event goes
   * to each of them; see `progressIntervalMs`). Phase changes and the terminal event are always
   * published.
   */
  private emit(active: ActiveRun, always: boolean): void {
    const now = Date.now();
    const interval = progressIntervalMs(this.progressIntervalMs, this.events.progressAudience());
    if (!always && now - active.lastEventAt < interval) return;
    active.lastEventAt = now;
    this.events.publishProgress(this.snapshot(active));
  }

  private snapshot(active: ActiveRun): SyncProgressEvent {
    const elapsed = (Date.now() - active.phaseStartedAt) / 1000;
    const done = active.done_ ?? null;
    return {
      runId: active.run.id,
      registryId: active.run.registryId,
      tenantId: active.registry.tenantId,
      status: active.run.status,
      phase: active.run.phase,
      done,
      total: active.total ?? null,
      ratePerSecond: done !== null && elapsed > 0.05 ? Math.round(done / elapsed) : null,
      counts: { ...active.counts },
      bytesFetched: active.run.bytesFetched ?? 0,
      message: active.message ?? null,
      at: new Date().toISOString(),
    };
  }

  private async finish(
    active: ActiveRun,
    status: SyncRunStatus,
    failure: RunFailure | null,
    message?: string,
  ): Promise<SyncRunEntity> {
    const { run } = active;
    run.status = status;
    run.phase = "DONE";
    run.finishedAt = new Date();
    run.errorCode = failure?.code ?? null;
    run.errorMessage = failure?.message ?? (status === "INTERRUPTED" ? (message ?? null) : null);
    active.counts = countsOf(run);
    active.message = failure ? failure.message : (message ?? "Synchronized");
    try {
      await this.lock.run(() => this.runs.save(run));
    } catch (error) {
      this.logger.error({ err: error, runId: run.id }, "could not record the end of a sync run");
    }
    try {
      // After the catalog and the registry's lastSyncedAt are committed (see CatalogVersion).
      await this.options.catalogVersion.advance();
    } catch (error) {
      this.logger.error({ err: error, runId: run.id }, "could not advance the catalog version");
    }
    if (this.active.get(run.registryId) === active) {
      this.active.delete(run.registryId);
      await this.options.fleet?.unlock(run.registryId);
    }
    this.emit(active, true);
    active.resolve(run);
    return run;
  }
}

/** Why a run failed: the registry's error, or the store's. */
type RunFailure = { code: RegistryErrorCode | StoreErrorCode; message: string };

function abortError(): RegistryError {
  return new RegistryError(RegistryErrorCode.CANCELLED, "Sync cancelled");
}

export { TERMINAL as TERMINAL_STATUSES };
