/**
 * The container images a version pulls: declared in its `helm.sh/images` (HIP-0015) or
 * `artifacthub.io/images` annotation, listed by a Zarf package itself (recorded at sync time in
 * the `zarf.dev/images` annotation, see zarf-package.reader.ts), or inferred from the image
 * shapes of its default values (`image: repo:tag`, or a mapping with `repository` and
 * `registry` / `tag` / `digest`).
 */
import { load } from "js-yaml";
import { ChartKind, ImageSource } from "../../domain/enums";
import { ZARF_IMAGES_ANNOTATION } from "../../providers/oci/zarf-package.reader";
import { isMapping, joinPath } from "./values-diff";

export const HELM_IMAGES_ANNOTATION = "helm.sh/images";
export const ARTIFACTHUB_IMAGES_ANNOTATION = "artifacthub.io/images";

/** The registry a reference without a registry host is pulled from. */
const DEFAULT_REGISTRY = "docker.io";

export interface ImageReference {
  /** Registry host (`docker.io` when the reference names none). */
  registry: string;
  /** Repository path in the registry (`library/redis` for Docker Hub's official images). */
  repository: string;
  tag: string | null;
  /** `sha256:…` when pinned. */
  digest: string | null;
}

export interface VersionImage extends ImageReference {
  /** The reference as the chart states it (or as composed from its values). */
  reference: string;
  /** The name the annotation gives the image; the values path of an inferred one. */
  name: string | null;
  source: ImageSource;
  /** The Zarf components that list the image (ZARF_PACKAGE images only). */
  components?: string[];
}

/** What makes two images the same image: every part of the reference. */
export function imageKey(image: ImageReference): string {
  return `${image.registry}/${image.repository}:${image.tag ?? ""}@${image.digest ?? ""}`;
}

/**
 * Reads an image reference as Docker does: a first component with a `.` or `:` or `localhost` is
 * a registry host; a Docker Hub repository of one component is under `library/`. Null when the
 * text is no reference (empty, spaces, a template).
 */
export function parseImageReference(text: string): ImageReference | null {
  const trimmed = text.trim();
  if (trimmed === "" || /[\s{}]/.test(trimmed) || trimmed.includes("://")) return null;
  let rest = trimmed;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1) || null;
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  const parts = rest.split("/");
  let registry = DEFAULT_REGISTRY;
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) registry = parts.shift()!;
  if (registry === "index.docker.io" || registry === "registry-1.docker.io")
    registry = DEFAULT_REGISTRY;
  if (parts.some((part) => part === "")) return null;
  let repository = parts.join("/").toLowerCase();
  if (registry === DEFAULT_REGISTRY && parts.length === 1) repository = `library/${repository}`;
  return { registry: registry.toLowerCase(), repository, tag, digest };
}

/** The images an annotation declares (a YAML list of `{name, image}` or of strings). */
export function annotatedImages(annotations: Record<string, string>): VersionImage[] {
  return [
    ...fromAnnotation(annotations[HELM_IMAGES_ANNOTATION], ImageSource.HELM_IMAGES_ANNOTATION),
    ...fromAnnotation(
      annotations[ARTIFACTHUB_IMAGES_ANNOTATION],
      ImageSource.ARTIFACTHUB_IMAGES_ANNOTATION,
    ),
  ];
}

/**
 * The images a version declares: its annotations' and, for a Zarf package, the package's own
 * list. Only a Zarf package's `zarf.dev/images` is read: a chart could set that annotation too.
 */
export function declaredImages(annotations: Record<string, string>, kind: string): VersionImage[] {
  const images = annotatedImages(annotations);
  if (kind === ChartKind.ZARF_PACKAGE) images.push(...zarfPackageImages(annotations));
  return images;
}

/**
 * A Zarf package's images, from the list the catalog recorded: one per image as Docker reads it
 * (`nginx:1.25` and `docker.io/library/nginx:1.25` are one, written as first listed), with every
 * component that lists it.
 */
