/*
 * Why one file of some 700 lines: every rule for turning an index's entries into records, as Helm's
 * loader reads them, sits beside the warning code it records; split, a rule and its warning would
 * be in different files.
 */
import { blockText, splitHelmIndex, type IndexLayout } from "./helm-index.splitter";
import { parseChartBlock } from "./helm-block.parser";
import { FAILSAFE_SCHEMA, Type, YAMLException, load } from "js-yaml";
import { RegistryError, RegistryErrorCode } from "../errors";
import type {
  ChartRecord,
  ChartVersionRecord,
  DependencyRecord,
  ListingWarning,
  MaintainerRecord,
} from "../provider";

/** Warning codes whose entry was left out of the listing (`ListingWarning.skipped`). */
const SKIPPING_CODES: ReadonlySet<string> = new Set([
  "MISSING_NAME",
  "MISSING_VERSION",
  "INVALID_ENTRY",
  "DUPLICATE_VERSION",
]);

/** Codes of the warnings the parser records (on the sync run). */
export const HelmIndexWarning = {
  /** A version entry without a name; skipped. */
  MISSING_NAME: "MISSING_NAME",
  /** A version entry without a version; skipped. */
  MISSING_VERSION: "MISSING_VERSION",
  /** A chart or version entry of the wrong shape (not a list, not a mapping); skipped. */
  INVALID_ENTRY: "INVALID_ENTRY",
  /** An entry whose `name` differs from its key under `entries`; the key is used, as Helm does. */
  NAME_MISMATCH: "NAME_MISMATCH",
  /** A version listed twice for one chart; the newest by `created` is kept (else the first). */
  DUPLICATE_VERSION: "DUPLICATE_VERSION",
  /** A field of the wrong type (e.g. a mapping where text is expected); the field is dropped. */
  INVALID_FIELD: "INVALID_FIELD",
  /** A text field longer than the limit; it was cut. */
  FIELD_TRUNCATED: "FIELD_TRUNCATED",
  /** A chart URL that could not be resolved against the repository URL; kept as written. */
  INVALID_URL: "INVALID_URL",
  /** YAML merge keys (`<<`) are not expanded; the entry is read without them. */
  MERGE_KEY_IGNORED: "MERGE_KEY_IGNORED",
  /** The index has no `apiVersion` (Helm refuses such a file; it is read anyway). */
  MISSING_API_VERSION: "MISSING_API_VERSION",
  /** More warnings than are worth keeping; the rest are counted in this one. */
  WARNINGS_TRUNCATED: "WARNINGS_TRUNCATED",
} as const;

export interface HelmIndexParseOptions {
  /** The repository URL; relative chart URLs resolve against it with one trailing slash. */
  baseUrl: string | URL;
  /** Normalize only this chart (a targeted lookup); the others are neither walked nor returned. */
  onlyChart?: string;
  /** Takes each chart as it is normalized, instead of returning it in `charts`. */
  onChart?: (chart: ChartRecord) => void;
  /** Called as charts are normalized: (charts done, charts in the index). */
  onProgress?: (done: number, total: number) => void;
  /** Longest text kept in one field, in UTF-16 code units. Default 64 KiB. */
  maxStringLength?: number;
  /** Most warnings kept; further ones are only counted. Default 1,000. */
  maxWarnings?: number;
  /**
   * Load the whole YAML document at once instead of chart by chart. The result is the same; the
   * per-chart load (used whenever the index has Helm's regular layout) holds far less memory.
   */
  wholeDocument?: boolean;
}

export interface HelmIndexParseResult {
  charts: ChartRecord[];
  warnings: ListingWarning[];
  /** The index's own `apiVersion` (normally "v1"). */
  apiVersion?: string;
  /** The index's `generated` timestamp, as written. */
  generated?: string;
  /** The index's own `annotations` (Helm's `IndexFile.Annotations`). */
  annotations: Record<string, string>;
  /** ChartMuseum's `serverInfo` (`contextPath`), text values only. */
  serverInfo: Record<string, string>;
}

const DEFAULT_MAX_STRING = 64 * 1024;
const DEFAULT_MAX_WARNINGS = 1000;
/** Nodes every document may visit whatever its size: small documents are never refused. */
const BASE_NODE_BUDGET = 10_000;
/** Nesting followed when flattening a structured annotation value. */
const MAX_STRINGIFY_DEPTH = 32;

