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
import { CatalogChange, SyncProgress } from "../schema/sync-progress.type";
import { notFound } from "../services/api-errors";
import { idOfType, toGlobalId } from "../services/ids";
import { type CatalogChangedEvent, type SyncProgressEvent } from "../sync/sync-events";

interface ProgressArgs {
  registryId?: string | null;
  runId?: string | null;
}

/** Progress of sync runs for the viewer (see SyncService.progress). */
async function progressStream(
  data: SubscribeResolverData<unknown, ProgressArgs, GatewayContext>,
): Promise<AsyncIterable<SyncProgressEvent>> {
  const { context: ctx, args } = data;
  const registryId = args.registryId ? idOfType(args.registryId, "Registry") : null;
  const runId = args.runId ? idOfType(args.runId, "SyncRun") : null;
  if ((args.registryId && !registryId) || (args.runId && !runId))
    throw notFound(args.runId ? "Sync run" : "Registry");
  return ctx.services.syncs.progress(ctx.viewer, { registryId, runId });
}

async function catalogStream(
  data: SubscribeResolverData<unknown, { registryId?: string | null }, GatewayContext>,
): Promise<AsyncIterable<CatalogChangedEvent>> {
  const { context: ctx, args } = data;
  const registryId = args.registryId ? idOfType(args.registryId, "Registry") : null;
  if (args.registryId && !registryId) throw notFound("Registry");
  return ctx.services.syncs.catalogChanges(ctx.viewer, registryId);
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
      status: event.status,
      phase: event.phase,
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
