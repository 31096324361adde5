/**
 * A STAND-IN for the two AWS APIs the gateway calls for ECR registries, NOT AWS: a local HTTP
 * server that answers ECR `GetAuthorizationToken` (JSON 1.1 protocol) and STS `AssumeRole` (query
 * protocol) in the wire formats of AWS SDK v3 when the client is given `endpoint: stand-in.endpoint`.
 * The authorization token it hands out is the password of user `AWS` of a real registry in
 * htpasswd mode, so what follows (basic auth against the registry) is real.
 */
import { randomBytes, randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { Credentials, OciRegistryServer } from "./registry";

export interface AwsAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface AssumableRole {
  roleArn: string;
  /** When set, AssumeRole must carry exactly this ExternalId. */
  externalId?: string;
}

export interface EcrStandInOptions {
  /** A registry in htpasswd mode with a user `AWS`: its password is the authorization token. */
  registry: OciRegistryServer;
  /** Long-term keys the stand-in accepts. */
  accessKeys: AwsAccessKey[];
  /** Roles any accepted key may assume. */
  roles?: AssumableRole[];
  /** Lifetime of the ECR authorization token (`expiresAt`). Default 12 hours, as ECR. */
  tokenTtlSeconds?: number;
  /** Lifetime of AssumeRole credentials. Default: the request's DurationSeconds, else 3600. */
  credentialsTtlSeconds?: number;
}

/** One call the stand-in answered. */
export interface AwsCall {
  service: "ecr" | "sts";
  /** `GetAuthorizationToken`, `AssumeRole`, or whatever else was asked. */
  operation: string;
  /** The access key id the SigV4 Authorization header names. */
  accessKeyId?: string;
  /** Region of the SigV4 credential scope. */
  region?: string;
  /** For calls signed with AssumeRole credentials: the role they belong to. */
  assumedRoleArn?: string;
  /** AssumeRole parameters. */
  roleArn?: string;
  externalId?: string;
  roleSessionName?: string;
  status: number;
  /** The AWS error code when refused. */
  errorCode?: string;
}

export interface EcrStandIn {
  /** `http://127.0.0.1:PORT`, for the SDK clients' `endpoint`. */
  endpoint: string;
  calls(): AwsCall[];
  resetCalls(): void;
  /** From now on, refuse calls signed with this key. */
  refuseAccessKey(accessKeyId: string): void;
  /** From now on, refuse AssumeRole of this role with this external id (or with none). */
  refuseRole(roleArn: string, externalId?: string): void;
  stop(): Promise<void>;
}

interface TemporaryCredentials {
  secretAccessKey: string;
  sessionToken: string;
  roleArn: string;
}

/** Who signed a request, and whether the stand-in accepts them. */
type Signer = Pick<AwsCall, "accessKeyId" | "region" | "assumedRoleArn"> & { accepted: boolean };

/** A call (its outcome still to be added) and the answer to send. */
interface Handled {
  call: Omit<AwsCall, "status" | "errorCode">;
  answer: Answer;
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
  errorCode?: string;
}

const ECR_TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
const ECR_TOKEN_TTL_SECONDS = 12 * 60 * 60;

/** Starts the stand-in on 127.0.0.1 and a free port. */
export async function startEcrStandIn(options: EcrStandInOptions): Promise<EcrStandIn> {
  const awsUser = registryUser(options.registry, "AWS");
  const longTermKeys = new Set(options.accessKeys.map((key) => key.accessKeyId));
  const temporaryKeys = new Map<string, TemporaryCredentials>();
  const refusedKeys = new Set<string>();
  const refusedRoles = new Set<string>();
  const recorded: AwsCall[] = [];

  /**
   * The SigV4 signature is not verified (the stand-in has no business re-implementing SigV4);
   * only the access key id named in the Authorization header, and for temporary credentials the
   * session token, are checked.
   */
  function signer(req: http.IncomingMessage): Signer {
    const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/[^/]+\/aws4_request/.exec(
      req.headers.authorization ?? "",
    );
    if (!match) return { accepted: false };
    const [, accessKeyId, region] = match;
    const temporary = temporaryKeys.get(accessKeyId);
    const known =
      longTermKeys.has(accessKeyId) ||
      (temporary !== undefined && temporary.sessionToken === req.headers["x-amz-security-token"]);
    return {
      accessKeyId,
      region,
      ...(temporary && { assumedRoleArn: temporary.roleArn }),
      accepted: known && !refusedKeys.has(accessKeyId),
    };
  }

  function ecr(req: http.IncomingMessage): Handled {
    const operation = String(req.headers["x-amz-target"]).slice(ECR_TARGET_PREFIX.length);
    const { accepted, ...who } = signer(req);
    const call = { service: "ecr" as const, operation, ...who };
    if (!accepted) {
      // What ECR answers for an unknown or revoked key: HTTP 400, not 403.
      return {
        call,
        answer: ecrError(
          400,
          "UnrecognizedClientException",
          "The security token included in the request is invalid.",
        ),
      };
    }
    if (operation !== "GetAuthorizationToken") {
      return {
        call,
        answer: ecrError(
          400,
          "UnknownOperationException",
          `${operation} is not offered by the stand-in`,
        ),
      };
    }
    const expiresAt =
      (Date.now() + (options.tokenTtlSeconds ?? ECR_TOKEN_TTL_SECONDS) * 1000) / 1000;
    const authorizationToken = Buffer.from(`AWS:${awsUser.password}`).toString("base64");
    return {
      call,
      answer: {
        status: 200,
        contentType: "application/x-amz-json-1.1",
        body: JSON.stringify({
          authorizationData: [
            { authorizationToken, expiresAt, proxyEndpoint: `http://${options.registry.host}` },
          ],
        }),
      },
    };
  }

  function sts(req: http.IncomingMessage, form: URLSearchParams): Handled {
    const operation = form.get("Action") ?? "";
    const roleArn = form.get("RoleArn") ?? undefined;
    const externalId = form.get("ExternalId") ?? undefined;
    const roleSessionName = form.get("RoleSessionName") ?? undefined;
    const { accepted, ...who } = signer(req);
    const call = {
      service: "sts" as const,
      operation,
      ...who,
      roleArn,
      externalId,
      roleSessionName,
    };
    if (!accepted) {
      return {
        call,
        answer: stsError(
          403,
          "InvalidClientTokenId",
          "The security token included in the request is invalid.",
        ),
      };
    }
    if (operation !== "AssumeRole" || !roleArn || !roleSessionName) {
      return {
        call,
        answer: stsError(400, "InvalidAction", `${operation} is not offered by the stand-in`),
      };
    }
    const role = (options.roles ?? []).find((r) => r.roleArn === roleArn);
    const allowed =
      role !== undefined &&
      (role.externalId === undefined || role.externalId === externalId) &&
      !refusedRoles.has(roleKey(roleArn, externalId));
    if (!allowed) {
      return {
        call,
        answer: stsError(
          403,
          "AccessDenied",
          `User: arn:aws:iam::000000000000:user/${who.accessKeyId} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        ),
      };
    }
    const ttl = options.credentialsTtlSeconds ?? Number(form.get("DurationSeconds") ?? 3600);
    const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
    const issued = {
      secretAccessKey: randomBytes(20).toString("base64"),
      sessionToken: randomBytes(32).toString("base64"),
      roleArn,
    };
    temporaryKeys.set(accessKeyId, issued);
    return { call, answer: assumeRoleResponse(roleArn, roleSessionName, accessKeyId, issued, ttl) };
  }

  const server = http.createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const isEcr = typeof req.headers["x-amz-target"] === "string";
        const { call, answer } = isEcr ? ecr(req) : sts(req, new URLSearchParams(body));
        recorded.push({
          ...call,
          status: answer.status,
          ...(answer.errorCode && { errorCode: answer.errorCode }),
        });
        res
          .writeHead(answer.status, {
            "content-type": answer.contentType,
            "x-amzn-requestid": randomUUID(),
          })
          .end(answer.body);
      })
      .catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => recorded.map((call) => ({ ...call })),
    resetCalls: () => {
      recorded.length = 0;
    },
    refuseAccessKey: (accessKeyId) => refusedKeys.add(accessKeyId),
    refuseRole: (roleArn, externalId) => refusedRoles.add(roleKey(roleArn, externalId)),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function registryUser(registry: OciRegistryServer, username: string): Credentials {
  const user = registry.users.find((u) => u.username === username);
  if (registry.auth !== "htpasswd" || !user) {
    throw new Error(`the ECR stand-in needs a registry in htpasswd mode with a user "${username}"`);
  }
  return user;
}

function roleKey(roleArn: string, externalId: string | undefined): string {
  return `${roleArn}\n${externalId ?? ""}`;
}

/** An error as AWS JSON 1.1 services send it. */
function ecrError(status: number, code: string, message: string): Answer {
  return {
    status,
    contentType: "application/x-amz-json-1.1",
    body: JSON.stringify({ __type: code, message }),
    errorCode: code,
  };
}

/** An error as AWS query-protocol services (STS) send it. */
function stsError(status: number, code: string, message: string): Answer {
  return {
    status,
    contentType: "text/xml",
    body:
      `<ErrorResponse xmlns="${STS_NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    errorCode: code,
  };
}

function assumeRoleResponse(
  roleArn: string,
  sessionName: string,
  accessKeyId: string,
  credentials: TemporaryCredentials,
  ttlSeconds: number,
): Answer {
  const account = roleArn.split(":")[4] ?? "000000000000";
  const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
  const expiration = new Date(Date.now() + ttlSeconds * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
  return {
    status: 200,
    contentType: "text/xml",
    body: [
      `<AssumeRoleResponse xmlns="${STS_NAMESPACE}">`,
      "<AssumeRoleResult>",
      "<AssumedRoleUser>",
      `<AssumedRoleId>AROASTANDIN000000000:${escapeXml(sessionName)}</AssumedRoleId>`,
      `<Arn>arn:aws:sts::${account}:assumed-role/${escapeXml(roleName)}/${escapeXml(sessionName)}</Arn>`,
      "</AssumedRoleUser>",
      "<Credentials>",
      `<AccessKeyId>${accessKeyId}</AccessKeyId>`,
      `<SecretAccessKey>${escapeXml(credentials.secretAccessKey)}</SecretAccessKey>`,
      `<SessionToken>${escapeXml(credentials.sessionToken)}</SessionToken>`,
      `<Expiration>${expiration}</Expiration>`,
      "</Credentials>",
      "</AssumeRoleResult>",
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`,
      "</AssumeRoleResponse>",
    ].join(""),
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