/** YAML's null spellings (as in js-yaml's core schema); an empty value is null without it. */
const NULL_TYPE = new Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (data: string | null) =>
    data === null || data === "~" || data === "null" || data === "Null" || data === "NULL",
  construct: () => null,
  predicate: (value: unknown) => value === null,
});

/** An explicit `!!int`/`!!float`/`!!bool` tag is accepted and keeps the text as written. */
function textTag(name: string): Type {
  return new Type(`tag:yaml.org,2002:${name}`, {
    kind: "scalar",
    resolve: () => true,
    construct: (data: string) => data,
  });
}

/**
 * The YAML schema of an index: every plain scalar stays the text that was written, except null.
 * Helm reads these fields into Go strings and keeps `version: 1.10` as "1.10"; the core schema
 * would turn it into the number 1.1 and `created` into a Date. Booleans (`deprecated`) are read
 * from their text. No merge keys (`<<`): expanding them costs time quadratic in the input.
 * Fewer implicit types also make loading faster.
 */
export const INDEX_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [NULL_TYPE],
  explicit: [textTag("int"), textTag("float"), textTag("bool")],
});

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses a Helm repository index (`index.yaml`, or its JSON form) into chart records and
 * warnings. Throws a RegistryError with code PARSE when the document cannot be read as an
 * index: invalid UTF-8, malformed YAML/JSON (with the line), duplicate keys, a root that is not
 * a mapping, `entries` missing or not a mapping, or alias expansion beyond what the input size
 * can hold ("billion laughs").
 */
export function parseHelmIndex(
  input: Uint8Array | string,
  options: HelmIndexParseOptions,
): HelmIndexParseResult {
  const text = typeof input === "string" ? input : decodeUtf8(input);
  const inputSize = typeof input === "string" ? input.length : input.byteLength;
  const document = loadDocument(text, options.wholeDocument);
  const steps = normalizeIndex(document, inputSize, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Time the async parser works before it gives the event loop a turn, in ms. */
const SLICE_MS = 10;

function giveTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Like parseHelmIndex, but gives the event loop a turn every few milliseconds while it normalizes
 * charts, so that a large index does not hold up progress events and requests for its whole
 * normalization. (Loading the YAML itself is one synchronous call.)
 */
export async function parseHelmIndexAsync(
  input: Uint8Array | string,
  options: HelmIndexParseOptions,
): Promise<HelmIndexParseResult> {
  const text = typeof input === "string" ? input : decodeUtf8(input);
  const inputSize = typeof input === "string" ? input.length : input.byteLength;
  // Decoding and scanning a large index each take tens of ms: a turn between them.
  await giveTurn();
  const document = loadDocument(text, options.wholeDocument);
  await giveTurn();
  const steps = normalizeIndex(document, inputSize, options);
  let sliceStart = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (Date.now() - sliceStart >= SLICE_MS) {
      await giveTurn();
      sliceStart = Date.now();
    }
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch (error) {
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      "The index is not valid UTF-8 text.",
      undefined,
      { cause: error },
    );
  }
}

/** JSON when it looks like JSON (much faster), YAML otherwise or when JSON.parse refuses it. */
function loadDocument(text: string, wholeDocument = false): unknown {
  const first = /\S/.exec(text);
  if (first === null) {
    throw new RegistryError(RegistryErrorCode.PARSE, "The index is empty.");
  }
  if (first[0] === "{") {
    try {
      return JSON.parse(text);
    } catch {
      // A YAML flow mapping also starts with "{": let the YAML parser decide and report.
    }
  }
  const layout = wholeDocument ? null : splitHelmIndex(text);
  return layout ? lazyDocument(text, layout) : loadYaml(text, 0);
}

/**
 * The document of a regular index with its charts loaded on first read: normalization reads one
 * chart, turns it into records and deletes it, so only one chart's parsed tree is alive at a time.
 * A chart block is read by the fast reader when it keeps to Helm's regular layout, else by js-yaml.
 */
function lazyDocument(text: string, layout: IndexLayout): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  for (const scalar of layout.scalars) {
    const value = loadYaml(scalar.line, scalar.lineNumber);
    if (isDict(value)) Object.assign(document, value);
  }
  for (const block of layout.mappings) {
    const source = text.slice(block.start, Math.max(block.start, block.end));
    document[block.key] = source.trim() === "" ? null : loadYaml(source, block.firstLine);
  }
  const entries: Record<string, unknown> = {};
  for (const block of layout.charts) {
    Object.defineProperty(entries, block.name, {
      enumerable: true,
      configurable: true,
      get: () => {
        const source = blockText(text, block);
        return parseChartBlock(source) ?? loadYaml(source, block.firstLine);
      },
    });
  }
  document["entries"] = entries;
  return document;
}

