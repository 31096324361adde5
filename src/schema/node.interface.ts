import { Field, ID, InterfaceType } from "type-graphql";

/** Relay's Node: anything with a global id that `Query.node` can fetch back. */
@InterfaceType("Node", {
  description: "An object with a global id that `Query.node(id)` resolves.",
  // Concrete types declare `implements`; the resolver returns instances of them.
  resolveType: (value: { __typename?: string; constructor: { name: string } }) =>
    value.__typename ?? value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: "Opaque global id." })
  id!: string;
}
