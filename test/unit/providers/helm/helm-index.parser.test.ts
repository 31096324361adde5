import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { CORE_SCHEMA, FAILSAFE_SCHEMA, load } from "js-yaml";
import { RegistryError, RegistryErrorCode } from "../../../../src/providers/errors";
import {
  HelmIndexWarning,
  parseHelmIndex,
  parseHelmIndexAsync,
  type HelmIndexParseResult,
} from "../../../../src/providers/helm/helm-index.parser";
import { fixturePath } from "../../../helpers/fixtures";

const BASE = "https://charts.example.test/repo";

/** Counts from /work/shared/fixtures/SOURCES.md (parsed there with yaml@2 and PyYAML). */
const FIXTURES = [
  { repo: "bitnami", charts: 108, versions: 3448 },
  { repo: "grafana", charts: 41, versions: 3591 },
  { repo: "argo-helm", charts: 11, versions: 1628 },
  { repo: "prometheus-community", charts: 18, versions: 862 },
  { repo: "ingress-nginx", charts: 1, versions: 177 },
  { repo: "kubernetes-dashboard", charts: 1, versions: 81 },
  { repo: "spectrocloud", charts: 4, versions: 5 },
] as const;

const cache = new Map<string, Buffer>();
function fixtureIndex(repo: string): Buffer {
  let data = cache.get(repo);
  if (data === undefined) {
    data = readFileSync(fixturePath("helm", repo, "index.yaml"));
    cache.set(repo, data);
  }
  return data;
}

function parse(text: string, options: Partial<Parameters<typeof parseHelmIndex>[1]> = {}) {
  return parseHelmIndex(Buffer.from(text), { baseUrl: BASE, ...options });
}

