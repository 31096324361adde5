/**
 * `airGapBundle`: resolves each layer of a profile (registry, chart, version or range) as
 * `compareChartVersions` does, gathers the images it pulls and writes a Hauler manifest and a
 * Zarf package definition for them. A layer that does not resolve is reported as that layer's
 * typed error; the others still make the bundle.
 */
import { GraphQLError } from "graphql";
import { type Viewer } from "../../access/viewer";
import { ChartKind, ImageSource, RegistryKind } from "../../domain/enums";
import { type RegistryEntity } from "../../entities";
import { type DependencyRecord } from "../../providers/provider";
import { jsonList } from "../../store/sql";
import { type VersionRow } from "../catalog/catalog-rows";
import { ApiErrorCode, badInput } from "../api-errors";
import {
  type BundleChartSource,
  bundleImages,
  type BundleLayer,
  haulerManifest,
  zarfPackage,
} from "./airgap";
import { type CompareService } from "./compare.service";
import { type VersionImage } from "./images";
import { subchartImages } from "./subchart-images";
import { joinPath } from "./values-diff";

/** Layers one bundle may hold. */
export const MAX_BUNDLE_LAYERS = 50;

/** Zarf's package and component names, and Kubernetes namespaces (DNS labels). */
const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const NAMESPACE_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Codes that are one layer's failure (its registry, chart or version); anything else (a store
 * outage, a rate limit) fails the query as it would any other.
 */
const LAYER_FAILURES = new Set<string>([
  ApiErrorCode.NOT_FOUND,
  ApiErrorCode.BAD_USER_INPUT,
  ApiErrorCode.FORBIDDEN,
]);

export interface BundleLayerSpec {
  registryId: string;
  chart: string;
  version: string;
  namespace: string | null;
}

export interface LayerError {
  code: string;
  message: string;
  field: string | null;
}

export interface BundleLayerResult {
  index: number;
  spec: BundleLayerSpec;
  version: VersionRow | null;
  images: VersionImage[];
  error: LayerError | null;
}

export interface AirGapBundleResult {
  hauler: string;
  zarf: string;
  layers: BundleLayerResult[];
  warnings: string[];
}

export async function airGapBundle(
  compare: CompareService,
  viewer: Viewer,
  specs: BundleLayerSpec[],
  name: string,
  includePrerelease: boolean,
): Promise<AirGapBundleResult> {
  if (specs.length === 0 || specs.length > MAX_BUNDLE_LAYERS) {
    throw badInput(`A bundle has 1 to ${MAX_BUNDLE_LAYERS} layers.`, "layers");
  }
  if (name.length > 63 || !NAME_PATTERN.test(name)) {
    throw badInput("The bundle name is lower-case letters, digits and '-' (at most 63).", "name");
  }
  specs.forEach((spec, i) => {
    if (spec.namespace !== null && !NAMESPACE_PATTERN.test(spec.namespace)) {
      throw badInput(`Layer ${i}: the namespace is not a DNS label.`, `layers.${i}.namespace`);
    }
  });
  const warnings: string[] = [];
  const layers: BundleLayerResult[] = [];
  const bundled: BundleLayer[] = [];
  // One layer after the other: the registry call budget of the operation is shared.
  for (const [index, spec] of specs.entries()) {
    try {
      const resolved = await compare.layer(
        viewer,
        spec.registryId,
        spec.chart,
        spec.version,
        includePrerelease,
      );
      layers.push({ index, spec, version: resolved.version, images: resolved.images, error: null });
      const label = `Layer ${index} (${resolved.chart.name} ${resolved.version.version})`;
      if (resolved.contentError !== null) {
        warnings.push(
          `${label}: its package could not be read, so images inferred from its values are missing: ${resolved.contentError}`,
        );
      }
      if (resolved.subchartError !== null) {
        warnings.push(
          `${label}: its package could not be read again for its vendored sub-charts, so their images are missing: ${resolved.subchartError}`,
        );
      }
      const source = chartSource(
        resolved.registry,
        resolved.chart.name,
        resolved.chart.kind,
        resolved.version,
      );
      if (source === null) {
        warnings.push(
          `${label}: ${noChartReason(resolved.chart.kind)}; only its images are in the bundle.`,
        );
      }
      const sub =
        resolved.subcharts === null
          ? null
          : subchartImages(
              jsonList<DependencyRecord>(resolved.version.dependencies),
              resolved.values,
              resolved.subcharts,
              label,
            );
      const images = bundleImages(
        sub === null ? resolved.images : withoutSubchartValues(resolved.images, sub.keys),
        resolved.version.app_version,
      );
      const inferred = images.filter((i) => i.note !== null).length;
      if (inferred > 0) {
        warnings.push(
          `${label}: ${inferred} image(s) inferred from default values, not declared by the chart; check them.`,
        );
      }
      if (sub !== null) {
        images.push(...sub.images);
        warnings.push(...sub.warnings);
      }
      if (images.length === 0) warnings.push(`${label}: no image found.`);
      bundled.push({
        chart: resolved.chart.name,
        version: resolved.version.version,
        namespace: spec.namespace ?? namespaceOf(resolved.chart.name),
        source,
        images,
      });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const code = error.extensions["code"];
      if (typeof code !== "string" || !LAYER_FAILURES.has(code)) throw error;
      const field = error.extensions["field"];
      layers.push({
        index,
        spec,
        version: null,
        images: [],
        error: {
          code,
          message: error.message,
          field: typeof field === "string" ? field : code === "NOT_FOUND" ? "registryId" : null,
        },
      });
    }
  }
  return {
    hauler: haulerManifest(bundled, name),
    zarf: zarfPackage(bundled, name),
    layers,
    warnings,
  };
}

