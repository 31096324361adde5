import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema } from "graphql";
import { createClient, type Client } from "graphql-ws";
import { SignJWT } from "jose";
import WebSocket from "ws";
import { type Viewer } from "../../src/access/viewer";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveFile } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";

/**
 * Walks the README's table of operations by role (section "Security") over real HTTP and a real
 * graphql-ws socket, with real signed tokens: every cell, for the caller's own tenant's
 * registry, a system registry and another tenant's registry.
 */

const ROOT = path.resolve(__dirname, "../..");
const SECRET = "authorization-test-shared-key-0123456789abcdef";
const ISSUER = "https://idp.authorization.test";
const AUDIENCE = "registry-catalog";
const CHART = "kubernetes-dashboard";
const VERSION = "6.0.8";

type Role = "SYSTEM_ADMIN" | "TENANT_ADMIN" | "TENANT_VIEWER";
type Target = "own" | "system" | "other";
type Outcome = "allowed" | "forbidden" | "hidden" | "unauthenticated";
type Cell = "system" | "tenant + system" | "tenant" | "no";

const ROLES: readonly Role[] = ["SYSTEM_ADMIN", "TENANT_ADMIN", "TENANT_VIEWER"];
/** Operations that act on a scope given in their input rather than on an existing registry. */
const SCOPED = /^((add|validate)(Helm|Oci|Pack)Registry|addWebhook|webhooks|addTrustedKeys)$/;

/** The README's table: operation → cell per role. */
function readmeTable(): Map<string, Record<Role, Cell>> {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Security"), readme.indexOf("## Error codes"));
  const rows = new Map<string, Record<Role, Cell>>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const op = /^`(\w+)`$/.exec(cells[1] ?? "")?.[1];
    if (!op || cells.length < 6) continue;
    rows.set(op, {
      SYSTEM_ADMIN: cells[2] as Cell,
      TENANT_ADMIN: cells[3] as Cell,
      TENANT_VIEWER: cells[4] as Cell,
    });
  }
  return rows;
}

/** What a cell promises a role for a target. */
function expected(op: string, cell: Cell, role: Role, target: Target): Outcome {
  const visible = SCOPED.test(op)
    ? true
    : target === "system" || (target === "own" && role !== "SYSTEM_ADMIN");
  if (!visible) return "hidden";
  if (cell === "tenant + system") return "allowed";
  if (cell === "tenant") return target === "own" ? "allowed" : "forbidden";
  if (cell === "system") return target === "system" ? "allowed" : "forbidden";
  return "forbidden";
}

interface Fixture {
  registryId: string;
  chartId: string;
  runId: string;
}

let t: TestGateway;
let server: FixtureServer;
let url: string;
const tokens = new Map<string, string>();
const fixtures = {} as Record<Target, Fixture>;
let defaultRegistryId: string;
let counter = 0;

const viewers: Record<string, Viewer> = {
  sa: { tenantId: null, role: "SYSTEM_ADMIN" },
  adminA: { tenantId: "tenant-a", role: "TENANT_ADMIN" },
  viewerA: { tenantId: "tenant-a", role: "TENANT_VIEWER" },
  adminB: { tenantId: "tenant-b", role: "TENANT_ADMIN" },
};
const actorOf: Record<Role, string> = {
  SYSTEM_ADMIN: "sa",
  TENANT_ADMIN: "adminA",
  TENANT_VIEWER: "viewerA",
};

async function sign(
  claims: Record<string, unknown>,
  options: {
    secret?: string;
    issuer?: string;
    audience?: string;
    expiresIn?: string | number;
  } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "10m")
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

interface HttpResult {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

async function post(
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
): Promise<HttpResult> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as HttpResult["body"] };
}

/** Classifies an answer by its error code; `dataAllowed` decides when there is no error. */
function classify(
  result: HttpResult,
  dataAllowed: (data: Record<string, unknown>) => boolean,
): Outcome | string {
  const code = result.body.errors?.[0]?.extensions?.code;
  if (code === "UNAUTHENTICATED") return "unauthenticated";
  if (code === "FORBIDDEN") return "forbidden";
  if (code === "NOT_FOUND") return "hidden";
  // The request passed authorization and failed later (e.g. the OCI check): it was allowed.
  if (code === "REGISTRY_VALIDATION_FAILED" || code === "BAD_USER_INPUT") return "allowed";
  if (code) return `error ${code}: ${result.body.errors![0]!.message}`;
  return dataAllowed(result.body.data!) ? "allowed" : "hidden";
}

