import { Field, ID, Int, ObjectType } from "type-graphql";
import { ChartKind, PackLayer } from "./enums";
import { ConnectionType } from "./connection.type";
import { ChartVersion } from "./chart-version.type";
import { toGlobalId } from "../services/ids";
import { Node } from "./node.interface";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    "A chart of one registry. Display fields come from its latest version: the highest stable " +
    "version, or the highest prerelease when it has no stable one.",
})
export class Chart implements Node {
  /** Encoded when a client asks for it. */
  @Field(() => ID, { description: "Opaque global id." })
  get id(): string {
    return toGlobalId("Chart", this.dbId);
  }

  /** Store ids; not part of the API. */
  dbId!: number;
  registryDbId!: string;
  latestVersionDbId!: number | null;

  @Field(() => String, { description: "Chart name, unique within its registry." })
  name!: string;

  @Field(() => ChartKind, {
    description: "What the chart is: a Helm chart, a pack or a Zarf package.",
  })
  kind!: ChartKind;

  @Field(() => String, {
    nullable: true,
    description: "Packs: the display name of the latest version (pack.json `displayName`).",
  })
  displayName!: string | null;

  @Field(() => PackLayer, {
    nullable: true,
    description: "Packs: the profile layer the pack fills; null for other kinds.",
  })
  layer!: PackLayer | null;

  @Field(() => String, {
    nullable: true,
    description: "Packs: the add-on type (logging, monitoring, ingress, …) as pack.json writes it.",
  })
  addonType!: string | null;

  @Field(() => String, { nullable: true, description: "Packs: the add-on sub-type." })
  addonSubType!: string | null;

  @Field(() => [String], {
    description:
      "Packs: the cloud types the pack supports (`all`, `aws`, `vsphere`, …); empty for other kinds.",
  })
  cloudTypes!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      "Packs: the group of the latest version (e.g. LTS), which prefixes its parent tags.",
  })
  group!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Packs: the end-of-life date of the latest version, as pack.json writes it.",
  })
  eol!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Packs: a logo URL when pack.json's annotations name one (`logoUrl`).",
  })
  logoUrl!: string | null;

  @Field(() => String, { nullable: true, description: "Description of the latest version." })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "Icon URL of the latest version." })
  icon!: string | null;

  @Field(() => String, { nullable: true, description: "Home page of the latest version." })
  home!: string | null;

  @Field(() => [String], { description: "Keywords of the latest version." })
  keywords!: string[];

  @Field(() => Boolean, { description: "True when the latest version is deprecated." })
  deprecated!: boolean;

  @Field(() => Int, { description: "Number of versions in the catalog." })
  versionCount!: number;
}

@ObjectType("ChartConnection", { simpleResolvers: true, description: "A page of charts." })
export class ChartConnection extends ConnectionType(Chart, "Chart") {}

@ObjectType("ChartVersionConnection", {
  simpleResolvers: true,
  description: "A page of chart versions, highest semantic version first.",
})
export class ChartVersionConnection extends ConnectionType(ChartVersion, "ChartVersion") {}
