/*
 * Why one file of some 670 lines: Helm repositories' four operations (validate, list, lookup,
 * content) share one pipeline (conditional fetch of index.yaml, streaming split and parse, URL
 * resolution as Helm does it); the parsers themselves live apart (helm-index.*, helm-block.parser).
 */
import * as semver from "semver";
import { DEFAULT_PACKAGE_LIMITS, sha256Hex, type PackageLimits } from "../chart-package";
import { RegistryError, RegistryErrorCode, isRegistryError } from "../errors";
import { readChartPackage } from "../subcharts";
import { helmOrderKey, parseHelmVersion } from "../helm-semver";
import { MAX_PROVENANCE_BYTES } from "../signatures/provenance";
import { createHttpClient, type HttpClient, type HttpClientFactory } from "../http/http-client";
import { redactUrl, repositoryBaseUrl, repositoryFileUrl } from "../http/http-url";
import type {
  ChartVersionRecord,
  FetchLimits,
  ChartRecord,
  ListOptions,
  Listing,
  ListingProgress,
  ListingWarning,
  LookupResult,
  RegistryProvider,
  RegistryTarget,
  ContentOptions,
  VersionContent,
  VersionContentRef,
} from "../provider";
import {
  HelmIndexWarning,
  parseHelmIndex,
  parseHelmIndexAsync,
  type HelmIndexParseResult,
} from "./helm-index.parser";

const INDEX_FILE = "index.yaml";
/** Helm repositories serve YAML, some JSON; anything else is still tried. */
const INDEX_ACCEPT =
  "application/yaml, application/x-yaml, text/yaml, application/json;q=0.9, */*;q=0.8";
/** Versions suggested when the one asked for does not exist. */
const NEAREST_VERSIONS = 5;
const PACKAGE_ACCEPT =
  "application/gzip, application/x-gzip, application/octet-stream;q=0.9, */*;q=0.8";

/** Codes of the warnings the provider adds to those of the index parser. */
export const HelmListingWarning = {
  /** A version that is not a semantic version; kept, sorted below every semantic version. */
  VERSION_NOT_SEMVER: "VERSION_NOT_SEMVER",
  /** The index came with a content type no index has (a web page, an image); read anyway. */
  UNEXPECTED_CONTENT_TYPE: "UNEXPECTED_CONTENT_TYPE",
} as const;
/** Most VERSION_NOT_SEMVER warnings kept per listing. */
const MAX_VERSION_WARNINGS = 100;
/**
 * Longest chart name kept. Helm sets no limit, but OCI repository paths, where charts are pushed
 * too, stop at 255 characters and no real chart comes near: a longer name is hostile.
 */
const MAX_CHART_NAME_LENGTH = 255;
/** Longest message, chart or version text of a warning recorded on the sync run. */
const MAX_WARNING_TEXT = 1000;

export interface HelmProviderOptions {
  /** Builds the HTTP client of a target; the seam for connection policy (SSRF checks). */
  clientFactory?: HttpClientFactory;
  /** Limits on a chart package read by `content()`; DEFAULT_PACKAGE_LIMITS when absent. */
  packageLimits?: PackageLimits;
}

/**
 * Classic Helm chart repositories: an `index.yaml` (or its JSON form) at the repository URL,
 * chart packages conventionally next to it as `<chart>-<version>.tgz`.
 */
export class HelmProvider implements RegistryProvider {
  readonly kind = "HELM" as const;
  private readonly clientFactory: HttpClientFactory;
  private readonly packageLimits: PackageLimits;

  constructor(
    private readonly limits: FetchLimits,
    options: HelmProviderOptions = {},
  ) {
    this.clientFactory = options.clientFactory ?? ((target, l) => createHttpClient(target, l));
    this.packageLimits = options.packageLimits ?? DEFAULT_PACKAGE_LIMITS;
  }

