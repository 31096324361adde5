import { SignJWT } from "jose";
import semver from "semver";
import { isObjectType } from "graphql";
import {
  AddHelmRegistryDocument,
  ChartPageDocument,
  UpdateHelmRegistryDocument,
} from "../__generated__/graphql";
import { toChart, toChartVersion } from "../../src/resolvers/mappers";
import {
  CHART_FIELD_COLUMNS,
  chartColumns,
  type ChartRow,
  VERSION_FIELD_COLUMNS,
  versionColumns,
  type VersionRow,
} from "../../src/services/catalog/catalog.service";
import { fromGlobalId } from "../../src/services/ids";
import { type Viewer } from "../../src/access/viewer";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { databaseUrlFor, onPostgres } from "../helpers/test-store";
import path from "node:path";
import { startGatewayProcess, type GatewayProcess } from "../helpers/gateway-process";
import { FixtureServer, serveFile } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";

/**
 * The read path: a page costs the same few statements whatever its size, versions are read with
 * only the columns a query selects (and still answer every field right), and the response cache
 * serves repeated reads without ever serving a page older than the catalog.
 */

const SECRET = "read-path-test-secret-".padEnd(48, "x");
const ISSUER = "https://issuer.test";
const AUDIENCE = "registry-gateway";
const TENANT_A: Viewer = { tenantId: "tenant-a", role: "TENANT_ADMIN" };
const TENANT_B: Viewer = { tenantId: "tenant-b", role: "TENANT_ADMIN" };

const PAGE = `query Page($id: ID!, $first: Int!, $after: String) {
  registry(id: $id) {
    ... on HelmRegistry {
      charts(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          cursor
          node {
            id name description
            latestVersion { version appVersion }
            versions(first: 5) { totalCount edges { node { version appVersion created digest } } }
          }
        }
      }
    }
  }
}`;

function sign(viewer: Viewer): Promise<string> {
  return new SignJWT({ tenant: viewer.tenantId, role: viewer.role })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(SECRET));
}

interface Answer {
  status: number;
  cache: string | null;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return {
    status: response.status,
    cache: response.headers.get("x-response-cache"),
    text,
    json: JSON.parse(text) as Answer["json"],
  };
}

let server: FixtureServer;

beforeAll(async () => {
  server = await FixtureServer.start();
  server.route("/bitnami/index.yaml", serveFile(fixturePath("helm", "bitnami", "index.yaml")));
  server.route(
    "/dashboard/index.yaml",
    serveFile(fixturePath("helm", "kubernetes-dashboard", "index.yaml")),
  );
});
afterAll(async () => {
  await server.close();
});

async function addAndSync(t: TestGateway, name: string, path: string, viewer?: Viewer) {
  const added = await t.ok(
    AddHelmRegistryDocument,
    { input: { name, endpoint: server.url(path) } },
    viewer,
  );
  const run = await syncAndWait(t, added.addHelmRegistry.id, viewer);
  expect(run.status).toBe("SUCCEEDED");
  return added.addHelmRegistry.id;
}

/**
 * Waits until no statement has run for 200 ms: work that follows a sync in the background (the
 * webhook outbox looking for webhooks to tell) must not be counted as a page's.
 */
