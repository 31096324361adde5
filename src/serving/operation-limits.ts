import {
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  NoSchemaIntrospectionCustomRule,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";
import { type Config } from "../config/config";
import { ApiErrorCode, DEFAULT_PAGE_SIZE } from "../services/api-errors";

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
  let registryCalls: number;
  try {
    const options = {
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
    };
    complexity = getComplexity({
      ...options,
      estimators: [liveCallEstimator, pageEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
    registryCalls = new LiveCallCount(schema, document, variables ?? {}).ofOperation(operationName);
  } catch {
    // Bad variables or an unknown operation: execution reports those properly.
    return null;
  }
  if (registryCalls > limits.maxRegistryCallsPerOperation) {
    return new GraphQLError(
      `The operation could make ${registryCalls} live registry calls (reference checks of protected registries, validations, package fetches); one operation may make ${limits.maxRegistryCallsPerOperation} (MAX_REGISTRY_CALLS_PER_OPERATION). Nothing was run; split the work into several operations.`,
      {
        extensions: {
          code: ApiErrorCode.REGISTRY_CALL_BUDGET_EXCEEDED,
          estimated: registryCalls,
          limit: limits.maxRegistryCallsPerOperation,
          http: { status: 400 },
        },
      },
    );
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

/**
 * Fields that may send a request to a registry while they resolve: a reference check (protected
 * registries are asked directly), profile validation (one check per layer), every validation
 * before an add or update, and a version's package documents (fetched on first read).
 */
export const LIVE_REGISTRY_FIELDS: ReadonlySet<string> = new Set([
  "Query.checkChartReference",
  "Query.validateProfileLayers",
  "Mutation.addHelmRegistry",
  "Mutation.addOciRegistry",
  "Mutation.addPackRegistry",
  "Mutation.updateHelmRegistry",
  "Mutation.updateOciRegistry",
  "Mutation.updatePackRegistry",
  "Mutation.validateHelmRegistry",
  "Mutation.validateOciRegistry",
  "Mutation.validatePackRegistry",
  "ChartVersion.values",
  "ChartVersion.readme",
  "ChartVersion.valuesSchema",
]);

/**
 * What a live registry call adds to an operation's estimated cost: a request to someone else's
 * server costs far more than a row of the catalog, so a few hundred of them exceed
 * MAX_QUERY_COMPLEXITY on their own.
 */
export const REGISTRY_CALL_COMPLEXITY = 100;

const isLive = (type: { name: string }, field: { name: string }) =>
  LIVE_REGISTRY_FIELDS.has(`${type.name}.${field.name}`);

/** Prices a live field at REGISTRY_CALL_COMPLEXITY (lists multiply it through pageEstimator). */
const liveCallEstimator: ComplexityEstimator = ({ type, field, childComplexity }) =>
  isLive(type, field) ? REGISTRY_CALL_COMPLEXITY + childComplexity : undefined;

/** A version's package documents: however many are selected, one fetch per version. */
const CONTENT_FIELDS: ReadonlySet<string> = new Set([
  "ChartVersion.values",
  "ChartVersion.readme",
  "ChartVersion.valuesSchema",
]);

/**
 * The live registry calls an operation may make: one per live field, one per selection of a
 * version's documents (values, readme and schema come from one package, fetched once), each
 * multiplied by the pages (`first`, or its default) around it. Fragments are followed (a cycle is
 * a validation error of its own and counts nothing).
 */
class LiveCallCount {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly document: DocumentNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        this.fragments.set(definition.name.value, definition);
      }
    }
  }

  ofOperation(operationName: string | undefined | null): number {
    let most = 0;
    for (const definition of this.document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      if (operationName && definition.name?.value !== operationName) continue;
      const root = this.schema.getRootType(definition.operation);
      if (root) most = Math.max(most, this.ofSet(definition.selectionSet, root));
    }
    return most;
  }

  private ofSet(set: SelectionSetNode, type: GraphQLNamedType): number {
    let total = 0;
    let documents = false;
    const walk = (selections: SelectionSetNode, on: GraphQLNamedType) => {
      for (const selection of selections.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const cast = selection.typeCondition
            ? this.schema.getType(selection.typeCondition.name.value)
            : on;
          if (cast) walk(selection.selectionSet, cast);
        } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const name = selection.name.value;
          const fragment = this.fragments.get(name);
          const cast = fragment && this.schema.getType(fragment.typeCondition.name.value);
          if (!fragment || !cast || this.visiting.has(name)) continue;
          this.visiting.add(name);
          walk(fragment.selectionSet, cast);
          this.visiting.delete(name);
        } else {
          if (!isObjectType(on) && !isInterfaceType(on)) continue;
          const field = on.getFields()[selection.name.value];
          if (!field) continue;
          const key = `${on.name}.${field.name}`;
          if (CONTENT_FIELDS.has(key)) {
            documents = true;
            continue;
          }
          const child = getNamedType(field.type);
          const inner = selection.selectionSet ? this.ofSet(selection.selectionSet, child) : 0;
          if (LIVE_REGISTRY_FIELDS.has(key)) {
            total += 1 + inner;
          } else {
            total += this.pageSize(selection, field) * inner;
          }
        }
      }
    };
    walk(set, type);
    return total + (documents ? 1 : 0);
  }

  /** Items a list field returns at most: its `first` (literal, variable or default), else 1. */
  private pageSize(node: FieldNode, field: GraphQLField<unknown, unknown>): number {
    if (!field.args.some((arg) => arg.name === "first")) return 1;
    // `first` and `last` (backward pages), literal or variable; the default page when neither.
    const sizes: number[] = [];
    for (const name of ["first", "last"]) {
      const argument = node.arguments?.find((arg) => arg.name.value === name);
      let value: unknown;
      if (argument?.value.kind === Kind.INT) value = Number(argument.value.value);
      if (argument?.value.kind === Kind.VARIABLE) value = this.variables[argument.value.name.value];
      if (typeof value === "number") sizes.push(value);
    }
    const size = sizes.length ? Math.min(...sizes) : DEFAULT_PAGE_SIZE;
    return size > 1 ? size : 1;
  }
}

/**
 * A connection (a field with a `first` argument) returns up to `first` or `last` items (the
 * default page when neither is given), each with the selection's cost; `nodes(ids:)` one item
 * per id.
 */
const pageEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const ids: unknown = args["ids"];
  if (field.name === "nodes" && Array.isArray(ids)) {
    return 1 + Math.max(1, ids.length) * childComplexity;
  }
  if (!field.args.some((arg) => arg.name === "first")) return undefined;
  const first: unknown = args["first"];
  const last: unknown = args["last"];
  const sizes = [first, last].filter((n): n is number => typeof n === "number");
  const size = sizes.length ? Math.min(...sizes) : DEFAULT_PAGE_SIZE;
  return 1 + Math.max(1, size) * childComplexity;
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
