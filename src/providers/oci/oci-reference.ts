/**
 * Names, tags, digests and references of the OCI distribution spec, and how the gateway maps
 * them to charts and versions.
 */
import { createHash } from "node:crypto";
import * as semver from "semver";
import { RegistryError, RegistryErrorCode } from "../errors";

/** One path component of a repository name (distribution's `reference` grammar). */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** A tag: word characters, dots and dashes, at most 128, not starting with a dot or dash. */
const TAG = /^\w[\w.-]{0,127}$/;
/** Repository names longer than this are refused by distribution. */
const MAX_REPOSITORY_LENGTH = 255;

/** Digest algorithms whose content the gateway can verify, with their hex length. */
const DIGEST_ALGORITHMS: Readonly<Record<string, number>> = { sha256: 64, sha512: 128 };

/** True when `name` is a valid repository name (`team/app`, lower case, no empty segment). */
export function isRepositoryName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= MAX_REPOSITORY_LENGTH &&
    name.split("/").every((component) => PATH_COMPONENT.test(component))
  );
}

/** True when `tag` is a valid tag. */
export function isTag(tag: string): boolean {
  return TAG.test(tag);
}

/**
 * The tag a chart version is stored under: Helm writes `+` (not allowed in a tag) as `_`.
 */
export function tagForVersion(version: string): string {
  return version.replace(/\+/g, "_");
}

/** The chart version a tag stands for: every `_` back to `+`, as Helm reads tags. */
export function versionForTag(tag: string): string {
  return tag.replace(/_/g, "+");
}

/**
 * Base content paths as configured, without surrounding slashes or duplicates. Throws
 * INVALID_CONFIGURATION for one that is not a valid repository path.
 */
export function normalizeBasePaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of paths) {
    const path = raw.trim().replace(/^\/+|\/+$/g, "");
    if (!isRepositoryName(path)) {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        `The base content path ${JSON.stringify(raw.slice(0, 200))} is not a valid repository path (lower-case letters, digits, ".", "_", "-", separated by "/").`,
      );
    }
    if (!out.includes(path)) out.push(path);
  }
  return out;
}

/**
 * The chart name of a repository: its path below the first base path it lies under (`nginx` for
 * `production/nginx`, `team/nginx` for `production/team/nginx`), or the whole repository name
 * when no base path is configured. Undefined when the repository lies under none of them: a
 * base path matches whole segments only, so `prod` does not hold `production/x`.
 */
export function chartNameOf(
  repository: string,
  basePaths: readonly string[],
): { basePath?: string; chart: string } | undefined {
  if (basePaths.length === 0) return { chart: repository };
  for (const basePath of basePaths) {
    if (repository.startsWith(`${basePath}/`)) {
      return { basePath, chart: repository.slice(basePath.length + 1) };
    }
  }
  return undefined;
}

/** The repositories a chart may live in, one per base path, in configured order. */
export function repositoriesOfChart(chart: string, basePaths: readonly string[]): string[] {
  return basePaths.length === 0 ? [chart] : basePaths.map((base) => `${base}/${chart}`);
}

/**
 * Versions ordered as the catalog shows them: highest semantic version first, then the tags
 * that are not semantic versions, in alphabetical order.
 */
export function compareVersionsDescending(a: string, b: string): number {
  const options = { loose: true };
  const va = semver.valid(a, options);
  const vb = semver.valid(b, options);
  if (va !== null && vb !== null) {
    const order = semver.rcompare(va, vb, options);
    return order !== 0 ? order : a.localeCompare(b);
  }
  if (va !== null) return -1;
  if (vb !== null) return 1;
  return a.localeCompare(b);
}

/** A content digest, `algorithm:hex`. */
export interface Digest {
  algorithm: string;
  hex: string;
}

/** Parses `sha256:<64 hex>` or `sha512:<128 hex>`; undefined for anything else. */
export function parseDigest(value: string | undefined): Digest | undefined {
  if (value === undefined) return undefined;
  const match = /^([a-z0-9]+):([a-f0-9]+)$/.exec(value.trim());
  if (!match) return undefined;
  const algorithm = match[1]!;
  const hex = match[2]!;
  return DIGEST_ALGORITHMS[algorithm] === hex.length ? { algorithm, hex } : undefined;
}

/** The digest of `data` with `algorithm`, as `algorithm:hex`. */
export function digestOf(data: Buffer, algorithm = "sha256"): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest("hex")}`;
}

/**
 * Checks that `data` has the digest `expected`; throws PROTOCOL when it does not (the registry
 * served other bytes than the content address names: corruption or tampering on the way).
 */
export function verifyDigest(data: Buffer, expected: string, what: string): void {
  const digest = parseDigest(expected);
  if (digest === undefined) {
    throw new RegistryError(
      RegistryErrorCode.PROTOCOL,
      `${what} has an unsupported or malformed digest (${expected.slice(0, 80)}).`,
    );
  }
  const actual = digestOf(data, digest.algorithm);
  if (actual !== expected) {
    throw new RegistryError(
      RegistryErrorCode.PROTOCOL,
      `${what} does not match its digest: expected ${expected}, received content with ${actual}.`,
    );
  }
}

/** A pinned reference to one manifest: `host/repository:tag@sha256:…`. */
export interface OciReference {
  host: string;
  repository: string;
  tag?: string;
  digest: string;
}

/** `host/repository:tag@digest`, the form stored as `ChartVersionRecord.ociReference`. */
export function formatOciReference(reference: OciReference): string {
  const tag = reference.tag === undefined ? "" : `:${reference.tag}`;
  return `${reference.host}/${reference.repository}${tag}@${reference.digest}`;
}

/**
 * Parses `host/repository[:tag]@digest`. Throws INVALID_CONFIGURATION when it is not one (a
 * reference without a digest is not pinned and is refused as well).
 */
export function parseOciReference(value: string): OciReference {
  const invalid = (why: string) =>
    new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      `The OCI reference ${JSON.stringify(value.slice(0, 300))} is not valid: ${why}.`,
    );
  const at = value.lastIndexOf("@");
  if (at < 0) throw invalid("it has no @digest");
  const digest = value.slice(at + 1);
  if (parseDigest(digest) === undefined)
    throw invalid("its digest is not sha256:<hex> or sha512:<hex>");
  const named = value.slice(0, at);
  const slash = named.indexOf("/");
  if (slash <= 0) throw invalid("it has no host/repository");
  const host = named.slice(0, slash);
  let repository = named.slice(slash + 1);
  let tag: string | undefined;
  const colon = repository.lastIndexOf(":");
  if (colon >= 0) {
    tag = repository.slice(colon + 1);
    repository = repository.slice(0, colon);
    if (!isTag(tag)) throw invalid("its tag is not valid");
  }
  if (!isRepositoryName(repository)) throw invalid("its repository name is not valid");
  return { host, repository, digest, ...(tag === undefined ? {} : { tag }) };
}
