import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { type GatewayContext } from "../context";
import { Registry } from "../schema/registry.interface";
import { SyncRun } from "../schema/sync-run.type";
import { ApiErrorCode, apiError, notFound } from "../services/api-errors";
import { idOfType } from "../services/ids";
import { canSee, canSync } from "../access/viewer";
import { toRegistry, toSyncRun } from "./mappers";

/** Sync runs: requesting, cancelling and reading them. */
@Resolver(() => SyncRun)
export class SyncRunResolver {
  @Query(() => SyncRun, {
    nullable: true,
    description: "One sync run by id; null when absent or not visible.",
  })
  async syncRun(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<SyncRun | null> {
    const dbId = idOfType(id, "SyncRun");
    const run = dbId ? await ctx.loaders.runById.load(dbId) : null;
    if (!run) return null;
    const registry = await ctx.loaders.registryById.load(run.registryId);
    return registry && canSee(ctx.viewer, registry) ? toSyncRun(run) : null;
  }

  @Mutation(() => SyncRun, {
    description:
      "Starts a sync of a registry and returns at once with the run (QUEUED or RUNNING); a registry with a run in " +
      "flight returns that run. `force` interrupts a run older than the force threshold and starts a new one " +
      "(SYNC_FORCE_TOO_EARLY before then). Protected registries cannot be synchronized (SYNC_NOT_ALLOWED). Each tenant " +
      "may make SYNC_REQUESTS_PER_MINUTE calls a minute (RATE_LIMITED beyond).",
  })
  async syncRegistry(
    @Arg("id", () => ID) id: string,
    @Arg("force", () => Boolean, {
      defaultValue: false,
      description: "Interrupt a long-running run and start again.",
    })
    force: boolean,
    @Ctx() ctx: GatewayContext,
  ): Promise<SyncRun> {
    const registry = await ctx.services.registries.getVisible(
      ctx.viewer,
      idOfType(id, "Registry") ?? "",
    );
    if (!canSync(ctx.viewer, registry)) {
      throw apiError(ApiErrorCode.FORBIDDEN, "Only an admin may synchronize registries");
    }
    const budget = ctx.services.syncRequests.take(ctx.viewer.tenantId ?? "(system)");
    if (!budget.allowed) {
      throw apiError(
        ApiErrorCode.RATE_LIMITED,
        `Too many sync requests from this tenant (SYNC_REQUESTS_PER_MINUTE); try again in ${budget.retryAfterSeconds} s`,
        { retryAfterSeconds: budget.retryAfterSeconds },
      );
    }
    return toSyncRun(await ctx.services.sync.request(registry, "MANUAL", force));
  }

  @Mutation(() => SyncRun, {
    description: "Cancels a queued or running sync run; the catalog is left as it was.",
  })
  async cancelSync(
    @Arg("runId", () => ID) runId: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<SyncRun> {
    const dbId = idOfType(runId, "SyncRun");
    const run = dbId ? await ctx.loaders.runById.load(dbId) : null;
    const registry = run ? await ctx.loaders.registryById.load(run.registryId) : null;
    if (!run || !registry || !canSee(ctx.viewer, registry)) throw notFound("Sync run");
    if (!canSync(ctx.viewer, registry)) {
      throw apiError(ApiErrorCode.FORBIDDEN, "Only an admin may cancel sync runs");
    }
    const cancelled = await ctx.services.sync.cancel(run.id);
    return toSyncRun(cancelled ?? run);
  }

  @FieldResolver(() => Registry, { description: "The registry synchronized." })
  async registry(@Root() run: SyncRun, @Ctx() ctx: GatewayContext): Promise<Registry> {
    const entity = await ctx.loaders.registryById.load(run.registryDbId);
    if (!entity) throw notFound("Registry");
    return toRegistry(entity);
  }
}
