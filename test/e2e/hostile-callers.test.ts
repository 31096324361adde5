/**
 * Hostile callers: each attack of issue 16, performed against a listening gateway over real
 * sockets, with its variants. A refused attack answers a typed error and changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fixturePath } from "../helpers/fixtures";
import {
  REGISTRY_NAME_INDEX,
  RegistryNameUnique1732492800000,
} from "../../src/store/migrations/1732492800000-registry-name-unique";
import { AddHelmRegistryDocument } from "../__generated__/graphql";
import { sql } from "../../src/store/sql";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { runFailingStart } from "../helpers/gateway-process";
import {
  hostileHandshake,
  hostilePost,
  runOverSocket,
  subscriptionBurst,
} from "../helpers/hostile/callers";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";
import { manyVersionsChart } from "../helpers/hostile/payloads";
import { fillDisk, mountSmallDisk } from "../helpers/hostile/small-disk";
import { syncAndWait } from "../helpers/sync";
import { onPostgres } from "../helpers/test-store";

/** A gateway as started by default (loopback, no authentication, introspection on). */
let open: TestGateway;
let openUrl: string;
/** Serves a good Helm index at /repo/index.yaml, so that an attack's mutation would succeed. */
let repo: FixtureServer;

beforeAll(async () => {
  repo = await FixtureServer.start();
  repo.route(
    "/repo/index.yaml",
    serveBody(readFileSync(fixturePath("helm", "kubernetes-dashboard", "index.yaml"))),
  );
  open = await startTestGateway({ PORT: "0", SYNC_SCHEDULE: "false" });
  openUrl = (await open.gateway.listen()).url;
});
afterAll(async () => {
  await open?.close();
  await repo?.close();
});

/** The number of registries `t` holds, read in-process. */
async function registryCount(t: TestGateway): Promise<number> {
  const rows = await sql(t.gateway.store.dataSource, "SELECT COUNT(*) AS n FROM registry");
  return Number((rows as { n: number }[])[0]!.n);
}

/** An addHelmRegistry mutation that succeeds when it runs (the fixture repository answers). */
function addMutation(name: string) {
  return {
    query: `mutation ($input: AddHelmRegistryInput!) { addHelmRegistry(input: $input) { id name } }`,
    variables: { input: { name, endpoint: repo.url("/repo"), syncEnabled: false } },
  };
}

