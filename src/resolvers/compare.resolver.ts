import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { type GatewayContext } from "../context";
import { ChartVersion } from "../schema/chart-version.type";
import { ChartImage, ChartVersionComparison, ImageUse } from "../schema/compare.type";
import { idOfType } from "../services/ids";
import { ChartKind } from "../domain/enums";
import { declaredImages, inferredImagesOf, type VersionImage } from "../services/compare/images";
import { MAX_IMAGE_USES } from "../services/compare/image-usage.service";
import { documentsOf } from "./chart.resolver";
import { toChartVersion, toPackDependency } from "./mappers";

/** Comparisons of two versions, and the versions that pull an image. */
@Resolver(() => ChartVersionComparison)
export class CompareResolver {
  @Query(() => ChartVersionComparison, {
    description:
      "What changes from one version of a chart to another: default values (typed paths), the values schema " +
      "(breaking changes apart; a pack's schema.yaml compared in the same terms), dependencies, a pack's " +
      "constraints, a Zarf package's definition (`zarf`: components, charts, images, manifests, variables), appVersion / kubeVersion / deprecated, the changelog of every " +
      "version in between and the images pulled. `from` and `to` resolve as in `resolveChartVersion` (an exact " +
      "version, a range such as `6.0.x`, a floating tag), so a comparison can go either way. Values and schema " +
      "(and a Zarf package's zarf.yaml) are read from the package once per digest and cached; NOT_FOUND (with `extensions.field`) when the " +
      "registry, chart or a version is unknown; CONTENT_UNAVAILABLE when a package cannot be read.",
  })
  async compareChartVersions(
    @Arg("registryId", () => ID, { description: "The registry (global id)." }) registryId: string,
    @Arg("chart", () => String, { description: "The chart's name." }) chart: string,
    @Arg("from", () => String, { description: "The version compared from (or a range)." })
    from: string,
    @Arg("to", () => String, { description: "The version compared to (or a range)." }) to: string,
    @Arg("includePrerelease", () => Boolean, {
      defaultValue: false,
      description: "Let a range match prereleases (as in `resolveChartVersion`).",
    })
    includePrerelease: boolean,
    @Ctx() ctx: GatewayContext,
  ): Promise<ChartVersionComparison> {
    const c = await ctx.services.compare.compare(
      ctx.viewer,
      idOfType(registryId, "Registry") ?? "",
      chart,
      from,
      to,
      includePrerelease,
    );
    return {
      ...c,
      from: toChartVersion(c.from),
      to: toChartVersion(c.to),
      images: {
        added: c.images.added.map(toChartImage),
        removed: c.images.removed.map(toChartImage),
      },
      constraints: c.constraints && {
        dependencies: c.constraints.dependencies.map((d) => ({
          ...d,
          from: d.from && toPackDependency(d.from),
          to: d.to && toPackDependency(d.to),
        })),
        resources: c.constraints.resources,
      },
    };
  }

  @Query(() => [ImageUse], {
    description:
      "The chart versions, in every registry the viewer sees, that pull an image: declared in `helm.sh/images` " +
      "or `artifacthub.io/images`, listed by a Zarf package, or inferred from values already read (see " +
      "`ChartVersion.images`; a package never read is not fetched for this). Ordered by registry, chart name, " +
      "then highest version first.",
  })
  async chartVersionsUsingImage(
    @Arg("repository", () => String, {
      description:
        "The image repository, as Docker reads it: `jenkins/jenkins`, `docker.io/jenkins/jenkins` and " +
        "`redis` (= `docker.io/library/redis`); `ghcr.io/dexidp/dex` for another registry. No tag.",
    })
    repository: string,
    @Arg("tag", () => String, { nullable: true, description: "Only this tag; any tag when null." })
    tag: string | null,
    @Arg("first", () => Int, {
      defaultValue: 50,
      description: `At most this many versions (0 to ${MAX_IMAGE_USES}).`,
    })
    first: number,
    @Ctx() ctx: GatewayContext,
  ): Promise<ImageUse[]> {
    const uses = await ctx.services.imageUsage.versionsUsing(
      ctx.viewer,
      repository,
      tag ?? null,
      first,
    );
    return uses.map((use) => ({
      chartVersion: toChartVersion(use.version),
      images: use.images.map(toChartImage),
    }));
  }
}

/** The images of a chart version. */
@Resolver(() => ChartVersion)
export class ChartVersionImagesResolver {
  @FieldResolver(() => [ChartImage], {
    description:
      "The container images this version pulls: declared in `helm.sh/images` (HIP-0015) or " +
      "`artifacthub.io/images`, then (unless `inferred: false`) inferred from the image shapes of the default " +
      "values, which reads the package once per digest like `values`. For a Zarf package: its own image list " +
      "(source ZARF_PACKAGE, recorded when catalogued, so no registry request), whatever `inferred` says, " +
      "since a Zarf package has no default values of its own to infer from.",
  })
  async images(
    @Root() version: ChartVersion,
    @Arg("inferred", () => Boolean, {
      defaultValue: true,
      description:
        "Include images inferred from the default values (no effect on a Zarf package, which has none).",
    })
    inferred: boolean,
    @Ctx() ctx: GatewayContext,
  ): Promise<ChartImage[]> {
    const annotations = Object.fromEntries(version.annotations.map((a) => [a.key, a.value]));
    const chart = await ctx.loaders.chartById.load(version.chartDbId);
    const kind = chart?.kind ?? ChartKind.HELM_CHART;
    const images: VersionImage[] = declaredImages(annotations, kind);
    if (inferred && kind !== ChartKind.ZARF_PACKAGE) {
      images.push(...inferredImagesOf((await documentsOf(version, ctx)).values));
    }
    return images.map(toChartImage);
  }
}

export function toChartImage(image: VersionImage): ChartImage {
  return {
    reference: image.reference,
    registry: image.registry,
    repository: image.repository,
    tag: image.tag,
    digest: image.digest,
    name: image.name,
    source: image.source,
    components: image.components ?? [],
    inferred: image.source === "VALUES_INFERRED",
  };
}
