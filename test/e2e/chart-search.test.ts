import Database from "better-sqlite3";
import { stringify as toYaml } from "yaml";
import {
  AddHelmRegistryDocument,
  DeleteRegistryDocument,
  SearchAllChartsDocument,
  SearchRegistryChartsDocument,
  type SearchAllChartsQuery,
  type SearchAllChartsQueryVariables,
} from "../__generated__/graphql";
import { fts5Query } from "../../src/services/catalog/chart-search";
import { ChartSearch1732320000000 } from "../../src/store/migrations/1732320000000-chart-search";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";
import { onPostgres, storeName } from "../helpers/test-store";

/** A chart of a generated Helm index: one version unless told otherwise. */
interface IndexChart {
  name: string;
  description: string;
  keywords?: string[];
  deprecated?: boolean;
  version?: string;
}

/** A Helm repository index (index.yaml) listing the given charts. */
function helmIndex(charts: IndexChart[]): string {
  const entries: Record<string, unknown[]> = {};
  for (const c of charts) {
    const version = c.version ?? "1.0.0";
    entries[c.name] = [
      {
        apiVersion: "v2",
        name: c.name,
        version,
        description: c.description,
        keywords: c.keywords ?? [],
        ...(c.deprecated ? { deprecated: true } : {}),
        urls: [`${c.name}-${version}.tgz`],
      },
    ];
  }
  return toYaml({ apiVersion: "v1", entries });
}

/** Charts that share a description (equal scores: the order falls back to the name). */
const TIES = ["tie-e", "tie-b", "tie-d", "tie-a", "tie-c"];

const ALPHA: IndexChart[] = [
  {
    name: "postgresql",
    description: "PostgreSQL is an open source object-relational database known for reliability.",
    keywords: ["postgresql", "postgres", "database", "sql"],
  },
  {
    name: "postgresql-ha",
    description: "This PostgreSQL cluster solution includes the PostgreSQL replication manager.",
    keywords: ["postgresql", "replication", "ha"],
  },
  {
    name: "db-backup",
    description: "Nightly dumps of PostgreSQL and MySQL databases to object storage.",
    keywords: ["backup"],
  },
  {
    name: "cert-manager",
    description: "A Helm chart for cert-manager",
    keywords: ["cert-manager", "certificates", "tls"],
  },
  {
    name: "cert-manager-csi-driver",
    description: "Mounts certificates into pods",
    keywords: ["cert-manager", "csi"],
  },
  {
    name: "secrets-manager",
    description: "A manager of secrets that also stores a cert bundle",
    keywords: ["secrets"],
  },
  {
    name: "kube-prometheus-stack",
    description:
      "Collects Kubernetes manifests, Grafana dashboards and Prometheus rules combined with documentation.",
    keywords: ["operator", "prometheus", "kube-prometheus"],
  },
  {
    name: "prometheus",
    description: "Prometheus is a monitoring system and time series database.",
    keywords: ["monitoring", "prometheus", "metrics"],
  },
  {
    name: "grafana",
    description: "The leading tool for querying and visualizing time series and metrics.",
    keywords: ["monitoring", "metric"],
  },
  {
    name: "postgres-exporter",
    description: "Prometheus exporter for PostgreSQL server metrics.",
    keywords: ["postgresql", "prometheus", "exporter"],
    deprecated: true,
  },
  { name: "gadget", description: "The gadget of gadgets." },
  { name: "gadget-pro", description: "A professional gadget." },
  { name: "box", description: "Gadget gadget gadget box." },
  {
    name: "lamp",
    description:
      "A lamp that is not a gadget, with a long description about lamps, light, shades, bulbs and wires.",
  },
  ...TIES.map((name) => ({ name, description: "Holds a gadget." })),
];

