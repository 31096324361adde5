import { RegistryEntity } from "../../entities";
import { ecrRegion } from "../../providers/oci/ecr-credentials";
import { isRepositoryName } from "../../providers/oci/oci-reference";
import { type OciAuthKind, type OciProviderType } from "../../providers/provider";
import { ApiErrorCode, apiError, badInput } from "../api-errors";
import { jsonStrings } from "./registry-secrets";

/**
 * The rules of registry inputs (DESIGN.md "Registries"): pure functions that check an input and
 * apply it to a registry entity, or throw a BAD_USER_INPUT naming the field. No I/O: the service
 * checks names against the store and endpoints against the registry afterwards.
 */

/** Fields shared by every kind's add input, after defaults. */
export interface RegistryInput {
  name: string;
  endpoint: string;
  protected?: boolean | null;
  syncEnabled?: boolean | null;
  auth?: {
    /** ECR is not an `auth` type (ECR credentials come in `ecr`); it is refused here. */
    type: "NONE" | "BASIC" | "TOKEN" | "ECR";
    username?: string | null;
    password?: string | null;
    token?: string | null;
  } | null;
  tls?: { caCertificate?: string | null; insecureSkipVerify?: boolean | null } | null;
  scope?: "TENANT" | "SYSTEM" | null;
}

/** The OCI part of an add input (all optional; defaults apply). */
export interface OciRegistryFields {
  providerType?: OciProviderType | null;
  authKind?: OciAuthKind | null;
  baseContentPaths?: string[] | null;
  repositories?: string[] | null;
  ecr?: {
    region?: string | null;
    accessKeyId?: string | null;
    secretAccessKey?: string | null;
    roleArn?: string | null;
    externalId?: string | null;
  } | null;
}

/** An add input of any kind; the OCI fields apply to OCI registries only. */
export type AnyRegistryInput = RegistryInput & OciRegistryFields;

/** Changes to a registry; null or absent fields keep their value. */
export type RegistryUpdate = {
  [K in keyof Omit<AnyRegistryInput, "scope">]?: AnyRegistryInput[K] | null;
};

/** What the input rules need to know of this build. */
export interface InputContext {
  /** True when this build can synchronize OCI registries of this provider type. */
  supportsOci(providerType: OciProviderType): boolean;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}$/;

/**
 * Applies an add (`creating`) or update input to a registry entity, with every rule of its kind.
 * Secrets are set in plaintext here; the caller seals them (see `sealChangedSecrets`).
 */
export function applyRegistryInput(
  entity: RegistryEntity,
  input: RegistryUpdate,
  creating: boolean,
  build: InputContext,
): void {
  if (creating || input.name != null) {
    const name = (input.name ?? "").trim();
    if (!NAME.test(name)) {
      throw badInput(
        "name must be 1-128 characters: letters, digits, space, '.', '_' or '-', starting with a letter or digit",
        "name",
      );
    }
    entity.name = name;
  }
  if (creating || input.endpoint != null) {
    entity.endpoint =
      entity.kind === "OCI"
        ? normalizeOciEndpoint(input.endpoint ?? "")
        : entity.kind === "PACK"
          ? normalizePackEndpoint(input.endpoint ?? "")
          : normalizeEndpoint(input.endpoint ?? "", { keepQuery: true });
  }
  if (entity.kind === "PACK") {
    // Pack registries are always synchronized (Palette has no switch for them).
    if (input.protected === true || input.syncEnabled === false) {
      throw badInput(
        "Pack registries are always synchronized: they cannot be protected or taken off the schedule",
        input.protected === true ? "protected" : "syncEnabled",
      );
    }
    entity.protected = false;
    entity.syncEnabled = true;
    if (input.auth?.type === "TOKEN" || input.auth?.type === "ECR") {
      throw badInput("Pack registries take BASIC authentication or none", "auth.type");
    }
    applyTls(entity, input, creating);
    applyAuth(entity, input, creating);
    return;
  }
  if (entity.kind === "OCI" && creating) {
    entity.ociProviderType = input.providerType ?? "HELM";
    if (!build.supportsOci(entity.ociProviderType)) {
      throw apiError(
        ApiErrorCode.UNSUPPORTED,
        `OCI registries of provider type ${entity.ociProviderType} are not supported yet`,
        { field: "providerType" },
      );
    }
  }
  if (creating || input.protected != null) entity.protected = input.protected ?? false;
  if (creating || input.syncEnabled != null || input.protected != null) {
    const syncEnabled =
      input.syncEnabled ??
      (creating
        ? !entity.protected && entity.ociProviderType !== "ZARF"
        : entity.syncEnabled && !entity.protected);
    if (entity.protected && syncEnabled) {
      throw badInput(
        "A protected registry is never synchronized: syncEnabled must be false",
        "syncEnabled",
      );
    }
    entity.syncEnabled = syncEnabled;
  }
  applyTls(entity, input, creating);
  if (entity.kind === "OCI") {
    applyOciInput(entity, input, creating);
    return;
  }
  if (input.auth?.type === "ECR") {
    throw badInput("ECR authentication applies to OCI registries only", "auth.type");
  }
  applyAuth(entity, input, creating);
}

