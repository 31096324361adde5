/**
 * Authentication to an OCI registry (BASIC auth kind): anonymous, HTTP Basic, a configured bearer
 * token, and the registry token flow of the distribution spec.
 *
 * The token flow: a registry answers 401 with `WWW-Authenticate: Bearer realm="…",service="…",
 * scope="…"`; the client asks the realm for a token (with its credentials as HTTP Basic, or
 * anonymously), then repeats the request with `Authorization: Bearer <token>`. Tokens are cached
 * per credentials, realm, service and scope until shortly before they expire; once a registry
 * has asked for bearer tokens, the next requests fetch the token of their scope up front instead
 * of collecting a 401 each. Credentials go to the realm even on another origin (the protocol
 * says so), never to a redirect target of another origin (the HTTP client enforces that).
 */
import { createHash } from "node:crypto";
import { RegistryError, RegistryErrorCode } from "../errors";
import type { RegistryTarget } from "../provider";
import { parseJsonObject } from "./oci-manifest";

/** What the gateway presents to a registry. */
export type RegistryCredentials =
  | { kind: "anonymous" }
  | { kind: "basic"; username: string; password: string }
  /** A token configured as is (auth type TOKEN): sent as `Bearer`, never exchanged. */
  | { kind: "bearer"; token: string };

/** Where credentials come from: the target's settings, or AWS for ECR. */
export interface CredentialSource {
  /** An id of the credentials (a hash, never the secret), for cache keys. */
  readonly id: string;
  /** The credentials to present; may fetch them (ECR). */
  get(signal?: AbortSignal): Promise<RegistryCredentials>;
  /**
   * Called when the registry refused the credentials: forgets fetched ones and says whether
   * asking again may help (a renewed ECR token), false for configured ones.
   */
  renew(): boolean;
}

/** The Authorization of one request, in the shape the HTTP client is built from. */
export type RequestAuth = RegistryTarget["auth"];

