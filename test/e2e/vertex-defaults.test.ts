import { type TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import { AddHelmRegistryDocument } from "../__generated__/graphql";
import { DEFAULT_VIEWER, type Viewer } from "../../src/access/viewer";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";

/**
 * Issue 18, point 13: Palette VerteX ships one default registry, the FIPS one. With
 * PALETTE_EDITION=vertex the gateway seeds only the entries of the defaults file marked
 * `fips: true`; any other registry is added explicitly, system-wide by a system admin; every
 * registry says whether it is the FIPS one.
 */
type Vars = Record<string, unknown>;
const REGISTRIES = parse(
  "{ registries(first: 100) { edges { node { name isDefault fips scope } } } }",
) as unknown as TypedDocumentNode<
  {
    registries: {
      edges: { node: { name: string; isDefault: boolean; fips: boolean; scope: string } }[];
    };
  },
  Vars
>;
const SYSTEM_ADMIN: Viewer = { tenantId: null, role: "SYSTEM_ADMIN" };

let server: FixtureServer;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  server = await FixtureServer.start();
  server.route(
    "/extra/index.yaml",
    serveBody(
      "apiVersion: v1\nentries:\n  demo:\n  - name: demo\n    version: 1.0.0\n    urls: [demo-1.0.0.tgz]\n",
    ),
  );
});

afterAll(async () => {
  for (const g of gateways) await g.close();
  await server?.close();
});

async function gateway(env: Record<string, string>): Promise<TestGateway> {
  const g = await startTestGateway({ SEED_DEFAULT_REGISTRIES: "true", ...env });
  gateways.push(g);
  return g;
}

describe("13. Palette VerteX defaults", () => {
  it("PALETTE_EDITION=vertex seeds the FIPS registry only, and it says it is the FIPS one", async () => {
    const t = await gateway({ PALETTE_EDITION: "vertex" });
    const { registries } = await t.ok(REGISTRIES, {}, SYSTEM_ADMIN);
    expect(registries.edges.map((e) => e.node)).toEqual([
      { name: "Palette Registry FIPS", isDefault: true, fips: true, scope: "SYSTEM" },
    ]);
  });

  it("a non-FIPS registry is added explicitly by a system admin, system-wide, and is not FIPS", async () => {
    const t = await gateway({ PALETTE_EDITION: "vertex" });
    const input = {
      name: "Bitnami mirror",
      endpoint: server.url("/extra"),
      scope: "SYSTEM" as const,
    };
    // A tenant admin may not add a system registry.
    expect(errorCode(await t.exec(AddHelmRegistryDocument, { input }, DEFAULT_VIEWER))).toBe(
      "FORBIDDEN",
    );
    await t.ok(AddHelmRegistryDocument, { input }, SYSTEM_ADMIN);
    const { registries } = await t.ok(REGISTRIES, {}, DEFAULT_VIEWER);
    expect(registries.edges.map((e) => e.node)).toEqual([
      { name: "Bitnami mirror", isDefault: false, fips: false, scope: "SYSTEM" },
      { name: "Palette Registry FIPS", isDefault: true, fips: true, scope: "SYSTEM" },
    ]);
  });

  it("Palette (the default edition) seeds every default; only the FIPS one says fips", async () => {
    const t = await gateway({});
    const { registries } = await t.ok(REGISTRIES, {}, SYSTEM_ADMIN);
    const seeded = registries.edges.map((e) => e.node);
    expect(seeded.length).toBeGreaterThan(1);
    expect(seeded.filter((r) => r.fips).map((r) => r.name)).toEqual(["Palette Registry FIPS"]);
  });

  it("refuses an unknown edition at start-up, naming the setting", async () => {
    await expect(startTestGateway({ PALETTE_EDITION: "enterprise" })).rejects.toThrow(
      /PALETTE_EDITION/,
    );
  });
});
