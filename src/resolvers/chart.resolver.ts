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
import { type GraphQLResolveInfo } from "graphql";
import { type GatewayContext } from "../context";
import { type VersionDocuments } from "../services/catalog/content.service";
import { ChartVersion } from "../schema/chart-version.type";
import { Chart, ChartConnection, ChartVersionConnection } from "../schema/chart.type";
import { ConstraintViolationKind, PackLayer, RegistryErrorCode } from "../schema/enums";
import { ProfileLayerCheck, ProfileLayerInput, ProfileValidation } from "../schema/profile.type";
import { type DirectField } from "../schema/direct-resolvers";
import { Registry } from "../schema/registry.interface";
import { ChartReferenceCheck } from "../schema/results.type";
import { badInput, notFound } from "../services/api-errors";
import { CHART_COLUMNS } from "../services/catalog/catalog-rows";
import { idOfType } from "../services/ids";
import { ChartsArgs, PageArgs } from "./args";
import { LazyEdge, LazyPageInfo, toConnection } from "./connection";
import { toChart, toChartVersion, toRegistry } from "./mappers";
import { chartColumnsFor, latestColumnsFor, primeLatest, versionColumnsFor } from "./selection";

/** Most layers `validateProfileLayers` takes (a profile has a few dozen at most). */
const MAX_PROFILE_LAYERS = 100;

@ArgsType()
class VersionsArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "Only versions of exactly this text, or matching this constraint as Helm's `--version` reads it " +
      "(Masterminds semver: `>= 0.1, < 0.2` (comma is AND), `^1.4`, `~1.2`, `1.2.x`, `1.0 - 2`, `a || b`). " +
      "BAD_USER_INPUT when it is neither a constraint nor the text of a version of the chart.",
  })
  range?: string | null;

  @Field(() => Boolean, { defaultValue: true, description: "Include prerelease versions." })
  includePrerelease!: boolean;

  @Field(() => Boolean, { defaultValue: true, description: "Include deprecated versions." })
  includeDeprecated!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Only versions that are (true) or are not (false) VERIFIED for the viewer's trust policy (see " +
      "`verification`; a Helm version counts once its provenance file has been read).",
  })
  verified?: boolean | null;
}

