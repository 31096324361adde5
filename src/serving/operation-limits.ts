import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";
import { type Config } from "../config/config";
import { ApiErrorCode } from "../services/api-errors";

export type OperationLimits = Config["limits"];

/** Extra validation rules: none, or no introspection when INTROSPECTION is off. */
export function introspectionRules(limits: OperationLimits): ValidationRule[] {
  return limits.introspection ? [] : [NoSchemaIntrospectionCustomRule];
}

/**
 * Checks an operation against MAX_QUERY_DEPTH and MAX_QUERY_COMPLEXITY, over HTTP and WebSocket
 * alike; returns the QUERY_TOO_COMPLEX error to answer with, or null.
 */
function operationLimitError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  limits: OperationLimits,
): GraphQLError | null {
  const depth = new DepthMeasure(document).ofDocument(operationName);
  if (depth > limits.maxQueryDepth) {
    return tooComplex(
      `The operation nests fields ${depth} levels deep; the limit is ${limits.maxQueryDepth} (MAX_QUERY_DEPTH).`,
      { depth, limit: limits.maxQueryDepth },
    );
  }
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Bad variables or an unknown operation: execution reports those properly.
    return null;
  }
  if (complexity <= limits.maxQueryComplexity) return null;
  return tooComplex(
    `The operation is too costly: its estimated cost is ${complexity}, the limit is ${limits.maxQueryComplexity} (MAX_QUERY_COMPLEXITY). Ask for smaller pages or fewer nested lists.`,
    { complexity, limit: limits.maxQueryComplexity },
  );
}

function tooComplex(message: string, extensions: Record<string, number>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...extensions, code: ApiErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } },
  });
}

/** A field with a `first` argument returns up to `first` items, each with the selection's cost. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first: unknown = args["first"];
  if (typeof first !== "number") return undefined;
  return 1 + Math.max(1, first) * childComplexity;
};

/** Depths of selection sets, each fragment measured once (so fragment fan-out stays linear). */
class DepthMeasure {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly fragmentDepths = new Map<string, number>();
  private readonly visiting = new Set<string>();

  constructor(private readonly document: DocumentNode) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        this.fragments.set(definition.name.value, definition);
      }
    }
  }

  /** Depth of the named operation (or of the deepest one when there is no name). */
  ofDocument(operationName: string | undefined | null): number {
    let deepest = 0;
    for (const definition of this.document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      if (operationName && definition.name?.value !== operationName) continue;
      deepest = Math.max(deepest, this.of(definition.selectionSet));
    }
    return deepest;
  }

  /** Fields nested in `set`, at the deepest. */
  of(set: SelectionSetNode | undefined): number {
    if (!set) return 0;
    let deepest = 0;
    for (const selection of set.selections) {
      let depth: number;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("__")) continue;
        depth = 1 + this.of(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = this.of(selection.selectionSet);
      } else {
        depth = this.ofFragment(selection.name.value);
      }
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  }

  private ofFragment(name: string): number {
    const known = this.fragmentDepths.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    // Unknown fragments and cycles are validation errors of their own.
    if (!fragment || this.visiting.has(name)) return 0;
    this.visiting.add(name);
    const depth = this.of(fragment.selectionSet);
    this.visiting.delete(name);
    this.fragmentDepths.set(name, depth);
    return depth;
  }
}

/** Distinct variable sets whose limit check is kept per document. */
const LIMIT_CHECKS_PER_DOCUMENT = 100;

/**
 * The operation-limit check, done once per document (Apollo's document store and the graphql-ws
 * document cache return one object per text) and variables: a thousand dashboards subscribing
 * with the same operation during a run cost one check, not a thousand, and so does a page read a
 * thousand times.
 */
export class LimitCheckCache {
  private readonly checks = new WeakMap<DocumentNode, Map<string, GraphQLError | null>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: OperationLimits,
  ) {}

  check(
    document: DocumentNode,
    variables: Record<string, unknown> | null | undefined,
    operationName: string | null | undefined,
  ): GraphQLError | null {
    let known = this.checks.get(document);
    if (!known) this.checks.set(document, (known = new Map()));
    const key = JSON.stringify([operationName ?? null, variables ?? null]);
    let error = known.get(key);
    if (error === undefined) {
      error = operationLimitError(
        this.schema,
        document,
        variables ?? undefined,
        operationName,
        this.limits,
      );
      if (known.size >= LIMIT_CHECKS_PER_DOCUMENT) known.delete(known.keys().next().value!);
      known.set(key, error);
    }
    return error;
  }
}
