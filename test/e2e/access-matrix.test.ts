import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type * as http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSchema } from "graphql";
import { createClient } from "graphql-ws";
import { SignJWT } from "jose";
import WebSocket from "ws";
import { fromGlobalId } from "../../src/services/ids";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveFile } from "../helpers/http-fixture-server";
import { storeQuery } from "../helpers/test-store";

/**
 * Every mutation and subscription × every kind of caller × every kind of registry, over real
 * HTTP and a real graphql-ws socket with real signed tokens. For each refusal: the typed error,
 * and no side effect at all: no registry or run row changed, no run queued, cancelled or forced
 * (the run in flight is still the same, still running), no event published, and no request sent
 * to any registry.
 *
 * The expectations are written out here from the README's rules, not read from the access
 * policy: the test holds the policy to the documentation.
 */

const ROOT = path.resolve(__dirname, "../..");
const SECRET = "access-matrix-test-shared-key-0123456789abcdef";
const ISSUER = "https://idp.access-matrix.test";
const AUDIENCE = "registry-catalog";

type Actor = "systemAdmin" | "adminA" | "viewerA" | "adminB" | "viewerB";
type Target = "tenant" | "system" | "default";
type Outcome = "ok" | "NOT_FOUND" | "FORBIDDEN" | "REGISTRY_IMMUTABLE";

const ACTORS: Record<Actor, { tenant: string | null; role: string }> = {
  systemAdmin: { tenant: null, role: "SYSTEM_ADMIN" },
  adminA: { tenant: "tenant-a", role: "TENANT_ADMIN" },
  viewerA: { tenant: "tenant-a", role: "TENANT_VIEWER" },
  adminB: { tenant: "tenant-b", role: "TENANT_ADMIN" },
  viewerB: { tenant: "tenant-b", role: "TENANT_VIEWER" },
};
const TARGETS: readonly Target[] = ["tenant", "system", "default"];

/** The tenant registry belongs to tenant A; system and default registries to the system. */
function sees(actor: Actor, target: Target): boolean {
  return target !== "tenant" || ACTORS[actor].tenant === "tenant-a";
}

/** Changing or deleting: the owner's admins; never a default registry. */
function mayChange(actor: Actor, target: Target): Outcome {
  if (!sees(actor, target)) return "NOT_FOUND";
  if (target === "default") return "REGISTRY_IMMUTABLE";
  if (target === "system") return actor === "systemAdmin" ? "ok" : "FORBIDDEN";
  return actor === "adminA" ? "ok" : "FORBIDDEN";
}

/** Syncing, forcing, cancelling: the owner's admins, and tenant admins for system registries. */
function maySync(actor: Actor, target: Target): Outcome {
  if (!sees(actor, target)) return "NOT_FOUND";
  if (target === "tenant") return actor === "adminA" ? "ok" : "FORBIDDEN";
  return ACTORS[actor].role === "TENANT_VIEWER" ? "FORBIDDEN" : "ok";
}

/** Adding or validating at the scope of the target: its admins (tenant admins for their own). */
function mayAdd(actor: Actor, target: Target): Outcome {
  if (target === "system") return actor === "systemAdmin" ? "ok" : "FORBIDDEN";
  return ACTORS[actor].role === "TENANT_ADMIN" ? "ok" : "FORBIDDEN";
}

const seeOnly = (actor: Actor, target: Target): Outcome =>
  sees(actor, target) ? "ok" : "NOT_FOUND";

interface Fixture {
  /** Global id of the registry. */
  registryId: string;
  /** Global id of its run in flight. */
  runId: string;
}

interface Operation {
  /** The schema field. */
  field: string;
  kind: "mutation" | "subscription";
  /** Targets the operation applies to (adding applies to a scope; there is no default scope). */
  targets: readonly Target[];
  expect(actor: Actor, target: Target): Outcome;
  /** Runs the operation as the actor; the first error code, or "ok". */
  run(actor: Actor, target: Target): Promise<string>;
}

let t: TestGateway;
let server: FixtureServer;
let url: string;
let workDir: string;
const tokens = new Map<Actor, string>();
const fixtures = new Map<Target, Fixture>();
/** Index requests of runs in flight, held open until the test ends. */
const held: http.ServerResponse[] = [];
let counter = 0;
let published = 0;

const unique = (prefix: string) => `${prefix}-${++counter}`;

async function post(
  query: string,
  variables: Record<string, unknown>,
  actor: Actor,
): Promise<{
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string } }[];
}> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${tokens.get(actor)}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}

