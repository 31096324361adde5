import { shownEndpoint } from "../access/access-policy";
import { type Viewer } from "../access/viewer";
import { type RegistryEntity, type SyncRunEntity } from "../entities";
import {
  Annotation,
  ChartDependency,
  ChartVersion,
  Maintainer,
  type PackConstraints,
  type PackDependency,
} from "../schema/chart-version.type";
import { Chart } from "../schema/chart.type";
import {
  type RegistryErrorCode,
  type ChartKind,
  type PackLayer,
  type PackDependencyType,
} from "../schema/enums";
import type { IndexInfo, PackVersionInfo } from "../providers/provider";
import { HelmRegistry } from "../schema/helm-registry.type";
import { OciRegistry } from "../schema/oci-registry.type";
import { PackRegistry } from "../schema/pack-registry.type";
import { type Registry } from "../schema/registry.interface";
import { SyncRun, type SyncWarning } from "../schema/sync-run.type";
import { type ChartRow, type VersionRow } from "../services/catalog/catalog-rows";
import { toGlobalId } from "../services/ids";
import { jsonStrings } from "../services/registries/registry-secrets";
import { bool, jsonList } from "../store/sql";

/** A stored registry as its GraphQL type: the secret stays behind, only `hasSecret` shows. */
/** A stored registry as the viewer is shown it (see shownEndpoint). */
export function toRegistry(entity: RegistryEntity, viewer: Viewer): Registry {
  const registry =
    entity.kind === "OCI"
      ? toOciRegistry(entity)
      : entity.kind === "PACK"
        ? new PackRegistry()
        : new HelmRegistry();
  registry.__typename =
    entity.kind === "OCI"
      ? "OciRegistry"
      : entity.kind === "PACK"
        ? "PackRegistry"
        : "HelmRegistry";
  if (registry instanceof HelmRegistry) {
    const info = indexInfo(entity.indexInfo);
    registry.indexAnnotations = pairs(info.annotations);
    const server = pairs(info.serverInfo);
    registry.serverInfo = server.length
      ? { contextPath: info.serverInfo["contextPath"] ?? null, entries: server }
      : null;
  }
  registry.dbId = entity.id;
  registry.tenantId = entity.tenantId;
  registry.id = toGlobalId("Registry", entity.id);
  registry.name = entity.name;
  registry.kind = entity.kind;
  registry.endpoint = shownEndpoint(viewer, entity);
  registry.scope = entity.scope;
  registry.isDefault = entity.isDefault;
  registry.fips = bool(entity.fips);
  registry.protected = entity.protected;
  registry.syncEnabled = entity.syncEnabled && !entity.protected;
  registry.auth = {
    type: entity.authType,
    username: entity.authUsername,
    hasSecret: Boolean(entity.authSecret),
  };
  registry.tls = {
    insecureSkipVerify: entity.tlsInsecureSkipVerify,
    hasCaCertificate: Boolean(entity.tlsCaCertificate),
  };
  registry.lastSyncedAt = entity.protected ? null : entity.lastSyncedAt;
  registry.createdAt = entity.createdAt;
  registry.updatedAt = entity.updatedAt;
  return registry;
}

/** The OCI fields; AWS secrets stay behind (only whether they are set shows). */
function toOciRegistry(entity: RegistryEntity): OciRegistry {
  const registry = new OciRegistry();
  registry.providerType = entity.ociProviderType ?? "HELM";
  registry.authKind = entity.ociAuthKind ?? "BASIC";
  registry.baseContentPaths = jsonStrings(entity.ociBaseContentPaths);
  registry.repositories = jsonStrings(entity.ociRepositories);
  const ecrKeys = entity.authType === "ECR";
  registry.ecr =
    entity.ociAuthKind === "ECR"
      ? {
          region: entity.ecrRegion,
          accessKeyId: ecrKeys ? entity.authUsername : null,
          hasSecretAccessKey: ecrKeys && Boolean(entity.authSecret),
          roleArn: entity.ecrRoleArn,
          hasExternalId: Boolean(entity.ecrExternalId),
        }
      : null;
  return registry;
}

export function toChart(row: ChartRow): Chart {
  const chart = new Chart();
  chart.dbId = Number(row.id);
  chart.registryDbId = row.registry_id;
  chart.latestVersionDbId = row.latest_version_id == null ? null : Number(row.latest_version_id);
  chart.name = row.name;
  chart.description = row.description;
  chart.icon = row.icon;
  chart.home = row.home;
  chart.keywords = jsonList<string>(row.keywords);
  chart.deprecated = bool(row.deprecated);
  chart.versionCount = Number(row.version_count);
  chart.kind = row.kind as ChartKind;
  chart.displayName = row.display_name;
  chart.layer = row.layer as PackLayer | null;
  chart.addonType = row.addon_type;
  chart.addonSubType = row.addon_sub_type;
  chart.cloudTypes = jsonList<string>(row.cloud_types);
  chart.group = row.pack_group;
  chart.eol = row.eol;
  chart.logoUrl = row.logo_url;
  return chart;
}

/**
 * A version row as its GraphQL type. Rows may hold only the columns a query selected (see
 * `versionColumns`): fields whose columns are absent stay unset, and no query reads them.
 */
