import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import semver from "semver";
import { stringify as toYaml } from "yaml";
import {
  AddHelmRegistryDocument,
  ChartDocument,
  ChartsDocument,
  CheckChartReferenceDocument,
  DeleteRegistryDocument,
  RegistriesDocument,
  RegistryDocument,
  ResolveChartVersionDocument,
  SyncRegistryDocument,
  SyncRunsDocument,
  UpdateHelmRegistryDocument,
  ValidateHelmRegistryDocument,
} from "../__generated__/graphql";
import { fixturePath, HELM_FIXTURE_REPOS } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import {
  FixtureServer,
  hang,
  requireBasicAuth,
  respond,
  serveBody,
  serveFile,
  truncated,
} from "../helpers/http-fixture-server";
import { distinctVersions, readFixtureIndex, sourcesCounts, syncAndWait } from "../helpers/sync";

const REPOS = HELM_FIXTURE_REPOS;

let t: TestGateway;
let server: FixtureServer;

beforeAll(async () => {
  t = await startTestGateway({ REGISTRY_REQUEST_TIMEOUT: "1500ms" });
  server = await FixtureServer.start();
  for (const repo of REPOS)
    server.route(`/${repo}/index.yaml`, serveFile(fixturePath("helm", repo, "index.yaml")));
});

afterAll(async () => {
  await t.close();
  await server.close();
});

async function addHelm(name: string, path: string, extra: Record<string, unknown> = {}) {
  const data = await t.ok(AddHelmRegistryDocument, {
    input: { name, endpoint: server.url(path), ...extra },
  });
  return data.addHelmRegistry;
}

async function allChartCounts(registryId: string): Promise<{ charts: number; versions: number }> {
  let after: string | null | undefined;
  let charts = 0;
  let versions = 0;
  for (;;) {
    const { registry } = await t.ok(ChartsDocument, { id: registryId, first: 100, after });
    for (const edge of registry!.charts.edges) {
      charts++;
      versions += edge.node.versionCount;
    }
    if (!registry!.charts.pageInfo.hasNextPage) return { charts, versions };
    after = registry!.charts.pageInfo.endCursor;
  }
}

