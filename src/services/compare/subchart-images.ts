/**
 * The images of a chart's vendored sub-charts, as an install with the default values pulls
 * them. Each sub-chart is enabled or not as Helm decides from the parent's default values (its
 * dependency's `condition`, then its `tags`); a disabled one is left out of the bundle with a
 * warning (an install with default values does not pull its images). An enabled one brings the
 * images its Chart.yaml declares and those inferred from its values, with the parent's values
 * under its alias or name merged over its own (`redis-ha.image.tag` in the parent wins). The
 * sub-charts of a sub-chart follow, with its dependencies and merged values.
 */
import { load } from "js-yaml";
import { type DependencyRecord, type SubchartContent } from "../../providers/provider";
import { type Subchart } from "../../providers/subcharts";
import { INDEX_SCHEMA } from "../../providers/helm/helm-index.parser";
import { dependencyRecords } from "../../providers/oci/helm-chart.reader";
import { stringMap } from "../../providers/oci/oci-manifest";
import { type BundleImage, bundleImages, fullReference, withAppVersion } from "./airgap";
import { parseYaml } from "./prepared-documents";
import { annotatedImages, inferredImages } from "./images";
import { isMapping } from "./values-diff";

/** What the sub-charts add to a layer: their images (each with a note) and warnings. */
export interface SubchartImages {
  images: BundleImage[];
  warnings: string[];
  /**
   * The parent's values keys of its vendored sub-charts (alias or name), enabled or not: what
   * the parent's values hold under them is the sub-chart's, not the parent's own images.
   */
  keys: string[];
}

interface ChartMeta {
  name: string;
  version: string | null;
  appVersion: string | null;
  annotations: Record<string, string>;
  dependencies: DependencyRecord[];
}

type Values = Record<string, unknown>;

/**
 * The images of the sub-charts of a chart whose Chart.yaml declares `dependencies` and whose
 * default values are `values`. `label` starts each warning (`Layer 0 (argo-cd 7.5.0)`).
 */
export function subchartImages(
  dependencies: DependencyRecord[],
  values: unknown,
  content: SubchartContent,
  label: string,
): SubchartImages {
  const out: SubchartImages = { images: [], warnings: [], keys: [] };
  const root = isMapping(values) ? values : {};
  const tags = isMapping(root["tags"]) ? root["tags"] : {};
  walk(dependencies, root, content.subcharts, tags, [], label, out);
  for (const skipped of content.skipped) out.warnings.push(`${label}: ${skipped}.`);
  return out;
}

function walk(
  dependencies: DependencyRecord[],
  values: Values,
  vendored: Subchart[],
  tags: Values,
  trail: string[],
  label: string,
  out: SubchartImages,
): void {
  const charts: { chart: Subchart; meta: ChartMeta; used: boolean }[] = [];
  for (const chart of vendored) {
    const meta = chartMeta(chart.chartYaml);
    if (chart.error !== null || meta === null) {
      out.warnings.push(
        `${label}: the vendored sub-chart ${chart.path} could not be read${chart.error === null ? " (no valid Chart.yaml)" : `: ${chart.error}`}; its images are missing.`,
      );
      continue;
    }
    charts.push({ chart, meta, used: false });
  }
  const where = trail.length === 0 ? "" : ` of sub-chart ${trail.join("/")}`;
  const unvendored: string[] = [];
  const enabled: { key: string; chart: Subchart; meta: ChartMeta }[] = [];
  for (const dependency of dependencies) {
    const match = charts.find((c) => c.meta.name === dependency.name);
    if (!match) {
      unvendored.push(describe(dependency));
      continue;
    }
    match.used = true;
    const key = dependency.alias ?? dependency.name;
    if (trail.length === 0) out.keys.push(key);
    const decided = isEnabled(dependency, values, tags);
    if (!decided.enabled) {
      out.warnings.push(
        `${label}: sub-chart ${[...trail, key].join("/")} (${match.meta.name} ${match.meta.version ?? "?"}) is disabled by default (${decided.reason}); its images are not in the bundle.`,
      );
      continue;
    }
    enabled.push({ key, chart: match.chart, meta: match.meta });
  }
  // A vendored chart no dependency names is installed all the same (Helm keeps it).
  for (const c of charts) {
    if (c.used) continue;
    enabled.push({ key: c.meta.name, chart: c.chart, meta: c.meta });
    if (trail.length === 0) out.keys.push(c.meta.name);
  }
  if (unvendored.length > 0) {
    out.warnings.push(
      `${label}: dependencies declared in Chart.yaml${where} but not vendored in the package: ${unvendored.join(", ")}; Hauler and Zarf pull the package as it is, so their images are not in the bundle.`,
    );
  }
  for (const { key, chart, meta } of enabled) {
    const own = parseValues(chart.values);
    const override = values[key];
    const merged = isMapping(override) ? mergeValues(own, override) : own;
    const path = [...trail, key];
    out.images.push(...imagesOf(meta, own, merged, path.join("/")));
    walk(meta.dependencies, merged, chart.subcharts, tags, path, label, out);
  }
}

