import { createHash, createPublicKey } from "node:crypto";
import {
  AddOciRegistryDocument,
  AddTrustedKeysDocument,
  RemoveTrustedKeyDocument,
  VersionVerificationsDocument,
} from "../__generated__/graphql";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { COSIGN_ARTIFACT_TYPE } from "../../src/providers/signatures/cosign";
import {
  buildChartTgz,
  pushArtifact,
  pushHelmChart,
  type PushedArtifact,
} from "../helpers/oci/push";
import { ReferrersFront } from "../helpers/oci/referrers-front";
import { startOciRegistry, type OciRegistryServer } from "../helpers/oci/registry";
import {
  cosignSignature,
  generateCosignKey,
  pushCosignSignature,
  simpleSigningPayload,
  type CosignKey,
} from "../helpers/signing";
import { syncAndWait } from "../helpers/sync";

/**
 * cosign signatures end to end on a real registry (CNCF distribution): signatures built by the
 * test in cosign's format (simple-signing payload, signature annotation, `sha256-<hex>.sig`
 * tag), keys ECDSA P-256 and Ed25519 generated here; read during sync, cached by digest, judged
 * against the tenant's trust policy at read time.
 */

let t: TestGateway;
let registry: OciRegistryServer;
let registryId: string;
const pushed = new Map<string, PushedArtifact>();
let p256: CosignKey;
let ed25519: CosignKey;
let rogue: CosignKey;

const fingerprintOf = (key: CosignKey) =>
  createHash("sha256")
    .update(createPublicKey(key.publicPem).export({ type: "spki", format: "der" }))
    .digest("hex");

async function verifications(verified?: boolean) {
  const data = await t.ok(VersionVerificationsDocument, {
    id: registryId,
    name: "signed",
    ...(verified === undefined ? {} : { verified }),
  });
  return new Map(
    data.registry!.chart!.versions.edges.map((e) => [e.node.version, e.node.verification]),
  );
}

async function statuses(): Promise<Record<string, string>> {
  return Object.fromEntries([...(await verifications())].map(([v, x]) => [v, x.status]));
}

/** Requests for signatures: the referrers API and the `.sig` tags. */
function signatureRequests(): string[] {
  return registry
    .requests()
    .map((r) => `${r.method} ${r.path}`)
    .filter((line) => /referrers|\.sig|simplesigning/.test(line) || line.includes("sha256-"));
}

beforeAll(async () => {
  registry = await startOciRegistry();
  p256 = generateCosignKey("ecdsa-p256");
  ed25519 = generateCosignKey("ed25519");
  rogue = generateCosignKey("ecdsa-p256");
  for (const version of ["1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.4.0"]) {
    const chart = await buildChartTgz({ name: "signed", version });
    pushed.set(version, await pushHelmChart(registry, { repository: "charts/signed", chart }));
  }
  const digest = (version: string) => pushed.get(version)!.manifestDigest;
  await pushCosignSignature(registry, "charts/signed", digest("1.0.0"), [p256]);
  await pushCosignSignature(registry, "charts/signed", digest("1.1.0"), [ed25519]);
  // 1.3.0's signature tag holds a (valid) signature of another artifact: not this one's.
  await pushCosignSignature(registry, "charts/signed", digest("1.3.0"), [p256], {
    payloadDigest: digest("1.0.0"),
  });
  await pushCosignSignature(registry, "charts/signed", digest("1.4.0"), [rogue]);
  t = await startTestGateway();
  const added = await t.ok(AddOciRegistryDocument, {
    input: { name: "cosigned", endpoint: registry.url, baseContentPaths: ["charts"] },
  });
  registryId = added.addOciRegistry.id;
  registry.resetRequests();
  const run = await syncAndWait(t, registryId);
  expect(run.status).toBe("SUCCEEDED");
}, 60_000);

afterAll(async () => {
  await t?.close();
  await registry?.stop();
});

