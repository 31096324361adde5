import { GraphQLError } from "graphql";
import { type OwnedRegistry, type RegistryAction, refusal } from "../access/access-policy";
import { type Viewer } from "../access/viewer";
import {
  type CursorValues,
  cursorValues,
  type KeysetKey,
  MAX_PAGE_SIZE,
  type PageWindow,
} from "../store/keyset";

/**
 * Stable `extensions.code` values of the API. The README's error table lists them; clients
 * branch on the code, never on the message.
 */
export enum ApiErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  /** No token, or a token that is expired, forged or for another issuer or audience. */
  UNAUTHENTICATED = "UNAUTHENTICATED",
  /** Too many requests of a kind from one tenant; `extensions.retryAfterSeconds` says when. */
  RATE_LIMITED = "RATE_LIMITED",
  /** The operation is too deep or too costly (MAX_QUERY_DEPTH, MAX_QUERY_COMPLEXITY). */
  QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX",
  /**
   * A graphql-ws connection (MAX_SUBSCRIPTIONS_PER_CONNECTION) or a tenant
   * (MAX_SUBSCRIPTIONS_PER_TENANT) has as many operations open as it may; `extensions.limit`.
   */
  TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS",
  NOT_FOUND = "NOT_FOUND",
  FORBIDDEN = "FORBIDDEN",
  NAME_TAKEN = "NAME_TAKEN",
  /**
   * The operation would make, or has made, more live registry calls than one operation may
   * (MAX_REGISTRY_CALLS_PER_OPERATION); `extensions.limit` gives the limit. Nothing more was sent.
   */
  REGISTRY_CALL_BUDGET_EXCEEDED = "REGISTRY_CALL_BUDGET_EXCEEDED",
  REGISTRY_IMMUTABLE = "REGISTRY_IMMUTABLE",
  REGISTRY_VALIDATION_FAILED = "REGISTRY_VALIDATION_FAILED",
  SYNC_NOT_ALLOWED = "SYNC_NOT_ALLOWED",
  SYNC_FORCE_TOO_EARLY = "SYNC_FORCE_TOO_EARLY",
  UNSUPPORTED = "UNSUPPORTED",
  CONTENT_UNAVAILABLE = "CONTENT_UNAVAILABLE",
  /**
   * The database is locked by another process for longer than the busy timeout (SQLite); the
   * change was not made. Retrying later can succeed.
   */
  STORE_BUSY = "STORE_BUSY",
  /** The database's disk (or size limit) is full; the change was not made. */
  STORE_FULL = "STORE_FULL",
  /** The database cannot be read or reached; the change was not made. */
  STORE_UNAVAILABLE = "STORE_UNAVAILABLE",
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

/**
 * Throws the API error of an access-policy refusal (see access/access-policy.ts); `what` names
 * the object a NOT_FOUND is about. Returns when the policy allows the action.
 */
export function authorize(
  viewer: Viewer,
  action: RegistryAction,
  registry: OwnedRegistry,
  what = "Registry",
): void {
  const denied = refusal(viewer, action, registry);
  if (!denied) return;
  if (denied.code === "NOT_FOUND") throw notFound(what);
  throw apiError(ApiErrorCode[denied.code], denied.message);
}

/** The connection arguments of a list, as a client sent them (Relay). */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Page size when a client gives neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Checks a list's connection arguments and decodes its cursors: `first` and `last` from 0 to
 * MAX_PAGE_SIZE (20 items from the start when neither is given), cursors of this list only.
 * BAD_USER_INPUT naming the argument (`extensions.field`) otherwise.
 */
export function pageWindow(
  request: PageRequest,
  list: string,
  keys: readonly KeysetKey[],
  valid?: (values: CursorValues) => boolean,
): PageWindow {
  for (const field of ["first", "last"] as const) {
    const size = request[field];
    if (size != null && (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE)) {
      throw badInput(`\`${field}\` must be between 0 and ${MAX_PAGE_SIZE} (it was ${size})`, field);
    }
  }
  const cursor = (field: "after" | "before"): CursorValues | null => {
    const text = request[field];
    if (!text) return null;
    const values = cursorValues(text, list, keys, valid);
    if (!values) throw badInput(`\`${field}\` is not a cursor of this list (${list})`, field);
    return values;
  };
  const first = request.first ?? null;
  const last = request.last ?? null;
  return {
    first: first === null && last === null ? DEFAULT_PAGE_SIZE : first,
    last,
    after: cursor("after"),
    before: cursor("before"),
  };
}
