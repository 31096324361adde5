import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import { GraphQLError } from "graphql";
import { ROLES, type AuthConfig } from "../config/config";
import { ApiErrorCode } from "../services/api-errors";
import { DEFAULT_VIEWER, type Role, type Viewer } from "./viewer";

/** Asymmetric algorithms accepted from a JWKS (never `none`, never HMAC with a public key). */
const JWKS_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
];

/** Tolerated clock difference between the identity provider and the gateway, in seconds. */
const CLOCK_TOLERANCE_S = 30;

/** Privilege order, highest first: a token listing several roles acts with the highest. */
const ROLE_ORDER: readonly Role[] = ROLES;

/** An authenticated caller, with when its token stops being valid (ms since the epoch). */
export interface Authenticated {
  viewer: Viewer;
  expiresAt: number | null;
}

/** The `UNAUTHENTICATED` error; HTTP answers it with status 401. The token is never quoted. */
export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(reason, {
    extensions: { code: ApiErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

/**
 * Turns the `Authorization` header (or graphql-ws connection parameter) into a viewer. With no
 * authentication configured everyone is the default tenant admin (the configuration refuses that
 * on a non-loopback address unless ALLOW_UNAUTHENTICATED is set).
 */
export class Authenticator {
  private readonly key: Uint8Array | JWTVerifyGetKey | null;

  constructor(private readonly config: AuthConfig) {
    if (config.mode === "hs256") this.key = config.secret;
    else if (config.mode === "jwks") this.key = createRemoteJWKSet(new URL(config.jwksUrl!));
    else this.key = null;
  }

  /** False when the gateway runs open (no tokens are checked). */
  get enabled(): boolean {
    return this.config.mode !== "none";
  }

  /** The caller of a request carrying this `Authorization` value; throws UNAUTHENTICATED. */
  async authenticate(authorization: string | undefined | null): Promise<Authenticated> {
    if (this.config.mode === "none") return { viewer: DEFAULT_VIEWER, expiresAt: null };
    const token = bearerToken(authorization);
    const payload = await this.verify(token);
    return {
      viewer: this.viewerOf(payload),
      expiresAt: typeof payload.exp === "number" ? payload.exp * 1000 : null,
    };
  }

  private async verify(token: string): Promise<JWTPayload> {
    const config = this.config;
    if (config.mode === "none") throw new Error("unreachable: authentication is off");
    const options = {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: config.mode === "hs256" ? ["HS256"] : JWKS_ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ["exp"],
    };
    try {
      const result =
        typeof this.key === "function"
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key!, options);
      return result.payload;
    } catch (error) {
      throw unauthenticated(describeFailure(error));
    }
  }

  private viewerOf(payload: JWTPayload): Viewer {
    const config = this.config as Exclude<AuthConfig, { mode: "none" }>;
    const role = roleOf(claim(payload, config.roleClaim));
    if (!role) {
      throw unauthenticated(
        `The token's "${config.roleClaim}" claim names no role of this gateway (${ROLES.join(", ")}).`,
      );
    }
    const tenant = claim(payload, config.tenantClaim);
    const tenantId = typeof tenant === "string" && tenant.trim() ? tenant.trim() : null;
    if (tenantId === null && role !== "SYSTEM_ADMIN") {
      throw unauthenticated(`The token has no "${config.tenantClaim}" claim naming a tenant.`);
    }
    return { tenantId, role };
  }
}

/** The token of `Bearer <token>`; anything else is UNAUTHENTICATED. */
function bearerToken(authorization: string | undefined | null): string {
  if (!authorization) throw unauthenticated("Authentication required: send a bearer token.");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  return match[1]!;
}

/** A claim by name, or by dotted path into nested claims (`realm_access.roles`). */
function claim(payload: JWTPayload, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  let value: unknown = payload;
  for (const part of name.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, part))
      return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The role a claim grants: a role name, or the highest one in a list. */
function roleOf(value: unknown): Role | null {
  const names = Array.isArray(value) ? value : [value];
  return ROLE_ORDER.find((role) => names.includes(role)) ?? null;
}

/** Why a token was refused, in words that quote nothing from the token. */
function describeFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "The token has expired.";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `The token's "${error.claim}" claim is not accepted.`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return "The token's signature is not valid.";
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return "The token is signed with an algorithm this gateway does not accept.";
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return "The token is signed with a key the identity provider does not publish.";
  }
  if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
    return "The token could not be verified: the identity provider's keys are unavailable.";
  }
  return "The token is not a valid JWT.";
}