describe("Helm registries against the real fixture indexes", () => {
  const ids = new Map<string, string>();

  it("syncs every fixture repository to the chart and version counts of SOURCES.md", async () => {
    const expected = sourcesCounts();
    expect([...expected.keys()].sort()).toEqual([...REPOS].sort());
    for (const repo of REPOS) {
      const registry = await addHelm(repo, `/${repo}`);
      ids.set(repo, registry.id);
      expect(registry.lastSyncedAt).toBeNull();
      expect(registry.syncStatus).toBe("NEVER_SYNCED");
      const run = await syncAndWait(t, registry.id);
      expect({ repo, status: run.status, error: run.error }).toEqual({
        repo,
        status: "SUCCEEDED",
        error: null,
      });
      const want = expected.get(repo)!;
      // Some real indexes list a version more than once (ingress-nginx: 4.12.0-beta.0 nine
      // times): every entry is seen, one per version is kept, the repeats are skipped with a warning.
      const distinct = distinctVersions(repo);
      expect({ repo, charts: run.chartsSeen, versions: run.versionsSeen }).toEqual({
        repo,
        ...want,
      });
      expect({ repo, added: run.versionsAdded, skipped: run.versionsSkipped }).toEqual({
        repo,
        added: distinct,
        skipped: want.versions - distinct,
      });
      expect(run.warnings.filter((w) => w.code === "DUPLICATE_VERSION")).toHaveLength(
        want.versions - distinct,
      );
      expect({ repo, ...(await allChartCounts(registry.id)) }).toEqual({
        repo,
        charts: want.charts,
        versions: distinct,
      });
    }
    const { registry } = await t.ok(SyncRunsDocument, { id: ids.get("bitnami")! });
    expect(registry!.syncStatus).toBe("SUCCEEDED");
    expect(registry!.lastSyncedAt).not.toBeNull();
  });

  it("reports latestVersion as the highest stable version (else the highest prerelease)", async () => {
    for (const repo of ["ingress-nginx", "grafana", "kubernetes-dashboard"]) {
      const index = readFixtureIndex(repo);
      for (const [name, entries] of Object.entries(index.entries).slice(0, 15)) {
        const versions = entries.map((e) => String(e.version)).filter((v) => semver.valid(v));
        const stable = semver.rsort(versions.filter((v) => !semver.prerelease(v)));
        const expected = stable[0] ?? semver.rsort(versions)[0];
        const { registry } = await t.ok(ChartDocument, { id: ids.get(repo)!, name, first: 1 });
        expect({ repo, name, latest: registry!.chart!.latestVersion?.version }).toEqual({
          repo,
          name,
          latest: expected,
        });
      }
    }
  });

  it("lists versions highest first across pages, each exactly once", async () => {
    const index = readFixtureIndex("argo-helm");
    const expected = semver.rsort(index.entries["argo-cd"].map((e) => String(e.version)));
    const seen: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const { registry } = await t.ok(ChartDocument, {
        id: ids.get("argo-helm")!,
        name: "argo-cd",
        first: 100,
        after,
      });
      const versions = registry!.chart!.versions;
      expect(versions.totalCount).toBe(expected.length);
      seen.push(...versions.edges.map((e) => e.node.version));
      if (!versions.pageInfo.hasNextPage) break;
      after = versions.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it("returns relative chart URLs as absolute URLs on the repository", async () => {
    for (const repo of ["argo-helm", "kubernetes-dashboard"]) {
      const index = readFixtureIndex(repo);
      const relative = Object.entries(index.entries).flatMap(([name, entries]) =>
        entries
          .filter((e) => e.urls?.some((u) => !/^[a-z]+:\/\//.test(u)))
          .map((e) => ({ name, e })),
      );
      expect(relative.length).toBeGreaterThan(0);
      for (const { name, e } of relative.slice(0, 10)) {
        const { registry } = await t.ok(ChartDocument, {
          id: ids.get(repo)!,
          name,
          range: String(e.version),
          first: 1,
        });
        const urls = registry!.chart!.versions.edges[0].node.urls;
        expect(urls).toEqual(e.urls!.map((u) => new URL(u, server.url(`/${repo}/`)).toString()));
      }
    }
  });

  it("keeps kubernetes-dashboard 6.0.8's digest equal to the real package's sha256", async () => {
    const sha = createHash("sha256")
      .update(
        readFileSync(
          fixturePath("helm", "kubernetes-dashboard", "charts", "kubernetes-dashboard-6.0.8.tgz"),
        ),
      )
      .digest("hex");
    const { registry } = await t.ok(ChartDocument, {
      id: ids.get("kubernetes-dashboard")!,
      name: "kubernetes-dashboard",
      range: "6.0.8",
      first: 1,
    });
    const version = registry!.chart!.versions.edges[0].node;
    expect(version.version).toBe("6.0.8");
    expect(version.digest).toBe(sha);
    expect(version.dependencies.length).toBeGreaterThan(0);
  });

  it("resolves exact versions, ranges and floating tags to the highest match", async () => {
    const all = readFixtureIndex("argo-helm").entries["argo-cd"].map((e) => String(e.version));
    for (const spec of ["^5.4", ">=4.2 <5", "5.1.x", "4.x", "3.35.4", "~5.19.0"]) {
      const expected = semver.maxSatisfying(all, spec);
      const data = await t.ok(ResolveChartVersionDocument, {
        registryId: ids.get("argo-helm")!,
        chart: "argo-cd",
        version: spec,
      });
      expect({ spec, resolved: data.resolveChartVersion?.version ?? null }).toEqual({
        spec,
        resolved: expected,
      });
    }
    const none = await t.ok(ResolveChartVersionDocument, {
      registryId: ids.get("argo-helm")!,
      chart: "argo-cd",
      version: "99.x",
    });
    expect(none.resolveChartVersion).toBeNull();
    const bad = await t.exec(ResolveChartVersionDocument, {
      registryId: ids.get("argo-helm")!,
      chart: "argo-cd",
      version: "not a range",
    });
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    const missing = await t.exec(ResolveChartVersionDocument, {
      registryId: ids.get("argo-helm")!,
      chart: "no-such-chart",
      version: "1.x",
    });
    expect(errorCode(missing)).toBe("NOT_FOUND");
  });

  it("filters versions by range, prerelease and deprecation, with matching totals", async () => {
    const entries = readFixtureIndex("ingress-nginx").entries["ingress-nginx"].map((e) =>
      String(e.version),
    );
    const { registry } = await t.ok(ChartDocument, {
      id: ids.get("ingress-nginx")!,
      name: "ingress-nginx",
      includePrerelease: false,
      first: 100,
    });
    expect(registry!.chart!.versions.totalCount).toBe(
      new Set(entries.filter((v) => !semver.prerelease(v))).size,
    );
    const range = ">=4.0.0 <4.5.0";
    for (const includePrerelease of [false, true]) {
      const ranged = await t.ok(ChartDocument, {
        id: ids.get("ingress-nginx")!,
        name: "ingress-nginx",
        range,
        includePrerelease,
        first: 100,
      });
      const expected = semver.rsort([
        ...new Set(entries.filter((v) => semver.satisfies(v, range, { includePrerelease }))),
      ]);
      expect(ranged.registry!.chart!.versions.edges.map((e) => e.node.version)).toEqual(expected);
      expect(ranged.registry!.chart!.versions.totalCount).toBe(expected.length);
    }
  });

  it("searches charts by name, description and keyword", async () => {
    const { registry } = await t.ok(ChartsDocument, {
      id: ids.get("bitnami")!,
      search: "postgres",
      first: 50,
    });
    const names = registry!.charts.edges.map((e) => e.node.name);
    expect(names).toEqual(expect.arrayContaining(["postgresql", "postgresql-ha"]));
    expect(registry!.charts.totalCount).toBe(names.length);
  });
});

describe("re-sync", () => {
  /** The spectrocloud index with one chart's newest version dropped and a new chart added. */
  function changedIndex(): string {
    const index = readFixtureIndex("spectrocloud") as {
      apiVersion?: string;
      entries: Record<string, unknown[]>;
    };
    const [first] = Object.keys(index.entries);
    const dropped = index.entries[first].slice(1);
    const entries: Record<string, unknown[]> = { ...index.entries, [first]: dropped };
    if (dropped.length === 0) delete entries[first];
    entries["generated-chart"] = ["1.0.0", "1.1.0", "2.0.0-rc.1"].map((version) => ({
      name: "generated-chart",
      version,
      urls: [`generated-chart-${version}.tgz`],
    }));
    return toYaml({ ...index, entries });
  }

  it("reports the versions added and removed when the served index changes, and a no-op when it does not", async () => {
    server.route(
      "/changing/index.yaml",
      serveFile(fixturePath("helm", "spectrocloud", "index.yaml")),
    );
    const registry = await addHelm("changing", "/changing");
    const first = await syncAndWait(t, registry.id);
    expect(first.versionsAdded).toBe(5);

    const original = readFixtureIndex("spectrocloud");
    const [firstChart] = Object.keys(original.entries);
    const removedCount = 1;
    server.route("/changing/index.yaml", serveBody(changedIndex()));
    const second = await syncAndWait(t, registry.id);
    expect(second).toMatchObject({
      status: "SUCCEEDED",
      versionsAdded: 3,
      versionsRemoved: removedCount,
      versionsUnchanged: 5 - removedCount,
    });
    expect(second.chartsRemoved).toBe(original.entries[firstChart].length === 1 ? 1 : 0);

    const third = await syncAndWait(t, registry.id);
    expect(third).toMatchObject({
      status: "SUCCEEDED",
      unchanged: true,
      versionsAdded: 0,
      versionsRemoved: 0,
    });
  });
});

describe("protected registries", () => {
  it("are never synchronized, and answer targeted reference checks", async () => {
    server.route(
      "/private/index.yaml",
      serveFile(fixturePath("helm", "kubernetes-dashboard", "index.yaml")),
    );
    server.route(
      "/private/kubernetes-dashboard-6.0.8.tgz",
      serveFile(
        fixturePath("helm", "kubernetes-dashboard", "charts", "kubernetes-dashboard-6.0.8.tgz"),
        { contentType: "application/gzip" },
      ),
    );
    const registry = await addHelm("private", "/private", { protected: true });
    expect(registry).toMatchObject({
      protected: true,
      syncEnabled: false,
      lastSyncedAt: null,
      syncStatus: "NOT_APPLICABLE",
    });

    const sync = await t.exec(SyncRegistryDocument, { id: registry.id });
    expect(errorCode(sync)).toBe("SYNC_NOT_ALLOWED");
    const { registry: browsed } = await t.ok(ChartsDocument, { id: registry.id });
    expect(browsed!.charts.totalCount).toBe(0);
    expect(browsed!.lastSyncedAt).toBeNull();

    const viaPackage = await t.ok(CheckChartReferenceDocument, {
      registryId: registry.id,
      chart: "kubernetes-dashboard",
      version: "6.0.8",
    });
    expect(viaPackage.checkChartReference.status).toBe("VERIFIED");
    // 7.0.0 has no package at the conventional URL on this server: the index answers.
    const viaIndex = await t.ok(CheckChartReferenceDocument, {
      registryId: registry.id,
      chart: "kubernetes-dashboard",
      version: "7.0.0",
    });
    expect(viaIndex.checkChartReference.status).toBe("VERIFIED");
    const missing = await t.ok(CheckChartReferenceDocument, {
      registryId: registry.id,
      chart: "kubernetes-dashboard",
      version: "0.0.42",
    });
    expect(missing.checkChartReference.status).toBe("NOT_FOUND");
    const noChart = await t.ok(CheckChartReferenceDocument, {
      registryId: registry.id,
      chart: "nope",
      version: "1.0.0",
    });
    expect(noChart.checkChartReference.status).toBe("NOT_FOUND");

    // Nothing was stored by the checks.
    const again = await t.ok(ChartsDocument, { id: registry.id });
    expect(again.registry!.charts.totalCount).toBe(0);

    server.route("/private/index.yaml", respond(503, "down for maintenance"));
    server.route("/private/kubernetes-dashboard-6.0.8.tgz", respond(503, "down"));
    const down = await t.ok(CheckChartReferenceDocument, {
      registryId: registry.id,
      chart: "kubernetes-dashboard",
      version: "6.0.8",
    });
    expect(down.checkChartReference).toMatchObject({
      status: "UNVERIFIABLE",
      errorCode: "SERVER_ERROR",
    });
  });

  it("refuses syncEnabled together with protected", async () => {
    const result = await t.exec(AddHelmRegistryDocument, {
      input: {
        name: "contradiction",
        endpoint: server.url("/spectrocloud"),
        protected: true,
        syncEnabled: true,
      },
    });
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
  });
});

describe("authentication to registries", () => {
  const password = "s3cret-pa55word-for-tests";

  beforeAll(() => {
    server.route(
      "/basic/index.yaml",
      requireBasicAuth(
        "reader",
        password,
        serveFile(fixturePath("helm", "spectrocloud", "index.yaml")),
      ),
    );
  });

  it("refuses to add a registry whose credentials fail, and saves nothing", async () => {
    const before = await t.ok(RegistriesDocument, { first: 100 });
    const result = await t.exec(AddHelmRegistryDocument, {
      input: { name: "basic", endpoint: server.url("/basic") },
    });
    expect(errorCode(result)).toBe("REGISTRY_VALIDATION_FAILED");
    expect(result.errors![0].extensions!.reason).toBe("AUTH_FAILED");
    const wrong = await t.exec(AddHelmRegistryDocument, {
      input: {
        name: "basic",
        endpoint: server.url("/basic"),
        auth: { type: "BASIC", username: "reader", password: "wrong" },
      },
    });
    expect(wrong.errors![0].extensions!.reason).toBe("AUTH_FAILED");
    const after = await t.ok(RegistriesDocument, { first: 100 });
    expect(after.registries.totalCount).toBe(before.registries.totalCount);

    const dry = await t.ok(ValidateHelmRegistryDocument, {
      input: { name: "basic", endpoint: server.url("/basic") },
    });
    expect(dry.validateHelmRegistry).toMatchObject({ valid: false, errorCode: "AUTH_FAILED" });
  });

  it("adds and syncs with credentials, and never returns the password", async () => {
    const input = {
      name: "basic",
      endpoint: server.url("/basic"),
      auth: { type: "BASIC" as const, username: "reader", password },
    };
    const dry = await t.ok(ValidateHelmRegistryDocument, { input });
    expect(dry.validateHelmRegistry.valid).toBe(true);
    const added = await t.exec(AddHelmRegistryDocument, { input });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addHelmRegistry.auth).toEqual({
      type: "BASIC",
      username: "reader",
      hasSecret: true,
    });
    const run = await syncAndWait(t, added.data!.addHelmRegistry.id);
    expect(run).toMatchObject({ status: "SUCCEEDED", versionsAdded: 5 });

    // An update that leaves the password out keeps it.
    const renamed = await t.ok(UpdateHelmRegistryDocument, {
      id: added.data!.addHelmRegistry.id,
      input: { name: "basic-renamed", auth: { type: "BASIC", username: "reader" } },
    });
    expect(renamed.updateHelmRegistry.auth.hasSecret).toBe(true);

    const everything = JSON.stringify([
      added,
      renamed,
      await t.exec(RegistriesDocument, { first: 100 }),
    ]);
    expect(everything).not.toContain(password);
    expect(t.logs.join("\n")).not.toContain(password);
  });
});

describe("failures leave the previous catalog intact", () => {
  let registryId: string;
  const good = readFileSync(fixturePath("helm", "ingress-nginx", "index.yaml"));

  beforeAll(async () => {
    server.route("/flaky/index.yaml", serveBody(good));
    registryId = (await addHelm("flaky", "/flaky")).id;
    const run = await syncAndWait(t, registryId);
    expect(run.versionsAdded).toBe(distinctVersions("ingress-nginx"));
  });

  const cases: [string, () => import("../helpers/http-fixture-server").RouteHandler, string][] = [
    [
      "malformed YAML",
      () => serveBody("apiVersion: v1\nentries:\n  nginx: [unclosed\n    - version: 1\n"),
      "PARSE",
    ],
    ["a 500", () => respond(500, "internal error"), "SERVER_ERROR"],
    ["a timeout", () => hang(), "TIMEOUT"],
    [
      "a truncated body",
      () => truncated(good.subarray(0, 50_000), { declaredLength: good.length }),
      "UNREACHABLE",
    ],
  ];

  it.each(cases)("%s gives a typed error and changes nothing", async (_label, handler, code) => {
    server.route("/flaky/index.yaml", handler());
    const run = await syncAndWait(t, registryId);
    expect(run.status).toBe("FAILED");
    expect(run.error?.code).toBe(code);
    expect(run.error?.message.length).toBeGreaterThan(5);
    const { registry } = await t.ok(ChartDocument, {
      id: registryId,
      name: "ingress-nginx",
      first: 1,
    });
    expect(registry!.chart!.versionCount).toBe(distinctVersions("ingress-nginx"));
    expect(registry!.chart!.versions.totalCount).toBe(distinctVersions("ingress-nginx"));
  });
});

describe("registry management", () => {
  it("rejects duplicate names, bad endpoints and unknown ids with typed errors", async () => {
    server.route("/dup/index.yaml", serveFile(fixturePath("helm", "spectrocloud", "index.yaml")));
    const first = await addHelm("dup", "/dup");
    const dup = await t.exec(AddHelmRegistryDocument, {
      input: { name: "DUP", endpoint: server.url("/dup") },
    });
    expect(errorCode(dup)).toBe("NAME_TAKEN");
    const bad = await t.exec(AddHelmRegistryDocument, {
      input: { name: "bad", endpoint: "ftp://example" },
    });
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    const creds = await t.exec(AddHelmRegistryDocument, {
      input: { name: "bad", endpoint: "http://user:pw@127.0.0.1/" },
    });
    expect(errorCode(creds)).toBe("BAD_USER_INPUT");
    const deleted = await t.ok(DeleteRegistryDocument, { id: first.id });
    expect(deleted.deleteRegistry).toBe(first.id);
    expect((await t.ok(RegistryDocument, { id: first.id })).registry).toBeNull();
    expect(errorCode(await t.exec(DeleteRegistryDocument, { id: first.id }))).toBe("NOT_FOUND");
  });

  it("pages registries with cursors and filters by search", async () => {
    const all = await t.ok(RegistriesDocument, { first: 100 });
    const names = all.registries.edges.map((e) => e.node.name);
    expect(names).toEqual([...names].sort());
    const page1 = await t.ok(RegistriesDocument, { first: 2 });
    const page2 = await t.ok(RegistriesDocument, {
      first: 2,
      after: page1.registries.pageInfo.endCursor,
    });
    expect([...page1.registries.edges, ...page2.registries.edges].map((e) => e.node.name)).toEqual(
      names.slice(0, 4),
    );
    const search = await t.ok(RegistriesDocument, { search: "NGINX", first: 10 });
    expect(search.registries.edges.map((e) => e.node.name)).toEqual(["ingress-nginx"]);
  });
});
