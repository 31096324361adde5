import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { load } from "js-yaml";
import { parseChartBlock } from "../../../../src/providers/helm/helm-block.parser";
import { INDEX_SCHEMA } from "../../../../src/providers/helm/helm-index.parser";
import { blockText, splitHelmIndex } from "../../../../src/providers/helm/helm-index.splitter";
import { fixturePath, HELM_FIXTURE_REPOS } from "../../../helpers/fixtures";

/** Share of each fixture's chart blocks the fast reader must take (all of them today). */
const MIN_COVERAGE = 0.99;

type Outcome = { value: unknown } | { error: unknown };

function jsYaml(text: string): Outcome {
  try {
    return { value: load(text, { schema: INDEX_SCHEMA, json: false }) };
  } catch (error) {
    return { error };
  }
}

/**
 * Why the fast reader disagrees with js-yaml on `text`, or undefined when it agrees: it gave
 * nothing, or exactly what js-yaml gives (it must give nothing where js-yaml throws).
 */
function disagreement(text: string): string | undefined {
  let fast: unknown[] | undefined;
  try {
    fast = parseChartBlock(text);
  } catch (error) {
    return `threw ${String(error)}`;
  }
  if (fast === undefined) return undefined;
  const slow = jsYaml(text);
  if ("error" in slow) return `read a text js-yaml refuses (${String(slow.error)})`;
  if (isDeepStrictEqual(fast, slow.value)) return undefined;
  return `gave ${JSON.stringify(fast)}, js-yaml ${JSON.stringify(slow.value)}`;
}

/** The fast reading of `text`, checked against js-yaml's; fails the test when it is not taken. */
function read(text: string): unknown[] {
  expect(disagreement(text)).toBeUndefined();
  const fast = parseChartBlock(text);
  expect(fast).toBeDefined();
  return fast!;
}

function refused(text: string): void {
  expect(parseChartBlock(text)).toBeUndefined();
}

