import { Field, ObjectType } from "type-graphql";
import { Annotation } from "./chart-version.type";
import { Node } from "./node.interface";
import { Registry } from "./registry.interface";

@ObjectType({
  simpleResolvers: true,
  description: "ChartMuseum's `serverInfo` block of an index (Helm's `IndexFile.ServerInfo`).",
})
export class HelmServerInfo {
  @Field(() => String, {
    nullable: true,
    description: "The path prefix of the repository's API (`contextPath`, e.g. `/v1/helm`).",
  })
  contextPath!: string | null;

  @Field(() => [Annotation], {
    description: "Every key of the block with a text value, `contextPath` included, as written.",
  })
  entries!: Annotation[];
}

@ObjectType({
  simpleResolvers: true,
  implements: [Node, Registry],
  description: "An HTTP Helm chart repository: the gateway reads its index.yaml (or JSON index).",
})
export class HelmRegistry extends Registry {
  @Field(() => [Annotation], {
    description:
      "The index's own top-level `annotations` (Helm's `IndexFile.Annotations`), as of the last " +
      "successful sync; empty before one.",
  })
  indexAnnotations!: Annotation[];

  @Field(() => HelmServerInfo, {
    nullable: true,
    description:
      "The index's `serverInfo` (ChartMuseum writes one), as of the last successful sync; null when the " +
      "index has none.",
  })
  serverInfo!: HelmServerInfo | null;
}
