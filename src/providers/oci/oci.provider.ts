/**
 * OCI registries (kind OCI): Helm charts and Zarf packages stored as artifacts under the
 * registry's base content paths; Palette packs are a later reader.
 *
 * Choices:
 * - Repositories: `_catalog` (paged) filtered to those under a base content path, or, when
 *   `oci.repositories` is set, that list; an entry of it outside every base path is skipped with
 *   a warning by `list` and refused by `validate` (INVALID_CONFIGURATION). Without base paths the
 *   whole registry is catalogued.
 * - Chart name: the repository path below its base path (`production/nginx` → `nginx`,
 *   `production/team/nginx` → `team/nginx`; the full path without base paths). When two base
 *   paths hold the same name, the first configured base path wins and the other repository is
 *   skipped with a warning; `lookup` tries the base paths in the same order.
 * - Version: the tag with `_` read as `+`; sorted highest semantic version first, other tags
 *   last.
 * - Unchanged tags (same manifest digest as `options.known` says) cost one HEAD and nothing
 *   else; new ones a manifest GET and the config blob. Chart layers are never downloaded while
 *   listing.
 * - A listing is complete or an error. Per-artifact problems (another kind of artifact, a chart
 *   pushed by Helm < 3.7, unreadable JSON, a config blob claiming more than 1 MiB) skip that
 *   version with a warning; transport, authentication, rate limiting and digest mismatches fail
 *   the listing.
 *
 * Why one file of some 680 lines: it is one pipeline (repositories, tags, manifests, readers, known
 * versions, skips and warnings) whose stages hand each other the same run state; the readers of
 * each artifact type already live apart (helm-chart.reader.ts, zarf-package.reader.ts, pack.reader.ts).
 */
import { setMaxListeners } from "node:events";
import { DEFAULT_PACKAGE_LIMITS, servedDocuments, sha256Hex } from "../chart-package";
import { RegistryError, RegistryErrorCode, isRegistryError } from "../errors";
import { readChartPackage } from "../subcharts";
import { createHttpClient, type HttpClientFactory } from "../http/http-client";
import type {
  ChartKind,
  ChartRecord,
  ChartVersionRecord,
  FetchLimits,
  KnownVersion,
  ListOptions,
  Listing,
  ListingProgress,
  ListingWarning,
  LookupResult,
  OciProviderType,
  OciTargetOptions,
  RegistryProvider,
  RegistryTarget,
  SignatureProbe,
  ContentOptions,
  VersionContent,
  VersionContentRef,
  ZarfDefinitionContent,
} from "../provider";
import {
  OciListingWarning,
  lastSegment,
  readOrSkip,
  type ArtifactIdentity,
  type ArtifactOutcome,
  type ArtifactReader,
} from "./artifact.reader";
import { EcrCredentialCache, type AwsEndpoints } from "./ecr-credentials";
import { CosignSignatureReader } from "./cosign-signature.reader";
import { digestOfSignatureTag, isCosignTag } from "../signatures/cosign";
import {
  HELM_CONFIG_MEDIA_TYPE,
  helmChartLayer,
  helmChartReader,
  legacyHelmMediaType,
  legacyHelmMessage,
} from "./helm-chart.reader";
import { TokenCache, configuredCredentials } from "./oci-auth";
import type { Manifest } from "./oci-manifest";
import { OciRegistryClient, registryOrigin } from "./oci-client";
import {
  chartNameOf,
  compareVersionsDescending,
  isRepositoryName,
  isTag,
  normalizeBasePaths,
  parseDigest,
  parseOciReference,
  repositoriesOfChart,
  tagForVersion,
  versionForTag,
  formatOciReference,
} from "./oci-reference";
import { checkConcurrency, mapLimited, throwIfAborted } from "./request-limiter";
import { fetchZarfDefinition, zarfPackageReader } from "./zarf-package.reader";
import { PACK_ARCHIVE_PATH, packLayer, packReader, readPackLayer } from "./pack.reader";

/** Requests in flight per registry operation unless configured otherwise. */
export const DEFAULT_OCI_CONCURRENCY = 8;
/** Most warnings kept per listing; further ones are only counted. */
const MAX_WARNINGS = 1000;

