/**
 * Comparing two versions (issue 20): two generated chart packages of about 1 MB each (a 300 KB
 * values.yaml, a values schema, changelog and images annotations, incompressible templates),
 * served by a local Helm repository; one `compareChartVersions` reads both packages into the
 * content cache, then every later comparison is timed through the GraphQL schema. Baseline,
 * measured in the same run: a plain js-yaml parse of both values files. Targets: ≤ 50 ms per
 * comparison from cache, and no registry request once both versions are cached.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { type AddressInfo } from "node:net";
import path from "node:path";
import { graphql } from "graphql";
import { dump, load } from "js-yaml";
import { DEFAULT_VIEWER } from "../src/access/viewer";
import { toGlobalId } from "../src/services/ids";
import { median, percentile } from "./bench-support";
import { startBenchGateway } from "./gateway-harness";
import { fmt, ms, passFail, table } from "./report";

const TARGET_MS = 50;
const RUNS = 30;
const SECTIONS = 80;
const KEYS_PER_SECTION = 40;

const COMPARE = `query($id: ID!, $from: String!, $to: String!) {
  compareChartVersions(registryId: $id, chart: "big", from: $from, to: $to) {
    direction
    values { added { path from to } removed { path from to } changed { path from to } fromLeaves toLeaves }
    schema { breaking { kind path } harmless { kind path } }
    dependencies { name kind fromVersion toVersion }
    appVersion { from to changed }
    changelog { version entries { kind description } error }
    images { added { reference } removed { reference } }
  }
}`;

/** Values of one version: `version` shifts a few defaults, adds and removes a few keys. */
function values(version: number): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (let s = 0; s < SECTIONS; s++) {
    const section: Record<string, unknown> = {
      image: {
        registry: "ghcr.io",
        repository: `example/component-${s}`,
        tag: `v1.${version}.${s % 3}`,
      },
    };
    for (let k = 0; k < KEYS_PER_SECTION; k++) {
      if ((s + k) % 37 === version) continue;
      section[`setting${k}`] =
        k % 4 === 0
          ? { enabled: (s + k + version) % 11 === 0, list: [k, s, "x".repeat(20)] }
          : `value ${s}-${k} ${(s * k) % 13 === version ? "changed" : "default"} ${"lorem ipsum ".repeat(4)}`;
    }
    doc[`component${s}`] = section;
  }
  return doc;
}

/** A JSON schema with one property per values leaf of `doc`, types from the values. */
function schemaOf(doc: unknown): unknown {
  if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) {
    return {
      type: "object",
      properties: Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, schemaOf(v)])),
    };
  }
  return { type: Array.isArray(doc) ? "array" : typeof doc, description: "A setting." };
}

function buildPackage(dir: string, version: number): string {
  const root = path.join(dir, `pkg-${version}`, "big");
  mkdirSync(path.join(root, "templates"), { recursive: true });
  const doc = values(version);
  const chartYaml = {
    apiVersion: "v2",
    name: "big",
    version: `1.${version}.0`,
    appVersion: `v1.${version}`,
    annotations: {
      "artifacthub.io/changes": dump([{ kind: "changed", description: `Release ${version}` }]),
      "artifacthub.io/images": dump([
        { name: "main", image: `ghcr.io/example/main:v1.${version}` },
      ]),
    },
  };
  writeFileSync(path.join(root, "Chart.yaml"), dump(chartYaml));
  writeFileSync(path.join(root, "values.yaml"), dump(doc, { lineWidth: -1 }));
  writeFileSync(path.join(root, "values.schema.json"), JSON.stringify(schemaOf(doc), null, 2));
  // Incompressible templates bring the package to about 1 MB.
  for (let i = 0; i < 11; i++) {
    writeFileSync(
      path.join(root, "templates", `blob-${i}.yaml`),
      `# ${randomBytes(90 * 1024).toString("base64")}\n`,
    );
  }
  const file = path.join(dir, `big-1.${version}.0.tgz`);
  execFileSync("tar", ["-czf", file, "-C", path.dirname(root), "big"]);
  return file;
}

export async function compareSection(tmpRoot: string, section: number): Promise<void> {
  const dir = path.join(tmpRoot, "compare");
  mkdirSync(dir, { recursive: true });
  const files = [buildPackage(dir, 1), buildPackage(dir, 2)];
  const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
  const index = dump({
    apiVersion: "v1",
    entries: {
      big: files.map((file, i) => ({
        apiVersion: "v2",
        name: "big",
        version: `1.${i + 1}.0`,
        digest: sha(file),
        urls: [path.basename(file)],
        created: "2024-01-02T03:04:05Z",
        annotations: (
          load(execFileSync("tar", ["-xzOf", file, "big/Chart.yaml"], { encoding: "utf8" })) as {
            annotations: Record<string, string>;
          }
        ).annotations,
      })),
    },
  });
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const name = (req.url ?? "").split("/").pop() ?? "";
    if (name === "index.yaml") return void res.end(index);
    const file = files.find((f) => path.basename(f) === name);
    if (!file) return void res.writeHead(404).end();
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gateway = await startBenchGateway(path.join(dir, "gateway"));
  try {
    const registry = await gateway.services.registries.add(DEFAULT_VIEWER, "HELM", {
      name: "compare",
      endpoint: `${origin}/charts`,
    });
    await gateway.engine.waitFor((await gateway.engine.request(registry, "MANUAL")).id);
    const variables = { id: toGlobalId("Registry", registry.id), from: "1.1.0", to: "1.2.0" };
    const run = async () => {
      const result = await graphql({
        schema: gateway.schema,
        source: COMPARE,
        variableValues: variables,
        contextValue: gateway.context(DEFAULT_VIEWER),
      });
      if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
      return result.data as {
        compareChartVersions: { values: { changed: unknown[]; added: unknown[] } };
      };
    };
    const first = await run();
    const afterFirst = requests;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    const cachedRequests = requests - afterFirst;
    const texts = files.map((f) =>
      execFileSync("tar", ["-xzOf", f, "big/values.yaml"], {
        encoding: "utf8",
        maxBuffer: 1 << 26,
      }),
    );
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      for (const text of texts) load(text);
      baseline.push(performance.now() - t0);
    }
    const compareMs = median(times);
    const baselineMs = median(baseline);
    console.log(
      `\n[${section}] Compare two versions: generated packages ${files
        .map((f) => `${fmt(statSync(f).size)} B`)
        .join(" and ")} (values.yaml ${texts.map((t) => `${fmt(t.length)} B`).join(" / ")}); ` +
        `${fmt(first.compareChartVersions.values.changed.length)} changed and ` +
        `${fmt(first.compareChartVersions.values.added.length)} added leaves`,
    );
    console.log(
      table([
        ["measure", "median", "p95", "target", ""],
        [
          "compareChartVersions from cache (GraphQL, in process)",
          ms(compareMs),
          ms(percentile(times, 95)),
          `≤ ${TARGET_MS} ms`,
          passFail(compareMs <= TARGET_MS),
        ],
        [
          "baseline: js-yaml load of both values.yaml",
          ms(baselineMs),
          ms(percentile(baseline, 95)),
          "",
          "",
        ],
        ["ratio compare / baseline", `${fmt(compareMs / baselineMs, 2)}×`, "", "", ""],
        [
          `registry requests during ${RUNS} cached comparisons`,
          String(cachedRequests),
          "",
          "0",
          passFail(cachedRequests === 0),
        ],
      ]),
    );
  } finally {
    await gateway.stop(2000);
    server.close();
  }
}
