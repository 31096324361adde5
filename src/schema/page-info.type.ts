import { Field, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "Relay pagination state of a connection." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when a further page follows this one." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "True when this page does not start at the beginning." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of this page." })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last edge; pass it as `after` for the next page.",
  })
  endCursor!: string | null;
}
