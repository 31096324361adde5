/**
 * `compareChartVersions`: what changed between two versions of a chart (values, schema,
 * dependencies, appVersion / kubeVersion / deprecated, changelog, images; for packs, their
 * schema.yaml and pack.json constraints; for Zarf packages, their zarf.yaml, see zarf-diff.ts).
 * Metadata comes from the catalog rows; values and schema (a Zarf package's definition) from the
 * content cache (fetched once per package digest), so comparing two versions already read costs
 * no registry request.
 */
import { GraphQLError } from "graphql";
import { type DataSource } from "typeorm";
import { type Viewer } from "../../access/viewer";
import {
  ChartKind,
  CompareDirection,
  type CompareSide,
  type DependencyChangeKind,
} from "../../domain/enums";
import { type RegistryEntity } from "../../entities";
import {
  type DependencyRecord,
  type PackVersionInfo,
  type SubchartContent,
  type VersionContentRef,
} from "../../providers/provider";
import { jsonList, sql } from "../../store/sql";
import { ApiErrorCode, apiError, notFound } from "../api-errors";
import { type CatalogService } from "../catalog/catalog.service";
import { type ChartRow, type VersionRow } from "../catalog/catalog-rows";
import { contentKey, type ContentService, type VersionDocuments } from "../catalog/content.service";
import { type RegistryService } from "../registries/registry.service";
import { changelogOf, type VersionChangelog } from "./changelog";
import { declaredImages, imageKey, type VersionImage } from "./images";
import { diffPackConstraints, type PackConstraintChanges } from "./pack-constraints";
import { keyedPairs } from "./keyed-pairs";
import { diffPackSchemas, readPackSchema } from "./pack-schema";
import { type Parsed, PreparedDocumentCache, type PreparedDocuments } from "./prepared-documents";
import { diffFlatSchemas, type SchemaChange } from "./schema-diff";
import { diffLeaves, isMapping, type ValuesDiff } from "./values-diff";
import {
  diffZarfDefinitions,
  readZarfDefinition,
  type ZarfComparison,
  type ZarfDefinitionModel,
} from "./zarf-diff";
import { fieldChange, type FieldChange } from "./field-change";

export { type FieldChange };

export interface DependencyChange {
  name: string;
  kind: DependencyChangeKind;
  fromVersion: string | null;
  toVersion: string | null;
  fromRepository: string | null;
  toRepository: string | null;
}

export interface ValuesComparison extends ValuesDiff {
  /** Why a side's values.yaml could not be compared (not YAML, not a mapping); null otherwise. */
  error: string | null;
}

/** An entry of a pack's schema.yaml that does not parse (it is left out of the comparison). */
export interface SchemaEntryError {
  side: CompareSide;
  path: string;
  message: string;
}

export interface SchemaComparison {
  fromPresent: boolean;
  toPresent: boolean;
  breaking: SchemaChange[];
  harmless: SchemaChange[];
  error: string | null;
  /** Entries of a pack's schema.yaml that do not parse; always empty for a JSON schema. */
  entryErrors: SchemaEntryError[];
}

export interface ImageChanges {
  added: VersionImage[];
  removed: VersionImage[];
}

export interface VersionComparison {
  registry: RegistryEntity;
  chart: ChartRow;
  from: VersionRow;
  to: VersionRow;
  direction: CompareDirection;
  values: ValuesComparison;
  schema: SchemaComparison;
  dependencies: DependencyChange[];
  appVersion: FieldChange<string | null>;
  kubeVersion: FieldChange<string | null>;
  deprecated: FieldChange<boolean>;
  changelog: VersionChangelog[];
  images: ImageChanges;
  /** Changes of pack.json `constraints`; null when the chart is not a pack. */
  constraints: PackConstraintChanges | null;
  /** Changes of a Zarf package's definition; null when the chart is not a Zarf package. */
  zarf: ZarfComparison | null;
}

const NO_VALUES = { added: [], removed: [], changed: [], fromLeaves: 0, toLeaves: 0 };
/** What `values.error` says for Zarf packages, which have no values.yaml of their own. */
const ZARF_NO_VALUES =
  "Not applicable: a Zarf package has no values.yaml; its variables are compared in `zarf`.";
