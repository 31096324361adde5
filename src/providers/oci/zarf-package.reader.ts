/**
 * Zarf packages stored as OCI artifacts (`zarf package publish`).
 *
 * How Zarf publishes, read in zarf-dev/zarf and defenseunicorns/pkg:
 * - Reference: `<registry>/<path>/<metadata.name>:<metadata.version>[-<build.flavor>]`
 *   (zarf-dev/zarf `src/pkg/zoci/utils.go` ReferenceFromMetadataWithOptions; earlier
 *   `ReferenceFromMetadata` in `src/pkg/zoci/push.go`). No architecture in the tag.
 * - The tag names an OCI image index (`application/vnd.oci.image.index.v1+json`) with one
 *   manifest per architecture, `platform: {os: "multi", architecture: <arch>}`; publishing
 *   another architecture of the same version replaces or adds its entry (defenseunicorns/pkg
 *   `oci/push.go` UpdateIndex and `oci/common.go` PlatformForArch, `MultiOS = "multi"`; the same
 *   code later moved into zarf-dev/zarf `src/pkg/oci/`, `index.go` UpdateIndexWithDescriptor).
 *   Skeleton packages use the architecture `skeleton`.
 * - Each manifest is an OCI image manifest whose config has the media type
 *   `application/vnd.zarf.config.v1+json` and whose layers are
 *   `application/vnd.zarf.layer.v1.blob`, each titled (`org.opencontainers.image.title`) with
 *   its path in the package: `zarf.yaml`, `checksums.txt`, `components/<name>.tar`, `images/…`,
 *   `sboms.tar` (zarf-dev/zarf `src/pkg/zoci/common.go`, `src/pkg/packager/layout/oci.go`).
 * - Manifest annotations (AnnotationsFromMetadata / annotationsFromMetadata in
 *   `src/pkg/packager/layout/oci.go`, earlier `src/pkg/zoci/push.go`):
 *   `org.opencontainers.image.title` = metadata.name, `…description` = metadata.description,
 *   `…url`, `…authors`, `…documentation`, `…source`, `…vendor` when set, plus
 *   `metadata.annotations`; newer versions add `…created` from the build timestamp. No version.
 * - Config: older Zarf (defenseunicorns/pkg `oci/push.go` CreateAndPushManifestConfig) pushed
 *   `{"architecture", "ociVersion", "annotations"}`; current Zarf (zarf-dev/zarf
 *   `src/pkg/packager/layout/oci.go` computeManifest, `src/pkg/zoci/manifest.go`) pushes the
 *   whole zarf.yaml as JSON (`kind`, `metadata{name, version, description, …}`,
 *   `build{architecture, flavor, timestamp, …}`, `components`; zarf-dev/zarf
 *   `src/api/v1alpha1/package.go`).
 *
 * So: architectures come from the index, name and description from the annotations, version and
 * flavor from the config; only when one of name, version or architecture is still unknown (an
 * old package) is the `zarf.yaml` layer fetched, within MAX_CONFIG_BYTES. The catalog version is
 * the tag's (what `zarf package deploy oci://…:<tag>` takes); the architectures go to the
 * `zarf.dev/architecture` annotation (comma-separated), the flavor to `zarf.dev/flavor`.
 *
 * Images: the package's own list, `components[].images` and `components[].imageTars[].images`
 * (zarf-dev/zarf `src/api/v1alpha1/component.go`, ZarfComponent.GetImages), read from the same
 * definition (the config of current Zarf; the `zarf.yaml` layer, fetched once, for an older
 * package whose config has no `components`). They go to the `zarf.dev/images` annotation,
 * always written for a Zarf package (`[]` when it has none), as JSON: a list of
 * `{"image": <reference as written>, "components": [<component names>]}`, one entry per
 * distinct reference text, in package order. Bounded: at most MAX_ZARF_IMAGES entries, references
 * longer than MAX_IMAGE_REFERENCE_LENGTH left out, component names longer than
 * MAX_COMPONENT_NAME_LENGTH not recorded, and the whole list at most MAX_ZARF_IMAGES_TEXT
 * characters of JSON (a component named on many images would otherwise be repeated on each);
 * anything left out is counted in an IMAGES_TRUNCATED warning. A manifest annotation of that
 * name is replaced. The
 * images are those of the manifest the metadata is read from (the first deployable
 * architecture); a component limited to another architecture is not seen.
 */