/** Charts: their versions and registry, version resolution and reference checks. */
@Resolver(() => Chart)
export class ChartResolver {
  @FieldResolver(() => ChartVersion, {
    nullable: true,
    description:
      "The highest stable version, or the highest prerelease when the chart has no stable one.",
  })
  async latestVersion(
    @Root() chart: Chart,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChartVersion | null> {
    if (chart.latestVersionDbId == null) return null;
    const row = await ctx.loaders
      .versionById(versionColumnsFor(info, []))
      .load(chart.latestVersionDbId);
    return row ? toChartVersion(row) : null;
  }

  @FieldResolver(() => ChartVersionConnection, {
    description: "The chart's versions, highest semantic version first.",
  })
  async versions(
    @Root() chart: Chart,
    @Args(() => VersionsArgs) args: VersionsArgs,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChartVersionConnection> {
    const page = await ctx.loaders
      .versionPages(
        { ...args, trustViewer: ctx.viewer },
        versionColumnsFor(info, ["edges", "node"]),
      )
      .load({ id: chart.dbId, versionCount: chart.versionCount });
    const edges = page.rows.map(
      (row) => new LazyEdge(toChartVersion(row), "versions", [row.sort_key, Number(row.id)]),
    );
    return {
      totalCount: page.totalCount,
      edges,
      pageInfo: new LazyPageInfo(page.hasNextPage, page.hasPreviousPage, edges),
    };
  }

  @FieldResolver(() => Registry, { description: "The registry the chart belongs to." })
  async registry(@Root() chart: Chart, @Ctx() ctx: GatewayContext): Promise<Registry> {
    const entity = await ctx.loaders.registryById.load(chart.registryDbId);
    if (!entity) throw notFound("Registry");
    return toRegistry(entity, ctx.viewer);
  }

  @Query(() => ChartVersion, {
    nullable: true,
    description:
      "Resolves a version as `helm pull --version` does: the version of exactly that text, else the highest " +
      "version (in the catalog's one order, see the README) matching it as a Helm constraint (`>= 0.1, < 0.2`, " +
      "`^1.4`, `~1.2`, `1.2.x`, `a || b`); for packs also a parent tag with its group (`lts__1.2.x`) or a group " +
      "label (`lts__1.2.3`), as `parentTags` lists them. Null when nothing matches; NOT_FOUND when the registry or " +
      "chart is unknown.",
  })
  async resolveChartVersion(
    @Arg("registryId", () => ID) registryId: string,
    @Arg("chart", () => String) chartName: string,
    @Arg("version", () => String) version: string,
    @Arg("includePrerelease", () => Boolean, {
      defaultValue: false,
      description:
        "Let a constraint match prereleases (Masterminds `IncludePrerelease`; a constraint group that names a " +
        "prerelease always may).",
    })
    includePrerelease: boolean,
    @Ctx() ctx: GatewayContext,
  ): Promise<ChartVersion | null> {
    const registry = await ctx.services.registries.getVisible(
      ctx.viewer,
      idOfType(registryId, "Registry") ?? "",
    );
    const chart = await ctx.loaders.chartByName.load({ registryId: registry.id, name: chartName });
    if (!chart) throw notFound(`Chart "${chartName}"`);
    const row = await ctx.services.catalog.resolveVersion(
      Number(chart.id),
      version,
      includePrerelease,
      chart.kind,
    );
    return row ? toChartVersion(row) : null;
  }

  @Query(() => ChartConnection, {
    description:
      "Charts of every synchronized registry the viewer sees, with the same search and filters as " +
      "`Registry.charts`: by name (then registry), or by relevance when `search` is given. Protected registries " +
      "have no catalog and are not searched.",
  })
  async searchCharts(
    @Args(() => ChartsArgs) args: ChartsArgs,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChartConnection> {
    const columns = chartColumnsFor(info);
    const latestColumns = latestColumnsFor(info);
    const page = await ctx.services.catalog.searchCharts(
      ctx.viewer,
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

  @Query(() => ProfileValidation, {
    description:
      "Checks the layers of a cluster profile: resolves each layer's version (parent tags included; protected " +
      "registries by a targeted check) and checks every pack constraint (required dependencies, min/max versions, " +
      "unsupported combinations) against the other layers.",
  })
  async validateProfileLayers(
    @Arg("layers", () => [ProfileLayerInput]) layers: ProfileLayerInput[],
    @Ctx() ctx: GatewayContext,
  ): Promise<ProfileValidation> {
    if (layers.length > MAX_PROFILE_LAYERS) {
      throw badInput(`A profile has at most ${MAX_PROFILE_LAYERS} layers`, "layers");
    }
    const outcomes = await ctx.services.profiles.validate(ctx.viewer, layers);
    const checks: ProfileLayerCheck[] = outcomes.map((o) => ({
      ...o,
      status: o.status,
      layer: o.layer as PackLayer | null,
      violations: o.violations.map((v) => ({
        kind: v.kind as ConstraintViolationKind,
        packName: v.packName,
        dependencyLayer: v.dependencyLayer as PackLayer | null,
        minVersion: v.minVersion,
        maxVersion: v.maxVersion,
        foundVersion: v.foundVersion,
        message: v.message,
      })),
    }));
    return {
      valid: checks.every((c) => c.status === "VERIFIED" && c.violations.length === 0),
      layers: checks,
    };
  }

  @Query(() => ChartReferenceCheck, {
    description:
      "Checks that a registry hosts a chart name and version. Protected (and never-synchronized) registries are asked " +
      "with a targeted lookup and nothing is stored; synchronized registries are answered from the catalog.",
  })
  async checkChartReference(
    @Arg("registryId", () => ID) registryId: string,
    @Arg("chart", () => String) chartName: string,
    @Arg("version", () => String) version: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<ChartReferenceCheck> {
    const registry = await ctx.services.registries.getVisible(
      ctx.viewer,
      idOfType(registryId, "Registry") ?? "",
    );
    const result = await ctx.services.references.check(registry, chartName, version);
    return {
      status: result.status,
      message: result.message,
      chart: chartName,
      version,
      errorCode: (result.error?.code as RegistryErrorCode | undefined) ?? null,
      checkedAt: new Date(),
    };
  }
}

/**
 * The Chart fields a page resolves once per chart, called without type-graphql's wrapper (see
 * schema/direct-resolvers.ts): the methods above, with the same arguments.
 */
export function chartDirectFields(resolver = new ChartResolver()): DirectField[] {
  return [
    {
      type: "Chart",
      field: "versions",
      args: VersionsArgs,
      resolve: (chart: Chart, args: VersionsArgs, ctx: GatewayContext, info: GraphQLResolveInfo) =>
        resolver.versions(chart, args, ctx, info),
    },
    {
      type: "Chart",
      field: "latestVersion",
      resolve: (chart: Chart, _args: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) =>
        resolver.latestVersion(chart, ctx, info),
    },
  ];
}

/** Back-references of chart versions. */
@Resolver(() => ChartVersion)
export class ChartVersionResolver {
  @FieldResolver(() => Chart, { description: "The chart this version belongs to." })
  async chart(@Root() version: ChartVersion, @Ctx() ctx: GatewayContext): Promise<Chart> {
    const row = await ctx.loaders.chartById.load(version.chartDbId);
    if (!row) throw notFound("Chart");
    return toChart(row);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The chart's values.yaml (a pack's values.yaml); null when the package has none. Read from the package on " +
      "first request and cached by package digest; CONTENT_UNAVAILABLE when the package cannot be read.",
  })
  async values(@Root() version: ChartVersion, @Ctx() ctx: GatewayContext): Promise<string | null> {
    return (await documentsOf(version, ctx)).values;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The README of the package; null when it has none. Fetched and cached like `values`.",
  })
  async readme(@Root() version: ChartVersion, @Ctx() ctx: GatewayContext): Promise<string | null> {
    return (await documentsOf(version, ctx)).readme;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The values schema: values.schema.json of a chart, schema.yaml of a pack; null when there is none. " +
      "Fetched and cached like `values`.",
  })
  async valuesSchema(
    @Root() version: ChartVersion,
    @Ctx() ctx: GatewayContext,
  ): Promise<string | null> {
    return (await documentsOf(version, ctx)).schema;
  }
}

/** The documents of a version's package, through the content cache. */
export async function documentsOf(
  version: ChartVersion,
  ctx: GatewayContext,
): Promise<VersionDocuments> {
  const chart = await ctx.loaders.chartById.load(version.chartDbId);
  if (!chart) throw notFound("Chart");
  const registry = await ctx.loaders.registryById.load(chart.registry_id);
  if (!registry) throw notFound("Registry");
  return ctx.services.content.documents(registry, {
    chart: chart.name,
    version: version.version,
    urls: version.urls,
    digest: version.digest,
    ociReference: version.ociReference,
  });
}