describe("cross-site WebSocket and DNS rebinding", () => {
  const port = () => new URL(openUrl).port;
  /** Host headers a rebound name or a foreign page would send. */
  const foreignHosts = () => [
    `attacker.example:${port()}`,
    "attacker.example",
    `127.0.0.1.attacker.example:${port()}`,
    `localhost.attacker.example:${port()}`,
    `[::2]:${port()}`,
    `10.0.0.8:${port()}`,
    "user@127.0.0.1",
  ];
  const foreignOrigins = [
    "http://evil.example",
    "https://evil.example:443",
    "http://127.0.0.1.evil.example",
    "null",
    "file://",
    "chrome-extension://abcdef",
  ];

  it("refuses a mutation over HTTP naming a foreign Host, before it runs", async () => {
    const before = await registryCount(open);
    for (const host of foreignHosts()) {
      const answer = await hostilePost(openUrl, addMutation(`rebound-${before}`), { host });
      expect([host, answer.status]).toEqual([host, 403]);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await registryCount(open)).toBe(before);
  });

  it("refuses a mutation over HTTP from a foreign page's Origin, before it runs", async () => {
    const before = await registryCount(open);
    for (const origin of foreignOrigins) {
      const answer = await hostilePost(openUrl, addMutation("cross-site"), { origin });
      expect([origin, answer.status]).toEqual([origin, 403]);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await registryCount(open)).toBe(before);
  });

  it("refuses the WebSocket handshake of a foreign page or Host; nothing runs", async () => {
    const before = await registryCount(open);
    for (const origin of foreignOrigins) {
      const outcome = await hostileHandshake(openUrl, { origin });
      if (outcome.opened) outcome.socket.close();
      expect([origin, outcome.opened]).toEqual([origin, false]);
      if (!outcome.opened) expect(outcome.status).toBe(403);
    }
    for (const host of foreignHosts()) {
      const outcome = await hostileHandshake(openUrl, { host });
      if (outcome.opened) outcome.socket.close();
      expect([host, outcome.opened]).toEqual([host, false]);
    }
    expect(await registryCount(open)).toBe(before);
  });

  it("serves its own names, pages of its own hosts, and clients that send no Origin", async () => {
    const hosts = [`127.0.0.1:${port()}`, `localhost:${port()}`, "LOCALHOST.", `[::1]:${port()}`];
    for (const host of hosts) {
      const answer = await hostilePost(
        openUrl,
        { query: "{ registries { totalCount } }" },
        { host },
      );
      expect([host, answer.status]).toEqual([host, 200]);
    }
    const page = await hostilePost(openUrl, addMutation("from-a-local-page"), {
      origin: "http://127.0.0.1:5555",
    });
    expect(page.body.errors).toBeUndefined();
    const outcome = await hostileHandshake(openUrl, { origin: `http://localhost:${port()}` });
    if (!outcome.opened) throw new Error(`refused: ${outcome.status}`);
    try {
      const answer = await runOverSocket(outcome.socket, addMutation("over-a-local-socket").query, {
        input: addMutation("over-a-local-socket").variables.input,
      });
      expect(answer.type).toBe("next");
      expect(JSON.stringify(answer.payload)).toMatch(/over-a-local-socket/);
    } finally {
      outcome.socket.close();
    }
  });

  it("ALLOWED_HOSTS and ALLOWED_ORIGINS let a real deployment's names and pages in", async () => {
    const deployed = await startTestGateway({
      PORT: "0",
      SYNC_SCHEDULE: "false",
      ALLOWED_HOSTS: "gateway.example.com,*.corp.example",
      ALLOWED_ORIGINS: "https://app.example.com",
    });
    try {
      const url = (await deployed.gateway.listen()).url;
      const query = { query: "{ registries { totalCount } }" };
      for (const host of ["gateway.example.com", "api.corp.example:443", "a.b.corp.example"]) {
        expect((await hostilePost(url, query, { host })).status).toBe(200);
      }
      for (const host of ["corp.example", "gateway.example.com.evil", "evilcorp.example"]) {
        expect([host, (await hostilePost(url, query, { host })).status]).toEqual([host, 403]);
      }
      const page = await hostileHandshake(url, { origin: "https://app.example.com" });
      expect(page.opened).toBe(true);
      if (page.opened) page.socket.close();
      const other = await hostileHandshake(url, { origin: "http://app.example.com" });
      expect(other.opened).toBe(false);
    } finally {
      await deployed.close();
    }
  });
});

describe("registry names raced by overlapping requests", () => {
  /** Registries named `name` (any case) in `t`, read from the store. */
  async function named(t: TestGateway, name: string): Promise<number> {
    const rows = await sql(
      t.gateway.store.dataSource,
      "SELECT COUNT(*) AS n FROM registry WHERE LOWER(name) = LOWER(?)",
      [name],
    );
    return Number((rows as { n: number }[])[0]!.n);
  }

  it("50 concurrent addHelmRegistry of one name over real sockets: one registry, 49 NAME_TAKEN", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        // Case variants are the same name.
        hostilePost(openUrl, addMutation(i % 2 ? "raced" : "RACED")),
      ),
    );
    const codes = answers.map((a) => (a.body.errors ? a.body.errors[0]!.extensions!.code : "OK"));
    expect(codes.filter((c) => c === "OK")).toHaveLength(1);
    expect(codes.filter((c) => c === "NAME_TAKEN")).toHaveLength(49);
    expect(await named(open, "raced")).toBe(1);
  });

  it("an add/delete churn on five names never leaves two registries of one name", async () => {
    const names = ["churn-a", "churn-b", "churn-c", "churn-d", "churn-e"];
    const deleteQuery = "mutation ($id: ID!) { deleteRegistry(id: $id) { id } }";
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let round = 0; round < 4; round++) {
          const name = names[(worker + round) % names.length]!;
          const added = await hostilePost(openUrl, addMutation(name));
          const id = (added.body.data?.["addHelmRegistry"] as { id: string } | undefined)?.id;
          if (!id) {
            expect(added.body.errors?.[0]?.extensions?.code).toBe("NAME_TAKEN");
          } else if (round % 2 === 0) {
            await hostilePost(openUrl, { query: deleteQuery, variables: { id } });
          }
        }
      }),
    );
    for (const name of names) expect(await named(open, name)).toBeLessThanOrEqual(1);
  });

  it("a rename onto a name taken meanwhile is NAME_TAKEN, and the index holds per kind and scope", async () => {
    const add = await hostilePost(openUrl, addMutation("rename-me"));
    const id = (add.body.data?.["addHelmRegistry"] as { id: string }).id;
    await hostilePost(openUrl, addMutation("taken-later"));
    const rename = await hostilePost(openUrl, {
      query:
        'mutation ($id: ID!) { updateHelmRegistry(id: $id, input: { name: "TAKEN-later" }) { id } }',
      variables: { id },
    });
    expect(rename.body.errors?.[0]?.extensions?.code).toBe("NAME_TAKEN");
    // The store itself refuses a twin, whoever writes it.
    const store = open.gateway.store.dataSource;
    const [row] = (await sql(store, "SELECT * FROM registry WHERE name = ?", [
      "rename-me",
    ])) as Record<string, unknown>[];
    const twin = { ...row, id: "twin-of-rename-me", name: "Taken-Later" };
    const columns = Object.keys(twin);
    await expect(
      sql(
        store,
        `INSERT INTO registry (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        Object.values(twin),
      ),
    ).rejects.toThrow(/UNIQUE constraint failed|duplicate key value violates unique constraint/);
    // Another tenant, or another kind, may use the name.
    for (const other of [
      { ...twin, tenant_id: "another-tenant" },
      { ...twin, id: "twin-2", kind: "PACK" },
    ]) {
      await sql(
        store,
        `INSERT INTO registry (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        Object.values(other),
      );
    }
  });
});