async function quiet(counter: { count: number }): Promise<void> {
  for (let last = -1; counter.count !== last;) {
    last = counter.count;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a page of charts", () => {
  let t: TestGateway;
  let url: string;
  let registryId: string;

  beforeAll(async () => {
    t = await startTestGateway({ PORT: "0", SYNC_SCHEDULE: "false", RESPONSE_CACHE_BYTES: "0" });
    url = (await t.gateway.listen()).url;
    registryId = await addAndSync(t, "bitnami", "/bitnami");
  });
  afterAll(async () => {
    await t.close();
  });

  /**
   * SQL statements one operation costs (in-process, past the HTTP cache): the fewer of two
   * runs, since a background statement (the fleet's sweep on PostgreSQL, the webhook outbox)
   * can fall into one run's window; it only ever adds.
   */
  async function statementsFor(first: number, versions: number): Promise<number> {
    return Math.min(await statementsOnce(first, versions), await statementsOnce(first, versions));
  }

  async function statementsOnce(first: number, versions: number): Promise<number> {
    const counter = t.gateway.store.statements;
    await quiet(counter);
    const before = counter.count;
    const data = await t.ok(ChartPageDocument, { id: registryId, first, versions });
    const count = counter.count - before;
    const edges = data.registry!.charts.edges;
    expect(edges).toHaveLength(first);
    for (const edge of edges) {
      expect(edge.node.latestVersion).not.toBeNull();
      expect(edge.node.versions.edges.length).toBeGreaterThan(0);
      expect(edge.node.versions.edges.length).toBeLessThanOrEqual(versions);
    }
    return count;
  }

  it("serves a page of charts with latest and top versions in a constant number of SQL statements", async () => {
    // The first read of the registry's row keeps it for the catalog version (RecentRegistries).
    await statementsFor(1, 1);
    const small = await statementsFor(5, 5);
    const large = await statementsFor(50, 5);
    const larger = await statementsFor(100, 20);
    expect(large).toBe(small);
    expect(larger).toBe(small);
    // The catalog version (SQLite; PostgreSQL holds it in memory), the chart page with its
    // count and the latest versions, the version pages. The registry's row is kept per version.
    expect(small).toBe(onPostgres ? 2 : 3);
  });

  it("returns each chart's top versions in semver order", async () => {
    const data = await t.ok(ChartPageDocument, { id: registryId, first: 20, versions: 5 });
    for (const edge of data.registry!.charts.edges) {
      const versions = edge.node.versions.edges.map((e) => e.node.version);
      const sorted = [...versions].sort(semver.rcompare);
      expect(versions).toEqual(sorted);
    }
  });

  it("costs the same statements over HTTP whatever `first` is", async () => {
    await post(url, PAGE, { id: registryId, first: 1 });
    const counts: number[] = [];
    const once = async (first: number) => {
      await quiet(t.gateway.store.statements);
      const before = t.gateway.store.statements.count;
      const answer = await post(url, PAGE, { id: registryId, first });
      expect(answer.json.errors).toBeUndefined();
      return t.gateway.store.statements.count - before;
    };
    // The fewer of two runs each (see statementsFor).
    for (const first of [1, 10, 50, 100])
      counts.push(Math.min(await once(first), await once(first)));
    // As above: the catalog version (SQLite), the chart page with its count and the latest
    // versions, the version pages.
    expect(counts).toEqual(onPostgres ? [2, 2, 2, 2] : [3, 3, 3, 3]);
  });

  it("answers the same once an operation is compiled (graphql-jit) as before (graphql-js)", async () => {
    const chart = await post(
      url,
      `query($id: ID!) { registry(id: $id) { chart(name: "redis") { id latestVersion { id } } } }`,
      { id: registryId },
    );
    const ids = chart.json.data!["registry"] as {
      chart: { id: string; latestVersion: { id: string } };
    };
    const cases: [string, Record<string, unknown>][] = [
      [PAGE, { id: registryId, first: 7 }],
      [
        `query($id: ID!) { registry(id: $id) { __typename id name ... on HelmRegistry { syncEnabled }
           auth { type hasSecret } charts(first: 3, search: "redis") { totalCount edges { cursor node { ...C } } } } }
         fragment C on Chart { name keywords deprecated kind cloudTypes versionCount
           v: versions(first: 2, includePrerelease: false) { pageInfo { startCursor endCursor hasNextPage }
             edges { node { version semver prerelease urls maintainers { name email url }
               dependencies { name version repository condition alias tags } annotations { key value } } } } }`,
        { id: registryId },
      ],
      [
        `query($c: ID!, $v: ID!) { c: node(id: $c) { __typename id ... on Chart { name registry { __typename name } } }
           v: node(id: $v) { __typename ... on ChartVersion { version chart { name } } } missing: node(id: "eA") { id } }`,
        { c: ids.chart.id, v: ids.chart.latestVersion.id },
      ],
      [
        `query($id: ID!) { a: resolveChartVersion(registryId: $id, chart: "redis", version: "^17") { version }
           b: resolveChartVersion(registryId: $id, chart: "redis", version: "0.0.1") { version } }`,
        { id: registryId },
      ],
      // Errors: a bad cursor (BAD_USER_INPUT) and an unknown chart (NOT_FOUND), with paths.
      [
        `query($id: ID!) { registry(id: $id) { charts(first: 2, after: "bad") { totalCount } } }`,
        { id: registryId },
      ],
      [
        `query($id: ID!) { resolveChartVersion(registryId: $id, chart: "no-such-chart", version: "1") { version } }`,
        { id: registryId },
      ],
      [
        `{ searchCharts(search: "postgres", first: 4) { totalCount edges { node { name registry { name } } } } }`,
        {},
      ],
    ];
    const stats = t.gateway.services.execution;
    const before = { ...stats };
    for (const [text, variables] of cases) {
      // A text of its own: an operation earlier tests ran is compiled already.
      const query = `# compiled or not\n${text}`;
      const answers: string[] = [];
      for (let i = 0; i < 3; i++) answers.push((await post(url, query, variables)).text);
      expect([query, answers[2]]).toEqual([query, answers[0]]);
      expect(answers[1]).toBe(answers[0]);
    }
    // Each case ran on graphql-js first, then compiled (cases with errors run on the read path
    // and again in Apollo, each with its own parsed document).
    expect(stats.compiled - before.compiled).toBeGreaterThanOrEqual(cases.length);
    expect(stats.refused).toBe(before.refused);
    expect(stats.jitRuns - before.jitRuns).toBeGreaterThanOrEqual(2 * cases.length);
  });

  it("answers catalog reads on the read path exactly as Apollo answers them", async () => {
    const stats = t.gateway.services.execution;
    const queries = [
      PAGE,
      `query($id: ID!) { registry(id: $id) { name kind ... on HelmRegistry { charts(first: 2) { edges { node { name } } } } } }`,
      `{ searchCharts(search: "redis", first: 3) { totalCount edges { cursor node { name } } } }`,
    ];
    for (const query of queries) {
      const variables = { id: registryId, first: 3 };
      const before = { ...stats };
      const fast = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      expect(stats.readPathAnswers - before.readPathAnswers).toBe(1);
      // A request with `extensions` goes to Apollo.
      const apollo = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables, extensions: {} }),
      });
      expect(stats.readPathAnswers - before.readPathAnswers).toBe(1);
      expect(fast.status).toBe(apollo.status);
      expect(fast.headers.get("content-type")).toBe(apollo.headers.get("content-type"));
      expect(await fast.text()).toBe(await apollo.text());
    }
    // A read with errors is left to Apollo, which formats them.
    const before = { ...stats };
    const failed = await post(url, PAGE, { id: registryId, first: 2, after: "bad" });
    expect(failed.json.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(stats.readPathFallbacks - before.readPathFallbacks).toBe(1);
  });

  it("pages through every chart exactly once", async () => {
    const names: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const answer = await post(url, PAGE, { id: registryId, first: 40, after });
      const charts = (answer.json.data!["registry"] as { charts: never }).charts as {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { name: string } }[];
      };
      total = charts.totalCount;
      names.push(...charts.edges.map((e) => e.node.name));
      after = charts.pageInfo.hasNextPage ? charts.pageInfo.endCursor : null;
    } while (after);
    expect(names).toHaveLength(total);
    expect(new Set(names).size).toBe(total);
    expect([...names].sort()).toEqual(names);
  });

  it("reads only the version columns a selection needs, and every field still answers right", async () => {
    const rows = (await t.gateway.services.catalog.versionsById(
      (
        await t.gateway.store.dataSource.query<{ id: number }[]>(
          "SELECT id FROM chart_version ORDER BY id LIMIT 400",
        )
      ).map((r) => Number(r.id)),
    )) as VersionRow[];
    // Pack metadata is not in a Helm index: give some rows a pack's, as a pack registry stores it.
    rows.slice(0, 40).forEach((row, i) => {
      row.pack = JSON.stringify({
        group: i % 2 ? "lts" : null,
        dependencies: [
          {
            packName: "cni",
            layer: "cni",
            minVersion: "1.0.0",
            maxVersion: null,
            type: "required",
          },
        ],
        resources: [{ type: "memory", minLimit: 2048, components: [] }],
      });
      row.parent_tags = JSON.stringify(["1.x", "1.2.x"]);
    });
    const full = rows.map((row) => toChartVersion(row));
    for (const field of Object.keys(VERSION_FIELD_COLUMNS)) {
      if (field === "__typename") continue;
      const columns = versionColumns([field])
        .split(", ")
        .map((c) => c.slice(2));
      expect(columns.length).toBeLessThan(10);
      rows.forEach((row, i) => {
        const partial = Object.fromEntries(
          columns.map((c) => [c, row[c as keyof VersionRow]]),
        ) as unknown as VersionRow;
        expect([field, toChartVersion(partial)[field as never]]).toEqual([
          field,
          full[i]![field as never],
        ]);
      });
    }
  });

  it("reads only the chart columns a selection needs, and every field still answers right", async () => {
    const ids = (
      await t.gateway.store.dataSource.query<{ id: number }[]>(
        "SELECT id FROM chart ORDER BY id LIMIT 200",
      )
    ).map((r) => Number(r.id));
    const rows = (await t.gateway.services.catalog.chartsById(ids)) as ChartRow[];
    // Pack fields are not in a Helm index: give some rows a pack's, as a pack registry stores them.
    rows.slice(0, 20).forEach((row, i) => {
      Object.assign(row, {
        kind: "PACK",
        display_name: `Pack ${i}`,
        layer: "cni",
        addon_type: "monitoring",
        addon_sub_type: "logs",
        cloud_types: JSON.stringify(["aws", "all"]),
        pack_group: i % 2 ? "lts" : null,
        eol: "2030-01-01",
        logo_url: "https://example.test/logo.png",
      });
    });
    const full = rows.map((row) => toChart(row));
    for (const field of Object.keys(CHART_FIELD_COLUMNS)) {
      if (field === "__typename") continue;
      const columns = chartColumns([field])
        .split(", ")
        .map((c) => c.slice(2));
      expect(columns.length).toBeLessThan(6);
      rows.forEach((row, i) => {
        const partial = Object.fromEntries(
          columns.map((c) => [c, row[c as keyof ChartRow]]),
        ) as unknown as ChartRow;
        const value = toChart(partial) as unknown as Record<string, unknown>;
        const expected = full[i] as unknown as Record<string, unknown>;
        // Fields resolved from other fields: what they read must be there.
        const read =
          field === "latestVersion"
            ? "latestVersionDbId"
            : field === "versions"
              ? "versionCount"
              : field === "registry"
                ? "registryDbId"
                : field;
        expect([field, value[read]]).toEqual([field, expected[read]]);
      });
    }
  });

  it("knows the columns of every Chart and ChartVersion field (an unknown field reads every column)", () => {
    const chart = t.gateway.schema.getType("Chart");
    if (!isObjectType(chart)) throw new Error("Chart is not an object type");
    expect(Object.keys(chart.getFields()).filter((f) => !(f in CHART_FIELD_COLUMNS))).toEqual([]);
    expect(chartColumns(["name", "no-such-field"])).toBe(chartColumns(null));
    const type = t.gateway.schema.getType("ChartVersion");
    if (!isObjectType(type)) throw new Error("ChartVersion is not an object type");
    const fields = Object.keys(type.getFields());
    expect(fields.filter((f) => !(f in VERSION_FIELD_COLUMNS))).toEqual([]);
    expect(versionColumns(["version", "no-such-field"])).toBe(versionColumns(null));
  });
  it("answers a registry's new name at once after a rename (its kept row is per catalog version)", async () => {
    const NAME = `query($id: ID!) { registry(id: $id) { name } }`;
    const RENAME = `mutation($id: ID!, $name: String!) { updateHelmRegistry(id: $id, input: { name: $name }) { id } }`;
    const nameNow = async () =>
      ((await post(url, NAME, { id: registryId })).json as { data: { registry: { name: string } } })
        .data.registry.name;
    expect(await nameNow()).toBe("bitnami");
    // A second read keeps answering from the kept row: no statement for the registry.
    await quiet(t.gateway.store.statements);
    const before = t.gateway.store.statements.count;
    expect(await nameNow()).toBe("bitnami");
    expect(t.gateway.store.statements.count - before).toBe(onPostgres ? 0 : 1);
    for (const name of ["bitnami-renamed", "bitnami"]) {
      const renamed = await post(url, RENAME, { id: registryId, name });
      expect(renamed.json.errors).toBeUndefined();
      expect(await nameNow()).toBe(name);
    }
    // What a registry change sets off in the background (the webhook outbox) ends before the next test.
    await quiet(t.gateway.store.statements);
  });
});

