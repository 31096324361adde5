import { type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { serverAudits, type AuditResult } from "graphql-http";
import { createContext } from "../../src/context";
import { createApollo } from "../../src/serving/http-server";
import { DEFAULT_VIEWER } from "../../src/access/viewer";
import { startTestGateway, type TestGateway } from "../helpers/gateway";

/**
 * Issue 18, point 8 (content negotiation on every path): the gateway answers GraphQL over HTTP
 * as Apollo Server does, whichever of its paths (read path, response cache, Apollo) serves the
 * request. Two references run next to the real gateway over real sockets:
 * - plain Apollo Server (its defaults, the gateway's schema): the audit suite of `graphql-http`
 *   (the spec's reference implementation) must pass every MUST on the gateway, and every SHOULD
 *   and MAY that plain Apollo passes;
 * - the gateway's own Apollo without the read path in front: for each `Accept` form, status,
 *   content type and bytes must be identical.
 */
let test: TestGateway;
let gatewayUrl: string;
const servers: Server[] = [];
let plainApollo: ApolloServer;
let gatewayApollo: ApolloServer;
let plainUrl: string;
let apolloOnlyUrl: string;

async function listen(app: express.Express): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  test = await startTestGateway({
    PORT: "0",
    HOST: "127.0.0.1",
    RESPONSE_CACHE_BYTES: "1000000",
  });
  gatewayUrl = `${(await test.gateway.listen()).url}/graphql`;

  plainApollo = new ApolloServer({ schema: test.gateway.schema });
  await plainApollo.start();
  const plain = express();
  plain.use("/graphql", express.json(), expressMiddleware(plainApollo));
  plainUrl = await listen(plain);

  const services = test.gateway.services;
  gatewayApollo = createApollo(test.gateway.schema, services) as unknown as ApolloServer;
  await gatewayApollo.start();
  const apolloOnly = express();
  apolloOnly.use(
    "/graphql",
    express.json(),
    expressMiddleware(gatewayApollo, {
      context: async () => createContext(services, DEFAULT_VIEWER),
    }),
  );
  apolloOnlyUrl = await listen(apolloOnly);
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await plainApollo?.stop();
  await gatewayApollo?.stop();
  await test?.close();
});

describe("8. graphql-http serverAudits against the gateway", () => {
  const gatewayAudits = serverAudits({ url: () => gatewayUrl });
  const plainAudits = serverAudits({ url: () => plainUrl });

  it("runs the whole suite (the suite is not empty)", () => {
    expect(gatewayAudits.length).toBeGreaterThan(40);
    expect(gatewayAudits.filter((a) => a.name.startsWith("MUST")).length).toBeGreaterThan(5);
  });

  gatewayAudits.forEach((audit, index) => {
    it(audit.name, async () => {
      const result: AuditResult = await audit.fn();
      if (result.status === "ok") return;
      const describeFailure = `${result.status}: ${result.reason}`;
      // Every MUST passes; a SHOULD or MAY fails only where plain Apollo Server fails it too.
      if (audit.name.startsWith("MUST")) throw new Error(describeFailure);
      const reference = await plainAudits[index]!.fn();
      expect(plainAudits[index]!.name).toBe(audit.name);
      if (reference.status === "ok") {
        throw new Error(`plain Apollo Server passes, the gateway does not: ${describeFailure}`);
      }
    });
  });
});

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

async function post(url: string, query: string, accept: string | undefined): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (accept !== undefined) headers["accept"] = accept;
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables: { first: 5 } }),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: await response.text(),
  };
}

describe("8. every Accept form: the same status, content type and bytes as Apollo", () => {
  const ACCEPTS: (string | undefined)[] = [
    undefined,
    "application/json",
    "application/graphql-response+json",
    "application/graphql-response+json, application/json;q=0.9",
    "application/json;q=0.5, application/graphql-response+json",
    "*/*",
    "application/*",
    "text/html",
    "text/plain, application/xml",
    "application/json;q=0",
  ];
  // Cacheable (read path, then response cache) and not (Apollo).
  const QUERIES = {
    catalog:
      "query Charts($first: Int) { registries(first: $first) { totalCount edges { cursor } } }",
    invalid: "query Charts($first: Int) { registries(first: $first) { nope } }",
    unparsable: "query Charts($first: Int) { registries(",
  };

  for (const [kind, query] of Object.entries(QUERIES)) {
    for (const accept of ACCEPTS) {
      it(`${kind} query, Accept: ${accept ?? "(none)"}`, async () => {
        const reference = await post(apolloOnlyUrl, query, accept);
        const first = await post(gatewayUrl, query, accept);
        const second = await post(gatewayUrl, query, accept); // a response-cache hit if cacheable
        expect(first).toEqual(reference);
        expect(second).toEqual(reference);
      });
    }
  }

  it("refuses text/html with 406 like Apollo, and a cacheable read is really served by the read path", async () => {
    const refused = await post(gatewayUrl, QUERIES.catalog, "text/html");
    expect(refused.status).toBe(406);
    const read = () =>
      fetch(gatewayUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json",
        },
        body: JSON.stringify({ query: QUERIES.catalog, variables: { first: 5 } }),
      });
    await (await read()).text();
    const response = await read();
    expect(response.headers.get("x-response-cache")).toBe("hit");
    expect(response.headers.get("content-type")).toBe(
      "application/graphql-response+json; charset=utf-8",
    );
  });
});
