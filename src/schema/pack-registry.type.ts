import { ObjectType } from "type-graphql";
import { Node } from "./node.interface";
import { Registry } from "./registry.interface";

@ObjectType({
  simpleResolvers: true,
  implements: [Node, Registry],
  description:
    "A legacy Palette pack registry (spectro-registry, https only). It is always synchronized; its packs are " +
    "charts of kind PACK. The gateway assumes a distribution-style API under /v1/ (see the README).",
})
export class PackRegistry extends Registry {}