const BETA: IndexChart[] = [
  {
    name: "postgresql",
    description: "A PostgreSQL chart mirrored from upstream.",
    keywords: ["postgresql"],
  },
  { name: "mysql", description: "MySQL is a fast, reliable relational database.", keywords: [] },
  { name: "gadget-lite", description: "A gadget for small clusters." },
  { name: "beta-tie", description: "Holds a gadget." },
];

/** What users type that must never be taken as FTS5 syntax: results or an empty page, no error. */
const HOSTILE = [
  '"',
  '"postgres',
  'postgres"',
  '""',
  "*",
  "postg*",
  "**",
  "NEAR(",
  "NEAR(postgres cert, 2)",
  "NEAR",
  "name:postgres",
  "name: postgres",
  "{name description}: cert",
  "description:",
  "-postgres",
  "postgres -mysql",
  "postgres OR mysql",
  "OR",
  "AND",
  "NOT postgres",
  "postgres NOT",
  "^postgres",
  "+",
  "(",
  ")",
  "(postgres",
  "postgres)",
  "'",
  "'; DROP TABLE chart; --",
  "\\",
  "%",
  "_",
  "%_%",
  ":",
  "🐘",
  "🐘 postgres",
  "postgres🐘",
  "👩‍👩‍👧‍👦",
  "\u0000",
  "post\u0000gres",
  "\u0301",
  "e\u0301",
  "\u202epostgres",
  "\u200b",
  "ﬁ",
  "数据库",
  "a".repeat(1000),
  "a ".repeat(500),
  "a-".repeat(500),
  "postgres ".repeat(120),
  "\"*()-:^+{}[],;'`~!@#$%&=|<>?/".repeat(30),
];

let t: TestGateway;
let server: FixtureServer;
const ids = new Map<string, string>();

async function addAndSync(name: string): Promise<string> {
  const { addHelmRegistry } = await t.ok(AddHelmRegistryDocument, {
    input: { name, endpoint: server.url(`/${name}`) },
  });
  const run = await syncAndWait(t, addHelmRegistry.id);
  expect({ name, status: run.status, error: run.error }).toEqual({
    name,
    status: "SUCCEEDED",
    error: null,
  });
  ids.set(name, addHelmRegistry.id);
  return addHelmRegistry.id;
}

/** Chart names of one registry's search, in the order served (one page of up to 100). */
async function names(registry: string, search: string, extra: Record<string, unknown> = {}) {
  const { registry: r } = await t.ok(SearchRegistryChartsDocument, {
    id: ids.get(registry)!,
    search,
    first: 100,
    ...extra,
  });
  expect(r!.charts.totalCount).toBe(r!.charts.edges.length);
  return r!.charts.edges.map((e) => e.node.name);
}

/** `registry/chart` of a cross-registry search, in the order served. */
async function everywhere(search: string): Promise<string[]> {
  const { searchCharts } = await t.ok(SearchAllChartsDocument, { search, first: 100 });
  expect(searchCharts.totalCount).toBe(searchCharts.edges.length);
  return searchCharts.edges.map((e) => `${e.node.registry.name}/${e.node.name}`);
}

type Edge = SearchAllChartsQuery["searchCharts"]["edges"][number];

/** Every edge of a search read `first` at a time, with the totalCount each page reported. */
async function pageThrough(
  first: number,
  read: (after: string | null) => Promise<{
    totalCount: number;
    edges: Edge[];
    pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  }>,
): Promise<{ edges: Edge[]; totals: Set<number> }> {
  const edges: Edge[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await read(after);
    totals.add(page.totalCount);
    expect(page.edges.length).toBeLessThanOrEqual(first);
    edges.push(...page.edges);
    if (!page.pageInfo.hasNextPage) return { edges, totals };
    expect(page.edges).toHaveLength(first);
    after = page.pageInfo.endCursor!;
  }
  throw new Error("paging did not end");
}