describe("a store that the race already filled with twins", () => {
  it("keeps every registry when migrated: the younger twins are renamed, then the index is made", async () => {
    const t = await startTestGateway({ SYNC_SCHEDULE: "false" });
    try {
      const store = t.gateway.store.dataSource;
      await t.ok(AddHelmRegistryDocument, {
        input: { name: "twin", endpoint: repo.url("/repo"), syncEnabled: false },
      });
      // The store as an earlier version left it: no index, and three registries named "twin".
      await store.query(`DROP INDEX ${REGISTRY_NAME_INDEX}`);
      const [row] = (await store.query("SELECT * FROM registry WHERE name = 'twin'")) as Record<
        string,
        unknown
      >[];
      const columns = Object.keys(row!);
      for (const [id, name, createdAt] of [
        ["bbbbbbbb-0000-4000-8000-000000000002", "TWIN", "2030-01-01 00:00:00.000"],
        ["cccccccc-0000-4000-8000-000000000003", "twin", "2031-01-01 00:00:00.000"],
      ]) {
        const twin: Record<string, unknown> = { ...row, id, name, created_at: createdAt };
        await sql(
          store,
          `INSERT INTO registry (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
          columns.map((c) => twin[c]),
        );
      }
      const runner = store.createQueryRunner();
      try {
        await new RegistryNameUnique1732492800000().up(runner);
      } finally {
        await runner.release();
      }
      const names = (
        (await store.query("SELECT id, name FROM registry ORDER BY created_at")) as {
          id: string;
          name: string;
        }[]
      ).map((r) => r.name);
      expect(names).toEqual(["twin", "TWIN-bbbbbbbb", "twin-cccccccc"]);
      await expect(
        t.exec(AddHelmRegistryDocument, {
          input: { name: "Twin", endpoint: repo.url("/repo"), syncEnabled: false },
        }),
      ).resolves.toMatchObject({ errors: [{ extensions: { code: "NAME_TAKEN" } }] });
    } finally {
      await t.close();
    }
  });
});

// The SQLite file on a small disk; PostgreSQL keeps its files elsewhere: SQLite only.
(onPostgres ? describe.skip : describe)("SQLite: a store whose disk fills up", () => {
  const disk = mountSmallDisk(6);
  afterAll(() => disk?.release());
  // Mounting a small file system needs root, as the CI machine has; elsewhere this says so.
  const itWithDisk = disk ? it : it.skip;
  if (!disk) console.warn("store-full test skipped: mounting a tmpfs is not permitted here");

  itWithDisk(
    "a write through the API on a full disk: STORE_FULL, not INTERNAL; a sync that fills it: STORE_FULL, not a registry code",
    async () => {
      const big = `apiVersion: v1\nentries:\n${manyVersionsChart("filler", 40_000)}`;
      repo.route("/big/index.yaml", serveBody(big));
      const t = await startTestGateway({ SYNC_SCHEDULE: "false" }, disk!.dir);
      try {
        // The disk full to the last byte: adding a registry cannot be written.
        const filler = fillDisk(disk!.dir);
        const answer = await t.exec(AddHelmRegistryDocument, {
          input: { name: "while-full", endpoint: repo.url("/repo"), syncEnabled: false },
        });
        expect(answer.errors?.[0]?.extensions?.code).toBe("STORE_FULL");
        expect(answer.errors?.[0]?.message).toMatch(/full/);
        expect(answer.errors?.[0]?.message).not.toMatch(/SQLITE|INSERT/);
        rmSync(filler);
        // Space again: the add goes through; then a sync larger than the disk fails as the store's.
        const added = await t.ok(AddHelmRegistryDocument, {
          input: { name: "big", endpoint: repo.url("/big"), syncEnabled: false },
        });
        const run = await syncAndWait(t, added.addHelmRegistry.id);
        expect(run.status).toBe("FAILED");
        expect(run.error?.code).toBe("STORE_FULL");
        expect(run.error?.message).toMatch(/full/);
        expect(run.error?.message).not.toMatch(/SQLITE|INSERT|registry/);
        const versions = await sql(
          t.gateway.store.dataSource,
          "SELECT COUNT(*) AS n FROM chart_version",
        );
        expect(Number((versions as { n: number }[])[0]!.n)).toBe(0);
      } finally {
        await t.close();
      }
    },
  );
});

describe("start-up failures", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "startup-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, text);
    return target;
  };

  /** One line, naming the setting or resource, no stack trace, the documented exit code. */
  function expectOneLine(
    run: { code: number | null; lines: string[] },
    code: number,
    names: RegExp,
  ) {
    expect({ code: run.code, lines: run.lines }).toEqual({
      code,
      lines: [expect.stringMatching(names)],
    });
    expect(run.lines.join("\n")).not.toMatch(/\n\s+at |Error:/);
  }

  it.each([
    [
      "missing",
      () => path.join(dir, "nowhere.yaml"),
      /DEFAULT_REGISTRIES_FILE: cannot read .*no such file/,
    ],
    [
      "not YAML",
      () => file("bad.yaml", "registries: [\n  - name: x\n  kind: : :\n"),
      /DEFAULT_REGISTRIES_FILE: .* is not valid YAML/,
    ],
    [
      "not a registries list",
      () => file("list.yaml", "- a\n- b\n"),
      /DEFAULT_REGISTRIES_FILE: .* "registries" list/,
    ],
    [
      "a bad entry",
      () =>
        file(
          "entry.yaml",
          "registries:\n  - name: ok\n    kind: HELM\n    endpoint: https://charts.example.com\n  - name: broken\n    kind: HELM\n    endpoint: ftp://example\n",
        ),
      /DEFAULT_REGISTRIES_FILE: entry 2 \("broken"\) .* not a valid registry/,
    ],
  ])(
    "a %s DEFAULT_REGISTRIES_FILE: one line naming the setting, exit 2",
    async (_what, make, says) => {
      const run = await runFailingStart({
        SEED_DEFAULT_REGISTRIES: "true",
        DEFAULT_REGISTRIES_FILE: make(),
      });
      expectOneLine(run, 2, says);
    },
    30_000,
  );

  it("a port in use: one line naming PORT/HOST, exit 3, no stack trace", async () => {
    const holder: TcpServer = createTcpServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const run = await runFailingStart({ PORT: String(port) });
      expectOneLine(
        run,
        3,
        new RegExp(`PORT/HOST: cannot listen on 127\\.0\\.0\\.1:${port}: .*in use`),
      );
    } finally {
      holder.close();
    }
  }, 30_000);

  it("a store that cannot be opened: one line naming DATABASE_URL, exit 4, no password", async () => {
    const run = await runFailingStart({
      DATABASE_URL: "postgres://gateway:s3cret-pw@127.0.0.1:1/none",
    });
    expectOneLine(run, 4, /DATABASE_URL: cannot open the store \(PostgreSQL\)/);
    expect(run.lines.join("\n")).not.toContain("s3cret-pw");
    const sqlite = await runFailingStart({
      DATABASE_URL: `sqlite:${file("not-a-db.sqlite", "this is not a database, just text ".repeat(100))}`,
    });
    expectOneLine(sqlite, 4, /DATABASE_URL: cannot open the store \(SQLite file/);
  }, 30_000);

  it("a bad setting: one line naming it, exit 2", async () => {
    expectOneLine(
      await runFailingStart({ ALLOWED_ORIGINS: "evil.example/path" }),
      2,
      /ALLOWED_ORIGINS/,
    );
    expectOneLine(await runFailingStart({ PORT: "99999" }), 2, /PORT/);
  }, 30_000);
});

describe("one request fanned out into hundreds of registry requests", () => {
  let protectedId: string;
  /** Requests the fixture registry received for the protected registry's index. */
  const lookups = () => repo.requestsTo("/protected/index.yaml").length;

  beforeAll(async () => {
    repo.route(
      "/protected/index.yaml",
      serveBody(readFileSync(fixturePath("helm", "kubernetes-dashboard", "index.yaml"))),
    );
    const added = await hostilePost(openUrl, {
      query: "mutation ($input: AddHelmRegistryInput!) { addHelmRegistry(input: $input) { id } }",
      variables: {
        input: { name: "protected-fanout", endpoint: repo.url("/protected"), protected: true },
      },
    });
    protectedId = (added.body.data?.["addHelmRegistry"] as { id: string }).id;
  });

  /** `count` aliases of `field` in one operation. */
  const aliases = (count: number, field: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join("\n");
  const check = (i: number) =>
    `checkChartReference(registryId: $id, chart: "kubernetes-dashboard", version: "7.${i % 14}.0") { status }`;
  const validate = (i: number) =>
    `validateHelmRegistry(input: { name: "v${i}", endpoint: "${repo.url("/protected")}" }) { valid }`;

  it.each([
    ["1,000 aliases of checkChartReference", () => `query ($id: ID!) { ${aliases(1000, check)} }`],
    ["200 aliases of validateHelmRegistry", () => `mutation { ${aliases(200, validate)} }`],
    [
      "values of 50 versions (package fetches)",
      () =>
        `query ($id: ID!) { registry(id: $id) { chart(name: "kubernetes-dashboard") { versions(first: 50) { edges { node { values readme valuesSchema } } } } } }`,
    ],
    [
      "11 aliases through a fragment",
      () => `query ($id: ID!) { ...F } fragment F on Query { ${aliases(11, check)} }`,
    ],
  ])("%s: refused before it runs, nothing sent to the registry", async (_what, query) => {
    const before = lookups();
    const answer = await hostilePost(openUrl, { query: query(), variables: { id: protectedId } });
    expect(answer.body.errors?.[0]?.extensions?.code).toMatch(
      /^(REGISTRY_CALL_BUDGET_EXCEEDED|QUERY_TOO_COMPLEX)$/,
    );
    expect(answer.body.data ?? null).toBeNull();
    expect(lookups()).toBe(before);
  });

  it("the same over WebSocket", async () => {
    const before = lookups();
    const handshake = await hostileHandshake(openUrl);
    if (!handshake.opened) throw new Error("refused");
    try {
      const answer = JSON.stringify(
        await runOverSocket(handshake.socket, `query ($id: ID!) { ${aliases(50, check)} }`, {
          id: protectedId,
        }),
      );
      expect(answer).toMatch(/REGISTRY_CALL_BUDGET_EXCEEDED/);
    } finally {
      handshake.socket.close();
    }
    expect(lookups()).toBe(before);
  });

  it("the complexity estimate prices a live call: 300 aliases cost more than MAX_QUERY_COMPLEXITY", async () => {
    const t = await startTestGateway({
      PORT: "0",
      SYNC_SCHEDULE: "false",
      MAX_REGISTRY_CALLS_PER_OPERATION: "10000",
    });
    try {
      const url = (await t.gateway.listen()).url;
      const answer = await hostilePost(url, {
        query: `query ($id: ID!) { ${aliases(300, check)} }`,
        variables: { id: "UmVnaXN0cnk6bm9uZQ==" },
      });
      expect(answer.body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    } finally {
      await t.close();
    }
  });

  it("prices a version's documents once: values, readme and schema of 10 versions pass the estimate", async () => {
    const answer = await hostilePost(openUrl, {
      query: `query ($id: ID!) { registry(id: $id) { chart(name: "kubernetes-dashboard") { versions(first: 10) { edges { node { values readme valuesSchema } } } } } }`,
      variables: { id: protectedId },
    });
    expect(answer.body.errors).toBeUndefined();
  });

  it("within the budget the checks run, one request each", async () => {
    const before = lookups();
    const answer = await hostilePost(openUrl, {
      query: `query ($id: ID!) { ${aliases(10, check)} }`,
      variables: { id: protectedId },
    });
    expect(answer.body.errors).toBeUndefined();
    expect(lookups() - before).toBe(10);
  });

  it("counted while it runs: a profile of 30 protected layers stops at the budget", async () => {
    const before = lookups();
    const layers = Array.from({ length: 30 }, (_, i) => ({
      name: "kubernetes-dashboard",
      registryId: protectedId,
      version: `7.${i % 14}.0`,
    }));
    const answer = await hostilePost(openUrl, {
      query:
        "query ($layers: [ProfileLayerInput!]!) { validateProfileLayers(layers: $layers) { valid } }",
      variables: { layers },
    });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("REGISTRY_CALL_BUDGET_EXCEEDED");
    expect(lookups() - before).toBeLessThanOrEqual(10);
  });

  it("per tenant over time: past REGISTRY_CALLS_PER_MINUTE, RATE_LIMITED with retryAfterSeconds", async () => {
    const t = await startTestGateway({
      PORT: "0",
      SYNC_SCHEDULE: "false",
      REGISTRY_CALLS_PER_MINUTE: "5",
    });
    try {
      const url = (await t.gateway.listen()).url;
      const added = await hostilePost(url, addMutation("tenant-budget"));
      expect(added.body.errors).toBeUndefined();
      const id = (added.body.data?.["addHelmRegistry"] as { id: string }).id;
      await hostilePost(url, {
        query:
          "mutation ($id: ID!) { updateHelmRegistry(id: $id, input: { protected: true }) { id } }",
        variables: { id },
      });
      const before = repo.requestsTo("/repo/index.yaml").length;
      const codes: string[] = [];
      for (let i = 0; i < 6; i++) {
        const answer = await hostilePost(url, {
          query: `query ($id: ID!) { ${check(i)} }`.replace(
            "checkChartReference",
            "c: checkChartReference",
          ),
          variables: { id },
        });
        codes.push(String(answer.body.errors?.[0]?.extensions?.code ?? "OK"));
        if (answer.body.errors) {
          expect(answer.body.errors[0]!.extensions!["retryAfterSeconds"]).toBeGreaterThan(0);
        }
      }
      // The add spent one call; four checks went out; the rest were refused before any request.
      expect(codes).toEqual(["OK", "OK", "OK", "OK", "RATE_LIMITED", "RATE_LIMITED"]);
      expect(repo.requestsTo("/repo/index.yaml").length - before).toBe(4);
    } finally {
      await t.close();
    }
  });
});

describe("unbounded per-connection and per-operation cost", () => {
  const progress = "subscription { syncProgress { status } }";

  it("5,000 subscriptions on one connection: 100 open, the next refused TOO_MANY_SUBSCRIPTIONS, the flood closed with 4429 unread", async () => {
    const handshake = await hostileHandshake(openUrl);
    if (!handshake.opened) throw new Error("refused");
    try {
      const burst = await subscriptionBurst(handshake.socket, progress, 101, 1);
      expect([...burst.refused]).toEqual([["s100", "TOO_MANY_SUBSCRIPTIONS"]]);
      // A completed subscription frees its place.
      burst.complete(["s0", "s1"]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await burst.more(3, 1);
      expect(burst.refused.size).toBe(2);
      // Past the cap, a client that keeps subscribing is flooding: the socket is closed, and
      // what it sent after is not processed.
      burst.flood(5000);
      const closed = await burst.closed;
      expect(closed.code).toBe(4429);
      expect(closed.reason).toMatch(/^TOO_MANY_SUBSCRIPTIONS/);
      // Refusals sent before the close arrive; those after it are never made.
      expect(burst.refused.size).toBeLessThan(1000);
    } finally {
      handshake.socket.close();
    }
    // The gateway carries on.
    expect((await hostilePost(openUrl, { query: "{ registries { totalCount } }" })).status).toBe(
      200,
    );
  });

  it("per tenant over its connections: MAX_SUBSCRIPTIONS_PER_TENANT; a closed connection frees its places", async () => {
    const t = await startTestGateway({
      PORT: "0",
      SYNC_SCHEDULE: "false",
      MAX_SUBSCRIPTIONS_PER_CONNECTION: "4",
      MAX_SUBSCRIPTIONS_PER_TENANT: "6",
    });
    const sockets: { close(): void }[] = [];
    try {
      const url = (await t.gateway.listen()).url;
      const open = async () => {
        const handshake = await hostileHandshake(url);
        if (!handshake.opened) throw new Error("refused");
        sockets.push(handshake.socket);
        return handshake.socket;
      };
      const first = await subscriptionBurst(await open(), progress, 4, 0);
      expect(first.refused.size).toBe(0);
      const second = await subscriptionBurst(await open(), progress, 4, 2);
      expect([...second.refused.values()]).toEqual([
        "TOO_MANY_SUBSCRIPTIONS",
        "TOO_MANY_SUBSCRIPTIONS",
      ]);
      sockets[0]!.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const third = await subscriptionBurst(await open(), progress, 4, 0);
      expect(third.refused.size).toBe(0);
    } finally {
      for (const socket of sockets) socket.close();
      await t.close();
    }
  });

  /** `{ a0: __typename a1: __typename … }`: `fields` selections, about `fields * 16` bytes. */
  const wide = (fields: number) =>
    `{ ${Array.from({ length: fields }, (_, i) => `a${i}: registries(first: 1) { totalCount }`).join(" ")} }`;

  it("eight concurrent 950 KB queries of 25,000 fields: 413 QUERY_TOO_COMPLEX before parsing", async () => {
    const query = wide(25_000).slice(0, 950_000);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => hostilePost(openUrl, { query })),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(413);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
      expect(answer.body.errors?.[0]?.message).toMatch(/MAX_QUERY_BYTES/);
    }
  });

  it("large bodies take turns but are all served: six concurrent 300 KB requests answer 200", async () => {
    const query = "{ registries { totalCount } }";
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        hostilePost(openUrl, { query, variables: { unused: `${i}${"x".repeat(300_000)}` } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
  });

  it("a document under the size cap with too many fields: QUERY_TOO_COMPLEX before validation, HTTP and WebSocket", async () => {
    const query = `{ ${"__typename ".repeat(3000)}}`;
    expect(Buffer.byteLength(query)).toBeLessThan(64 * 1024);
    const answer = await hostilePost(openUrl, { query });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(answer.body.errors?.[0]?.message).toMatch(/MAX_QUERY_FIELDS/);
    // Through fragments and over the socket too.
    const viaFragment = `query { ...F ...F } fragment F on Query { ${Array.from({ length: 1200 }, (_, i) => `g${i}:__typename`).join(" ")} }`;
    expect(
      (await hostilePost(openUrl, { query: viaFragment })).body.errors?.[0]?.extensions?.code,
    ).toBe("QUERY_TOO_COMPLEX");
    const handshake = await hostileHandshake(openUrl);
    if (!handshake.opened) throw new Error("refused");
    try {
      expect(JSON.stringify(await runOverSocket(handshake.socket, query))).toMatch(
        /QUERY_TOO_COMPLEX/,
      );
    } finally {
      handshake.socket.close();
    }
    // A document of ordinary size runs.
    const fine = await hostilePost(openUrl, { query: wide(20) });
    expect(fine.body.errors).toBeUndefined();
  });
});

describe("schema hints with introspection off", () => {
  let hidden: TestGateway;
  let hiddenUrl: string;
  beforeAll(async () => {
    hidden = await startTestGateway({ PORT: "0", SYNC_SCHEDULE: "false", INTROSPECTION: "false" });
    hiddenUrl = (await hidden.gateway.listen()).url;
  });
  afterAll(async () => {
    await hidden?.close();
  });

  /** Misspellings whose errors graphql-js completes with names of the schema. */
  const probes: {
    what: string;
    query: string;
    variables?: Record<string, unknown>;
    leaks: RegExp;
  }[] = [
    { what: "a query field", query: "{ registrie { id } }", leaks: /\bregistries\b|\bregistry\b/ },
    {
      what: "a mutation",
      query: 'mutation { addHelmRegistr(input: { name: "x", endpoint: "http://x" }) { id } }',
      leaks: /addHelmRegistry/,
    },
    { what: "an argument", query: "{ registries(frist: 1) { totalCount } }", leaks: /\bfirst\b/ },
    {
      what: "an enum literal",
      query: "{ registries(kind: HELMM) { totalCount } }",
      leaks: /\bHELM\b/,
    },
    {
      what: "an enum variable",
      query: "query ($k: RegistryKind) { registries(kind: $k) { totalCount } }",
      variables: { k: "HELMM" },
      leaks: /\bHELM\b/,
    },
    {
      what: "a type",
      query: "query ($k: RegistryKnd) { registry(id: $k) { id } }",
      leaks: /RegistryKind/,
    },
  ];

  it.each(probes)(
    "names nothing of the schema for $what over HTTP",
    async ({ query, variables, leaks }) => {
      const shown = await hostilePost(openUrl, { query, variables });
      // With introspection on, graphql-js's hint names the schema: the probe is a real one.
      expect(shown.text).toMatch(/Did you mean/);
      expect(shown.text).toMatch(leaks);
      const answer = await hostilePost(hiddenUrl, { query, variables });
      expect(answer.body.errors?.length).toBeGreaterThan(0);
      expect(answer.text).not.toMatch(/Did you mean/);
      expect(answer.text).not.toMatch(leaks);
    },
  );

  it("names nothing of the schema over WebSocket", async () => {
    for (const { query, variables, leaks } of [
      ...probes,
      { query: "subscription { syncProgres { status } }", variables: {}, leaks: /syncProgress/ },
    ]) {
      const handshake = await hostileHandshake(hiddenUrl);
      if (!handshake.opened) throw new Error(`handshake refused: ${handshake.status}`);
      try {
        const answer = JSON.stringify(await runOverSocket(handshake.socket, query, variables));
        expect(answer).toMatch(/error|errors/);
        expect(answer).not.toMatch(/Did you mean/);
        expect(answer).not.toMatch(leaks);
      } finally {
        handshake.socket.close();
      }
    }
  });
});

/** `[[[…]]]` nested `depth` times around `inner`, as JSON text. */
function nestedJson(depth: number, inner = "1"): string {
  return `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;
}

/** Longest log line the gateway may write (see observability/logger.ts). */
const LOG_LINE_LIMIT = 16 * 1024;

describe("inputs that became 500s or log floods", () => {
  it("a 50,001-character search: BAD_USER_INPUT, no SQL run, no log flood", async () => {
    const search = "a".repeat(50_001);
    for (const query of [
      "query ($s: String) { registries(search: $s) { totalCount } }",
      "query ($s: String) { searchCharts(search: $s) { totalCount } }",
    ]) {
      const before = open.logs.length;
      const answer = await hostilePost(openUrl, { query, variables: { s: search } });
      expect(answer.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(answer.text.length).toBeLessThan(4096);
      for (const line of open.logs.slice(before)) expect(line.length).toBeLessThan(LOG_LINE_LIMIT);
    }
    // Its variants: as a literal, and the filters next to it.
    const literal = await hostilePost(openUrl, {
      query: `{ registries(search: "${"%".repeat(60_000)}") { totalCount } }`,
    });
    expect(literal.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const filter = await hostilePost(openUrl, {
      query: "query ($s: String) { searchCharts(addonType: $s, cloudType: $s) { totalCount } }",
      variables: { s: "x".repeat(10_000) },
    });
    expect(filter.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // The longest allowed search still runs.
    const fine = await hostilePost(openUrl, {
      query: "query ($s: String) { registries(search: $s) { totalCount } }",
      variables: { s: "a".repeat(2048) },
    });
    expect(fine.body.errors).toBeUndefined();
  });

  it("a 20,000-deep JSON variable: 400 BAD_USER_INPUT, over HTTP and WebSocket", async () => {
    const query = "query ($id: ID!) { registry(id: $id) { id } }";
    for (const [name, value] of [
      ["array", nestedJson(20_000)],
      ["object", `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`],
      ["array in an object", `{"x":${nestedJson(5_000)}}`],
    ]) {
      const body = `{"query":${JSON.stringify(query)},"variables":{"id":${value}}}`;
      const answer = await hostilePost(openUrl, body);
      expect([name, answer.status]).toEqual([name, 400]);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    const handshake = await hostileHandshake(openUrl);
    if (!handshake.opened) throw new Error("handshake refused");
    try {
      const variables = `{"id":${nestedJson(20_000)}}`;
      const answer = JSON.stringify(await runOverSocket(handshake.socket, query, variables));
      expect(answer).toMatch(/BAD_USER_INPUT/);
    } finally {
      handshake.socket.close();
    }
    // The gateway carries on.
    const after = await hostilePost(openUrl, { query: "{ registries { totalCount } }" });
    expect(after.body.errors).toBeUndefined();
  });
});
