import { ObjectType } from "type-graphql";
import { Node } from "./node.interface";
import { Registry } from "./registry.interface";

@ObjectType({
  simpleResolvers: true,
  implements: [Node, Registry],
  description: "An HTTP Helm chart repository: the gateway reads its index.yaml (or JSON index).",
})
export class HelmRegistry extends Registry {}