describe("cosign signatures and trust policies", () => {
  it("reads signatures during sync; signature tags are not versions", async () => {
    const lines = signatureRequests();
    // The referrers API once (this registry answers 404: not supported), then each .sig tag.
    expect(lines.filter((l) => l.includes("/referrers/"))).toHaveLength(1);
    for (const version of ["1.0.0", "1.1.0", "1.3.0", "1.4.0"]) {
      const tag = `${pushed.get(version)!.manifestDigest.replace(":", "-")}.sig`;
      expect(lines.some((l) => l.includes(tag))).toBe(true);
    }
    const unsignedTag = `${pushed.get("1.2.0")!.manifestDigest.replace(":", "-")}.sig`;
    expect(lines.some((l) => l.includes(unsignedTag))).toBe(false);
    expect([...(await verifications()).keys()]).toEqual([
      "1.4.0",
      "1.3.0",
      "1.2.0",
      "1.1.0",
      "1.0.0",
    ]);
  });

  it("answers each status from the signatures, with no key trusted yet", async () => {
    const before = registry.requests().length;
    const found = await verifications();
    expect(Object.fromEntries([...found].map(([v, x]) => [v, x.status]))).toEqual({
      "1.4.0": "UNTRUSTED",
      "1.3.0": "INVALID",
      "1.2.0": "UNSIGNED",
      "1.1.0": "UNTRUSTED",
      "1.0.0": "UNTRUSTED",
    });
    expect(found.get("1.3.0")!.message).toContain(`is for ${pushed.get("1.0.0")!.manifestDigest}`);
    expect(found.get("1.0.0")).toMatchObject({ method: "COSIGN", keyFingerprint: null });
    // Read time costs no registry request.
    expect(registry.requests().length).toBe(before);
  });

  it("verifies with the tenant's P-256 and Ed25519 keys, without a re-sync, and filters by them", async () => {
    const added = await t.ok(AddTrustedKeysDocument, {
      input: { type: "COSIGN", publicKey: p256.publicPem, name: "release (p256)" },
    });
    expect(added.addTrustedKeys[0]).toMatchObject({
      algorithm: "ecdsa-p256",
      fingerprint: fingerprintOf(p256),
      name: "release (p256)",
    });
    const ed = await t.ok(AddTrustedKeysDocument, {
      input: { type: "COSIGN", publicKey: ed25519.publicPem, name: "release (ed25519)" },
    });
    expect(ed.addTrustedKeys[0]!.algorithm).toBe("ed25519");
    const found = await verifications();
    expect(found.get("1.0.0")).toMatchObject({
      status: "VERIFIED",
      signer: "release (p256)",
      keyFingerprint: fingerprintOf(p256),
      message: null,
    });
    expect(found.get("1.1.0")).toMatchObject({
      status: "VERIFIED",
      keyFingerprint: fingerprintOf(ed25519),
    });
    // A trusted key's valid signature of another artifact does not verify this one.
    expect(found.get("1.3.0")!.status).toBe("INVALID");
    expect(found.get("1.4.0")!.status).toBe("UNTRUSTED");
    expect([...(await verifications(true)).keys()]).toEqual(["1.1.0", "1.0.0"]);
    expect([...(await verifications(false)).keys()]).toEqual(["1.4.0", "1.3.0", "1.2.0"]);
  });

  it("re-syncs unchanged, already-checked versions without any signature request", async () => {
    registry.resetRequests();
    const run = await syncAndWait(t, registryId);
    expect(run.status).toBe("SUCCEEDED");
    expect(signatureRequests()).toEqual([]);
  });

  it("picks up a signature added later at the next sync", async () => {
    await pushCosignSignature(registry, "charts/signed", pushed.get("1.2.0")!.manifestDigest, [
      ed25519,
    ]);
    registry.resetRequests();
    await syncAndWait(t, registryId);
    expect(signatureRequests().length).toBeGreaterThan(0);
    expect((await statuses())["1.2.0"]).toBe("VERIFIED");
  });

  it("a key rotated out no longer verifies, at once", async () => {
    const data = await t.ok(AddTrustedKeysDocument, {
      input: { type: "COSIGN", publicKey: rogue.publicPem },
    });
    expect((await statuses())["1.4.0"]).toBe("VERIFIED");
    await t.ok(RemoveTrustedKeyDocument, { id: data.addTrustedKeys[0]!.id });
    expect(await statuses()).toEqual({
      "1.4.0": "UNTRUSTED",
      "1.3.0": "INVALID",
      "1.2.0": "VERIFIED",
      "1.1.0": "VERIFIED",
      "1.0.0": "VERIFIED",
    });
  });

  it("another tenant's policy is its own", async () => {
    // Tenant B does not see this tenant's registry, nor its keys.
    const other = { tenantId: "tenant-b", role: "TENANT_ADMIN" as const };
    const seen = await t.exec(
      VersionVerificationsDocument,
      { id: registryId, name: "signed" },
      other,
    );
    expect(seen.data?.registry ?? null).toBeNull();
  });
});