/** Loads YAML text with the index schema; `lineOffset` places error lines in the whole file. */
function loadYaml(text: string, lineOffset: number): unknown {
  try {
    return load(text, { schema: INDEX_SCHEMA, json: false });
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      const where =
        mark?.line === undefined
          ? ""
          : ` at line ${mark.line + lineOffset + 1}, column ${(mark.column ?? 0) + 1}`;
      throw new RegistryError(
        RegistryErrorCode.PARSE,
        `The index is not valid YAML${where}: ${error.reason}.`,
        undefined,
        { cause: error },
      );
    }
    if (error instanceof RangeError) {
      throw new RegistryError(
        RegistryErrorCode.PARSE,
        "The index is nested too deeply to be read.",
        undefined,
        { cause: error },
      );
    }
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      "The index could not be read as YAML.",
      undefined,
      { cause: error },
    );
  }
}

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value === "string" ? "text" : typeof value}`;
}

/**
 * The walk over the parsed document. js-yaml keeps aliases as shared references, so a small
 * document can stand for an astronomically large tree; every node the walk visits is charged to
 * a budget proportional to the input size (a document without aliases cannot hold more nodes
 * than it has bytes), which bounds time and memory whatever the aliases do.
 */
class IndexWalker {
  readonly warnings: ListingWarning[] = [];
  private omitted = 0;
  private budget: number;
  private readonly maxString: number;
  private readonly maxWarnings: number;
  private readonly base: URL;

  constructor(inputSize: number, options: HelmIndexParseOptions) {
    this.budget = inputSize + BASE_NODE_BUDGET;
    this.maxString = options.maxStringLength ?? DEFAULT_MAX_STRING;
    this.maxWarnings = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
    this.base = new URL(options.baseUrl);
    this.base.pathname = `${this.base.pathname.replace(/\/+$/, "")}/`;
  }

  charge(nodes = 1): void {
    this.budget -= nodes;
    if (this.budget < 0) {
      throw new RegistryError(
        RegistryErrorCode.PARSE,
        "The index expands to far more data than its size: it repeats content through YAML aliases (anchors), as in a 'billion laughs' attack. It was not processed.",
      );
    }
  }

  warn(code: string, message: string, chart?: string, version?: string): void {
    if (this.warnings.length >= this.maxWarnings) {
      this.omitted++;
      return;
    }
    const warning: ListingWarning = { code, message };
    if (SKIPPING_CODES.has(code)) warning.skipped = true;
    if (chart !== undefined) warning.chart = chart;
    if (version !== undefined) warning.version = version;
    this.warnings.push(warning);
  }

  finishWarnings(): ListingWarning[] {
    if (this.omitted > 0) {
      this.warnings.push({
        code: HelmIndexWarning.WARNINGS_TRUNCATED,
        message: `${this.omitted} more warning(s) were not recorded.`,
      });
    }
    return this.warnings;
  }

  /** Text of a scalar; undefined for null/absent; a warning and undefined for structures. */
  text(value: unknown, field: string, chart?: string, version?: string): string | undefined {
    this.charge();
    let out: string;
    if (typeof value === "string") out = value;
    else if (value === null || value === undefined) return undefined;
    else if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
      out = String(value);
    else if (value instanceof Date) out = value.toISOString();
    else {
      this.warn(
        HelmIndexWarning.INVALID_FIELD,
        `Field "${field}" should be text but is ${describe(value)}; it was ignored.`,
        chart,
        version,
      );
      return undefined;
    }
    return this.cap(out, field, chart, version);
  }

  cap(value: string, field: string, chart?: string, version?: string): string {
    if (value.length <= this.maxString) return value;
    this.warn(
      HelmIndexWarning.FIELD_TRUNCATED,
      `Field "${field}" is ${value.length} characters long; it was cut to ${this.maxString}.`,
      chart,
      version,
    );
    return value.slice(0, this.maxString);
  }

  /** A list of texts; a single scalar counts as a one-element list. */
  texts(value: unknown, field: string, chart: string, version: string): string[] {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) {
      const single = this.text(value, field, chart, version);
      return single === undefined ? [] : [single];
    }
    const out: string[] = [];
    for (const item of value) {
      const text = this.text(item, field, chart, version);
      if (text !== undefined) out.push(text);
    }
    return out;
  }

  bool(value: unknown): boolean {
    this.charge();
    if (typeof value === "boolean") return value;
    if (typeof value === "string") {
      // YAML 1.1 spellings, which Helm's YAML reader also takes as true.
      return /^(true|yes|on|y)$/i.test(value.trim());
    }
    return false;
  }

  urls(value: unknown, chart: string, version: string): string[] {
    return this.texts(value, "urls", chart, version).map((raw) => {
      const url = raw.trim();
      if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url; // absolute, including oci://
      try {
        const resolved = new URL(url, this.base);
        // As Helm's ResolveReferenceURL: the repository URL's query, always (access tokens of
        // hosted repositories); a relative URL's own query is replaced.
        resolved.search = this.base.search;
        return resolved.href;
      } catch {
        this.warn(
          HelmIndexWarning.INVALID_URL,
          `URL "${url.slice(0, 200)}" could not be resolved against the repository URL; it was kept as written.`,
          chart,
          version,
        );
        return url;
      }
    });
  }

  maintainers(value: unknown, chart: string, version: string): MaintainerRecord[] {
    if (!Array.isArray(value)) return [];
    const out: MaintainerRecord[] = [];
    for (const item of value) {
      this.charge();
      if (!isDict(item)) continue;
      const name = this.text(item["name"], "maintainers.name", chart, version);
      if (name === undefined || name === "") continue;
      const maintainer: MaintainerRecord = { name };
      const email = this.text(item["email"], "maintainers.email", chart, version);
      if (email !== undefined) maintainer.email = email;
      const url = this.text(item["url"], "maintainers.url", chart, version);
      if (url !== undefined) maintainer.url = url;
      out.push(maintainer);
    }
    return out;
  }

  dependencies(value: unknown, chart: string, version: string): DependencyRecord[] {
    if (!Array.isArray(value)) return [];
    const out: DependencyRecord[] = [];
    for (const item of value) {
      this.charge();
      if (!isDict(item)) continue;
      const name = this.text(item["name"], "dependencies.name", chart, version);
      if (name === undefined || name === "") continue;
      const dependency: DependencyRecord = { name };
      for (const key of ["version", "repository", "condition", "alias"] as const) {
        const text = this.text(item[key], `dependencies.${key}`, chart, version);
        if (text !== undefined) dependency[key] = text;
      }
      if (item["tags"] !== undefined && item["tags"] !== null) {
        dependency.tags = this.texts(item["tags"], "dependencies.tags", chart, version);
      }
      out.push(dependency);
    }
    return out;
  }

  annotations(value: unknown, chart: string, version: string): Record<string, string> {
    if (!isDict(value)) return {};
    const pairs: [string, string][] = [];
    for (const [key, raw] of Object.entries(value)) {
      this.charge();
      if (raw === null || raw === undefined) continue;
      const text =
        typeof raw === "object" && !(raw instanceof Date)
          ? this.cap(this.stringify(raw, 0), `annotations.${key}`, chart, version)
          : this.text(raw, `annotations.${key}`, chart, version);
      if (text !== undefined) pairs.push([this.cap(key, "annotations key", chart, version), text]);
    }
    // fromEntries defines own properties, so a "__proto__" key stays plain data.
    return Object.fromEntries(pairs);
  }

  /** JSON text of a structured value, charged node by node and cut once long enough. */
  private stringify(value: unknown, depth: number): string {
    this.charge();
    if (value === null || value === undefined) return "null";
    if (typeof value !== "object") return JSON.stringify(value) ?? "null";
    if (value instanceof Date) return JSON.stringify(value.toISOString());
    if (depth >= MAX_STRINGIFY_DEPTH) return '"…"';
    const parts: string[] = [];
    let length = 0;
    const items: [string | undefined, unknown][] = Array.isArray(value)
      ? value.map((item): [undefined, unknown] => [undefined, item])
      : Object.entries(value);
    for (const [key, item] of items) {
      const part =
        (key === undefined ? "" : `${JSON.stringify(key)}:`) + this.stringify(item, depth + 1);
      parts.push(part);
      length += part.length;
      // The result is cut at maxString anyway: stop expanding once past it.
      if (length > this.maxString) break;
    }
    return Array.isArray(value) ? `[${parts.join(",")}]` : `{${parts.join(",")}}`;
  }
}

/**
 * Normalizes a loaded document. A generator: it pauses after each chart, so the async parser can
 * give the event loop a turn on a large index while the sync one simply runs it to the end.
 */
function* normalizeIndex(
  document: unknown,
  inputSize: number,
  options: HelmIndexParseOptions,
): Generator<void, HelmIndexParseResult, void> {
  if (!isDict(document)) {
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      `The index should be a mapping with "apiVersion" and "entries", but it is ${describe(document)}.`,
    );
  }
  // An index with its apiVersion and no entries (or `entries:` left empty) is an empty
  // repository, as Helm reads it; without either it does not look like an index at all.
  const stated = document["apiVersion"];
  const hasApiVersion = typeof stated === "string" && stated.trim() !== "";
  if (!("entries" in document) && !hasApiVersion) {
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      'The index has no "entries": this does not look like a Helm repository index.',
    );
  }
  const entries = document["entries"] ?? {};
  if (!isDict(entries)) {
    throw new RegistryError(
      RegistryErrorCode.PARSE,
      `The index's "entries" should be a mapping of chart names to versions, but it is ${describe(entries)}.`,
    );
  }
  const walker = new IndexWalker(inputSize, options);
  const apiVersion = walker.text(document["apiVersion"], "apiVersion");
  if (apiVersion === undefined || apiVersion === "") {
    walker.warn(
      HelmIndexWarning.MISSING_API_VERSION,
      'The index has no "apiVersion"; it was read as a v1 index.',
    );
  }
  const generated = walker.text(document["generated"], "generated");

  const names =
    options.onlyChart === undefined
      ? Object.keys(entries)
      : Object.hasOwn(entries, options.onlyChart)
        ? [options.onlyChart]
        : [];
  const total = names.length;
  const every = Math.max(1, Math.floor(total / 100));
  options.onProgress?.(0, total);
  const charts: ChartRecord[] = [];
  for (const [index, name] of names.entries()) {
    const chart = normalizeChart(walker, name, entries[name]);
    // Release the chart's parsed subtree at once: on a large index the tree and the records
    // would otherwise both be alive until the end, which sets the peak memory of a sync.
    delete entries[name];
    if (chart !== undefined) {
      if (options.onChart) options.onChart(chart);
      else charts.push(chart);
    }
    if ((index + 1) % every === 0 || index + 1 === total) options.onProgress?.(index + 1, total);
    yield;
  }

  const annotations = walker.annotations(document["annotations"], "", "");
  const serverInfo = walker.annotations(document["serverInfo"], "", "");
  const result: HelmIndexParseResult = {
    charts,
    warnings: walker.finishWarnings(),
    annotations,
    serverInfo,
  };
  if (apiVersion !== undefined && apiVersion !== "") result.apiVersion = apiVersion;
  if (generated !== undefined) result.generated = generated;
  return result;
}

