/**
 * Credentials for Amazon ECR (the ECR auth kind): `GetAuthorizationToken` with static access
 * keys, or with the temporary credentials of a role assumed through STS `AssumeRole` (with an
 * external id). The token is base64 `AWS:<password>`, used as HTTP Basic against the registry and
 * valid for 12 hours; it is cached per registry and credentials until shortly before it expires.
 *
 * AWS errors are rewritten into RegistryErrors with a clean message: no secret, no request, and
 * no SDK error object attached as a cause.
 */
import { ECRClient, GetAuthorizationTokenCommand } from "@aws-sdk/client-ecr";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { RegistryError, RegistryErrorCode } from "../errors";
import { excerptErrorBody, transportError } from "../http/http-errors";
import { SecretRedactor } from "../http/secret-redaction";
import type { EcrCredentials, FetchLimits, RegistryTarget } from "../provider";
import {
  configuredCredentials,
  fingerprint,
  type CredentialSource,
  type RegistryCredentials,
} from "./oci-auth";

/** Endpoint overrides of the AWS APIs (a VPC endpoint, or a local stand-in in tests). */
export interface AwsEndpoints {
  ecr?: string;
  sts?: string;
}

/** The session name of the assumed role, as CloudTrail shows it. */
export const ROLE_SESSION_NAME = "registry-catalog-gateway";
/** The assumed role is only used to fetch the ECR token: the shortest session AWS allows. */
const ROLE_SESSION_SECONDS = 900;
/** ECR tokens are renewed this long before they expire (at most a tenth of their lifetime). */
const RENEW_MARGIN_MS = 30 * 60 * 1000;
/** Lifetime assumed when AWS does not say (ECR tokens last 12 hours). */
const DEFAULT_TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Requests to AWS are tried twice at most; a sync retries on its own schedule. */
const AWS_MAX_ATTEMPTS = 2;

const ECR_HOST =
  /^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?$/;

/**
 * The AWS region of an ECR registry: `ecr.region` when set, else the one in an
 * `<account>.dkr.ecr.<region>.amazonaws.com` endpoint. Throws INVALID_CONFIGURATION otherwise.
 */
export function ecrRegion(endpoint: URL, ecr: EcrCredentials | undefined): string {
  const configured = ecr?.region?.trim();
  if (configured) return configured;
  const match = ECR_HOST.exec(endpoint.hostname.toLowerCase());
  if (match) return match[1]!;
  throw new RegistryError(
    RegistryErrorCode.INVALID_CONFIGURATION,
    `The AWS region of the ECR registry ${endpoint.host} is unknown: set the region, or use an endpoint of the form <account>.dkr.ecr.<region>.amazonaws.com.`,
  );
}

interface CachedToken {
  credentials: RegistryCredentials;
  renewAt: number;
}

/** AWS credentials as the SDK takes them. */
interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * ECR tokens for the provider: one cache for all operations, so a listing, a lookup and a
 * content fetch share one `GetAuthorizationToken`.
 */
