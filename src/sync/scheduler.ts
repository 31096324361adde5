import { createHash } from "node:crypto";
import { type DataSource } from "typeorm";
import { RegistryEntity } from "../entities";
import { type Logger } from "../observability/logger";
import { date, sql } from "../store/sql";
import { type SyncEngine } from "./sync-engine";

export interface SchedulerOptions {
  /** Period of scheduled syncs per registry, in ms. */
  intervalMs: number;
  /** Largest extra delay added per registry (spreads registries added together), in ms. */
  jitterMs?: number;
  /** How often due registries are looked for, in ms. */
  tickMs?: number;
}

/**
 * Queues a sync of every registry that is due: not protected, sync enabled, and whose last run
 * (of any outcome) was queued more than one interval (plus its jitter) ago, or never. Runs at
 * start-up too, so overdue registries are queued at once. Zarf registries will be excluded when
 * they exist; protected and sync-disabled registries never are scheduled.
 */
export class SyncScheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private readonly jitterMs: number;
  private readonly tickMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: SyncEngine,
    private readonly logger: Logger,
    private readonly options: SchedulerOptions,
  ) {
    this.jitterMs = options.jitterMs ?? Math.round(options.intervalMs * 0.05);
    this.tickMs =
      options.tickMs ?? Math.min(60_000, Math.max(100, Math.round(options.intervalMs / 20)));
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.ticking = this.tick()
        .then(
          () => undefined,
          (error: unknown) => this.logger.error({ err: error }, "scheduler tick failed"),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.tickMs).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** Deterministic per-registry delay in [0, jitterMs), so restarts do not reshuffle the plan. */
  jitterOf(registryId: string): number {
    if (this.jitterMs <= 0) return 0;
    return createHash("sha1").update(registryId).digest().readUInt32BE(0) % this.jitterMs;
  }

  /** Queues every due registry; returns how many were queued. */
  async tick(now = Date.now()): Promise<number> {
    const candidates = await sql<{ id: string; last_queued: string | Date | null }>(
      this.dataSource,
      `SELECT r.id AS id, (SELECT MAX(s.queued_at) FROM sync_run s WHERE s.registry_id = r.id) AS last_queued
       FROM registry r WHERE r.protected = ? AND r.sync_enabled = ?`,
      [0, 1],
    );
    let queued = 0;
    for (const candidate of candidates) {
      if (this.engine.activeRun(candidate.id)) continue;
      const last = date(candidate.last_queued)?.getTime() ?? null;
      if (last !== null && last + this.options.intervalMs + this.jitterOf(candidate.id) > now)
        continue;
      const registry = await this.dataSource
        .getRepository(RegistryEntity)
        .findOneBy({ id: candidate.id });
      if (!registry || registry.protected || !registry.syncEnabled) continue;
      try {
        // Re-checked under the registry's lock: another instance may have queued it meanwhile.
        const dueBefore = new Date(now - this.options.intervalMs - this.jitterOf(registry.id));
        if (await this.engine.requestScheduled(registry, dueBefore)) queued++;
      } catch (error) {
        this.logger.warn(
          { registryId: registry.id, err: (error as Error).message },
          "scheduled sync not queued",
        );
      }
    }
    if (queued > 0) this.logger.info({ queued }, "scheduled syncs queued");
    return queued;
  }
}