function normalizeChart(
  walker: IndexWalker,
  name: string,
  value: unknown,
): ChartRecord | undefined {
  walker.charge();
  if (name.trim() === "") {
    walker.warn(HelmIndexWarning.INVALID_ENTRY, "A chart with an empty name was skipped.");
    return undefined;
  }
  if (!Array.isArray(value)) {
    walker.warn(
      HelmIndexWarning.INVALID_ENTRY,
      `Chart "${name}" should be a list of versions but is ${describe(value)}; it was skipped.`,
      name,
    );
    return undefined;
  }
  const versions: ChartVersionRecord[] = [];
  const positions = new Map<string, number>();
  value.forEach((entry: unknown, position) => {
    const record = normalizeVersion(walker, name, entry, position);
    if (record === undefined) return;
    const existing = positions.get(record.version);
    if (existing === undefined) {
      positions.set(record.version, versions.length);
      versions.push(record);
      return;
    }
    // Re-published releases (same version, same URL, new digest) show up as duplicates in real
    // indexes (ingress-nginx, grafana); the URL serves the last upload, so the newest entry is
    // the one that matches it. Without comparable timestamps the first entry wins.
    const kept = versions[existing]!;
    const newer = isNewer(record.created, kept.created);
    if (newer) versions[existing] = record;
    const winner = newer ? record : kept;
    walker.warn(
      HelmIndexWarning.DUPLICATE_VERSION,
      `Version "${record.version}" of chart "${name}" is listed more than once; kept the ${
        winner.created === undefined ? "first entry" : `entry created ${winner.created}`
      }${newer ? " (the newest)" : ""}.`,
      name,
      record.version,
    );
  });
  return { name, versions };
}

