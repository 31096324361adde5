import {
  Arg,
  Field,
  ID,
  ObjectType,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from "type-graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { type GatewayContext } from "../context";
import { ChartVersion } from "../schema/chart-version.type";
import { type PublishedVersion } from "../services/catalog/version-feed";
import { idOfType, toGlobalId } from "../services/ids";
import { toChartVersion } from "./mappers";

@ObjectType({
  description: "A version that entered a registry's catalog (`chartVersionPublished`).",
})
export class ChartVersionPublished {
  @Field(() => ID, { description: "Global id of the registry." })
  registryId!: string;

  @Field(() => ID, { description: "Global id of the sync run that added the version." })
  runId!: string;

  @Field(() => String, { description: "Name of the chart." })
  chart!: string;

  @Field(() => ChartVersion, { description: "The version, as `versions` would list it." })
  version!: ChartVersion;

  @Field(() => GraphQLDateTimeISO, { description: "When the run committed it." })
  publishedAt!: string;
}

interface PublishedArgs {
  registryId: string;
  chart?: string | null;
  range?: string | null;
}

/** Versions entering a registry's catalog, pushed as sync runs add them. */
@Resolver()
export class ChartVersionPublishedResolver {
  @Subscription(() => ChartVersionPublished, {
    description:
      "Each version that enters a registry's catalog (a completed sync run added it) and matches `chart` and " +
      "`range`, one event per version, on every instance of a fleet. A registry the viewer cannot see is " +
      "NOT_FOUND. A run that adds more than 1,000 versions reports its first 1,000.",
    subscribe: (data: SubscribeResolverData<unknown, PublishedArgs, GatewayContext>) =>
      data.context.services.versionFeed.published(
        data.context.viewer,
        idOfType(data.args.registryId, "Registry") ?? "",
        data.args.chart ?? null,
        data.args.range ?? null,
      ),
  })
  chartVersionPublished(
    @Root() published: PublishedVersion,
    @Arg("registryId", () => ID, { description: "The registry watched." }) _registryId: string,
    @Arg("chart", () => String, {
      nullable: true,
      description: "Only versions of this chart (exact name).",
    })
    _chart: string | null,
    @Arg("range", () => String, {
      nullable: true,
      description:
        "Only versions in this range: a version, a semver range or a Helm constraint (`>=1.2 <2`, `^1.4`, `1.2.x`); " +
        "prereleases only when the range names one. None: every version.",
    })
    _range: string | null,
  ): ChartVersionPublished {
    return Object.assign(new ChartVersionPublished(), {
      registryId: toGlobalId("Registry", published.registryId),
      runId: toGlobalId("SyncRun", published.runId),
      chart: published.chart,
      version: toChartVersion(published.row),
      publishedAt: published.at,
    });
  }
}
