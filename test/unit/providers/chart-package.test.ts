import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createGunzip, gzipSync } from "node:zlib";
import { once } from "node:events";
import { Header, type HeaderData } from "tar";
import {
  DEFAULT_PACKAGE_LIMITS,
  MAX_LISTED_FILES,
  readPackage,
  sha256Hex,
  type PackageLimits,
} from "../../../src/providers/chart-package";
import { RegistryErrorCode } from "../../../src/providers/errors";
import { fixturePath } from "../../helpers/fixtures";
import { registryFailure } from "../../helpers/registry-errors";

const DASHBOARD_608 = fixturePath(
  "helm",
  "kubernetes-dashboard",
  "charts",
  "kubernetes-dashboard-6.0.8.tgz",
);
const DASHBOARD_700_ALPHA1 = fixturePath(
  "helm",
  "kubernetes-dashboard",
  "charts",
  "kubernetes-dashboard-7.0.0-alpha1.tgz",
);
const FLUENT_BIT = fixturePath("packs", "fluentbit-4.1.0", "charts", "fluent-bit-0.54.0.tgz");
const AKUITY_PACK = fixturePath("packs", "akuity-agent-0.30.0-5.5.2026");
const AKUITY_CHART = fixturePath(
  "packs",
  "akuity-agent-0.30.0-5.5.2026",
  "charts",
  "akuity-agent-0.30.0-5.5.2026.tgz",
);

/** GNU tar's listing of a package: every entry path, as written in the archive. */
function gnuTarList(file: string): string[] {
  return execFileSync("tar", ["-tzf", file]).toString("utf8").split("\n").filter(Boolean);
}

/** GNU tar's reading of one member, or undefined when the package has no such member. */
function gnuTarRead(file: string, member: string): string | undefined {
  if (!gnuTarList(file).includes(member)) return undefined;
  return execFileSync("tar", ["-xzOf", file, member]).toString("utf8");
}

/** One entry of a package built by a test. */
interface BuiltEntry extends HeaderData {
  path: string;
  body?: string | Buffer;
}

