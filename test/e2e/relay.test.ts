import { type TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse, type GraphQLFormattedError } from "graphql";
import { AddHelmRegistryDocument } from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveFile } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";

/**
 * Issue 18, points 9 and 10: every connection pages forward (`first`/`after`) and backward
 * (`last`/`before`) as Relay's cursor connections specification says, `nodes(ids:)` answers in
 * order, `first: 0` is a page, cursors belong to their list, and bad page arguments are
 * BAD_USER_INPUT naming the argument. Real data: the prometheus-community index (18 charts,
 * 862 versions) and the kubernetes-dashboard index, synced from a real HTTP server.
 */
let t: TestGateway;
let server: FixtureServer;
let registryId: string;
const registryIds: string[] = [];

type Vars = Record<string, unknown>;
const doc = (text: string) => parse(text) as unknown as TypedDocumentNode<Vars, Vars>;

async function exec(
  text: string,
  variables: Vars,
): Promise<{ data?: Vars | null; errors?: readonly GraphQLFormattedError[] }> {
  return (await t.exec(doc(text), variables)) as never;
}

async function ok(text: string, variables: Vars): Promise<Vars> {
  const result = await exec(text, variables);
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

beforeAll(async () => {
  t = await startTestGateway();
  server = await FixtureServer.start();
  for (const repo of ["prometheus-community", "kubernetes-dashboard"]) {
    server.route(`/${repo}/index.yaml`, serveFile(fixturePath("helm", repo, "index.yaml")));
  }
  for (const [name, repo] of [
    ["prometheus", "prometheus-community"],
    ["dashboard", "kubernetes-dashboard"],
    ["dashboard-2", "kubernetes-dashboard"],
    ["dashboard-3", "kubernetes-dashboard"],
    ["dashboard-4", "kubernetes-dashboard"],
  ] as const) {
    const added = await t.ok(AddHelmRegistryDocument, {
      input: { name, endpoint: server.url(`/${repo}`) },
    });
    registryIds.push(added.addHelmRegistry.id);
  }
  registryId = registryIds[0]!;
  for (const id of registryIds.slice(0, 2)) await syncAndWait(t, id);
  // A few runs to page through.
  await syncAndWait(t, registryId);
  await syncAndWait(t, registryId);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await server?.close();
});

interface Connection {
  totalCount?: number;
  edges: { cursor: string; node: Vars }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

/** Each connection of the schema: a query whose `pick` returns the connection. */
const CONNECTIONS: Record<string, { query: (args: string) => string; pick: (d: Vars) => unknown }> =
  {
    registries: {
      query: (a) => `query($first:Int,$after:String,$last:Int,$before:String){
        registries(${a}) { totalCount edges { cursor node { id } } ${PAGE_INFO} } }`,
      pick: (d) => d["registries"],
    },
    "Registry.charts": {
      query: (a) => `query($id:ID!,$first:Int,$after:String,$last:Int,$before:String){
        registry(id:$id) { charts(${a}) { totalCount edges { cursor node { id } } ${PAGE_INFO} } } }`,
      pick: (d) => (d["registry"] as Vars)["charts"],
    },
    "Registry.charts(search:)": {
      query: (a) => `query($id:ID!,$first:Int,$after:String,$last:Int,$before:String){
        registry(id:$id) { charts(search:"prometheus", ${a}) { totalCount edges { cursor node { id } } ${PAGE_INFO} } } }`,
      pick: (d) => (d["registry"] as Vars)["charts"],
    },
    searchCharts: {
      query: (a) => `query($first:Int,$after:String,$last:Int,$before:String){
        searchCharts(${a}) { totalCount edges { cursor node { id } } ${PAGE_INFO} } }`,
      pick: (d) => d["searchCharts"],
    },
    "Chart.versions": {
      query: (a) => `query($id:ID!,$first:Int,$after:String,$last:Int,$before:String){
        registry(id:$id) { chart(name:"prometheus-operator") { versions(${a}) { totalCount edges { cursor node { id } } ${PAGE_INFO} } } } }`,
      pick: (d) => ((d["registry"] as Vars)["chart"] as Vars)["versions"],
    },
    "Chart.versions(range:)": {
      query: (a) => `query($id:ID!,$first:Int,$after:String,$last:Int,$before:String){
        registry(id:$id) { chart(name:"prometheus-operator") { versions(range:">= 5, < 9", ${a}) { totalCount edges { cursor node { id } } ${PAGE_INFO} } } } }`,
      pick: (d) => ((d["registry"] as Vars)["chart"] as Vars)["versions"],
    },
    "Registry.syncRuns": {
      query: (a) => `query($id:ID!,$first:Int,$after:String,$last:Int,$before:String){
        registry(id:$id) { syncRuns(${a}) { totalCount edges { cursor node { id } } ${PAGE_INFO} } } }`,
      pick: (d) => (d["registry"] as Vars)["syncRuns"],
    },
  };

const ARGS = "first:$first, after:$after, last:$last, before:$before";

async function page(name: string, vars: Vars): Promise<Connection> {
  const c = CONNECTIONS[name]!;
  return c.pick(await ok(c.query(ARGS), { id: registryId, ...vars })) as Connection;
}

/** Every edge of a list, by forward pages of 100. */
async function everything(name: string): Promise<Connection["edges"]> {
  const edges: Connection["edges"] = [];
  let after: string | null = null;
  for (;;) {
    const p = await page(name, { first: 100, after });
    edges.push(...p.edges);
    if (!p.pageInfo.hasNextPage) return edges;
    after = p.pageInfo.endCursor;
  }
}

describe("9. Relay connections in full", () => {
  for (const name of Object.keys(CONNECTIONS)) {
    it(`${name}: backward paging (last/before) walks the list forward paging walks, reversed`, async () => {
      const all = await everything(name);
      const ids = all.map((e) => e.node["id"]);
      expect(ids.length).toBeGreaterThanOrEqual(3);
      expect((await page(name, { first: 1 })).totalCount ?? ids.length).toBe(ids.length);
      const size = Math.min(100, Math.max(1, Math.ceil(ids.length / 3)));

      const forward: unknown[] = [];
      let after: string | null = null;
      for (;;) {
        const p = await page(name, { first: size, after });
        forward.push(...p.edges.map((e) => e.node["id"]));
        expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!p.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor;
      }
      expect(forward).toEqual(ids);

      const backward: unknown[] = [];
      let before: string | null = null;
      for (;;) {
        const p = await page(name, { last: size, before });
        expect(p.edges.length).toBeLessThanOrEqual(size);
        backward.unshift(...p.edges.map((e) => e.node["id"]));
        expect(p.pageInfo.hasNextPage).toBe(before !== null);
        expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
        expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
        if (!p.pageInfo.hasPreviousPage) break;
        before = p.pageInfo.startCursor;
      }
      expect(backward).toEqual(ids);
      expect((await page(name, { last: 1 })).edges.map((e) => e.node["id"])).toEqual([ids.at(-1)]);

      // Between two cursors, and Relay's first-then-last.
      const middle = await page(name, {
        after: all[0]!.cursor,
        before: all[Math.min(all.length - 1, 50)]!.cursor,
        first: 100,
      });
      expect(middle.edges.map((e) => e.node["id"])).toEqual(
        ids.slice(1, Math.min(all.length - 1, 50)),
      );
      const firstThenLast = await page(name, { first: 3, last: 2 });
      expect(firstThenLast.edges.map((e) => e.node["id"])).toEqual(ids.slice(1, 3));
      expect(firstThenLast.pageInfo.hasPreviousPage).toBe(true);
    });

    it(`${name}: first: 0 is an empty page that says more follow`, async () => {
      const p = await page(name, { first: 0 });
      expect(p.edges).toEqual([]);
      expect(p.pageInfo.hasNextPage).toBe(true);
    });
  }

  it("a cursor of one list given to another is BAD_USER_INPUT, not a silent first page", async () => {
    const versions = await page("Chart.versions", { first: 2 });
    const charts = await page("Registry.charts", { first: 2 });
    for (const [name, cursor, field] of [
      ["Registry.charts", versions.pageInfo.endCursor, "after"],
      ["Chart.versions", charts.pageInfo.endCursor, "before"],
      ["registries", charts.pageInfo.endCursor, "after"],
      ["Registry.syncRuns", "bm90IGEgY3Vyc29y", "after"],
    ] as const) {
      const result = await exec(CONNECTIONS[name]!.query(ARGS), {
        id: registryId,
        [field === "after" ? "first" : "last"]: 2,
        [field]: cursor,
      });
      expect([name, result.errors?.[0]?.extensions?.["code"]]).toEqual([name, "BAD_USER_INPUT"]);
      expect(result.errors?.[0]?.extensions?.["field"]).toBe(field);
    }
  });

  it("Query.nodes(ids:) answers every id in order, null for unknown ones", async () => {
    const charts = await page("Registry.charts", { first: 3 });
    const versions = await page("Chart.versions", { first: 2 });
    const ids = [
      versions.edges[1]!.node["id"],
      "bm9wZQ",
      registryId,
      charts.edges[2]!.node["id"],
      charts.edges[0]!.node["id"],
    ];
    const data = await ok(
      `query($ids:[ID!]!){ nodes(ids:$ids) { __typename id } node(id:"${registryId}") { id } }`,
      { ids },
    );
    expect((data["nodes"] as ({ id: string } | null)[]).map((n) => n?.id ?? null)).toEqual([
      ids[0],
      null,
      ids[2],
      ids[3],
      ids[4],
    ]);
    expect((data["nodes"] as { __typename: string }[])[0]!.__typename).toBe("ChartVersion");
  });
});

describe("9. backward pages cost what forward pages cost (MAX_QUERY_COMPLEXITY)", () => {
  it("last: N nested is refused as first: N is; a page without first or last counts 20 items", async () => {
    const nested = (size: string) => {
      const args = size ? `(${size})` : "";
      const versions = `versions${args} { edges { node { version } } }`;
      const charts = `charts${args} { edges { node { ${versions} } } }`;
      return `{ registries${args} { edges { node { ... on HelmRegistry { ${charts} } } } } }`;
    };
    for (const size of ["first: 100", "last: 100"]) {
      const result = await exec(nested(size), {});
      expect([size, result.errors?.[0]?.extensions?.["code"]]).toEqual([size, "QUERY_TOO_COMPLEX"]);
    }
    // The default page counts as the 20 items it serves, as `first: 20` does.
    const defaulted = await exec(nested(""), {});
    const twenty = await exec(nested("first: 20"), {});
    expect(defaulted.errors?.[0]?.extensions?.["complexity"]).toBeGreaterThan(20_000);
    expect(defaulted.errors?.[0]?.extensions).toEqual(twenty.errors?.[0]?.extensions);
    const ids = await exec(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array.from({ length: 101 }, (_, i) => String(i)),
    });
    expect(ids.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "ids" });
  });
});

describe("10. input errors a person can act on", () => {
  for (const [args, field] of [
    ["first: 101", "first"],
    ["last: 1000", "last"],
    ["first: -1", "first"],
  ] as const) {
    it(`${args}: BAD_USER_INPUT on \`${field}\`, no validator internals`, async () => {
      const result = await exec(`{ registries(${args}) { totalCount } }`, {});
      const error = result.errors?.[0];
      expect(error?.extensions).toEqual({ code: "BAD_USER_INPUT", field });
      expect(error?.message).toMatch(/between 0 and 100/);
      expect(JSON.stringify(result)).not.toMatch(/target|validationErrors|constraints/);
    });
  }

  it("a bad range and a bad URL name their field", async () => {
    const range = await exec(
      `query($id:ID!){ registry(id:$id) { chart(name:"prometheus-operator") { versions(range:">>1") { totalCount } } } }`,
      { id: registryId },
    );
    expect(range.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "range" });
    const url = await t.exec(AddHelmRegistryDocument, {
      input: { name: "bad-url", endpoint: "not a url" },
    });
    expect(url.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "endpoint" });
  });
});