export interface OciProviderOptions {
  /** Requests in flight at most per registry operation (default 8). */
  concurrency?: number;
  /** Endpoint overrides of the AWS APIs used for ECR registries. */
  awsEndpoints?: AwsEndpoints;
  /** Builds the HTTP clients; the seam for connection policy (SSRF checks). */
  clientFactory?: HttpClientFactory;
}

/** The artifact reader of each provider type this build supports. */
const READERS: Readonly<Partial<Record<OciProviderType, ArtifactReader>>> = {
  HELM: helmChartReader,
  PACK: packReader,
  ZARF: zarfPackageReader,
};

/** What the charts of each provider type are. */
const CHART_KINDS: Readonly<Record<OciProviderType, ChartKind>> = {
  HELM: "HELM_CHART",
  PACK: "PACK",
  ZARF: "ZARF_PACKAGE",
};

/**
 * Tags of a pack repository that are not versions: floating parent tags (`1.x`, `1.2.x`,
 * `lts__1.2.x`), which pack registries keep and the catalog derives itself, and group labels
 * (`lts__1.2.3`), added beside the version's own tag by `spectro pack tag add`.
 */
const PACK_ALIAS_TAG = /__|^\d+(?:\.\d+)?\.x$/;

const SUPPORTED_PROVIDER_TYPES: readonly OciProviderType[] = Object.keys(
  READERS,
) as OciProviderType[];

/** A target's OCI settings, checked and normalized. */
interface OciSettings {
  oci: OciTargetOptions;
  reader: ArtifactReader;
  basePaths: string[];
  /** The configured repositories, trimmed of slashes and deduplicated, not yet checked. */
  repositories: string[];
}

/** One repository to list and its chart name. */
interface PlannedRepository {
  repository: string;
  chart: string;
}

export class OciProvider implements RegistryProvider {
  readonly kind = "OCI" as const;
  readonly supportedOciProviderTypes = SUPPORTED_PROVIDER_TYPES;
  private readonly concurrency: number;
  private readonly clientFactory: HttpClientFactory;
  private readonly tokens = new TokenCache();
  private readonly ecr: EcrCredentialCache;

  constructor(
    private readonly limits: FetchLimits,
    options: OciProviderOptions = {},
  ) {
    this.concurrency = options.concurrency ?? DEFAULT_OCI_CONCURRENCY;
    checkConcurrency(this.concurrency);
    this.clientFactory = options.clientFactory ?? ((target, l) => createHttpClient(target, l));
    this.ecr = new EcrCredentialCache(limits, options.awsEndpoints);
  }

  /**
   * Pings `/v2/` with the credentials (token flow included), then checks that the repositories
   * can be listed: each configured repository's tags, or else the catalog. Throws a
   * RegistryError (AUTH_FAILED, FORBIDDEN, NOT_FOUND, TLS, UNREACHABLE, INVALID_CONFIGURATION…).
   */
  async validate(target: RegistryTarget, signal?: AbortSignal): Promise<void> {
    const settings = this.settings(target);
    for (const repository of settings.repositories) {
      const problem = repositoryProblem(repository, settings.basePaths);
      if (problem !== undefined) {
        throw new RegistryError(RegistryErrorCode.INVALID_CONFIGURATION, problem.message);
      }
    }
    await this.withClient(target, settings, signal, async (client, fail) => {
      await client.ping();
      if (settings.repositories.length === 0) {
        await client.catalog(true);
        return;
      }
      await mapLimited(
        settings.repositories,
        this.concurrency,
        async (repository) => {
          if ((await client.tags(repository)) === undefined) {
            throw new RegistryError(
              RegistryErrorCode.NOT_FOUND,
              `The repository ${client.host}/${repository} was not found (or holds no tags).`,
              404,
            );
          }
        },
        fail,
      );
    });
  }

