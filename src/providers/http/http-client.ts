/**
 * The HTTP client shared by the providers (undici, one connection pool per registry target).
 *
 * How failures are classified (RegistryErrorCode):
 * - HTTP statuses: 401 AUTH_FAILED, 403 FORBIDDEN, 404/410 NOT_FOUND, 429 RATE_LIMITED (with
 *   Retry-After in the message), 5xx SERVER_ERROR, any other non-2xx PROTOCOL.
 * - Transport: refused/reset connections, DNS failures, unreachable hosts AND a body cut short
 *   by the server (fewer bytes than Content-Length, or a chunked body that never ends properly)
 *   are UNREACHABLE: the bytes never arrived, retrying may help. PARSE is kept for bodies that
 *   arrived whole but cannot be read, including a corrupt or incomplete gzip stream.
 * - Certificate and handshake failures TLS; connect timeout, undici timers and our total
 *   deadline TIMEOUT; the caller's AbortSignal CANCELLED; too many redirects, loops, non-http(s)
 *   redirect targets and unsupported encodings PROTOCOL; Content-Length, raw or decompressed
 *   body above maxBodyBytes TOO_LARGE.
 * Messages never hold credentials: URLs are shown without userinfo or query, and excerpts of
 * error bodies are scrubbed of the configured secrets.
 *
 * Why one file of some 600 lines: how a failure is classified depends on where in one request it
 * happens (connect, headers, body, decompression, redirects); the length is that table of cases,
 * kept beside the one request loop it describes.
 */
import type { LookupFunction } from "node:net";
import { X509Certificate } from "node:crypto";
import { rootCertificates } from "node:tls";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import { Agent, request, type Dispatcher } from "undici";
import { RegistryError, RegistryErrorCode } from "../errors";
import type { FetchLimits, RegistryTarget } from "../provider";
import { excerptErrorBody, statusError, transportError } from "./http-errors";
import { SecretRedactor } from "./secret-redaction";
import { parseEndpoint, redactUrl, sameOrigin } from "./http-url";

/** How much later than the request's deadline undici's own timers fire (they are a backstop). */
const UNDICI_TIMER_MARGIN_MS = 1000;

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const brotliDecompress = promisify(zlib.brotliDecompress);

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Enough of an error body for a useful excerpt; the rest is not worth downloading. */
const ERROR_BODY_BYTES = 16 * 1024;
/** Redirect and discarded bodies are drained up to this much so the connection can be reused. */
const DRAIN_BYTES = 64 * 1024;

const DEFAULT_USER_AGENT = "registry-catalog-gateway/0.1 (+helm-index)";

/**
 * Hooks for the network layer. This is the one seam where connection policy (e.g. SSRF checks)
 * plugs in: `beforeConnect` sees every URL before it is requested, the initial one and every
 * redirect target; `lookup` replaces DNS resolution for every socket the client opens, so a
 * check there also covers what the host name resolves to.
 */
export interface HttpClientOptions {
  /** Called before each request hop; throw a RegistryError to refuse the URL. */
  beforeConnect?: (url: URL) => void | Promise<void>;
  /** DNS lookup used for every connection (passed to `net.connect`). */
  lookup?: LookupFunction;
  /** Sent as `User-Agent`. */
  userAgent?: string;
}

/** Progress of one response body as bytes arrive on the wire. */
export interface HttpBodyProgress {
  /** Body bytes received so far (compressed when the body is compressed). */
  bytes: number;
  /** Content-Length of the body on the wire, when the server sent one. */
  total?: number;
}

