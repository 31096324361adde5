import { readFileSync } from "node:fs";
import path from "node:path";
import { stringify as toYaml } from "yaml";
import {
  AddHelmRegistryDocument,
  ChartDocument,
  CheckChartReferenceDocument,
  ResolveChartVersionDocument,
} from "../__generated__/graphql";
import {
  compareHelmVersions,
  HelmConstraint,
  parseHelmVersion,
} from "../../src/providers/helm-semver";
import { compareVersionsDesc, versionInfo } from "../../src/services/catalog/version-order";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { startHelm, type HelmCli } from "../helpers/helm-cli";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";

/**
 * Issue 18, points 2, 3, 4, 5 and 7, with the real `helm` (4.1.4) as the reference: the same
 * index is served to Helm and to the gateway, and what Helm answers (`helm search repo
 * --versions --devel`, `--version <constraint>`, `helm pull`) is what the gateway must answer.
 * Helm's sort is not stable, so where versions tie on precedence (`1.0.0` and `1.0.0+build.5`)
 * Helm's order is compared by precedence and the gateway's tie-break is checked on its own.
 */

// Generated: cores × prereleases × build metadata, plus the loose forms Helm accepts and texts it
// skips. Not hand-picked expectations: Helm says which are versions and how they order.
const CORES = ["0.0.0", "0.1.0", "0.1.5", "0.2.0", "1.0.0", "1.2.3", "1.2.10", "1.10.0", "2.0.0"];
const PRES = [
  "",
  "-alpha",
  "-alpha.1",
  "-alpha.beta",
  "-beta.2",
  "-beta.11",
  "-rc.1",
  "-1",
  "-0.3.7",
];
const LOOSE = [
  "1.0",
  "1",
  "2",
  "v1.2.3",
  "v2.0.0-rc.1",
  "01.2.4",
  "1.2",
  "26.02.1",
  "26.9.3",
  "26.10.0",
  "25.12.0",
];
const BUILDS = [
  "1.0.0+build.5",
  "1.0.0+build.10",
  "1.0.0+build.9",
  "1.2.3+abc",
  "2.0.0+1",
  "1.0.0-rc.1+b.2",
];
const NOT_VERSIONS = ["latest", "1.2.3.4", "1.0.0-01", "v", "1.0.0-"];
const VERSIONS = [
  ...CORES.flatMap((c) => PRES.map((p) => `${c}${p}`)),
  ...LOOSE,
  ...BUILDS,
  ...NOT_VERSIONS,
];

// Helm's `--version` syntax (Masterminds semver v3): every operator, wildcard, comma AND, OR and
// hyphen range; prerelease opt-in; and texts Helm refuses.
const CONSTRAINTS = [
  ">= 0.1, < 0.2",
  ">=0.1 <0.2",
  ">= 0.1 , < 0.2",
  ">=0.1,<0.2",
  "^1",
  "^1.2",
  "^0.1",
  "^0.0",
  "^0",
  "^*",
  "^0.0.0",
  "~1",
  "~1.2",
  "~1.2.3",
  "~>1.2",
  "~0",
  "~*",
  "1.2.x",
  "1.x",
  "1.X",
  "1.*",
  "x",
  "*",
  "1.0",
  "1",
  "=1.0.0",
  "1.0.0",
  "v1.2.3",
  "!=1.0.0",
  "!=1.x",
  "!=1.2.x",
  ">1",
  ">1.2",
  ">1.2.3",
  ">0.0.0",
  "<1",
  "<1.2",
  "<=1.2",
  "<=1",
  "=<1.2.3",
  "=>1.2",
  "1.0.0 - 2",
  "0.1 - 1.2.x",
  "^1 || ~0.1",
  "< 0.1 || >= 2",
  "1.0.0-alpha - 1.0.0",
  ">=1.0.0-0",
  ">0.0.0-0",
  "^1.0.0-alpha",
  "~1.0.0-0",
  ">=1.0.0-alpha <2",
  ">=1.0.0-alpha, <2 || 0.1.x",
  "1.0.0+build.5",
  ">= 26.02, < 26.10",
  "26.x",
  // Refused by Helm.
  "foo",
  ">>1",
  "1.2.3.4",
  "^",
  ">= 1 <",
  "1.0.0 -",
];

const CHART = "demo";
let helm: HelmCli;
let server: FixtureServer;
let t: TestGateway;
let registryId: string;
let testdataRegistryId: string;
/** Helm's `search repo --versions --devel` order of the demo chart. */
let helmOrder: string[];

function demoIndex(): string {
  return toYaml({
    apiVersion: "v1",
    entries: {
      [CHART]: VERSIONS.map((version) => ({
        apiVersion: "v2",
        name: CHART,
        version,
        urls: [`${CHART}-${version}.tgz`],
      })),
    },
  });
}

