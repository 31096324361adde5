import { createHash, randomUUID, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { importPKCS8, SignJWT } from "jose";
import { makeSelfSignedEc } from "../test-pki";

/** A username and password known to the registry (htpasswd) or to the token server. */
export interface Credentials {
  username: string;
  password: string;
}

/** One entry of a token's `access` claim: what the bearer may do to one resource. */
export interface TokenAccess {
  type: string;
  name: string;
  actions: string[];
}

/** One token the server issued. */
export interface IssuedToken {
  /** The requested scopes, space-separated as in the Docker token spec (may be empty). */
  scope: string;
  /** The authenticated user; absent for an anonymous request. */
  account?: string;
  /** What the token grants: the subset of the requested scopes this account may have. */
  access: TokenAccess[];
  /** Requested by the harness itself (push helpers, skopeo). */
  harness: boolean;
}

/** Who may list the registry (`registry:catalog:*`). */
export type CatalogAccess = "users" | "everyone" | "nobody";

export interface TokenServerOptions {
  /** Directory for the signing key and certificate (the registry reads the certificate). */
  dir: string;
  /** Users granted `pull` on every repository. */
  users: Credentials[];
  /** The harness's own user, granted `pull`, `push` and `delete` on every repository. */
  pusher: Credentials;
  ttlSeconds: number;
  /** Anonymous requests get `pull` on every repository (else a token with no access). */
  anonymousPull: boolean;
  catalogAccess: CatalogAccess;
  /** Whether a token request comes from the harness. */
  harnessTag: (headers: http.IncomingHttpHeaders) => boolean;
}

/** The `auth.token` values the registry needs to trust this server. */
export interface RegistryTokenConfig {
  realm: string;
  service: string;
  issuer: string;
  rootcertbundle: string;
}

const SERVICE = "oci-harness-registry";
const ISSUER = "oci-harness-token-issuer";
const PULL_ONLY = ["pull"];
const PUSHER_ACTIONS = ["pull", "push", "delete", "*"];

/**
 * A Docker registry token server (the "token authentication" flow of distribution): answers
 * `GET /token?service=…&scope=…` with an ES256 JWT that the registry verifies against the
 * certificate written to `dir`.
 */
export class TokenServer {
  private readonly issuedTokens: IssuedToken[] = [];
  private readonly server: http.Server;
  private origin_ = "";

  private constructor(
    private readonly options: TokenServerOptions,
    private readonly sign: (claims: TokenClaims) => Promise<string>,
    private readonly certPath: string,
    /** The PEM certificate the registry trusts to verify tokens. */
    readonly certificate: string,
  ) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      });
    });
  }

  /** Makes a signing key and self-signed certificate, then listens on 127.0.0.1 and a free port. */
  static async start(options: TokenServerOptions): Promise<TokenServer> {
    const { keyPem, certPem, certPath } = await makeSigningCertificate(options.dir);
    const key = await importPKCS8(keyPem, "ES256");
    const kid = libtrustKeyId(certPem);
    const sign = (claims: TokenClaims): Promise<string> =>
      new SignJWT({ access: claims.access })
        .setProtectedHeader({ alg: "ES256", typ: "JWT", kid })
        .setIssuer(ISSUER)
        .setSubject(claims.subject)
        // A plain string: distribution 2.8 rejects an `aud` array.
        .setAudience(SERVICE)
        .setIssuedAt(claims.issuedAt)
        .setNotBefore(claims.issuedAt)
        .setExpirationTime(claims.issuedAt + options.ttlSeconds)
        .setJti(randomUUID())
        .sign(key);
    const tokenServer = new TokenServer(options, sign, certPath, certPem);
    await new Promise<void>((resolve) => tokenServer.server.listen(0, "127.0.0.1", resolve));
    const { port } = tokenServer.server.address() as AddressInfo;
    tokenServer.origin_ = `http://127.0.0.1:${port}`;
    return tokenServer;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return this.origin_;
  }

  /** What the registry's `auth.token` section must say. */
  registryConfig(): RegistryTokenConfig {
    return {
      realm: `${this.origin_}/token`,
      service: SERVICE,
      issuer: ISSUER,
      rootcertbundle: this.certPath,
    };
  }

  /** Tokens issued so far, in order; without `includeHarness`, only those the code under test asked for. */
  issued(options: { includeHarness?: boolean } = {}): IssuedToken[] {
    return this.issuedTokens.filter((token) => options.includeHarness || !token.harness);
  }

  resetIssued(): void {
    this.issuedTokens.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.origin_);
    if (url.pathname !== "/token" || req.method !== "GET") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const account = this.authenticate(req.headers.authorization);
    if (account === false) {
      res
        .writeHead(401, {
          "content-type": "application/json",
          "www-authenticate": `Basic realm="${SERVICE}"`,
        })
        .end(
          JSON.stringify({
            errors: [{ code: "UNAUTHORIZED", message: "invalid username or password" }],
          }),
        );
      return;
    }
    const scopes = url.searchParams
      .getAll("scope")
      .flatMap((s) => s.split(" "))
      .filter(Boolean);
    const access = scopes.flatMap((scope) => this.grant(parseScope(scope), account));
    const issuedAt = Math.floor(Date.now() / 1000);
    const token = await this.sign({ subject: account ?? "", access, issuedAt });
    this.issuedTokens.push({
      scope: scopes.join(" "),
      ...(account === undefined ? {} : { account }),
      access,
      harness: this.options.harnessTag(req.headers),
    });
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        token,
        access_token: token,
        expires_in: this.options.ttlSeconds,
        issued_at: new Date(issuedAt * 1000).toISOString(),
      }),
    );
  }

  /** The user named by a Basic header: `undefined` when anonymous, `false` when refused. */
  private authenticate(header: string | undefined): string | undefined | false {
    if (header === undefined) return undefined;
    const match = /^Basic\s+(\S+)$/i.exec(header);
    if (!match) return false;
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return false;
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const known = [this.options.pusher, ...this.options.users].some(
      (user) => user.username === username && user.password === password,
    );
    return known ? username : false;
  }

  /** The part of one requested scope that `account` may have (nothing, or one access entry). */
  private grant(requested: TokenAccess | undefined, account: string | undefined): TokenAccess[] {
    if (!requested) return [];
    const allowed = this.allowedActions(requested, account);
    const actions = requested.actions.filter((action) => allowed.includes(action));
    return actions.length > 0 ? [{ ...requested, actions }] : [];
  }

  private allowedActions(resource: TokenAccess, account: string | undefined): string[] {
    const isPusher = account === this.options.pusher.username;
    if (resource.type === "repository") {
      if (isPusher) return PUSHER_ACTIONS;
      return account !== undefined || this.options.anonymousPull ? PULL_ONLY : [];
    }
    if (resource.type === "registry" && resource.name === "catalog") {
      const catalog = this.options.catalogAccess;
      const mayList =
        isPusher || catalog === "everyone" || (catalog === "users" && account !== undefined);
      return mayList ? ["*"] : [];
    }
    return [];
  }
}