/** True when `candidate` is a later timestamp than `current` (both must parse). */
function isNewer(candidate: string | undefined, current: string | undefined): boolean {
  if (candidate === undefined || current === undefined) return false;
  const a = Date.parse(candidate);
  const b = Date.parse(current);
  return Number.isFinite(a) && Number.isFinite(b) && a > b;
}

/** Chart types Helm accepts (an empty type is `application`). */
const CHART_TYPES: ReadonlySet<string> = new Set(["application", "library"]);

const OPTIONAL_TEXT_FIELDS = [
  "appVersion",
  "description",
  "created",
  "digest",
  "kubeVersion",
  "apiVersion",
  "type",
  "home",
  "icon",
] as const;

function normalizeVersion(
  walker: IndexWalker,
  chart: string,
  entry: unknown,
  position: number,
): ChartVersionRecord | undefined {
  walker.charge();
  if (!isDict(entry)) {
    walker.warn(
      HelmIndexWarning.INVALID_ENTRY,
      `Entry #${position + 1} of chart "${chart}" is ${describe(entry)}, not a mapping; it was skipped.`,
      chart,
    );
    return undefined;
  }
  const version = walker.text(entry["version"], "version", chart)?.trim();
  if (version === undefined || version === "") {
    walker.warn(
      HelmIndexWarning.MISSING_VERSION,
      `Entry #${position + 1} of chart "${chart}" has no version; it was skipped.`,
      chart,
    );
    return undefined;
  }
  const entryName = walker.text(entry["name"], "name", chart, version)?.trim();
  if (entryName === undefined || entryName === "") {
    walker.warn(
      HelmIndexWarning.MISSING_NAME,
      `Version "${version}" of chart "${chart}" has no name; it was skipped.`,
      chart,
      version,
    );
    return undefined;
  }
  if (entryName !== chart) {
    walker.warn(
      HelmIndexWarning.NAME_MISMATCH,
      `Version "${version}" listed under chart "${chart}" names itself "${entryName.slice(0, 200)}"; it was kept under "${chart}".`,
      chart,
      version,
    );
  }
  if (Object.hasOwn(entry, "<<")) {
    walker.warn(
      HelmIndexWarning.MERGE_KEY_IGNORED,
      `Version "${version}" of chart "${chart}" uses a YAML merge key (<<), which is not expanded.`,
      chart,
      version,
    );
  }

  const record: ChartVersionRecord = {
    version,
    urls: walker.urls(entry["urls"], chart, version),
    deprecated: entry["deprecated"] === undefined ? false : walker.bool(entry["deprecated"]),
    keywords: walker.texts(entry["keywords"], "keywords", chart, version),
    sources: walker.texts(entry["sources"], "sources", chart, version),
    maintainers: walker.maintainers(entry["maintainers"], chart, version),
    dependencies: walker.dependencies(entry["dependencies"], chart, version),
    annotations: walker.annotations(entry["annotations"], chart, version),
  };
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const text = walker.text(entry[field], field, chart, version);
    if (text !== undefined) record[field] = text;
  }
  // Helm's loader reads an entry without apiVersion as a v1 chart.
  if (!record.apiVersion?.trim()) record.apiVersion = "v1";
  // Entries Helm's loader skips (chart.Metadata.Validate): a name with a path in it, a type
  // other than application or library.
  const invalid = entryName.includes("/")
    ? `its name "${entryName.slice(0, 200)}" holds a "/"`
    : record.type !== undefined && record.type !== "" && !CHART_TYPES.has(record.type)
      ? `its type "${record.type.slice(0, 200)}" is neither application nor library`
      : null;
  if (invalid !== null) {
    walker.warn(
      HelmIndexWarning.INVALID_ENTRY,
      `Version "${version}" of chart "${chart}" was skipped, as Helm skips it: ${invalid}.`,
      chart,
      version,
    );
    return undefined;
  }
  return record;
}
