import { Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";

/** Largest page any list serves. */
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Items per page (1-${MAX_PAGE_SIZE}).` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: "Cursor after which the page starts (`pageInfo.endCursor`).",
  })
  after?: string | null;
}
