import Negotiator from "negotiator";

/**
 * The media types Apollo Server offers for a single (non-incremental) result, in its order of
 * preference (`MEDIA_TYPES` and `chooseContentTypeForSingleResultResponse` in @apollo/server).
 * The read path answers with the same choice so that a request gets the same content type
 * whichever path serves it (GraphQL over HTTP, "Accept" and "Content-Type" of the response).
 */
export const APPLICATION_JSON = "application/json; charset=utf-8";
export const GRAPHQL_RESPONSE_JSON = "application/graphql-response+json; charset=utf-8";
const APOLLO_CALLBACK_JSON = "application/json; callbackSpec=1.0; charset=utf-8";

/**
 * The content type Apollo would answer a successful single result with, given the request's
 * `Accept` header; `null` when Apollo would answer something else (406 for an `Accept` that
 * allows none of its JSON types, or its subscription-callback type): the read path then leaves
 * the request to Apollo.
 */
export function negotiatedJsonType(accept: string | undefined): string | null {
  if (!accept) return APPLICATION_JSON;
  const known = negotiated.get(accept);
  if (known !== undefined) return known;
  const type = negotiate(accept);
  // Clients send a handful of distinct Accept headers; a flood of made-up ones only resets this.
  if (negotiated.size >= 256) negotiated.clear();
  negotiated.set(accept, type);
  return type;
}

/** Answers of `negotiate` by Accept header: parsing one costs more than the cached read path. */
const negotiated = new Map<string, string | null>();

function negotiate(accept: string): string | null {
  const preferred = new Negotiator({ headers: { accept } }).mediaType([
    APPLICATION_JSON,
    GRAPHQL_RESPONSE_JSON,
    APOLLO_CALLBACK_JSON,
  ]);
  return preferred === APPLICATION_JSON || preferred === GRAPHQL_RESPONSE_JSON ? preferred : null;
}