function zarfPackageImages(annotations: Record<string, string>): VersionImage[] {
  let entries: unknown;
  try {
    entries = JSON.parse(annotations[ZARF_IMAGES_ANNOTATION] ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(entries)) return [];
  const images = new Map<string, VersionImage>();
  for (const entry of entries as unknown[]) {
    if (!isMapping(entry) || typeof entry["image"] !== "string") continue;
    const parsed = parseImageReference(entry["image"]);
    if (!parsed) continue;
    const components = Array.isArray(entry["components"])
      ? (entry["components"] as unknown[]).filter((c): c is string => typeof c === "string")
      : [];
    const key = imageKey(parsed);
    const known = images.get(key);
    if (known) {
      for (const c of components) if (!known.components!.includes(c)) known.components!.push(c);
      continue;
    }
    images.set(key, {
      ...parsed,
      reference: entry["image"].trim(),
      name: null,
      source: ImageSource.ZARF_PACKAGE,
      components: [...components],
    });
  }
  return [...images.values()];
}

function fromAnnotation(text: string | undefined, source: ImageSource): VersionImage[] {
  if (text === undefined || text.trim() === "") return [];
  let parsed: unknown;
  try {
    parsed = load(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const images: VersionImage[] = [];
  for (const item of parsed) {
    const reference = typeof item === "string" ? item : isMapping(item) ? item["image"] : undefined;
    if (typeof reference !== "string") continue;
    const parsedReference = parseImageReference(reference);
    if (!parsedReference) continue;
    const name = isMapping(item) && typeof item["name"] === "string" ? item["name"] : null;
    images.push({ ...parsedReference, reference: reference.trim(), name, source });
  }
  return images;
}

/** Images inferred from a parsed values document, in document order, without repeats. */
export function inferredImages(values: unknown): VersionImage[] {
  const found = new Map<string, VersionImage>();
  const add = (reference: string, path: string): void => {
    const parsed = parseImageReference(reference);
    if (!parsed || found.has(reference)) return;
    found.set(reference, { ...parsed, reference, name: path, source: ImageSource.VALUES_INFERRED });
  };
  const visit = (node: Record<string, unknown>, path: string, key: string): void => {
    const composed = composedReference(node, key);
    if (composed !== null) add(composed, path);
    for (const [childKey, value] of Object.entries(node)) {
      const childPath = joinPath(path, childKey);
      if (isMapping(value)) visit(value, childPath, childKey);
      else if (
        typeof value === "string" &&
        /^image$/i.test(childKey) &&
        !isMapping(node["repository"])
      ) {
        // `image: repo` beside `tag: x` (older charts) is one reference.
        const tag = scalarText(node["tag"]) ?? scalarText(node["imageTag"]);
        const hasTag = value.lastIndexOf(":") > value.lastIndexOf("/");
        add(tag !== null && !hasTag && !value.includes("@") ? `${value}:${tag}` : value, childPath);
      }
    }
  };
  if (isMapping(values)) visit(values, "", "");
  return [...found.values()];
}

/**
 * The reference a mapping spells out with `repository` (and `registry`, `tag`, `digest`): only
 * when it has one of those besides `repository`, or its own key names an image.
 */
function composedReference(node: Record<string, unknown>, key: string): string | null {
  const repository = scalarText(node["repository"]);
  if (repository === null) return null;
  const registry = scalarText(node["registry"]);
  const tag = scalarText(node["tag"]);
  const digest = scalarText(node["digest"]);
  const looksLikeImage =
    /image/i.test(key) || "tag" in node || "registry" in node || "digest" in node;
  if (!looksLikeImage) return null;
  let reference =
    registry !== null && !repository.startsWith(`${registry}/`)
      ? `${registry}/${repository}`
      : repository;
  if (tag !== null) reference += `:${tag}`;
  if (digest !== null) reference += `@${digest}`;
  return reference;
}

function scalarText(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number") return String(value);
  return null;
}

/**
 * Whether an image is the one asked for: the same registry and repository (as Docker reads
 * them: `jenkins/jenkins` is `docker.io/jenkins/jenkins`) and, when a tag is given, that tag.
 */
export function sameImage(
  image: ImageReference,
  wanted: ImageReference,
  tag: string | null,
): boolean {
  if (image.registry !== wanted.registry || image.repository !== wanted.repository) return false;
  return tag === null || image.tag === tag;
}

/** Images inferred from a values.yaml text; none when it is absent or not YAML. */
export function inferredImagesOf(values: string | null): VersionImage[] {
  if (values === null) return [];
  try {
    return inferredImages(load(values));
  } catch {
    return [];
  }
}