/** Runs a check of the FTS5 index against the `chart` table on a connection of its own. */
function ftsIntegrity(): { indexed: number; charts: number } {
  const db = new Database(t.dbFile);
  try {
    db.pragma("busy_timeout = 5000");
    // Throws SQLITE_CORRUPT_VTAB when the index and the content table disagree.
    db.prepare("INSERT INTO chart_fts (chart_fts, rank) VALUES ('integrity-check', 1)").run();
    const count = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { indexed: count("chart_fts_docsize"), charts: count("chart") };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  t = await startTestGateway();
  server = await FixtureServer.start();
  server.route("/alpha/index.yaml", serveBody(helmIndex(ALPHA)));
  server.route("/beta/index.yaml", serveBody(helmIndex(BETA)));
  await addAndSync("alpha");
  await addAndSync("beta");
});

afterAll(async () => {
  await t.close();
  await server.close();
});

describe(`chart search (${storeName})`, () => {
  it("ranks a name match above a description-only match", async () => {
    const found = await names("alpha", "postgresql");
    expect(found.slice(0, 2).sort()).toEqual(["postgresql", "postgresql-ha"]);
    expect(found.slice(2).sort()).toEqual(["db-backup", "postgres-exporter"]);
    // The exact, shorter name first.
    expect(found[0]).toBe("postgresql");
    const prometheus = await names("alpha", "prometheus");
    expect(prometheus[0]).toBe("prometheus");
    expect(prometheus).toEqual(expect.arrayContaining(["kube-prometheus-stack"]));
    // Name hits first, description-only hits (lamp mentions a gadget once) last.
    const gadgets = await names("alpha", "gadget");
    expect(gadgets.slice(0, 2).sort()).toEqual(["gadget", "gadget-pro"]);
    expect(gadgets.at(-1)).toBe("lamp");
  });

  it("matches token prefixes, case- and accent-insensitively", async () => {
    const all = ["db-backup", "postgres-exporter", "postgresql", "postgresql-ha"];
    expect((await names("alpha", "postg")).sort()).toEqual(all);
    expect((await names("alpha", "POSTG")).sort()).toEqual(all);
    expect((await names("alpha", "PöstgréSQL")).sort()).toEqual(all);
    // "postgres" is a prefix of "postgresql" and the whole of the exporter's name token.
    expect((await names("alpha", "postgres")).sort()).toEqual(all);
    expect(await names("alpha", "stack")).toEqual(["kube-prometheus-stack"]);
    expect(await names("alpha", "zzz")).toEqual([]);
  });

  it("requires every word (AND)", async () => {
    expect(await names("alpha", "prometheus grafana")).toEqual(["kube-prometheus-stack"]);
    expect((await names("alpha", "monitoring metric")).sort()).toEqual(["grafana", "prometheus"]);
    expect(await names("alpha", "postgresql replication")).toEqual(["postgresql-ha"]);
    expect(await names("alpha", "postgresql zzz")).toEqual([]);
  });

  it("finds hyphenated names: the tokens of a word must follow each other", async () => {
    const cert = await names("alpha", "cert-manager");
    expect(cert[0]).toBe("cert-manager");
    // secrets-manager has "manager" and "cert" too, but not as "cert manager".
    expect(cert.sort()).toEqual(["cert-manager", "cert-manager-csi-driver"]);
    // Separate words need not be adjacent.
    expect((await names("alpha", "cert manager")).sort()).toEqual([
      "cert-manager",
      "cert-manager-csi-driver",
      "secrets-manager",
    ]);
    expect(await names("alpha", "kube-prometheus")).toEqual(["kube-prometheus-stack"]);
    expect(await names("alpha", "kube-prom")).toEqual(["kube-prometheus-stack"]);
    expect(await names("alpha", "prometheus-stack")).toEqual(["kube-prometheus-stack"]);
    expect(await names("alpha", "postgresql-ha")).toEqual(["postgresql-ha"]);
    // Other separators join tokens the same way.
    expect(await names("alpha", "postgresql_ha")).toEqual(["postgresql-ha"]);
  });

  it("applies the filters and the registry scope to the matches", async () => {
    expect((await names("alpha", "postgresql", { includeDeprecated: false })).sort()).toEqual([
      "db-backup",
      "postgresql",
      "postgresql-ha",
    ]);
    expect(await names("alpha", "postgresql", { kind: "PACK" })).toEqual([]);
    expect(await names("alpha", "postgresql", { kind: "HELM_CHART" })).toEqual(
      await names("alpha", "postgresql"),
    );
    expect(await names("alpha", "mysql")).toEqual(["db-backup"]);
    expect(await names("beta", "mysql")).toEqual(["mysql"]);
  });

  it("searches across registries (searchCharts), ranked", async () => {
    expect(await everywhere("mysql")).toEqual(["beta/mysql", "alpha/db-backup"]);
    const postgres = await everywhere("postgresql");
    expect(postgres.slice(0, 3).sort()).toEqual([
      "alpha/postgresql",
      "alpha/postgresql-ha",
      "beta/postgresql",
    ]);
    expect(postgres).toHaveLength(5);
    const { searchCharts } = await t.ok(SearchAllChartsDocument, {
      search: "postgresql",
      first: 100,
      includeDeprecated: false,
    });
    expect(searchCharts.totalCount).toBe(4);
  });

  it("pages through ranked results: every match exactly once, in the order of one big page", async () => {
    for (const search of ["gadget", "postgresql", "a"]) {
      const { registry } = await t.ok(SearchRegistryChartsDocument, {
        id: ids.get("alpha")!,
        search,
        first: 100,
      });
      const whole = registry!.charts;
      expect(whole.edges.length).toBeGreaterThan(2);
      const paged = await pageThrough(2, async (after) => {
        const page = await t.ok(SearchRegistryChartsDocument, {
          id: ids.get("alpha")!,
          search,
          first: 2,
          after,
        });
        return page.registry!.charts;
      });
      expect(paged.edges.map((e) => e.node.id)).toEqual(whole.edges.map((e) => e.node.id));
      expect(new Set(paged.edges.map((e) => e.node.id)).size).toBe(whole.edges.length);
      expect([...paged.totals]).toEqual([whole.totalCount]);
    }
    // Equal scores fall back to the name: the ties come in name order, one after the other.
    const gadgets = await names("alpha", "gadget");
    const first = gadgets.indexOf("tie-a");
    expect(gadgets.slice(first, first + TIES.length)).toEqual([...TIES].sort());

    // Across registries, with the filters.
    for (const vars of [
      { search: "gadget" },
      { search: "gadget", includeDeprecated: false, kind: "HELM_CHART" as const },
      { search: "postgresql" },
    ] satisfies SearchAllChartsQueryVariables[]) {
      const whole = (await t.ok(SearchAllChartsDocument, { ...vars, first: 100 })).searchCharts;
      const paged = await pageThrough(
        2,
        async (after) =>
          (await t.ok(SearchAllChartsDocument, { ...vars, first: 2, after })).searchCharts,
      );
      expect(paged.edges.map((e) => e.node.id)).toEqual(whole.edges.map((e) => e.node.id));
      expect([...paged.totals]).toEqual([whole.totalCount]);
    }
    const gadgetsEverywhere = await everywhere("gadget");
    expect(gadgetsEverywhere).toEqual(expect.arrayContaining(["beta/beta-tie", "alpha/tie-a"]));
  });

  it("rejects a cursor of another ordering", async () => {
    const byName = await t.ok(SearchRegistryChartsDocument, { id: ids.get("alpha")!, first: 1 });
    const nameCursor = byName.registry!.charts.pageInfo.endCursor!;
    const ranked = await t.ok(SearchRegistryChartsDocument, {
      id: ids.get("alpha")!,
      search: "gadget",
      first: 1,
    });
    const rankCursor = ranked.registry!.charts.pageInfo.endCursor!;
    for (const [search, after] of [
      ["gadget", nameCursor],
      [null, rankCursor],
      ["gadget", "not-a-cursor"],
      ["gadget", Buffer.from('["x","y","z"]').toString("base64url")],
    ]) {
      const result = await t.exec(SearchRegistryChartsDocument, {
        id: ids.get("alpha")!,
        search,
        first: 1,
        after,
      });
      expect({ search, code: errorCode(result) }).toEqual({ search, code: "BAD_USER_INPUT" });
    }
  });

  it("takes hostile text as words: results or an empty page, never an error", async () => {
    for (const search of HOSTILE) {
      const one = await t.exec(SearchRegistryChartsDocument, {
        id: ids.get("alpha")!,
        search,
        first: 5,
      });
      expect({ search, errors: one.errors }).toEqual({ search, errors: undefined });
      const all = await t.exec(SearchAllChartsDocument, { search, first: 5 });
      expect({ search, errors: all.errors }).toEqual({ search, errors: undefined });
      expect(all.data!.searchCharts.totalCount).toBeGreaterThanOrEqual(
        all.data!.searchCharts.edges.length,
      );
    }
    // No letter or digit: nothing matches.
    for (const search of ['"', "*", "🐘", "(", "\u0000", "-"]) {
      const { searchCharts } = await t.ok(SearchAllChartsDocument, { search, first: 5 });
      expect({ search, total: searchCharts.totalCount }).toEqual({ search, total: 0 });
    }
    // What reaches MATCH: quoted tokens only, each a prefix; a word's tokens form a phrase.
    expect(fts5Query('cert-manager NEAR( "x* name:pg OR')).toBe(
      '"cert"* + "manager"* AND "NEAR"* AND "x"* AND "name"* + "pg"* AND "OR"*',
    );
    expect(fts5Query("a ".repeat(500))).toBe('"a"*');
    expect(fts5Query(" 🐘 (*) ")).toBeNull();
    // Operators are plain words; punctuation around a word is ignored.
    expect(await names("alpha", '"postgresql-ha"')).toEqual(["postgresql-ha"]);
    expect(await names("alpha", "(mysql)")).toEqual(["db-backup"]);
    expect(await names("alpha", "postgres*")).toEqual(await names("alpha", "postgres"));
    expect(await names("alpha", "🐘 mysql")).toEqual(["db-backup"]);
    // Blank text is no search.
    expect((await names("alpha", "   ")).length).toBe(ALPHA.length);
  });

  (onPostgres ? it.skip : it)(
    "SQLite: drives the statements from the FTS5 index (no scan of the chart table)",
    async () => {
      const dataSource = t.gateway.store.dataSource;
      const seen: { query: string; params: unknown[] }[] = [];
      // Records the statements on their way to the store (they run unchanged).
      const query = dataSource.query.bind(dataSource);
      const spy = jest.spyOn(dataSource, "query").mockImplementation(async (text, params) => {
        if (/chart_fts/.test(text)) seen.push({ query: text, params: (params ?? []) as unknown[] });
        return query(text, params);
      });
      try {
        const page = await t.ok(SearchRegistryChartsDocument, {
          id: ids.get("alpha")!,
          search: "gadget",
          first: 2,
          includeDeprecated: false,
        });
        await t.ok(SearchRegistryChartsDocument, {
          id: ids.get("alpha")!,
          search: "gadget",
          first: 2,
          after: page.registry!.charts.pageInfo.endCursor,
        });
        await t.ok(SearchAllChartsDocument, { search: "postg cert-manager", first: 2 });
      } finally {
        spy.mockRestore();
      }
      expect(seen).toHaveLength(6);
      const db = new Database(t.dbFile, { readonly: true });
      try {
        for (const { query: text, params } of seen) {
          const plan = (
            db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]
          ).map((row) => row.detail);
          expect({ text, first: plan[0] }).toEqual({
            text,
            first: expect.stringMatching(/^SCAN chart_fts VIRTUAL TABLE INDEX \d+:M/),
          });
          expect({ text, plan }).toEqual({
            text,
            plan: expect.arrayContaining([
              expect.stringMatching(/^SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/),
            ]),
          });
          expect(plan.filter((line) => /^SCAN (c|chart)\b/.test(line))).toEqual([]);
        }
      } finally {
        db.close();
      }
    },
  );
});