  /**
   * Fetches the index and checks that it reads as a Helm repository index (a mapping with
   * `entries`). Throws a RegistryError (AUTH_FAILED, TLS, NOT_FOUND, PARSE, …) otherwise.
   */
  async validate(target: RegistryTarget, signal?: AbortSignal): Promise<void> {
    this.checkKind(target);
    await this.withClient(target, async (client) => {
      const url = repositoryFileUrl(client.endpointUrl, INDEX_FILE);
      const response = await client.request({
        url,
        headers: { accept: INDEX_ACCEPT },
        ...(signal === undefined ? {} : { signal }),
      });
      // A small index is read in full; a large one (tens of MB) is only checked for the shape of
      // an index, so that adding a registry does not cost a full parse (and its memory) twice.
      await explainContentType<unknown>(
        () =>
          response.body.length <= FULL_VALIDATION_BYTES
            ? parseIndexBody(response.body, target, url)
            : assertLooksLikeIndex(response.body, url),
        unexpectedContentType(response.headers["content-type"]),
        url,
      );
    });
  }

  /**
   * Lists every chart and version of the repository. A 304, or a body whose sha256 equals
   * `previous.digest`, is reported as unchanged without parsing.
   */
  async list(target: RegistryTarget, options: ListOptions = {}): Promise<Listing> {
    this.checkKind(target);
    const report = safeReporter(options.onProgress);
    const previous = options.previous;
    const signal = options.signal;
    return this.withClient(target, async (client) => {
      const url = repositoryFileUrl(client.endpointUrl, INDEX_FILE);
      report({ phase: "CONNECTING", message: `Requesting ${redactUrl(url)}` });
      const response = await client.request({
        url,
        headers: { accept: INDEX_ACCEPT },
        validators: { etag: previous?.etag ?? null, lastModified: previous?.lastModified ?? null },
        ...(signal === undefined ? {} : { signal }),
        onProgress: ({ bytes, total }) =>
          report({ phase: "FETCHING", bytes, ...(total === undefined ? {} : { total }) }),
      });

      if (response.notModified) {
        return {
          unchanged: true,
          bytesFetched: response.bytesOnWire,
          validators: {
            etag: response.etag ?? previous?.etag ?? null,
            lastModified: response.lastModified ?? previous?.lastModified ?? null,
            digest: previous?.digest ?? null,
          },
        };
      }

      // Let the progress of the download go out before hashing tens of MB.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const digest = sha256Hex(response.body);
      const validators = {
        etag: response.etag ?? null,
        lastModified: response.lastModified ?? null,
        digest,
      };
      if (previous?.digest != null && previous.digest === digest) {
        return { unchanged: true, bytesFetched: response.bytesOnWire, validators };
      }

      throwIfAborted(signal, url);
      const contentType = unexpectedContentType(response.headers["content-type"]);
      const checks = new ChartChecks();
      const onChart = options.onChart;
      const parsed = await explainContentType(
        () =>
          parseIndexBody(
            response.body,
            target,
            url,
            (done, total) => report({ phase: "PARSING", done, total }),
            onChart === undefined
              ? undefined
              : (chart) => {
                  if (checks.accept(chart)) onChart(chart);
                },
          ),
        contentType,
        url,
      );
      const charts = parsed.charts.filter((chart) => checks.accept(chart));
      throwIfAborted(signal, url);
      const warnings = checks.warnings(parsed.warnings);
      if (contentType !== undefined) {
        warnings.push({
          code: HelmListingWarning.UNEXPECTED_CONTENT_TYPE,
          message: `${redactUrl(url)} was served as "${contentType}", which is not a YAML or JSON type; it was read as an index all the same.`,
        });
      }
      return {
        unchanged: false,
        charts,
        index: { annotations: parsed.annotations, serverInfo: parsed.serverInfo },
        warnings,
        bytesFetched: response.bytesOnWire,
        validators,
      };
    });
  }

  /**
   * Checks one chart version without storing anything: a HEAD (or a one-byte GET) of the
   * conventional package URL, then, when that is not conclusive, the index. Never throws:
   * failures are UNVERIFIABLE with the error.
   */
  async lookup(
    target: RegistryTarget,
    chart: string,
    version: string,
    signal?: AbortSignal,
  ): Promise<LookupResult> {
    const what = `chart "${chart}" version "${version}"`;
    let where = "the registry";
    try {
      this.checkKind(target);
      where = redactUrl(target.endpoint);
      return await this.withClient(target, async (client) => {
        where = redactUrl(client.endpointUrl);
        const packageUrl = repositoryFileUrl(
          client.endpointUrl,
          `${encodeURIComponent(chart)}-${encodeURIComponent(version)}.tgz`,
        );
        if (await probePackage(client, packageUrl, signal)) {
          return {
            status: "VERIFIED",
            message: `The package of ${what} is available at ${redactUrl(packageUrl)}.`,
          };
        }
        return lookupInIndex(client, target, chart, version, what, where, signal);
      });
    } catch (error) {
      const registryError = isRegistryError(error)
        ? error
        : new RegistryError(
            RegistryErrorCode.INTERNAL,
            "The lookup failed unexpectedly.",
            undefined,
            {
              cause: error,
            },
          );
      return {
        status: "UNVERIFIABLE",
        message: `Could not check ${what} in ${where}: ${registryError.message}`,
        error: registryError,
      };
    }
  }