describe("cosign signatures found through the OCI 1.1 referrers API", () => {
  let front: ReferrersFront;
  let frontRegistryId: string;
  let subject: PushedArtifact;

  beforeAll(async () => {
    const chart = await buildChartTgz({ name: "referred", version: "2.0.0" });
    subject = await pushHelmChart(registry, { repository: "charts/referred", chart });
    // cosign's OCI 1.1 form: a manifest of artifact type `application/vnd.dev.cosign.artifact.sig.v1+json`
    // holding the simple-signing layer. Tagged `.att` so that no tag makes it a version or a `.sig`.
    const payload = simpleSigningPayload(
      `${registry.host}/charts/referred`,
      subject.manifestDigest,
    );
    const signature = await pushArtifact(
      registry,
      "charts/referred",
      `${subject.manifestDigest.replace(":", "-")}.att`,
      {
        artifactType: COSIGN_ARTIFACT_TYPE,
        config: { mediaType: "application/vnd.oci.empty.v1+json", data: Buffer.from("{}") },
        layers: [
          {
            mediaType: "application/vnd.dev.cosign.simplesigning.v1+json",
            data: payload,
            annotations: { "dev.cosignproject.cosign/signature": cosignSignature(payload, p256) },
          },
        ],
      },
    );
    front = await ReferrersFront.start(registry.url);
    front.add("charts/referred", subject.manifestDigest, {
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      digest: signature.manifestDigest,
      size: signature.manifest.length,
      artifactType: COSIGN_ARTIFACT_TYPE,
    });
    const added = await t.ok(AddOciRegistryDocument, {
      input: {
        name: "referrers",
        endpoint: front.url,
        baseContentPaths: ["charts"],
        repositories: ["charts/referred"],
      },
    });
    frontRegistryId = added.addOciRegistry.id;
  });

  afterAll(async () => {
    await front?.close();
  });

  it("verifies a signature listed only by the referrers API", async () => {
    const run = await syncAndWait(t, frontRegistryId);
    expect(run.status).toBe("SUCCEEDED");
    expect(front.asked).toEqual([`charts/referred@${subject.manifestDigest}`]);
    const data = await t.ok(VersionVerificationsDocument, {
      id: frontRegistryId,
      name: "referred",
    });
    const [node] = data.registry!.chart!.versions.edges.map((e) => e.node);
    expect(node!.version).toBe("2.0.0");
    // p256's key was added to this tenant's policy above (and not rotated out).
    expect(node!.verification).toMatchObject({
      status: "VERIFIED",
      method: "COSIGN",
      keyFingerprint: fingerprintOf(p256),
    });
    // Cached by digest: the next sync asks nothing.
    await syncAndWait(t, frontRegistryId);
    expect(front.asked).toHaveLength(1);
  });
});
