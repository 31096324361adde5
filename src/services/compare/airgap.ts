/**
 * The documents of an air-gap bundle, built from resolved layers: a Hauler manifest
 * (`content.hauler.cattle.io/v1`, one `Charts` and one `Images` document) and a Zarf package
 * definition (`zarf.yaml`, kind `ZarfPackageConfig`, one component per layer). Images declared
 * by a chart come first; images inferred from its default values are included and marked with
 * a comment, since a chart may not pull them as written.
 */
import { Document, isMap, isSeq } from "yaml";
import { type VersionImage } from "./images";

/** Where a layer's chart is pulled from, as both tools read it. */
export interface BundleChartSource {
  /** Helm chart name (for OCI: the last segment of the repository). */
  name: string;
  version: string;
  /** Classic repository URL, or `oci://host/path` (the chart's parent path) for OCI. */
  repoURL: string;
  /** Zarf's `url`: the repository URL, or `oci://host/path/chart` for OCI. */
  zarfURL: string;
}

export interface BundleLayer {
  chart: string;
  version: string;
  namespace: string;
  /** Null when the layer is no Helm chart (a pack, a Zarf package): its images only. */
  source: BundleChartSource | null;
  images: BundleImage[];
}

/** An image as bundled: its full reference, and why it is there when not declared. */
export interface BundleImage {
  reference: string;
  /** Null for a declared image; how it was inferred otherwise. */
  note: string | null;
}

const HAULER_API_VERSION = "content.hauler.cattle.io/v1";
const ZARF_API_VERSION = "zarf.dev/v1alpha1";
const INFERRED_NOTE = "inferred from default values";

/** `registry/repository[:tag][@digest]`, the full reference both tools pull. */
export function fullReference(image: {
  registry: string;
  repository: string;
  tag: string | null;
  digest: string | null;
}): string {
  const tag = image.tag === null ? "" : `:${image.tag}`;
  const digest = image.digest === null ? "" : `@${image.digest}`;
  return `${image.registry}/${image.repository}${tag}${digest}`;
}

/**
 * The images of one layer as bundled: declared ones as written; an inferred one is left out when
 * the chart declares the same repository (the declaration is the better reference), and one
 * without tag or digest gets the chart's appVersion as tag, as most charts default it
 * (`.Values.image.tag | default .Chart.AppVersion`). Each inferred one says so in `note`.
 */
/** An image with neither tag nor digest, tagged with the chart's appVersion as Helm charts do. */
export function withAppVersion(image: VersionImage, appVersion: string | null): VersionImage {
  return image.tag === null && image.digest === null && appVersion !== null
    ? { ...image, tag: appVersion }
    : image;
}

export function bundleImages(images: VersionImage[], appVersion: string | null): BundleImage[] {
  const declared = images.filter((i) => i.source !== "VALUES_INFERRED");
  const declaredRepos = new Set(declared.map((i) => `${i.registry}/${i.repository}`));
  const out = new Map<string, BundleImage>();
  for (const image of declared) {
    const reference = fullReference(image);
    if (!out.has(reference)) out.set(reference, { reference, note: null });
  }
  for (const image of images) {
    if (image.source !== "VALUES_INFERRED") continue;
    if (declaredRepos.has(`${image.registry}/${image.repository}`)) continue;
    const tagged = withAppVersion(image, appVersion);
    const untagged = tagged !== image;
    const reference = fullReference(tagged);
    if (out.has(reference)) continue;
    out.set(reference, {
      reference,
      note: untagged ? `${INFERRED_NOTE}; tag from appVersion` : INFERRED_NOTE,
    });
  }
  return [...out.values()];
}

/** Images of the layers, unique by reference; a declared one wins over an inferred one. */
function uniqueImages(layers: BundleLayer[]): BundleImage[] {
  const byReference = new Map<string, BundleImage>();
  for (const layer of layers) {
    for (const image of layer.images) {
      const kept = byReference.get(image.reference);
      if (!kept || (kept.note !== null && image.note === null)) {
        byReference.set(image.reference, image);
      }
    }
  }
  return [...byReference.values()];
}