/** Username/password or token of a Helm registry (or an OCI registry with BASIC auth). */
function applyAuth(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
  if (!creating && !input.auth) return;
  const auth = input.auth ?? { type: "NONE" as const };
  if (auth.type === "ECR")
    throw badInput("ECR credentials are given in `ecr` of an OCI registry", "auth.type");
  entity.authType = auth.type;
  if (auth.type === "NONE") {
    entity.authUsername = null;
    entity.authSecret = null;
  } else if (auth.type === "BASIC") {
    const username = auth.username?.trim();
    if (!username) throw badInput("BASIC authentication needs a username", "auth.username");
    entity.authUsername = username;
    if (auth.password) entity.authSecret = auth.password;
    else if (creating || !entity.authSecret)
      throw badInput("BASIC authentication needs a password", "auth.password");
  } else {
    entity.authUsername = auth.username?.trim() || null;
    if (auth.token) entity.authSecret = auth.token;
    else if (creating || !entity.authSecret)
      throw badInput("TOKEN authentication needs a token", "auth.token");
  }
}

function applyTls(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
  if (!creating && !input.tls) return;
  const tls = input.tls ?? {};
  if (creating || tls.caCertificate !== undefined) {
    const pem = tls.caCertificate?.trim() || null;
    if (pem && !/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(pem)) {
      throw badInput("caCertificate must be a PEM certificate chain", "tls.caCertificate");
    }
    entity.tlsCaCertificate = pem;
  }
  if (creating || tls.insecureSkipVerify != null)
    entity.tlsInsecureSkipVerify = tls.insecureSkipVerify ?? false;
}

/** `/production/` → `production`; each component must follow the OCI repository grammar. */
function ociPath(raw: string, field: string): string {
  const path = raw.trim().replace(/^\/+|\/+$/g, "");
  if (!isRepositoryName(path)) {
    throw badInput(
      `"${raw}" is not a repository path: lowercase letters, digits and separators (. _ -) in components joined by /`,
      field,
    );
  }
  return path;
}

/** The region an `<account>.dkr.ecr.<region>.amazonaws.com` endpoint names, if it is one. */
function regionOfEcrHost(endpoint: string): string | null {
  try {
    return ecrRegion(new URL(endpoint), undefined);
  } catch {
    return null;
  }
}

/**
 * The OCI settings, with DESIGN.md's rules: Zarf only with BASIC auth and never on the schedule;
 * packs must be synchronized; a base content path is required when synchronization is on;
 * explicit repositories lie under a base content path.
 */
function applyOciInput(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
  const type = entity.ociProviderType ?? "HELM";
  if (creating || input.authKind != null) entity.ociAuthKind = input.authKind ?? "BASIC";
  if (creating || input.baseContentPaths != null) {
    const paths = (input.baseContentPaths ?? []).map((p) => ociPath(p, "baseContentPaths"));
    entity.ociBaseContentPaths = JSON.stringify([...new Set(paths)]);
  }
  if (creating || input.repositories != null) {
    const repositories = (input.repositories ?? []).map((r) => ociPath(r, "repositories"));
    entity.ociRepositories = JSON.stringify([...new Set(repositories)]);
  }
  const bases = jsonStrings(entity.ociBaseContentPaths);
  const repositories = jsonStrings(entity.ociRepositories);

  if (type === "ZARF" && entity.ociAuthKind === "ECR")
    throw badInput("Zarf registries support BASIC authentication only", "authKind");
  if (type === "ZARF" && entity.syncEnabled) {
    throw badInput(
      "Zarf registries are synchronized only on request, never on the schedule: syncEnabled must be false",
      "syncEnabled",
    );
  }
  if (type === "PACK" && (entity.protected || !entity.syncEnabled))
    throw badInput("Pack registries are always synchronized", "syncEnabled");
  if (entity.syncEnabled && bases.length === 0) {
    throw badInput(
      "A base content path is required when synchronization is on",
      "baseContentPaths",
    );
  }
  const outside = repositories.find(
    (r) => bases.length > 0 && !bases.some((base) => r.startsWith(`${base}/`)),
  );
  if (outside) {
    throw badInput(
      `Repository "${outside}" is not under a base content path (${bases.join(", ")})`,
      "repositories",
    );
  }

  if (input.auth?.type === "ECR" || input.auth?.type === "TOKEN") {
    throw badInput(
      "OCI registries take NONE or BASIC credentials in `auth` (the token flow is automatic) and AWS credentials in `ecr`",
      "auth.type",
    );
  }
  if (entity.ociAuthKind === "BASIC") {
    // Not (or no longer) ECR: AWS settings and credentials go.
    if (entity.authType === "ECR")
      Object.assign(entity, { authType: "NONE", authUsername: null, authSecret: null });
    entity.ecrRegion = entity.ecrRoleArn = entity.ecrExternalId = null;
    if (input.ecr) throw badInput("`ecr` applies to ECR registries only", "ecr");
    applyAuth(entity, input, creating);
    return;
  }
  if (input.auth && input.auth.type !== "NONE")
    throw badInput("ECR registries take AWS credentials in `ecr`, not `auth`", "auth");
  applyEcr(entity, input, creating);
}

