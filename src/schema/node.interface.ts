import { Field, ID, InterfaceType } from "type-graphql";

/**
 * The concrete type of a Node: registries carry `__typename` (set by the mapper), the other
 * types are instances of their classes, named as the GraphQL types.
 */
export function nodeTypeName(value: {
  __typename?: string;
  constructor: { name: string };
}): string {
  return value.__typename ?? value.constructor.name;
}

/** Relay's Node: anything with a global id that `Query.node` can fetch back. */
@InterfaceType("Node", {
  description: "An object with a global id that `Query.node(id)` resolves.",
  // Concrete types declare `implements`; the resolver returns instances of them.
  resolveType: nodeTypeName,
})
export abstract class Node {
  @Field(() => ID, { description: "Opaque global id." })
  id!: string;
}
