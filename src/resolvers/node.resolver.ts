import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { type GatewayContext } from "../context";
import { Node } from "../schema/node.interface";
import { badInput } from "../services/api-errors";
import { fromGlobalId } from "../services/ids";
import { may } from "../access/access-policy";
import { MAX_PAGE_SIZE } from "../store/keyset";
import { toChart, toChartVersion, toRegistry, toSyncRun } from "./mappers";

/**
 * Relay's `node(id)` and `nodes(ids)`: any object by global id, with the same visibility rules
 * as everywhere. Lookups go through the request's loaders, so `nodes` of many ids is batched.
 */
@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: "Any object by global id; null when absent or not visible.",
  })
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<Node | null> {
    return findNode(id, ctx);
  }

  @Query(() => [Node], {
    nullable: "items",
    description: `Objects by global id, in the order of \`ids\` (at most ${MAX_PAGE_SIZE}); null for each id that is absent or not visible.`,
  })
  async nodes(
    @Arg("ids", () => [ID]) ids: string[],
    @Ctx() ctx: GatewayContext,
  ): Promise<(Node | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) {
      throw badInput(`\`ids\` holds ${ids.length} ids; at most ${MAX_PAGE_SIZE} are served`, "ids");
    }
    return Promise.all(ids.map((id) => findNode(id, ctx)));
  }
}

async function findNode(id: string, ctx: GatewayContext): Promise<Node | null> {
  const decoded = fromGlobalId(id);
  if (!decoded) return null;
  const { loaders, viewer } = ctx;
  const visible = async (registryId: string) => {
    const registry = await loaders.registryById.load(registryId);
    return registry && may(viewer, "see", registry) ? registry : null;
  };
  switch (decoded.type) {
    case "Registry": {
      const registry = await visible(decoded.id);
      return registry ? toRegistry(registry, ctx.viewer) : null;
    }
    case "Chart": {
      const row = await loaders.chartById.load(Number(decoded.id));
      return row && (await visible(row.registry_id)) ? toChart(row) : null;
    }
    case "ChartVersion": {
      const row = await loaders.versionById().load(Number(decoded.id));
      const chart = row ? await loaders.chartById.load(Number(row.chart_id)) : null;
      return row && chart && (await visible(chart.registry_id)) ? toChartVersion(row) : null;
    }
    case "SyncRun": {
      const run = await loaders.runById.load(decoded.id);
      return run && (await visible(run.registryId)) ? toSyncRun(run) : null;
    }
  }
  return null;
}
