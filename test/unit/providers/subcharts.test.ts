/**
 * readChartTree's bounds, on packages written here with GNU tar: a vendored `.tgz` that is no
 * package is reported on that sub-chart while the rest is read; more than MAX_SUBCHARTS
 * sub-charts are cut with a note; the packages inside the package share its decompression
 * budget; and the argo-cd package of ../shared/fixtures matches GNU tar's own reading.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { DEFAULT_PACKAGE_LIMITS } from "../../../src/providers/chart-package";
import { MAX_SUBCHARTS, readChartTree } from "../../../src/providers/subcharts";
import { fixturePath } from "../../helpers/fixtures";

const ARGO = fixturePath("charts-diff", "argo-cd-7.5.0.tgz");

let work: string;
beforeEach(() => (work = mkdtempSync(join(tmpdir(), "subcharts-unit-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Writes `files` (path → content) under `<work>/<tag>/` and packs `<root>` with GNU tar. */
function pack(tag: string, root: string, files: Record<string, string | Buffer>): Buffer {
  const base = join(work, tag);
  for (const [path, content] of Object.entries(files)) {
    const file = join(base, root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  const out = join(work, `${tag}.tgz`);
  execFileSync("tar", ["--sort=name", "-C", base, "-czf", out, root]);
  return readFileSync(out);
}

const chartYaml = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`;

it("reports a vendored .tgz that is no package on that sub-chart and reads the others", async () => {
  const good = pack("good", "good", { "Chart.yaml": chartYaml("good"), "values.yaml": "a: 1\n" });
  const data = pack("parent", "parent", {
    "Chart.yaml": chartYaml("parent"),
    "charts/broken-1.0.0.tgz": randomBytes(512),
    "charts/good-1.0.0.tgz": good,
  });
  const tree = await readChartTree(data, DEFAULT_PACKAGE_LIMITS, "test");
  expect(tree.documents.chartYaml).toBe(chartYaml("parent"));
  const byPath = new Map(tree.subcharts.map((s) => [s.path, s]));
  expect(byPath.get("charts/broken-1.0.0.tgz")?.error).toMatch(/gzip/);
  expect(byPath.get("charts/good-1.0.0.tgz")).toMatchObject({
    chartYaml: chartYaml("good"),
    values: "a: 1\n",
    error: null,
  });
});

it(`reads at most ${MAX_SUBCHARTS} sub-charts and says so`, async () => {
  const files: Record<string, string> = { "Chart.yaml": chartYaml("many") };
  const count = MAX_SUBCHARTS + 6;
  for (let i = 0; i < count; i++) files[`charts/s${i}/Chart.yaml`] = chartYaml(`s${i}`);
  const tree = await readChartTree(pack("many", "many", files), DEFAULT_PACKAGE_LIMITS);
  expect(tree.subcharts.filter((s) => s.chartYaml !== null)).toHaveLength(MAX_SUBCHARTS);
  expect(tree.skipped).toEqual([`only the first ${MAX_SUBCHARTS} sub-charts were read`]);
});

it("the packages inside a package share its decompression budget", async () => {
  // Two packages of 150 KiB of text each, compressed to little: each fits in 256 KiB alone, not
  // both together.
  const inner = (name: string) =>
    pack(name, name, {
      "Chart.yaml": chartYaml(name),
      "values.yaml": `text: "${"x".repeat(150 * 1024)}"\n`,
    });
  const data = pack("outer", "outer", {
    "Chart.yaml": chartYaml("outer"),
    "charts/a-1.0.0.tgz": inner("a"),
    "charts/b-1.0.0.tgz": inner("b"),
  });
  const limits = { ...DEFAULT_PACKAGE_LIMITS, maxUnpackedBytes: 256 * 1024 };
  const tree = await readChartTree(data, limits);
  expect(tree.documents.chartYaml).toBe(chartYaml("outer"));
  expect(tree.subcharts.map((s) => [s.path, s.error === null])).toEqual([
    ["charts/a-1.0.0.tgz", true],
    ["charts/b-1.0.0.tgz", false],
  ]);
  expect(tree.subcharts[1]!.error).toMatch(/limit once decompressed/);
  // Each alone fits.
  const alone = await readChartTree(
    pack("one", "one", { "Chart.yaml": chartYaml("one"), "charts/b-1.0.0.tgz": inner("b2") }),
    limits,
  );
  expect(alone.subcharts[0]!.error).toBeNull();
});

it("reads argo-cd's vendored redis-ha as GNU tar does", async () => {
  const tar = (member: string) => execFileSync("tar", ["-xzOf", ARGO, member]).toString("utf8");
  const tree = await readChartTree(readFileSync(ARGO), DEFAULT_PACKAGE_LIMITS);
  expect(tree.subcharts).toEqual([
    {
      path: "charts/redis-ha",
      chartYaml: tar("argo-cd/charts/redis-ha/Chart.yaml"),
      values: tar("argo-cd/charts/redis-ha/values.yaml"),
      error: null,
      subcharts: [],
    },
  ]);
  expect(tree.skipped).toEqual([]);
  expect(tree.documents.values).toBe(tar("argo-cd/values.yaml"));
});
