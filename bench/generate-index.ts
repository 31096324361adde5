import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { load } from "js-yaml";

export interface GenerateIndexOptions {
  /** A real Helm `index.yaml` (as Helm writes it: sequences not indented under their key). */
  sourceFile: string;
  /** Where `index.yaml` and `index.json` are written. */
  outDir: string;
  /** Copies of every chart: the original name, then `<name>-c1` … `<name>-c<copies-1>`. */
  copies?: number;
  /** Seed of the PRNG that gives the copies their own digests. */
  seed?: number;
}

export interface GeneratedIndex {
  yamlFile: string;
  jsonFile: string;
  /** Size of the YAML file in bytes. */
  bytes: number;
  jsonBytes: number;
  charts: number;
  versions: number;
  /** sha256 of the YAML file, hex. */
  sha256: string;
}

interface ChartBlock {
  name: string;
  lines: string[];
}

const KEY_LINE = /^ {2}([^\s-][^:]*):\s*$/;
const ENTRY_NAME = /^( {2}- | {4})name: (.*)$/;
const ENTRY_DIGEST = /^( {2}- | {4})digest: ([0-9a-f]{64})$/;
const ENTRY_URLS = /^( {2}- | {4})urls:\s*$/;
const LIST_ITEM = /^ {4}- (.*)$/;

/** mulberry32: a small seeded PRNG, so every run rebuilds the same bytes. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function randomHex64(next: () => number): string {
  let out = "";
  for (let i = 0; i < 8; i++) out += next().toString(16).padStart(8, "0");
  return out;
}

/** Splits an index into header lines, one block per chart under `entries`, and trailer lines. */
function splitIndex(text: string): { header: string[]; blocks: ChartBlock[]; trailer: string[] } {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const entriesAt = lines.indexOf("entries:");
  if (entriesAt < 0) throw new Error("the source index has no top-level `entries:` line");
  let end = entriesAt + 1;
  while (end < lines.length && (lines[end]!.startsWith(" ") || lines[end] === "")) end++;
  const blocks: ChartBlock[] = [];
  for (let i = entriesAt + 1; i < end; i++) {
    const line = lines[i]!;
    const key = KEY_LINE.exec(line);
    if (key) {
      blocks.push({ name: key[1]!, lines: [] });
      continue;
    }
    const block = blocks[blocks.length - 1];
    if (!block || !(line.startsWith("  - ") || line.startsWith("    "))) {
      throw new Error(`unexpected line ${i + 1} in the source index: ${line.slice(0, 80)}`);
    }
    block.lines.push(line);
  }
  return { header: lines.slice(0, entriesAt + 1), blocks, trailer: lines.slice(end) };
}

/**
 * A chart's block under a new name: the key, each version's `name` and the package file names
 * in `urls` follow the new name; a copy also gets its own (random, seeded) digests. Every other
 * field is kept as written.
 */
function renameBlock(
  block: ChartBlock,
  newName: string,
  digests: (() => string) | undefined,
): ChartBlock {
  let inUrls = false;
  const lines = block.lines.map((line) => {
    if (inUrls) {
      const item = LIST_ITEM.exec(line);
      if (item) {
        const url = item[1]!;
        const slash = url.lastIndexOf("/");
        const file = url.slice(slash + 1);
        return file.startsWith(`${block.name}-`)
          ? `    - ${url.slice(0, slash + 1)}${newName}${file.slice(block.name.length)}`
          : line;
      }
      inUrls = false;
    }
    if (ENTRY_URLS.test(line)) {
      inUrls = true;
      return line;
    }
    const name = ENTRY_NAME.exec(line);
    if (name && name[2] === block.name) return `${name[1]}name: ${newName}`;
    const digest = digests ? ENTRY_DIGEST.exec(line) : null;
    if (digest && digests) return `${digest[1]}digest: ${digests()}`;
    return line;
  });
  return { name: newName, lines };
}

/**
 * Builds a large Helm index from a real one by copying its charts under new names (`<name>`,
 * `<name>-c1`, …), charts sorted by name as Helm writes them, and writes it as `index.yaml` plus
 * its JSON form (`index.json`, js-yaml's reading of the YAML). Deterministic: the same source,
 * copies and seed give the same bytes.
 */
export function generateIndex(options: GenerateIndexOptions): GeneratedIndex {
  const copies = options.copies ?? 7;
  const next = prng(options.seed ?? 0x5eed);
  const source = readFileSync(options.sourceFile, "utf8");
  const { header, blocks, trailer } = splitIndex(source);

  const out: ChartBlock[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const block of blocks) {
      out.push(
        copy === 0 ? block : renameBlock(block, `${block.name}-c${copy}`, () => randomHex64(next)),
      );
    }
  }
  // Helm sorts entries by name (byte order).
  out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const parts: string[] = [...header];
  let versions = 0;
  for (const block of out) {
    parts.push(`  ${block.name}:`);
    for (const line of block.lines) {
      if (line.startsWith("  - ")) versions++;
      parts.push(line);
    }
  }
  parts.push(...trailer);
  const yaml = `${parts.join("\n")}\n`;

  // Cross-check the text-level counts with a real YAML reading, which is also the JSON form.
  const document = load(yaml) as { entries: Record<string, unknown[]> };
  const parsedCharts = Object.keys(document.entries).length;
  const parsedVersions = Object.values(document.entries).reduce((n, list) => n + list.length, 0);
  if (parsedCharts !== out.length || parsedVersions !== versions) {
    throw new Error(
      `generated index reads as ${parsedCharts} charts / ${parsedVersions} versions, expected ${out.length} / ${versions}`,
    );
  }
  const json = JSON.stringify(document);

  const yamlFile = path.join(options.outDir, "index.yaml");
  const jsonFile = path.join(options.outDir, "index.json");
  writeFileSync(yamlFile, yaml);
  writeFileSync(jsonFile, json);
  return {
    yamlFile,
    jsonFile,
    bytes: Buffer.byteLength(yaml),
    jsonBytes: Buffer.byteLength(json),
    charts: out.length,
    versions,
    sha256: createHash("sha256").update(yaml).digest("hex"),
  };
}
