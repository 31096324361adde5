/**
 * A client of the OCI distribution API for one operation (a validation, a listing, a lookup or
 * a content fetch) against one registry, over the shared HTTP client.
 *
 * - Authentication through OciAuthenticator: Basic, a configured bearer token, or the registry
 *   token flow, with one retry after a 401.
 * - At most `concurrency` requests in flight; 429 answers are waited out as the registry asks,
 *   within a retry budget (rate-limit.ts), then RATE_LIMITED.
 * - Paging of `_catalog` and `tags/list` by the `Link` header (relative links; same origin only).
 * - Manifests and blobs are verified against their digest; blobs are capped by the size their
 *   descriptor states, and refused before download when that size is above the caller's cap.
 *
 * The shared HTTP client sends the Authorization it was built with (only to the registry's own
 * origin), so this client keeps one HTTP client per Authorization (per bearer token, in the token
 * flow) and closes them all in `close`.
 *
 * Why one file of some 550 lines: authentication retries, the concurrency limit, 429 waits, paging
 * and digest checks all act on the same request loop; split, one request's life would be spread
 * over several files.
 */
import { RegistryError, RegistryErrorCode } from "../errors";
import type { HttpClient, HttpClientFactory, HttpRequest, HttpResponse } from "../http/http-client";
import { excerptErrorBody, statusError, statusLine } from "../http/http-errors";
import { SecretRedactor } from "../http/secret-redaction";
import { parseEndpoint, redactUrl } from "../http/http-url";
import type { FetchLimits, RegistryTarget } from "../provider";
import {
  OciAuthenticator,
  fingerprint,
  parseTokenResponse,
  type CredentialSource,
  type IssuedToken,
  type RequestAuth,
  type TokenCache,
  type TokenRequest,
} from "./oci-auth";
import {
  MANIFEST_ACCEPT,
  MAX_MANIFEST_BYTES,
  parseJsonObject,
  parseManifest,
  type Descriptor,
  type Manifest,
} from "./oci-manifest";
import { digestOf, isRepositoryName, isTag, parseDigest, verifyDigest } from "./oci-reference";
import { RateLimitBudget } from "./rate-limit";
import { RequestLimiter, delay } from "./request-limiter";
import { DISTRIBUTION_PROTOCOL, type RegistryProtocol } from "../registry-protocol";

/** Repositories asked of `_catalog` per page; registries serve 100 by default, ECR up to 1000. */
export const CATALOG_PAGE_SIZE = 100;
/** Pages followed before a listing is considered endless. */
const MAX_PAGES = 10_000;

/** The token scope of a repository's content. */
export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

/** The token scope of `_catalog`. */
export const CATALOG_SCOPE = "registry:catalog:*";

export interface OciClientOptions {
  limits: FetchLimits;
  credentials: CredentialSource;
  tokens: TokenCache;
  clientFactory: HttpClientFactory;
  /** Requests in flight at most. */
  concurrency: number;
  /** The operation's signal: every request, wait and token fetch stops when it fires. */
  signal?: AbortSignal;
  /** Where the API lives; the OCI distribution API (`/v2/`) unless given. */
  protocol?: RegistryProtocol;
}

export { DISTRIBUTION_PROTOCOL, type RegistryProtocol };

/** A tag's manifest digest; `body` when it was read to compute the digest. */
export interface ResolvedTag {
  digest: string;
  body?: Buffer;
}

interface OciRequest {
  url: URL;
  method?: "GET" | "HEAD";
  accept?: string;
  /** Token scope of the request ("" for the API root). */
  scope: string;
  /** Statuses returned to the caller instead of thrown. */
  pass?: readonly number[];
  /** Largest body accepted for this request (below the global limit). */
  maxBytes?: number;
}

/**
 * The registry's endpoint as an origin. Throws INVALID_CONFIGURATION for a URL with a path or
 * query: the distribution API lives at `/v2/` of the host.
 */
export function registryOrigin(endpoint: string): URL {
  const url = parseEndpoint(endpoint);
  if (url.pathname.replace(/\/+$/, "") !== "" || url.search !== "") {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      "An OCI registry endpoint is a host and optional port (e.g. https://registry.example.com), without a path: repositories are chosen with base content paths.",
    );
  }
  return new URL(url.origin);
}

