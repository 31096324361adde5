/**
 * A version's changelog from its `artifacthub.io/changes` annotation, in either form Artifact Hub
 * accepts: a plain list of strings, or a list of `{kind, description, links: [{name, url}]}`.
 * An annotation that does not parse is reported as such (published charts carry some), never
 * thrown: the rest of a comparison stays useful.
 */
import { load } from "js-yaml";
import { ChangelogKind } from "../../domain/enums";
import { isMapping } from "./values-diff";

export const CHANGES_ANNOTATION = "artifacthub.io/changes";

export interface ChangelogLink {
  name: string | null;
  url: string;
}

export interface ChangelogEntry {
  /** Null for the plain-string form, or a kind Artifact Hub does not know. */
  kind: ChangelogKind | null;
  description: string;
  links: ChangelogLink[];
}

export interface VersionChangelog {
  version: string;
  entries: ChangelogEntry[];
  /** Why the annotation could not be read; null when it was read or is absent. */
  error: string | null;
}

const KINDS = new Map<string, ChangelogKind>(
  Object.values(ChangelogKind).map((kind) => [kind.toLowerCase(), kind]),
);

/** The changelog of one version from its annotations. */
export function changelogOf(
  version: string,
  annotations: Record<string, string>,
): VersionChangelog {
  const text = annotations[CHANGES_ANNOTATION];
  if (text === undefined || text.trim() === "") return { version, entries: [], error: null };
  let parsed: unknown;
  try {
    parsed = load(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { version, entries: [], error: `${CHANGES_ANNOTATION} is not valid YAML: ${reason}` };
  }
  if (!Array.isArray(parsed)) {
    return { version, entries: [], error: `${CHANGES_ANNOTATION} is not a list` };
  }
  const entries: ChangelogEntry[] = [];
  for (const item of parsed) {
    if (typeof item === "string") {
      entries.push({ kind: null, description: item, links: [] });
    } else if (isMapping(item) && typeof item["description"] === "string") {
      const kind =
        typeof item["kind"] === "string" ? KINDS.get(item["kind"].trim().toLowerCase()) : undefined;
      entries.push({
        kind: kind ?? null,
        description: item["description"],
        links: linksOf(item["links"]),
      });
    }
  }
  return { version, entries, error: null };
}

function linksOf(links: unknown): ChangelogLink[] {
  if (!Array.isArray(links)) return [];
  return links
    .filter(isMapping)
    .filter((link) => typeof link["url"] === "string")
    .map((link) => ({
      name: typeof link["name"] === "string" ? link["name"] : null,
      url: link["url"] as string,
    }));
}