import { FAILSAFE_SCHEMA, load } from "js-yaml";
import { RegistryError, RegistryErrorCode } from "../errors";
import type { ChartVersionRecord, ListingWarning } from "../provider";
import {
  MAX_CONFIG_BYTES,
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
  isArtifactFault,
} from "./artifact.reader";
import { type OciRegistryClient } from "./oci-client";
import { componentImageEntries, listAt, objectAt, objectOrEmpty } from "./zarf-definition";
import {
  Annotation,
  parseJsonObject,
  type ImageIndex,
  type ImageManifest,
  type Manifest,
} from "./oci-manifest";

export const ZARF_CONFIG_MEDIA_TYPE = "application/vnd.zarf.config.v1+json";
/** The architecture of skeleton packages (for composing, not deploying). */
const SKELETON_ARCHITECTURE = "skeleton";
/** The title of the package definition layer. */
const ZARF_YAML = "zarf.yaml";
/** Where the catalog records a package's architectures and flavor. */
export const ZARF_ARCHITECTURE_ANNOTATION = "zarf.dev/architecture";
export const ZARF_FLAVOR_ANNOTATION = "zarf.dev/flavor";
/** Where the catalog records a package's own image list (see the file's comment for the format). */
export const ZARF_IMAGES_ANNOTATION = "zarf.dev/images";
/** Most images recorded per package; the rest are left out with a warning. */
const MAX_ZARF_IMAGES = 500;
/** Longest image reference recorded (Docker's own limits add up to well under this). */
const MAX_IMAGE_REFERENCE_LENGTH = 512;
/** Longest component name recorded (Zarf's are DNS-label-like names). */
const MAX_COMPONENT_NAME_LENGTH = 253;
/** Most characters of the recorded list's JSON. */
const MAX_ZARF_IMAGES_TEXT = 256 * 1024;

/** One entry of the `zarf.dev/images` annotation. */
interface ZarfImageEntry {
  /** The reference as the package writes it (trimmed). */
  image: string;
  /** The components that list it, in package order. */
  components: string[];
}

/** A package's image list, and what the bounds left out of it. */
interface ZarfImages {
  entries: ZarfImageEntry[];
  /** Images left out. */
  omitted: number;
  /** Component names not recorded on an image. */
  omittedComponents: number;
}

/** Manifest annotations that become fields of the record instead of annotations. */
const MAPPED_ANNOTATIONS = new Set<string>([
  Annotation.TITLE,
  Annotation.DESCRIPTION,
  Annotation.CREATED,
  Annotation.URL,
  Annotation.SOURCE,
]);

/** What a package says about itself, from its config or zarf.yaml. */
interface ZarfMetadata {
  name?: string;
  description?: string;
  version?: string;
  architecture?: string;
  flavor?: string;
}

export const zarfPackageReader: ArtifactReader = {
  async read(context: ArtifactContext): Promise<ArtifactOutcome> {
    const name = artifactName(context);
    let architectures: string[] = [];
    let manifest = context.manifest;
    if (manifest.kind === "index") {
      architectures = indexArchitectures(manifest);
      const entry = deployableEntry(manifest);
      if (entry === undefined) {
        return skip(
          context,
          OciListingWarning.INVALID_ARTIFACT,
          `${name} is an empty index; skipped.`,
        );
      }
      manifest = await context.client.manifest(context.repository, entry.digest);
      if (manifest.kind === "index") {
        return skip(
          context,
          OciListingWarning.UNSUPPORTED_ARTIFACT,
          `${name} is an index of indexes, not a Zarf package; skipped.`,
        );
      }
    }
    if (manifest.config.mediaType !== ZARF_CONFIG_MEDIA_TYPE) {
      return skip(
        context,
        OciListingWarning.UNSUPPORTED_ARTIFACT,
        `${name} is not a Zarf package (config media type ${manifest.config.mediaType}); skipped.`,
      );
    }
    const config = await readJsonBlob(context, manifest.config, `The Zarf config of ${name}`);
    let metadata = metadataOf(config, manifest.annotations);
    if (architectures.length === 0 && metadata.architecture !== undefined) {
      architectures = [metadata.architecture];
    }
    // The config of current Zarf is the definition itself; an older one has no components.
    let images = Array.isArray(config["components"]) ? definitionImages(config) : undefined;
    const metadataMissing =
      metadata.name === undefined || metadata.version === undefined || architectures.length === 0;
    if (metadataMissing || images === undefined) {
      // Wanted only for its images, an unreadable zarf.yaml costs the images, not the version.
      const definition = await zarfYamlLayer(
        context.client,
        context.repository,
        manifest,
        artifactName(context),
      ).catch((error: unknown) => {
        if (metadataMissing || !isArtifactFault(error)) throw error;
        return undefined;
      });
      if (metadataMissing) {
        metadata = { ...definitionMetadata(definition), ...definedOnly(metadata) };
        if (architectures.length === 0 && metadata.architecture !== undefined) {
          architectures = [metadata.architecture];
        }
      }
      images ??= definitionImages(definition);
    }
    return packageVersion(context, manifest, metadata, architectures, images);
  },

  isCurrent(record: ChartVersionRecord): boolean {
    // A version catalogued before the image list was recorded is read again, once.
    return ZARF_IMAGES_ANNOTATION in record.annotations;
  },
};