/** What `schema.error` says for Zarf packages, which have no values schema. */
const ZARF_NO_SCHEMA =
  "Not applicable: a Zarf package has no values schema; its variables are compared in `zarf`.";

/** Why a package may not be read while its version is known: the layer keeps its declared images. */
const CONTENT_FAILURES = new Set<unknown>([
  ApiErrorCode.CONTENT_UNAVAILABLE,
  ApiErrorCode.UNSUPPORTED,
  ApiErrorCode.REGISTRY_CALL_BUDGET_EXCEEDED,
]);

export interface ResolvedLayer {
  registry: RegistryEntity;
  chart: ChartRow;
  version: VersionRow;
  /** Declared images first, then inferred ones (duplicates kept; the bundle dedupes). */
  images: VersionImage[];
  /** Why the package could not be read (its inferred images are then missing); null otherwise. */
  contentError: string | null;
  /** The parsed default values; null when absent or unreadable. */
  values: unknown;
  /** A Helm chart's vendored sub-charts; null for other kinds or when the package was unread. */
  subcharts: SubchartContent | null;
  /**
   * Why a Helm chart's sub-charts could not be read while its documents could (kept in the store
   * from an earlier read); null otherwise.
   */
  subchartError: string | null;
}

export class CompareService {
  private readonly prepared = new PreparedDocumentCache();

  constructor(
    private readonly dataSource: DataSource,
    private readonly registries: RegistryService,
    private readonly catalog: CatalogService,
    private readonly content: ContentService,
  ) {}

  /**
   * Compares two versions of a chart of a registry the viewer sees. `from` and `to` resolve as
   * `resolveChartVersion` does (exact text, a range, a floating tag): NOT_FOUND (with
   * `extensions.field`) when one matches nothing.
   */
  async compare(
    viewer: Viewer,
    registryId: string,
    chartName: string,
    fromSpec: string,
    toSpec: string,
    includePrerelease: boolean,
  ): Promise<VersionComparison> {
    const registry = await this.registries.getVisible(viewer, registryId);
    const [chart] = await this.catalog.chartsByName([{ registryId: registry.id, name: chartName }]);
    if (!chart) throw notFound(`Chart "${chartName}"`);
    const from = await this.resolve(chart, fromSpec, includePrerelease, "from");
    const to = await this.resolve(chart, toSpec, includePrerelease, "to");
    const direction =
      from.id === to.id
        ? CompareDirection.SAME
        : from.sort_key < to.sort_key ||
            (from.sort_key === to.sort_key && Number(from.id) < Number(to.id))
          ? CompareDirection.UPGRADE
          : CompareDirection.DOWNGRADE;
    // What every kind of chart compares alike.
    const common = {
      registry,
      chart,
      from,
      to,
      direction,
      appVersion: fieldChange(from.app_version, to.app_version),
      kubeVersion: fieldChange(from.kube_version, to.kube_version),
      deprecated: fieldChange(truthy(from.deprecated), truthy(to.deprecated)),
    };
    if (chart.kind === ChartKind.ZARF_PACKAGE) {
      return { ...common, ...(await this.zarf(registry, chart, from, to)) };
    }
    const [a, b] = await Promise.all([
      this.documents(registry, chart, from),
      this.documents(registry, chart, to),
    ]);
    return {
      ...common,
      values: compareValues(a, b),
      schema: chart.kind === ChartKind.PACK ? packSchemas(a, b) : compareSchemas(a, b),
      dependencies: compareDependencies(jsonList(from.dependencies), jsonList(to.dependencies)),
      changelog: await this.changelog(chart, from, to, direction),
      images: compareImages(
        [...declaredImages(jsonRecord(from.annotations), chart.kind), ...a.images],
        [...declaredImages(jsonRecord(to.annotations), chart.kind), ...b.images],
      ),
      constraints:
        chart.kind === ChartKind.PACK
          ? diffPackConstraints(packInfo(from.pack), packInfo(to.pack))
          : null,
      zarf: null,
    };
  }

