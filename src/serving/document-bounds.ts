import { type RequestHandler } from "express";
import { type DocumentNode, GraphQLError, Kind, type SelectionSetNode } from "graphql";
import { ApiErrorCode } from "../services/api-errors";

/** The caps on an operation's text, checked before it is validated (and its size before parsing). */
export interface DocumentBounds {
  /** MAX_QUERY_BYTES: longest operation text, in bytes. */
  maxQueryBytes: number;
  /** MAX_QUERY_FIELDS: most field selections in a document (fragments counted once each). */
  maxQueryFields: number;
}

/**
 * Field selections written in a document (each fragment's once), counted without recursion and
 * stopping past `limit`: the cost of validating a document grows with them (overlapping-field
 * checks are quadratic in the worst case), which is why eight 950 KB queries of 25,000 fields
 * stalled the event loop for seconds before any limit looked at them.
 */
export function fieldCount(document: DocumentNode, limit: number): number {
  let count = 0;
  const stack: SelectionSetNode[] = [];
  for (const definition of document.definitions) {
    if ("selectionSet" in definition && definition.selectionSet)
      stack.push(definition.selectionSet);
  }
  while (stack.length > 0) {
    const set = stack.pop()!;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (++count > limit) return count;
        if (selection.selectionSet) stack.push(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        stack.push(selection.selectionSet);
      }
    }
  }
  return count;
}

const fieldCounts = new WeakMap<DocumentNode, number>();

/** The refusal of an operation text over MAX_QUERY_BYTES, before it is parsed; or null. */
export function querySizeError(query: string, bounds: DocumentBounds): GraphQLError | null {
  // A character is at least a byte: only long texts need measuring.
  if (query.length <= bounds.maxQueryBytes / 4) return null;
  const bytes = Buffer.byteLength(query, "utf8");
  if (bytes <= bounds.maxQueryBytes) return null;
  return new GraphQLError(
    `The operation text is ${bytes} bytes; the limit is ${bounds.maxQueryBytes} (MAX_QUERY_BYTES).`,
    {
      extensions: {
        code: ApiErrorCode.QUERY_TOO_COMPLEX,
        limit: bounds.maxQueryBytes,
        http: { status: 413 },
      },
    },
  );
}

/** The refusal of a parsed document over MAX_QUERY_FIELDS, before it is validated; or null. */
export function fieldCountError(
  document: DocumentNode,
  bounds: DocumentBounds,
): GraphQLError | null {
  let count = fieldCounts.get(document);
  if (count === undefined) {
    count = fieldCount(document, bounds.maxQueryFields);
    fieldCounts.set(document, count);
  }
  if (count <= bounds.maxQueryFields) return null;
  return new GraphQLError(
    `The operation selects more than ${bounds.maxQueryFields} fields (MAX_QUERY_FIELDS); ask for fewer, or use fragments.`,
    {
      extensions: {
        code: ApiErrorCode.QUERY_TOO_COMPLEX,
        limit: bounds.maxQueryFields,
        http: { status: 400 },
      },
    },
  );
}

/**
 * Refuses, before Apollo or the read path parse or validate anything, a JSON or GET operation
 * whose text is over MAX_QUERY_BYTES (413) or whose document selects more than MAX_QUERY_FIELDS
 * fields (400), with QUERY_TOO_COMPLEX. `parse` is the shared document cache: the read path and
 * the next request of the same text reuse its document.
 */
export function documentGuard(
  bounds: DocumentBounds,
  parse: (query: string) => DocumentNode,
): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const queries: unknown[] = Array.isArray(body)
      ? body.map((item: { query?: unknown } | null) => item?.query)
      : [(body as { query?: unknown } | undefined)?.query, req.query?.["query"]];
    for (const query of queries) {
      if (typeof query !== "string") continue;
      let error = querySizeError(query, bounds);
      if (!error) {
        let document: DocumentNode | null = null;
        try {
          document = parse(query);
        } catch {
          // Syntax errors are Apollo's to report.
        }
        error = document ? fieldCountError(document, bounds) : null;
      }
      if (error) {
        const status = (error.extensions["http"] as { status: number }).status;
        res.status(status).json({
          errors: [
            {
              message: error.message,
              extensions: { code: error.extensions["code"], limit: error.extensions["limit"] },
            },
          ],
        });
        return;
      }
    }
    next();
  };
}

/** The body-parser error type of a JSON body whose `query` is over MAX_QUERY_BYTES. */
export const QUERY_TOO_LARGE = "query.too.large";

/**
 * The length in bytes of the first `"query": "…"` string of a raw JSON body, found with native
 * byte searches (no decoding, no JSON.parse); null when there is none.
 */
function queryStringLength(body: Buffer): number | null {
  const key = body.indexOf('"query"');
  if (key < 0) return null;
  let at = key + 7;
  while (
    at < body.length &&
    (body[at] === 0x20 ||
      body[at] === 0x0a ||
      body[at] === 0x0d ||
      body[at] === 0x09 ||
      body[at] === 0x3a)
  )
    at++;
  if (body[at] !== 0x22) return null;
  const start = at + 1;
  let end = start;
  for (;;) {
    end = body.indexOf(0x22, end);
    if (end < 0) return null;
    let slashes = 0;
    while (body[end - 1 - slashes] === 0x5c) slashes++;
    if (slashes % 2 === 0) return end - start;
    end++;
  }
}

/**
 * A `verify` for express.json: a body longer than MAX_QUERY_BYTES whose `query` string is too
 * is refused before it is decoded and parsed (decoding and parsing eight 950 KB bodies at once
 * held the event loop for tens of milliseconds each). Smaller bodies are not looked at; a query
 * whose escapes make it look longer than it is goes on to the exact check after parsing.
 */
export function rawQuerySizeCheck(bounds: DocumentBounds) {
  return (_req: unknown, _res: unknown, body: Buffer): void => {
    if (body.length <= bounds.maxQueryBytes) return;
    const length = queryStringLength(body);
    if (length === null || length <= bounds.maxQueryBytes * 2) return;
    throw Object.assign(
      new Error(
        `The operation text is about ${length} bytes; the limit is ${bounds.maxQueryBytes} (MAX_QUERY_BYTES).`,
      ),
      { status: 413, type: QUERY_TOO_LARGE, expose: true },
    );
  };
}
