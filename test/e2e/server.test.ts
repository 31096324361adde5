import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { request } from "undici";
import { ConfigError, loadConfig, SETTINGS } from "../../src/config/config";
import { createGateway, type Gateway } from "../../src/gateway";
import { readFileSync } from "node:fs";

const root = path.resolve(__dirname, "../..");

describe("configuration", () => {
  it("has documented defaults", () => {
    const config = loadConfig({}, root);
    expect(config).toMatchObject({
      port: 4000,
      host: "127.0.0.1",
      seedDefaultRegistries: true,
      logLevel: "info",
    });
    expect(config.database).toEqual({
      type: "sqlite",
      path: path.join(root, "data", "gateway.sqlite"),
    });
    expect(config.sync).toEqual({
      concurrency: 2,
      schedule: true,
      progressIntervalMs: 250,
      intervalMs: 24 * 3600_000,
      forceAfterMs: 3600_000,
      leaseMs: 15_000,
    });
  });

  it("stops on a bad value with a message naming the setting", () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ PORT: "eighty" }, /^PORT:/],
      [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL:/],
      [{ SEED_DEFAULT_REGISTRIES: "maybe" }, /^SEED_DEFAULT_REGISTRIES:/],
      [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL:/],
      [{ SYNC_INTERVAL: "soon" }, /^SYNC_INTERVAL:/],
      [{ REGISTRY_MAX_INDEX_BYTES: "-5MB" }, /^REGISTRY_MAX_INDEX_BYTES:/],
    ];
    for (const [env, message] of bad) {
      expect(() => loadConfig(env, root)).toThrow(ConfigError);
      expect(() => loadConfig(env, root)).toThrow(message);
    }
  });

  it("reads a YAML config file with the same names; the environment wins", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "config-"));
    try {
      const file = path.join(dir, "gateway.yaml");
      writeFileSync(file, "PORT: 5001\nSYNC_INTERVAL: 6h\nLOG_LEVEL: debug\n");
      const config = loadConfig({ CONFIG_FILE: file, LOG_LEVEL: "warn" }, root);
      expect(config.port).toBe(5001);
      expect(config.sync.intervalMs).toBe(6 * 3600_000);
      expect(config.logLevel).toBe("warn");
      writeFileSync(file, "PROT: 5001\n");
      expect(() => loadConfig({ CONFIG_FILE: file }, root)).toThrow(/unknown setting "PROT"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("documents every setting in the README's configuration table", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    for (const setting of SETTINGS) expect(readme).toContain(`| \`${setting.name}\``);
  });
});

describe("the HTTP server", () => {
  let gateway: Gateway;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "server-"));
    gateway = await createGateway(
      loadConfig(
        { DATABASE_URL: `sqlite:${path.join(dir, "db.sqlite")}`, PORT: "0", LOG_LEVEL: "silent" },
        root,
      ),
    );
    url = (await gateway.listen()).url;
  });
  afterAll(async () => {
    await gateway.stop(1000);
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers /healthz when the store is reachable", async () => {
    const res = await request(`${url}/healthz`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ status: "ok" });
  });

  it("seeds the default registries as immutable system registries", async () => {
    const query = `{ registries(first: 50) { edges { node { id name kind endpoint scope isDefault } } } }`;
    const res = await request(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    expect(res.statusCode).toBe(200);
    const body = (await res.body.json()) as {
      data: { registries: { edges: { node: Record<string, unknown> }[] } };
    };
    const nodes = body.data.registries.edges.map((e) => e.node);
    expect(nodes.map((n) => [n.name, n.kind])).toEqual([
      ["Bitnami", "HELM"],
      ["Palette Community Registry", "OCI"],
      ["Palette Registry", "OCI"],
      ["Palette Registry FIPS", "OCI"],
      ["Public Repo", "PACK"],
      ["Public Spectro Helm Repo", "HELM"],
    ]);
    expect(nodes.every((n) => n.scope === "SYSTEM" && n.isDefault === true)).toBe(true);
    for (const mutation of [
      `mutation($id: ID!) { updateHelmRegistry(id: $id, input: { name: "x" }) { id } }`,
      `mutation($id: ID!) { deleteRegistry(id: $id) }`,
    ]) {
      const r = await request(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: mutation, variables: { id: nodes[0].id } }),
      });
      const json = (await r.body.json()) as { errors: { extensions: { code: string } }[] };
      expect(json.errors[0].extensions.code).toBe("REGISTRY_IMMUTABLE");
    }
  });

  it("answers a malformed query with a typed error and no internals", async () => {
    const res = await request(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ registries(first: 500) { totalCount } }" }),
    });
    const json = (await res.body.json()) as {
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(json.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(json)).not.toMatch(/stacktrace|node_modules|\.ts:/);
  });
});