/** Comments the sequence items at `path` whose image carries a note. */
function annotate(
  doc: Document,
  path: (string | number)[],
  notes: Map<string, string>,
  key?: string,
): void {
  const seq = doc.getIn(path, true);
  if (!isSeq(seq)) return;
  for (const item of seq.items) {
    const node = item as { commentBefore?: string | null; value?: unknown };
    const value = key && isMap(item) ? item.get(key) : (node.value ?? null);
    const note = typeof value === "string" ? notes.get(value) : undefined;
    if (note !== undefined) node.commentBefore = ` ${note}`;
  }
}

const notesOf = (images: BundleImage[]) =>
  new Map(images.flatMap((i) => (i.note === null ? [] : [[i.reference, i.note] as const])));

/** The Hauler manifest: a `Charts` and an `Images` document. */
export function haulerManifest(layers: BundleLayer[], name: string): string {
  const images = uniqueImages(layers);
  const charts = new Document({
    apiVersion: HAULER_API_VERSION,
    kind: "Charts",
    metadata: { name: `${name}-charts` },
    spec: {
      charts: layers.flatMap((l) =>
        l.source ? [{ name: l.source.name, repoURL: l.source.repoURL, version: l.version }] : [],
      ),
    },
  });
  const imageDoc = new Document({
    apiVersion: HAULER_API_VERSION,
    kind: "Images",
    metadata: { name: `${name}-images` },
    spec: { images: images.map((i) => ({ name: i.reference })) },
  });
  annotate(imageDoc, ["spec", "images"], notesOf(images), "name");
  return `${charts.toString()}---\n${imageDoc.toString()}`;
}

/** Component names: lower-case letters, digits and `-`, unique. */
function componentNames(layers: BundleLayer[]): string[] {
  const seen = new Map<string, number>();
  return layers.map((l) => {
    const base =
      l.chart
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/^[^a-z0-9]+/, "") || "layer";
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/**
 * Zarf's create-time validation (`ZarfChart.Validate`, zarf-dev/zarf src/api/v1alpha1/validate.go)
 * refuses a chart name longer than this; the name is also the default Helm release name, which
 * must be a DNS-1035 label (a letter first; lower-case letters, digits and `-`).
 */
const ZARF_MAX_CHART_NAME = 40;

/**
 * Zarf's name of a chart: the Helm chart's name when Zarf accepts it; otherwise a DNS-1035 label
 * of at most ZARF_MAX_CHART_NAME characters made from it, and `repoName` naming the chart in its
 * repository (where Zarf looks it up; an OCI url names it already).
 */
function zarfChartName(name: string): { name: string; repoName?: string } {
  const label =
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^[^a-z]+/, "")
      .slice(0, ZARF_MAX_CHART_NAME)
      .replace(/-+$/, "") || "chart";
  return label === name ? { name } : { name: label, repoName: name };
}

/** The Zarf package definition: one required component per layer, with its chart and images. */
export function zarfPackage(layers: BundleLayer[], name: string): string {
  const names = componentNames(layers);
  const components = layers.map((layer, i) => {
    const images = uniqueImages([layer]);
    return {
      name: names[i]!,
      required: true,
      ...(layer.source
        ? {
            charts: [
              {
                ...zarfChartName(layer.source.name),
                version: layer.version,
                url: layer.source.zarfURL,
                namespace: layer.namespace,
              },
            ],
          }
        : {}),
      ...(images.length > 0 ? { images: images.map((image) => image.reference) } : {}),
    };
  });
  const doc = new Document({
    apiVersion: ZARF_API_VERSION,
    kind: "ZarfPackageConfig",
    metadata: { name, description: `Air-gap bundle of ${layers.length} layer(s)` },
    components,
  });
  layers.forEach((layer, i) =>
    annotate(doc, ["components", i, "images"], notesOf(uniqueImages([layer]))),
  );
  return doc.toString();
}