function parseError(input: string | Buffer): RegistryError {
  try {
    parseHelmIndex(typeof input === "string" ? Buffer.from(input) : input, { baseUrl: BASE });
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error("expected the parse to fail");
}

function versionCount(result: HelmIndexParseResult): number {
  return result.charts.reduce((sum, chart) => sum + chart.versions.length, 0);
}

function only(result: HelmIndexParseResult, chart = "demo") {
  const found = result.charts.find((c) => c.name === chart);
  if (found === undefined) throw new Error(`chart ${chart} missing`);
  return found;
}

describe("parseHelmIndex on the real fixtures", () => {
  it.each(FIXTURES)(
    "$repo: $charts charts; every one of the $versions version records is kept or reported as a duplicate",
    ({ repo, charts, versions }) => {
      const result = parseHelmIndex(fixtureIndex(repo), { baseUrl: `${BASE}/${repo}` });
      expect(result.charts).toHaveLength(charts);
      const duplicates = result.warnings.filter(
        (w) => w.code === HelmIndexWarning.DUPLICATE_VERSION,
      );
      expect(versionCount(result) + duplicates.length).toBe(versions);
      expect(result.warnings.filter((w) => w.code !== HelmIndexWarning.DUPLICATE_VERSION)).toEqual(
        [],
      );
      expect(result.apiVersion).toBe("v1");
      for (const chart of result.charts) {
        for (const version of chart.versions) {
          for (const url of version.urls) expect(url).toMatch(/^https:\/\//);
        }
      }
    },
  );

  it("keeps the newest entry of a version the index lists several times (ingress-nginx 4.12.0-beta.0)", () => {
    const raw = load(fixtureIndex("ingress-nginx").toString("utf8"), {
      schema: FAILSAFE_SCHEMA,
    }) as { entries: Record<string, { version: string; created: string; digest: string }[]> };
    const copies = raw.entries["ingress-nginx"]!.filter((e) => e.version === "4.12.0-beta.0");
    expect(copies.length).toBeGreaterThan(1);
    const newest = copies.reduce((a, b) => (Date.parse(b.created) > Date.parse(a.created) ? b : a));
    const result = parseHelmIndex(fixtureIndex("ingress-nginx"), { baseUrl: BASE });
    const kept = only(result, "ingress-nginx").versions.filter(
      (v) => v.version === "4.12.0-beta.0",
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]!.digest).toBe(newest.digest);
  });

  it.each([
    ["argo-helm", 328],
    ["kubernetes-dashboard", 54],
  ])("%s: resolves its %i relative URLs against the repository URL", (repo, relative) => {
    const base = `${BASE}/${repo}`;
    const result = parseHelmIndex(fixtureIndex(repo), { baseUrl: base });
    const urls = result.charts.flatMap((c) => c.versions.flatMap((v) => v.urls));
    expect(urls.filter((u) => u.startsWith(`${base}/`))).toHaveLength(relative);
    for (const url of urls) expect(() => new URL(url)).not.toThrow();
  });

  it("kubernetes-dashboard 6.0.8: digest is the sha256 of the real package, URL points at it", () => {
    const pkg = readFileSync(
      fixturePath("helm", "kubernetes-dashboard", "charts", "kubernetes-dashboard-6.0.8.tgz"),
    );
    const sha256 = createHash("sha256").update(pkg).digest("hex");
    const result = parseHelmIndex(fixtureIndex("kubernetes-dashboard"), {
      baseUrl: "https://kubernetes.github.io/dashboard",
    });
    const record = only(result, "kubernetes-dashboard").versions.find((v) => v.version === "6.0.8");
    expect(record?.digest).toBe(sha256);
    expect(record?.urls).toEqual([
      "https://kubernetes.github.io/dashboard/kubernetes-dashboard-6.0.8.tgz",
    ]);
    expect(record?.dependencies.length).toBeGreaterThan(0);
  });

  it.each(["kubernetes-dashboard", "argo-helm", "bitnami"])(
    "%s: the JSON form of the index gives identical records",
    (repo) => {
      const yamlBytes = fixtureIndex(repo);
      // What `helm repo index --json` would write: the same document as JSON.
      const json = JSON.stringify(load(yamlBytes.toString("utf8"), { schema: CORE_SCHEMA }));
      const fromYaml = parseHelmIndex(yamlBytes, { baseUrl: BASE });
      const fromJson = parseHelmIndex(Buffer.from(json), { baseUrl: BASE });
      expect(fromJson).toEqual(fromYaml);
    },
  );

  it("reports parsing progress up to the number of charts", () => {
    const calls: [number, number][] = [];
    parseHelmIndex(fixtureIndex("prometheus-community"), {
      baseUrl: BASE,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls[0]).toEqual([0, 18]);
    expect(calls[calls.length - 1]).toEqual([18, 18]);
  });
});

describe("parseHelmIndex field normalization", () => {
  it("keeps versions as written, even when YAML would read them as numbers", () => {
    const result = parse(`apiVersion: v1
entries:
  demo:
  - name: demo
    version: 1.10
    appVersion: 2.0
    created: 2016-10-06T16:23:20.499814565-06:00
  - name: demo
    version: 010
`);
    const [a, b] = only(result).versions;
    expect(a).toMatchObject({
      version: "1.10",
      appVersion: "2.0",
      created: "2016-10-06T16:23:20.499814565-06:00",
    });
    expect(b!.version).toBe("010");
  });

  it("normalizes every documented field", () => {
    const result = parse(`apiVersion: v1
entries:
  demo:
  - apiVersion: v2
    name: demo
    version: 1.2.3
    appVersion: "1.0"
    description: A demo chart
    created: "2024-01-02T03:04:05Z"
    digest: abc123
    kubeVersion: ">=1.21.0-0"
    type: application
    deprecated: true
    home: https://example.test
    icon: https://example.test/icon.svg
    keywords: [a, b]
    sources: [https://github.com/example/demo]
    maintainers:
    - name: Jane
      email: jane@example.test
      url: https://jane.example.test
    - email: nameless@example.test
    dependencies:
    - name: redis
      version: 17.x.x
      repository: https://charts.bitnami.com/bitnami
      condition: redis.enabled
      alias: cache
      tags: [db]
    annotations:
      category: Database
      artifacthub.io/changes: |
        - kind: added
          description: x
    urls:
    - demo-1.2.3.tgz
    - https://mirror.example.test/demo-1.2.3.tgz
    - oci://registry.example.test/charts/demo
    unknownField: ignored
`);
    expect(only(result).versions[0]).toEqual({
      version: "1.2.3",
      apiVersion: "v2",
      appVersion: "1.0",
      description: "A demo chart",
      created: "2024-01-02T03:04:05Z",
      digest: "abc123",
      kubeVersion: ">=1.21.0-0",
      type: "application",
      deprecated: true,
      home: "https://example.test",
      icon: "https://example.test/icon.svg",
      keywords: ["a", "b"],
      sources: ["https://github.com/example/demo"],
      maintainers: [{ name: "Jane", email: "jane@example.test", url: "https://jane.example.test" }],
      dependencies: [
        {
          name: "redis",
          version: "17.x.x",
          repository: "https://charts.bitnami.com/bitnami",
          condition: "redis.enabled",
          alias: "cache",
          tags: ["db"],
        },
      ],
      annotations: {
        category: "Database",
        "artifacthub.io/changes": "- kind: added\n  description: x\n",
      },
      urls: [
        `${BASE}/demo-1.2.3.tgz`,
        "https://mirror.example.test/demo-1.2.3.tgz",
        "oci://registry.example.test/charts/demo",
      ],
    });
    expect(result.warnings).toEqual([]);
  });

  it("keeps the repository URL's query on resolved URLs, as Helm does", () => {
    const result = parseHelmIndex(
      Buffer.from(
        "apiVersion: v1\nentries:\n  demo:\n  - {name: demo, version: 1.0.0, urls: [charts/demo-1.0.0.tgz]}\n",
      ),
      { baseUrl: "https://example.test/helm/?token=abc" },
    );
    expect(only(result).versions[0]!.urls).toEqual([
      "https://example.test/helm/charts/demo-1.0.0.tgz?token=abc",
    ]);
  });

  it("stringifies annotation values that are not text", () => {
    const json = JSON.stringify({
      apiVersion: "v1",
      entries: {
        demo: [
          {
            name: "demo",
            version: "1.0.0",
            deprecated: "true",
            annotations: { n: 1, b: false, nested: { x: [1, "y"] }, empty: null, s: "text" },
          },
        ],
      },
    });
    const record = only(parse(json)).versions[0]!;
    expect(record.annotations).toEqual({
      n: "1",
      b: "false",
      nested: '{"x":[1,"y"]}',
      s: "text",
    });
    expect(record.deprecated).toBe(true);
  });

  it.each([
    ["yes", true],
    ["True", true],
    ["false", false],
    ["no", false],
  ])("reads deprecated: %s as %s", (value, expected) => {
    const result = parse(`apiVersion: v1
entries:
  demo:
  - {name: demo, version: 1.0.0, deprecated: ${value}}
`);
    expect(only(result).versions[0]!.deprecated).toBe(expected);
  });

  it("cuts a huge description and says so", () => {
    const description = "x".repeat(100_000);
    const result = parse(
      JSON.stringify({
        apiVersion: "v1",
        entries: { demo: [{ name: "demo", version: "1.0.0", description }] },
      }),
    );
    expect(only(result).versions[0]!.description).toHaveLength(64 * 1024);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: HelmIndexWarning.FIELD_TRUNCATED,
        chart: "demo",
        version: "1.0.0",
      }),
    ]);
  });

  it("keeps a __proto__ annotation as plain data", () => {
    const result = parse(
      '{"apiVersion":"v1","entries":{"demo":[{"name":"demo","version":"1.0.0","annotations":{"__proto__":"x"}}]}}',
    );
    const annotations = only(result).versions[0]!.annotations;
    expect(Object.getPrototypeOf(annotations)).toBe(Object.prototype);
    expect(Object.keys(annotations)).toEqual(["__proto__"]);
  });

  it("reads a document that starts with { but is YAML, not JSON", () => {
    const result = parse("{apiVersion: v1, entries: {demo: [{name: demo, version: 1.0.0}]}}");
    expect(only(result).versions.map((v) => v.version)).toEqual(["1.0.0"]);
  });

  it("returns only the requested chart with onlyChart", () => {
    const result = parseHelmIndex(fixtureIndex("spectrocloud"), {
      baseUrl: BASE,
      onlyChart: "scaffold",
    });
    expect(result.charts.map((c) => c.name)).toEqual(["scaffold"]);
    expect(result.charts[0]!.versions.map((v) => v.version)).toEqual(["0.1.1", "0.1.0"]);
  });

  it("reads YAML anchors and aliases used for legitimate sharing", () => {
    const result = parse(`apiVersion: v1
entries:
  demo:
  - name: demo
    version: 1.0.0
    maintainers: &team
    - name: Jane
  - name: demo
    version: 1.0.1
    maintainers: *team
`);
    expect(only(result).versions.map((v) => v.maintainers)).toEqual([
      [{ name: "Jane" }],
      [{ name: "Jane" }],
    ]);
  });
});