  /**
   * Downloads a version's chart package (its first URL, resolved against the repository when
   * relative), checks it against the index digest and reads its values, README and
   * values.schema.json. Credentials go only to the registry's own origin: a package hosted
   * elsewhere (release assets) is fetched without them. Throws NOT_FOUND when the version has no
   * URL or the package is gone, PARSE on a digest mismatch or an unreadable package.
   */
  async content(
    target: RegistryTarget,
    ref: VersionContentRef,
    signal?: AbortSignal,
    options?: ContentOptions,
  ): Promise<VersionContent> {
    this.checkKind(target);
    const what = `chart "${ref.chart}" version "${ref.version}"`;
    const raw = ref.urls[0]?.trim();
    if (raw === undefined || raw === "") {
      throw new RegistryError(
        RegistryErrorCode.NOT_FOUND,
        `The index lists no package URL for ${what}.`,
      );
    }
    // A package above the package limit is refused while it downloads, not after.
    const limits = {
      ...this.limits,
      maxBodyBytes: Math.min(this.limits.maxBodyBytes, this.packageLimits.maxPackageBytes),
    };
    return this.withClient(
      target,
      async (client) => {
        const url = resolvePackageUrl(raw, client.endpointUrl, what);
        const response = await client.request({
          url,
          // The digest is that of the .tgz itself: ask for it as stored, not re-encoded.
          headers: { accept: PACKAGE_ACCEPT, "accept-encoding": "identity" },
          ...(signal === undefined ? {} : { signal }),
        });
        const label = `of ${what} (${redactUrl(url)})`;
        const packageDigest = sha256Hex(response.body);
        checkDigest(ref.digest, packageDigest, label);
        const { documents, subcharts } = await readChartPackage(
          response.body,
          this.packageLimits,
          label,
          options?.subcharts === true,
        );
        return {
          values: documents.values,
          readme: documents.readme,
          schema: documents.valuesSchema,
          packageDigest,
          bytesFetched: response.bytesOnWire,
          ...(subcharts ? { subcharts } : {}),
        };
      },
      limits,
    );
  }

  /**
   * The provenance file of a version: `<package URL>.prov` (Helm's convention), as text; null
   * when the registry answers 404 (the version is not signed). Throws a RegistryError when it
   * cannot be read (NOT_FOUND when the index lists no package URL).
   */
  async provenance(
    target: RegistryTarget,
    ref: VersionContentRef,
    signal?: AbortSignal,
  ): Promise<string | null> {
    this.checkKind(target);
    const what = `chart "${ref.chart}" version "${ref.version}"`;
    const raw = ref.urls[0]?.trim();
    if (raw === undefined || raw === "") {
      throw new RegistryError(
        RegistryErrorCode.NOT_FOUND,
        `The index lists no package URL for ${what}.`,
      );
    }
    const limits = {
      ...this.limits,
      maxBodyBytes: Math.min(this.limits.maxBodyBytes, MAX_PROVENANCE_BYTES),
    };
    return this.withClient(
      target,
      async (client) => {
        const url = resolvePackageUrl(raw, client.endpointUrl, what);
        url.pathname = `${url.pathname}.prov`;
        const response = await client.request({
          url,
          passStatuses: [404],
          ...(signal === undefined ? {} : { signal }),
        });
        return response.status === 404 ? null : response.body.toString("utf8");
      },
      limits,
    );
  }