  /**
   * Lists the charts (or packages) of every repository under the base content paths, with a
   * version per tag. Never partial: any failure other than a skipped artifact throws.
   */
  async list(target: RegistryTarget, options: ListOptions = {}): Promise<Listing> {
    const settings = this.settings(target);
    const report = safeReporter(options.onProgress);
    return this.withClient(target, settings, options.signal, async (client, fail) => {
      report({ phase: "CONNECTING", message: `Connecting to ${client.host}` });
      await client.ping();
      const warnings = new WarningLog();
      const plan = await planRepositories(client, settings, warnings);
      const total = plan.length;
      let done = 0;
      report({ phase: "FETCHING", done, total, bytes: client.bytesFetched });
      const charts: ChartRecord[] = [];
      const run: ListingRun = {
        client,
        reader: settings.reader,
        kind: CHART_KINDS[settings.oci.providerType],
        known: options.known,
        warnings,
        ...(options.signatures && {
          signatures: {
            known: options.signatures.known,
            reader: new CosignSignatureReader(client),
          },
        }),
        ...(settings.oci.providerType === "PACK" ? { aliasTag: PACK_ALIAS_TAG } : {}),
      };
      await mapLimited(
        plan,
        this.concurrency,
        async (entry) => {
          const chart = await readRepository(run, entry, fail);
          if (chart !== undefined) {
            if (options.onChart) options.onChart(chart);
            else charts.push(chart);
          }
          done++;
          report({
            phase: "FETCHING",
            done,
            total,
            message: entry.repository,
            bytes: client.bytesFetched,
          });
        },
        fail,
      );
      throwIfAborted(options.signal, `Listing ${client.host}`);
      charts.sort((a, b) => a.name.localeCompare(b.name));
      return {
        unchanged: false,
        charts,
        warnings: warnings.list(),
        bytesFetched: client.bytesFetched,
        validators: {},
      };
    });
  }

  /**
   * Checks one chart version: the tag's manifest in each base path's repository in turn, then
   * its config. VERIFIED with the record, NOT_FOUND, or UNVERIFIABLE with the error; never throws.
   */
  async lookup(
    target: RegistryTarget,
    chart: string,
    version: string,
    signal?: AbortSignal,
  ): Promise<LookupResult> {
    const what = `chart "${chart}" version "${version}"`;
    try {
      const settings = this.settings(target);
      const tag = tagForVersion(version.trim());
      const repositories = repositoriesOfChart(chart.trim(), settings.basePaths);
      if (!isTag(tag)) {
        return { status: "NOT_FOUND", message: `Version "${version}" cannot be an OCI tag.` };
      }
      if (!repositories.every(isRepositoryName)) {
        return {
          status: "NOT_FOUND",
          message: `"${chart}" cannot be a chart in an OCI registry (not a valid repository name).`,
        };
      }
      return await this.withClient(target, settings, signal, async (client) => {
        for (const repository of repositories) {
          const identity = { repository, chart, tag, version: versionForTag(tag) };
          const outcome = await readTag(client, settings.reader, identity, undefined);
          if (outcome === undefined) continue;
          if (outcome.kind === "skipped")
            return { status: "NOT_FOUND", message: outcome.warning.message };
          return {
            status: "VERIFIED",
            message: `${client.host}/${repository}:${tag} holds ${what}.`,
            record: outcome.record,
          };
        }
        const places = repositories.map((r) => `${client.host}/${r}`).join(", ");
        return { status: "NOT_FOUND", message: `There is no tag "${tag}" in ${places}.` };
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
        message: `Could not check ${what}: ${registryError.message}`,
        error: registryError,
      };
    }
  }

  /**
   * Reads values.yaml, the README and values.schema.json of one Helm chart version from its
   * chart layer (size-capped, digest-verified). Throws a RegistryError: INVALID_CONFIGURATION for
   * a reference to another registry or outside the base paths, NOT_FOUND when the manifest is
   * gone, PARSE when it is not a (supported) Helm chart.
   */
  async content(
    target: RegistryTarget,
    ref: VersionContentRef,
    signal?: AbortSignal,
    options?: ContentOptions,
  ): Promise<VersionContent> {
    const settings = this.settings(target);
    if (settings.oci.providerType === "ZARF") {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        "Values and README are read from Helm charts and packs; this registry holds Zarf packages.",
      );
    }
    return this.withOwnManifest(
      target,
      settings,
      ref,
      signal,
      async (client, reference, manifest, name) => {
        if (settings.oci.providerType === "PACK") {
          return packContent(client, reference, manifest, ref, name);
        }
        if (manifest.kind !== "manifest" || manifest.config.mediaType !== HELM_CONFIG_MEDIA_TYPE) {
          throw new RegistryError(RegistryErrorCode.PARSE, `${name} is not a Helm chart.`);
        }
        const layer = helmChartLayer(manifest);
        if (layer === undefined) {
          const legacy = legacyHelmMediaType(manifest);
          throw new RegistryError(
            RegistryErrorCode.PARSE,
            legacy === undefined ? `${name} has no chart layer.` : legacyHelmMessage(name, legacy),
          );
        }
        const layerDigest = parseDigest(layer.digest);
        if (ref.digest && layerDigest?.hex !== ref.digest) {
          throw new RegistryError(
            RegistryErrorCode.PROTOCOL,
            `The chart layer of ${name} is ${layer.digest}, not the sha256:${ref.digest.slice(0, 128)} the catalog holds.`,
          );
        }
        const maxBytes = Math.min(this.limits.maxBodyBytes, DEFAULT_PACKAGE_LIMITS.maxPackageBytes);
        const data = await client.blob(reference.repository, layer, maxBytes);
        const { documents, subcharts } = await readChartPackage(
          data,
          DEFAULT_PACKAGE_LIMITS,
          name,
          options?.subcharts === true,
        );
        return {
          ...servedDocuments(documents, "chart"),
          packageDigest: sha256Hex(data),
          bytesFetched: client.bytesFetched,
          ...(subcharts ? { subcharts } : {}),
        };
      },
    );
  }