export function toChartVersion(row: VersionRow): ChartVersion {
  const v = new ChartVersion();
  v.dbId = Number(row.id);
  v.chartDbId = Number(row.chart_id);
  v.version = row.version;
  v.appVersion = row.app_version;
  v.description = row.description;
  v.created = row.created;
  v.digest = sha256Hex(row.digest);
  v.kubeVersion = row.kube_version;
  v.apiVersion = row.api_version;
  v.type = row.type;
  v.home = row.home;
  v.icon = row.icon;
  if (row.is_semver !== undefined) v.semver = bool(row.is_semver);
  if (row.prerelease !== undefined) v.prerelease = bool(row.prerelease);
  if (row.deprecated !== undefined) v.deprecated = bool(row.deprecated);
  if (row.urls !== undefined) v.urls = jsonList<string>(row.urls);
  if (row.keywords !== undefined) v.keywords = jsonList<string>(row.keywords);
  if (row.sources !== undefined) v.sources = jsonList<string>(row.sources);
  if (row.maintainers !== undefined) {
    v.maintainers = jsonList<Partial<Maintainer>>(row.maintainers).map((m) =>
      Object.assign(new Maintainer(), {
        name: m.name ?? "",
        email: m.email ?? null,
        url: m.url ?? null,
      }),
    );
  }
  if (row.dependencies !== undefined) {
    v.dependencies = jsonList<Partial<ChartDependency>>(row.dependencies).map((d) =>
      Object.assign(new ChartDependency(), {
        name: d.name ?? "",
        version: d.version ?? null,
        repository: d.repository ?? null,
        condition: d.condition ?? null,
        alias: d.alias ?? null,
        tags: d.tags ?? [],
      }),
    );
  }
  if (row.annotations !== undefined) {
    const annotations = row.annotations
      ? (JSON.parse(row.annotations) as Record<string, string>)
      : {};
    v.annotations = Object.keys(annotations)
      .sort()
      .map((key) => Object.assign(new Annotation(), { key, value: String(annotations[key]) }));
  }
  if (row.tag !== undefined) v.tag = row.tag ?? null;
  if (row.oci_reference !== undefined) v.ociReference = row.oci_reference ?? null;
  if (row.parent_tags !== undefined) v.parentTags = jsonList<string>(row.parent_tags);
  if (row.pack !== undefined) {
    const pack = row.pack ? (JSON.parse(row.pack) as PackVersionInfo) : null;
    v.group = pack?.group ?? null;
    v.constraints = pack ? toConstraints(pack) : null;
  }
  return v;
}

export function toSyncRun(entity: SyncRunEntity): SyncRun {
  const run = new SyncRun();
  run.id = toGlobalId("SyncRun", entity.id);
  run.dbId = entity.id;
  run.registryDbId = entity.registryId;
  run.status = entity.status;
  run.phase = entity.phase;
  run.trigger = entity.trigger;
  run.queuedAt = entity.queuedAt;
  run.startedAt = entity.startedAt;
  run.finishedAt = entity.finishedAt;
  run.durationMs =
    entity.startedAt && entity.finishedAt
      ? entity.finishedAt.getTime() - entity.startedAt.getTime()
      : null;
  run.unchanged = Boolean(entity.unchanged);
  run.chartsSeen = entity.chartsSeen ?? 0;
  run.versionsSeen = entity.versionsSeen ?? 0;
  run.chartsAdded = entity.chartsAdded ?? 0;
  run.chartsRemoved = entity.chartsRemoved ?? 0;
  run.versionsAdded = entity.versionsAdded ?? 0;
  run.versionsUpdated = entity.versionsUpdated ?? 0;
  run.versionsRemoved = entity.versionsRemoved ?? 0;
  run.versionsUnchanged = entity.versionsUnchanged ?? 0;
  run.versionsSkipped = entity.versionsSkipped ?? 0;
  run.bytesFetched = entity.bytesFetched ?? 0;
  run.warnings = jsonList<Partial<SyncWarning>>(entity.warnings ?? "[]").map((w) => ({
    code: w.code ?? "UNKNOWN",
    message: w.message ?? "",
    chart: w.chart ?? null,
    version: w.version ?? null,
  }));
  run.error = entity.errorCode
    ? { code: entity.errorCode as RegistryErrorCode, message: entity.errorMessage ?? "" }
    : null;
  return run;
}

/** A pack version's constraints as the API shows them. */
function toConstraints(pack: PackVersionInfo): PackConstraints {
  return {
    dependencies: pack.dependencies.map(toPackDependency),
    resources: pack.resources.map((r) => ({
      type: r.type,
      minLimit: r.minLimit,
      components: r.components.map((c) => ({ ...c })),
    })),
  };
}

/** One pack dependency (pack.json `constraints.dependencies[]`) as the API shows it. */
export function toPackDependency(d: PackVersionInfo["dependencies"][number]): PackDependency {
  return {
    packName: d.packName,
    layer: d.layer as PackLayer | null,
    minVersion: d.minVersion,
    maxVersion: d.maxVersion,
    type: d.type as PackDependencyType,
  };
}

/** 64 lowercase hex digits (a loop: a regular expression costs more, 300 times a page). */
function isSha256Hex(text: string): boolean {
  if (text.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * A package digest in the one form `ChartVersion.digest` states: lowercase hex of a sha256,
 * without the `sha256:` prefix some Helm indexes write (OCI layers are stored as hex already);
 * null for none or for a digest of another form (another algorithm, not hex).
 */
export function sha256Hex(digest: string | null | undefined): string | null {
  // Most digests are stored as 64 lowercase hex digits already: one test, no copies.
  if (digest != null && isSha256Hex(digest)) return digest;
  const text =
    digest
      ?.trim()
      .replace(/^sha256:/i, "")
      .toLowerCase() ?? "";
  return /^[0-9a-f]+$/.test(text) ? text : null;
}

function indexInfo(text: string | null | undefined): IndexInfo {
  try {
    const value = text ? (JSON.parse(text) as Partial<IndexInfo>) : {};
    return { annotations: value.annotations ?? {}, serverInfo: value.serverInfo ?? {} };
  } catch {
    return { annotations: {}, serverInfo: {} };
  }
}

function pairs(record: Record<string, string>): { key: string; value: string }[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}