  private checkKind(target: RegistryTarget): void {
    if (target.kind !== "HELM") {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        `The Helm provider cannot handle ${target.kind} registries.`,
      );
    }
  }

  private async withClient<T>(
    target: RegistryTarget,
    work: (client: HttpClient) => Promise<T>,
    limits: FetchLimits = this.limits,
  ): Promise<T> {
    const client = this.clientFactory(target, limits);
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  }
}

/** Builds the Helm provider with the configured limits. */
export function createHelmProvider(
  limits: FetchLimits,
  options?: HelmProviderOptions,
): HelmProvider {
  return new HelmProvider(limits, options);
}

/**
 * The URL of a chart package: absolute URLs as written, relative ones against the repository
 * URL with its query kept, as the index parser resolves them (and Helm does).
 */
function resolvePackageUrl(raw: string, endpoint: URL, what: string): URL {
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) return new URL(raw);
    const url = new URL(raw, repositoryBaseUrl(endpoint));
    url.search = endpoint.search; // as Helm's ResolveReferenceURL
    return url;
  } catch {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      `The package URL the index lists for ${what} is not a valid URL.`,
    );
  }
}

/**
 * Throws PARSE when the index states a digest (hex sha256, optionally `sha256:`-prefixed) and the
 * package's differs: a corrupt download, or a package replaced under the same version.
 */
function checkDigest(expected: string | null | undefined, actual: string, label: string): void {
  const wanted = bareSha256(expected ?? "");
  if (wanted === "" || wanted === actual) return;
  throw new RegistryError(
    RegistryErrorCode.PARSE,
    `Digest mismatch for the package ${label}: the index lists sha256 ${wanted.slice(0, 128)}, the downloaded package has sha256 ${actual}.`,
  );
}

/** A digest as lower-case hex, without an `sha256:` prefix. */
function bareSha256(digest: string): string {
  return digest
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, "");
}

/** Indexes up to this size are parsed in full when a registry is validated. */
const FULL_VALIDATION_BYTES = 1024 * 1024;

/** Cheap check that a large body is a Helm index: JSON with "entries", or YAML with `entries:`. */
function assertLooksLikeIndex(body: Buffer, url: URL): void {
  const head = body.subarray(0, 64 * 1024).toString("utf8");
  const json = /^\s*\{/.test(head);
  const ok = json
    ? head.includes('"entries"') || body.includes('"entries"')
    : /^entries:/m.test(head) || body.includes("\nentries:");
  if (!ok) {
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      `${redactUrl(url)} does not look like a Helm repository index (no "entries" mapping).`,
    );
  }
}

async function parseIndexBody(
  body: Buffer,
  target: RegistryTarget,
  url: URL,
  onProgress?: (done: number, total: number) => void,
  onChart?: (chart: ChartRecord) => void,
): Promise<HelmIndexParseResult> {
  if (body.length === 0) {
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      `The registry returned an empty ${INDEX_FILE} at ${redactUrl(url)}.`,
    );
  }
  return parseHelmIndexAsync(body, {
    baseUrl: repositoryBaseUrl(target.endpoint),
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(onChart === undefined ? {} : { onChart }),
  });
}

/**
 * True when the conventional package URL answers 200/206 with something that is not an HTML
 * page (some servers answer every path with a page). False when inconclusive (404, 403, other
 * statuses, HTML): the index decides then. Throws for credentials refused, cancellation and
 * transport failures, which the index request would hit as well.
 */
async function probePackage(
  client: HttpClient,
  url: URL,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const base = { url, ...(signal === undefined ? {} : { signal }) };
  try {
    let response = await client.request({ ...base, method: "HEAD", passStatuses: [405, 501] });
    if (response.status === 405 || response.status === 501) {
      response = await client.request({
        ...base,
        method: "GET",
        headers: { range: "bytes=0-0" },
        discardBody: true,
      });
    }
    const type = response.headers["content-type"] ?? "";
    return (response.status === 200 || response.status === 206) && !/html/i.test(type);
  } catch (error) {
    if (!isRegistryError(error)) throw error;
    if (error.code === RegistryErrorCode.AUTH_FAILED) throw error;
    // Any other HTTP status: packages often live elsewhere (release assets), ask the index.
    if (error.status !== undefined) return false;
    throw error;
  }
}