  /**
   * The parts of a comparison of two Zarf package versions: their definitions (zarf.yaml, read
   * once per manifest digest through the content cache) compared in `zarf`; values and schema are
   * not applicable, and the changelog is empty (Zarf has no changes annotation).
   */
  private async zarf(
    registry: RegistryEntity,
    chart: ChartRow,
    from: VersionRow,
    to: VersionRow,
  ): Promise<
    Omit<
      VersionComparison,
      | "registry"
      | "chart"
      | "from"
      | "to"
      | "direction"
      | "appVersion"
      | "kubeVersion"
      | "deprecated"
    >
  > {
    const [a, b] = await Promise.all([
      this.zarfDefinition(registry, chart, from),
      this.zarfDefinition(registry, chart, to),
    ]);
    return {
      values: { ...NO_VALUES, error: ZARF_NO_VALUES },
      schema: {
        fromPresent: false,
        toPresent: false,
        breaking: [],
        harmless: [],
        error: ZARF_NO_SCHEMA,
        entryErrors: [],
      },
      dependencies: [],
      changelog: [],
      // The package's own list, as `ChartVersion.images` answers it (no package read).
      images: compareImages(
        declaredImages(jsonRecord(from.annotations), chart.kind),
        declaredImages(jsonRecord(to.annotations), chart.kind),
      ),
      constraints: null,
      zarf: diffZarfDefinitions(a, b),
    };
  }

  /** A Zarf version's definition through the content cache, read once per cache key. */
  private async zarfDefinition(
    registry: RegistryEntity,
    chart: ChartRow,
    row: VersionRow,
  ): Promise<ZarfDefinitionModel> {
    const text = await this.content.zarfDefinition(registry, contentRef(chart, row));
    try {
      return readZarfDefinition(text);
    } catch {
      throw apiError(
        ApiErrorCode.CONTENT_UNAVAILABLE,
        `The definition of ${chart.name} ${row.version} could not be read`,
      );
    }
  }

  /**
   * One layer of an air-gap bundle: the version `spec` resolves to (as in `compare`) and the
   * images it pulls, declared first, then inferred from its default values (a Zarf package: its
   * own image list, and no package read). When the package cannot be read, the declared images
   * are kept and `contentError` says why.
   */
  async layer(
    viewer: Viewer,
    registryId: string,
    chartName: string,
    spec: string,
    includePrerelease: boolean,
  ): Promise<ResolvedLayer> {
    const registry = await this.registries.getVisible(viewer, registryId);
    const [chart] = await this.catalog.chartsByName([{ registryId: registry.id, name: chartName }]);
    if (!chart)
      throw apiError(ApiErrorCode.NOT_FOUND, `Chart "${chartName}" was not found`, {
        field: "chart",
      });
    const version = await this.resolve(chart, spec, includePrerelease, "version");
    const declared = declaredImages(jsonRecord(version.annotations), chart.kind);
    // A Zarf package has no values to infer from: its own list (in `declared`) is all it pulls.
    if (chart.kind === ChartKind.ZARF_PACKAGE) {
      return {
        registry,
        chart,
        version,
        images: declared,
        contentError: null,
        values: null,
        subcharts: null,
        subchartError: null,
      };
    }
    // Read first: one package read gives the sub-charts and stores the documents.
    let subcharts: SubchartContent | null = null;
    let subchartError: string | null = null;
    if (chart.kind === ChartKind.HELM_CHART) {
      try {
        subcharts = await this.content.subcharts(registry, contentRef(chart, version));
      } catch (error) {
        if (!isContentFailure(error)) throw error;
        subchartError = error.message;
      }
    }
    const unread = (contentError: string): ResolvedLayer => ({
      registry,
      chart,
      version,
      images: declared,
      contentError,
      values: null,
      subcharts: null,
      subchartError: null,
    });
    let documents: PreparedDocuments | null;
    try {
      // When the package could not be read just now, only documents kept from an earlier read
      // serve: reading it again would spend a second registry call (and wait a second timeout).
      documents =
        subchartError === null
          ? await this.documents(registry, chart, version)
          : await this.keptDocuments(registry, chart, version);
    } catch (error) {
      if (!isContentFailure(error)) throw error;
      return unread(error.message);
    }
    if (documents === null) return unread(subchartError!);
    return {
      registry,
      chart,
      version,
      images: [...declared, ...documents.images],
      contentError: null,
      values: documents.values.value,
      subcharts,
      subchartError,
    };
  }