  /**
   * The definition (zarf.yaml as JSON) of one Zarf package version, from its config or, for an
   * older package, its zarf.yaml layer (see fetchZarfDefinition), within MAX_CONFIG_BYTES. Throws
   * a RegistryError: INVALID_CONFIGURATION for a registry that does not hold Zarf packages or a
   * reference to another registry or outside the base paths, NOT_FOUND when the manifest is gone,
   * PARSE when it is not a Zarf package.
   */
  async zarfDefinition(
    target: RegistryTarget,
    ref: VersionContentRef,
    signal?: AbortSignal,
  ): Promise<ZarfDefinitionContent> {
    const settings = this.settings(target);
    if (settings.oci.providerType !== "ZARF") {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        "Zarf package definitions are read from registries that hold Zarf packages.",
      );
    }
    return this.withOwnManifest(
      target,
      settings,
      ref,
      signal,
      async (client, reference, manifest, name) => {
        const definition = await fetchZarfDefinition(client, reference.repository, manifest, name);
        return {
          definition: JSON.stringify(definition),
          packageDigest: parseDigest(reference.digest)?.hex ?? "",
          bytesFetched: client.bytesFetched,
        };
      },
    );
  }

  /** The target's OCI settings; INVALID_CONFIGURATION when they are missing or unsupported. */
  private settings(target: RegistryTarget): OciSettings {
    if (target.kind !== "OCI" || target.oci === undefined) {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        `The OCI provider cannot handle ${target.kind} registries${target.kind === "OCI" ? " without OCI settings" : ""}.`,
      );
    }
    const oci = target.oci;
    const reader = READERS[oci.providerType];
    if (reader === undefined) {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        `${oci.providerType === "PACK" ? "Pack" : oci.providerType} registries in OCI are not supported yet.`,
      );
    }
    const repositories = [
      ...new Set(oci.repositories.map((r) => r.trim().replace(/^\/+|\/+$/g, ""))),
    ];
    let basePaths = normalizeBasePaths(oci.baseContentPaths);
    // Palette keeps the packs of a base path under `<base>/spectro-packs/archive/<name>`; a legacy
    // pack registry (another protocol) lists them at its root.
    if (oci.providerType === "PACK" && oci.protocol === undefined) {
      basePaths = (basePaths.length === 0 ? [""] : basePaths).map((base) =>
        base === "" ? PACK_ARCHIVE_PATH : `${base}/${PACK_ARCHIVE_PATH}`,
      );
    }
    return { oci, reader, basePaths, repositories };
  }

  /**
   * Runs `work` with a registry client for the target, closed afterwards. The client's requests
   * follow a signal of their own, linked to the caller's. `fail` records the first failure of a
   * part of the work and fires that signal, so that the rest stops at once; the work then
   * throws that first failure, not the cancellations it caused.
   */
  /**
   * Runs `work` on the manifest the version's own OCI reference pins (INVALID_CONFIGURATION when
   * it has none, or when it points to another registry or outside the base paths), with the
   * name messages give it (`host/repository@digest`).
   */
  private withOwnManifest<T>(
    target: RegistryTarget,
    settings: OciSettings,
    ref: VersionContentRef,
    signal: AbortSignal | undefined,
    work: (
      client: OciRegistryClient,
      reference: ReturnType<typeof parseOciReference>,
      manifest: Manifest,
      name: string,
    ) => Promise<T>,
  ): Promise<T> {
    const reference = ownReference(ref);
    return this.withClient(target, settings, signal, async (client) => {
      checkReference(reference, client, settings);
      const name = `${client.host}/${reference.repository}@${reference.digest}`;
      return work(
        client,
        reference,
        await client.manifest(reference.repository, reference.digest),
        name,
      );
    });
  }

  private async withClient<T>(
    target: RegistryTarget,
    settings: OciSettings,
    signal: AbortSignal | undefined,
    work: (client: OciRegistryClient, fail: (error: unknown) => void) => Promise<T>,
  ): Promise<T> {
    const origin = registryOrigin(target.endpoint);
    const credentials =
      settings.oci.authKind === "ECR"
        ? this.ecr.source(target, origin)
        : configuredCredentials(target.auth);
    const controller = new AbortController();
    // Every request in flight and the limiter listen to this signal.
    setMaxListeners(0, controller.signal);
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    const client = new OciRegistryClient(target, {
      limits: this.limits,
      credentials,
      tokens: this.tokens,
      clientFactory: this.clientFactory,
      concurrency: this.concurrency,
      signal: controller.signal,
      ...(settings.oci.protocol === undefined ? {} : { protocol: settings.oci.protocol }),
    });
    let failure: { error: unknown } | undefined;
    const fail = (error: unknown) => {
      if (failure !== undefined) return;
      failure = { error };
      controller.abort();
    };
    try {
      return await work(client, fail);
    } catch (error) {
      throw failure === undefined ? error : failure.error;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      await client.close();
    }
  }
}

