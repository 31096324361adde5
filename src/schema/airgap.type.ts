import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ChartVersion } from "./chart-version.type";
import { ChartImage } from "./compare.type";

@InputType({ description: "One layer of an air-gap bundle: a chart of a registry at a version." })
export class AirGapLayerInput {
  @Field(() => ID, { description: "The registry (global id)." })
  registryId!: string;

  @Field(() => String, { description: "The chart's name." })
  chart!: string;

  @Field(() => String, {
    description:
      "The version, or a range (`7.4.x`, `>=31 <32`) or floating tag resolved as in `resolveChartVersion`.",
  })
  version!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The namespace the Zarf component deploys the chart to; the chart's name when null.",
  })
  namespace?: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "Why a layer of an air-gap bundle did not resolve; the other layers are bundled.",
})
export class AirGapLayerError {
  @Field(() => String, {
    description:
      "The error code, as `extensions.code` would carry it: NOT_FOUND (registry, chart or no matching " +
      "version), BAD_USER_INPUT (a version that is no version or range), CONTENT_UNAVAILABLE, …",
  })
  code!: string;

  @Field(() => String, { description: "What went wrong, for people." })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: "The input field at fault: `registryId`, `chart` or `version`; null when none.",
  })
  field!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "One layer of an air-gap bundle, resolved." })
export class AirGapLayer {
  @Field(() => Int, { description: "The layer's position in the input list." })
  index!: number;

  @Field(() => String, { description: "The chart's name, as asked." })
  chart!: string;

  @Field(() => String, { description: "The version or range, as asked." })
  requested!: string;

  @Field(() => ChartVersion, {
    nullable: true,
    description: "The version the layer resolved to; null when it did not resolve (see `error`).",
  })
  chartVersion!: ChartVersion | null;

  @Field(() => [ChartImage], {
    description:
      "The images the chart itself names: declared ones first, then those inferred from its default values " +
      "(`inferred: true`). Its vendored sub-charts' images are in `hauler` and `zarf` only. Empty when the " +
      "layer did not resolve.",
  })
  images!: ChartImage[];

  @Field(() => AirGapLayerError, {
    nullable: true,
    description: "Why the layer did not resolve; null when it did.",
  })
  error!: AirGapLayerError | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "What an air-gapped install of a set of layers needs, for Hauler and for Zarf.",
})
export class AirGapBundle {
  @Field(() => String, {
    description:
      "A Hauler manifest (YAML, two documents of `content.hauler.cattle.io/v1`): `Charts` with each Helm " +
      "chart's name, repoURL (`oci://…` for OCI charts) and version, and `Images` with each image's full " +
      "reference, the images of the sub-charts vendored in each chart package included. Inferred images " +
      "carry a `# inferred from default values` comment, a sub-chart's a `# sub-chart <name>: …` one.",
  })
  hauler!: string;

  @Field(() => String, {
    description:
      "A Zarf package definition (`zarf.yaml`, kind ZarfPackageConfig): one required component per " +
      "resolved layer with its chart (name, version, url, namespace; `repoName` when the Helm name is " +
      "not a name Zarf accepts) and images, its vendored sub-charts' included.",
  })
  zarf!: string;

  @Field(() => [AirGapLayer], { description: "The layers, in input order." })
  layers!: AirGapLayer[];

  @Field(() => [String], {
    description:
      "What the bundle may lack: layers whose package could not be read, packs and Zarf packages (no Helm " +
      "chart), layers without images, images only inferred from values, sub-charts disabled by default " +
      "(left out), dependencies declared but not vendored, sub-charts nested too deep to be read.",
  })
  warnings!: string[];
}