export interface HttpRequest {
  url: string | URL;
  /** Default GET. POST (webhook deliveries) sends `body`. */
  method?: "GET" | "HEAD" | "POST";
  /** The request body (POST). */
  body?: string | Buffer;
  /** Extra request headers (e.g. `accept`, `range`). Names are case-insensitive. */
  headers?: Record<string, string>;
  /** Validators of a previous response: sent as If-None-Match / If-Modified-Since. */
  validators?: { etag?: string | null; lastModified?: string | null };
  signal?: AbortSignal;
  onProgress?: (progress: HttpBodyProgress) => void;
  /**
   * Error statuses the caller wants to see as a response instead of a thrown RegistryError
   * (e.g. 404 or 405 when probing).
   */
  passStatuses?: readonly number[];
  /** Do not keep the body (probes): it is drained and dropped, `body` is empty. */
  discardBody?: boolean;
}

export interface HttpResponse {
  status: number;
  /** 304: the resource did not change since the validators sent. */
  notModified: boolean;
  /** The URL that answered, after redirects. */
  url: string;
  /** Response headers, lower-case names, repeated headers joined with ", ". */
  headers: Readonly<Record<string, string>>;
  /** The body, decompressed. Empty for HEAD, 304 and `discardBody`. */
  body: Buffer;
  /** Body bytes received on the wire for the final response (before decompression). */
  bytesOnWire: number;
  etag?: string;
  lastModified?: string;
  redirects: number;
}