interface TokenClaims {
  subject: string;
  access: TokenAccess[];
  issuedAt: number;
}

/** `type:name:action1,action2`; the name may itself hold colons (a host with a port). */
function parseScope(scope: string): TokenAccess | undefined {
  const first = scope.indexOf(":");
  const last = scope.lastIndexOf(":");
  if (first < 0 || last === first) return undefined;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(",")
      .filter(Boolean),
  };
}

/** An EC P-256 key and a self-signed certificate for it, made with openssl. */
async function makeSigningCertificate(
  dir: string,
): Promise<{ keyPem: string; certPem: string; certPath: string }> {
  const { keyPath, certPath } = makeSelfSignedEc(dir, "token-signer", { subject: ISSUER });
  const [keyPem, certPem] = await Promise.all([
    readFile(keyPath, "utf8"),
    readFile(certPath, "utf8"),
  ]);
  return { keyPem, certPem, certPath };
}

/**
 * The key id distribution derives from a trusted certificate (docker/libtrust `keyIDFromCryptoKey`):
 * SHA-256 of the public key's SPKI DER, first 240 bits, base32 without padding, in 12 groups of 4
 * joined by colons.
 */
export function libtrustKeyId(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: "spki", format: "der" });
  const encoded = base32(createHash("sha256").update(spki).digest().subarray(0, 30));
  return encoded.match(/.{4}/g)!.join(":");
}

/** RFC 4648 base32 (the input length here is a multiple of 5 bytes, so there is no padding). */
function base32(bytes: Buffer): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