/** A hash that identifies secret material in cache keys without holding it. */
export function fingerprint(...parts: (string | null | undefined)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${(part ?? "").length}:${part ?? ""};`);
  return hash.digest("hex");
}

/** The credentials configured on the target (auth type NONE, BASIC or TOKEN). */
export function configuredCredentials(auth: RegistryTarget["auth"]): CredentialSource {
  let credentials: RegistryCredentials;
  if (auth.type === "BASIC") {
    if (!auth.username) {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        "Basic authentication needs a username.",
      );
    }
    credentials = { kind: "basic", username: auth.username, password: auth.secret ?? "" };
  } else if (auth.type === "TOKEN") {
    if (!auth.secret) {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        "Token authentication needs a token.",
      );
    }
    credentials = { kind: "bearer", token: auth.secret };
  } else {
    credentials = { kind: "anonymous" };
  }
  return {
    id: fingerprint(auth.type, auth.username, auth.secret),
    get: () => Promise.resolve(credentials),
    renew: () => false,
  };
}

/** One challenge of a `WWW-Authenticate` header. */
export interface Challenge {
  /** Lower case: `bearer`, `basic`. */
  scheme: string;
  /** Parameter names in lower case, values unquoted. */
  params: Record<string, string>;
}

const CHALLENGE_ITEM =
  /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*))?\s*,?/y;

/** Parses a `WWW-Authenticate` header (RFC 9110 §11.6.1) into its challenges. */
export function parseChallenges(header: string | undefined): Challenge[] {
  const challenges: Challenge[] = [];
  if (header === undefined) return challenges;
  CHALLENGE_ITEM.lastIndex = 0;
  let current: Challenge | undefined;
  for (let match = CHALLENGE_ITEM.exec(header); match; match = CHALLENGE_ITEM.exec(header)) {
    if (match[0].trim() === "") break;
    const name = match[1]!;
    const raw = match[2];
    if (raw === undefined) {
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
    } else if (current !== undefined) {
      const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw;
      current.params[name.toLowerCase()] = value;
    }
  }
  return challenges;
}

/** A token from a realm, and how long it lives. */
export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
}

/** The token lifetime assumed when the realm does not state one (distribution's spec). */
const DEFAULT_TOKEN_SECONDS = 60;

/**
 * Reads a realm's answer: `token` or `access_token`, `expires_in` (default 60 s). Throws PARSE
 * when there is no token.
 */
export function parseTokenResponse(body: Buffer, realm: string): IssuedToken {
  const json = parseJsonObject(body, `The answer of the token service ${realm}`);
  const token =
    typeof json["token"] === "string" && json["token"] !== ""
      ? json["token"]
      : typeof json["access_token"] === "string"
        ? json["access_token"]
        : "";
  if (token === "") {
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      `The token service ${realm} answered without a token.`,
    );
  }
  const expiresIn = json["expires_in"];
  return {
    token,
    expiresInSeconds:
      typeof expiresIn === "number" && Number.isFinite(expiresIn) && expiresIn > 0
        ? expiresIn
        : DEFAULT_TOKEN_SECONDS,
  };
}

/** The request for one token: the realm, its service and scopes, the credentials if any. */
export interface TokenRequest {
  realm: string;
  service?: string;
  scopes: string[];
  credentials?: { username: string; password: string };
}

export type TokenFetcher = (request: TokenRequest, signal?: AbortSignal) => Promise<IssuedToken>;

/** Most tokens kept; the ones closest to expiry go first when full. */
const MAX_CACHED_TOKENS = 10_000;
/** Tokens are renewed this long before they expire (at most a fifth of their lifetime). */
const RENEW_MARGIN_MS = 30_000;

/**
 * Registry tokens by credentials, realm, service and scope, each kept until shortly before it
 * expires. Shared by the operations of one provider, so a lookup after a listing reuses tokens.
 */
export class TokenCache {
  private readonly entries = new Map<string, { token: string; renewAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.renewAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.token;
  }

  set(key: string, issued: IssuedToken): void {
    const lifetime = issued.expiresInSeconds * 1000;
    const renewAt = this.now() + lifetime - Math.min(RENEW_MARGIN_MS, lifetime / 5);
    if (this.entries.size >= MAX_CACHED_TOKENS) this.evict();
    this.entries.set(key, { token: issued.token, renewAt });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops expired tokens, then the tenth closest to expiry if still full. */
  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.renewAt <= now) this.entries.delete(key);
    if (this.entries.size < MAX_CACHED_TOKENS) return;
    const byExpiry = [...this.entries].sort((a, b) => a[1].renewAt - b[1].renewAt);
    for (const [key] of byExpiry.slice(0, Math.ceil(MAX_CACHED_TOKENS / 10))) {
      this.entries.delete(key);
    }
  }
}

/** The bearer realm a registry named in its challenge. */
interface BearerRealm {
  realm: string;
  service?: string;
}

/**
 * The authentication state of one operation against one registry: which scheme the registry
 * wants, and the Authorization each request scope gets.
 */
export class OciAuthenticator {
  private bearer: BearerRealm | undefined;
  /** Scopes the registry named in its challenge, by the scope the request was made for. */
  private readonly challengeScopes = new Map<string, string[]>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly credentials: CredentialSource,
    private readonly tokens: TokenCache,
    private readonly fetchToken: TokenFetcher,
  ) {}

  /**
   * The Authorization for a request of `scope` (`repository:<name>:pull`, `registry:catalog:*`,
   * or "" for the API root): a bearer token once the registry asked for them, else the
   * credentials as Basic (sent to the registry's own origin only), else none.
   */
  async authorizationFor(scope: string, signal?: AbortSignal): Promise<RequestAuth> {
    const credentials = await this.credentials.get(signal);
    if (credentials.kind === "bearer") return { type: "TOKEN", secret: credentials.token };
    if (this.bearer !== undefined) {
      return { type: "TOKEN", secret: await this.token(this.bearer, scope, credentials, signal) };
    }
    if (credentials.kind === "basic") {
      return { type: "BASIC", username: credentials.username, secret: credentials.password };
    }
    return { type: "NONE" };
  }

  /**
   * Handles a 401 to a request of `scope` that carried `sent`: learns a bearer challenge (and
   * drops a cached token the registry no longer takes) or renews fetched credentials. True when
   * repeating the request may now succeed; the caller repeats it once at most.
   */
  async challenged(
    header: string | undefined,
    scope: string,
    sent: RequestAuth,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const credentials = await this.credentials.get(signal);
    const bearer = parseChallenges(header).find(
      (c) => c.scheme === "bearer" && (c.params["realm"] ?? "") !== "",
    );
    if (bearer !== undefined && credentials.kind !== "bearer") {
      const service = bearer.params["service"];
      this.bearer = {
        realm: bearer.params["realm"]!,
        ...(service === undefined || service === "" ? {} : { service }),
      };
      const asked = (bearer.params["scope"] ?? "").split(" ").filter((s) => s !== "");
      if (asked.length > 0) this.challengeScopes.set(scope, asked);
      if (sent.type === "TOKEN") this.tokens.delete(this.cacheKey(this.bearer, scope));
      return true;
    }
    return sent.type !== "NONE" && this.credentials.renew();
  }

  private cacheKey(bearer: BearerRealm, scope: string): string {
    return [this.credentials.id, bearer.realm, bearer.service ?? "", scope].join("\n");
  }

  /** The cached token of the scope, or one fetched once however many requests wait for it. */
  private async token(
    bearer: BearerRealm,
    scope: string,
    credentials: RegistryCredentials,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const key = this.cacheKey(bearer, scope);
    const cached = this.tokens.get(key);
    if (cached !== undefined) return cached;
    let pending = this.pending.get(key);
    if (pending === undefined) {
      const request: TokenRequest = {
        realm: bearer.realm,
        ...(bearer.service === undefined ? {} : { service: bearer.service }),
        scopes: this.challengeScopes.get(scope) ?? (scope === "" ? [] : [scope]),
        ...(credentials.kind === "basic"
          ? { credentials: { username: credentials.username, password: credentials.password } }
          : {}),
      };
      pending = this.fetchToken(request, signal).then((issued) => {
        this.tokens.set(key, issued);
        return issued.token;
      });
      this.pending.set(key, pending);
      const forget = () => this.pending.delete(key);
      pending.then(forget, forget);
    }
    return pending;
  }
}