async function lookupInIndex(
  client: HttpClient,
  target: RegistryTarget,
  chart: string,
  version: string,
  what: string,
  where: string,
  signal: AbortSignal | undefined,
): Promise<LookupResult> {
  const url = repositoryFileUrl(client.endpointUrl, INDEX_FILE);
  const response = await client.request({
    url,
    headers: { accept: INDEX_ACCEPT },
    ...(signal === undefined ? {} : { signal }),
  });
  if (response.body.length === 0) {
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      `The registry returned an empty ${INDEX_FILE}.`,
    );
  }
  const parsed = parseHelmIndex(response.body, {
    baseUrl: repositoryBaseUrl(target.endpoint),
    onlyChart: chart,
  });
  const entry = parsed.charts.find((c) => c.name === chart);
  if (entry === undefined) {
    return { status: "NOT_FOUND", message: `The index of ${where} has no chart "${chart}".` };
  }
  const record = findVersion(entry.versions, version);
  if (record !== undefined) {
    const as = record.version === version ? "" : ` (as "${record.version}")`;
    if (record.urls.length === 0) {
      return {
        status: "NOT_DOWNLOADABLE",
        message: `The index of ${where} lists ${what}${as} but it has no downloadable URLs.`,
        record,
      };
    }
    return { status: "VERIFIED", message: `The index of ${where} lists ${what}${as}.`, record };
  }
  const nearest = nearestVersions(
    entry.versions.map((v) => v.version),
    version,
  );
  const hint =
    nearest.length === 0
      ? " and lists no versions of it"
      : ` but not this version; nearest versions: ${nearest.join(", ")}`;
  return {
    status: "NOT_FOUND",
    message: `The index of ${where} has chart "${chart}"${hint}.`,
  };
}

/**
 * Exact text first (as `helm pull --version`); then, when the text is a version, the highest of
 * equal precedence in the catalog's order (`1.2.3` finds `v1.2.3` or `1.2.3+build.1`).
 */
function findVersion(
  versions: readonly ChartVersionRecord[],
  wanted: string,
): ChartVersionRecord | undefined {
  const exact = versions.find((v) => v.version === wanted);
  if (exact !== undefined) return exact;
  const target = helmOrderKey(wanted.trim());
  if (target.parsed === null) return undefined;
  let best: { record: ChartVersionRecord; key: string } | undefined;
  for (const record of versions) {
    const { key, precedence } = helmOrderKey(record.version);
    if (precedence === target.precedence && (!best || key > best.key)) best = { record, key };
  }
  return best?.record;
}

/**
 * Up to `count` versions closest to `wanted` in semver order, highest first; when `wanted`
 * is not a version at all, the highest ones.
 */
export function nearestVersions(
  available: readonly string[],
  wanted: string,
  count = NEAREST_VERSIONS,
): string[] {
  const options = { loose: true };
  const valid = available.filter((v) => semver.valid(v, options) !== null);
  valid.sort((a, b) => semver.rcompare(a, b, options));
  const target = semver.parse(wanted, options) ?? semver.coerce(wanted);
  if (target === null) return (valid.length > 0 ? valid : [...available]).slice(0, count);
  // `lower` is the first version below the target, `upper` the last one above or equal.
  let lower = valid.findIndex((v) => semver.lt(v, target, options));
  if (lower === -1) lower = valid.length;
  let upper = lower - 1;
  const picked: number[] = [];
  while (picked.length < count && (upper >= 0 || lower < valid.length)) {
    if (upper >= 0) picked.push(upper--);
    if (picked.length < count && lower < valid.length) picked.push(lower++);
  }
  return picked.sort((a, b) => a - b).map((i) => valid[i]!);
}

/**
 * What the provider checks of each chart the parser hands over. A name longer than
 * MAX_CHART_NAME_LENGTH is no name a client could type, so that chart is skipped (with whatever the
 * parser said about it). A version Helm cannot read (Masterminds semver, see helm-semver.ts;
 * Helm's loader skips it) is kept, sorted below the versions, outside every range but reachable
 * by its exact text,
 * with a warning; at most MAX_VERSION_WARNINGS of those, the rest counted in one more. Every
 * warning's texts are cut to MAX_WARNING_TEXT, so a hostile index cannot bloat the sync run.
 */
class ChartChecks {
  private readonly skippedNames = new Set<string>();
  private readonly found: ListingWarning[] = [];
  private notSemver = 0;

