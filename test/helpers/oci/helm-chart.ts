import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { create as createTar, Parser, type ReadEntry } from "tar";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

/** Chart.yaml as parsed YAML. */
export type ChartYaml = Record<string, unknown>;

export interface ChartTgzOptions {
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  /** values.yaml (default: a small one). */
  values?: string;
  /** README.md (default: a title line). */
  readme?: string;
  /** values.schema.json, left out when absent. */
  valuesSchema?: string;
  /** More Chart.yaml keys (they win over the ones above). */
  extraChartYaml?: ChartYaml;
  /** A dependency packaged as `charts/<name>-<version>.tgz` and listed in Chart.yaml. */
  subchart?: { name: string; version: string; repository?: string };
}

/** Fixed mtime so that the same options always give the same bytes (and digest). */
const PACKAGE_TIME = new Date("2024-01-02T03:04:05Z");

/**
 * A real Helm chart package: a gzip'd tar of `<name>/Chart.yaml`, `values.yaml`, `README.md`,
 * `templates/…` (and `values.schema.json`, `charts/<sub>.tgz` when asked), files only, as
 * `helm package` writes them.
 */
export async function buildChartTgz(options: ChartTgzOptions): Promise<Buffer> {
  const files = new Map<string, string | Buffer>();
  const chartYaml: ChartYaml = {
    apiVersion: "v2",
    name: options.name,
    version: options.version,
    ...(options.appVersion !== undefined && { appVersion: options.appVersion }),
    description: options.description ?? `A Helm chart for ${options.name}`,
    type: "application",
    ...(options.subchart && {
      dependencies: [
        {
          name: options.subchart.name,
          version: options.subchart.version,
          repository: options.subchart.repository ?? "",
        },
      ],
    }),
    ...options.extraChartYaml,
  };
  files.set("Chart.yaml", stringifyYaml(chartYaml));
  files.set(
    "values.yaml",
    options.values ?? "replicaCount: 1\nimage:\n  repository: nginx\n  tag: stable\n",
  );
  if (options.valuesSchema !== undefined) files.set("values.schema.json", options.valuesSchema);
  files.set(
    "templates/_helpers.tpl",
    `{{- define "${options.name}.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end }}\n`,
  );
  files.set(
    "templates/deployment.yaml",
    [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      `  name: {{ include "${options.name}.fullname" . }}`,
      "spec:",
      "  replicas: {{ .Values.replicaCount }}",
      "",
    ].join("\n"),
  );
  files.set("README.md", options.readme ?? `# ${options.name}\n`);
  if (options.subchart) {
    const { name, version } = options.subchart;
    files.set(`charts/${name}-${version}.tgz`, await buildChartTgz({ name, version }));
  }
  return packDirectory(options.name, files);
}