async function helmSearch(args: string[]): Promise<string[]> {
  const out = await helm.run([
    "search",
    "repo",
    `demo/${CHART}`,
    "--versions",
    "-o",
    "json",
    ...args,
  ]);
  return (JSON.parse(out) as { version: string }[]).map((r) => r.version);
}

const precedenceOf = (version: string) => versionInfo(version).precedence;

beforeAll(async () => {
  helm = await startHelm();
  server = await FixtureServer.start();
  server.route("/demo/index.yaml", serveBody(demoIndex()));
  server.route(
    "/testdata/index.yaml",
    serveBody(
      readFileSync(path.join(__dirname, "../fixtures/helm-testdata/local-index-annotations.yaml")),
    ),
  );
  await helm.run(["repo", "add", "demo", server.url("/demo")]);
  await helm.run(["repo", "add", "testdata", server.url("/testdata")]);
  helmOrder = await helmSearch(["--devel"]);

  t = await startTestGateway();
  for (const [name, urlPath] of [
    ["demo", "/demo"],
    ["testdata", "/testdata"],
  ] as const) {
    const added = await t.ok(AddHelmRegistryDocument, {
      input: { name, endpoint: server.url(urlPath) },
    });
    const run = await syncAndWait(t, added.addHelmRegistry.id);
    expect(run.status).toBe("SUCCEEDED");
    if (name === "demo") registryId = added.addHelmRegistry.id;
    else testdataRegistryId = added.addHelmRegistry.id;
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
  await server?.close();
  helm?.close();
});

/** Every version of a chart in the gateway's order, all pages. */
async function gatewayVersions(
  id: string,
  name: string,
  extra: { range?: string; includePrerelease?: boolean } = {},
): Promise<string[]> {
  const versions: string[] = [];
  let after: string | null | undefined;
  for (;;) {
    const data = await t.ok(ChartDocument, {
      id,
      name,
      first: 100,
      after,
      includePrerelease: true,
      ...extra,
    });
    const page = data.registry!.chart!.versions;
    versions.push(...page.edges.map((e) => e.node.version));
    if (!page.pageInfo.hasNextPage) return versions;
    after = page.pageInfo.endCursor;
  }
}

describe("3. versions Helm accepts are versions, in Helm's order", () => {
  it("reads exactly the versions Helm reads (Helm skips the others)", () => {
    const ours = VERSIONS.filter((v) => parseHelmVersion(v) !== null);
    expect([...helmOrder].sort()).toEqual([...ours].sort());
    expect(helmOrder.length).toBeGreaterThan(90);
  });

  it("orders them by the same precedence as helm search --versions --devel", () => {
    for (let i = 1; i < helmOrder.length; i++) {
      const [a, b] = [parseHelmVersion(helmOrder[i - 1]!)!, parseHelmVersion(helmOrder[i]!)!];
      expect([helmOrder[i - 1], helmOrder[i], compareHelmVersions(a, b) >= 0]).toEqual([
        helmOrder[i - 1],
        helmOrder[i],
        true,
      ]);
    }
  });

  it("the gateway's versions list is Helm's order (ties by the documented rule), then the rest", async () => {
    const listed = await gatewayVersions(registryId, CHART);
    const readable = listed.filter((v) => versionInfo(v).isSemver);
    expect(readable.map(precedenceOf)).toEqual(helmOrder.map(precedenceOf));
    expect(listed).toEqual([...VERSIONS].sort(compareVersionsDesc));
    // Texts Helm skips are kept, after every version.
    expect(listed.slice(readable.length).sort()).toEqual([...NOT_VERSIONS].sort());
  });

  it("every stored version is reachable by its exact text everywhere", async () => {
    for (const version of VERSIONS) {
      const resolved = await t.ok(ResolveChartVersionDocument, {
        registryId,
        chart: CHART,
        version,
        includePrerelease: false,
      });
      const ranged = await gatewayVersions(registryId, CHART, { range: version });
      const checked = await t.ok(CheckChartReferenceDocument, {
        registryId,
        chart: CHART,
        version,
      });
      expect([version, resolved.resolveChartVersion?.version]).toEqual([version, version]);
      expect([version, ranged.includes(version)]).toEqual([version, true]);
      expect([version, checked.checkChartReference.status]).toEqual([version, "VERIFIED"]);
    }
  });
});

describe("2. one order everywhere: latestVersion, versions, resolveChartVersion(*)", () => {
  it("agree on the demo chart and on Helm's own 0.3.0 / 0.3.0+abc tie", async () => {
    for (const [id, name] of [
      [registryId, CHART],
      [testdataRegistryId, "nginx"],
    ] as const) {
      const data = await t.ok(ChartDocument, { id, name, first: 100, includePrerelease: false });
      const chart = data.registry!.chart!;
      const star = await t.ok(ResolveChartVersionDocument, {
        registryId: id,
        chart: name,
        version: "*",
        includePrerelease: false,
      });
      const stable = chart.versions.edges.map((e) => e.node.version);
      expect(chart.latestVersion?.version).toBe(stable[0]);
      expect(star.resolveChartVersion?.version).toBe(stable[0]);
      // Helm's latest stable is of the same precedence.
      const helmLatest =
        name === CHART
          ? (await helmSearch([]))[0]!
          : (
              JSON.parse(await helm.run(["search", "repo", "testdata/nginx", "-o", "json"])) as {
                version: string;
              }[]
            )[0]!.version;
      expect(precedenceOf(stable[0]!)).toBe(precedenceOf(helmLatest));
    }
    const nginx = await gatewayVersions(testdataRegistryId, "nginx");
    expect(nginx).toEqual(["0.3.0+abc", "0.3.0", "0.2.0", "0.1.0"]);
  });
});

describe("4. Helm's constraint syntax, with Helm's results", () => {
  for (const constraint of CONSTRAINTS) {
    it(`--version "${constraint}"`, async () => {
      let expected: string[] | null;
      try {
        expected = await helmSearch(["--version", constraint]);
      } catch {
        expected = null; // Helm refuses the constraint
      }
      const parsed = HelmConstraint.parse(constraint);
      if (expected === null) {
        expect(parsed).toBeNull();
        if (VERSIONS.includes(constraint)) {
          // Not a constraint, but the text of a stored version: that version.
          expect(await gatewayVersions(registryId, CHART, { range: constraint })).toEqual([
            constraint,
          ]);
          return;
        }
        // The gateway says so, on the field.
        const result = await t.exec(ChartDocument, {
          id: registryId,
          name: CHART,
          first: 5,
          range: constraint,
        });
        expect(errorCode(result)).toBe("BAD_USER_INPUT");
        expect(result.errors?.[0]?.extensions?.["field"]).toBe("range");
        return;
      }
      expect(parsed).not.toBeNull();
      const ours = VERSIONS.filter((v) => {
        const version = parseHelmVersion(v);
        return version !== null && parsed!.check(version);
      });
      expect([...ours].sort()).toEqual([...expected].sort());

      // The gateway: versions(range:) without prereleases is Helm's set (plus a version of
      // exactly that text), and resolveChartVersion picks its first, of Helm's first precedence.
      const listed = await gatewayVersions(registryId, CHART, {
        range: constraint,
        includePrerelease: false,
      });
      const exact = VERSIONS.includes(constraint) ? [constraint] : [];
      expect([...listed].sort()).toEqual([...new Set([...expected, ...exact])].sort());
      const resolved = await t.ok(ResolveChartVersionDocument, {
        registryId,
        chart: CHART,
        version: constraint,
        includePrerelease: false,
      });
      if (exact.length) {
        expect(resolved.resolveChartVersion?.version).toBe(constraint);
      } else if (expected.length === 0) {
        expect(resolved.resolveChartVersion).toBeNull();
      } else {
        expect(resolved.resolveChartVersion?.version).toBe(listed[0]);
        expect(precedenceOf(listed[0]!)).toBe(precedenceOf(expected[0]!));
      }
    });
  }
});

describe("5. a chart with no downloadable URL", () => {
  it("is NOT_DOWNLOADABLE, as helm pull refuses it", async () => {
    await expect(
      helm.run([
        "pull",
        "testdata/chartWithNoURL",
        "--version",
        "1.0.0",
        "-d",
        path.join(__dirname),
      ]),
    ).rejects.toThrow(/no downloadable URLs/);
    const checked = await t.ok(CheckChartReferenceDocument, {
      registryId: testdataRegistryId,
      chart: "chartWithNoURL",
      version: "1.0.0",
    });
    expect(checked.checkChartReference.status).toBe("NOT_DOWNLOADABLE");
    expect(checked.checkChartReference.message).toMatch(/no downloadable URLs/);
    const alpine = await t.ok(CheckChartReferenceDocument, {
      registryId: testdataRegistryId,
      chart: "alpine",
      version: "1.0.0",
    });
    expect(alpine.checkChartReference.status).toBe("VERIFIED");
  });
});

describe("7. Palette's calendar versions order as dates", () => {
  it("26.10.0 above 26.9.3 above 26.02.1 above 25.12.0, as Helm orders them", () => {
    const calendar = helmOrder.filter((v) => /^2[56]\./.test(v));
    expect(calendar).toEqual(["26.10.0", "26.9.3", "26.02.1", "25.12.0"]);
    expect([...calendar].reverse().sort(compareVersionsDesc)).toEqual(calendar);
  });
});
