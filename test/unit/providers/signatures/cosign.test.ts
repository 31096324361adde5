import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import {
  digestOfSignatureTag,
  isCosignTag,
  payloadProblem,
  signatureTag,
  verifyCosign,
} from "../../../../src/providers/signatures/cosign";
import { KeyInputError, parseTrustedKeys } from "../../../../src/providers/signatures/trust-keys";
import {
  cosignSignature,
  generateCosignKey,
  generatePgpKey,
  simpleSigningPayload,
} from "../../../helpers/signing";

const digest = `sha256:${"ab".repeat(32)}`;

describe("cosign signatures", () => {
  it("names signature tags as cosign does, and tells them from versions", () => {
    expect(signatureTag(digest)).toBe(`sha256-${"ab".repeat(32)}.sig`);
    expect(digestOfSignatureTag(signatureTag(digest))).toBe(digest);
    expect(digestOfSignatureTag(`sha256-${"ab".repeat(32)}.att`)).toBeNull();
    expect(isCosignTag(`sha256-${"ab".repeat(32)}.sbom`)).toBe(true);
    expect(isCosignTag("1.2.3")).toBe(false);
  });

  it("checks that a payload names exactly the artifact's digest", () => {
    expect(payloadProblem(simpleSigningPayload("r/x", digest), digest)).toBeNull();
    expect(
      payloadProblem(simpleSigningPayload("r/x", digest), `sha256:${"cd".repeat(32)}`),
    ).toMatch(/is for sha256:abab/);
    expect(payloadProblem(Buffer.from("{}"), digest)).toMatch(/names no/);
    expect(payloadProblem(Buffer.from("not json"), digest)).toMatch(/not JSON/);
  });

  it.each(["ecdsa-p256", "ed25519"] as const)(
    "verifies %s signatures with the signer's key only",
    (algorithm) => {
      const key = generateCosignKey(algorithm);
      const other = generateCosignKey(algorithm);
      const payload = simpleSigningPayload("r/x", digest);
      const signature = cosignSignature(payload, key);
      expect(verifyCosign(payload, signature, key.publicPem)).toBe(true);
      expect(verifyCosign(payload, signature, other.publicPem)).toBe(false);
      const changed = simpleSigningPayload("r/x", `sha256:${"cd".repeat(32)}`);
      expect(verifyCosign(changed, signature, key.publicPem)).toBe(false);
      expect(verifyCosign(payload, "bm90IGEgc2lnbmF0dXJl", key.publicPem)).toBe(false);
    },
  );
});

describe("trusted keys", () => {
  it("reads cosign keys, fingerprinted by the sha256 of their SubjectPublicKeyInfo", async () => {
    const key = generateCosignKey("ecdsa-p256");
    const [parsed] = await parseTrustedKeys("COSIGN", key.publicPem);
    const der = createPublicKey(key.publicPem).export({ type: "spki", format: "der" });
    expect(parsed).toMatchObject({
      type: "COSIGN",
      algorithm: "ecdsa-p256",
      fingerprint: createHash("sha256").update(der).digest("hex"),
    });
  });

  it("refuses private keys, RSA cosign keys and text that is no key", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const cases: [Parameters<typeof parseTrustedKeys>[0], string][] = [
      ["COSIGN", rsa.publicKey.export({ type: "spki", format: "pem" }).toString()],
      ["COSIGN", rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString()],
      ["COSIGN", "hello"],
      ["OPENPGP", "hello"],
      ["OPENPGP", (await generatePgpKey("Private")).privateKey.armor()],
    ];
    for (const [type, text] of cases) {
      await expect(parseTrustedKeys(type, text)).rejects.toBeInstanceOf(KeyInputError);
    }
  });

  it("adds each key of an OpenPGP keyring", async () => {
    const [a, b] = await Promise.all([generatePgpKey("A"), generatePgpKey("B")]);
    const keyring = a.publicArmored + "\n" + b.publicArmored;
    const parsed = await parseTrustedKeys("OPENPGP", keyring);
    expect(parsed.map((k) => k.fingerprint)).toEqual([a.fingerprint, b.fingerprint]);
    expect(parsed[0]!.userIds).toEqual([a.userId]);
    expect(parsed[0]!.keyIds).toHaveLength(2); // The primary key and its encryption subkey.
  });
});
