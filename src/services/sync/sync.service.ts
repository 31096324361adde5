import { canSeeEvent } from "../../access/access-policy";
import { type Viewer } from "../../access/viewer";
import { type RegistryEntity, type SyncRunEntity } from "../../entities";
import { eventStream } from "../../sync/event-stream";
import { type SyncEngine, SyncRefusal, TERMINAL_STATUSES } from "../../sync/sync-engine";
import {
  countsOf,
  type CatalogChangedEvent,
  type SyncEventBus,
  type SyncProgressEvent,
} from "../../sync/sync-events";
import { ApiErrorCode, apiError, authorize, notFound } from "../api-errors";
import { type RegistryService } from "../registries/registry.service";
import { type SyncBudget } from "./rate-limit";
import { type SyncRunService } from "./sync-run.service";

/** What a progress subscription watches: one run, one registry's runs, or everything visible. */
export interface ProgressFilter {
  /** Store id of a registry. */
  registryId?: string | null;
  /** Store id of a run. */
  runId?: string | null;
}

/**
 * Between the API and the sync engine: requests, joins, forces and cancels runs for a viewer,
 * spends the per-tenant budget, and opens the progress and change streams a viewer may see
 * (with the current state replayed first). Every method asks the access policy before it does
 * anything else, and turns the engine's typed refusals into API errors.
 */
export class SyncService {
  constructor(
    private readonly engine: SyncEngine,
    private readonly registries: RegistryService,
    private readonly runs: SyncRunService,
    private readonly events: SyncEventBus,
    /** Per-tenant budget of sync requests (SYNC_REQUESTS_PER_MINUTE). */
    private readonly budget: SyncBudget,
  ) {}

  /**
   * Starts a sync of a registry, or joins the run in flight; `force` interrupts a run older than
   * the force threshold and starts again. Refusals (not visible, not allowed, protected, too
   * early, over budget) change nothing.
   */
  async request(viewer: Viewer, registryId: string, force: boolean): Promise<SyncRunEntity> {
    const registry = await this.registries.byId(registryId);
    if (!registry) throw notFound("Registry");
    authorize(viewer, force ? "force" : "sync", registry);
    const refused = await this.engine.refusal(registry, force);
    if (refused) throw asApiError(refused);
    const spent = await this.budget.take(viewer.tenantId ?? "(system)");
    if (!spent.allowed) {
      throw apiError(
        ApiErrorCode.RATE_LIMITED,
        `Too many sync requests from this tenant (SYNC_REQUESTS_PER_MINUTE); try again in ${spent.retryAfterSeconds} s`,
        { retryAfterSeconds: spent.retryAfterSeconds },
      );
    }
    try {
      return await this.engine.request(registry, "MANUAL", force);
    } catch (error) {
      throw error instanceof SyncRefusal ? asApiError(error) : error;
    }
  }

  /** Cancels a queued or running run; a finished run is returned as it is. */
  async cancel(viewer: Viewer, runId: string): Promise<SyncRunEntity> {
    const { run, registry } = await this.runWithRegistry(runId);
    if (!run || !registry) throw notFound("Sync run");
    authorize(viewer, "cancel", registry, "Sync run");
    return (await this.engine.cancel(run.id)) ?? run;
  }

  /** A run by store id if the viewer may see its registry, else null. */
  async findVisibleRun(viewer: Viewer, runId: string): Promise<SyncRunEntity | null> {
    const { run, registry } = await this.runWithRegistry(runId);
    if (!run || !registry) return null;
    try {
      authorize(viewer, "see", registry);
      return run;
    } catch {
      return null;
    }
  }

  /**
   * Progress of the runs the filter names that the viewer may see. The bus subscription is
   * opened before the current state is read, so no event falls between the replayed state and
   * the live stream; a stream of one run ends after its terminal event.
   */
  async progress(
    viewer: Viewer,
    filter: ProgressFilter,
  ): Promise<AsyncIterable<SyncProgressEvent>> {
    const { registryId, runId } = filter;
    if (registryId) await this.registries.getVisible(viewer, registryId);
    const source = await this.events.progress();
    try {
      const initial: SyncProgressEvent[] = [];
      if (runId) {
        const run = await this.findVisibleRun(viewer, runId);
        if (!run || (registryId && run.registryId !== registryId)) throw notFound("Sync run");
        const registry = await this.registries.byId(run.registryId);
        initial.push(this.engine.currentState(run.id) ?? finalEvent(run, registry!.tenantId));
      } else if (registryId) {
        const live = this.engine.currentStateOfRegistry(registryId);
        if (live) initial.push(live);
      }
      return eventStream(source, {
        initial,
        select: (event) =>
          (!runId || event.runId === runId) &&
          (!registryId || event.registryId === registryId) &&
          canSeeEvent(viewer, event)
            ? event
            : undefined,
        isLast: (event) => Boolean(runId) && TERMINAL_STATUSES.has(event.status),
      });
    } catch (error) {
      await source.return?.();
      throw error;
    }
  }

  /** The change feed of one registry, or of every registry the viewer sees. */
  async catalogChanges(
    viewer: Viewer,
    registryId: string | null,
  ): Promise<AsyncIterable<CatalogChangedEvent>> {
    if (registryId) await this.registries.getVisible(viewer, registryId);
    return eventStream(await this.events.catalogChanges(), {
      select: (event) =>
        (!registryId || event.registryId === registryId) && canSeeEvent(viewer, event)
          ? event
          : undefined,
    });
  }

  private async runWithRegistry(
    runId: string,
  ): Promise<{ run: SyncRunEntity | null; registry: RegistryEntity | null }> {
    const [run] = await this.runs.byIds([runId]);
    if (!run) return { run: null, registry: null };
    return { run, registry: await this.registries.byId(run.registryId) };
  }
}

/** A finished run as a progress event (what a subscriber to a finished run receives). */
function finalEvent(run: SyncRunEntity, tenantId: string | null): SyncProgressEvent {
  return {
    runId: run.id,
    registryId: run.registryId,
    tenantId,
    status: run.status,
    phase: run.phase,
    done: null,
    total: null,
    ratePerSecond: null,
    counts: countsOf(run),
    bytesFetched: run.bytesFetched,
    message: run.errorMessage ?? null,
    at: (run.finishedAt ?? run.queuedAt).toISOString(),
  };
}

function asApiError(refusal: SyncRefusal) {
  return apiError(
    refusal.code === "NOT_ALLOWED"
      ? ApiErrorCode.SYNC_NOT_ALLOWED
      : ApiErrorCode.SYNC_FORCE_TOO_EARLY,
    refusal.message,
    refusal.details,
  );
}
