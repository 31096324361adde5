import { readFileSync } from "node:fs";
import path from "node:path";
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { isInterfaceType, Kind, OperationTypeNode, parse } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import possibleTypes from "../../client/possible-types.json";
import {
  allCharts,
  createCatalogClient,
  NodeByIdDocument,
  RegistryChartsDocument,
  RenameHelmRegistryDocument,
} from "../../examples/typed-client/client";
import { AddHelmRegistryDocument } from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveBody, serveFile } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";

/**
 * Issue 18, point 11: Apollo Client 4 with its normalized cache, through the example typed
 * client (examples/typed-client, GraphQL Code Generator's client preset), against the real
 * gateway over HTTP: the shipped `possibleTypes` are the schema's, fragments on interfaces
 * match, every object is cached once under its global id, and a mutation's answer updates
 * every query that shows the object.
 */
let t: TestGateway;
let server: FixtureServer;
let url: string;
let registryId: string;

beforeAll(async () => {
  t = await startTestGateway({ PORT: "0", HOST: "127.0.0.1", RESPONSE_CACHE_BYTES: "1000000" });
  url = `${(await t.gateway.listen()).url}/graphql`;
  server = await FixtureServer.start();
  server.route("/argo/index.yaml", serveFile(fixturePath("helm", "argo-helm", "index.yaml")));
  const added = await t.ok(AddHelmRegistryDocument, {
    input: { name: "argo", endpoint: server.url("/argo") },
  });
  registryId = added.addHelmRegistry.id;
  await syncAndWait(t, registryId);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await server?.close();
});

describe("11. clients get what they need", () => {
  it("client/possible-types.json is the schema's interfaces and their implementations", () => {
    const shipped = JSON.parse(
      readFileSync(path.join(__dirname, "../../client/possible-types.json"), "utf8"),
    ) as { possibleTypes: Record<string, string[]> };
    const schema = t.gateway.schema;
    const expected: Record<string, string[]> = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || !isInterfaceType(type)) continue;
      expected[type.name] = schema
        .getPossibleTypes(type)
        .map((t) => t.name)
        .sort();
    }
    const sorted = Object.fromEntries(
      Object.entries(shipped.possibleTypes).map(([k, v]) => [k, [...v].sort()]),
    );
    expect(sorted).toEqual(expected);
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(["Node", "Registry"]));
  });

  it("Apollo Client 4 caches each object once under its global id; interface fragments match", async () => {
    const client = createCatalogClient(url);
    const charts = await allCharts(client, registryId, 4);
    expect(charts.length).toBe(11); // argo-helm: 11 charts (fixtures/SOURCES.md)
    expect(new Set(charts.map((c) => c.id)).size).toBe(charts.length);

    const cache = client.cache.extract() as Record<string, Record<string, unknown>>;
    const registryKey = client.cache.identify({ __typename: "HelmRegistry", id: registryId })!;
    expect(registryKey).toBe(`HelmRegistry:${registryId}`);
    expect(cache[registryKey]).toMatchObject({ __typename: "HelmRegistry", name: "argo" });
    for (const chart of charts) {
      expect(cache[`Chart:${chart.id}`]).toMatchObject({ name: chart.name });
      if (chart.latestVersion) {
        expect(cache[`ChartVersion:${chart.latestVersion.id}`]).toMatchObject({
          version: chart.latestVersion.version,
        });
      }
    }

    // node(id) with `... on Registry` reads the same object: possibleTypes make the fragment match.
    const node = await client.query({ query: NodeByIdDocument, variables: { id: registryId } });
    expect(node.data?.node).toMatchObject({
      __typename: "HelmRegistry",
      name: "argo",
      kind: "HELM",
    });
    const fromCache = client.readQuery({ query: NodeByIdDocument, variables: { id: registryId } });
    expect(fromCache?.node).toMatchObject({ name: "argo", kind: "HELM" });

    // A mutation's answer lands on the one cached object: every query showing it follows.
    await client.mutate({
      mutation: RenameHelmRegistryDocument,
      variables: { id: registryId, name: "argo-renamed" },
    });
    const page = client.readQuery({
      query: RegistryChartsDocument,
      variables: { id: registryId, first: 4, after: null },
    });
    expect(page?.registry?.name).toBe("argo-renamed");
    expect(
      client.readQuery({ query: NodeByIdDocument, variables: { id: registryId } })?.node,
    ).toMatchObject({ name: "argo-renamed" });
  });

  it("Apollo Client 4 subscribes over graphql-ws (GraphQLWsLink) and follows a run to its end", async () => {
    const ws = createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket });
    const link = ApolloLink.split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return (
          definition.kind === Kind.OPERATION_DEFINITION &&
          definition.operation === OperationTypeNode.SUBSCRIPTION
        );
      },
      new GraphQLWsLink(ws),
      new HttpLink({ uri: url }),
    );
    const client = new ApolloClient({
      link,
      cache: new InMemoryCache({ possibleTypes: possibleTypes.possibleTypes }),
    });
    try {
      const statuses: string[] = [];
      const done = new Promise<void>((resolve, reject) => {
        const subscription = client
          .subscribe({
            query: parse(
              "subscription($id: ID) { syncProgress(registryId: $id) { runId status phase } }",
            ),
            variables: { id: registryId },
          })
          .subscribe({
            next: ({ data, error }) => {
              if (error) return reject(error);
              const progress = (data as { syncProgress: { status: string } }).syncProgress;
              statuses.push(progress.status);
              if (!["QUEUED", "RUNNING"].includes(progress.status)) {
                subscription.unsubscribe();
                resolve();
              }
            },
            error: reject,
          });
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.mutate({
        mutation: parse("mutation($id: ID!) { syncRegistry(id: $id, force: false) { id status } }"),
        variables: { id: registryId },
      });
      await done;
      expect(statuses.at(-1)).toBe("SUCCEEDED");
    } finally {
      client.stop();
      await ws.dispose();
    }
  });

  it("ids are stable: a resync keeps every chart's and version's id", async () => {
    const client = createCatalogClient(url);
    const before = await allCharts(client, registryId, 50);
    // A changed index body: the listing is read and written again, not skipped as unchanged.
    const index = readFileSync(fixturePath("helm", "argo-helm", "index.yaml"), "utf8");
    server.route("/argo/index.yaml", serveBody(`${index}\n# republished\n`));
    const run = await syncAndWait(t, registryId);
    expect(run.unchanged).toBe(false);
    const after = await allCharts(createCatalogClient(url), registryId, 50);
    expect(after.map((c) => [c.id, c.latestVersion?.id])).toEqual(
      before.map((c) => [c.id, c.latestVersion?.id]),
    );
  });
});
