/**
 * Parsed documents of a package, ready to compare, kept in memory by content key. A package's
 * documents never change for a given key (the key is its digest), so a comparison of two cached
 * versions parses neither values.yaml nor the schema again: it only walks the prepared leaves.
 * Bounded by the size of the texts they were parsed from (a parsed document takes a few times
 * its text), least recently used out first.
 */
import { load } from "js-yaml";
import { ByteBoundedCache } from "../byte-bounded-cache";
import { type VersionDocuments } from "../catalog/content.service";
import { inferredImages, type VersionImage } from "./images";
import { type PackSchema } from "./pack-schema";
import { flattenSchema, type SchemaNode } from "./schema-diff";
import { isMapping, valueLeaves } from "./values-diff";

/** Text bytes (values + schema) whose parsed forms are kept. */
export const PREPARED_CACHE_BYTES = 16 * 1024 * 1024;

/** A document parsed, or why it could not be. */
export type Parsed = { value: unknown; error: null } | { value: null; error: string };

export interface PreparedDocuments {
  values: Parsed;
  /** The values' leaves by path (empty when the values are absent or unreadable). */
  leaves: Map<string, unknown>;
  /** Images inferred from the values. */
  images: VersionImage[];
  schema: Parsed;
  hasSchema: boolean;
  /** The schema's properties by path; null without a usable schema. */
  schemaNodes: Map<string, SchemaNode> | null;
  /** A pack's schema.yaml, read when a pack comparison first needs it (see packSchemas). */
  packSchema?: PackSchema;
}

export class PreparedDocumentCache {
  private readonly kept: ByteBoundedCache<PreparedDocuments>;

  constructor(maxBytes = PREPARED_CACHE_BYTES) {
    this.kept = new ByteBoundedCache(maxBytes);
  }

  /** The prepared documents of `key` when kept (then most recently used); undefined otherwise. */
  peek(key: string): PreparedDocuments | undefined {
    return this.kept.peek(key);
  }

  /** The prepared form of a package's documents, parsed on first use of `key`. */
  get(key: string, documents: VersionDocuments): PreparedDocuments {
    const hit = this.kept.peek(key);
    if (hit) return hit;
    const prepared = prepare(documents);
    this.kept.set(key, prepared, (documents.values?.length ?? 0) + (documents.schema?.length ?? 0));
    return prepared;
  }
}

export function prepare(documents: VersionDocuments): PreparedDocuments {
  const values = parseYaml(documents.values, "values.yaml");
  const usable = values.error === null && (values.value == null || isMapping(values.value));
  const schema = parseSchema(documents.schema);
  return {
    values:
      usable || values.error !== null
        ? values
        : { value: null, error: "values.yaml is not a mapping" },
    leaves: usable ? valueLeaves(values.value) : new Map(),
    images: usable ? inferredImages(values.value) : [],
    schema,
    hasSchema: documents.schema !== null,
    schemaNodes: isMapping(schema.value) ? flattenSchema(schema.value) : null,
  };
}

export function parseYaml(text: string | null, what: string): Parsed {
  if (text === null) return { value: null, error: null };
  try {
    return { value: load(text), error: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { value: null, error: `${what} is not valid YAML: ${reason}` };
  }
}

/** values.schema.json; a schema written as YAML (a pack's schema.yaml) is read as YAML. */
function parseSchema(text: string | null): Parsed {
  if (text === null) return { value: null, error: null };
  try {
    return { value: JSON.parse(text) as unknown, error: null };
  } catch {
    return parseYaml(text, "the values schema");
  }
}