/**
 * The shared HTTP client of the providers: one per registry target, because the TLS settings
 * (custom CA, skip-verify) live in its connection pool. Close it when done.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly endpoint: URL;
  private readonly authorization: string | undefined;
  /** Strings that must never appear in text we pass on from the registry. */
  /** Every spelling of the target's secrets, out of whatever the registry answers. */
  private readonly redactor: SecretRedactor;
  private readonly userAgent: string;
  private closed = false;

  /** Throws INVALID_CONFIGURATION when the endpoint, credentials or CA are unusable. */
  constructor(
    target: RegistryTarget,
    private readonly limits: FetchLimits,
    private readonly options: HttpClientOptions = {},
  ) {
    this.endpoint = parseEndpoint(target.endpoint);
    const { authorization, secrets } = authorizationFor(target.auth);
    this.authorization = authorization;
    this.redactor = new SecretRedactor([
      ...secrets.map((secret) => ({ secret, username: target.auth.username ?? null })),
      ...(target.echoedSecrets ?? []).map(({ secret, username }) => ({ secret, username })),
    ]);
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    const insecure = target.tls.insecureSkipVerify;
    const ca = insecure ? undefined : customCaList(target.tls.caCertificate);
    this.agent = new Agent({
      connect: {
        timeout: limits.connectTimeoutMs,
        // Skip-verify wins over a custom CA, as in the product's TLS settings.
        rejectUnauthorized: !insecure,
        ...(ca === undefined ? {} : { ca }),
        ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
      },
      // The total deadline is ours (it includes the body); undici's own timers must not fire
      // earlier with a different meaning (set equal, they raced ours on a loaded machine).
      headersTimeout: limits.requestTimeoutMs + UNDICI_TIMER_MARGIN_MS,
      bodyTimeout: limits.requestTimeoutMs + UNDICI_TIMER_MARGIN_MS,
    });
  }

  /** The registry endpoint this client was built for. */
  get endpointUrl(): URL {
    return new URL(this.endpoint);
  }

  /**
   * Performs one request, following redirects, within the total request timeout. Returns 2xx,
   * 304 and `passStatuses` responses; throws a RegistryError for everything else.
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    if (this.closed) {
      throw new RegistryError(RegistryErrorCode.INTERNAL, "The HTTP client is closed.");
    }
    const callerSignal = req.signal;
    const state = { where: redactUrl(req.url) };
    if (callerSignal?.aborted) throw cancelled(state.where);
    // One controller for both the caller's cancellation and our deadline, wired by hand:
    // AbortSignal.any keeps listeners on a long-lived caller signal alive.
    const controller = new AbortController();
    const signal = controller.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error("request deadline reached"));
    }, this.limits.requestTimeoutMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    try {
      return await this.follow(req, signal, state);
    } catch (error) {
      // Our own failures (size limits, statuses) keep their code even if a signal fired later.
      if (error instanceof RegistryError) throw error;
      if (callerSignal?.aborted) throw cancelled(state.where, error);
      if (timedOut) {
        throw new RegistryError(
          RegistryErrorCode.TIMEOUT,
          `The request to ${state.where} did not complete within ${this.limits.requestTimeoutMs} ms.`,
          undefined,
          { cause: error },
        );
      }
      throw transportError(error, state.where);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    }
  }

  /** Closes every connection; requests still running fail. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.agent.destroy();
  }

  private async follow(
    req: HttpRequest,
    signal: AbortSignal,
    state: { where: string },
  ): Promise<HttpResponse> {
    let url = toHttpUrl(req.url);
    let method = req.method ?? "GET";
    const visited = new Set<string>();
    for (let redirects = 0; ; redirects++) {
      state.where = redactUrl(url);
      await this.options.beforeConnect?.(new URL(url));
      if (signal.aborted) throw signal.reason;
      const response = await request(url, {
        method,
        ...(method === "POST" && req.body !== undefined ? { body: req.body } : {}),
        headers: this.headersFor(url, req),
        signal,
        dispatcher: this.agent,
      });
      const status = response.statusCode;
      const headers = flattenHeaders(response.headers);

      if (REDIRECT_STATUSES.has(status)) {
        await drain(response.body, signal);
        const next = this.redirectTarget(url, headers["location"], redirects, visited, state.where);
        visited.add(url.href);
        // 303 means "see other resource with GET"; HEAD stays HEAD.
        if (status === 303 && method !== "HEAD") method = "GET";
        url = next;
        continue;
      }

      const base = {
        status,
        url: url.href,
        headers,
        redirects,
        ...(headers["etag"] === undefined ? {} : { etag: headers["etag"] }),
        ...(headers["last-modified"] === undefined
          ? {}
          : { lastModified: headers["last-modified"] }),
      };

      if (status === 304) {
        await drain(response.body, signal);
        return { ...base, notModified: true, body: Buffer.alloc(0), bytesOnWire: 0 };
      }

      const passed = req.passStatuses?.includes(status) ?? false;
      if ((status < 200 || status > 299) && !passed) {
        throw await this.errorFromResponse(status, headers, response.body, signal, state.where);
      }

      if (method === "HEAD" || req.discardBody === true) {
        await drain(response.body, signal);
        return { ...base, notModified: false, body: Buffer.alloc(0), bytesOnWire: 0 };
      }

      const { raw, bytes } = await this.readBody(response.body, headers, state.where, req);
      if (signal.aborted) throw signal.reason;
      const body = await this.decode(raw, headers["content-encoding"], state.where);
      if (signal.aborted) throw signal.reason;
      return { ...base, notModified: false, body, bytesOnWire: bytes };
    }
  }

  private headersFor(url: URL, req: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = {
      "user-agent": this.userAgent,
      accept: "*/*",
      "accept-encoding": "gzip",
    };
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      headers[name.toLowerCase()] = value;
    }
    if (req.validators?.etag) headers["if-none-match"] = req.validators.etag;
    if (req.validators?.lastModified) headers["if-modified-since"] = req.validators.lastModified;
    // Credentials go only to the registry's own origin, never to where it redirects us.
    if (this.authorization !== undefined && sameOrigin(url, this.endpoint)) {
      headers["authorization"] = this.authorization;
    } else {
      delete headers["authorization"];
    }
    return headers;
  }

  private redirectTarget(
    from: URL,
    location: string | undefined,
    redirects: number,
    visited: Set<string>,
    where: string,
  ): URL {
    if (location === undefined || location.trim() === "") {
      throw new RegistryError(
        RegistryErrorCode.PROTOCOL,
        `${where} answered with a redirect without a Location header.`,
      );
    }
    if (redirects >= this.limits.maxRedirects) {
      throw new RegistryError(
        RegistryErrorCode.PROTOCOL,
        `Too many redirects: ${where} redirected again after ${redirects} redirect(s) (limit ${this.limits.maxRedirects}).`,
      );
    }
    let next: URL;
    try {
      next = new URL(location, from);
    } catch {
      throw new RegistryError(RegistryErrorCode.PROTOCOL, `${where} redirected to an invalid URL.`);
    }
    if (next.protocol !== "http:" && next.protocol !== "https:") {
      throw new RegistryError(
        RegistryErrorCode.PROTOCOL,
        `${where} redirected to an unsupported scheme (${next.protocol.replace(/:$/, "")}); only http and https are followed.`,
      );
    }
    // Userinfo in a Location would be sent by undici as credentials we never configured.
    next.username = "";
    next.password = "";
    next.hash = "";
    if (next.href === from.href || visited.has(next.href)) {
      throw new RegistryError(
        RegistryErrorCode.PROTOCOL,
        `Redirect loop: ${where} redirected back to ${redactUrl(next)}.`,
      );
    }
    return next;
  }

  private async readBody(
    body: Dispatcher.ResponseData["body"],
    headers: Record<string, string>,
    where: string,
    req: HttpRequest,
  ): Promise<{ raw: Buffer; bytes: number }> {
    const cap = this.limits.maxBodyBytes;
    const declared = parseContentLength(headers["content-length"]);
    if (declared !== undefined && declared > cap) {
      // An `error` the stream may emit while it is destroyed must never go unhandled.
      body.on("error", () => undefined);
      body.destroy();
      throw tooLarge(where, `its Content-Length is ${declared} bytes`, cap);
    }
    const progress = req.onProgress;
    const total = declared === undefined ? {} : { total: declared };
    progress?.({ bytes: 0, ...total });
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > cap) {
        // Leaving the loop destroys the stream, which aborts the socket: nothing past the cap
        // is buffered.
        throw tooLarge(where, "the body is longer than allowed", cap);
      }
      chunks.push(chunk);
      progress?.({ bytes, ...total });
    }
    return { raw: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, bytes), bytes };
  }

  private async decode(raw: Buffer, encoding: string | undefined, where: string): Promise<Buffer> {
    if (encoding === undefined || raw.length === 0) return raw;
    const codings = encoding
      .toLowerCase()
      .split(",")
      .map((c) => c.trim())
      .filter((c) => c !== "" && c !== "identity")
      .reverse();
    let data = raw;
    const options = { maxOutputLength: this.limits.maxBodyBytes };
    for (const coding of codings) {
      try {
        if (coding === "gzip" || coding === "x-gzip") data = await gunzip(data, options);
        else if (coding === "deflate") data = await inflate(data, options);
        else if (coding === "br") data = await brotliDecompress(data, options);
        else {
          throw new RegistryError(
            RegistryErrorCode.PROTOCOL,
            `${where} sent the body with an unsupported Content-Encoding (${coding.slice(0, 40)}).`,
          );
        }
      } catch (error) {
        if (error instanceof RegistryError) throw error;
        if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") {
          throw tooLarge(
            where,
            "its decompressed body is larger than allowed",
            this.limits.maxBodyBytes,
          );
        }
        throw new RegistryError(
          RegistryErrorCode.PARSE,
          `The ${coding}-compressed body from ${where} is corrupt or incomplete.`,
          undefined,
          { cause: error },
        );
      }
    }
    return data;
  }

  private async errorFromResponse(
    status: number,
    headers: Record<string, string>,
    body: Dispatcher.ResponseData["body"],
    signal: AbortSignal,
    where: string,
  ): Promise<RegistryError> {
    let detail = "";
    try {
      const raw = await readPrefix(body, ERROR_BODY_BYTES);
      detail = excerptErrorBody(
        decodePrefix(raw, headers["content-encoding"]),
        headers["content-type"],
        this.redactor,
      );
    } catch {
      // The status says enough; an unreadable error body must not hide it.
      if (signal.aborted) throw signal.reason;
    }
    const retryAfter = headers["retry-after"];
    return statusError(status, where, {
      detail,
      hadCredentials: this.authorization !== undefined,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
  }
}

/**
 * Creates the HTTP client for one registry target. Throws INVALID_CONFIGURATION when the
 * endpoint, credentials or CA certificate are unusable.
 */
export function createHttpClient(
  target: RegistryTarget,
  limits: FetchLimits,
  options?: HttpClientOptions,
): HttpClient {
  return new HttpClient(target, limits, options);
}

/** A factory of clients, so providers can be given hooks (SSRF checks) from outside. */
export type HttpClientFactory = (target: RegistryTarget, limits: FetchLimits) => HttpClient;

function authorizationFor(auth: RegistryTarget["auth"]): {
  authorization: string | undefined;
  secrets: string[];
} {
  if (auth.type === "BASIC") {
    if (!auth.username) {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        "Basic authentication needs a username.",
      );
    }
    const secret = auth.secret ?? "";
    const encoded = Buffer.from(`${auth.username}:${secret}`, "utf8").toString("base64");
    return {
      authorization: `Basic ${encoded}`,
      // The redactor adds every other spelling (base64 of user:secret included).
      secrets: [secret],
    };
  }
  if (auth.type === "TOKEN") {
    if (!auth.secret) {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        "Token authentication needs a token.",
      );
    }
    return {
      authorization: `Bearer ${auth.secret}`,
      secrets: [auth.secret],
    };
  }
  return { authorization: undefined, secrets: [] };
}

