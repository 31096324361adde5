/**
 * Typed failures of a registry operation. Every provider maps what went wrong (a status code,
 * a socket error, a parse failure) to one of these codes, and keeps the registry's own message
 * (never a credential) so that a person can act on it.
 */
export enum RegistryErrorCode {
  /** 401 from the registry, or credentials it refused. */
  AUTH_FAILED = "AUTH_FAILED",
  /** 403: the credentials are valid but may not read this. */
  FORBIDDEN = "FORBIDDEN",
  /** Certificate verification failed (unknown CA, expired, wrong host name). */
  TLS = "TLS",
  /** DNS failure, refused or reset connection, network unreachable. */
  UNREACHABLE = "UNREACHABLE",
  /** 404 for the index or repository. */
  NOT_FOUND = "NOT_FOUND",
  /** 429 from the registry. */
  RATE_LIMITED = "RATE_LIMITED",
  /** 5xx from the registry. */
  SERVER_ERROR = "SERVER_ERROR",
  /** The body could not be parsed (malformed YAML or JSON, wrong structure, truncated). */
  PARSE = "PARSE",
  /** The body (or its decompressed form) exceeds the configured limit. */
  TOO_LARGE = "TOO_LARGE",
  /** Connecting or reading took longer than the configured timeout. */
  TIMEOUT = "TIMEOUT",
  /** Too many redirects, a redirect to an unsupported scheme, or another protocol violation. */
  PROTOCOL = "PROTOCOL",
  /** The operation was cancelled by a user or by shutdown. */
  CANCELLED = "CANCELLED",
  /**
   * The endpoint, a redirect target or what its host name resolves to is a loopback, link-local
   * (cloud metadata included), private or otherwise non-public address that
   * REGISTRY_NETWORK_ALLOWLIST does not allow. Refused before anything is sent there.
   */
  ADDRESS_NOT_ALLOWED = "ADDRESS_NOT_ALLOWED",
  /** The endpoint or settings are not usable (e.g. an unsupported URL scheme). */
  INVALID_CONFIGURATION = "INVALID_CONFIGURATION",
  /** Anything else; the message says what. */
  INTERNAL = "INTERNAL",
}

/** A failure talking to a registry, with a stable code and a message safe to show to users. */
export class RegistryError extends Error {
  override readonly name = "RegistryError";
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    /** HTTP status from the registry, when there was one. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isRegistryError(error: unknown): error is RegistryError {
  return error instanceof RegistryError;
}