export class OciRegistryClient {
  /** `https://host[:port]` */
  readonly origin: URL;
  private readonly http = new Map<string, HttpClient>();
  private readonly auth: OciAuthenticator;
  private readonly limiter: RequestLimiter;
  private readonly rateLimit: RateLimitBudget;
  private readonly signal: AbortSignal | undefined;
  private bytes = 0;
  private readonly protocol: RegistryProtocol;

  constructor(
    private readonly target: RegistryTarget,
    private readonly options: OciClientOptions,
  ) {
    this.origin = registryOrigin(target.endpoint);
    this.protocol = options.protocol ?? DISTRIBUTION_PROTOCOL;
    this.signal = options.signal;
    this.limiter = new RequestLimiter(options.concurrency, options.signal);
    this.rateLimit = new RateLimitBudget();
    this.auth = new OciAuthenticator(options.credentials, options.tokens, (request) =>
      this.fetchToken(request),
    );
  }

  /** `host[:port]`, as in `oci://` URLs and references. */
  get host(): string {
    return this.origin.host;
  }

  /** Body bytes received so far, over all requests (token requests included). */
  get bytesFetched(): number {
    return this.bytes;
  }

  /**
   * `GET /v2/`: the registry speaks the distribution API and takes the credentials. Throws
   * NOT_FOUND when there is no API there, AUTH_FAILED when the credentials are refused.
   */
  async ping(): Promise<void> {
    const url = this.url(this.protocol.pingPath);
    try {
      await this.send({ url, scope: "" });
    } catch (error) {
      if (error instanceof RegistryError && error.code === RegistryErrorCode.NOT_FOUND) {
        throw new RegistryError(
          RegistryErrorCode.NOT_FOUND,
          `${redactUrl(url)} answered 404: this endpoint does not serve ${this.protocol.name}.`,
          404,
        );
      }
      throw error;
    }
  }

  /**
   * Every repository of `_catalog`, page by page (`onlyFirstPage` for a quick check). A registry
   * that refuses the catalog (401/403 once authenticated, 404) is a FORBIDDEN or NOT_FOUND error
   * that says to configure the repositories instead.
   */
  async catalog(onlyFirstPage = false): Promise<string[]> {
    const names: string[] = [];
    try {
      await this.paged(
        this.url(`${this.protocol.apiRoot}/_catalog`, { n: String(CATALOG_PAGE_SIZE) }),
        `${this.protocol.apiRoot}/_catalog`,
        CATALOG_SCOPE,
        (body, where) => {
          const json = parseJsonObject(body, `The catalog page ${where}`);
          names.push(...stringList(json["repositories"], `The catalog page ${where}`));
          return !onlyFirstPage;
        },
      );
    } catch (error) {
      if (
        !this.protocol.pingAuthenticates &&
        error instanceof RegistryError &&
        error.status === 401
      )
        throw error;
      throw catalogRefusal(error);
    }
    return [...new Set(names.filter(isRepositoryName))];
  }

  /**
   * The tags of a repository, page by page. Undefined when the registry answers 404 (an unknown
   * repository, or one holding blobs only or whose tags were all deleted).
   */
  async tags(repository: string): Promise<string[] | undefined> {
    const tags: string[] = [];
    const path = `${this.protocol.apiRoot}/${repository}/tags/list`;
    const found = await this.paged(this.url(path), path, pullScope(repository), (body, where) => {
      const json = parseJsonObject(body, `The tag list ${where}`);
      // Distribution answers `"tags": null` for a repository without tags.
      tags.push(...stringList(json["tags"], `The tag list ${where}`));
      return true;
    });
    return found ? [...new Set(tags.filter(isTag))] : undefined;
  }

  /**
   * The manifest digest a tag points at: `HEAD` and its `Docker-Content-Digest`, or, when the
   * registry omits that header, a `GET` whose body is hashed (and returned). Undefined on 404.
   */
  async resolveTag(repository: string, tag: string): Promise<ResolvedTag | undefined> {
    const request = {
      url: this.url(`${this.protocol.apiRoot}/${repository}/manifests/${tag}`),
      accept: MANIFEST_ACCEPT,
      scope: pullScope(repository),
      pass: [404],
    };
    const head = await this.send({ ...request, method: "HEAD" });
    if (head.status === 404) return undefined;
    const stated = head.headers["docker-content-digest"]?.trim();
    if (parseDigest(stated) !== undefined) return { digest: stated! };
    const response = await this.send({ ...request, maxBytes: MAX_MANIFEST_BYTES });
    if (response.status === 404) return undefined;
    const onGet = response.headers["docker-content-digest"]?.trim();
    const digest = digestOf(response.body, parseDigest(onGet)?.algorithm);
    if (onGet !== undefined && onGet !== "" && onGet !== digest) {
      verifyDigest(response.body, onGet, `The manifest of ${repository}:${tag}`);
    }
    return { digest, body: response.body };
  }