const name = () => `authz-${++counter}`;
const scopeOf = (target: Target) => (target === "system" ? "SYSTEM" : "TENANT");
const helmInput = (target: Target) => ({
  name: name(),
  endpoint: server.url("/repo"),
  scope: scopeOf(target),
});

/** compareChartVersions of VERSION with itself on a registry, classified. */
async function compareSame(token: string | null, registryId: string): Promise<Outcome | string> {
  return classify(
    await post(
      `query($r: ID!, $c: String!, $v: String!) { compareChartVersions(registryId: $r, chart: $c, from: $v, to: $v) { direction } }`,
      { r: registryId, c: CHART, v: VERSION },
      token,
    ),
    nonNull("compareChartVersions"),
  );
}

/** Executes an operation as `token` against a target; the answer's outcome. */
type Executor = (token: string | null, target: Target) => Promise<Outcome | string>;

const nonNull = (field: string) => (data: Record<string, unknown>) => data[field] !== null;

const executors: Record<string, Executor> = {
  registries: async (token, target) =>
    classify(
      await post(`{ registries(first: 100) { edges { node { id } } } }`, {}, token),
      (data) => JSON.stringify(data).includes(fixtures[target].registryId),
    ),
  registry: async (token, target) =>
    classify(
      await post(
        `query($id: ID!) { registry(id: $id) { id } }`,
        { id: fixtures[target].registryId },
        token,
      ),
      nonNull("registry"),
    ),
  node: async (token, target) => {
    const outcomes = new Set<string>();
    for (const id of [
      fixtures[target].registryId,
      fixtures[target].chartId,
      fixtures[target].runId,
    ]) {
      outcomes.add(
        String(
          classify(
            await post(`query($id: ID!) { node(id: $id) { id } }`, { id }, token),
            nonNull("node"),
          ),
        ),
      );
    }
    return outcomes.size === 1 ? [...outcomes][0]! : `mixed: ${[...outcomes].join(", ")}`;
  },
  nodes: async (token, target) => {
    const ids = [fixtures[target].registryId, fixtures[target].chartId, fixtures[target].runId];
    const result = await post(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }, token);
    // Every id answers alike: all visible, or all null.
    return classify(result, (data) => {
      const nodes = data["nodes"] as ({ id: string } | null)[];
      const seen = new Set(nodes.map((n) => n !== null));
      if (seen.size !== 1) throw new Error(`mixed nodes: ${JSON.stringify(nodes)}`);
      return nodes[0] !== null;
    });
  },
  searchCharts: async (token, target) =>
    classify(
      await post(
        `query($s: String) { searchCharts(search: $s, first: 100) { edges { node { registry { id } } } } }`,
        { s: CHART },
        token,
      ),
      (data) => JSON.stringify(data).includes(fixtures[target].registryId),
    ),
  resolveChartVersion: async (token, target) =>
    classify(
      await post(
        `query($r: ID!, $c: String!, $v: String!) { resolveChartVersion(registryId: $r, chart: $c, version: $v) { version } }`,
        { r: fixtures[target].registryId, c: CHART, v: "6.x" },
        token,
      ),
      nonNull("resolveChartVersion"),
    ),
  checkChartReference: async (token, target) =>
    classify(
      await post(
        `query($r: ID!, $c: String!, $v: String!) { checkChartReference(registryId: $r, chart: $c, version: $v) { status } }`,
        { r: fixtures[target].registryId, c: CHART, v: VERSION },
        token,
      ),
      () => true,
    ),
  validateProfileLayers: async (token, target) =>
    classify(
      await post(
        `query($l: [ProfileLayerInput!]!) { validateProfileLayers(layers: $l) { layers { status } } }`,
        { l: [{ registryId: fixtures[target].registryId, name: CHART, version: VERSION }] },
        token,
      ),
      (data) => JSON.stringify(data).includes("VERIFIED"),
    ),
  compareChartVersions: async (token, target) => compareSame(token, fixtures[target].registryId),
  chartVersionsUsingImage: async (token, target) => {
    // The values of 6.0.8 are read once (every fixture registry serves the same package), so
    // the image they name is found in each registry the caller sees.
    await compareSame(tokens.get("sa")!, fixtures.system.registryId);
    return classify(
      await post(
        `{ chartVersionsUsingImage(repository: "kubernetesui/dashboard", first: 100) { chartVersion { chart { registry { id } } } } }`,
        {},
        token,
      ),
      (data) => JSON.stringify(data).includes(fixtures[target].registryId),
    );
  },
  airGapBundle: async (token, target) =>
    classify(
      await post(
        `query($l: [AirGapLayerInput!]!) { airGapBundle(layers: $l) { layers { error { code } } } }`,
        { l: [{ registryId: fixtures[target].registryId, chart: CHART, version: VERSION }] },
        token,
      ),
      // A registry the caller does not see is this layer's NOT_FOUND, not a failed query.
      (data) => JSON.stringify(data).includes('"error":null'),
    ),
  syncRun: async (token, target) =>
    classify(
      await post(
        `query($id: ID!) { syncRun(id: $id) { id } }`,
        { id: fixtures[target].runId },
        token,
      ),
      nonNull("syncRun"),
    ),
  addHelmRegistry: async (token, target) =>
    classify(
      await post(
        `mutation($i: AddHelmRegistryInput!) { addHelmRegistry(input: $i) { id } }`,
        { i: helmInput(target) },
        token,
      ),
      () => true,
    ),
  addOciRegistry: async (token, target) =>
    classify(
      await post(
        `mutation($i: AddOciRegistryInput!) { addOciRegistry(input: $i) { id } }`,
        { i: { ...helmInput(target), baseContentPaths: ["charts"] } },
        token,
      ),
      () => true,
    ),
  addPackRegistry: async (token, target) =>
    classify(
      await post(
        `mutation($i: AddPackRegistryInput!) { addPackRegistry(input: $i) { id } }`,
        { i: { ...helmInput(target), endpoint: "https://127.0.0.1:1" } },
        token,
      ),
      () => true,
    ),
  validateHelmRegistry: async (token, target) =>
    classify(
      await post(
        `mutation($i: AddHelmRegistryInput!) { validateHelmRegistry(input: $i) { valid } }`,
        { i: helmInput(target) },
        token,
      ),
      () => true,
    ),
  validateOciRegistry: async (token, target) =>
    classify(
      await post(
        `mutation($i: AddOciRegistryInput!) { validateOciRegistry(input: $i) { valid } }`,
        { i: { ...helmInput(target), baseContentPaths: ["charts"] } },
        token,
      ),
      () => true,
    ),
  validatePackRegistry: async (token, target) =>
    classify(
      await post(
        `mutation($i: AddPackRegistryInput!) { validatePackRegistry(input: $i) { valid } }`,
        { i: { ...helmInput(target), endpoint: "https://127.0.0.1:1" } },
        token,
      ),
      () => true,
    ),
  updateHelmRegistry: async (token, target) =>
    classify(
      await post(
        `mutation($id: ID!) { updateHelmRegistry(id: $id, input: { syncEnabled: true }) { id } }`,
        { id: fixtures[target].registryId },
        token,
      ),
      () => true,
    ),
  // The fixtures are Helm registries: passing authorization shows as "use the matching update
  // mutation" (BAD_USER_INPUT), which is checked only after the caller may change the registry.
  updateOciRegistry: async (token, target) =>
    classify(
      await post(
        `mutation($id: ID!) { updateOciRegistry(id: $id, input: {}) { id } }`,
        { id: fixtures[target].registryId },
        token,
      ),
      () => true,
    ),
  updatePackRegistry: async (token, target) =>
    classify(
      await post(
        `mutation($id: ID!) { updatePackRegistry(id: $id, input: {}) { id } }`,
        { id: fixtures[target].registryId },
        token,
      ),
      () => true,
    ),
  trustedKeys: async (token, target) => {
    const fingerprint = (await trustedKeyOf(target)).fingerprint;
    return classify(await post(`{ trustedKeys { fingerprint } }`, {}, token), (data) =>
      JSON.stringify(data).includes(fingerprint),
    );
  },
  addTrustedKeys: async (token, target) =>
    classify(
      await post(
        `mutation($i: AddTrustedKeysInput!) { addTrustedKeys(input: $i) { id } }`,
        { i: { scope: scopeOf(target), type: "COSIGN", publicKey: freshCosignKey() } },
        token,
      ),
      () => true,
    ),
  removeTrustedKey: async (token, target) => {
    // A fresh victim each time: an allowed removal must not take a shared key with it.
    const victim = await addTrustedKeyOverHttp(target);
    return classify(
      await post(
        `mutation($id: ID!) { removeTrustedKey(id: $id) { id } }`,
        { id: victim.id },
        token,
      ),
      () => true,
    );
  },
  deleteRegistry: async (token, target) => {
    // A fresh victim each time: an allowed delete must not take a shared fixture with it.
    const owner =
      target === "system" ? viewers.sa! : target === "own" ? viewers.adminA! : viewers.adminB!;
    const victim = await addHelmOverHttp(owner, scopeOf(target));
    return classify(
      await post(`mutation($id: ID!) { deleteRegistry(id: $id) }`, { id: victim }, token),
      () => true,
    );
  },
  syncRegistry: async (token, target) =>
    classify(
      await post(
        `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
        { id: fixtures[target].registryId },
        token,
      ),
      () => true,
    ),
  cancelSync: async (token, target) =>
    classify(
      await post(
        `mutation($id: ID!) { cancelSync(runId: $id) { id } }`,
        { id: fixtures[target].runId },
        token,
      ),
      () => true,
    ),
  syncProgress: async (token, target) =>
    subscribeOutcome(token, `subscription($r: ID!) { syncProgress(runId: $r) { runId phase } }`, {
      r: fixtures[target].runId,
    }),
  catalogChanged: async (token, target) =>
    subscribeOutcome(
      token,
      `subscription($r: ID!) { catalogChanged(registryId: $r) { registryId } }`,
      {
        r: fixtures[target].registryId,
      },
    ),
  chartVersionPublished: async (token, target) =>
    subscribeOutcome(
      token,
      `subscription($r: ID!) { chartVersionPublished(registryId: $r, range: "^7") { chart } }`,
      { r: fixtures[target].registryId },
    ),
  // Webhooks: the targets are webhooks of the caller's tenant, of the system, of another tenant.
  webhooks: async (token, target) =>
    classify(
      await post(
        `query($s: RegistryScope) { webhooks(scope: $s) { id } }`,
        { s: scopeOf(target) },
        token,
      ),
      () => true,
    ),
  addWebhook: async (token, target) =>
    classify(
      await post(ADD_WEBHOOK, { url: server.url("/hook"), scope: scopeOf(target) }, token),
      () => true,
    ),
  updateWebhook: async (token, target) =>
    classify(
      await post(
        `mutation($id: ID!) { updateWebhook(id: $id, active: false) { id } }`,
        { id: await webhookOf(target) },
        token,
      ),
      () => true,
    ),
  removeWebhook: async (token, target) =>
    classify(
      // A fresh victim each time: an allowed remove must not take a shared fixture with it.
      await post(
        `mutation($id: ID!) { removeWebhook(id: $id) }`,
        { id: await webhookOf(target, true) },
        token,
      ),
      () => true,
    ),
};

const ADD_WEBHOOK = `mutation($url: String!, $scope: RegistryScope) {
  addWebhook(url: $url, events: [SYNC_FAILED], secret: "authorization-webhook-secret", scope: $scope) { id }
}`;
const webhookFixtures = new Map<Target, string>();

/** A webhook of the target's owner (kept, or fresh when `fresh`). */
async function webhookOf(target: Target, fresh = false): Promise<string> {
  const kept = webhookFixtures.get(target);
  if (kept && !fresh) return kept;
  const owner = target === "system" ? "sa" : target === "own" ? "adminA" : "adminB";
  const added = await post(
    ADD_WEBHOOK,
    { url: server.url("/hook"), scope: scopeOf(target) },
    tokens.get(owner)!,
  );
  const id = (added.body.data?.addWebhook as { id: string } | undefined)?.id;
  if (!id) throw new Error(`could not add a fixture webhook: ${JSON.stringify(added.body)}`);
  if (!fresh) webhookFixtures.set(target, id);
  return id;
}

/**
 * Subscribes over a real graphql-ws socket. Allowed: an event arrives (syncProgress sends the
 * run's current state first) or the subscription stays open without error for 300 ms
 * (catalogChanged has nothing to say until a run changes something).
 */
async function subscribeOutcome(
  token: string | null,
  query: string,
  variables: Record<string, unknown>,
): Promise<Outcome | string> {
  let closeReason = "";
  const client: Client = createClient({
    url: `${url.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    on: {
      closed: (event) => {
        closeReason = String((event as { reason?: string }).reason ?? "");
      },
    },
  });
  try {
    return await new Promise<Outcome | string>((resolve) => {
      const timer = setTimeout(() => resolve("allowed"), 300);
      client.subscribe(
        { query, variables },
        {
          // A refused subscription is one result carrying the error, then completion.
          next: (result) => {
            clearTimeout(timer);
            const code = result.errors?.[0]?.extensions?.code;
            if (code === undefined) resolve("allowed");
            else resolve(code === "NOT_FOUND" ? "hidden" : `error ${String(code)}`);
          },
          error: (error: unknown) => {
            clearTimeout(timer);
            if (closeReason.startsWith("UNAUTHENTICATED")) return resolve("unauthenticated");
            const code = (error as { extensions?: { code?: string } }[])[0]?.extensions?.code;
            resolve(code === "NOT_FOUND" ? "hidden" : `error ${JSON.stringify(error)}`);
          },
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

async function addHelmOverHttp(owner: Viewer, scope: "SYSTEM" | "TENANT"): Promise<string> {
  const result = await post(
    `mutation($i: AddHelmRegistryInput!) { addHelmRegistry(input: $i) { id } }`,
    { i: { name: name(), endpoint: server.url("/repo"), scope } },
    tokens.get(actorKey(owner))!,
  );
  const id = (result.body.data?.addHelmRegistry as { id: string } | undefined)?.id;
  if (!id) throw new Error(`could not add a fixture registry: ${JSON.stringify(result.body)}`);
  return id;
}

/** A fresh cosign public key (Ed25519, PEM). */
function freshCosignKey(): string {
  return generateKeyPairSync("ed25519")
    .publicKey.export({ type: "spki", format: "pem" })
    .toString();
}

/** Adds a key to the target's policy (own: tenant A's, other: tenant B's), as its admin. */
async function addTrustedKeyOverHttp(target: Target): Promise<{ id: string; fingerprint: string }> {
  const owner = target === "system" ? "sa" : target === "own" ? "adminA" : "adminB";
  const result = await post(
    `mutation($i: AddTrustedKeysInput!) { addTrustedKeys(input: $i) { id fingerprint } }`,
    { i: { scope: scopeOf(target), type: "COSIGN", publicKey: freshCosignKey() } },
    tokens.get(owner)!,
  );
  const key = (
    result.body.data?.addTrustedKeys as { id: string; fingerprint: string }[] | undefined
  )?.[0];
  if (!key) throw new Error(`could not add a trusted key: ${JSON.stringify(result.body)}`);
  return key;
}

const trustedKeys = new Map<Target, Promise<{ id: string; fingerprint: string }>>();
function trustedKeyOf(target: Target): Promise<{ id: string; fingerprint: string }> {
  let key = trustedKeys.get(target);
  if (!key) trustedKeys.set(target, (key = addTrustedKeyOverHttp(target)));
  return key;
}

function actorKey(viewer: Viewer): string {
  return Object.entries(viewers).find(([, v]) => v === viewer)![0];
}

async function fixtureFor(owner: Viewer, scope: "SYSTEM" | "TENANT"): Promise<Fixture> {
  const registryId = await addHelmOverHttp(owner, scope);
  const run = await syncAndWait(t, registryId, owner);
  expect(run.status).toBe("SUCCEEDED");
  const charts = await post(
    `query($id: ID!) { registry(id: $id) { charts(first: 1, search: "${CHART}") { edges { node { id } } } } }`,
    { id: registryId },
    tokens.get(actorKey(owner))!,
  );
  const chartId = JSON.parse(JSON.stringify(charts.body.data)).registry.charts.edges[0].node
    .id as string;
  return { registryId, chartId, runId: run.id };
}

beforeAll(async () => {
  server = await FixtureServer.start();
  server.route(
    "/repo/index.yaml",
    serveFile(fixturePath("helm", "kubernetes-dashboard", "index.yaml")),
  );
  // The package of VERSION (its index entry names it relative to the repository).
  server.route(
    `/repo/${CHART}-${VERSION}.tgz`,
    serveFile(fixturePath("helm", "kubernetes-dashboard", "charts", `${CHART}-${VERSION}.tgz`)),
  );
  t = await startTestGateway({
    PORT: "0",
    AUTH_JWT_SECRET: SECRET,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    SEED_DEFAULT_REGISTRIES: "true",
    SYNC_SCHEDULE: "false",
    REGISTRY_CONNECT_TIMEOUT: "500ms",
  });
  url = (await t.gateway.listen()).url;
  for (const [key, viewer] of Object.entries(viewers)) {
    tokens.set(
      key,
      await sign(
        viewer.tenantId ? { tenant: viewer.tenantId, role: viewer.role } : { role: viewer.role },
      ),
    );
  }
  fixtures.own = await fixtureFor(viewers.adminA!, "TENANT");
  fixtures.system = await fixtureFor(viewers.sa!, "SYSTEM");
  fixtures.other = await fixtureFor(viewers.adminB!, "TENANT");
  const list = await post(
    `{ registries(first: 100) { edges { node { id isDefault } } } }`,
    {},
    tokens.get("sa")!,
  );
  defaultRegistryId = JSON.parse(JSON.stringify(list.body.data)).registries.edges.find(
    (edge: { node: { isDefault: boolean } }) => edge.node.isDefault,
  ).node.id;
}, 60_000);

afterAll(async () => {
  await t.close();
  await server.close();
});

describe("the README's table of operations by role", () => {
  const table = readmeTable();

  it("lists every query, mutation and subscription of the schema, and nothing else", () => {
    const schema = buildSchema(readFileSync(path.join(ROOT, "schema.graphql"), "utf8"));
    const operations = [
      schema.getQueryType(),
      schema.getMutationType(),
      schema.getSubscriptionType(),
    ]
      .flatMap((type) => Object.keys(type?.getFields() ?? {}))
      .sort();
    expect([...table.keys()].sort()).toEqual(operations);
    expect(Object.keys(executors).sort()).toEqual(operations);
  });

  const cases = [...table.entries()].flatMap(([op, cells]) =>
    ROLES.flatMap((role) =>
      (SCOPED.test(op)
        ? (["own", "system"] as Target[])
        : (["own", "system", "other"] as Target[])
      ).map((target) => ({ op, role, target, cell: cells[role] })),
    ),
  );

  it.each(cases)(
    "$op as $role on the $target registry: $cell",
    async ({ op, role, target, cell }) => {
      const outcome = await executors[op]!(tokens.get(actorOf[role])!, target);
      expect(outcome).toBe(expected(op, cell, role, target));
    },
  );

  it.each([...table.keys()])("%s without a token is UNAUTHENTICATED", async (op) => {
    expect(await executors[op]!(null, "own")).toBe("unauthenticated");
  });
});

describe("default registries", () => {
  it.each(["sa", "adminA"])("cannot be changed or deleted, even by %s", async (actor) => {
    const token = tokens.get(actor)!;
    const update = await post(
      `mutation($id: ID!) { updateHelmRegistry(id: $id, input: { syncEnabled: false }) { id } }`,
      { id: defaultRegistryId },
      token,
    );
    const del = await post(
      `mutation($id: ID!) { deleteRegistry(id: $id) }`,
      { id: defaultRegistryId },
      token,
    );
    expect(update.body.errors?.[0]?.extensions?.code).toBe("REGISTRY_IMMUTABLE");
    expect(del.body.errors?.[0]?.extensions?.code).toBe("REGISTRY_IMMUTABLE");
  });
});

describe("tokens", () => {
  const query = `{ registries(first: 1) { totalCount } }`;

  it("accepts a valid token, and answers 401 UNAUTHENTICATED without one", async () => {
    expect((await post(query, {}, tokens.get("adminA")!)).status).toBe(200);
    const anonymous = await post(query, {}, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.body.data ?? null).toBeNull();
  });

  const bad: [string, () => Promise<string>, RegExp][] = [
    [
      "expired",
      () =>
        sign(
          { tenant: "tenant-a", role: "TENANT_ADMIN" },
          { expiresIn: Math.floor(Date.now() / 1000) - 120 },
        ),
      /expired/,
    ],
    [
      "signed with another key",
      () => sign({ tenant: "tenant-a", role: "TENANT_ADMIN" }, { secret: "x".repeat(48) }),
      /signature/,
    ],
    [
      "from another issuer",
      () => sign({ tenant: "tenant-a", role: "TENANT_ADMIN" }, { issuer: "https://evil.test" }),
      /"iss"/,
    ],
    [
      "for another audience",
      () => sign({ tenant: "tenant-a", role: "TENANT_ADMIN" }, { audience: "other" }),
      /"aud"/,
    ],
    ["without a role", () => sign({ tenant: "tenant-a" }), /role/],
    ["with an unknown role", () => sign({ tenant: "tenant-a", role: "ROOT" }), /role/],
    ["without a tenant", () => sign({ role: "TENANT_ADMIN" }), /tenant/],
    [
      "unsigned (alg none)",
      async () => unsigned({ tenant: "tenant-a", role: "SYSTEM_ADMIN" }),
      /./,
    ],
    ["not a JWT", async () => "not-a-token", /not a valid JWT/],
  ];

  it.each(bad)("refuses a token %s, without quoting it", async (_label, make, reason) => {
    const token = await make();
    const result = await post(query, {}, token);
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(result.body.errors?.[0]?.message).toMatch(reason);
    expect(JSON.stringify(result.body)).not.toContain(token);
    expect(t.logs.join("\n")).not.toContain(token);
  });

  it("reads the highest role of a list", async () => {
    const token = await sign({ tenant: "tenant-a", role: ["TENANT_VIEWER", "TENANT_ADMIN"] });
    const result = await post(
      `mutation($i: AddHelmRegistryInput!) { validateHelmRegistry(input: $i) { valid } }`,
      { i: helmInput("own") },
      token,
    );
    expect(result.body.errors).toBeUndefined();
  });

  it("closes a WebSocket connection without a valid token with 4403 UNAUTHENTICATED", async () => {
    const socket = new WebSocket(`${url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(
      JSON.stringify({ type: "connection_init", payload: { authorization: "Bearer nope" } }),
    );
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      socket.once("close", (c, r) => resolve([c, r.toString()])),
    );
    expect(code).toBe(4403);
    expect(reason).toMatch(/^UNAUTHENTICATED: /);
  });

  it("ends a WebSocket connection when its token expires", async () => {
    const token = await sign(
      { tenant: "tenant-a", role: "TENANT_VIEWER" },
      { expiresIn: Math.floor(Date.now() / 1000) + 2 },
    );
    const socket = new WebSocket(`${url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: { token } }));
    const closed = new Promise<[number, string]>((resolve) =>
      socket.once("close", (c, r) => resolve([c, r.toString()])),
    );
    const [code, reason] = await closed;
    expect(code).toBe(4403);
    expect(reason).toBe("UNAUTHENTICATED: The token has expired.");
  }, 10_000);
});

/** An `alg: none` token: accepted by nothing that verifies signatures. */
function unsigned(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "none", typ: "JWT" })}.${part({ ...claims, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600 })}.`;
}
