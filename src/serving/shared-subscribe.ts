import {
  createSourceEventStream,
  execute,
  parse,
  print,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
  type Source,
  type ValidationRule,
  specifiedRules,
} from "graphql";
import { type GatewayContext } from "../context";

type Shared = Map<string, ExecutionResult | Promise<ExecutionResult>>;

/**
 * graphql-ws `subscribe` that executes each event once per distinct operation rather than once
 * per subscriber. The source stream (with its filtering by tenant and arguments) stays per
 * subscriber; but when a thousand dashboards watch the same run, the selection on an event is
 * the same for all of them with the same document, variables, tenant and role, so the first
 * execution's result is shared (cached on the event object itself, which the in-process bus
 * hands to every subscriber). The first subscriber's context serves that execution; a result may
 * depend on the viewer only through its tenant and role, which are part of the key.
 */
export function createSharedSubscribe() {
  const sharedByEvent = new WeakMap<object, Shared>();
  const keys = new WeakMap<object, string>();

  return async function subscribe(
    args: ExecutionArgs,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
    const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const ctx = args.contextValue as GatewayContext;
    let documentKey = keys.get(args.document);
    if (documentKey === undefined) {
      documentKey = print(args.document);
      keys.set(args.document, documentKey);
    }
    const key = JSON.stringify([
      documentKey,
      args.operationName ?? null,
      args.variableValues ?? null,
      ctx.viewer.tenantId,
      ctx.viewer.role,
    ]);
    const run = (event: unknown): ExecutionResult | Promise<ExecutionResult> => {
      if (event === null || typeof event !== "object")
        return execute({ ...args, rootValue: event });
      let shared = sharedByEvent.get(event);
      if (!shared) sharedByEvent.set(event, (shared = new Map()));
      let result = shared.get(key);
      if (!result) {
        result = execute({ ...args, rootValue: event });
        shared.set(key, result);
      }
      return result;
    };
    const mapped: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const step = await iterator.next();
        if (step.done) return { done: true, value: undefined };
        return { done: false, value: await run(step.value) };
      },
      async return() {
        await iterator.return?.();
        return { done: true, value: undefined };
      },
      async throw(error: unknown) {
        await iterator.return?.();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return mapped;
  };
}

/** Distinct operation texts whose parsed documents are kept. */
const DOCUMENT_CACHE_SIZE = 500;

/**
 * graphql-ws `parse` and `validate` that do the work once per distinct operation text: a
 * thousand dashboards subscribing with the same operation cost one parse and one validation.
 * Parsing returns the same document object for the same text, so validation results can be
 * kept by document (and schema). The cache is bounded: the oldest text goes first.
 */
export function createDocumentCache(extraRules: readonly ValidationRule[] = []): {
  parse: (source: string | Source) => DocumentNode;
  validate: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[];
} {
  const documents = new Map<string, DocumentNode>();
  const validated = new WeakMap<
    DocumentNode,
    { schema: GraphQLSchema; errors: readonly GraphQLError[] }
  >();
  return {
    parse(source) {
      const query = typeof source === "string" ? source : source.body;
      let document = documents.get(query);
      if (!document) {
        document = parse(source);
        if (documents.size >= DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
        documents.set(query, document);
      }
      return document;
    },
    validate(schema, document) {
      const known = validated.get(document);
      if (known && known.schema === schema) return known.errors;
      const errors = validate(schema, document, [...specifiedRules, ...extraRules]);
      validated.set(document, { schema, errors });
      return errors;
    },
  };
}