  /**
   * The manifest (or index) with this digest, verified against it. `body` is used instead of a
   * request when the caller has it already (from `resolveTag`).
   */
  async manifest(repository: string, digest: string, body?: Buffer): Promise<Manifest> {
    const data =
      body ??
      (
        await this.send({
          url: this.url(`${this.protocol.apiRoot}/${repository}/manifests/${digest}`),
          accept: MANIFEST_ACCEPT,
          scope: pullScope(repository),
          maxBytes: MAX_MANIFEST_BYTES,
        })
      ).body;
    const what = `The manifest ${repository}@${digest}`;
    verifyDigest(data, digest, what);
    return parseManifest(data, what);
  }

  /**
   * A blob, verified against its digest. Refused with TOO_LARGE before any download when its
   * descriptor states more than `maxBytes`, and cut off when the registry sends more than that.
   */
  async blob(repository: string, descriptor: Descriptor, maxBytes: number): Promise<Buffer> {
    const what = `The blob ${descriptor.digest} of ${repository}`;
    if (descriptor.size > maxBytes) {
      throw new RegistryError(
        RegistryErrorCode.TOO_LARGE,
        `${what} (${descriptor.mediaType}) is ${descriptor.size} bytes by its descriptor, more than the ${maxBytes} bytes accepted; it was not downloaded.`,
      );
    }
    const response = await this.send({
      url: this.url(`${this.protocol.apiRoot}/${repository}/blobs/${descriptor.digest}`),
      scope: pullScope(repository),
      maxBytes: descriptor.size,
    });
    verifyDigest(response.body, descriptor.digest, what);
    return response.body;
  }

  /**
   * The OCI 1.1 referrers of a manifest (`GET /v2/<name>/referrers/<digest>`, one page): each
   * referrer's digest and artifact type. Undefined when the registry answers 404 (it does not
   * implement the referrers API: a registry that does answers an empty index).
   */
  async referrers(
    repository: string,
    digest: string,
  ): Promise<{ digest: string; artifactType: string | null }[] | undefined> {
    const response = await this.send({
      url: this.url(`${this.protocol.apiRoot}/${repository}/referrers/${digest}`),
      accept: "application/vnd.oci.image.index.v1+json",
      scope: pullScope(repository),
      pass: [404],
      maxBytes: MAX_MANIFEST_BYTES,
    });
    if (response.status === 404) return undefined;
    const json = parseJsonObject(response.body, `The referrers of ${repository}@${digest}`);
    const manifests = Array.isArray(json["manifests"]) ? (json["manifests"] as unknown[]) : [];
    return manifests.flatMap((entry) => {
      if (typeof entry !== "object" || entry === null) return [];
      const { digest: referrer, artifactType } = entry as Record<string, unknown>;
      if (typeof referrer !== "string" || parseDigest(referrer) === undefined) return [];
      return [
        { digest: referrer, artifactType: typeof artifactType === "string" ? artifactType : null },
      ];
    });
  }

  /** Closes every connection this client opened. */
  async close(): Promise<void> {
    const clients = [...this.http.values()];
    this.http.clear();
    await Promise.all(clients.map((client) => client.close()));
  }