export class EcrCredentialCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly limits: FetchLimits,
    private readonly endpoints: AwsEndpoints = {},
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The credential source of an ECR target. Without access keys and without a role the
   * registry is read anonymously (an ECR registry with authentication off). Throws
   * INVALID_CONFIGURATION for incomplete settings or an unknown region.
   */
  source(target: RegistryTarget, endpoint: URL): CredentialSource {
    const ecr = target.oci?.ecr;
    const accessKeyId = ecr?.accessKeyId?.trim() ?? "";
    const secretAccessKey = ecr?.secretAccessKey ?? "";
    const roleArn = ecr?.roleArn?.trim() ?? "";
    if (accessKeyId === "" && roleArn === "") return configuredCredentials({ type: "NONE" });
    if (accessKeyId !== "" && secretAccessKey === "") {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        "The ECR access key needs its secret access key.",
      );
    }
    const region = ecrRegion(endpoint, ecr);
    const externalId = ecr?.externalId?.trim() ?? "";
    const keys = accessKeyId === "" ? undefined : { accessKeyId, secretAccessKey };
    const id = fingerprint(
      endpoint.host,
      region,
      accessKeyId,
      secretAccessKey,
      roleArn,
      externalId,
    );
    const fetch = (signal?: AbortSignal) =>
      this.fetchToken({ region, keys, roleArn, externalId }, signal);
    return {
      id,
      get: async (signal) => (await this.cached(id, fetch, signal)).credentials,
      renew: () => {
        this.tokens.delete(id);
        return true;
      },
    };
  }

  private async cached(
    id: string,
    fetch: (signal?: AbortSignal) => Promise<CachedToken>,
    signal: AbortSignal | undefined,
  ): Promise<CachedToken> {
    const hit = this.tokens.get(id);
    if (hit !== undefined && hit.renewAt > this.now()) return hit;
    let pending = this.pending.get(id);
    if (pending === undefined) {
      pending = fetch(signal).then((token) => {
        this.tokens.set(id, token);
        return token;
      });
      this.pending.set(id, pending);
      const forget = () => this.pending.delete(id);
      pending.then(forget, forget);
    }
    return pending;
  }

  private async fetchToken(
    settings: { region: string; keys: AwsKeys | undefined; roleArn: string; externalId: string },
    signal: AbortSignal | undefined,
  ): Promise<CachedToken> {
    const { region, roleArn, externalId } = settings;
    let keys = settings.keys;
    if (roleArn !== "") keys = await this.assumeRole(region, keys, roleArn, externalId, signal);
    const client = new ECRClient({
      region,
      ...this.clientOptions(this.endpoints.ecr),
      ...(keys === undefined ? {} : { credentials: keys }),
    });
    const secrets = secretsOf(keys);
    try {
      const output = await client.send(
        new GetAuthorizationTokenCommand({}),
        signal === undefined ? {} : { abortSignal: signal },
      );
      const data = output.authorizationData?.[0];
      const credentials = decodeAuthorizationToken(data?.authorizationToken);
      const expiresAt = data?.expiresAt?.getTime() ?? this.now() + DEFAULT_TOKEN_LIFETIME_MS;
      const lifetime = Math.max(0, expiresAt - this.now());
      return { credentials, renewAt: expiresAt - Math.min(RENEW_MARGIN_MS, lifetime / 10) };
    } catch (error) {
      throw awsError(error, "ECR GetAuthorizationToken", secrets, signal);
    } finally {
      client.destroy();
    }
  }

  /** Temporary credentials of the role; signed with the access keys, or the default chain. */
  private async assumeRole(
    region: string,
    keys: AwsKeys | undefined,
    roleArn: string,
    externalId: string,
    signal: AbortSignal | undefined,
  ): Promise<AwsKeys> {
    const client = new STSClient({
      region,
      ...this.clientOptions(this.endpoints.sts),
      ...(keys === undefined ? {} : { credentials: keys }),
    });
    try {
      const output = await client.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: ROLE_SESSION_NAME,
          DurationSeconds: ROLE_SESSION_SECONDS,
          ...(externalId === "" ? {} : { ExternalId: externalId }),
        }),
        signal === undefined ? {} : { abortSignal: signal },
      );
      const assumed = output.Credentials;
      if (!assumed?.AccessKeyId || !assumed.SecretAccessKey) {
        throw new RegistryError(
          RegistryErrorCode.PROTOCOL,
          "AWS STS AssumeRole answered without credentials.",
        );
      }
      return {
        accessKeyId: assumed.AccessKeyId,
        secretAccessKey: assumed.SecretAccessKey,
        ...(assumed.SessionToken ? { sessionToken: assumed.SessionToken } : {}),
      };
    } catch (error) {
      throw awsError(error, "STS AssumeRole", secretsOf(keys), signal);
    } finally {
      client.destroy();
    }
  }

  private clientOptions(endpoint: string | undefined) {
    return {
      maxAttempts: AWS_MAX_ATTEMPTS,
      requestHandler: {
        connectionTimeout: this.limits.connectTimeoutMs,
        requestTimeout: this.limits.requestTimeoutMs,
      },
      ...(endpoint === undefined ? {} : { endpoint }),
    };
  }
}