describe("parseHelmIndex entry problems (skipped with a warning)", () => {
  const result = parse(`apiVersion: v1
entries:
  demo:
  - name: demo
    version: 1.0.0
    created: "2024-01-01T00:00:00Z"
    digest: first
  - name: demo
    version: 1.0.0
    created: "2023-01-01T00:00:00Z"
    digest: older-duplicate
  - name: demo
    version: 1.0.1
    created: "2023-01-01T00:00:00Z"
    digest: old
  - name: demo
    version: 1.0.1
    created: "2024-06-01T00:00:00Z"
    digest: newer-duplicate
  - name: demo
    description: no version here
  - version: 2.0.0
  - name: other-name
    version: 3.0.0
  - just a string
  - name: demo
    version: latest
  broken: not-a-list
`);

  const codes = (code: string) => result.warnings.filter((w) => w.code === code);

  it("keeps the newest of duplicate versions", () => {
    const demo = only(result);
    expect(demo.versions.find((v) => v.version === "1.0.0")!.digest).toBe("first");
    expect(demo.versions.find((v) => v.version === "1.0.1")!.digest).toBe("newer-duplicate");
    expect(codes(HelmIndexWarning.DUPLICATE_VERSION)).toHaveLength(2);
  });

  it("skips entries without a version or a name", () => {
    expect(codes(HelmIndexWarning.MISSING_VERSION)).toEqual([
      expect.objectContaining({ chart: "demo" }),
    ]);
    expect(codes(HelmIndexWarning.MISSING_NAME)).toEqual([
      expect.objectContaining({ chart: "demo", version: "2.0.0" }),
    ]);
  });

  it("keeps an entry whose name differs from its key under the key", () => {
    expect(only(result).versions.map((v) => v.version)).toContain("3.0.0");
    expect(codes(HelmIndexWarning.NAME_MISMATCH)).toEqual([
      expect.objectContaining({ chart: "demo", version: "3.0.0" }),
    ]);
  });

  it("skips entries of the wrong shape", () => {
    expect(codes(HelmIndexWarning.INVALID_ENTRY)).toHaveLength(2);
    expect(result.charts.map((c) => c.name)).toEqual(["demo"]);
  });

  it("keeps versions that are not semver", () => {
    expect(only(result).versions.map((v) => v.version)).toEqual([
      "1.0.0",
      "1.0.1",
      "3.0.0",
      "latest",
    ]);
  });
});