  private url(path: string, query: Record<string, string> = {}): URL {
    const url = new URL(path, this.origin);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  /**
   * Follows a listing through its `Link: <…>; rel="next"` headers. `onPage` reads each body and
   * says whether to go on. False when the first page answered 404.
   */
  private async paged(
    first: URL,
    path: string,
    scope: string,
    onPage: (body: Buffer, where: string) => boolean,
  ): Promise<boolean> {
    const seen = new Set<string>();
    let url: URL | undefined = first;
    for (let page = 0; url !== undefined; page++) {
      const where = redactUrl(url);
      if (page >= MAX_PAGES || seen.has(url.href)) {
        throw new RegistryError(
          RegistryErrorCode.PROTOCOL,
          `The listing at ${redactUrl(first)} does not end: its Link headers ${page >= MAX_PAGES ? `go past ${MAX_PAGES} pages` : "loop"}.`,
        );
      }
      seen.add(url.href);
      const response = await this.send({
        url,
        scope,
        pass: [404],
        accept: "application/json",
      });
      if (response.status === 404) {
        if (page === 0) return false;
        break;
      }
      if (!onPage(response.body, where)) break;
      url = nextPage(response.headers["link"], url, this.origin, path);
    }
    return true;
  }

  /**
   * One request with authentication, the concurrency limit and 429 handling. A 401 is answered
   * once (token flow, renewed credentials); a second one is AUTH_FAILED.
   */
  private async send(request: OciRequest): Promise<HttpResponse> {
    const where = redactUrl(request.url);
    const signal = this.signal;
    let authRetried = false;
    for (let attempt = 0; ;) {
      const auth = await this.auth.authorizationFor(request.scope, signal);
      const response = await this.limiter.run(() => this.once(auth, request, where));
      this.bytes += response.bytesOnWire;
      if (response.status === 401) {
        const header = response.headers["www-authenticate"];
        if (!authRetried && (await this.auth.challenged(header, request.scope, auth, signal))) {
          authRetried = true;
          continue;
        }
        throw await this.unauthorized(response, auth, where);
      }
      if (response.status === 429) {
        const wait = this.rateLimit.nextDelay(attempt++, response.headers["retry-after"], where);
        if (wait instanceof RegistryError) throw wait;
        await delay(wait, signal, `Waiting to retry ${where}`);
        continue;
      }
      return response;
    }
  }

  /** One HTTP exchange with the client of this Authorization, within the request's byte cap. */
  private async once(auth: RequestAuth, request: OciRequest, where: string): Promise<HttpResponse> {
    const client = this.clientFor(this.origin, auth);
    const base: HttpRequest = {
      url: request.url,
      method: request.method ?? "GET",
      passStatuses: [401, 429, ...(request.pass ?? [])],
      ...(request.accept === undefined ? {} : { headers: { accept: request.accept } }),
    };
    const cap = request.maxBytes;
    const outer = this.signal;
    if (cap === undefined) return client.request({ ...base, ...(outer ? { signal: outer } : {}) });
    // The shared client's cap is global; a smaller one is enforced by cancelling the request as
    // soon as the stated length or the bytes received pass it.
    const controller = new AbortController();
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    else outer?.addEventListener("abort", onAbort, { once: true });
    let exceeded = false;
    try {
      const response = await client.request({
        ...base,
        signal: controller.signal,
        onProgress: ({ bytes, total }) => {
          if (!exceeded && (bytes > cap || (total ?? 0) > cap)) {
            exceeded = true;
            controller.abort();
          }
        },
      });
      if (response.body.length > cap) exceeded = true;
      if (!exceeded) return response;
    } catch (error) {
      if (!exceeded) throw error;
    } finally {
      outer?.removeEventListener("abort", onAbort);
    }
    throw new RegistryError(
      RegistryErrorCode.TOO_LARGE,
      `The response from ${where} is larger than the ${cap} bytes expected; it was cut off.`,
    );
  }

  /** The HTTP client that sends this Authorization to this origin (created on first use). */
  private clientFor(origin: URL, auth: RequestAuth): HttpClient {
    const key = [origin.origin, auth.type, fingerprint(auth.username, auth.secret)].join("\n");
    let client = this.http.get(key);
    if (client === undefined) {
      client = this.options.clientFactory(
        {
          ...this.target,
          endpoint: origin.origin,
          auth,
          // Whatever this origin echoes, the registry's own credentials stay out of messages.
          echoedSecrets: [...(this.target.echoedSecrets ?? []), this.target.auth],
        },
        this.options.limits,
      );
      this.http.set(key, client);
    }
    return client;
  }

  /**
   * Asks the realm for a token, with the credentials as Basic (to the realm's origin only).
   * Errors are reported as the token service's, without an HTTP status of the registry.
   */
  private async fetchToken(request: TokenRequest): Promise<IssuedToken> {
    const realm = this.realmUrl(request);
    const where = redactUrl(realm);
    const auth: RequestAuth =
      request.credentials === undefined
        ? { type: "NONE" }
        : {
            type: "BASIC",
            username: request.credentials.username,
            secret: request.credentials.password,
          };
    try {
      const response = await this.clientFor(new URL(realm.origin), auth).request({
        url: realm,
        headers: { accept: "application/json" },
        ...(this.signal === undefined ? {} : { signal: this.signal }),
      });
      this.bytes += response.bytesOnWire;
      return parseTokenResponse(response.body, where);
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      throw new RegistryError(
        error.code,
        `Getting a registry token failed: ${error.message}`,
        undefined,
        { cause: error },
      );
    }
  }

  /** The realm URL with `service` and `scope` parameters; refuses unsafe realms. */
  private realmUrl(request: TokenRequest): URL {
    let realm: URL;
    try {
      realm = new URL(request.realm);
    } catch {
      throw new RegistryError(
        RegistryErrorCode.PROTOCOL,
        "The registry named a token service whose URL is not valid.",
      );
    }
    if (realm.protocol !== "https:" && realm.protocol !== "http:") {
      throw new RegistryError(
        RegistryErrorCode.PROTOCOL,
        `The registry named a token service with an unsupported scheme (${realm.protocol.replace(/:$/, "")}).`,
      );
    }
    if (realm.protocol === "http:" && this.origin.protocol === "https:" && request.credentials) {
      throw new RegistryError(
        RegistryErrorCode.PROTOCOL,
        `The registry named a token service over plain http (${redactUrl(realm)}); credentials are not sent there.`,
      );
    }
    realm.username = "";
    realm.password = "";
    realm.hash = "";
    if (request.service !== undefined) realm.searchParams.set("service", request.service);
    for (const scope of request.scopes) realm.searchParams.append("scope", scope);
    return realm;
  }

  /** AUTH_FAILED for a 401 that a retry did not cure, with the registry's words, scrubbed. */
  private async unauthorized(
    response: HttpResponse,
    sent: RequestAuth,
    where: string,
  ): Promise<RegistryError> {
    const credentials = await this.options.credentials.get(this.signal);
    const redactor = new SecretRedactor([
      { secret: sent.secret, username: sent.type === "BASIC" ? sent.username : null },
      this.target.auth,
      ...(this.target.echoedSecrets ?? []),
    ]);
    const detail = excerptErrorBody(response.body, response.headers["content-type"], redactor);
    return statusError(401, where, {
      detail,
      hadCredentials: credentials.kind !== "anonymous",
    });
  }
}

/** A JSON list of strings (null counts as empty); PARSE for anything else. */
function stringList(value: unknown, what: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new RegistryError(RegistryErrorCode.PARSE, `${what} does not hold a list.`);
  }
  return value.filter((item): item is string => typeof item === "string");
}

