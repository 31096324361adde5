import { type ExecutionResult, type GraphQLError, type GraphQLFormattedError } from "graphql";

/**
 * graphql-js ends many validation and coercion messages with `Did you mean "registries" or
 * "registry"?`, naming fields, arguments, types and enum values the caller did not type. With
 * INTROSPECTION=false the schema is meant to stay hidden, so those hints are cut from every
 * error the gateway sends, over HTTP and WebSocket.
 */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** `message` without graphql-js's "Did you mean …?" hints. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, "").trimEnd();
}

/** The error as sent, without suggestions. */
export function hideSuggestions(
  error: GraphQLError | GraphQLFormattedError,
): GraphQLFormattedError {
  const formatted = "toJSON" in error ? error.toJSON() : error;
  return { ...formatted, message: withoutSuggestions(formatted.message) };
}

/** A result whose errors say nothing of the schema beyond what the caller typed. */
export function resultWithoutSuggestions(result: ExecutionResult) {
  if (!result.errors?.length) return undefined;
  return { ...result, errors: result.errors.map(hideSuggestions) };
}
