import { STATUS_CODES } from "node:http";
import { RegistryError, RegistryErrorCode } from "../errors";
import { redactSecrets, SecretRedactor } from "./secret-redaction";

/**
 * Node/OpenSSL verification codes: the certificate chain or host name was rejected. Codes that
 * start with `ERR_TLS_`, `ERR_SSL_` or `CERT_` are treated the same way.
 */
const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
  "HOSTNAME_MISMATCH",
  "EPROTO",
]);

const UNREACHABLE_MESSAGES: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ENOTFOUND: "the host name could not be resolved",
  EAI_AGAIN: "the host name could not be resolved (temporary DNS failure)",
  ECONNRESET: "the connection was reset",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  EHOSTDOWN: "the host is down",
  EPIPE: "the connection was closed while sending the request",
  ECONNABORTED: "the connection was aborted",
  UND_ERR_SOCKET: "the connection was closed by the server before the response was complete",
  UND_ERR_CLOSED: "the connection was closed",
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH:
    "the response body did not match its Content-Length (the connection ended early)",
};

const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
]);

/** Every `code` found on an error and its causes (undici wraps socket errors). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function isTlsCode(code: string): boolean {
  return (
    TLS_CODES.has(code) ||
    code.startsWith("ERR_TLS_") ||
    code.startsWith("ERR_SSL_") ||
    code.startsWith("CERT_")
  );
}

function tlsMessage(code: string): string {
  switch (code) {
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "CERT_UNTRUSTED":
      return "its certificate is not signed by a trusted certificate authority (add the CA certificate to the registry's TLS settings)";
    case "CERT_HAS_EXPIRED":
      return "its certificate has expired";
    case "CERT_NOT_YET_VALID":
      return "its certificate is not valid yet";
    case "ERR_TLS_CERT_ALTNAME_INVALID":
    case "HOSTNAME_MISMATCH":
      return "its certificate does not match the host name";
    default:
      if (code.startsWith("ERR_SSL_") || code === "EPROTO") {
        return "the TLS handshake failed (is the server speaking https on this port?)";
      }
      return `certificate verification failed (${code})`;
  }
}

/**
 * Maps a transport-level failure (socket, DNS, TLS, undici timeouts, HTTP parser) to a
 * RegistryError. Cancellation and our own deadline are decided by the caller, who knows which
 * signal fired; this only sees the error object.
 */
export function transportError(error: unknown, where: string): RegistryError {
  if (error instanceof RegistryError) return error;
  const codes = errorCodes(error);
  const options = { cause: error };
  for (const code of codes) {
    if (isTlsCode(code)) {
      return new RegistryError(
        RegistryErrorCode.TLS,
        `The TLS connection to ${where} failed: ${tlsMessage(code)}.`,
        undefined,
        options,
      );
    }
  }
  for (const code of codes) {
    if (TIMEOUT_CODES.has(code)) {
      const what =
        code === "UND_ERR_CONNECT_TIMEOUT"
          ? "connecting took longer than the connect timeout"
          : "the server took too long to respond";
      return new RegistryError(
        RegistryErrorCode.TIMEOUT,
        `The request to ${where} timed out: ${what}.`,
        undefined,
        options,
      );
    }
  }
  for (const code of codes) {
    const words = UNREACHABLE_MESSAGES[code];
    if (words !== undefined) {
      return new RegistryError(
        RegistryErrorCode.UNREACHABLE,
        `Could not reach ${where}: ${words}.`,
        undefined,
        options,
      );
    }
  }
  for (const code of codes) {
    if (code.startsWith("HPE_") || code === "UND_ERR_INFO") {
      return new RegistryError(
        RegistryErrorCode.PROTOCOL,
        `${where} did not answer with valid HTTP (${code}).`,
        undefined,
        options,
      );
    }
  }
  const detail = codes[0] ?? (error instanceof Error ? error.name : "unknown error");
  return new RegistryError(
    RegistryErrorCode.INTERNAL,
    `The request to ${where} failed unexpectedly (${detail}).`,
    undefined,
    options,
  );
}

