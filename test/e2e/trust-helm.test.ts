import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { stringify } from "yaml";
import {
  AddHelmRegistryDocument,
  AddTrustedKeysDocument,
  RemoveTrustedKeyDocument,
  TrustedKeysDocument,
  VerifiedChartsDocument,
  VerifiedVersionsInRangeDocument,
  VersionVerificationsDocument,
  type VerificationFieldsFragment,
} from "../__generated__/graphql";
import { type Viewer } from "../../src/access/viewer";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { startHelm } from "../helpers/helm-cli";
import { FixtureServer, respond, serveBody } from "../helpers/http-fixture-server";
import { readChartYaml } from "../helpers/oci/helm-chart";
import { generatePgpKey, helmProvenance, type PgpKey, sha256Hex } from "../helpers/signing";
import { syncAndWait } from "../helpers/sync";

/**
 * Helm provenance end to end: real chart packages (../shared/fixtures/charts-diff) signed by
 * keys generated here, in Helm's provenance format (cross-checked with the real `helm verify`),
 * served beside the packages by a real HTTP repository; trust policies of two tenants and the
 * system, each status from a real signature check, a tampered package, a key rotated out.
 */

const SYSTEM_ADMIN: Viewer = { tenantId: null, role: "SYSTEM_ADMIN" };
const ADMIN_A: Viewer = { tenantId: "tenant-a", role: "TENANT_ADMIN" };
const VIEWER_A: Viewer = { tenantId: "tenant-a", role: "TENANT_VIEWER" };
const ADMIN_B: Viewer = { tenantId: "tenant-b", role: "TENANT_ADMIN" };

const pkg = (name: string) => readFileSync(fixturePath("charts-diff", name));

let t: TestGateway;
let server: FixtureServer;
let registryId: string;
let keyA: PgpKey;
let keyB: PgpKey;
/** What the repository serves: file name → bytes. */
const files = new Map<string, Buffer>();

/** argo-cd 7.5.0 signed by A, 7.4.0 by B, 7.3.0 unsigned; traefik 32.0.0 tampered; 31.1.0's .prov fails; jenkins without digest. */
async function buildRepository(): Promise<string> {
  const argo75 = pkg("argo-cd-7.5.0.tgz");
  const argo74 = pkg("argo-cd-7.4.0.tgz");
  files.set("argo-cd-7.5.0.tgz", argo75);
  files.set(
    "argo-cd-7.5.0.tgz.prov",
    Buffer.from(await helmProvenance(argo75, "argo-cd-7.5.0.tgz", keyA)),
  );
  files.set("argo-cd-7.4.0.tgz", argo74);
  files.set(
    "argo-cd-7.4.0.tgz.prov",
    Buffer.from(await helmProvenance(argo74, "argo-cd-7.4.0.tgz", keyB)),
  );
  files.set("argo-cd-7.3.0.tgz", pkg("argo-cd-7.3.0.tgz"));
  // Tampered: the provenance signs the original package; the repository serves (and indexes) another.
  const traefik = pkg("traefik-32.0.0.tgz");
  const tampered = tamper(traefik);
  files.set("traefik-32.0.0.tgz", tampered);
  files.set(
    "traefik-32.0.0.tgz.prov",
    Buffer.from(await helmProvenance(traefik, "traefik-32.0.0.tgz", keyA)),
  );
  files.set("traefik-31.1.0.tgz", pkg("traefik-31.1.0.tgz"));
  files.set("jenkins-5.0.0.tgz", pkg("jenkins-5.0.0.tgz"));
  files.set(
    "jenkins-5.0.0.tgz.prov",
    Buffer.from(await helmProvenance(pkg("jenkins-5.0.0.tgz"), "jenkins-5.0.0.tgz", keyA)),
  );

  const entries: Record<string, Record<string, unknown>[]> = {};
  for (const [file, data] of files) {
    if (!file.endsWith(".tgz")) continue;
    const chart = await readChartYaml(data);
    const name = String(chart.name);
    (entries[name] ??= []).push({
      ...chart,
      urls: [file],
      // jenkins: an index that states no digest (nothing to check a provenance file against).
      ...(name === "jenkins" ? {} : { digest: sha256Hex(data) }),
      created: "2024-06-01T00:00:00Z",
    });
  }
  for (const [file, data] of files) server.route(`/repo/${file}`, serveBody(data));
  server.route("/repo/traefik-31.1.0.tgz.prov", respond(500, "provenance store down"));
  server.route("/repo/index.yaml", serveBody(stringify({ apiVersion: "v1", entries })));
  return server.url("/repo");
}