describe("the search index follows the catalog", () => {
  const v1: IndexChart[] = [
    { name: "zebrafish", description: "Swims around quokkaland." },
    { name: "yakbutter", description: "Churned nightly." },
    { name: "xylophone", description: "Plays marimbatunes.", keywords: ["percussion"] },
  ];
  const v2: IndexChart[] = [
    v1[0],
    { name: "walrus", description: "Tusked and narwhalish." },
    {
      name: "xylophone",
      version: "2.0.0",
      description: "Plays vibraphonics.",
      keywords: ["mallets"],
    },
  ];

  it("adds, updates and removes index entries with each re-sync", async () => {
    server.route("/changing/index.yaml", serveBody(helmIndex(v1)));
    const id = await addAndSync("changing");
    expect(await everywhere("quokkaland")).toEqual(["changing/zebrafish"]);
    expect(await everywhere("yakbutter")).toEqual(["changing/yakbutter"]);
    expect(await everywhere("marimbatunes")).toEqual(["changing/xylophone"]);
    expect(await everywhere("percussion")).toEqual(["changing/xylophone"]);

    server.route("/changing/index.yaml", serveBody(helmIndex(v2)));
    const run = await syncAndWait(t, id);
    expect(run.status).toBe("SUCCEEDED");
    expect(await everywhere("yakbutter")).toEqual([]);
    expect(await everywhere("churned")).toEqual([]);
    expect(await everywhere("walrus")).toEqual(["changing/walrus"]);
    expect(await everywhere("narwhal")).toEqual(["changing/walrus"]);
    expect(await everywhere("marimbatunes")).toEqual([]);
    expect(await everywhere("percussion")).toEqual([]);
    expect(await everywhere("vibraphonics")).toEqual(["changing/xylophone"]);
    expect(await everywhere("mallets")).toEqual(["changing/xylophone"]);
    expect(await everywhere("quokkaland")).toEqual(["changing/zebrafish"]);
    // PostgreSQL: the search column is generated from the row, so it cannot drift.
    if (onPostgres) return;
    const check = ftsIntegrity();
    expect(check.indexed).toBe(check.charts);

    // An unchanged re-sync leaves the index as it is.
    await syncAndWait(t, id);
    expect(ftsIntegrity()).toEqual(check);
  });

  it("drops a deleted registry's charts from the index", async () => {
    const before = onPostgres ? null : ftsIntegrity();
    await t.ok(DeleteRegistryDocument, { id: ids.get("changing")! });
    for (const search of ["quokkaland", "walrus", "vibraphonics", "xylophone"])
      expect(await everywhere(search)).toEqual([]);
    if (!before) return;
    const after = ftsIntegrity();
    expect(after.indexed).toBe(after.charts);
    expect(after.charts).toBe(before.charts - v2.length);
  });

  (onPostgres ? it.skip : it)(
    "SQLite: the FTS5 index is built for the charts already stored when the migration runs, and dropped by down()",
    async () => {
      const before = await everywhere("postgresql");
      const migration = new ChartSearch1732320000000();
      const runner = t.gateway.store.dataSource.createQueryRunner();
      try {
        await migration.down(runner);
        const gone = await runner.query(
          "SELECT name FROM sqlite_master WHERE name LIKE 'chart_fts%'",
        );
        expect(gone).toEqual([]);
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      expect(await everywhere("postgresql")).toEqual(before);
      const check = ftsIntegrity();
      expect(check.indexed).toBe(check.charts);
    },
  );
});