/** The version's OCI reference, parsed; INVALID_CONFIGURATION when it has none. */
function ownReference(ref: VersionContentRef): ReturnType<typeof parseOciReference> {
  if (!ref.ociReference) {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      `Chart "${ref.chart}" version "${ref.version}" has no OCI reference to read it from.`,
    );
  }
  return parseOciReference(ref.ociReference);
}

/** INVALID_CONFIGURATION unless the reference is in this registry, under its base paths. */
function checkReference(
  reference: ReturnType<typeof parseOciReference>,
  client: OciRegistryClient,
  settings: OciSettings,
): void {
  if (reference.host.toLowerCase() !== client.host.toLowerCase()) {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      `The reference names the registry ${reference.host.slice(0, 200)}, not ${client.host}.`,
    );
  }
  if (chartNameOf(reference.repository, settings.basePaths) === undefined) {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      `The repository ${reference.repository} is outside the registry's base content paths.`,
    );
  }
}

/** values.yaml, README and schema.yaml of a pack version, from its pack layer. */
async function packContent(
  client: OciRegistryClient,
  reference: { repository: string; tag?: string },
  manifest: Manifest,
  ref: VersionContentRef,
  name: string,
): Promise<VersionContent> {
  const layer =
    manifest.kind === "manifest"
      ? packLayer(manifest, lastSegment(reference.repository), reference.tag ?? ref.version)
      : undefined;
  if (layer === undefined)
    throw new RegistryError(RegistryErrorCode.PARSE, `${name} is not a pack.`);
  if (ref.digest && parseDigest(layer.digest)?.hex !== ref.digest) {
    throw new RegistryError(
      RegistryErrorCode.PROTOCOL,
      `The pack layer of ${name} is ${layer.digest}, not the sha256:${ref.digest.slice(0, 128)} the catalog holds.`,
    );
  }
  const { data, documents } = await readPackLayer(
    { client, repository: reference.repository },
    layer,
    name,
  );
  return {
    ...servedDocuments(documents, "pack"),
    packageDigest: sha256Hex(data),
    bytesFetched: client.bytesFetched,
  };
}

