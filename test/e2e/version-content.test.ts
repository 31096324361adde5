import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { stringify as toYaml } from "yaml";
import { AddHelmRegistryDocument, VersionContentDocument } from "../__generated__/graphql";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, respond, serveBody } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";

const PACKAGE = path.resolve(__dirname, "../../examples/helm-repo/kubernetes-dashboard-6.0.8.tgz");

/** A file of the package as GNU tar reads it: an independent reading to compare against. */
function tarRead(file: string): string {
  return execFileSync("tar", ["-xzOf", PACKAGE, file], { encoding: "utf8" });
}

describe("values, README and schema of a Helm chart version", () => {
  let t: TestGateway;
  let server: FixtureServer;
  let registryId: string;
  const tgz = readFileSync(PACKAGE);
  const digest = createHash("sha256").update(tgz).digest("hex");

  beforeAll(async () => {
    t = await startTestGateway();
    server = await FixtureServer.start();
    const entry = (version: string, extra: Record<string, unknown>) => ({
      apiVersion: "v2",
      name: "kubernetes-dashboard",
      version,
      created: "2023-05-19T13:49:12Z",
      ...extra,
    });
    const index = {
      apiVersion: "v1",
      entries: {
        "kubernetes-dashboard": [
          entry("6.0.8", { digest, urls: ["kubernetes-dashboard-6.0.8.tgz"] }),
          entry("6.0.7", { digest: "0".repeat(64), urls: ["gone-6.0.7.tgz"] }),
          entry("6.0.6", { digest: "1".repeat(64), urls: ["kubernetes-dashboard-6.0.8.tgz"] }),
        ],
      },
    };
    server.route("/charts/index.yaml", serveBody(toYaml(index)));
    server.route("/charts/kubernetes-dashboard-6.0.8.tgz", serveBody(tgz));
    server.route("/charts/gone-6.0.7.tgz", respond(404, "not found"));
    const added = await t.ok(AddHelmRegistryDocument, {
      input: { name: "dashboard", endpoint: server.url("/charts") },
    });
    registryId = added.addHelmRegistry.id;
    expect((await syncAndWait(t, registryId)).status).toBe("SUCCEEDED");
  });

  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  it("reads them from the package on first request, then from the cache", async () => {
    const first = await t.ok(VersionContentDocument, {
      id: registryId,
      name: "kubernetes-dashboard",
      range: "6.0.8",
    });
    const node = first.registry!.chart!.versions.edges[0].node;
    expect(node.values).toBe(tarRead("kubernetes-dashboard/values.yaml"));
    expect(node.readme).toBe(tarRead("kubernetes-dashboard/README.md"));
    expect(node.valuesSchema).toBeNull();
    expect(server.requestsTo("/charts/kubernetes-dashboard-6.0.8.tgz")).toHaveLength(1);

    const again = await t.ok(VersionContentDocument, {
      id: registryId,
      name: "kubernetes-dashboard",
      range: "6.0.8",
    });
    expect(again).toEqual(first);
    expect(server.requestsTo("/charts/kubernetes-dashboard-6.0.8.tgz")).toHaveLength(1);
  });

  it("answers CONTENT_UNAVAILABLE with the registry's reason when the package is gone or does not match its digest", async () => {
    const gone = await t.exec(VersionContentDocument, {
      id: registryId,
      name: "kubernetes-dashboard",
      range: "6.0.7",
    });
    expect(errorCode(gone)).toBe("CONTENT_UNAVAILABLE");
    expect(gone.errors?.[0]?.extensions?.reason).toBe("NOT_FOUND");
    const mismatch = await t.exec(VersionContentDocument, {
      id: registryId,
      name: "kubernetes-dashboard",
      range: "6.0.6",
    });
    expect(errorCode(mismatch)).toBe("CONTENT_UNAVAILABLE");
    expect(mismatch.errors?.[0]?.message).toMatch(/digest/i);
    // The other fields of the version are still served.
    expect(mismatch.data?.registry?.chart?.versions.edges[0].node.version).toBe("6.0.6");
  });
});
