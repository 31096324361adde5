/**
 * Two Zarf package definitions (zarf.yaml, v1alpha1: zarf-dev/zarf `src/api/v1alpha1/package.go`,
 * `component.go`, `src/pkg/variables`) compared: metadata, components (required, charts, images,
 * manifests) and package variables.
 *
 * Breaking (what can make a deploy that worked with `from` fail or do less with `to`): a
 * component removed (a deploy naming it with `--components` fails, and what it deployed is no
 * longer shipped); a variable removed (a deploy configuration that sets it no longer applies); a
 * variable that must now be answered at deploy time: added, or changed to, `prompt: true` with no
 * default. Everything else (a component added or its `required` changed, charts, images and
 * manifests changed, a default changed) is reported and not breaking.
 *
 * A `sensitive: true` variable's default is never reported (neither side's), only whether it
 * changed. Definitions of older Zarf are read with every scalar as text, so `"true"` is true.
 */
import { type DependencyChangeKind } from "../../domain/enums";
import { fieldChange, type FieldChange } from "./field-change";
import { componentImageEntries, listAt, objectAt } from "../../providers/oci/zarf-definition";
import { isMapping } from "./values-diff";

/** A chart of a component, as compared. */
export interface ZarfChartInfo {
  name: string;
  version: string | null;
  url: string | null;
  namespace: string | null;
}

export interface ZarfChartChange {
  name: string;
  kind: DependencyChangeKind;
  from: ZarfChartInfo | null;
  to: ZarfChartInfo | null;
}

export interface ZarfComponentChange {
  name: string;
  kind: DependencyChangeKind;
  /** `required` in `from`; null when the component was added. */
  fromRequired: boolean | null;
  /** `required` in `to`; null when the component was removed. */
  toRequired: boolean | null;
  charts: ZarfChartChange[];
  imagesAdded: string[];
  imagesRemoved: string[];
  manifestsAdded: string[];
  manifestsRemoved: string[];
  breaking: boolean;
}

export interface ZarfVariableChange {
  name: string;
  kind: DependencyChangeKind;
  /** Null when the variable is sensitive (on either side) or has no default there. */
  fromDefault: string | null;
  toDefault: string | null;
  defaultChanged: boolean;
  sensitive: boolean;
  /** Whether the deployer must answer it (`prompt: true`, no default) in `from`; null if absent. */
  fromRequired: boolean | null;
  toRequired: boolean | null;
  breaking: boolean;
}

/** A text of the older and of the newer definition, and whether they differ. */
export type ZarfTextChange = FieldChange<string | null>;

export interface ZarfComparison {
  version: ZarfTextChange;
  description: ZarfTextChange;
  architecture: ZarfTextChange;
  components: ZarfComponentChange[];
  variables: ZarfVariableChange[];
  breaking: boolean;
}

interface ComponentModel {
  required: boolean;
  charts: Map<string, ZarfChartInfo>;
  images: string[];
  manifests: string[];
}

interface VariableModel {
  default: string | null;
  sensitive: boolean;
  prompt: boolean;
}

/** A definition read into the parts that are compared. */
export interface ZarfDefinitionModel {
  version: string | null;
  description: string | null;
  architecture: string | null;
  components: Map<string, ComponentModel>;
  variables: Map<string, VariableModel>;
}

/** A scalar as text (both eras: JSON numbers and booleans, or failsafe YAML strings). */
const scalar = (value: unknown): string | null =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : null;
const nonEmpty = (value: unknown): string | null => {
  const text = scalar(value);
  return text === null || text === "" ? null : text;
};
const flag = (value: unknown): boolean => value === true || value === "true";

/** Reads a definition (the JSON text the content cache keeps) into its compared parts. */
export function readZarfDefinition(text: string): ZarfDefinitionModel {
  const definition: unknown = JSON.parse(text);
  const metadata = objectAt(definition, "metadata");
  const build = objectAt(definition, "build");
  const components = new Map<string, ComponentModel>();
  for (const entry of listAt(isMapping(definition) ? definition : {}, "components")) {
    if (!isMapping(entry)) continue;
    const name = nonEmpty(entry["name"]);
    if (name === null || components.has(name)) continue;
    const charts = new Map<string, ZarfChartInfo>();
    for (const chart of listAt(entry, "charts")) {
      if (!isMapping(chart)) continue;
      const chartName = nonEmpty(chart["name"]);
      if (chartName === null || charts.has(chartName)) continue;
      charts.set(chartName, {
        name: chartName,
        version: nonEmpty(chart["version"]),
        url: nonEmpty(chart["url"]),
        namespace: nonEmpty(chart["namespace"]),
      });
    }
    const images = new Set<string>();
    const addImage = (value: unknown) => {
      const image = nonEmpty(typeof value === "string" ? value.trim() : null);
      if (image !== null) images.add(image);
    };
    componentImageEntries(entry).forEach(addImage);
    const manifests = new Set<string>();
    for (const manifest of listAt(entry, "manifests")) {
      const manifestName = isMapping(manifest) ? nonEmpty(manifest["name"]) : null;
      if (manifestName !== null) manifests.add(manifestName);
    }
    components.set(name, {
      required: flag(entry["required"]),
      charts,
      images: [...images],
      manifests: [...manifests],
    });
  }
  const variables = new Map<string, VariableModel>();
  for (const entry of listAt(isMapping(definition) ? definition : {}, "variables")) {
    if (!isMapping(entry)) continue;
    const name = nonEmpty(entry["name"]);
    if (name === null || variables.has(name)) continue;
    variables.set(name, {
      default: nonEmpty(entry["default"]),
      sensitive: flag(entry["sensitive"]),
      prompt: flag(entry["prompt"]),
    });
  }
  return {
    version: nonEmpty(metadata["version"]),
    description: nonEmpty(metadata["description"]),
    architecture: nonEmpty(build["architecture"]) ?? nonEmpty(metadata["architecture"]),
    components,
    variables,
  };
}