async function outcomeOf(query: string, variables: Record<string, unknown>, actor: Actor) {
  const result = await post(query, variables, actor);
  return String(result.errors?.[0]?.extensions?.code ?? "ok");
}

/**
 * The first message of a subscription over graphql-ws: "ok" when data arrives or the stream stays
 * open for 300 ms (a change feed has nothing to say yet), else the error code.
 */
async function subscribeOutcome(
  query: string,
  variables: Record<string, unknown>,
  actor: Actor,
): Promise<string> {
  const client = createClient({
    url: `${url.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: { authorization: `Bearer ${tokens.get(actor)}` },
  });
  try {
    return await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve("ok"), 300);
      client.subscribe(
        { query, variables },
        {
          next: (result) => {
            clearTimeout(timer);
            resolve(String(result.errors?.[0]?.extensions?.code ?? "ok"));
          },
          error: (error: unknown) => {
            clearTimeout(timer);
            const errors = error as { extensions?: { code?: string } }[];
            resolve(String(errors[0]?.extensions?.code ?? JSON.stringify(error)));
          },
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** A path on the fixture server that answers at once with a real index (validations). */
function quickEndpoint(): string {
  const base = `/${unique("quick")}`;
  server.route(
    `${base}/index.yaml`,
    serveFile(fixturePath("helm", "kubernetes-dashboard", "index.yaml")),
  );
  return server.url(base);
}

/**
 * A path that answers the first index request (the check made when the registry is added) and
 * holds every later one open: a run there stays RUNNING until the test ends. A default registry
 * is seeded without a check: all of its requests are held.
 */
function heldEndpoint(name: string, { checked = true } = {}): string {
  const index = serveFile(fixturePath("helm", "kubernetes-dashboard", "index.yaml"));
  let answered = !checked;
  server.route(`/${name}/index.yaml`, (req, res) => {
    if (answered) held.push(res);
    else {
      answered = true;
      return index(req, res);
    }
  });
  return server.url(`/${name}`);
}

const OWNER: Record<Target, Actor> = {
  tenant: "adminA",
  system: "systemAdmin",
  default: "systemAdmin",
};

/** The target registry, re-created when an allowed delete took it, with a run in flight. */
async function fixture(target: Target): Promise<Fixture> {
  let current = fixtures.get(target);
  if (!current) {
    const added = await post(
      `mutation($i: AddHelmRegistryInput!) { addHelmRegistry(input: $i) { id } }`,
      {
        i: {
          name: unique(target),
          endpoint: heldEndpoint(unique(`held-${target}`)),
          scope: target === "tenant" ? "TENANT" : "SYSTEM",
        },
      },
      OWNER[target],
    );
    const id = (added.data?.addHelmRegistry as { id: string } | undefined)?.id;
    if (!id) throw new Error(`could not add the ${target} registry: ${JSON.stringify(added)}`);
    current = { registryId: id, runId: "" };
    fixtures.set(target, current);
  }
  const active = t.gateway.engine.activeRun(fromGlobalId(current.registryId)!.id);
  if (!active || active.status !== "RUNNING") {
    const before = held.length;
    const started = await post(
      `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
      { id: current.registryId },
      OWNER[target],
    );
    const runId = (started.data?.syncRegistry as { id: string } | undefined)?.id;
    if (!runId) throw new Error(`could not start a ${target} run: ${JSON.stringify(started)}`);
    current.runId = runId;
    // Running once the registry has been asked for its index.
    const deadline = Date.now() + 10_000;
    while (held.length === before) {
      if (Date.now() > deadline) throw new Error(`the ${target} run never asked for its index`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return current;
}

/** Deletes a fixture (cancelling its run) so that the next case gets a fresh one. */
async function retire(target: Target): Promise<void> {
  const current = fixtures.get(target)!;
  const deleted = await post(
    `mutation($id: ID!) { deleteRegistry(id: $id) }`,
    { id: current.registryId },
    OWNER[target],
  );
  if (deleted.errors) throw new Error(`could not retire the ${target} registry`);
  fixtures.delete(target);
}

/** Resolves once no registry request has arrived for 100 ms. */
async function quiet(): Promise<void> {
  let seen = -1;
  while (server.requests.length !== seen) {
    seen = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Everything a refused request must leave as it was (read from the suite's store). */
async function state() {
  return {
    registries: await storeQuery(t.dir, "SELECT * FROM registry ORDER BY id"),
    runs: await storeQuery(t.dir, "SELECT * FROM sync_run ORDER BY id"),
    trustedKeys: await storeQuery(t.dir, "SELECT * FROM trusted_key ORDER BY id"),
    catalogVersion: await storeQuery(t.dir, "SELECT * FROM catalog_state"),
    webhooks: await storeQuery(t.dir, "SELECT * FROM webhook ORDER BY id"),
    active: TARGETS.map((target) => {
      const f = fixtures.get(target);
      const run = f ? t.gateway.engine.activeRun(fromGlobalId(f.registryId)!.id) : undefined;
      return run ? `${run.id}:${run.status}` : null;
    }),
    published,
    registryRequests: server.requests.length,
  };
}

const registryOf = async (target: Target) => (await fixture(target)).registryId;

/** Webhooks of tenant A and of the system, re-created when an allowed remove took one. */
const webhookFixtures = new Map<Target, string>();
const ADD_WEBHOOK = `mutation($url: String!, $scope: RegistryScope) {
  addWebhook(url: $url, events: [VERSION_PUBLISHED], secret: "access-matrix-webhook-secret", scope: $scope) { id }
}`;
async function webhookOf(target: Target): Promise<string> {
  let id = webhookFixtures.get(target);
  if (!id) {
    const added = await post(
      ADD_WEBHOOK,
      { url: server.url("/hook"), scope: target === "tenant" ? "TENANT" : "SYSTEM" },
      OWNER[target],
    );
    id = (added.data?.addWebhook as { id: string } | undefined)?.id;
    if (!id) throw new Error(`could not add the ${target} webhook: ${JSON.stringify(added)}`);
    webhookFixtures.set(target, id);
  }
  return id;
}

const OPERATIONS: Operation[] = [
  ...(["Helm", "Oci", "Pack"] as const).flatMap((kind): Operation[] => [
    {
      field: `add${kind}Registry`,
      kind: "mutation",
      targets: ["tenant", "system"],
      expect: mayAdd,
      run: (actor, target) =>
        outcomeOf(
          `mutation($i: Add${kind}RegistryInput!) { add${kind}Registry(input: $i) { id } }`,
          { i: addInput(kind, target) },
          actor,
        ),
    },
    {
      field: `validate${kind}Registry`,
      kind: "mutation",
      targets: ["tenant", "system"],
      expect: mayAdd,
      run: (actor, target) =>
        outcomeOf(
          `mutation($i: Add${kind}RegistryInput!) { validate${kind}Registry(input: $i) { valid } }`,
          { i: addInput(kind, target) },
          actor,
        ),
    },
    {
      field: `update${kind}Registry`,
      kind: "mutation",
      targets: TARGETS,
      expect: mayChange,
      run: async (actor, target) =>
        outcomeOf(
          `mutation($id: ID!, $i: Update${kind}RegistryInput!) { update${kind}Registry(id: $id, input: $i) { id } }`,
          // A new name and endpoint: an allowed change is checked against the new endpoint.
          {
            id: await registryOf(target),
            i: { name: unique("renamed"), endpoint: quickEndpoint() },
          },
          actor,
        ),
    },
  ]),
  {
    field: "deleteRegistry",
    kind: "mutation",
    targets: TARGETS,
    expect: mayChange,
    run: async (actor, target) =>
      outcomeOf(
        `mutation($id: ID!) { deleteRegistry(id: $id) }`,
        { id: await registryOf(target) },
        actor,
      ),
  },
  {
    field: "syncRegistry",
    kind: "mutation",
    targets: TARGETS,
    expect: maySync,
    run: async (actor, target) =>
      outcomeOf(
        `mutation($id: ID!) { syncRegistry(id: $id) { id } }`,
        { id: await registryOf(target) },
        actor,
      ),
  },
  {
    // syncRegistry(force: true) interrupts the run in flight (SYNC_FORCE_AFTER is 1 ms here).
    field: "syncRegistry(force)",
    kind: "mutation",
    targets: TARGETS,
    expect: maySync,
    run: async (actor, target) =>
      outcomeOf(
        `mutation($id: ID!) { syncRegistry(id: $id, force: true) { id } }`,
        { id: await registryOf(target) },
        actor,
      ),
  },
  {
    field: "cancelSync",
    kind: "mutation",
    targets: TARGETS,
    expect: maySync,
    run: async (actor, target) =>
      outcomeOf(
        `mutation($id: ID!) { cancelSync(runId: $id) { id } }`,
        { id: (await fixture(target)).runId },
        actor,
      ),
  },
  {
    field: "syncProgress",
    kind: "subscription",
    targets: TARGETS,
    expect: seeOnly,
    run: async (actor, target) =>
      subscribeOutcome(
        `subscription($r: ID!) { syncProgress(registryId: $r) { runId phase } }`,
        { r: await registryOf(target) },
        actor,
      ),
  },
  {
    field: "syncProgress(runId)",
    kind: "subscription",
    targets: TARGETS,
    expect: seeOnly,
    run: async (actor, target) =>
      subscribeOutcome(
        `subscription($r: ID!) { syncProgress(runId: $r) { runId phase } }`,
        { r: (await fixture(target)).runId },
        actor,
      ),
  },
  {
    field: "catalogChanged",
    kind: "subscription",
    targets: TARGETS,
    expect: seeOnly,
    run: async (actor, target) =>
      subscribeOutcome(
        `subscription($r: ID!) { catalogChanged(registryId: $r) { registryId } }`,
        { r: await registryOf(target) },
        actor,
      ),
  },
  {
    field: "chartVersionPublished",
    kind: "subscription",
    targets: TARGETS,
    expect: seeOnly,
    run: async (actor, target) =>
      subscribeOutcome(
        `subscription($r: ID!) { chartVersionPublished(registryId: $r, range: ">=1") { chart } }`,
        { r: await registryOf(target) },
        actor,
      ),
  },
  {
    // Webhooks belong to a scope: its admins manage them (README "Webhooks").
    field: "addWebhook",
    kind: "mutation",
    targets: ["tenant", "system"],
    expect: mayAdd,
    run: (actor, target) =>
      outcomeOf(
        ADD_WEBHOOK,
        { url: server.url("/hook"), scope: target === "system" ? "SYSTEM" : "TENANT" },
        actor,
      ),
  },
  {
    field: "updateWebhook",
    kind: "mutation",
    targets: ["tenant", "system"],
    expect: mayChange,
    run: async (actor, target) =>
      outcomeOf(
        `mutation($id: ID!) { updateWebhook(id: $id, active: false) { id } }`,
        { id: await webhookOf(target) },
        actor,
      ),
  },
  {
    field: "removeWebhook",
    kind: "mutation",
    targets: ["tenant", "system"],
    expect: mayChange,
    run: async (actor, target) =>
      outcomeOf(
        `mutation($id: ID!) { removeWebhook(id: $id) }`,
        { id: await webhookOf(target) },
        actor,
      ),
  },
  {
    field: "addTrustedKeys",
    kind: "mutation",
    targets: ["tenant", "system"],
    expect: mayAdd,
    run: (actor, target) =>
      outcomeOf(
        `mutation($i: AddTrustedKeysInput!) { addTrustedKeys(input: $i) { id } }`,
        { i: trustedKeyInput(target) },
        actor,
      ),
  },
  {
    // Tenant A's key, or a system key: removed by their policy's admins only.
    field: "removeTrustedKey",
    kind: "mutation",
    targets: ["tenant", "system"],
    expect: mayChange,
    run: async (actor, target) => {
      const outcome = await outcomeOf(
        `mutation($id: ID!) { removeTrustedKey(id: $id) { id } }`,
        { id: await trustedKeyOf(target) },
        actor,
      );
      if (outcome === "ok") trustedKeys.delete(target);
      return outcome;
    },
  },
];

/** A fresh cosign public key (Ed25519, PEM) to add at the target's scope. */
function trustedKeyInput(target: Target): Record<string, unknown> {
  const { publicKey } = generateKeyPairSync("ed25519");
  return {
    scope: target === "system" ? "SYSTEM" : "TENANT",
    type: "COSIGN",
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The id of tenant A's (or the system's) key, added by its owner when there is none. */
const trustedKeys = new Map<Target, string>();
async function trustedKeyOf(target: Target): Promise<string> {
  let id = trustedKeys.get(target);
  if (!id) {
    const added = await post(
      `mutation($i: AddTrustedKeysInput!) { addTrustedKeys(input: $i) { id } }`,
      { i: trustedKeyInput(target) },
      OWNER[target],
    );
    id = (added.data?.addTrustedKeys as { id: string }[] | undefined)?.[0]?.id;
    if (!id) throw new Error(`could not add the ${target} key: ${JSON.stringify(added)}`);
    trustedKeys.set(target, id);
  }
  return id;
}

function addInput(kind: "Helm" | "Oci" | "Pack", target: Target): Record<string, unknown> {
  const scope = target === "system" ? "SYSTEM" : "TENANT";
  const base = { name: unique("added"), endpoint: quickEndpoint(), scope };
  if (kind === "Oci") return { ...base, baseContentPaths: ["charts"] };
  return base;
}

beforeAll(async () => {
  server = await FixtureServer.start();
  workDir = mkdtempSync(path.join(tmpdir(), "access-matrix-"));
  const defaults = path.join(workDir, "defaults.yaml");
  writeFileSync(
    defaults,
    `registries:\n  - name: Default Helm\n    kind: HELM\n    endpoint: ${heldEndpoint("held-default", { checked: false })}\n`,
  );
  t = await startTestGateway({
    PORT: "0",
    AUTH_JWT_SECRET: SECRET,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    SEED_DEFAULT_REGISTRIES: "true",
    DEFAULT_REGISTRIES_FILE: defaults,
    SYNC_SCHEDULE: "false",
    SYNC_FORCE_AFTER: "1ms",
    SYNC_CONCURRENCY: "8",
    REGISTRY_REQUEST_TIMEOUT: "10m",
  });
  url = (await t.gateway.listen()).url;
  for (const method of ["publishProgress", "publishCatalogChanged"] as const) {
    const events = t.gateway.events as unknown as Record<string, (event: unknown) => void>;
    const original = events[method]!.bind(events);
    events[method] = (event: unknown) => {
      published++;
      original(event);
    };
  }
  for (const [actor, { tenant, role }] of Object.entries(ACTORS)) {
    const token = await new SignJWT(tenant ? { tenant, role } : { role })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("30m")
      .sign(new TextEncoder().encode(SECRET));
    tokens.set(actor as Actor, token);
  }
  const list = await post(
    `{ registries(first: 10) { edges { node { id isDefault } } } }`,
    {},
    "systemAdmin",
  );
  const edges = (list.data?.registries as { edges: { node: { id: string; isDefault: boolean } }[] })
    .edges;
  fixtures.set("default", {
    registryId: edges.find((edge) => edge.node.isDefault)!.node.id,
    runId: "",
  });
}, 60_000);

afterAll(async () => {
  for (const res of held) res.destroy();
  await t?.close();
  await server?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe("the access matrix", () => {
  it("covers every mutation and subscription of the schema", () => {
    const schema = buildSchema(readFileSync(path.join(ROOT, "schema.graphql"), "utf8"));
    const fields = [schema.getMutationType(), schema.getSubscriptionType()]
      .flatMap((type) => Object.keys(type?.getFields() ?? {}))
      .sort();
    const covered = [...new Set(OPERATIONS.map((op) => op.field.replace(/\(.*$/, "")))].sort();
    expect(covered).toEqual(fields);
  });

  const cases = OPERATIONS.flatMap((op) =>
    (Object.keys(ACTORS) as Actor[]).flatMap((actor) =>
      op.targets.map((target) => ({
        name: op.field,
        op,
        actor,
        target,
        expected: op.expect(actor, target),
      })),
    ),
  );

  it.each(cases)(
    "$name by $actor on a $target registry: $expected",
    async ({ op, actor, target, expected }) => {
      // Every fixture present and running before the call, so that its state can be compared.
      for (const each of TARGETS) await fixture(each);
      if (op.field === "removeTrustedKey") await trustedKeyOf(target);
      if (op.field.endsWith("Webhook") && op.field !== "addWebhook") await webhookOf(target);
      const before = await state();
      const outcome = await op.run(actor, target);
      if (expected === "ok") {
        // Allowed: the request got past authorization (a Helm fixture given to the OCI or pack
        // update, or a pack endpoint that is not https, is refused by the input rules after it).
        expect(["ok", "BAD_USER_INPUT", "REGISTRY_VALIDATION_FAILED"]).toContain(outcome);
        // A changed or deleted fixture is replaced (an update moved it to an endpoint that answers).
        if (op.field === "removeWebhook") webhookFixtures.delete(target);
        else if (op.field === "deleteRegistry") fixtures.delete(target);
        else if (op.field.startsWith("update") && op.field !== "updateWebhook")
          await retire(target);
        // A forced run asks for its index a moment later: let that happen before the next case.
        await quiet();
        return;
      }
      expect(outcome).toBe(expected);
      // A subscription that was refused may still be tearing its socket down: give stray work a turn.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await state()).toEqual(before);
    },
  );
});
