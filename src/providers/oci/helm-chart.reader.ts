/**
 * Helm charts stored as OCI artifacts, as Helm ≥ 3.7 pushes them (helm/helm
 * `pkg/registry/constants.go`, `client.go`): config `application/vnd.cncf.helm.config.v1+json`
 * holding Chart.yaml as JSON, one layer `application/vnd.cncf.helm.chart.content.v1.tar+gzip`
 * holding the chart .tgz, an optional provenance layer, and manifest annotations derived from
 * Chart.yaml (`org.opencontainers.image.{title,version,description,url,source,authors,created}`
 * plus the chart's own annotations).
 *
 * Earlier Helm versions used other layer media types and are not supported:
 * - Helm 3.0 – 3.6 (`internal/experimental/registry/constants.go`): `application/tar+gzip`
 *   (Helm ≥ 3.7 still reads it as `LegacyChartLayerMediaType`);
 * - Helm 3 pre-releases (`pkg/registry/constants.go` of `helm.sh/helm`):
 *   `application/vnd.cncf.helm.chart.content.layer.v1+tar` and
 *   `application/vnd.cncf.helm.chart.meta.layer.v1+json`.
 *
 * Listing reads the manifest and the config blob only; the chart layer is downloaded by
 * `content()` alone.
 */
import type {
  ChartVersionRecord,
  DependencyRecord,
  ListingWarning,
  MaintainerRecord,
} from "../provider";
import {
  OciListingWarning,
  artifactName,
  lastSegment,
  locationFields,
  readJsonBlob,
  skip,
  versionWarning,
  type ArtifactContext,
  type ArtifactOutcome,
  type ArtifactReader,
} from "./artifact.reader";
import { Annotation, stringMap, type Descriptor, type ImageManifest } from "./oci-manifest";
import { parseDigest } from "./oci-reference";

export const HELM_CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";
export const HELM_CHART_LAYER_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

/** Chart layer media types of Helm before 3.7. */
const LEGACY_LAYER_MEDIA_TYPES = [
  "application/tar+gzip",
  "application/vnd.cncf.helm.chart.content.layer.v1+tar",
  "application/vnd.cncf.helm.chart.meta.layer.v1+json",
];

/** The prefix of the OCI annotations Helm derives from Chart.yaml. */
const OCI_ANNOTATION_PREFIX = "org.opencontainers.image.";

/** The chart layer of a Helm ≥ 3.7 artifact. */
export function helmChartLayer(manifest: ImageManifest): Descriptor | undefined {
  return manifest.layers.find((layer) => layer.mediaType === HELM_CHART_LAYER_MEDIA_TYPE);
}

/** The pre-3.7 layer media type of an artifact pushed by an old Helm, if it is one. */
export function legacyHelmMediaType(manifest: ImageManifest): string | undefined {
  return manifest.layers.find((layer) => LEGACY_LAYER_MEDIA_TYPES.includes(layer.mediaType))
    ?.mediaType;
}

/** The warning text for a chart pushed by Helm < 3.7. */
export function legacyHelmMessage(name: string, mediaType: string): string {
  return `${name} was pushed by Helm < 3.7 (media type ${mediaType}); not supported: re-push with Helm ≥ 3.8.`;
}

export const helmChartReader: ArtifactReader = {
  async read(context: ArtifactContext): Promise<ArtifactOutcome> {
    const { manifest } = context;
    const name = artifactName(context);
    if (manifest.kind === "index") {
      return skip(
        context,
        OciListingWarning.UNSUPPORTED_ARTIFACT,
        `${name} is an image index, not a Helm chart; skipped.`,
      );
    }
    if (manifest.config.mediaType !== HELM_CONFIG_MEDIA_TYPE) {
      return skip(
        context,
        OciListingWarning.UNSUPPORTED_ARTIFACT,
        `${name} is not a Helm chart (config media type ${manifest.config.mediaType}); skipped.`,
      );
    }
    const layer = helmChartLayer(manifest);
    if (layer === undefined) {
      const legacy = legacyHelmMediaType(manifest);
      return legacy === undefined
        ? skip(
            context,
            OciListingWarning.INVALID_ARTIFACT,
            `${name} has a Helm config but no chart layer (${HELM_CHART_LAYER_MEDIA_TYPE}); skipped.`,
          )
        : skip(context, OciListingWarning.LEGACY_HELM_CHART, legacyHelmMessage(name, legacy));
    }
    const config = await readJsonBlob(context, manifest.config, `The Chart.yaml config of ${name}`);
    return chartVersion(context, manifest, layer, config);
  },
};