/** What a configured repository is wrong about, as a warning; undefined when it is fine. */
function repositoryProblem(
  repository: string,
  basePaths: readonly string[],
): ListingWarning | undefined {
  const quoted = JSON.stringify(repository.slice(0, 200));
  if (!isRepositoryName(repository)) {
    return {
      code: OciListingWarning.INVALID_REPOSITORY,
      message: `The configured repository ${quoted} is not a valid repository name; it was not read.`,
      skipped: true,
    };
  }
  if (chartNameOf(repository, basePaths) === undefined) {
    return {
      code: OciListingWarning.REPOSITORY_OUTSIDE_BASE_PATHS,
      message: `The configured repository ${quoted} is outside the base content paths (${basePaths.join(", ")}); it was not read.`,
      skipped: true,
    };
  }
  return undefined;
}

/**
 * The repositories to list and their chart names: the configured ones that are valid, or those
 * of the catalog under a base path. A chart name given by two base paths goes to the first.
 */
async function planRepositories(
  client: OciRegistryClient,
  settings: OciSettings,
  warnings: WarningLog,
): Promise<PlannedRepository[]> {
  const { basePaths } = settings;
  let repositories: string[];
  if (settings.repositories.length > 0) {
    repositories = settings.repositories.filter((repository) => {
      const problem = repositoryProblem(repository, basePaths);
      if (problem !== undefined) warnings.add(problem);
      return problem === undefined;
    });
  } else {
    repositories = (await client.catalog()).filter(
      (repository) => chartNameOf(repository, basePaths) !== undefined,
    );
  }
  const rank = (repository: string) => {
    const base = chartNameOf(repository, basePaths)?.basePath;
    return base === undefined ? 0 : basePaths.indexOf(base);
  };
  const ordered = [...repositories].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const byChart = new Map<string, string>();
  const plan: PlannedRepository[] = [];
  for (const repository of ordered) {
    const chart = chartNameOf(repository, basePaths)!.chart;
    const first = byChart.get(chart);
    if (first !== undefined) {
      warnings.add({
        code: OciListingWarning.CHART_NAME_CONFLICT,
        message: `${repository} and ${first} both give chart "${chart}"; ${first} (the first base path) is listed, ${repository} is not.`,
        chart,
        skipped: true,
      });
      continue;
    }
    byChart.set(chart, repository);
    plan.push({ repository, chart });
  }
  return plan.sort((a, b) => a.repository.localeCompare(b.repository));
}

/** What reading the repositories of a listing shares. */
interface ListingRun {
  client: OciRegistryClient;
  reader: ArtifactReader;
  kind: ChartKind;
  /** Tags that are aliases, not versions (pack parent tags); not read. */
  aliasTag?: RegExp;
  known: ListOptions["known"];
  warnings: WarningLog;
  /** Read the cosign signatures of versions whose digest has none cached (see ListOptions). */
  signatures?: {
    known: NonNullable<ListOptions["signatures"]>["known"];
    reader: CosignSignatureReader;
  };
}

/**
 * The chart of one repository: every tag read (at most `concurrency` requests in flight over the
 * whole listing). Undefined when no tag gave a version. `fail` is told of a failed tag at once,
 * to cancel the rest of the listing.
 */
