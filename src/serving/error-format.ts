import { type GraphQLFormattedError } from "graphql";
import { ApiErrorCode } from "../services/api-errors";
import { STORE_MESSAGES, storeFault } from "../store/store-errors";
import { publicValidationErrors } from "./input-bounds";

/** Codes an error may carry to the client; anything else is masked. */
export const PUBLIC_CODES = new Set<string>([
  ...Object.values(ApiErrorCode),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Keeps expected errors as they are and masks the rest: no stack, no internal message (which
 * could name a file, a SQL statement or a secret). The original is logged once by the plugin.
 * A store failure is STORE_FULL, STORE_BUSY or STORE_UNAVAILABLE, with a message of our own.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error?: unknown,
): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? "");
  if (PUBLIC_CODES.has(code) && code !== ApiErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, validationErrors, ...extensions } = formatted.extensions ?? {};
    // class-validator's errors carry the input itself (value, target): only the rules go out.
    if (validationErrors) extensions["validationErrors"] = publicValidationErrors(validationErrors);
    return { ...formatted, extensions };
  }
  const fault = storeFault(error);
  if (fault) {
    return {
      message: STORE_MESSAGES[fault],
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: fault },
    };
  }
  return {
    message: "Internal server error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ApiErrorCode.INTERNAL_SERVER_ERROR },
  };
}
