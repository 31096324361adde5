import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { type GatewayContext } from "../context";
import { Registry } from "../schema/registry.interface";
import { SyncRun } from "../schema/sync-run.type";
import { notFound } from "../services/api-errors";
import { idOfType } from "../services/ids";
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
    const run = dbId ? await ctx.services.syncs.findVisibleRun(ctx.viewer, dbId) : null;
    return run ? toSyncRun(run) : null;
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
    return toSyncRun(
      await ctx.services.syncs.request(ctx.viewer, idOfType(id, "Registry") ?? "", force),
    );
  }

  @Mutation(() => SyncRun, {
    description: "Cancels a queued or running sync run; the catalog is left as it was.",
  })
  async cancelSync(
    @Arg("runId", () => ID) runId: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<SyncRun> {
    const dbId = idOfType(runId, "SyncRun");
    if (!dbId) throw notFound("Sync run");
    return toSyncRun(await ctx.services.syncs.cancel(ctx.viewer, dbId));
  }

  @FieldResolver(() => Registry, { description: "The registry synchronized." })
  async registry(@Root() run: SyncRun, @Ctx() ctx: GatewayContext): Promise<Registry> {
    const entity = await ctx.loaders.registryById.load(run.registryDbId);
    if (!entity) throw notFound("Registry");
    return toRegistry(entity, ctx.viewer);
  }
}