/** The same package with one letter of its Chart.yaml description changed (still a valid chart). */
function tamper(tgz: Buffer): Buffer {
  const tar = gunzipSync(tgz);
  const at = tar.indexOf("description: ");
  if (at < 0) throw new Error("no description to tamper with");
  tar[at + "description: ".length] ^= 0x20;
  return gzipSync(tar);
}

async function verifications(viewer: Viewer, chart: string, verified?: boolean) {
  const data = await t.ok(
    VersionVerificationsDocument,
    { id: registryId, name: chart, ...(verified === undefined ? {} : { verified }) },
    viewer,
  );
  return new Map(
    data.registry!.chart!.versions.edges.map((e) => [e.node.version, e.node.verification]),
  );
}

const statusOf = (map: Map<string, VerificationFieldsFragment>) =>
  Object.fromEntries([...map].map(([version, v]) => [version, v.status]));

const provRequests = () => server.requests.filter((r) => r.path.endsWith(".prov")).length;

beforeAll(async () => {
  [keyA, keyB] = await Promise.all([generatePgpKey("Signer A"), generatePgpKey("Signer B")]);
  server = await FixtureServer.start();
  const endpoint = await buildRepository();
  t = await startTestGateway();
  const added = await t.ok(
    AddHelmRegistryDocument,
    { input: { name: "signed", endpoint, scope: "SYSTEM" } },
    SYSTEM_ADMIN,
  );
  registryId = added.addHelmRegistry.id;
  const run = await syncAndWait(t, registryId, SYSTEM_ADMIN);
  expect(run.status).toBe("SUCCEEDED");
}, 60_000);

afterAll(async () => {
  await t?.close();
  await server?.close();
});

