import { type DataSource } from "typeorm";
import { containsPattern } from "../../store/sql";

/**
 * How a chart search restricts and ranks the rows of `chart c`, as SQL the catalog service
 * splices into its page and count statements (see CatalogService.chartPage):
 *
 *   SELECT <chart columns>[, <rank> AS search_rank] FROM <from>
 *    WHERE <scope and filters> AND <where> [AND <keyset>]
 *    ORDER BY [<rank>,] c.name, c.id LIMIT ?
 *   SELECT COUNT(*) FROM <countFrom> WHERE <scope and filters> AND <where>
 *
 * Statements use `?` placeholders (see sql()); the parameters of a FROM clause are bound before
 * those of the WHERE clause, as they come first in the text.
 */
export interface ChartSearchPlan {
  /** Replaces `chart c` in the page statement; must expose the chart row as `c`. */
  from: string;
  fromParams: readonly unknown[];
  /** Replaces `chart c` in the count statement: the same rows, without the ranking work. */
  countFrom: string;
  countFromParams: readonly unknown[];
  /** Conditions added to the scope and filters (ANDed), and their parameters. */
  where: readonly string[];
  whereParams: readonly unknown[];
  /**
   * The relevance of a row as an SQL expression over `from`, smaller first, then `c.name, c.id`;
   * null orders by name only. It must be a floating-point value that the driver returns as a
   * JavaScript number and that compares equal to itself when bound back as a parameter: the
   * cursor of a ranked page holds it ([rank, name, id]) for the keyset condition of the next page.
   */
  rank: string | null;
}

/**
 * Full-text search over charts, one implementation per store. Given what the user typed it says
 * which `chart c` rows match and how they rank; the catalog service applies scope, filters,
 * ordering and keyset pagination the same way whatever the implementation.
 */
export interface ChartSearch {
  /**
   * The plan for a non-blank search text; null when the text can match no chart (it holds no
   * searchable token, e.g. only punctuation or emoji): the page is empty.
   */
  plan(text: string): ChartSearchPlan | null;
}

/** The search the store supports: FTS5 on SQLite, tsvector on PostgreSQL, substring elsewhere. */
export function chartSearchFor(dataSource: DataSource): ChartSearch {
  switch (dataSource.options.type) {
    case "better-sqlite3":
      return new Fts5ChartSearch();
    case "postgres":
      return new PgChartSearch();
    default:
      return new LikeChartSearch();
  }
}

/**
 * Case-insensitive substring of the name, description or keywords (LOWER(...) LIKE '%q%'), by
 * name: what every store did before full-text search, kept for stores without one.
 */
export class LikeChartSearch implements ChartSearch {
  plan(text: string): ChartSearchPlan {
    const q = containsPattern(text.trim().toLowerCase());
    return {
      from: "chart c",
      fromParams: [],
      countFrom: "chart c",
      countFromParams: [],
      where: [
        "(LOWER(c.name) LIKE ? ESCAPE '\\' OR LOWER(c.description) LIKE ? ESCAPE '\\' OR LOWER(CAST(c.keywords AS text)) LIKE ? ESCAPE '\\')",
      ],
      whereParams: [q, q, q],
      rank: null,
    };
  }
}

/**
 * The FTS5 table over `chart` (see the ChartSearch migration), with the columns name,
 * display_name, keywords and description, in this order.
 */
export const CHART_FTS_TABLE = "chart_fts";

/**
 * bm25 column weights, in the table's column order. Artifact Hub weights its tsvector name A,
 * display name and keywords B, description C; here a hit in the name counts ten description
 * hits, one in the display name (a pack's human name) or the keywords four. FTS5's bm25 adds
 * the weights of a phrase's hits before saturating, so these are not strict tiers: with the same
 * query a name match outranks a description-only match unless the description repeats the term
 * in a much shorter row. Ties (and equal scores) fall back to name, then id.
 */
export const CHART_FTS_WEIGHTS = [10, 4, 4, 1] as const;

/**
 * Most query tokens used; the rest of a long text is ignored (it could only narrow the result,
 * and every token is a prefix scan of the index).
 */
export const MAX_SEARCH_TOKENS = 16;

/**
 * Tokens as the table's tokenizer (`unicode61 remove_diacritics 2`, default separators) sees
 * them: runs of letters, digits and private-use characters; everything else (space,
 * punctuation, `-`, `_`, `.`, `/`, symbols and emoji) separates. Case and diacritics are folded
 * by FTS5 itself when it tokenizes the quoted strings of the query.
 */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/**
 * The FTS5 query for what a user typed; null when it holds no token. Words (separated by white
 * space) are ANDed; the tokens of one word form a phrase (`cert-manager` is `"cert"* + "manager"*`:
 * `cert…` directly followed by `manager…`, as the tokenizer split `cert-manager` in the index);
 * every token is a prefix (`postg` finds `postgresql`). Tokens hold letters and digits only and
 * are always quoted, so nothing the user types is FTS5 syntax (`"`, `*`, `NEAR`, `OR`, `NOT`,
 * `-`, `^`, `column:`, parentheses are separators or plain words).
 */
export function fts5Query(text: string): string | null {
  const phrases: string[] = [];
  let tokens = 0;
  for (const word of text.split(/\s+/)) {
    const parts = (word.match(TOKEN) ?? []).slice(0, MAX_SEARCH_TOKENS - tokens);
    if (parts.length === 0) continue;
    tokens += parts.length;
    const phrase = parts.map((token) => `"${token}"*`).join(" + ");
    if (!phrases.includes(phrase)) phrases.push(phrase);
    if (tokens >= MAX_SEARCH_TOKENS) break;
  }
  return phrases.length ? phrases.join(" AND ") : null;
}