describe("the response cache", () => {
  let t: TestGateway;
  let url: string;
  let registryId: string;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    t = await startTestGateway({
      PORT: "0",
      SYNC_SCHEDULE: "false",
      AUTH_JWT_SECRET: SECRET,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
    });
    url = (await t.gateway.listen()).url;
    tokenA = await sign(TENANT_A);
    tokenB = await sign(TENANT_B);
    registryId = await addAndSync(t, "dashboard", "/dashboard", TENANT_A);
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers a repeated read from the cache, byte for byte, without running it", async () => {
    const first = await post(url, PAGE, { id: registryId, first: 5 }, tokenA);
    expect(first.cache).toBe("miss");
    expect(first.json.errors).toBeUndefined();
    const before = t.gateway.store.statements.count;
    const second = await post(url, PAGE, { id: registryId, first: 5 }, tokenA);
    expect(second.cache).toBe("hit");
    expect(second.text).toBe(first.text);
    // SQLite: only the catalog version was read (a prepared statement on the open file).
    // PostgreSQL: not even that; the version is kept from the fleet's notifications.
    expect(t.gateway.store.statements.count - before).toBe(onPostgres ? 0 : 1);
    const other = await post(url, PAGE, { id: registryId, first: 6 }, tokenA);
    expect(other.cache).toBe("miss");
    const stats = t.gateway.services.responseCache!.snapshot();
    expect(stats.hits).toBeGreaterThanOrEqual(1);
    expect(stats.misses).toBeGreaterThanOrEqual(2);
  });

  it("keys by tenant: another tenant never gets a cached answer it could not see", async () => {
    const mine = await post(url, PAGE, { id: registryId, first: 5 }, tokenA);
    expect(mine.json.data?.["registry"]).not.toBeNull();
    const theirs = await post(url, PAGE, { id: registryId, first: 5 }, tokenB);
    expect(theirs.cache).toBe("miss");
    expect(theirs.json.data?.["registry"]).toBeNull();
  });

  it("does not keep an answer with errors", async () => {
    for (let i = 0; i < 2; i++) {
      const answer = await post(url, PAGE, { id: registryId, first: 101 }, tokenA);
      expect(answer.json.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(answer.cache).toBe("miss");
    }
  });

  it("never serves a page older than the catalog: a registry change or a sync moves it on", async () => {
    const query = `query($id: ID!) { registry(id: $id) { name lastSyncedAt } }`;
    const before = await post(url, query, { id: registryId }, tokenA);
    expect((await post(url, query, { id: registryId }, tokenA)).cache).toBe("hit");

    await t.ok(
      UpdateHelmRegistryDocument,
      { id: registryId, input: { name: "dashboard-renamed" } },
      TENANT_A,
    );
    const renamed = await post(url, query, { id: registryId }, tokenA);
    expect(renamed.cache).toBe("miss");
    expect(renamed.json.data?.["registry"]).toMatchObject({ name: "dashboard-renamed" });

    await syncAndWait(t, registryId, TENANT_A);
    const synced = await post(url, query, { id: registryId }, tokenA);
    expect(synced.cache).toBe("miss");
    const lastSyncedAt = (synced.json.data?.["registry"] as { lastSyncedAt: string }).lastSyncedAt;
    expect(
      lastSyncedAt > (before.json.data?.["registry"] as { lastSyncedAt: string }).lastSyncedAt,
    ).toBe(true);
  });

  it("does not keep what changes during a run, what asks registries live or what writes", async () => {
    const cases = [
      `query($id: ID!) { registry(id: $id) { syncStatus } }`,
      `query($id: ID!) { registry(id: $id) { lastSyncRun { status } } }`,
      `query($id: ID!) { registry(id: $id) { auth { username hasSecret } } }`,
      `query($id: ID!) { checkChartReference(registryId: $id, chart: "kubernetes-dashboard", version: "7.0.0") { status } }`,
    ];
    for (const query of cases) {
      for (let i = 0; i < 2; i++) {
        const answer = await post(url, query, { id: registryId }, tokenA);
        expect([query, answer.cache]).toEqual([query, "bypass"]);
      }
    }
    const runId = (
      await t.gateway.store.dataSource.query<{ id: string }[]>("SELECT id FROM sync_run")
    )[0]!.id;
    const node = await post(
      url,
      `query($id: ID!) { node(id: $id) { ... on SyncRun { status } } }`,
      { id: Buffer.from(`SyncRun:${runId}`).toString("base64url") },
      tokenA,
    );
    expect(node.cache).toBe("bypass");
    const mutation = await post(
      url,
      `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
      { id: registryId },
      tokenA,
    );
    expect(mutation.cache).toBe("bypass");
    await t.gateway.engine.waitFor(
      fromGlobalId((mutation.json.data?.["syncRegistry"] as { id: string }).id)!.id,
    );
  });
});

describe("the response cache with two gateway processes on one store", () => {
  let t: TestGateway;
  let other: GatewayProcess;
  let url: string;

  afterAll(async () => {
    other?.child.kill("SIGTERM");
    await other?.exited;
    await t?.close();
  });

  it("serves no stale page after the other process changes the catalog", async () => {
    t = await startTestGateway({ PORT: "0", SYNC_SCHEDULE: "false" });
    url = (await t.gateway.listen()).url;
    const registryId = await addAndSync(t, "dashboard", "/dashboard");
    other = await startGatewayProcess({
      // The same store: the SQLite file, or (PostgreSQL) the same schema.
      DATABASE_URL: (await databaseUrlFor(t.dir)).url,
      ENCRYPTION_KEY_FILE: path.join(t.dir, "encryption.key"),
      SYNC_SCHEDULE: "false",
    });
    const query = `query($id: ID!) { registry(id: $id) { name } }`;
    await post(url, query, { id: registryId });
    expect((await post(url, query, { id: registryId })).cache).toBe("hit");
    const renamed = await post(
      other.url,
      `mutation($id: ID!) { updateHelmRegistry(id: $id, input: { name: "renamed-elsewhere" }) { name } }`,
      { id: registryId },
    );
    expect(renamed.json.errors).toBeUndefined();
    const after = await post(url, query, { id: registryId });
    expect(after.cache).toBe("miss");
    expect(after.json.data?.["registry"]).toEqual({ name: "renamed-elsewhere" });
  });
});