/** mulberry32: a small seeded PRNG, so that every run tries the same texts. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fixtureBlocks(repo: string): string[] {
  const text = readFileSync(fixturePath("helm", repo, "index.yaml"), "utf8");
  const layout = splitHelmIndex(text);
  if (layout === null) throw new Error(`${repo}: not a regular index`);
  return layout.charts.map((block) => blockText(text, block));
}

describe("parseChartBlock on the real fixtures", () => {
  it.each(HELM_FIXTURE_REPOS)(
    `%s: reads at least ${MIN_COVERAGE * 100} % of the chart blocks, exactly as js-yaml does`,
    (repo) => {
      const blocks = fixtureBlocks(repo);
      const problems: string[] = [];
      let taken = 0;
      for (const block of blocks) {
        const problem = disagreement(block);
        if (problem !== undefined) problems.push(problem.slice(0, 500));
        if (parseChartBlock(block) !== undefined) taken++;
      }
      expect(problems).toEqual([]);
      expect(taken / blocks.length).toBeGreaterThanOrEqual(MIN_COVERAGE);
    },
  );
});

describe("parseChartBlock on hand-written blocks", () => {
  it("reads the regular layout: entries, nested mappings, sequences at their key's column", () => {
    const text = [
      "  - annotations:",
      "      category: Analytics",
      "      licenses: Apache-2.0",
      "    apiVersion: v2",
      '    created: "2024-01-01T00:00:00.123Z"',
      "    dependencies:",
      "    - name: common",
      "      tags:",
      "      - bitnami-common",
      "      version: 2.x.x",
      "    keywords:",
      "      - indented",
      "    name: airflow",
      "    version: 1.10",
      "  - name: airflow",
      "    urls: []",
      "    labels: {}",
      "    version: 1.9.0",
      "",
    ].join("\n");
    expect(read(text)).toEqual([
      {
        annotations: { category: "Analytics", licenses: "Apache-2.0" },
        apiVersion: "v2",
        created: "2024-01-01T00:00:00.123Z",
        dependencies: [{ name: "common", tags: ["bitnami-common"], version: "2.x.x" }],
        keywords: ["indented"],
        name: "airflow",
        version: "1.10",
      },
      { name: "airflow", urls: [], labels: {}, version: "1.9.0" },
    ]);
  });

  it("keeps every plain scalar as text, except null's spellings and empty values", () => {
    const text =
      "  - a: ~\n    b: null\n    c: Null\n    d: NULL\n    e: nulL\n    f:\n    g: # comment\n" +
      "    h: ''\n    i: \"\"\n    j: true\n    k: 0x1F\n    l: -1\n    m: 2024-01-01\n" +
      "    n: x:y\n    o: a#b\n    p: x[y]{z}\n    q: 'null'\n";
    expect(read(text)).toEqual([
      {
        a: null,
        b: null,
        c: null,
        d: null,
        e: "nulL",
        f: null,
        g: null,
        h: "",
        i: "",
        j: "true",
        k: "0x1F",
        l: "-1",
        m: "2024-01-01",
        n: "x:y",
        o: "a#b",
        p: "x[y]{z}",
        q: "null",
      },
    ]);
  });

  it("reads sequence entries of every kind, null entries included", () => {
    const text =
      "  - plain\n  - 'single'\n  - \"double\"\n  -\n  - # comment\n  - |\n    text\n  - []\n";
    expect(read(text)).toEqual(["plain", "single", "double", null, null, "text\n", []]);
  });

  it("decodes double-quoted escapes", () => {
    const text =
      String.raw`  - x: "\"q\" \\ \n \t \u00e9 \x41 \U0001F525 \/ \0 \e \_ \N \L \P end"` + "\n";
    expect(read(text)).toEqual([
      { x: '"q" \\ \n \t é A 🔥 / \0 \x1b \xa0 \x85 \u2028 \u2029 end' },
    ]);
  });

  it("reads '' in single quotes as one quote and keeps backslashes", () => {
    expect(read("  - x: 'it''s a \\n'\n")).toEqual([{ x: "it's a \\n" }]);
  });

  it("folds multi-line plain, double- and single-quoted scalars as js-yaml does", () => {
    const text = [
      "  - description: Apache Airflow is a tool to express",
      "      and execute workflows   ",
      "",
      "      as graphs # a comment",
      '    changes: "- \\"one\\"\\n- \\"#8481',
      '      \\ two\\"\\n- three\\',
      "      four  ",
      "",
      '      five"',
      "    quoted: 'a  ",
      "       b'",
      "    next: x",
      "",
    ].join("\n");
    expect(read(text)).toEqual([
      {
        description: "Apache Airflow is a tool to express and execute workflows\nas graphs",
        changes: '- "one"\n- "#8481  two"\n- threefour\nfive',
        quoted: "a b",
        next: "x",
      },
    ]);
  });

  it("ends a plain scalar at a comment line or a less indented line", () => {
    const text = "  - a: one\n      # not text\n    b: two\n   # comment\n    c: three\n";
    expect(read(text)).toEqual([{ a: "one", b: "two", c: "three" }]);
  });

  it("reads block scalars with every chomping and with indentation indicators", () => {
    const body = "      line 1\n        more indented\n\n      line 2\n\n\n";
    const kinds = ["|", "|-", "|+", ">", ">-", ">+", "|1", ">1-", "|+1", "| # comment"];
    const values = kinds.map((kind) => read(`  - x: ${kind}\n${body}    y: z\n`)[0]);
    expect(values).toEqual([
      { x: "line 1\n  more indented\n\nline 2\n", y: "z" },
      { x: "line 1\n  more indented\n\nline 2", y: "z" },
      { x: "line 1\n  more indented\n\nline 2\n\n\n", y: "z" },
      { x: "line 1\n  more indented\n\nline 2\n", y: "z" },
      { x: "line 1\n  more indented\n\nline 2", y: "z" },
      { x: "line 1\n  more indented\n\nline 2\n\n\n", y: "z" },
      { x: " line 1\n   more indented\n\n line 2\n", y: "z" },
      { x: " line 1\n   more indented\n\n line 2", y: "z" },
      { x: " line 1\n   more indented\n\n line 2\n\n\n", y: "z" },
      { x: "line 1\n  more indented\n\nline 2\n", y: "z" },
    ]);
    expect(read("  - x: >\n      a\n      b\n\n      c\n")).toEqual([{ x: "a b\nc\n" }]);
    expect(read("  - x: |\n    y: z\n")).toEqual([{ x: "", y: "z" }]);
    expect(read("  - x: |+\n\n")).toEqual([{ x: "\n" }]);
  });

  it("takes comments after values and between entries, and blank lines", () => {
    const text =
      "# leading comment\n\n  - a: 1 # one\n    # between keys\n    b: '2' # two\n\n" +
      '    c: "3"   # three\n  # between entries\n  - d: [] # empty\n';
    expect(read(text)).toEqual([{ a: "1", b: "2", c: "3" }, { d: [] }]);
  });

  it("reads CRLF line ends as LF ones, also inside block and quoted scalars", () => {
    const text =
      '  - a: |\n      x\n      y\n    b: "p\n      q"\n    c: plain\n      more\n    d:\n    - e\n';
    const crlf = text.replace(/\n/g, "\r\n");
    expect(read(crlf)).toEqual(read(text));
    expect(read(text)).toEqual([{ a: "x\ny\n", b: "p q", c: "plain more", d: ["e"] }]);
  });

  it("reads a block without a final line break", () => {
    expect(read("  - name: a\n    version: 1.0.0")).toEqual([{ name: "a", version: "1.0.0" }]);
  });

  it("leaves duplicate keys to js-yaml, which refuses them", () => {
    const text = "  - name: a\n    name: b\n";
    refused(text);
    expect(jsYaml(text)).toHaveProperty("error");
  });

  it("leaves anchors, aliases, tags, merge keys and flow collections to js-yaml", () => {
    for (const text of [
      "  - a: &x 1\n    b: *x\n",
      "  - a: !!str 1\n",
      "  - a: !!int 1\n",
      "  - <<: {a: 1}\n",
      "  - a: [1, 2]\n",
      "  - a: {b: 1}\n",
      "  - a: [ ]\n",
      "  - [a]\n",
      "  - ? a\n    : b\n",
      '  - "a": b\n',
      "  - ~: b\n",
      "  - a: |0\n     x\n",
    ]) {
      refused(text);
    }
  });

  it("leaves a __proto__ key to js-yaml and pollutes nothing", () => {
    const text = "  - __proto__:\n      polluted: yes\n    constructor: c\n";
    refused(text);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(read("  - constructor: c\n    toString: t\n")).toEqual([
      { constructor: "c", toString: "t" },
    ]);
  });

  it("leaves tabs, control characters, lone CRs and BOMs to js-yaml", () => {
    for (const text of [
      "  - a: x\ty\n",
      "\t- a: x\n",
      "  - a: x\u0001\n",
      "  - a: x\u0000\n",
      "  - a: x\ry\n",
      "  - a: x\r",
      "\ufeff  - a: x\n",
      "  - a: \ud800\n",
      "  - a: x\u0085\n",
    ]) {
      refused(text);
    }
    expect(read("  - a: é 🔥 \u2028\n")).toEqual([{ a: "é 🔥 \u2028" }]);
  });

  it("returns undefined, without throwing, for malformed or other texts", () => {
    for (const text of [
      "",
      "\n\n",
      "# only a comment\n",
      "  a: b\n",
      "  - a: b\n  c: d\n",
      "  - a: b\n      c: d\n",
      "  - a: b: c\n",
      '  - a: "unterminated\n',
      "  - a: 'unterminated\n",
      '  - a: "x" y\n',
      '  - a: "\\q"\n',
      '  - a: "\\x4"\n',
      "  - a: |x\n",
      "  - a: b\n  - - c\n",
      "  - a:\n  b\n",
      "  - a\n  - b\n---\n  - c\n",
      "  -\n    a: b\n",
      "  - a:\n      -\n    - b\n",
      "  - a:\n    -\n  - b\n",
      "  - a:\n    x\n",
      // Nested deeper than the reader goes.
      `  - a:\n${Array.from({ length: 60 }, (_, i) => `${" ".repeat(6 + 2 * i)}k${i}:\n`).join("")}`,
    ]) {
      expect(disagreement(text)).toBeUndefined();
      refused(text);
    }
  });
});

/** One random edit of `text`: a character inserted, deleted or replaced. */
function mutate(text: string, next: () => number): string {
  const alphabet = [" ", "\n", "\r\n", "\r", "\t", "-", ":", "#", '"', "'", "\\", "|", ">"];
  alphabet.push("[", "]", "{", "}", "&", "*", "!", "?", "~", ",", "%", "0", "9", "a", "x");
  alphabet.push("u", "U", "+", "é", "\u0000", "\ufeff", "\ud83d", "    ");
  const at = Math.floor(next() * (text.length + 1));
  const piece = alphabet[Math.floor(next() * alphabet.length)]!;
  const kind = next();
  if (kind < 0.4) return text.slice(0, at) + piece + text.slice(at);
  if (kind < 0.7) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + piece + text.slice(at + 1);
}