/** A PARSE or TOO_LARGE error: the artifact's fault, not the registry's. */
/** The architectures an index offers, sorted; `skeleton` only when it is the only one. */
function indexArchitectures(index: ImageIndex): string[] {
  const found = new Set(
    index.manifests
      .map((entry) => entry.platform?.architecture)
      .filter((arch): arch is string => arch !== undefined),
  );
  if (found.size > 1) found.delete(SKELETON_ARCHITECTURE);
  return [...found].sort();
}

/** The entry to read metadata from: a deployable architecture before the skeleton. */
function deployableEntry(index: ImageIndex) {
  return (
    index.manifests.find((entry) => entry.platform?.architecture !== SKELETON_ARCHITECTURE) ??
    index.manifests[0]
  );
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Metadata from the manifest annotations and a config of either era (the zarf.yaml as JSON, or
 * the older `{architecture, ociVersion, annotations}`).
 */
function metadataOf(
  config: Record<string, unknown>,
  annotations: Record<string, string>,
): ZarfMetadata {
  const definition = definitionMetadata(config);
  return definedOnly({
    ...definition,
    name: text(annotations[Annotation.TITLE]) ?? definition.name,
    description: text(annotations[Annotation.DESCRIPTION]) ?? definition.description,
    architecture: definition.architecture ?? text(config["architecture"]),
  });
}

/** Name, description, version, architecture and flavor of a Zarf package definition. */
function definitionMetadata(definition: unknown): ZarfMetadata {
  const metadata = objectAt(definition, "metadata");
  const build = objectAt(definition, "build");
  return definedOnly({
    name: text(metadata["name"]),
    description: text(metadata["description"]),
    version: text(metadata["version"]),
    architecture: text(build["architecture"]) ?? text(metadata["architecture"]),
    flavor: text(build["flavor"]),
  });
}

/** The object without its undefined fields, so that spreading it does not erase values. */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The images of a package definition's components, bounded and without repeated references;
 * none when it has no components.
 */
function definitionImages(definition: unknown): ZarfImages {
  const byReference = new Map<string, ZarfImageEntry>();
  const result: ZarfImages = { entries: [], omitted: 0, omittedComponents: 0 };
  let size = 2; // `[]`
  const add = (value: unknown, component: string | undefined): void => {
    if (typeof value !== "string") return;
    const image = value.trim();
    if (image === "") return;
    const known = byReference.get(image);
    if (known !== undefined) {
      if (component === undefined || known.components.includes(component)) return;
      const cost = JSON.stringify(component).length + 1;
      if (size + cost > MAX_ZARF_IMAGES_TEXT) {
        result.omittedComponents++;
        return;
      }
      size += cost;
      known.components.push(component);
      return;
    }
    const entry = { image, components: component === undefined ? [] : [component] };
    const cost = JSON.stringify(entry).length + 1;
    if (
      image.length > MAX_IMAGE_REFERENCE_LENGTH ||
      byReference.size >= MAX_ZARF_IMAGES ||
      size + cost > MAX_ZARF_IMAGES_TEXT
    ) {
      result.omitted++;
      return;
    }
    size += cost;
    byReference.set(image, entry);
  };
  for (const entry of listAt(objectOrEmpty(definition), "components")) {
    const component = objectOrEmpty(entry);
    let name = text(component["name"]);
    if (name !== undefined && name.length > MAX_COMPONENT_NAME_LENGTH) {
      result.omittedComponents++;
      name = undefined;
    }
    for (const image of componentImageEntries(component)) add(image, name);
  }
  result.entries = [...byReference.values()];
  return result;
}

/** The package definition from the `zarf.yaml` layer; undefined when the package has none. */
async function zarfYamlLayer(
  client: OciRegistryClient,
  repository: string,
  manifest: ImageManifest,
  name: string,
): Promise<unknown> {
  const layer = manifest.layers.find((l) => l.annotations[Annotation.TITLE] === ZARF_YAML);
  if (layer === undefined) return undefined;
  const data = await client.blob(repository, layer, MAX_CONFIG_BYTES);
  let definition: unknown;
  try {
    // Every scalar as text: a version such as 1.10 must not turn into the number 1.1.
    definition = load(data.toString("utf8"), { schema: FAILSAFE_SCHEMA });
  } catch {
    throw new RegistryError(RegistryErrorCode.PARSE, `The zarf.yaml of ${name} is not valid YAML.`);
  }
  return definition;
}

/**
 * The whole package definition (zarf.yaml) of the Zarf package `manifest` names (an index: its
 * first deployable architecture, as the catalog reads it): the config of current Zarf, else the
 * `zarf.yaml` layer of older Zarf (read with every scalar as text: `required: "true"`), each
 * within MAX_CONFIG_BYTES. Throws a RegistryError PARSE when it is not a Zarf package or has no
 * definition.
 */
export async function fetchZarfDefinition(
  client: OciRegistryClient,
  repository: string,
  manifest: Manifest,
  name: string,
): Promise<Record<string, unknown>> {
  let image = manifest;
  if (image.kind === "index") {
    const entry = deployableEntry(image);
    if (entry === undefined)
      throw new RegistryError(RegistryErrorCode.PARSE, `${name} is an empty index.`);
    image = await client.manifest(repository, entry.digest);
  }
  if (image.kind === "index" || image.config.mediaType !== ZARF_CONFIG_MEDIA_TYPE) {
    throw new RegistryError(RegistryErrorCode.PARSE, `${name} is not a Zarf package.`);
  }
  const config = parseJsonObject(
    await client.blob(repository, image.config, MAX_CONFIG_BYTES),
    `The Zarf config of ${name}`,
  );
  if (Array.isArray(config["components"])) return config;
  const definition = await zarfYamlLayer(client, repository, image, name);
  if (typeof definition !== "object" || definition === null || Array.isArray(definition)) {
    throw new RegistryError(RegistryErrorCode.PARSE, `${name} has no zarf.yaml definition.`);
  }
  return definition as Record<string, unknown>;
}

/** The version record of a package, and the warnings about it. */
function packageVersion(
  context: ArtifactContext,
  manifest: ImageManifest,
  metadata: ZarfMetadata,
  architectures: string[],
  images: ZarfImages,
): ArtifactOutcome {
  const warnings: ListingWarning[] = [];
  const name = artifactName(context);
  if (metadata.name !== undefined && metadata.name !== lastSegment(context.repository)) {
    warnings.push(
      versionWarning(
        context,
        OciListingWarning.NAME_MISMATCH,
        `${name} holds package "${metadata.name.slice(0, 200)}"; it is listed as "${context.chart}", after its repository.`,
      ),
    );
  }
  const { version, flavor } = metadata;
  if (
    version !== undefined &&
    context.version !== version &&
    (flavor === undefined || context.version !== `${version}-${flavor}`)
  ) {
    warnings.push(
      versionWarning(
        context,
        OciListingWarning.VERSION_MISMATCH,
        `${name} holds package version "${version.slice(0, 200)}"; it is listed as "${context.version}", after its tag.`,
      ),
    );
  }
  const annotations = Object.fromEntries(
    Object.entries(manifest.annotations).filter(([key]) => !MAPPED_ANNOTATIONS.has(key)),
  );
  if (architectures.length > 0) annotations[ZARF_ARCHITECTURE_ANNOTATION] = architectures.join(",");
  if (flavor !== undefined) annotations[ZARF_FLAVOR_ANNOTATION] = flavor;
  annotations[ZARF_IMAGES_ANNOTATION] = JSON.stringify(images.entries);
  if (images.omitted > 0 || images.omittedComponents > 0) {
    warnings.push(
      versionWarning(
        context,
        OciListingWarning.IMAGES_TRUNCATED,
        `${name} lists more images than are recorded: ${images.omitted} image(s) and ` +
          `${images.omittedComponents} component name(s) left out (at most ${MAX_ZARF_IMAGES} ` +
          `images of at most ${MAX_IMAGE_REFERENCE_LENGTH} characters, component names of at most ` +
          `${MAX_COMPONENT_NAME_LENGTH}, ${MAX_ZARF_IMAGES_TEXT} characters in all).`,
      ),
    );
  }
  const record: ChartVersionRecord = {
    version: context.version,
    ...locationFields(context),
    deprecated: false,
    keywords: [],
    sources: [],
    maintainers: [],
    dependencies: [],
    annotations,
  };
  if (metadata.description !== undefined) record.description = metadata.description;
  const created = text(manifest.annotations[Annotation.CREATED]);
  if (created !== undefined) record.created = created;
  const home = text(manifest.annotations[Annotation.URL]);
  if (home !== undefined) record.home = home;
  const source = text(manifest.annotations[Annotation.SOURCE]);
  if (source !== undefined) record.sources = [source];
  return { kind: "version", record, warnings };
}