/**
 * The images without those inferred from the parent's values under a vendored sub-chart's key:
 * they are the sub-chart's (bundled with it when it is enabled, not pulled when it is not).
 */
function withoutSubchartValues(images: VersionImage[], keys: string[]): VersionImage[] {
  const prefixes = keys.map((key) => joinPath("", key));
  return images.filter(
    (image) =>
      image.source !== ImageSource.VALUES_INFERRED ||
      !prefixes.some(
        (p) =>
          image.name === p ||
          image.name?.startsWith(`${p}.`) === true ||
          image.name?.startsWith(`${p}[`) === true,
      ),
  );
}

function noChartReason(kind: string): string {
  if (kind === ChartKind.PACK) return "a pack is no Helm chart";
  if (kind === ChartKind.ZARF_PACKAGE) return "a Zarf package is no Helm chart";
  return "its chart has no pullable location";
}

/** A namespace from a chart name: a DNS label. */
function namespaceOf(chart: string): string {
  const label = chart
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return label || "default";
}

/** Where both tools pull a Helm chart from; null for packs and Zarf packages. */
function chartSource(
  registry: RegistryEntity,
  chart: string,
  kind: string,
  version: VersionRow,
): BundleChartSource | null {
  if (kind !== ChartKind.HELM_CHART) return null;
  if (registry.kind === RegistryKind.OCI && version.oci_reference) {
    // `host/repository[:tag]@digest`: the repository's last segment is the chart's name.
    const at = version.oci_reference.lastIndexOf("@");
    const withoutDigest = version.oci_reference.slice(0, at < 0 ? undefined : at);
    const slash = withoutDigest.lastIndexOf("/");
    const colon = withoutDigest.lastIndexOf(":");
    const path = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
    const parent = path.slice(0, path.lastIndexOf("/"));
    return {
      name: path.slice(path.lastIndexOf("/") + 1),
      version: version.version,
      repoURL: `oci://${parent}`,
      zarfURL: `oci://${path}`,
    };
  }
  if (registry.kind !== RegistryKind.HELM) return null;
  const repoURL = registry.endpoint.replace(/\/+$/, "");
  return { name: chart, version: version.version, repoURL, zarfURL: repoURL };
}