/** The version record of a chart artifact, and the warnings about it. */
function chartVersion(
  context: ArtifactContext,
  manifest: ImageManifest,
  layer: Descriptor,
  config: Record<string, unknown>,
): ArtifactOutcome {
  const warnings: ListingWarning[] = [];
  const name = artifactName(context);
  const chartName = text(config["name"]);
  if (chartName !== undefined && chartName !== lastSegment(context.repository)) {
    warnings.push(
      versionWarning(
        context,
        OciListingWarning.NAME_MISMATCH,
        `${name} holds chart "${chartName.slice(0, 200)}"; it is listed as "${context.chart}", after its repository.`,
      ),
    );
  }
  const ownVersion = text(config["version"]);
  if (ownVersion !== undefined && ownVersion !== context.version) {
    warnings.push(
      versionWarning(
        context,
        OciListingWarning.VERSION_MISMATCH,
        `${name} holds chart version "${ownVersion.slice(0, 200)}"; it is listed as "${context.version}", after its tag.`,
      ),
    );
  }
  const record: ChartVersionRecord = {
    version: context.version,
    ...locationFields(context),
    deprecated: config["deprecated"] === true,
    keywords: texts(config["keywords"]),
    sources: texts(config["sources"]),
    maintainers: maintainers(config["maintainers"]),
    dependencies: dependencyRecords(config["dependencies"]),
    annotations: {
      ...publisherAnnotations(manifest.annotations),
      ...stringMap(config["annotations"]),
    },
  };
  for (const field of [
    "appVersion",
    "description",
    "kubeVersion",
    "apiVersion",
    "type",
    "home",
    "icon",
  ] as const) {
    const value = text(config[field]);
    if (value !== undefined) record[field] = value;
  }
  const created = manifest.annotations[Annotation.CREATED];
  if (created !== undefined && created !== "") record.created = created;
  const digest = parseDigest(layer.digest);
  // The chart layer is the .tgz itself: its sha256 is what a Helm index calls the digest.
  if (digest?.algorithm === "sha256") record.digest = digest.hex;
  return { kind: "version", record, warnings };
}

/**
 * Manifest annotations a publisher added beyond what Helm derives from Chart.yaml (e.g.
 * Bitnami's `category` and `licenses`); the OCI ones restate Chart.yaml fields.
 */
function publisherAnnotations(annotations: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations).filter(([key]) => !key.startsWith(OCI_ANNOTATION_PREFIX)),
  );
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function texts(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter(
        (item): item is Record<string, unknown> =>
          typeof item === "object" && item !== null && !Array.isArray(item),
      )
    : [];
}

function maintainers(value: unknown): MaintainerRecord[] {
  const out: MaintainerRecord[] = [];
  for (const item of objects(value)) {
    const name = text(item["name"]);
    if (name === undefined) continue;
    const email = text(item["email"]);
    const url = text(item["url"]);
    out.push({
      name,
      ...(email === undefined ? {} : { email }),
      ...(url === undefined ? {} : { url }),
    });
  }
  return out;
}

/** Chart.yaml's `dependencies` as records: entries without a name and non-text fields left out. */
export function dependencyRecords(value: unknown): DependencyRecord[] {
  const out: DependencyRecord[] = [];
  for (const item of objects(value)) {
    const name = text(item["name"]);
    if (name === undefined) continue;
    const dependency: DependencyRecord = { name };
    for (const key of ["version", "repository", "condition", "alias"] as const) {
      const field = text(item[key]);
      if (field !== undefined) dependency[key] = field;
    }
    if (Array.isArray(item["tags"])) dependency.tags = texts(item["tags"]);
    out.push(dependency);
  }
  return out;
}