/**
 * The `rel="next"` target of a `Link` header, resolved against the page's URL. Only a page of
 * the same listing on the registry's origin is followed.
 */
export function nextPage(
  header: string | undefined,
  current: URL,
  origin: URL,
  path: string,
): URL | undefined {
  if (header === undefined) return undefined;
  for (const link of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(link);
    if (!match) continue;
    const rels = match[2]!
      .split(";")
      .map((param) => /^\s*rel\s*=\s*"?([^"]*)"?\s*$/i.exec(param)?.[1])
      .filter((rel): rel is string => rel !== undefined)
      .flatMap((rel) => rel.toLowerCase().split(/\s+/));
    if (!rels.includes("next")) continue;
    let next: URL;
    try {
      next = new URL(match[1]!, current);
    } catch {
      break;
    }
    if (next.origin !== origin.origin || next.pathname !== path) {
      throw new RegistryError(
        RegistryErrorCode.PROTOCOL,
        `The listing at ${redactUrl(current)} links its next page to ${redactUrl(next)}, outside this listing.`,
      );
    }
    return next;
  }
  return undefined;
}

/** A catalog refused by the registry, as an error that says what to configure instead. */
function catalogRefusal(error: unknown): unknown {
  if (!(error instanceof RegistryError) || error.status === undefined) return error;
  if (![401, 403, 404, 405].includes(error.status)) return error;
  const code =
    error.status === 404 || error.status === 405
      ? RegistryErrorCode.NOT_FOUND
      : RegistryErrorCode.FORBIDDEN;
  return new RegistryError(
    code,
    `The registry does not let these credentials list its repositories (_catalog answered ${statusLine(error.status)}); configure the repositories to catalogue explicitly.`,
    error.status,
    { cause: error },
  );
}
