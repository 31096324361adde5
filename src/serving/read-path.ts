import { type RequestHandler } from "express";
import { type DocumentNode, type GraphQLError, type GraphQLSchema } from "graphql";
import { createContext, type Services } from "../context";
import { executorFor } from "./jit-executor";
import { negotiatedJsonType } from "./content-negotiation";
import { type LimitCheckCache } from "./operation-limits";
import { cachePolicyOf, type CachePolicy, ResponseCache, responseKey } from "./response-cache";

/** The body of a GraphQL request over HTTP POST (JSON). */
interface GraphQLRequestBody {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

function isGraphQLRequestBody(body: unknown): body is GraphQLRequestBody {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return false;
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  return (
    typeof query === "string" &&
    (operationName == null || typeof operationName === "string") &&
    (variables == null || (typeof variables === "object" && !Array.isArray(variables))) &&
    // Persisted-query and other extensions take Apollo's own path.
    extensions === undefined
  );
}

/** What the read path needs of the document cache (see shared-subscribe.ts). */
interface Documents {
  parse(source: string): DocumentNode;
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
}

/**
 * The read path in front of Apollo, for catalog reads: JSON POSTs of queries whose answers are
 * catalog data only (the cacheable ones, see `cachePolicyOf`).
 *
 * - With the response cache on (RESPONSE_CACHE_BYTES), a read is looked up by operation,
 *   variables, the viewer's tenant and role and the catalog version read first; a hit is sent as
 *   stored.
 * - Otherwise the read runs here: parsed, validated and limit-checked once per text (cached),
 *   executed by the shared executor (graphql-jit once seen twice) and written as Apollo writes a
 *   successful answer (`{"data":…}` and a newline), byte for byte; then stored when the cache is
 *   on. Express and Apollo's HTTP pipeline cost more than the execution of a page of charts; this
 *   path skips them for the answers that need none of their features.
 * - Anything else goes to Apollo untouched, which answers it as it would without this path:
 *   other bodies, tokens that fail, texts that do not parse or validate, operations over the
 *   limits, mutations and uncacheable queries (`x-response-cache: bypass` when the cache is on),
 *   and every read whose execution produced errors (Apollo runs it again and formats, logs and
 *   masks the errors; an answer with errors is never cached).
 *
 * The content type is the one Apollo negotiates from `Accept` (see content-negotiation.ts); a
 * request whose `Accept` Apollo refuses goes to Apollo, which answers 406.
 *
 * Every answer of a cacheable read says `x-response-cache: hit` or `miss` when the cache is on.
 */
export function readPath(
  schema: GraphQLSchema,
  services: Services,
  documents: Documents,
  limitChecks: LimitCheckCache,
): RequestHandler {
  const maxBytes = services.config.responseCache.maxBytes;
  const cache = maxBytes > 0 ? new ResponseCache(maxBytes) : null;
  if (cache) services.responseCache = cache;
  const executor = executorFor(schema, services.execution);
  const policies = new WeakMap<DocumentNode, Map<string, CachePolicy>>();
  const policyOf = (document: DocumentNode, operationName: string | null | undefined) => {
    let known = policies.get(document);
    if (!known) policies.set(document, (known = new Map()));
    let policy = known.get(operationName ?? "");
    if (!policy) {
      policy = documents.validate(schema, document).length
        ? { cacheable: false, reason: "invalid" }
        : cachePolicyOf(schema, document, operationName);
      known.set(operationName ?? "", policy);
    }
    return policy;
  };

  return async (req, res, next) => {
    try {
      const body: unknown = req.body;
      if (req.method !== "POST" || !isGraphQLRequestBody(body)) return next();
      // The content type Apollo would choose; Apollo itself answers the Accepts it refuses (406).
      const contentType = negotiatedJsonType(req.headers.accept);
      if (contentType === null) return next();
      let document: DocumentNode;
      let viewer;
      try {
        document = documents.parse(body.query);
        viewer = (await services.auth.authenticate(req.headers.authorization)).viewer;
      } catch {
        return next();
      }
      // Apollo, when it answers, runs with the context made here (one authentication per request).
      const toApollo = () => {
        res.locals["graphqlContext"] = createContext(services, viewer);
        next();
      };
      if (!policyOf(document, body.operationName).cacheable) {
        if (cache) {
          cache.stats.bypassed++;
          res.setHeader("x-response-cache", "bypass");
        }
        return toApollo();
      }
      if (limitChecks.check(document, body.variables, body.operationName)) return toApollo();

      let key: string | null = null;
      if (cache) {
        key = responseKey(body, viewer, await services.catalogVersion.current());
        const hit = cache.get(key);
        if (hit) {
          res.writeHead(200, { "content-type": contentType, "x-response-cache": "hit" });
          res.end(hit);
          return;
        }
        res.setHeader("x-response-cache", "miss");
      }
      const context = createContext(services, viewer);
      const result = await executor.execute(document, body.operationName, body.variables, context);
      if (result.errors?.length || result.data == null) {
        services.execution.readPathFallbacks++;
        res.locals["graphqlContext"] = context;
        return next();
      }
      // Uncached, the text is written as it is (no copy of it into a Buffer first).
      let answer: Buffer | string = `${JSON.stringify({ data: result.data })}\n`;
      if (cache && key !== null) cache.set(key, (answer = Buffer.from(answer, "utf8")));
      services.execution.readPathAnswers++;
      res.writeHead(200, {
        "content-type": contentType,
        "content-length": Buffer.byteLength(answer),
      });
      res.end(answer);
    } catch (error) {
      next(error);
    }
  };
}