/** What changed from one definition to the other (see the file's comment for `breaking`). */
export function diffZarfDefinitions(
  from: ZarfDefinitionModel,
  to: ZarfDefinitionModel,
): ZarfComparison {
  const components: ZarfComponentChange[] = [];
  const none: ComponentModel = { required: false, charts: new Map(), images: [], manifests: [] };
  for (const [name, old] of from.components) {
    const now = to.components.get(name);
    const change = componentChange(
      name,
      old,
      now ?? none,
      now === undefined ? "REMOVED" : "CHANGED",
    );
    if (now === undefined) {
      components.push({ ...change, toRequired: null, breaking: true });
    } else if (
      old.required !== now.required ||
      change.charts.length > 0 ||
      change.imagesAdded.length + change.imagesRemoved.length > 0 ||
      change.manifestsAdded.length + change.manifestsRemoved.length > 0
    ) {
      components.push(change);
    }
  }
  for (const [name, now] of to.components) {
    if (from.components.has(name)) continue;
    components.push({ ...componentChange(name, none, now, "ADDED"), fromRequired: null });
  }

  const variables: ZarfVariableChange[] = [];
  const mustAnswer = (v: VariableModel) => v.prompt && v.default === null;
  for (const [name, old] of from.variables) {
    const now = to.variables.get(name);
    const sensitive = old.sensitive || (now?.sensitive ?? false);
    const base = {
      name,
      fromDefault: sensitive ? null : old.default,
      sensitive,
      fromRequired: mustAnswer(old),
    };
    if (now === undefined) {
      variables.push({
        ...base,
        kind: "REMOVED",
        toDefault: null,
        defaultChanged: old.default !== null,
        toRequired: null,
        breaking: true,
      });
    } else if (
      old.default !== now.default ||
      old.sensitive !== now.sensitive ||
      old.prompt !== now.prompt
    ) {
      variables.push({
        ...base,
        kind: "CHANGED",
        toDefault: sensitive ? null : now.default,
        defaultChanged: old.default !== now.default,
        toRequired: mustAnswer(now),
        breaking: mustAnswer(now) && !mustAnswer(old),
      });
    }
  }
  for (const [name, now] of to.variables) {
    if (from.variables.has(name)) continue;
    variables.push({
      name,
      kind: "ADDED",
      fromDefault: null,
      toDefault: now.sensitive ? null : now.default,
      defaultChanged: now.default !== null,
      sensitive: now.sensitive,
      fromRequired: null,
      toRequired: mustAnswer(now),
      breaking: mustAnswer(now),
    });
  }
  return {
    version: fieldChange(from.version, to.version),
    description: fieldChange(from.description, to.description),
    architecture: fieldChange(from.architecture, to.architecture),
    components,
    variables,
    breaking: components.some((c) => c.breaking) || variables.some((v) => v.breaking),
  };
}

function componentChange(
  name: string,
  old: ComponentModel,
  now: ComponentModel,
  kind: DependencyChangeKind,
): ZarfComponentChange {
  const charts: ZarfChartChange[] = [];
  for (const [chartName, chart] of old.charts) {
    const next = now.charts.get(chartName);
    if (next === undefined)
      charts.push({ name: chartName, kind: "REMOVED", from: chart, to: null });
    else if (
      chart.version !== next.version ||
      chart.url !== next.url ||
      chart.namespace !== next.namespace
    ) {
      charts.push({ name: chartName, kind: "CHANGED", from: chart, to: next });
    }
  }
  for (const [chartName, chart] of now.charts) {
    if (!old.charts.has(chartName))
      charts.push({ name: chartName, kind: "ADDED", from: null, to: chart });
  }
  const only = (a: string[], b: string[]) => {
    const other = new Set(b);
    return a.filter((x) => !other.has(x));
  };
  return {
    name,
    kind,
    fromRequired: old.required,
    toRequired: now.required,
    charts,
    imagesAdded: only(now.images, old.images),
    imagesRemoved: only(old.images, now.images),
    manifestsAdded: only(now.manifests, old.manifests),
    manifestsRemoved: only(old.manifests, now.manifests),
    breaking: false,
  };
}