/** AWS credentials of an ECR registry: access keys, a role, both, or none (anonymous). */
function applyEcr(entity: RegistryEntity, input: RegistryUpdate, creating: boolean): void {
  const switching = entity.authType !== "ECR" && !creating && input.authKind === "ECR";
  if (switching) Object.assign(entity, { authType: "NONE", authUsername: null, authSecret: null });
  if (!creating && !switching && !input.ecr) return;
  const ecr = input.ecr ?? {};
  const region =
    ecr.region?.trim() || regionOfEcrHost(entity.endpoint) || (creating ? null : entity.ecrRegion);
  if (!region || !/^[a-z]{2}(?:-[a-z]+)+-\d$/.test(region)) {
    throw badInput(
      "ECR needs an AWS region (e.g. us-east-1): give ecr.region or an *.dkr.ecr.<region>.amazonaws.com endpoint",
      "ecr.region",
    );
  }
  entity.ecrRegion = region;
  const accessKeyId = ecr.accessKeyId?.trim() || null;
  if (accessKeyId) {
    entity.authUsername = accessKeyId;
    if (ecr.secretAccessKey) entity.authSecret = ecr.secretAccessKey;
    else if (creating || entity.authType !== "ECR" || !entity.authSecret)
      throw badInput("An AWS access key needs its secret access key", "ecr.secretAccessKey");
  } else if (ecr.secretAccessKey) {
    throw badInput("A secret access key needs its access key id", "ecr.accessKeyId");
  } else if (creating || input.ecr) {
    entity.authUsername = null;
    entity.authSecret = null;
  }
  if (creating || ecr.roleArn !== undefined) {
    const roleArn = ecr.roleArn?.trim() || null;
    if (roleArn && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(roleArn))
      throw badInput(
        "roleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
        "ecr.roleArn",
      );
    entity.ecrRoleArn = roleArn;
    if (!roleArn) entity.ecrExternalId = null;
  }
  if (ecr.externalId !== undefined && ecr.externalId !== null) {
    if (!entity.ecrRoleArn) throw badInput("An external id goes with a role ARN", "ecr.externalId");
    entity.ecrExternalId = ecr.externalId.trim() || null;
  }
  entity.authType = entity.authUsername || entity.ecrRoleArn ? "ECR" : "NONE";
}

/** An OCI registry host, with or without scheme (https by default); no path. */
function normalizeOciEndpoint(raw: string): string {
  const text = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  const endpoint = normalizeEndpoint(withScheme);
  if (new URL(endpoint).pathname.replace(/\/+$/, "") !== "") {
    throw badInput(
      "An OCI endpoint is a host (and port); put namespaces in baseContentPaths",
      "endpoint",
    );
  }
  return endpoint;
}

/**
 * An http(s) URL without credentials or fragment, trailing slashes dropped. A Helm repository
 * keeps its query (`keepQuery`): Helm fetches `<path>/index.yaml?<query>` and resolves relative
 * chart URLs with that query (its "querystring repo"); other kinds drop it.
 */
function normalizeEndpoint(raw: string, { keepQuery = false } = {}): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput(`endpoint "${text}" is not a URL`, "endpoint");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw badInput("endpoint must be an http or https URL", "endpoint");
  }
  if (url.username || url.password) {
    throw badInput("endpoint must not carry credentials; use auth instead", "endpoint");
  }
  url.hash = "";
  const search = keepQuery && url.search !== "?" ? url.search : "";
  url.search = "";
  return `${url.toString().replace(/\/+$/, "")}${search}`;
}

/**
 * A pack registry endpoint: https only (the registry holds credentials and serves what clusters
 * deploy), host and optional port; the `/v1` the documentation shows is the API root, dropped.
 */
function normalizePackEndpoint(raw: string): string {
  const endpoint = normalizeEndpoint(raw);
  const url = new URL(endpoint);
  if (url.protocol !== "https:") {
    throw badInput("A pack registry endpoint must be an https URL", "endpoint");
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (path !== "" && path !== "/v1") {
    throw badInput(
      "A pack registry endpoint is a host and optional port (e.g. https://registry.example.com), without a path",
      "endpoint",
    );
  }
  return url.origin;
}

/** What decides whether a changed registry must be checked against its endpoint again. */
export function connectionFingerprint(e: RegistryEntity): string {
  return JSON.stringify([
    e.endpoint,
    e.authType,
    e.authUsername,
    e.authSecret,
    e.tlsCaCertificate,
    e.tlsInsecureSkipVerify,
    e.ociAuthKind,
    // Parsed: PostgreSQL gives jsonb back in its own text form.
    jsonStrings(e.ociBaseContentPaths),
    jsonStrings(e.ociRepositories),
    e.ecrRegion,
    e.ecrRoleArn,
    e.ecrExternalId,
  ]);
}