  private async resolve(
    chart: ChartRow,
    spec: string,
    includePrerelease: boolean,
    field: "from" | "to" | "version",
  ): Promise<VersionRow> {
    const row = await this.catalog.resolveVersion(
      Number(chart.id),
      spec,
      includePrerelease,
      chart.kind,
    );
    if (!row) {
      throw apiError(ApiErrorCode.NOT_FOUND, `No version of "${chart.name}" matches "${spec}"`, {
        field,
      });
    }
    return row;
  }

  /** A version's documents through the content cache, parsed once per content key. */
  private async documents(
    registry: RegistryEntity,
    chart: ChartRow,
    row: VersionRow,
  ): Promise<PreparedDocuments> {
    const ref = contentRef(chart, row);
    const key = contentKey(registry.id, ref);
    // Documents are immutable per key: once prepared, the stored text is not read again.
    const kept = this.prepared.peek(key);
    if (kept) return kept;
    const documents: VersionDocuments = await this.content.documents(registry, ref);
    return this.prepared.get(key, documents);
  }

  /** A version's documents when they are kept (prepared, or stored), without reading its package. */
  private async keptDocuments(
    registry: RegistryEntity,
    chart: ChartRow,
    row: VersionRow,
  ): Promise<PreparedDocuments | null> {
    const ref = contentRef(chart, row);
    const key = contentKey(registry.id, ref);
    const kept = this.prepared.peek(key);
    if (kept) return kept;
    const documents = await this.content.storedDocuments(registry, ref);
    return documents && this.prepared.get(key, documents);
  }

  /**
   * The changelogs of the versions in (lower, higher], highest first: what an upgrade brings, or
   * what a downgrade undoes.
   */
  private async changelog(
    chart: ChartRow,
    from: VersionRow,
    to: VersionRow,
    direction: CompareDirection,
  ): Promise<VersionChangelog[]> {
    if (direction === CompareDirection.SAME) return [];
    const [low, high] = direction === CompareDirection.UPGRADE ? [from, to] : [to, from];
    const rows = await sql<Pick<VersionRow, "version" | "annotations" | "sort_key" | "id">>(
      this.dataSource,
      `SELECT v.id, v.version, v.annotations, v.sort_key FROM chart_version v
       WHERE v.chart_id = ? AND (v.sort_key > ? OR (v.sort_key = ? AND v.id > ?))
         AND (v.sort_key < ? OR (v.sort_key = ? AND v.id <= ?))
       ORDER BY v.sort_key DESC, v.id DESC`,
      [chart.id, low.sort_key, low.sort_key, low.id, high.sort_key, high.sort_key, high.id],
    );
    return rows.map((row) => changelogOf(row.version, jsonRecord(row.annotations)));
  }
}

function isContentFailure(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && CONTENT_FAILURES.has(error.extensions["code"]);
}

/** Where a version's package is, for the content service. */
function contentRef(chart: ChartRow, row: VersionRow): VersionContentRef {
  return {
    chart: chart.name,
    version: row.version,
    urls: jsonList<string>(row.urls),
    digest: row.digest,
    ociReference: row.oci_reference,
  };
}

function compareValues(a: PreparedDocuments, b: PreparedDocuments): ValuesComparison {
  const error = a.values.error ?? b.values.error;
  if (error !== null) {
    return { ...NO_VALUES, error };
  }
  return { ...diffLeaves(a.leaves, b.leaves), error: null };
}

function compareSchemas(a: PreparedDocuments, b: PreparedDocuments): SchemaComparison {
  const base = { fromPresent: a.hasSchema, toPresent: b.hasSchema, entryErrors: [] };
  const error = schemaError(a.schema) ?? schemaError(b.schema);
  if (error !== null) return { ...base, breaking: [], harmless: [], error };
  return { ...base, ...byBreaking(diffFlatSchemas(a.schemaNodes, b.schemaNodes)), error: null };
}

/** Schema changes split into the breaking ones and the others. */
function byBreaking(changes: SchemaChange[]): {
  breaking: SchemaChange[];
  harmless: SchemaChange[];
} {
  return {
    breaking: changes.filter((c) => c.breaking),
    harmless: changes.filter((c) => !c.breaking),
  };
}

