import { MaxLength } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { ChartKind, PackLayer } from "../schema/enums";
import { MAX_PAGE_SIZE } from "../store/keyset";

export { MAX_PAGE_SIZE };

/**
 * Longest search text. SQLite refuses LIKE patterns over 50,000 bytes, and no person types a
 * search of more than a few lines: longer text is BAD_USER_INPUT before it reaches the store.
 */
export const MAX_SEARCH_LENGTH = 2048;

/** Longest filter value (an add-on or cloud type). */
export const MAX_FILTER_LENGTH = 64;

/**
 * Relay's connection arguments: `first`/`after` page forward, `last`/`before` backward. Sizes
 * and cursors are checked by the service (`pageWindow`), which answers BAD_USER_INPUT with
 * `extensions.field`.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Items from the start of the list, after \`after\` (0-${MAX_PAGE_SIZE}); 20 when neither \`first\` nor \`last\` is given.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor after which the page starts (`pageInfo.endCursor`).",
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Items from the end of the list, before \`before\` (0-${MAX_PAGE_SIZE}): backward paging.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor before which the page ends (`pageInfo.startCursor`): backward paging.",
  })
  before?: string | null;
}

/** Search and filters of a list of charts (one registry's, or across registries). */
@ArgsType()
export class ChartsArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "Full-text search over name, display name, keywords and description. Every word must match; each " +
      "token is a prefix (`postg` finds `postgresql`) and the tokens of a hyphenated word must follow each " +
      "other (`cert-manager`); case and accents are ignored. Results are ordered by relevance, name matches " +
      "first, then by name. Text with no letter or digit matches nothing. (On a PostgreSQL store, for now: a " +
      `case-insensitive substring of name, description or keywords, ordered by name.) At most ${MAX_SEARCH_LENGTH} characters.`,
  })
  @MaxLength(MAX_SEARCH_LENGTH)
  search?: string | null;

  @Field(() => Boolean, {
    defaultValue: true,
    description: "Include charts whose latest version is deprecated.",
  })
  includeDeprecated!: boolean;

  @Field(() => ChartKind, { nullable: true, description: "Only charts of this kind." })
  kind?: ChartKind | null;

  @Field(() => PackLayer, { nullable: true, description: "Only packs of this layer." })
  layer?: PackLayer | null;

  @Field(() => String, {
    nullable: true,
    description: `Only packs of this add-on type (case-insensitive, e.g. \`monitoring\`; at most ${MAX_FILTER_LENGTH} characters).`,
  })
  @MaxLength(MAX_FILTER_LENGTH)
  addonType?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Only packs for this cloud type (e.g. \`aws\`); packs for \`all\` clouds match every cloud type. At most ${MAX_FILTER_LENGTH} characters.`,
  })
  @MaxLength(MAX_FILTER_LENGTH)
  cloudType?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Only charts whose latest version is (true) or is not (false) VERIFIED for the viewer's trust policy " +
      "(see `ChartVersion.verification`; a Helm version counts once its provenance file has been read).",
  })
  verified?: boolean | null;
}