function secretsOf(keys: AwsKeys | undefined): string[] {
  return keys === undefined ? [] : [keys.secretAccessKey, keys.sessionToken ?? ""];
}

/** `base64("AWS:<password>")` into Basic credentials; PROTOCOL when it is not that. */
function decodeAuthorizationToken(token: string | undefined): RegistryCredentials {
  const decoded = token === undefined ? "" : Buffer.from(token, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) {
    throw new RegistryError(
      RegistryErrorCode.PROTOCOL,
      "AWS ECR GetAuthorizationToken answered without a usable authorization token.",
    );
  }
  return { kind: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const AUTH_ERRORS = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  "ExpiredToken",
  "ExpiredTokenException",
  "CredentialsProviderError",
]);
const FORBIDDEN_ERRORS = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "RegionDisabledException",
]);
const THROTTLING_ERRORS = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
]);
const CONFIGURATION_ERRORS = new Set([
  "ValidationError",
  "ValidationException",
  "MalformedPolicyDocument",
]);

/** What the AWS SDK puts on its errors. */
interface AwsErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * A RegistryError for a failed AWS call, safe to show: the error's name, status and a short,
 * scrubbed excerpt of AWS's message. AUTH_FAILED for refused keys or signatures, FORBIDDEN for
 * a denied action (e.g. a role whose trust policy or external id does not match).
 */
export function awsError(
  error: unknown,
  operation: string,
  secrets: readonly string[],
  signal?: AbortSignal,
): RegistryError {
  if (error instanceof RegistryError) return error;
  if (signal?.aborted) {
    return new RegistryError(
      RegistryErrorCode.CANCELLED,
      `The AWS ${operation} request was cancelled.`,
    );
  }
  const shape = (typeof error === "object" && error !== null ? error : {}) as AwsErrorShape;
  const name = typeof shape.name === "string" ? shape.name : "Error";
  const status =
    typeof shape.$metadata?.httpStatusCode === "number"
      ? shape.$metadata.httpStatusCode
      : undefined;
  if (status === undefined && !AUTH_ERRORS.has(name)) {
    const transport = transportError(error, `AWS ${operation}`);
    if (transport.code !== RegistryErrorCode.INTERNAL) {
      return new RegistryError(transport.code, transport.message);
    }
    if (name === "TimeoutError") {
      return new RegistryError(
        RegistryErrorCode.TIMEOUT,
        `The AWS ${operation} request timed out.`,
      );
    }
  }
  const said = excerptErrorBody(
    Buffer.from(typeof shape.message === "string" ? shape.message : ""),
    "text/plain",
    new SecretRedactor(secrets.map((secret) => ({ secret }))),
  );
  const detail = `(${name}${status === undefined ? "" : `, HTTP ${status}`})${
    said === "" ? "" : `: ${said}`
  }`;
  const [code, what] = classify(name, status);
  return new RegistryError(code, `AWS ${operation} ${what} ${detail}`);
}

function classify(name: string, status: number | undefined): [RegistryErrorCode, string] {
  if (AUTH_ERRORS.has(name)) return [RegistryErrorCode.AUTH_FAILED, "refused the AWS credentials"];
  if (FORBIDDEN_ERRORS.has(name)) return [RegistryErrorCode.FORBIDDEN, "was denied"];
  if (THROTTLING_ERRORS.has(name) || status === 429) {
    return [RegistryErrorCode.RATE_LIMITED, "was throttled"];
  }
  if (CONFIGURATION_ERRORS.has(name)) {
    return [RegistryErrorCode.INVALID_CONFIGURATION, "rejected the settings"];
  }
  if (status === 401) return [RegistryErrorCode.AUTH_FAILED, "refused the AWS credentials"];
  if (status === 403) return [RegistryErrorCode.FORBIDDEN, "was denied"];
  if (status !== undefined && status >= 500) return [RegistryErrorCode.SERVER_ERROR, "failed"];
  if (status !== undefined) return [RegistryErrorCode.PROTOCOL, "failed"];
  return [RegistryErrorCode.INTERNAL, "failed"];
}
