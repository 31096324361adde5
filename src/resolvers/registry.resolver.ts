import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { MaxLength } from "class-validator";
import { type GraphQLResolveInfo } from "graphql";
import { type GatewayContext } from "../context";
import { ChartConnection, Chart } from "../schema/chart.type";
import { RegistryKind, RegistryScope, RegistrySyncStatus } from "../schema/enums";
import { Registry, RegistryConnection } from "../schema/registry.interface";
import { SyncRun, SyncRunConnection } from "../schema/sync-run.type";
import { CHART_COLUMNS } from "../services/catalog/catalog-rows";
import { idOfType } from "../services/ids";
import { ChartsArgs, MAX_SEARCH_LENGTH, PageArgs } from "./args";
import { toConnection } from "./connection";
import { toChart, toRegistry, toSyncRun } from "./mappers";
import { chartColumnsFor, latestColumnsFor, primeLatest } from "./selection";

@ArgsType()
class RegistriesArgs extends PageArgs {
  @Field(() => RegistryKind, { nullable: true, description: "Only registries of this kind." })
  kind?: RegistryKind | null;

  @Field(() => RegistryScope, { nullable: true, description: "Only registries of this scope." })
  scope?: RegistryScope | null;

  @Field(() => String, {
    nullable: true,
    description: `Case-insensitive substring of the name or of the endpoint without its query (at most ${MAX_SEARCH_LENGTH} characters).`,
  })
  @MaxLength(MAX_SEARCH_LENGTH)
  search?: string | null;
}

/** Queries over registries and the fields every registry kind shares. */
@Resolver(() => Registry)
export class RegistryResolver {
  @Query(() => RegistryConnection, {
    description: "Registries the viewer can see (their tenant's and the system's), by name.",
  })
  async registries(
    @Args(() => RegistriesArgs) args: RegistriesArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<RegistryConnection> {
    return toConnection(await ctx.services.registries.list(ctx.viewer, args), (entity) =>
      toRegistry(entity, ctx.viewer),
    );
  }

  @Query(() => Registry, {
    nullable: true,
    description: "One registry by id; null when absent or not visible to the viewer.",
  })
  async registry(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<Registry | null> {
    const dbId = idOfType(id, "Registry");
    if (!dbId) return null;
    const entity = await ctx.services.registries.findVisibleForQuery(ctx.viewer, dbId);
    return entity ? toRegistry(entity, ctx.viewer) : null;
  }

  @FieldResolver(() => ChartConnection, {
    description:
      "The registry's charts, by name, or by relevance when `search` is given. Empty for protected registries.",
  })
  async charts(
    @Root() registry: Registry,
    @Args(() => ChartsArgs) args: ChartsArgs,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChartConnection> {
    const columns = chartColumnsFor(info);
    const latestColumns = latestColumnsFor(info);
    const page = await ctx.services.catalog.chartsPage(
      registry.dbId,
      { ...args, trustViewer: ctx.viewer },
      columns,
      latestColumns,
    );
    primeLatest(ctx, latestColumns, page.latest);
    return toConnection(page, (row) => {
      // Only whole rows serve later lookups by id (a version's `chart`, its documents).
      if (columns === CHART_COLUMNS) ctx.loaders.chartById.prime(Number(row.id), row);
      return toChart(row);
    });
  }

  @FieldResolver(() => Chart, {
    nullable: true,
    description: "One chart of the registry by name; null when absent.",
  })
  async chart(
    @Root() registry: Registry,
    @Arg("name", () => String) name: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<Chart | null> {
    const row = await ctx.loaders.chartByName.load({ registryId: registry.dbId, name });
    return row ? toChart(row) : null;
  }

  @FieldResolver(() => SyncRunConnection, {
    description: "The registry's sync runs, newest first.",
  })
  async syncRuns(
    @Root() registry: Registry,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<SyncRunConnection> {
    return toConnection(await ctx.services.runs.page(registry.dbId, args), toSyncRun);
  }

  @FieldResolver(() => SyncRun, {
    nullable: true,
    description: "The registry's newest sync run, if any.",
  })
  async lastSyncRun(
    @Root() registry: Registry,
    @Ctx() ctx: GatewayContext,
  ): Promise<SyncRun | null> {
    const run = await ctx.loaders.latestRunByRegistry.load(registry.dbId);
    return run ? toSyncRun(run) : null;
  }

  @FieldResolver(() => RegistrySyncStatus, {
    description: "Synchronization state: the newest run's status, or why there is none.",
  })
  async syncStatus(
    @Root() registry: Registry,
    @Ctx() ctx: GatewayContext,
  ): Promise<RegistrySyncStatus> {
    if (registry.protected) return RegistrySyncStatus.NOT_APPLICABLE;
    const run = await ctx.loaders.latestRunByRegistry.load(registry.dbId);
    return run ? (run.status as RegistrySyncStatus) : RegistrySyncStatus.NEVER_SYNCED;
  }
}
