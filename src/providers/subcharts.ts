/**
 * The sub-charts a chart package vendors under `charts/`, as folders or as `.tgz` packages, read
 * in the same pass as the package's own documents: for each, its Chart.yaml and values.yaml and,
 * in turn, its own vendored sub-charts. Helm installs every one of them with the parent (unless
 * a condition or tag turns it off), so their images are pulled too.
 *
 * Bounded: nesting stops at MAX_SUBCHART_DEPTH, at most MAX_SUBCHARTS are read, and the packages
 * inside the package share the outer package's decompression budget (`maxUnpackedBytes`).
 */
import { type PackageDocuments, type PackageLimits, readPackage } from "./chart-package";

/** Levels of `charts/` read below the package (Helm sets none; real charts use one or two). */
const MAX_SUBCHART_DEPTH = 4;
/** Sub-charts read in one package, all levels together. */
export const MAX_SUBCHARTS = 64;

/** One vendored sub-chart. */
export interface Subchart {
  /** Where it is in the top package: `charts/redis-ha`, `charts/a/charts/b-1.0.0.tgz`. */
  path: string;
  /** Its Chart.yaml text; null when it has none (then it is no chart: Helm refuses it). */
  chartYaml: string | null;
  values: string | null;
  /** Why this `.tgz` could not be read; null otherwise. */
  error: string | null;
  subcharts: Subchart[];
}

/** A package's documents with its vendored sub-charts. */
export interface ChartTree {
  documents: PackageDocuments;
  subcharts: Subchart[];
  /** What was not read (too deep, too many): sentences for people. */
  skipped: string[];
}

/** `charts/<name>/` pairs, then a sub-chart's Chart.yaml or values.yaml, or a `charts/<x>.tgz`. */
const SUBCHART_FILE =
  /^((?:charts\/[^/]+\/)+)(Chart\.yaml|values\.yaml)$|^((?:charts\/[^/]+\/)*)charts\/([^/]+\.tgz)$/;

interface Budget {
  charts: number;
  unpackedBytes: number;
  skipped: Set<string>;
}

/**
 * Reads a chart package's documents (as `readPackage` does) and its vendored sub-charts. A
 * sub-chart `.tgz` that cannot be read is reported in its `error`; the outer package's own
 * errors throw as `readPackage`'s do.
 */
export async function readChartTree(
  data: Buffer,
  limits: PackageLimits,
  label?: string,
): Promise<ChartTree> {
  const budget: Budget = { charts: 0, unpackedBytes: limits.maxUnpackedBytes, skipped: new Set() };
  const { documents, subcharts } = await readLevel(data, limits, label, "", 0, budget);
  return { documents, subcharts, skipped: [...budget.skipped] };
}

/**
 * A chart package's documents, with its vendored sub-charts when `withSubcharts` asks for them
 * (`ContentOptions.subcharts`): the providers' one way to read a chart package for its content.
 */
export async function readChartPackage(
  data: Buffer,
  limits: PackageLimits,
  label: string,
  withSubcharts: boolean,
): Promise<{ documents: PackageDocuments; subcharts?: Omit<ChartTree, "documents"> }> {
  if (!withSubcharts) return { documents: await readPackage(data, limits, label) };
  const { documents, ...subcharts } = await readChartTree(data, limits, label);
  return { documents, subcharts };
}

async function readLevel(
  data: Buffer,
  limits: PackageLimits,
  label: string | undefined,
  prefix: string,
  depth: number,
  budget: Budget,
): Promise<{ documents: PackageDocuments; subcharts: Subchart[] }> {
  const stats = { unpackedBytes: 0 };
  const documents = await readPackage(
    data,
    { ...limits, maxUnpackedBytes: Math.max(0, budget.unpackedBytes) },
    label,
    { keep: (relative) => wanted(relative, depth, budget), stats },
  );
  budget.unpackedBytes -= stats.unpackedBytes;
  const kept = documents.kept ?? new Map<string, Buffer>();
  delete documents.kept;
  // Folders by their path (`charts/a`, `charts/a/charts/b`), then packages in archive order.
  const folders = new Map<string, Subchart>();
  const roots: Subchart[] = [];
  const folder = (path: string): Subchart => {
    let node = folders.get(path);
    if (node) return node;
    node = { path: `${prefix}${path}`, chartYaml: null, values: null, error: null, subcharts: [] };
    folders.set(path, node);
    const parent = path.slice(0, path.lastIndexOf("/charts/"));
    if (path.lastIndexOf("/charts/") < 0) roots.push(node);
    else folder(parent).subcharts.push(node);
    return node;
  };
  for (const [relative, bytes] of kept) {
    const match = SUBCHART_FILE.exec(relative);
    if (!match) continue;
    if (match[1] !== undefined) {
      const node = folder(match[1].slice(0, -1));
      const text = bytes.toString("utf8");
      if (match[2] === "Chart.yaml") node.chartYaml = text;
      else node.values = text;
      continue;
    }
    const owner = match[3] ?? "";
    const path = `${owner}charts/${match[4]!}`;
    const node = await readNested(
      bytes,
      limits,
      `${prefix}${path}`,
      depth + chartLevels(path),
      budget,
    );
    if (owner === "") roots.push(node);
    else folder(owner.slice(0, -1)).subcharts.push(node);
  }
  return { documents, subcharts: roots };
}

async function readNested(
  data: Buffer,
  limits: PackageLimits,
  path: string,
  depth: number,
  budget: Budget,
): Promise<Subchart> {
  try {
    const { documents, subcharts } = await readLevel(data, limits, path, `${path}/`, depth, budget);
    return {
      path,
      chartYaml: documents.chartYaml ?? null,
      values: documents.values ?? null,
      error: null,
      subcharts,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { path, chartYaml: null, values: null, error: message, subcharts: [] };
  }
}

/** How many `charts/` levels a path goes down. */
function chartLevels(relative: string): number {
  return relative.split("/").filter((segment, i) => i % 2 === 0 && segment === "charts").length;
}

/** Whether an entry is a sub-chart document to keep, within the depth and count bounds. */
function wanted(relative: string, depth: number, budget: Budget): boolean {
  const match = SUBCHART_FILE.exec(relative);
  if (!match) return false;
  const levels = depth + chartLevels(relative);
  if (levels > MAX_SUBCHART_DEPTH) {
    budget.skipped.add(
      `sub-charts nested more than ${MAX_SUBCHART_DEPTH} levels deep were not read`,
    );
    return false;
  }
  // A Chart.yaml or a .tgz is one sub-chart; a values.yaml belongs to one already counted.
  if (match[2] === "values.yaml") return true;
  if (budget.charts >= MAX_SUBCHARTS) {
    budget.skipped.add(`only the first ${MAX_SUBCHARTS} sub-charts were read`);
    return false;
  }
  budget.charts++;
  return true;
}
