import { GraphQLError } from "graphql";

/**
 * Stable `extensions.code` values of the API. The README's error table lists them; clients
 * branch on the code, never on the message.
 */
export enum ApiErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  FORBIDDEN = "FORBIDDEN",
  NAME_TAKEN = "NAME_TAKEN",
  REGISTRY_IMMUTABLE = "REGISTRY_IMMUTABLE",
  REGISTRY_VALIDATION_FAILED = "REGISTRY_VALIDATION_FAILED",
  SYNC_NOT_ALLOWED = "SYNC_NOT_ALLOWED",
  SYNC_FORCE_TOO_EARLY = "SYNC_FORCE_TOO_EARLY",
  UNSUPPORTED = "UNSUPPORTED",
  CONTENT_UNAVAILABLE = "CONTENT_UNAVAILABLE",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}

/** An expected failure, shown to the client with its code and message. */
export function apiError(
  code: ApiErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const notFound = (what: string): GraphQLError =>
  apiError(ApiErrorCode.NOT_FOUND, `${what} was not found`);

export const badInput = (message: string, field?: string): GraphQLError =>
  apiError(ApiErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