  /** True when the chart is kept. */
  accept(chart: ChartRecord): boolean {
    if (chart.name.length > MAX_CHART_NAME_LENGTH) {
      this.skippedNames.add(chart.name);
      this.found.push({
        code: HelmIndexWarning.INVALID_ENTRY,
        message: `The chart "${chart.name.slice(0, 40)}…" was skipped with its ${chart.versions.length} version(s): its name is ${chart.name.length} characters long, more than the ${MAX_CHART_NAME_LENGTH} allowed.`,
        skipped: true,
      });
      return false;
    }
    for (const { version } of chart.versions) {
      if (parseHelmVersion(version) !== null) continue;
      if (++this.notSemver > MAX_VERSION_WARNINGS) continue;
      this.found.push(
        bounded({
          code: HelmListingWarning.VERSION_NOT_SEMVER,
          message: `Version "${version}" of chart "${chart.name}" is not a version Helm reads (Helm skips it); it is kept, sorted below the versions and reachable by its exact text.`,
          chart: chart.name,
          version,
        }),
      );
    }
    return true;
  }

  /** The parser's warnings (but those about skipped charts), then the provider's own. */
  warnings(parsed: readonly ListingWarning[]): ListingWarning[] {
    const kept = parsed
      .filter((w) => w.chart === undefined || !this.skippedNames.has(w.chart))
      .map(bounded);
    const omitted = this.notSemver - MAX_VERSION_WARNINGS;
    if (omitted <= 0) return [...kept, ...this.found];
    return [
      ...kept,
      ...this.found,
      {
        code: HelmIndexWarning.WARNINGS_TRUNCATED,
        message: `${omitted} more version(s) that are not semantic versions were not recorded.`,
      },
    ];
  }
}

/** A warning whose message, chart and version are at most MAX_WARNING_TEXT characters. */
function bounded(warning: ListingWarning): ListingWarning {
  const cut = (text: string) =>
    text.length <= MAX_WARNING_TEXT ? text : `${text.slice(0, MAX_WARNING_TEXT - 1)}…`;
  const { message, chart, version } = warning;
  if (
    message.length <= MAX_WARNING_TEXT &&
    (chart?.length ?? 0) <= MAX_WARNING_TEXT &&
    (version?.length ?? 0) <= MAX_WARNING_TEXT
  )
    return warning;
  return {
    ...warning,
    message: cut(message),
    ...(chart === undefined ? {} : { chart: cut(chart) }),
    ...(version === undefined ? {} : { version: cut(version) }),
  };
}

/**
 * The media type of a response when it is one no index is served as: a web page (a login or
 * error page), an image, audio, video or a font. Undefined for everything else, YAML, JSON,
 * text and `application/octet-stream` included (static hosts serve indexes as all of these).
 */
function unexpectedContentType(header: string | undefined): string | undefined {
  const type = header?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "text/html" || type === "application/xhtml+xml") return type;
  return /^(image|audio|video|font)\//.test(type) ? type.slice(0, 100) : undefined;
}

/**
 * Reads an index body with `read`; when that fails with PARSE and the body came with an
 * unexpected content type, the message says what the registry served instead of an index.
 */
async function explainContentType<T>(
  read: () => T | Promise<T>,
  contentType: string | undefined,
  url: URL,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (contentType === undefined || !isRegistryError(error)) throw error;
    if (error.code !== RegistryErrorCode.PARSE) throw error;
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      `${redactUrl(url)} answered with "${contentType}" content, not a Helm repository index (${
        contentType.includes("html") ? "a login or error page?" : "a misconfigured server?"
      }): ${error.message}`,
      error.status,
      { cause: error },
    );
  }
}

function safeReporter(
  onProgress: ((progress: ListingProgress) => void) | undefined,
): (progress: ListingProgress) => void {
  return (progress) => {
    try {
      onProgress?.(progress);
    } catch {
      // A failing progress subscriber must not fail the listing it observes.
    }
  };
}

function throwIfAborted(signal: AbortSignal | undefined, url: URL): void {
  if (signal?.aborted) {
    throw new RegistryError(
      RegistryErrorCode.CANCELLED,
      `Listing ${redactUrl(url)} was cancelled.`,
    );
  }
}