/**
 * A sub-chart's images: declared, and inferred from its merged values. An inferred image the
 * parent's values changed (a values path whose reference differs from the sub-chart's own
 * default) replaces the declared images of its repository: the declaration names the default.
 */
function imagesOf(meta: ChartMeta, own: Values, merged: Values, path: string): BundleImage[] {
  const ownByPath = new Map(inferredImages(own).map((i) => [i.name, i.reference]));
  const inferred = inferredImages(merged);
  const overridden = inferred.filter((i) => ownByPath.get(i.name) !== i.reference);
  const overriddenRepos = new Set(overridden.map((i) => `${i.registry}/${i.repository}`));
  const declared = annotatedImages(meta.annotations).filter(
    (i) => !overriddenRepos.has(`${i.registry}/${i.repository}`),
  );
  const images: BundleImage[] = [];
  for (const image of overridden) {
    const reference = fullReference(withAppVersion(image, meta.appVersion));
    images.push({
      reference,
      note: `sub-chart ${path}: set by the parent's values (${path.replace(/\//g, ".")}.${image.name ?? ""})`,
    });
  }
  const rest = inferred.filter((i) => !overridden.includes(i));
  for (const image of bundleImages([...declared, ...rest], meta.appVersion)) {
    if (images.some((i) => i.reference === image.reference)) continue;
    images.push({
      reference: image.reference,
      note: `sub-chart ${path}: ${image.note ?? "declared"}`,
    });
  }
  return images;
}

/**
 * Helm's decision (`processDependencyConditions` over `processDependencyTags`): the first path
 * of `condition` that holds a boolean decides; otherwise a tag set to true enables, tags all set
 * to false disable; otherwise enabled.
 */
function isEnabled(
  dependency: DependencyRecord,
  values: Values,
  tags: Values,
): { enabled: boolean; reason: string } {
  for (const path of (dependency.condition ?? "").split(",")) {
    const trimmed = path.trim();
    if (trimmed === "") continue;
    const value = lookup(values, trimmed);
    if (typeof value === "boolean") return { enabled: value, reason: `${trimmed}: ${value}` };
  }
  const set = (dependency.tags ?? []).filter((t) => typeof tags[t] === "boolean");
  if (set.length > 0 && set.every((t) => tags[t] === false)) {
    return { enabled: false, reason: `tags ${set.map((t) => `${t}: false`).join(", ")}` };
  }
  return { enabled: true, reason: "" };
}

function lookup(values: Values, path: string): unknown {
  let node: unknown = values;
  for (const key of path.split(".")) {
    if (!isMapping(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Helm's coalescing for one chart: the parent's values win, mappings merge key by key. */
function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    // A null in the parent's values deletes the key (Helm's way of unsetting a default).
    if (value === null) delete out[key];
    else out[key] = isMapping(value) && isMapping(below) ? mergeValues(below, value) : value;
  }
  return out;
}

function parseValues(text: string | null): Values {
  const parsed = parseYaml(text, "values").value;
  return isMapping(parsed) ? parsed : {};
}

function chartMeta(text: string | null): ChartMeta | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    // As Helm reads Chart.yaml into strings: `appVersion: 1.10` is "1.10", not the number 1.1.
    parsed = load(text, { schema: INDEX_SCHEMA });
  } catch {
    return null;
  }
  if (!isMapping(parsed) || typeof parsed["name"] !== "string") return null;
  const scalar = (v: unknown) =>
    typeof v === "string" || typeof v === "number" ? String(v) : null;
  return {
    name: parsed["name"],
    version: scalar(parsed["version"]),
    appVersion: scalar(parsed["appVersion"]),
    annotations: stringMap(parsed["annotations"]),
    dependencies: dependencyRecords(parsed["dependencies"]),
  };
}

function describe(dependency: DependencyRecord): string {
  const version = dependency.version ? ` ${dependency.version}` : "";
  const from = dependency.repository ? ` from ${dependency.repository}` : "";
  return `${dependency.alias ?? dependency.name}${version}${from}`;
}