/**
 * What an exact name match subtracts from the rank: more than any bm25 score can be (at most
 * about 2.2 × idf ≤ 2.2 × ln(2 × rows) per phrase, a few hundred for 16 phrases over millions of
 * charts), so the chart named exactly what was typed comes first.
 */
export const EXACT_NAME_BONUS = 1e6;

/**
 * SQLite FTS5: token prefix matching over name, display name, keywords and description, ranked
 * by bm25 with the name first; a chart named exactly what was typed (case-insensitively) first of
 * all: bm25 sums the weighted hits before it saturates, so among name matches it can prefer
 * `postgresql-ha` (whose description says PostgreSQL twice) to `postgresql` for "postgresql".
 *
 * The full-text query drives: the subquery reads the matching rowids from the index, `CROSS JOIN`
 * (SQLite keeps that join order) then reads each chart by its primary key, so the scope and
 * filters apply to the matches only and no statement scans every chart. The subquery is
 * flattened, so bm25 runs for the rows that pass the filters only. The rank is a double computed
 * the same way for the same query and index, which is what the cursor's keyset condition needs.
 */
export class Fts5ChartSearch implements ChartSearch {
  plan(text: string): ChartSearchPlan | null {
    const match = fts5Query(text);
    if (match === null) return null;
    const t = CHART_FTS_TABLE;
    return {
      // The typed text rides along as a column, so that the rank expression needs no parameter.
      from: `(SELECT rowid AS id, bm25(${t}, ${CHART_FTS_WEIGHTS.join(", ")}) AS score, ? AS exact
               FROM ${t} WHERE ${t} MATCH ?) s CROSS JOIN chart c ON c.id = s.id`,
      fromParams: [text.trim().toLowerCase(), match],
      countFrom: `(SELECT rowid AS id FROM ${t} WHERE ${t} MATCH ?) s CROSS JOIN chart c ON c.id = s.id`,
      countFromParams: [match],
      where: [],
      whereParams: [],
      rank: `(s.score - CASE WHEN LOWER(c.name) = s.exact THEN ${EXACT_NAME_BONUS} ELSE 0 END)`,
    };
  }
}

/**
 * The tsquery for what a user typed, in `to_tsquery` syntax; null when it holds no token. The
 * same reading as fts5Query: words ANDed (`&`), the tokens of one word a phrase (`<->`, adjacent
 * positions: PostgreSQL's parser indexes `cert-manager` as `cert-manager`, `cert`, `manager` in
 * consecutive positions), every token a prefix (`:*`). Tokens are letters and digits only, so
 * nothing the user types is tsquery syntax (`!`, `|`, `&`, `<->`, `:`, quotes, parentheses are
 * separators); `to_tsquery` with the `catalog_search` configuration (the migration's: `simple`
 * after `unaccent`) only lower-cases them and removes accents.
 */
export function pgTsQuery(text: string): string | null {
  const phrases: string[] = [];
  let tokens = 0;
  for (const word of text.split(/\s+/)) {
    const parts = (word.match(TOKEN) ?? []).slice(0, MAX_SEARCH_TOKENS - tokens);
    if (parts.length === 0) continue;
    tokens += parts.length;
    const phrase = parts.map((token) => `${token}:*`).join(" <-> ");
    if (!phrases.includes(phrase)) phrases.push(phrase);
    if (tokens >= MAX_SEARCH_TOKENS) break;
  }
  return phrases.length ? phrases.map((p) => `(${p})`).join(" & ") : null;
}

/**
 * ts_rank weights for the labels {D, C, B, A}: description (C) 1, display name and keywords (B)
 * 4, name (A) 10, as CHART_FTS_WEIGHTS on SQLite (scaled to ts_rank's 0..1).
 */
export const PG_RANK_WEIGHTS = "{0, 0.1, 0.4, 1.0}";

/**
 * PostgreSQL: the generated `chart.search_vector` (name A, display name and keywords B,
 * description C; see the PostgreSQL migration) matched through its GIN index, ranked by
 * `ts_rank` with the weights above, divided by 1 + the log of the row's length (normalization 1:
 * one mention in a long description counts less than in a short one, as bm25 does; higher
 * first, so the rank is its negation), a chart named
 * exactly what was typed first of all (EXACT_NAME_BONUS, as on SQLite). The rank is cast to
 * double precision: the driver returns it as a JavaScript number that, bound back in the next
 * page's keyset condition, compares equal to itself.
 */
export class PgChartSearch implements ChartSearch {
  plan(text: string): ChartSearchPlan | null {
    const query = pgTsQuery(text);
    if (query === null) return null;
    return {
      from: `(SELECT to_tsquery('catalog_search', ?) AS query, CAST(? AS text) AS exact) s CROSS JOIN chart c`,
      // PostgreSQL text cannot hold NUL (no chart name has one).
      fromParams: [query, text.trim().toLowerCase().replace(/\0/g, "")],
      countFrom: "chart c",
      countFromParams: [],
      where: ["c.search_vector @@ to_tsquery('catalog_search', ?)"],
      whereParams: [query],
      rank:
        `CAST(-ts_rank('${PG_RANK_WEIGHTS}', c.search_vector, s.query, 1) - ` +
        `CASE WHEN LOWER(c.name) = s.exact THEN ${EXACT_NAME_BONUS} ELSE 0 END AS double precision)`,
    };
  }
}