/** "404 Not Found" */
export function statusLine(status: number): string {
  const text = STATUS_CODES[status];
  return text === undefined ? String(status) : `${status} ${text}`;
}

/**
 * Maps an HTTP error status to a RegistryError. `detail` is a short excerpt of the registry's
 * own error body (already scrubbed of credentials), `retryAfter` the Retry-After header.
 */
export function statusError(
  status: number,
  where: string,
  options: { detail?: string; retryAfter?: string; hadCredentials: boolean },
): RegistryError {
  const line = statusLine(status);
  const suffix = options.detail ? ` The registry said: "${options.detail}"` : "";
  let code: RegistryErrorCode;
  let message: string;
  if (status === 401) {
    code = RegistryErrorCode.AUTH_FAILED;
    message = options.hadCredentials
      ? `${where} refused the configured credentials (${line}).`
      : `${where} requires authentication (${line}) and no credentials are configured.`;
  } else if (status === 403) {
    code = RegistryErrorCode.FORBIDDEN;
    message = `${where} denied access (${line}).`;
  } else if (status === 404 || status === 410) {
    code = RegistryErrorCode.NOT_FOUND;
    message = `Nothing found at ${where} (${line}).`;
  } else if (status === 429) {
    code = RegistryErrorCode.RATE_LIMITED;
    const after = options.retryAfter ? describeRetryAfter(options.retryAfter) : "";
    message = `${where} is rate limiting requests (${line})${after}.`;
  } else if (status >= 500) {
    code = RegistryErrorCode.SERVER_ERROR;
    message = `${where} failed with a server error (${line}).`;
  } else {
    code = RegistryErrorCode.PROTOCOL;
    message = `${where} answered with an unexpected status (${line}).`;
  }
  return new RegistryError(code, message + suffix, status);
}

function describeRetryAfter(value: string): string {
  const trimmed = value.trim().slice(0, 64);
  if (/^\d+$/.test(trimmed)) return `; it asks to retry after ${trimmed} seconds`;
  return `; it asks to retry after ${trimmed}`;
}

/**
 * Removes every spelling of the given secrets from a text that came from outside (an error body
 * may echo the request headers); see SecretRedactor. A very short secret cannot be masked without
 * mangling the text, so a text containing one is dropped whole.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets);
}

const NO_SECRETS = new SecretRedactor([]);

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/**
 * A short, single-line excerpt of an error body for messages: the `<title>` of an HTML page or
 * the text with tags and runs of whitespace removed, at most `max` characters. `redactor`'s
 * secrets are removed at every step before the cut (as sent, after the HTML is stripped, after
 * white space is collapsed), and a beginning of one left at the cut is removed too.
 */
export function excerptErrorBody(
  body: Buffer,
  contentType: string | undefined,
  redactor: SecretRedactor = NO_SECRETS,
  max = 200,
): string {
  if (body.length === 0) return "";
  const type = (contentType ?? "").toLowerCase();
  const textual =
    type === "" ||
    type.startsWith("text/") ||
    type.includes("json") ||
    type.includes("xml") ||
    type.includes("yaml");
  if (!textual) return "";
  let text = redactor.redact(
    new TextDecoder("utf-8", { fatal: false }).decode(body.subarray(0, 16 * 1024)),
  );
  if (type.includes("html") || /^\s*<(!doctype|html)/i.test(text)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text);
    text = redactor.redact(title?.[1] ?? text.replace(/<[^>]*>/g, " "));
  }
  // Control characters would break log lines and terminals.
  text = redactor.redact(text.replace(CONTROL_CHARACTERS, " ").replace(/\s+/g, " ").trim());
  return redactor.trimTail(text.length > max ? `${text.slice(0, max)}…` : text);
}
