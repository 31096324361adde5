import { Field, Int, ObjectType } from "type-graphql";
import { PageInfo } from "./page-info.type";

/** An edge of a Relay connection. */
export interface Edge<TNode> {
  cursor: string;
  node: TNode;
}

/**
 * Builds the Relay connection and edge types for one node type, so every list in the API pages
 * the same way (`first`/`after`, `totalCount`, `pageInfo`).
 */
export function ConnectionType<TNode extends object>(
  nodeClass: abstract new (...args: never[]) => TNode,
  nodeName: string,
) {
  @ObjectType(`${nodeName}Edge`, {
    simpleResolvers: true,
    description: `An edge to a ${nodeName}.`,
  })
  class EdgeType implements Edge<TNode> {
    @Field(() => String, { description: "Opaque cursor of this edge; pass it as `after`." })
    cursor!: string;

    @Field(() => nodeClass, { description: `The ${nodeName}.` })
    node!: TNode;
  }

  // Only the concrete subclass (e.g. ChartConnection) is referenced, so only it is emitted.
  @ObjectType(`${nodeName}ConnectionBase`, { simpleResolvers: true })
  abstract class ConnectionBase {
    @Field(() => Int, { description: "Number of items across all pages for these arguments." })
    totalCount!: number;

    @Field(() => [EdgeType], { description: "The items of this page." })
    edges!: Edge<TNode>[];

    @Field(() => PageInfo, { description: "Where this page stands." })
    pageInfo!: PageInfo;
  }
  return ConnectionBase;
}