describe("6. an index holding only apiVersion is an empty repository, as Helm reads it", () => {
  it.each([
    ["no entries", "apiVersion: v1\ngenerated: now\n"],
    ["null entries", "apiVersion: v1\nentries:\n"],
    ["only apiVersion", "apiVersion: v1\n"],
  ])("%s", (_what, text) => {
    const result = parseHelmIndex(Buffer.from(text), { baseUrl: "https://charts.example.com/" });
    expect(result.charts).toEqual([]);
    expect(result.apiVersion).toBe("v1");
  });
});

describe("parseHelmIndex documents it refuses (PARSE)", () => {
  it.each([
    ["an empty document", "   \n"],
    ["a list at the root", "- a\n- b\n"],
    ["text at the root", "<html><body>Login</body></html>"],
    ["neither entries nor apiVersion", "generated: now\n"],
    ["entries that are a list", "apiVersion: v1\nentries:\n- a\n"],
    ["malformed YAML", "apiVersion: v1\nentries:\n  demo: [\n"],
    ["two documents", "apiVersion: v1\nentries: {}\n---\nentries: {}\n"],
  ])("%s", (_what, text) => {
    expect(parseError(text).code).toBe(RegistryErrorCode.PARSE);
  });

  it("reports a duplicate key with its line", () => {
    const error = parseError(`apiVersion: v1
entries:
  demo:
  - name: demo
    version: 1.0.0
    version: 1.0.1
`);
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(/line 6/);
    expect(error.message).toMatch(/duplicate/i);
  });

  it("refuses bytes that are not UTF-8", () => {
    const error = parseError(
      Buffer.concat([
        Buffer.from("apiVersion: v1\nentries:\n  d\u00e9mo: []\n"),
        Buffer.from([0xff, 0xfe]),
      ]),
    );
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(/UTF-8/);
  });

  it("refuses nesting too deep to read", () => {
    const depth = 200_000;
    const error = parseError(`apiVersion: v1\nentries: ${"[".repeat(depth)}${"]".repeat(depth)}`);
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(/nest/);
  });

  describe("alias bombs ('billion laughs')", () => {
    /** Level n is a list of ten references to level n-1: 10^levels nodes from a few hundred bytes. */
    function laughs(levels: number): string {
      const lines = [
        'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      ];
      for (let i = 1; i <= levels; i++) {
        lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(", ")}]`);
      }
      return lines.join("\n");
    }

    function expectFastAliasFailure(text: string): void {
      expect(text.length).toBeLessThan(8 * 1024);
      const started = Date.now();
      const error = parseError(text);
      expect(error.code).toBe(RegistryErrorCode.PARSE);
      expect(error.message).toMatch(/alias/);
      expect(Date.now() - started).toBeLessThan(2_000);
    }

    it("in annotation values", () => {
      expectFastAliasFailure(`${laughs(9)}
apiVersion: v1
entries:
  demo:
  - name: demo
    version: 1.0.0
    annotations:
      bomb: *l9
`);
    });

    it("in the version lists", () => {
      const version = "v: &v {name: demo, version: 1.0.0, keywords: *l1}";
      const list = `list: &list [${Array.from({ length: 50 }, () => "*v").join(", ")}]`;
      const charts = Array.from({ length: 60 }, (_, i) => `  c${i}: *list`).join("\n");
      expectFastAliasFailure(
        `${laughs(1)}\n${version}\n${list}\napiVersion: v1\nentries:\n${charts}\n`,
      );
    });

    it("in list fields", () => {
      const big = `big: &big [${Array.from({ length: 1000 }, () => "a").join(",")}]`;
      const versions = Array.from(
        { length: 100 },
        (_, i) => `  - {name: demo, version: 1.0.${i}, keywords: *big}`,
      ).join("\n");
      expectFastAliasFailure(`${big}\napiVersion: v1\nentries:\n  demo:\n${versions}\n`);
    });
  });
});

describe("parseHelmIndexAsync", () => {
  it("gives the same records and warnings as the sync parser, yielding to the event loop meanwhile", async () => {
    const body = readFileSync(fixturePath("helm", "grafana", "index.yaml"));
    const options = { baseUrl: "https://grafana.github.io/helm-charts/" };
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const asyncResult = await parseHelmIndexAsync(body, options);
    clearInterval(ticker);
    expect(asyncResult).toEqual(parseHelmIndex(body, options));
    expect(turns).toBeGreaterThan(0);
  });
});