/** A tar stream of the entries, headers encoded by the `tar` package, ended by two zero blocks. */
function tarArchive(entries: readonly BuiltEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const { body, ...data } of entries) {
    const bytes = typeof body === "string" ? Buffer.from(body) : (body ?? Buffer.alloc(0));
    const header = new Header({
      mode: data.type === "Directory" ? 0o755 : 0o644,
      mtime: new Date("2024-01-01T00:00:00Z"),
      type: "File",
      ...data,
      size: bytes.length,
    });
    header.encode();
    blocks.push(header.block!, bytes, Buffer.alloc((512 - (bytes.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** A `.tgz` package of the entries. */
function buildPackage(entries: readonly BuiltEntry[]): Buffer {
  return gzipSync(tarArchive(entries));
}

/**
 * A gzip bomb: a `.tgz` whose one file `bomb/zeros.bin` holds `mebibytes` MiB of zeros. It is a
 * chain of gzip members (a header, then the same compressed MiB of zeros again and again), so it
 * is built in bounded memory, about 1 KiB compressed per MiB.
 */
function gzipBomb(mebibytes: number): Buffer {
  const mib = 1024 * 1024;
  const header = new Header({ path: "bomb/zeros.bin", size: mebibytes * mib, type: "File" });
  header.encode();
  const zeroMember = gzipSync(Buffer.alloc(mib), { level: 9 });
  return Buffer.concat([gzipSync(header.block!), ...Array<Buffer>(mebibytes).fill(zeroMember)]);
}

/** Time to inflate a gzip stream completely, counting its output without keeping it. */
async function fullInflateMs(data: Buffer): Promise<number> {
  const started = performance.now();
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  gunzip.resume();
  const ended = once(gunzip, "end");
  gunzip.end(data);
  await ended;
  return performance.now() - started;
}

const CHART_YAML = "apiVersion: v2\nname: demo\nversion: 1.0.0\n";

describe("readPackage", () => {
  describe("real chart packages, read as GNU tar reads them", () => {
    it.each([
      ["kubernetes-dashboard 6.0.8", DASHBOARD_608],
      ["kubernetes-dashboard 7.0.0-alpha1 (three subcharts)", DASHBOARD_700_ALPHA1],
      ["fluent-bit 0.54.0 (from the fluentbit pack)", FLUENT_BIT],
      ["akuity-agent (from the akuity-agent pack)", AKUITY_CHART],
    ])("%s", async (_name, file) => {
      const listed = gnuTarList(file);
      const root = listed[0]!.split("/")[0]!;
      const documents = await readPackage(readFileSync(file));

      expect(documents.root).toBe(root);
      expect(documents.files).toEqual(
        listed.filter((p) => !p.endsWith("/")).map((p) => p.slice(root.length + 1)),
      );
      expect(documents.filesTruncated).toBe(false);
      expect(documents.chartYaml).toBe(gnuTarRead(file, `${root}/Chart.yaml`));
      expect(documents.values).toBe(gnuTarRead(file, `${root}/values.yaml`));
      expect(documents.readme).toBe(gnuTarRead(file, `${root}/README.md`));
      expect(documents.valuesSchema).toBe(gnuTarRead(file, `${root}/values.schema.json`));
      expect(documents.packJson).toBeUndefined();
      expect(documents.schemaYaml).toBeUndefined();
      expect(documents.chartYaml).toMatch(/^apiVersion: v[12]$/m);
      expect(documents.values?.length).toBeGreaterThan(0);
    });

    it("takes the chart's own values and README, not those of its subcharts", async () => {
      const documents = await readPackage(readFileSync(DASHBOARD_608));
      expect(documents.chartYaml).toBe(
        readFileSync(fixturePath("charts", "kubernetes-dashboard-6.0.8", "Chart.yaml"), "utf8"),
      );
      const subchart = "kubernetes-dashboard/charts/metrics-server";
      expect(documents.values).not.toBe(gnuTarRead(DASHBOARD_608, `${subchart}/values.yaml`));
      expect(documents.readme).not.toBe(gnuTarRead(DASHBOARD_608, `${subchart}/README.md`));
      expect(documents.files).toContain("charts/metrics-server/values.yaml");
    });
  });

  it("hashes a package as SOURCES.md and the repository index state", () => {
    expect(sha256Hex(readFileSync(DASHBOARD_608))).toBe(
      "b7948839fd36e9bd7c81d0f22f60d857f67b0b4ab5009699b042ad853d820882",
    );
  });

  it("reads a pack: pack.json, values.yaml, README.md and schema.yaml", async () => {
    const packFile = (name: string) => readFileSync(`${AKUITY_PACK}/${name}`);
    const readme = "# Akuity agent\n\nConnects a cluster to the Akuity platform.\n";
    const pack = buildPackage([
      { path: "akuity-agent/", type: "Directory" },
      { path: "akuity-agent/pack.json", body: packFile("pack.json") },
      { path: "akuity-agent/values.yaml", body: packFile("values.yaml") },
      { path: "akuity-agent/README.md", body: readme },
      { path: "akuity-agent/schema.yaml", body: packFile("schema.yaml") },
      {
        path: "akuity-agent/charts/akuity-agent-0.30.0-5.5.2026.tgz",
        body: readFileSync(AKUITY_CHART),
      },
    ]);
    const documents = await readPackage(pack);
    expect(documents).toEqual({
      root: "akuity-agent",
      packJson: packFile("pack.json").toString("utf8"),
      values: packFile("values.yaml").toString("utf8"),
      readme,
      schemaYaml: packFile("schema.yaml").toString("utf8"),
      files: [
        "pack.json",
        "values.yaml",
        "README.md",
        "schema.yaml",
        "charts/akuity-agent-0.30.0-5.5.2026.tgz",
      ],
      filesTruncated: false,
    });
  });

  it("keeps an empty values.yaml as an empty document (kubeflow-pipelines 1.5.0 ships one)", async () => {
    const empty = readFileSync(fixturePath("packs", "kubeflow-pipelines-1.5.0", "values.yaml"));
    expect(empty).toHaveLength(0);
    const documents = await readPackage(
      buildPackage([
        { path: "kubeflow-pipelines/pack.json", body: "{}" },
        { path: "kubeflow-pipelines/values.yaml", body: empty },
      ]),
    );
    expect(documents.values).toBe("");
  });

  it("does not let a subchart's documents win over the parent's, whatever the order", async () => {
    const pkg = (parent: BuiltEntry[]) =>
      buildPackage([
        { path: "parent/charts/sub/Chart.yaml", body: "name: sub\n" },
        { path: "parent/charts/sub/values.yaml", body: "from: subchart\n" },
        { path: "parent/charts/sub/README.md", body: "# sub\n" },
        { path: "parent/charts/sub/values.schema.json", body: '{"title":"sub"}' },
        ...parent,
      ]);
    const withParent = await readPackage(
      pkg([
        { path: "parent/Chart.yaml", body: CHART_YAML },
        { path: "parent/values.yaml", body: "from: parent\n" },
        { path: "parent/README.md", body: "# parent\n" },
      ]),
    );
    expect(withParent.values).toBe("from: parent\n");
    expect(withParent.readme).toBe("# parent\n");
    expect(withParent.chartYaml).toBe(CHART_YAML);
    expect(withParent.valuesSchema).toBeUndefined();

    const withoutParent = await readPackage(pkg([{ path: "parent/Chart.yaml", body: CHART_YAML }]));
    expect(withoutParent.values).toBeUndefined();
    expect(withoutParent.readme).toBeUndefined();
  });

  it("finds the README in any letter case, preferring Markdown", async () => {
    const read = (names: string[]) =>
      readPackage(
        buildPackage(names.map((name) => ({ path: `demo/${name}`, body: `this is ${name}` }))),
      );
    expect((await read(["readme.TXT"])).readme).toBe("this is readme.TXT");
    expect((await read(["README"])).readme).toBe("this is README");
    expect((await read(["README.txt", "Readme.md", "README"])).readme).toBe("this is Readme.md");
    expect((await read(["README.gotmpl", "README.md.gotmpl"])).readme).toBeUndefined();
  });

  it("reads the schema from values.schema.json", async () => {
    const schema = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"object"}';
    const documents = await readPackage(
      buildPackage([
        { path: "demo/Chart.yaml", body: CHART_YAML },
        { path: "demo/values.schema.json", body: schema },
      ]),
    );
    expect(documents.valuesSchema).toBe(schema);
  });

  it("accepts paths written as ./demo/… and directory entries", async () => {
    const documents = await readPackage(
      buildPackage([
        { path: "./", type: "Directory" },
        { path: "./demo/", type: "Directory" },
        { path: "./demo/values.yaml", body: "a: 1\n" },
      ]),
    );
    expect(documents.root).toBe("demo");
    expect(documents.values).toBe("a: 1\n");
    expect(documents.files).toEqual(["values.yaml"]);
  });

  it("ignores symbolic and hard links instead of following them", async () => {
    const documents = await readPackage(
      buildPackage([
        { path: "demo/Chart.yaml", body: CHART_YAML },
        { path: "demo/values.yaml", type: "SymbolicLink", linkpath: "/etc/passwd" },
        { path: "demo/README.md", type: "Link", linkpath: "demo/Chart.yaml" },
      ]),
    );
    expect(documents.values).toBeUndefined();
    expect(documents.readme).toBeUndefined();
    expect(documents.files).toEqual(["Chart.yaml"]);
  });

  it.each([
    ["a parent-directory path", "../evil"],
    ["a path climbing out of the folder", "demo/../../evil"],
    ["an absolute path", "/etc/passwd"],
    ["a Windows drive path", "C:/Windows/evil"],
    ["a Windows-style parent path", "demo\\..\\..\\evil"],
  ])("refuses %s as path traversal", async (_what, path) => {
    const error = await registryFailure(
      readPackage(
        buildPackage([
          { path: "demo/Chart.yaml", body: CHART_YAML },
          { path, body: "owned\n" },
        ]),
        DEFAULT_PACKAGE_LIMITS,
        "evil-1.0.0.tgz",
      ),
    );
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(/path traversal/);
    expect(error.message).toContain("evil-1.0.0.tgz");
    expect(error.message).toContain(JSON.stringify(path));
  });

  it("stops a gzip bomb (1 GiB of zeros in about 1 MB) without inflating it", async () => {
    const bomb = gzipBomb(1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    // The best of three runs each way, so that a moment of load on a shared machine does not
    // decide the comparison.
    let elapsed = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const error = await registryFailure(readPackage(bomb, DEFAULT_PACKAGE_LIMITS, "bomb.tgz"));
      elapsed = Math.min(elapsed, performance.now() - started);
      expect(error.code).toBe(RegistryErrorCode.TOO_LARGE);
      expect(error.message).toContain(`${DEFAULT_PACKAGE_LIMITS.maxUnpackedBytes}-byte limit`);
    }
    let full = Infinity;
    for (let i = 0; i < 3; i++) full = Math.min(full, await fullInflateMs(bomb));
    // Reading stops at the 100 MiB limit: about a tenth of the work of inflating the whole GiB
    // (a reader that inflated it all would take at least `full`). The bound leaves room for a
    // loaded machine: CI once measured 848 against 1,556 ms while another suite ran beside it.
    expect(elapsed).toBeLessThan(full * 0.75);
  });

  it("does not hand what follows the archive's end to tar (whose buffering of it is quadratic)", async () => {
    const archive = tarArchive([{ path: "demo/Chart.yaml", body: CHART_YAML }]);
    // A little padding after the end blocks is ignored, as Helm's reader ignores it.
    const padded = await readPackage(gzipSync(Buffer.concat([archive, Buffer.alloc(4 << 20)])));
    expect(padded.chartYaml).toBe(CHART_YAML);
    // 101 MiB of padding crosses the unpacked limit; before, tar spent minutes concatenating it.
    const bomb = gzipSync(Buffer.concat([archive, Buffer.alloc(101 << 20)]), { level: 9 });
    const error = await registryFailure(readPackage(bomb));
    expect(error.code).toBe(RegistryErrorCode.TOO_LARGE);
  });

  it("refuses a package larger than the compressed limit before decompressing", async () => {
    const data = readFileSync(DASHBOARD_608);
    const limits: PackageLimits = { ...DEFAULT_PACKAGE_LIMITS, maxPackageBytes: data.length - 1 };
    const error = await registryFailure(readPackage(data, limits));
    expect(error.code).toBe(RegistryErrorCode.TOO_LARGE);
    expect(error.message).toContain(String(data.length));
  });

  it("refuses a document above the per-file limit, but not a large file it does not keep", async () => {
    const limits: PackageLimits = { ...DEFAULT_PACKAGE_LIMITS, maxFileBytes: 1024 };
    const big = "x: 1\n".repeat(1000);
    const fine = await readPackage(
      buildPackage([
        { path: "demo/values.yaml", body: "a: 1\n" },
        { path: "demo/templates/big.yaml", body: big },
      ]),
      limits,
    );
    expect(fine.values).toBe("a: 1\n");

    const error = await registryFailure(
      readPackage(buildPackage([{ path: "demo/values.yaml", body: big }]), limits),
    );
    expect(error.code).toBe(RegistryErrorCode.TOO_LARGE);
    expect(error.message).toContain('"demo/values.yaml"');
  });

  it.each([
    ["cut in half", (data: Buffer) => data.subarray(0, Math.floor(data.length / 2))],
    ["without its gzip trailer", (data: Buffer) => data.subarray(0, data.length - 8)],
  ])("refuses a package %s as truncated", async (_what, cut) => {
    const error = await registryFailure(readPackage(cut(readFileSync(DASHBOARD_608))));
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(/truncated/);
  });

  it("refuses a complete gzip stream holding a truncated tar", async () => {
    const tar = tarArchive([{ path: "demo/values.yaml", body: "a: 1\n".repeat(500) }]);
    const error = await registryFailure(readPackage(gzipSync(tar.subarray(0, 1024))));
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(/truncated/i);
  });

  it.each([
    ["a YAML file", Buffer.from(CHART_YAML), /gzip/],
    ["an HTML page", Buffer.from("<!doctype html><title>Sign in</title>"), /gzip/],
    ["an uncompressed tar", tarArchive([{ path: "demo/Chart.yaml", body: CHART_YAML }]), /gzip/],
    ["an empty body", Buffer.alloc(0), /gzip/],
    ["gzip-compressed text", gzipSync(CHART_YAML.repeat(20)), /not a valid tar archive/],
    ["gzip-compressed nothing", gzipSync(Buffer.alloc(0)), /not a valid tar archive/],
    ["an empty tar", gzipSync(Buffer.alloc(1024)), /not a valid tar archive/],
    [
      "a tar holding only its current directory",
      buildPackage([{ path: "./", type: "Directory" }]),
      /holds no top-level folder/,
    ],
    ["corrupt gzip", Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff]), /gzip/],
    [
      "a package compressed twice",
      gzipSync(buildPackage([{ path: "demo/Chart.yaml", body: CHART_YAML }])),
      /compressed a second time/,
    ],
  ])("refuses %s", async (_what, data, message) => {
    const error = await registryFailure(readPackage(data));
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(message);
  });

  it("refuses a document that is not valid UTF-8, naming it", async () => {
    const latin1 = Buffer.from("name: caf\xe9\n", "latin1");
    const error = await registryFailure(
      readPackage(
        buildPackage([
          { path: "demo/Chart.yaml", body: CHART_YAML },
          { path: "demo/values.yaml", body: latin1 },
        ]),
      ),
    );
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(/UTF-8/);
    expect(error.message).toContain('"demo/values.yaml"');

    const binaryElsewhere = await readPackage(
      buildPackage([
        { path: "demo/Chart.yaml", body: CHART_YAML },
        { path: "demo/files/logo.bin", body: latin1 },
      ]),
    );
    expect(binaryElsewhere.chartYaml).toBe(CHART_YAML);
  });

  it.each([
    [
      "two top-level folders",
      [
        { path: "one/Chart.yaml", body: CHART_YAML },
        { path: "two/Chart.yaml", body: CHART_YAML },
      ],
      /more than one top-level folder \("one" and "two"\)/,
    ],
    [
      "a file at the top level",
      [
        { path: "Chart.yaml", body: CHART_YAML },
        { path: "demo/values.yaml", body: "a: 1\n" },
      ],
      /outside a top-level folder \("Chart.yaml"\)/,
    ],
  ])("refuses %s", async (_what, entries, message) => {
    const error = await registryFailure(readPackage(buildPackage(entries)));
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(message);
  });

  it("lists at most MAX_LISTED_FILES files and says the list is cut", async () => {
    const entries: BuiltEntry[] = [];
    for (let i = 0; i <= MAX_LISTED_FILES; i++) entries.push({ path: `many/files/${i}.txt` });
    const documents = await readPackage(buildPackage(entries));
    expect(documents.files).toHaveLength(MAX_LISTED_FILES);
    expect(documents.files[0]).toBe("files/0.txt");
    expect(documents.filesTruncated).toBe(true);
  });
});
