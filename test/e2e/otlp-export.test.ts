import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startGatewayProcess, type GatewayProcess } from "../helpers/gateway-process";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

/** An OTLP/HTTP receiver: a real server that keeps every export it is sent. */
async function startReceiver(): Promise<{ server: FixtureServer; exports: OtlpExport[] }> {
  const exports: OtlpExport[] = [];
  const server = await FixtureServer.start();
  server.route("/v1/traces", async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    expect(req.headers["content-type"]).toMatch(/application\/json/);
    exports.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as OtlpExport);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  return { server, exports };
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value ? Object.values(value)[0] : undefined;
};

describe("traces exported over OTLP/HTTP as the OTEL_* variables say", () => {
  let gateway: GatewayProcess;
  let receiver: { server: FixtureServer; exports: OtlpExport[] };
  let registry: FixtureServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "otlp-"));
    receiver = await startReceiver();
    registry = await FixtureServer.start();
    registry.route(
      "/charts/index.yaml",
      serveBody(readFileSync(path.resolve(__dirname, "../../examples/helm-repo/index.yaml"))),
    );
    gateway = await startGatewayProcess({
      DATABASE_URL: `sqlite:${path.join(dir, "gateway.sqlite")}`,
      SYNC_SCHEDULE: "false",
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.server.origin,
      OTEL_SERVICE_NAME: "gateway-under-test",
      OTEL_BSP_SCHEDULE_DELAY: "100",
    });
  });

  afterAll(async () => {
    gateway?.child.kill("SIGTERM");
    await gateway?.exited;
    await receiver?.server.close();
    await registry?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("exports the operation's spans in the caller's trace, and a sync run's", async () => {
    const traceId = "0af7651916cd43dd8448eb211c80319c";
    const post = (query: string, variables: Record<string, unknown> = {}) =>
      fetch(`${gateway.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          traceparent: `00-${traceId}-b7ad6b7169203331-01`,
        },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data: Record<string, { id: string }> }>);
    const added = await post(
      `mutation AddTraced($endpoint: String!) { addHelmRegistry(input: { name: "traced", endpoint: $endpoint }) { id } }`,
      { endpoint: registry.url("/charts") },
    );
    await post(`mutation SyncTraced($id: ID!) { syncRegistry(id: $id) { id } }`, {
      id: added.data.addHelmRegistry.id,
    });

    const spans = () =>
      receiver.exports
        .flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans))
        .flatMap((s) => s.spans);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !spans().some((s) => s.name === "sync run")) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const all = spans();
    const service = receiver.exports[0].resourceSpans[0].resource.attributes.find(
      (a) => a.key === "service.name",
    );
    expect(service?.value.stringValue).toBe("gateway-under-test");

    const add = all.find((s) => s.name === "mutation AddTraced")!;
    expect(add).toBeDefined();
    expect(add.traceId).toBe(traceId);
    expect(attribute(add, "graphql.operation.type")).toBe("mutation");
    const server = all.find((s) => s.spanId === add.parentSpanId)!;
    expect(server.name).toBe("POST /graphql");
    expect(server.parentSpanId).toBe("b7ad6b7169203331");

    const run = all.find((s) => s.name === "sync run")!;
    expect(run).toBeDefined();
    expect(attribute(run, "sync.status")).toBe("SUCCEEDED");
    const children = all.filter((s) => s.parentSpanId === run.spanId);
    expect(children.map((s) => s.name)).toEqual(expect.arrayContaining(["sync FETCHING", "GET"]));
  });
});