/** Writes `files` under `<root>/` in a temporary directory and tars them, in map order. */
async function packDirectory(root: string, files: Map<string, string | Buffer>): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "chart-tgz-"));
  try {
    for (const [name, content] of files) {
      const file = path.join(dir, root, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    const entries = [...files.keys()].map((name) => `${root}/${name}`);
    const pack = createTar({ gzip: true, cwd: dir, portable: true, mtime: PACKAGE_TIME }, entries);
    return await pack.concat();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The parsed `<chart>/Chart.yaml` of a chart package (the top-level chart, not a subchart's). */
export async function readChartYaml(tgz: Buffer): Promise<ChartYaml> {
  let found: Promise<Buffer> | undefined;
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      if (!found && /^[^/]+\/Chart\.yaml$/.test(entry.path)) found = entry.concat();
      else entry.resume();
    },
  });
  await new Promise<void>((resolve, reject) => {
    parser.on("end", resolve);
    parser.on("error", reject);
    parser.end(tgz);
  });
  if (!found) throw new Error("the chart package has no <name>/Chart.yaml");
  const parsed: unknown = parseYaml((await found).toString("utf8"));
  if (!isRecord(parsed)) throw new Error("Chart.yaml is not a mapping");
  return parsed;
}

/**
 * Chart.yaml metadata as helm's `chart.Metadata` after loading (strings sanitized as
 * `Metadata.Validate` does), as plain values in Go's field order with Go's `omitempty`.
 */
export function helmChartMetadata(chartYaml: ChartYaml): Record<string, unknown> {
  const text = (key: string): string | undefined => optionalString(chartYaml[key]);
  const maintainers = asRecords(chartYaml.maintainers).map((m) =>
    omitEmpty({
      name: sanitize(optionalString(m.name)),
      email: sanitize(optionalString(m.email)),
      url: sanitize(optionalString(m.url)),
    }),
  );
  const dependencies = asRecords(chartYaml.dependencies).map((d) => ({
    name: sanitize(optionalString(d.name)) ?? "",
    ...omitEmpty({ version: sanitize(optionalString(d.version)) }),
    repository: sanitize(optionalString(d.repository)) ?? "",
    ...omitEmpty({
      condition: sanitize(optionalString(d.condition)),
      tags: asStrings(d.tags).map((tag) => sanitize(tag) ?? ""),
      enabled: d.enabled === true ? true : undefined,
      "import-values": Array.isArray(d["import-values"])
        ? sortMapsDeep(d["import-values"])
        : undefined,
      alias: optionalString(d.alias),
    }),
  }));
  return omitEmpty({
    name: sanitize(text("name")),
    home: sanitize(text("home")),
    sources: asStrings(chartYaml.sources).map((s) => sanitize(s) ?? ""),
    version: text("version"),
    description: sanitize(text("description")),
    keywords: asStrings(chartYaml.keywords).map((k) => sanitize(k) ?? ""),
    maintainers,
    icon: sanitize(text("icon")),
    apiVersion: text("apiVersion"),
    condition: sanitize(text("condition")),
    tags: sanitize(text("tags")),
    appVersion: sanitize(text("appVersion")),
    deprecated: chartYaml.deprecated === true ? true : undefined,
    annotations: sortKeys(asStringMap(chartYaml.annotations)),
    kubeVersion: sanitize(text("kubeVersion")),
    dependencies,
    type: text("type"),
  });
}

/** The config blob helm pushes: Go's `json.Marshal(chart.Metadata)`, byte for byte. */
export function helmConfigBlob(metadata: Record<string, unknown>): Buffer {
  return Buffer.from(goJson(metadata), "utf8");
}

/**
 * The manifest annotations helm sets (`generateOCIAnnotations` in pkg/registry): description,
 * title, version, url, created, source, authors, then the chart's own annotations except title
 * and version; keys sorted as Go marshals a map.
 */
export function helmManifestAnnotations(
  metadata: Record<string, unknown>,
  created: string,
): Record<string, string> {
  const annotations: Record<string, string> = {};
  const add = (key: string, value: unknown): void => {
    if (typeof value === "string" && value.trim() !== "") annotations[key] = value;
  };
  const sources = asStrings(metadata.sources);
  const maintainers = asRecords(metadata.maintainers);
  add("org.opencontainers.image.description", metadata.description);
  add("org.opencontainers.image.title", metadata.name);
  add("org.opencontainers.image.version", metadata.version);
  add("org.opencontainers.image.url", metadata.home);
  add("org.opencontainers.image.created", created);
  add("org.opencontainers.image.source", sources[0]);
  add(
    "org.opencontainers.image.authors",
    maintainers
      .map((m) => `${optionalString(m.name) ?? ""}${m.email ? ` (${String(m.email)})` : ""}`)
      .join(", "),
  );
  const immutable = new Set(["org.opencontainers.image.version", "org.opencontainers.image.title"]);
  for (const [key, value] of Object.entries(asStringMap(metadata.annotations))) {
    if (!immutable.has(key)) annotations[key] = value;
  }
  return sortKeys(annotations);
}

/**
 * Go's `encoding/json` output for values shaped like Go structs: object keys stay in insertion
 * order (struct field order; callers sort the keys of what Go holds as maps), and `<`, `>`, `&`,
 * U+2028 and U+2029 are escaped as Go escapes them.
 */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${goString(k)}:${goJson(v)}`);
    return `{${entries.join(",")}}`;
  }
  if (typeof value === "string") return goString(value);
  return JSON.stringify(value ?? null);
}

function goString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Helm's `sanitizeString`: whitespace becomes a space, other non-printable characters go. */
function sanitize(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  let out = "";
  for (const c of s) {
    if (/\s/u.test(c)) out += " ";
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(c)) out += c;
  }
  return out;
}

/** Drops what Go's `omitempty` drops: undefined, "", false, empty arrays and empty objects. */
function omitEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([, v]) =>
        v !== undefined &&
        v !== "" &&
        v !== false &&
        !(Array.isArray(v) && v.length === 0) &&
        !(isRecord(v) && Object.keys(v).length === 0),
    ),
  );
}

/** Keys in byte order, as Go marshals a `map[string]string`. */
function sortKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(map)
      .sort()
      .map((key) => [key, map[key]]),
  );
}

/** A decoded `interface{}` value: every map's keys sorted, as Go marshals maps. */
function sortMapsDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortMapsDeep);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortMapsDeep(value[key])]),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A YAML scalar as Go would read it into a string field (numbers and booleans as text). */
function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : String(value);
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => optionalString(v) ?? "") : [];
}

function asRecords(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function asStringMap(value: unknown): Record<string, string> {
  return isRecord(value)
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]))
    : {};
}