describe("Helm provenance and trust policies", () => {
  it("writes provenance files that the real helm verifies", async () => {
    const helm = await startHelm();
    const dir = mkdtempSync(path.join(tmpdir(), "helm-verify-"));
    try {
      writeFileSync(path.join(dir, "argo-cd-7.5.0.tgz"), files.get("argo-cd-7.5.0.tgz")!);
      writeFileSync(path.join(dir, "argo-cd-7.5.0.tgz.prov"), files.get("argo-cd-7.5.0.tgz.prov")!);
      writeFileSync(path.join(dir, "a.gpg"), keyA.publicBinary);
      writeFileSync(path.join(dir, "b.gpg"), keyB.publicBinary);
      const tgz = path.join(dir, "argo-cd-7.5.0.tgz");
      await expect(
        helm.run(["verify", "--keyring", path.join(dir, "a.gpg"), tgz]),
      ).resolves.toMatch(/Signed by: Signer A/);
      await expect(
        helm.run(["verify", "--keyring", path.join(dir, "b.gpg"), tgz]),
      ).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      helm.close();
    }
  }, 60_000);

  it("reads .prov files on first request only, and answers each status without a trusted key", async () => {
    expect(provRequests()).toBe(0); // Never during sync.
    const argo = await verifications(ADMIN_A, "argo-cd");
    expect(statusOf(argo)).toEqual({
      "7.5.0": "UNTRUSTED",
      "7.4.0": "UNTRUSTED",
      "7.3.0": "UNSIGNED",
    });
    expect(argo.get("7.5.0")).toMatchObject({
      method: "HELM_PROVENANCE",
      signer: null,
      keyFingerprint: null,
      message: expect.stringContaining(keyA.fingerprint.slice(-16)),
    });
    expect(argo.get("7.5.0")!.checkedAt).not.toBeNull();
    const traefik = await verifications(ADMIN_A, "traefik");
    expect(statusOf(traefik)).toEqual({ "32.0.0": "INVALID", "31.1.0": "UNKNOWN" });
    expect(traefik.get("32.0.0")!.message).toMatch(/changed after it was signed/);
    expect(traefik.get("31.1.0")!.message).toMatch(/could not be read.*500/);
    const jenkins = await verifications(ADMIN_A, "jenkins");
    expect(jenkins.get("5.0.0")).toMatchObject({
      status: "UNKNOWN",
      message: expect.stringMatching(/no sha256 digest/),
    });

    // Cached by digest: asked again (or by another tenant), nothing is fetched but the file that failed.
    const before = provRequests();
    await verifications(ADMIN_B, "argo-cd");
    await verifications(ADMIN_A, "traefik");
    expect(provRequests()).toBe(before + 1);
    expect(server.requestsTo("/repo/traefik-31.1.0.tgz.prov")).toHaveLength(2);
  });

  it("verifies with a tenant's key, for that tenant only, and filters by it", async () => {
    const refused = await t.exec(
      AddTrustedKeysDocument,
      { input: { type: "OPENPGP", publicKey: keyA.publicArmored } },
      VIEWER_A,
    );
    expect(errorCode(refused)).toBe("FORBIDDEN");
    const added = await t.ok(
      AddTrustedKeysDocument,
      { input: { type: "OPENPGP", publicKey: keyA.publicArmored, name: "release key" } },
      ADMIN_A,
    );
    expect(added.addTrustedKeys).toEqual([
      expect.objectContaining({
        scope: "TENANT",
        type: "OPENPGP",
        fingerprint: keyA.fingerprint,
        userIds: [keyA.userId],
      }),
    ]);
    // Listed by fingerprint; the key itself is not a field.
    expect(JSON.stringify(await t.ok(TrustedKeysDocument, {}, VIEWER_A))).not.toContain(
      "BEGIN PGP",
    );

    const before = provRequests();
    const a = await verifications(ADMIN_A, "argo-cd");
    expect(a.get("7.5.0")).toMatchObject({
      status: "VERIFIED",
      signer: keyA.userId,
      keyFingerprint: keyA.fingerprint,
      message: null,
    });
    expect(a.get("7.4.0")!.status).toBe("UNTRUSTED");
    // The tampered package stays INVALID, whoever trusts the signer.
    expect((await verifications(ADMIN_A, "traefik")).get("32.0.0")!.status).toBe("INVALID");
    // Another tenant's keys decide nothing here.
    expect((await verifications(ADMIN_B, "argo-cd")).get("7.5.0")!.status).toBe("UNTRUSTED");
    // No re-sync and no new .prov request was needed (the failing one is asked again).
    expect(provRequests() - before).toBeLessThanOrEqual(1);
    expect(server.requestsTo("/repo/argo-cd-7.5.0.tgz.prov")).toHaveLength(1);

    expect([...(await verifications(ADMIN_A, "argo-cd", true)).keys()]).toEqual(["7.5.0"]);
    expect([...(await verifications(ADMIN_A, "argo-cd", false)).keys()]).toEqual([
      "7.4.0",
      "7.3.0",
    ]);
    expect([...(await verifications(ADMIN_B, "argo-cd", true)).keys()]).toEqual([]);
    const inRange = await t.ok(
      VerifiedVersionsInRangeDocument,
      { id: registryId, name: "argo-cd", range: ">= 7.4", verified: true },
      ADMIN_A,
    );
    expect(inRange.registry!.chart!.versions.edges.map((e) => e.node.version)).toEqual(["7.5.0"]);
    const charts = await t.ok(VerifiedChartsDocument, { id: registryId, verified: true }, ADMIN_A);
    expect(charts.registry!.charts.edges.map((e) => e.node.name)).toEqual(["argo-cd"]);
    expect(charts.searchCharts.edges.map((e) => e.node.name)).toEqual(["argo-cd"]);
    const others = await t.ok(VerifiedChartsDocument, { id: registryId, verified: false }, ADMIN_A);
    expect(others.registry!.charts.edges.map((e) => e.node.name)).toEqual(["jenkins", "traefik"]);
    const forB = await t.ok(VerifiedChartsDocument, { id: registryId, verified: true }, ADMIN_B);
    expect(forB.searchCharts.totalCount).toBe(0);
  });

  it("tenant B trusts its own key; A's policy does not change", async () => {
    await t.ok(
      AddTrustedKeysDocument,
      { input: { type: "OPENPGP", publicKey: keyB.publicArmored } },
      ADMIN_B,
    );
    expect(statusOf(await verifications(ADMIN_B, "argo-cd"))).toMatchObject({
      "7.5.0": "UNTRUSTED",
      "7.4.0": "VERIFIED",
    });
    expect(statusOf(await verifications(ADMIN_A, "argo-cd"))).toMatchObject({
      "7.5.0": "VERIFIED",
      "7.4.0": "UNTRUSTED",
    });
    // B cannot see, let alone remove, A's key.
    const [aKey] = (await t.ok(TrustedKeysDocument, { scope: "TENANT" }, ADMIN_A)).trustedKeys;
    expect(errorCode(await t.exec(RemoveTrustedKeyDocument, { id: aKey!.id }, ADMIN_B))).toBe(
      "NOT_FOUND",
    );
    const duplicate = await t.exec(
      AddTrustedKeysDocument,
      { input: { type: "OPENPGP", publicKey: keyB.publicArmored } },
      ADMIN_B,
    );
    expect(errorCode(duplicate)).toBe("BAD_USER_INPUT");
  });

  it("a key rotated out of the policy no longer verifies, without a re-sync", async () => {
    const runsBefore = server.requestsTo("/repo/index.yaml").length;
    const [aKey] = (await t.ok(TrustedKeysDocument, { scope: "TENANT" }, ADMIN_A)).trustedKeys;
    await t.ok(RemoveTrustedKeyDocument, { id: aKey!.id }, ADMIN_A);
    expect((await verifications(ADMIN_A, "argo-cd")).get("7.5.0")!.status).toBe("UNTRUSTED");
    expect([...(await verifications(ADMIN_A, "argo-cd", true)).keys()]).toEqual([]);
    expect(server.requestsTo("/repo/index.yaml")).toHaveLength(runsBefore);
  });

  it("a system key is trusted by every tenant; only a system admin adds it", async () => {
    const refused = await t.exec(
      AddTrustedKeysDocument,
      { input: { scope: "SYSTEM", type: "OPENPGP", publicKey: keyA.publicArmored } },
      ADMIN_A,
    );
    expect(errorCode(refused)).toBe("FORBIDDEN");
    await t.ok(
      AddTrustedKeysDocument,
      { input: { scope: "SYSTEM", type: "OPENPGP", publicKey: keyA.publicArmored } },
      SYSTEM_ADMIN,
    );
    expect((await verifications(ADMIN_A, "argo-cd")).get("7.5.0")!.status).toBe("VERIFIED");
    expect((await verifications(ADMIN_B, "argo-cd")).get("7.5.0")!.status).toBe("VERIFIED");
    const listed = (await t.ok(TrustedKeysDocument, {}, VIEWER_A)).trustedKeys;
    expect(listed.map((k) => [k.scope, k.fingerprint])).toEqual([["SYSTEM", keyA.fingerprint]]);
  });

  it("a re-sync of the unchanged repository fetches no provenance file", async () => {
    const before = provRequests();
    const run = await syncAndWait(t, registryId, SYSTEM_ADMIN);
    expect(run.status).toBe("SUCCEEDED");
    expect(provRequests()).toBe(before);
    expect((await verifications(ADMIN_B, "argo-cd")).get("7.5.0")!.status).toBe("VERIFIED");
    expect(server.requestsTo("/repo/argo-cd-7.5.0.tgz.prov")).toHaveLength(1);
  });

  it("refuses what is not a public key, with a typed error, storing nothing", async () => {
    const before = (await t.ok(TrustedKeysDocument, {}, ADMIN_A)).trustedKeys.length;
    for (const publicKey of ["not a key", keyA.privateKey.armor()]) {
      const result = await t.exec(
        AddTrustedKeysDocument,
        { input: { type: "OPENPGP", publicKey } },
        ADMIN_A,
      );
      expect(errorCode(result)).toBe("BAD_USER_INPUT");
      expect(JSON.stringify(result.errors)).not.toContain("PRIVATE KEY BLOCK-----\n");
    }
    const cosign = await t.exec(
      AddTrustedKeysDocument,
      { input: { type: "COSIGN", publicKey: keyA.publicArmored } },
      ADMIN_A,
    );
    expect(errorCode(cosign)).toBe("BAD_USER_INPUT");
    expect((await t.ok(TrustedKeysDocument, {}, ADMIN_A)).trustedKeys).toHaveLength(before);
  });
});

