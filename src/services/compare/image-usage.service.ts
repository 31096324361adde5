/**
 * `chartVersionsUsingImage`: the versions, in every registry a viewer sees, that pull an image.
 * Declared images (annotations, and a Zarf package's own list in `zarf.dev/images`) are read from
 * the catalog rows; inferred ones from the values already in the content cache (a version whose
 * package was never read is not fetched for this).
 */
import { type DataSource } from "typeorm";
import { visibleRegistriesSql } from "../../access/access-policy";
import { type Viewer } from "../../access/viewer";
import { containsPattern, sql } from "../../store/sql";
import { badInput } from "../api-errors";
import { VERSION_COLUMNS, type VersionRow } from "../catalog/catalog-rows";
import { jsonRecord } from "./compare.service";
import {
  declaredImages,
  inferredImagesOf,
  parseImageReference,
  sameImage,
  type VersionImage,
} from "./images";

/** Most versions one answer lists. */
export const MAX_IMAGE_USES = 100;
/** Most candidate rows (those whose text mentions the repository) examined per request. */
const MAX_CANDIDATES = 5_000;

export interface ImageUse {
  version: VersionRow;
  /** The version's images that match (declared and inferred). */
  images: VersionImage[];
}

export class ImageUsageService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Versions that pull `repository` (as Docker reads it: `jenkins/jenkins`,
   * `docker.io/jenkins/jenkins` and `index.docker.io/jenkins/jenkins` are one) with `tag` when
   * given, ordered by registry, chart name, then highest version first; at most `first`.
   */
  async versionsUsing(
    viewer: Viewer,
    repository: string,
    tag: string | null,
    first: number,
  ): Promise<ImageUse[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_IMAGE_USES) {
      throw badInput(`\`first\` must be between 0 and ${MAX_IMAGE_USES}`, "first");
    }
    const wanted = parseImageReference(repository);
    if (!wanted || wanted.tag !== null || wanted.digest !== null) {
      throw badInput(
        `"${repository}" is not an image repository (give the tag in \`tag\`, not in \`repository\`)`,
        "repository",
      );
    }
    const wantedTag = tag?.trim() ? tag.trim() : null;
    const name = wanted.repository.split("/").pop()!;
    const visible = visibleRegistriesSql(viewer, "r");
    const pattern = containsPattern(name);
    const rows = await sql<VersionRow & { cached_values: string | null; chart_kind: string }>(
      this.dataSource,
      `SELECT ${VERSION_COLUMNS}, vc.values_yaml AS cached_values, c.kind AS chart_kind
       FROM chart_version v
       JOIN chart c ON c.id = v.chart_id
       LEFT JOIN version_content vc ON vc.content_key = ('sha256:' || LOWER(v.digest))
       WHERE c.registry_id IN (SELECT r.id FROM registry r WHERE ${visible.where})
         AND (LOWER(CAST(v.annotations AS text)) LIKE ? ESCAPE '\\' OR LOWER(vc.values_yaml) LIKE ? ESCAPE '\\')
       ORDER BY c.registry_id, c.name, v.sort_key DESC, v.id DESC
       LIMIT ${MAX_CANDIDATES}`,
      [...visible.params, pattern, pattern],
    );
    const uses: ImageUse[] = [];
    for (const row of rows) {
      if (uses.length >= first) break;
      const images = imagesOfRow(row.annotations, row.cached_values, row.chart_kind).filter(
        (image) => sameImage(image, wanted, wantedTag),
      );
      if (images.length === 0) continue;
      const { cached_values: _values, chart_kind: _kind, ...version } = row;
      uses.push({ version, images });
    }
    return uses;
  }
}

/**
 * The declared images of a row's annotations (with a Zarf package's own list) and those inferred
 * from its values, if given.
 */
export function imagesOfRow(
  annotations: string,
  values: string | null,
  kind: string,
): VersionImage[] {
  return [...declaredImages(jsonRecord(annotations), kind), ...inferredImagesOf(values)];
}
