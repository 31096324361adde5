import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { type GatewayContext } from "../context";
import { AirGapBundle, AirGapLayerInput } from "../schema/airgap.type";
import { idOfType } from "../services/ids";
import { airGapBundle, MAX_BUNDLE_LAYERS } from "../services/compare/airgap.service";
import { toChartImage } from "./compare.resolver";
import { toChartVersion } from "./mappers";

/** Air-gap bundles (Hauler manifest, Zarf package) of a profile's layers. */
@Resolver(() => AirGapBundle)
export class AirGapResolver {
  @Query(() => AirGapBundle, {
    description:
      "An air-gap bundle for a profile's layers: each layer's version resolves as in `compareChartVersions`, " +
      "its images are gathered as in `ChartVersion.images` (inferred ones included and marked), and a Hauler " +
      "manifest and a Zarf package definition list the charts and images. A layer that does not resolve " +
      "gets a typed `error` and is left out of both documents; the query itself does not fail for it. " +
      "BAD_USER_INPUT for an empty or too long layer list, a bad name or namespace.",
  })
  async airGapBundle(
    @Arg("layers", () => [AirGapLayerInput], {
      description: `The layers (1 to ${MAX_BUNDLE_LAYERS}).`,
    })
    layers: AirGapLayerInput[],
    @Arg("name", () => String, {
      nullable: true,
      description:
        "The Zarf package's name (lower-case letters, digits and `-`); the Hauler documents are named after " +
        "it. `air-gap-bundle` when null.",
    })
    name: string | null | undefined,
    @Arg("includePrerelease", () => Boolean, {
      defaultValue: false,
      description: "Let a range match prereleases (as in `resolveChartVersion`).",
    })
    includePrerelease: boolean,
    @Ctx() ctx: GatewayContext,
  ): Promise<AirGapBundle> {
    const bundle = await airGapBundle(
      ctx.services.compare,
      ctx.viewer,
      layers.map((l) => ({
        registryId: idOfType(l.registryId, "Registry") ?? "",
        chart: l.chart,
        version: l.version,
        namespace: l.namespace ?? null,
      })),
      name ?? "air-gap-bundle",
      includePrerelease,
    );
    return {
      hauler: bundle.hauler,
      zarf: bundle.zarf,
      warnings: bundle.warnings,
      layers: bundle.layers.map((l) => ({
        index: l.index,
        chart: l.spec.chart,
        requested: l.spec.version,
        chartVersion: l.version ? toChartVersion(l.version) : null,
        images: l.images.map(toChartImage),
        error: l.error,
      })),
    };
  }
}
