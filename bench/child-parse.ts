/**
 * Child process: one parse of a file, timed. `node child-parse.js <yaml|json> <file>` prints
 * `{"ms": …, "peakRssMb": …}`. The file is read before the clock starts.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { load } from "js-yaml";
import { peakRssMb, runChild, writeResult } from "./bench-support";

export interface ParseResult {
  ms: number;
  peakRssMb: number;
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  if ((mode !== "yaml" && mode !== "json") || !file) {
    throw new Error("usage: child-parse <yaml|json> <file>");
  }
  const text = readFileSync(file, "utf8");
  const start = performance.now();
  const document: unknown = mode === "yaml" ? load(text) : JSON.parse(text);
  const ms = performance.now() - start;
  if (typeof document !== "object" || document === null) throw new Error("not an index");
  const result: ParseResult = { ms, peakRssMb: peakRssMb() };
  writeResult(result);
}

runChild(main);
