/**
 * Hostile callers: each attack of issue 16, performed against a listening gateway over real
 * sockets, with its variants. A refused attack answers a typed error and changes nothing.
 */
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { hostileHandshake, hostilePost, runOverSocket } from "../helpers/hostile/callers";

/** A gateway as started by default (loopback, no authentication, introspection on). */
let open: TestGateway;
let openUrl: string;

beforeAll(async () => {
  open = await startTestGateway({ PORT: "0", SYNC_SCHEDULE: "false" });
  openUrl = (await open.gateway.listen()).url;
});
afterAll(async () => {
  await open?.close();
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
