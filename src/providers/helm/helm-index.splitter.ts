/**
 * Finds the chart blocks of a Helm index written in the layout Helm (and chart-releaser,
 * ChartMuseum, GitHub Pages tooling) writes: top-level keys at column 0, `entries:` with one
 * plain chart name per line at two spaces, and each chart's version list below it. With the
 * blocks known, each chart can be loaded on its own, so the parsed tree of a 30 MB index never
 * exists at once. Anything else (anchors, aliases, merge keys, several documents, tabs, quoted
 * or repeated chart names, flow style) returns null and the caller loads the whole document.
 */

/** A top-level `key: value` line, with its 0-based line number. */
export interface IndexScalarLine {
  key: string;
  line: string;
  lineNumber: number;
}

/** One chart's block: the text after its `name:` line, up to the next chart or top-level key. */
export interface ChartBlock {
  name: string;
  /** 0-based line number of the block's first line. */
  firstLine: number;
  start: number;
  end: number;
}

/** A top-level key with a block value other than `entries` (`annotations:`, `serverInfo:`). */
export interface IndexMappingBlock {
  key: string;
  firstLine: number;
  start: number;
  end: number;
}

export interface IndexLayout {
  scalars: IndexScalarLine[];
  /** Top-level block values (index `annotations`, ChartMuseum's `serverInfo`), loaded whole. */
  mappings: IndexMappingBlock[];
  charts: ChartBlock[];
}

const TOP_LEVEL = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*))?$/;
const CHART_KEY = /^ {2}([A-Za-z0-9_][A-Za-z0-9._+-]*):[ ]*$/;
/** Anchors, aliases and merge keys: layouts the block loader must not split. */
const LINKS = /(?:^|[\s,[{])[&*][^\s,\]}]|<<\s*:/m;

/** The layout of a Helm index, or null when it is not the regular one. */
export function splitHelmIndex(text: string): IndexLayout | null {
  if (LINKS.test(text)) return null;
  const scalars: IndexScalarLine[] = [];
  const mappings: IndexMappingBlock[] = [];
  const charts: ChartBlock[] = [];
  let mapping: IndexMappingBlock | undefined;
  const seen = new Set<string>();
  let state: "top" | "entries" | "skip" = "top";
  let open: ChartBlock | undefined;
  let lineNumber = -1;
  let position = 0;
  const close = (at: number) => {
    if (open) {
      open.end = at;
      charts.push(open);
      open = undefined;
    }
  };
  while (position < text.length) {
    lineNumber++;
    const next = text.indexOf("\n", position);
    const lineEnd = next < 0 ? text.length : next;
    const line =
      text.charCodeAt(lineEnd - 1) === 13
        ? text.slice(position, lineEnd - 1)
        : text.slice(position, lineEnd);
    const start = position;
    position = lineEnd + 1;
    if (line.length === 0 || line.trimStart().startsWith("#") || line.trim() === "") continue;
    if (line.startsWith("\t") || line.startsWith("---") || line.startsWith("...")) return null;
    if (line[0] !== " ") {
      close(start);
      if (mapping) {
        mapping.end = start;
        mappings.push(mapping);
        mapping = undefined;
      }
      const top = TOP_LEVEL.exec(line);
      if (!top) return null;
      const [, key, rest] = top;
      if (key === "entries") {
        if (rest !== undefined && rest.trim() !== "") return null;
        state = "entries";
      } else if (rest === undefined || rest.trim() === "") {
        state = "skip";
        mapping = { key, firstLine: lineNumber + 1, start: position, end: position };
      } else {
        if (rest.trimStart().startsWith("|") || rest.trimStart().startsWith(">")) return null;
        scalars.push({ key, line, lineNumber });
        state = "top";
      }
      continue;
    }
    if (state === "skip") continue;
    if (state !== "entries") return null;
    if (line.startsWith("  ") && !line.startsWith("   ") && !line.startsWith("  -")) {
      close(start);
      const chart = CHART_KEY.exec(line);
      if (!chart || seen.has(chart[1])) return null;
      seen.add(chart[1]);
      open = { name: chart[1], firstLine: lineNumber + 1, start: position, end: position };
      continue;
    }
    if (!open || !line.startsWith("  ")) return null;
  }
  close(text.length);
  if (mapping) {
    mapping.end = text.length;
    mappings.push(mapping);
  }
  // No chart blocks (no `entries:`, or an empty one): the whole-document load says what it is.
  return charts.length > 0 ? { scalars, mappings, charts } : null;
}

/**
 * A chart block as a YAML document of its own: a slice of the index, loaded as it stands (YAML
 * accepts an indented top-level node), so no copy of the text is made.
 */
export function blockText(text: string, block: ChartBlock): string {
  return text.slice(block.start, Math.max(block.start, block.end));
}