/** Runs of one to three chart entries of a block (small texts make the edits count). */
function entryRuns(block: string): string[] {
  const starts = [0];
  for (let at = block.indexOf("\n  - "); at >= 0; at = block.indexOf("\n  - ", at + 1)) {
    starts.push(at + 1);
  }
  starts.push(block.length);
  const runs: string[] = [];
  for (let i = 0; i + 1 < starts.length; i += 3) {
    runs.push(block.slice(starts[i], starts[Math.min(i + 1 + (i % 3), starts.length - 1)]));
  }
  return runs;
}

describe("parseChartBlock on edited real blocks", () => {
  it("agrees with js-yaml after random edits, or gives undefined (also where js-yaml throws)", () => {
    const runs = HELM_FIXTURE_REPOS.flatMap((repo) => fixtureBlocks(repo).flatMap(entryRuns));
    const next = random(0x5eed);
    const problems: string[] = [];
    let taken = 0;
    for (let i = 0; i < 6000; i++) {
      let text = runs[Math.floor(next() * runs.length)]!;
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) text = mutate(text, next);
      const problem = disagreement(text);
      if (problem !== undefined)
        problems.push(`${problem.slice(0, 300)} for ${JSON.stringify(text)}`);
      if (parseChartBlock(text) !== undefined) taken++;
    }
    expect(problems.slice(0, 5)).toEqual([]);
    // The edits must leave plenty of texts the fast reader takes, or the test proves little.
    expect(taken).toBeGreaterThan(2000);
  });
});