describe("provenance files within the live-call budget", () => {
  let small: TestGateway;
  let id: string;

  beforeAll(async () => {
    small = await startTestGateway({ MAX_REGISTRY_CALLS_PER_OPERATION: "1" });
    const added = await small.ok(AddHelmRegistryDocument, {
      input: { name: "budget", endpoint: server.url("/repo") },
    });
    id = added.addHelmRegistry.id;
    expect((await syncAndWait(small, id)).status).toBe("SUCCEEDED");
  }, 30_000);

  afterAll(async () => {
    await small?.close();
  });

  it("reads one file per operation; the others are UNKNOWN until a later operation reads them", async () => {
    const ask = async () => {
      const data = await small.ok(VersionVerificationsDocument, { id, name: "argo-cd" });
      return data.registry!.chart!.versions.edges.map((e) => e.node.verification);
    };
    const first = await ask();
    expect(first.filter((v) => v.status === "UNKNOWN")).toHaveLength(2);
    expect(first.find((v) => v.status === "UNKNOWN")!.message).toMatch(
      /^Not checked: .*MAX_REGISTRY_CALLS_PER_OPERATION/,
    );
    await ask();
    const third = await ask();
    expect(third.map((v) => v.status)).toEqual(["UNTRUSTED", "UNTRUSTED", "UNSIGNED"]);
  });
});
