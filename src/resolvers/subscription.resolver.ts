import {
  Arg,
  Ctx,
  ID,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from "type-graphql";
import { type GatewayContext } from "../context";
import { type SyncRunEntity } from "../entities";
import { CatalogChange, SyncProgress } from "../schema/sync-progress.type";
import { type SyncPhase, type SyncRunStatus } from "../schema/enums";
import { notFound } from "../services/api-errors";
import { idOfType, toGlobalId } from "../services/ids";
import { canSee, type Viewer } from "../access/viewer";
import { eventStream } from "../sync/event-stream";
import { countsOf, type CatalogChangedEvent, type SyncProgressEvent } from "../sync/sync-events";
import { TERMINAL_STATUSES } from "../sync/sync-engine";

interface ProgressArgs {
  registryId?: string | null;
  runId?: string | null;
}

function visibleTo(viewer: Viewer, event: { tenantId: string | null }): boolean {
  return canSee(viewer, {
    scope: event.tenantId === null ? "SYSTEM" : "TENANT",
    tenantId: event.tenantId,
  });
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

/**
 * Progress of sync runs for the viewer. The bus subscription is opened before the current state
 * is read, so no event falls between the replayed state and the live stream.
 */
async function progressStream(
  data: SubscribeResolverData<unknown, ProgressArgs, GatewayContext>,
): Promise<AsyncIterable<SyncProgressEvent>> {
  const { context: ctx, args } = data;
  const { services, viewer } = ctx;
  const registryDbId = args.registryId ? idOfType(args.registryId, "Registry") : null;
  const runDbId = args.runId ? idOfType(args.runId, "SyncRun") : null;
  if ((args.registryId && !registryDbId) || (args.runId && !runDbId))
    throw notFound(args.runId ? "Sync run" : "Registry");
  if (registryDbId) await services.registries.getVisible(viewer, registryDbId);

  const source = await services.events.progress();
  try {
    const initial: SyncProgressEvent[] = [];
    if (runDbId) {
      const [run] = await services.runs.byIds([runDbId]);
      const registry = run ? await services.registries.findVisible(viewer, run.registryId) : null;
      if (!run || !registry || (registryDbId && run.registryId !== registryDbId))
        throw notFound("Sync run");
      const live = services.sync.currentState(run.id);
      initial.push(live ?? finalEvent(run, registry.tenantId));
    } else if (registryDbId) {
      const active = services.sync.activeRun(registryDbId);
      const live = active ? services.sync.currentState(active.id) : undefined;
      if (live) initial.push(live);
    }
    return eventStream(source, {
      initial,
      select: (event) =>
        (!runDbId || event.runId === runDbId) &&
        (!registryDbId || event.registryId === registryDbId) &&
        visibleTo(viewer, event)
          ? event
          : undefined,
      // A stream of one run ends with its terminal event; wider streams go on.
      isLast: (event) => Boolean(runDbId) && TERMINAL_STATUSES.has(event.status),
    });
  } catch (error) {
    await source.return?.();
    throw error;
  }
}

async function catalogStream(
  data: SubscribeResolverData<unknown, { registryId?: string | null }, GatewayContext>,
): Promise<AsyncIterable<CatalogChangedEvent>> {
  const { context: ctx, args } = data;
  const registryDbId = args.registryId ? idOfType(args.registryId, "Registry") : null;
  if (args.registryId && !registryDbId) throw notFound("Registry");
  if (registryDbId) await ctx.services.registries.getVisible(ctx.viewer, registryDbId);
  return eventStream(await ctx.services.events.catalogChanges(), {
    select: (event) =>
      (!registryDbId || event.registryId === registryDbId) && visibleTo(ctx.viewer, event)
        ? event
        : undefined,
  });
}

/** Live sync progress and the catalog change feed, over graphql-ws. */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => SyncProgress, {
    description:
      "Progress of sync runs: of one run (`runId`; the stream ends after its terminal event), of one registry's runs " +
      "(`registryId`), or of every registry the viewer can see. A subscriber joining mid-run first receives the " +
      "run's current state.",
    subscribe: (data: SubscribeResolverData<unknown, ProgressArgs, GatewayContext>) =>
      progressStream(data),
  })
  syncProgress(
    @Root() event: SyncProgressEvent,
    @Arg("registryId", () => ID, { nullable: true, description: "Only runs of this registry." })
    _registryId: string | null,
    @Arg("runId", () => ID, { nullable: true, description: "Only this run." })
    _runId: string | null,
    @Ctx() _ctx: GatewayContext,
  ): SyncProgress {
    return Object.assign(new SyncProgress(), {
      runDbId: event.runId,
      registryDbId: event.registryId,
      runId: toGlobalId("SyncRun", event.runId),
      registryId: toGlobalId("Registry", event.registryId),
      status: event.status as SyncRunStatus,
      phase: event.phase as SyncPhase,
      done: event.done,
      total: event.total,
      ratePerSecond: event.ratePerSecond,
      counts: event.counts,
      bytesFetched: event.bytesFetched,
      message: event.message,
      at: event.at,
    });
  }

  @Subscription(() => CatalogChange, {
    description:
      "After each completed sync run that changed a catalog, the versions added and removed: a change feed, so " +
      "dashboards need not poll. Without `registryId`, every registry the viewer can see.",
    subscribe: (
      data: SubscribeResolverData<unknown, { registryId?: string | null }, GatewayContext>,
    ) => catalogStream(data),
  })
  catalogChanged(
    @Root() event: CatalogChangedEvent,
    @Arg("registryId", () => ID, { nullable: true, description: "Only changes of this registry." })
    _registryId: string | null,
  ): CatalogChange {
    return Object.assign(new CatalogChange(), {
      registryId: toGlobalId("Registry", event.registryId),
      runId: toGlobalId("SyncRun", event.runId),
      added: event.added,
      removed: event.removed,
      addedCount: event.addedCount,
      removedCount: event.removedCount,
      updatedCount: event.updatedCount,
      at: event.at,
    });
  }
}