/**
 * The trust list for a custom CA: the system roots plus every certificate of the PEM chain
 * (Node's `ca` option replaces the default roots, so they are added back).
 */
function customCaList(pem: string | null | undefined): string[] | undefined {
  if (pem === null || pem === undefined || pem.trim() === "") return undefined;
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  const invalid = () =>
    new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      "The CA certificate is not a valid PEM certificate chain (expected one or more -----BEGIN CERTIFICATE----- blocks).",
    );
  if (blocks.length === 0) throw invalid();
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw invalid();
    }
  }
  return [...rootCertificates, ...blocks];
}

function toHttpUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new RegistryError(RegistryErrorCode.INVALID_CONFIGURATION, "The URL is not absolute.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      `Only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, "")}.`,
    );
  }
  url.username = "";
  url.password = "";
  url.hash = "";
  return url;
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function parseContentLength(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

function tooLarge(where: string, what: string, cap: number): RegistryError {
  return new RegistryError(
    RegistryErrorCode.TOO_LARGE,
    `The response from ${where} is too large: ${what} (limit ${cap} bytes).`,
  );
}

function cancelled(where: string, cause?: unknown): RegistryError {
  return new RegistryError(
    RegistryErrorCode.CANCELLED,
    `The request to ${where} was cancelled.`,
    undefined,
    cause === undefined ? undefined : { cause },
  );
}

/** Reads and drops a body we do not need, without downloading an unbounded one. */
async function drain(body: Dispatcher.ResponseData["body"], signal: AbortSignal): Promise<void> {
  try {
    await body.dump({ limit: DRAIN_BYTES, signal });
  } catch {
    // A body we were going to drop anyway; only a cancellation matters.
    if (signal.aborted) throw signal.reason;
  }
}

/** The first `max` bytes of a body; the rest is dropped with the connection. */
async function readPrefix(body: Dispatcher.ResponseData["body"], max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= max) break;
  }
  return Buffer.concat(chunks, length).subarray(0, max);
}

/** Best-effort decompression of an error-body prefix (it may be cut in the middle). */
function decodePrefix(raw: Buffer, encoding: string | undefined): Buffer {
  const coding = encoding?.toLowerCase().trim();
  if (coding !== "gzip" && coding !== "x-gzip") return raw;
  try {
    return zlib.gunzipSync(raw, {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: ERROR_BODY_BYTES,
    });
  } catch {
    return Buffer.alloc(0);
  }
}

export { redactUrl };