async function readRepository(
  run: ListingRun,
  entry: PlannedRepository,
  fail: (error: unknown) => void,
): Promise<ChartRecord | undefined> {
  const { client, reader, known, warnings } = run;
  const listed = (await client.tags(entry.repository)) ?? [];
  // cosign's `sha256-<hex>.sig` (and `.att`, `.sbom`) tags are signatures, not versions.
  const signed = new Set(listed.map(digestOfSignatureTag).filter((d) => d !== null));
  const tags = listed.filter(
    (tag) => !isCosignTag(tag) && (run.aliasTag === undefined || !run.aliasTag.test(tag)),
  );
  const results = await Promise.allSettled(
    tags.map((tag) => {
      const identity = { ...entry, tag, version: versionForTag(tag) };
      return readTag(client, reader, identity, known).catch((error: unknown) => {
        fail(error);
        throw error;
      });
    }),
  );
  const versions: ChartVersionRecord[] = [];
  for (const result of results) {
    if (result.status === "rejected") throw result.reason;
    const outcome = result.value;
    if (outcome === undefined) continue;
    if (outcome.kind === "skipped") {
      warnings.add(outcome.warning);
      continue;
    }
    versions.push(outcome.record);
    for (const warning of outcome.warnings) warnings.add(warning);
  }
  if (versions.length === 0) return undefined;
  if (run.signatures) await readSignatures(run.signatures, entry.repository, versions, signed);
  versions.sort((a, b) => compareVersionsDescending(a.version, b.version));
  return { name: entry.chart, kind: run.kind, versions };
}

/**
 * One tag: its manifest digest (HEAD), then the known record when the digest is unchanged (and
 * the reader finds it current), or the artifact read by the reader. Undefined when the tag is gone (404).
 */
async function readTag(
  client: OciRegistryClient,
  reader: ArtifactReader,
  identity: ArtifactIdentity,
  known: ((repository: string, tag: string) => KnownVersion | undefined) | undefined,
): Promise<ArtifactOutcome | undefined> {
  const { repository, tag } = identity;
  const resolved = await client.resolveTag(repository, tag);
  if (resolved === undefined) return undefined;
  const previous = known?.(repository, tag);
  if (previous !== undefined && previous.manifestDigest === resolved.digest) {
    if ("skipped" in previous) return { kind: "skipped", warning: previous.skipped };
    if (reader.isCurrent?.(previous.record) !== false) {
      return { kind: "version", record: previous.record, warnings: [] };
    }
  }
  const outcome = await readOrSkip(identity, async () => {
    const manifest = await client.manifest(repository, resolved.digest, resolved.body);
    return reader.read({ ...identity, client, manifest, manifestDigest: resolved.digest });
  });
  // A skipped artifact is remembered by digest: unchanged, it is skipped again without requests.
  if (outcome.kind === "skipped") {
    outcome.warning = {
      ...outcome.warning,
      reference: formatOciReference({
        host: client.host,
        repository,
        tag,
        digest: resolved.digest,
      }),
    };
  }
  return outcome;
}

/**
 * Reads the cosign signatures of the versions whose manifest digest has none cached: never read,
 * read with an error, or read unsigned while a `.sig` tag for it exists now. One read per digest.
 */
async function readSignatures(
  signatures: NonNullable<ListingRun["signatures"]>,
  repository: string,
  versions: ChartVersionRecord[],
  signed: ReadonlySet<string>,
): Promise<void> {
  const probes = new Map<string, Promise<SignatureProbe>>();
  await Promise.all(
    versions.map(async (record) => {
      const digest = record.ociReference?.split("@")[1];
      if (digest === undefined) return;
      const known = signatures.known(digest);
      if (known === "SIGNED" || (known === "UNSIGNED" && !signed.has(digest))) return;
      let probe = probes.get(digest);
      if (!probe) {
        probe = signatures.reader.read(repository, digest, signed.has(digest));
        probes.set(digest, probe);
      }
      record.signatures = await probe;
    }),
  );
}

/** The warnings of one listing, capped. */
class WarningLog {
  private readonly warnings: ListingWarning[] = [];
  private omitted = 0;

  add(warning: ListingWarning): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(warning);
    else this.omitted++;
  }

  list(): ListingWarning[] {
    if (this.omitted === 0) return [...this.warnings];
    return [
      ...this.warnings,
      {
        code: OciListingWarning.WARNINGS_TRUNCATED,
        message: `${this.omitted} more warning(s) were not recorded.`,
      },
    ];
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
