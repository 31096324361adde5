import { Field, ID, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "./connection.type";
import { ChartVersion } from "./chart-version.type";
import { Node } from "./node.interface";

@ObjectType({
  implements: Node,
  description:
    "A chart of one registry. Display fields come from its latest version: the highest stable " +
    "version, or the highest prerelease when it has no stable one.",
})
export class Chart implements Node {
  @Field(() => ID, { description: "Opaque global id." })
  id!: string;

  /** Store ids; not part of the API. */
  dbId!: number;
  registryDbId!: string;
  latestVersionDbId!: number | null;

  @Field(() => String, { description: "Chart name, unique within its registry." })
  name!: string;

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

@ObjectType("ChartConnection", { description: "A page of charts." })
export class ChartConnection extends ConnectionType(Chart, "Chart") {}

@ObjectType("ChartVersionConnection", {
  description: "A page of chart versions, highest semantic version first.",
})
export class ChartVersionConnection extends ConnectionType(ChartVersion, "ChartVersion") {}