/**
 * Two packs' schema.yaml (Palette's value constraints, see pack-schema.ts), in the same terms as
 * values.schema.json. An entry that does not parse is listed in `entryErrors` and its path left
 * out; the rest is compared.
 */
function packSchemas(a: PreparedDocuments, b: PreparedDocuments): SchemaComparison {
  const base = { fromPresent: a.hasSchema, toPresent: b.hasSchema };
  const error = packSchemaError(a.schema) ?? packSchemaError(b.schema);
  if (error !== null) return { ...base, breaking: [], harmless: [], error, entryErrors: [] };
  // Read once per prepared (cached) document, like the values' leaves.
  const before = a.hasSchema ? (a.packSchema ??= readPackSchema(a.schema.value)) : null;
  const after = b.hasSchema ? (b.packSchema ??= readPackSchema(b.schema.value)) : null;
  return {
    ...base,
    ...byBreaking(diffPackSchemas(before, after)),
    error: null,
    entryErrors: [
      ...(before?.errors ?? []).map((e) => ({ side: "FROM" as const, ...e })),
      ...(after?.errors ?? []).map((e) => ({ side: "TO" as const, ...e })),
    ],
  };
}

function packSchemaError(parsed: Parsed): string | null {
  if (parsed.error !== null) return parsed.error.replace("the values schema", "schema.yaml");
  return parsed.value == null || isMapping(parsed.value)
    ? null
    : "schema.yaml is not a mapping of values paths to templates";
}

/** The pack.json a version row keeps (normalized by the sync); null for none. */
function packInfo(text: string | null | undefined): PackVersionInfo | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isMapping(parsed) ? (parsed as unknown as PackVersionInfo) : null;
  } catch {
    return null;
  }
}

function schemaError(parsed: Parsed): string | null {
  if (parsed.error !== null) return parsed.error;
  return parsed.value == null || isMapping(parsed.value)
    ? null
    : "the values schema is not an object";
}

function compareDependencies(from: unknown[], to: unknown[]): DependencyChange[] {
  const byName = (list: unknown[]) =>
    new Map(
      list
        .filter((d): d is DependencyRecord => isMapping(d) && typeof d["name"] === "string")
        .map((d) => [d.alias ?? d.name, d]),
    );
  const changes: DependencyChange[] = [];
  for (const { key, old, now } of keyedPairs(byName(from), byName(to))) {
    if (old === null) {
      changes.push({
        name: key,
        kind: "ADDED",
        fromVersion: null,
        fromRepository: null,
        toVersion: now.version ?? null,
        toRepository: now.repository ?? null,
      });
      continue;
    }
    const base = {
      name: key,
      fromVersion: old.version ?? null,
      fromRepository: old.repository ?? null,
    };
    if (!now) {
      changes.push({ ...base, kind: "REMOVED", toVersion: null, toRepository: null });
    } else if (
      (old.version ?? null) !== (now.version ?? null) ||
      (old.repository ?? null) !== (now.repository ?? null) ||
      (old.condition ?? null) !== (now.condition ?? null)
    ) {
      changes.push({
        ...base,
        kind: "CHANGED",
        toVersion: now.version ?? null,
        toRepository: now.repository ?? null,
      });
    }
  }
  return changes;
}

/** Images only one side pulls, by registry, repository, tag and digest. */
function compareImages(from: VersionImage[], to: VersionImage[]): ImageChanges {
  // Declared images come first and win over the same image inferred from values.
  const unique = (list: VersionImage[]) => {
    const map = new Map<string, VersionImage>();
    for (const image of list) if (!map.has(imageKey(image))) map.set(imageKey(image), image);
    return map;
  };
  const before = unique(from);
  const after = unique(to);
  return {
    added: [...after].filter(([k]) => !before.has(k)).map(([, i]) => i),
    removed: [...before].filter(([k]) => !after.has(k)).map(([, i]) => i),
  };
}

function truthy(value: number | boolean): boolean {
  return value === true || value === 1;
}

export function jsonRecord(text: string | null | undefined): Record<string, string> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isMapping(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}
