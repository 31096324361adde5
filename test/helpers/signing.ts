import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { stringify } from "yaml";
import { openpgp, type OpenPgp } from "../../src/providers/signatures/openpgp";
import { readChartYaml } from "./oci/helm-chart";
import { pushArtifact, type PushedArtifact } from "./oci/push";
import { type OciRegistryServer } from "./oci/registry";

/**
 * Keys and signatures made by the tests, in the public formats the gateway checks: Helm
 * provenance files (an OpenPGP clear-signed Chart.yaml, `...`, and `files:` with the package's
 * sha256, as Helm's `pkg/provenance` writes them) and cosign signatures (simple-signing payload,
 * the signature in the layer annotation, pushed under the `sha256-<hex>.sig` tag).
 */

export interface PgpKey {
  privateKey: OpenPgp.PrivateKey;
  /** Armored public key (what an admin pastes into the trust policy). */
  publicArmored: string;
  /** The public key in binary (a keyring file Helm's `--keyring` reads). */
  publicBinary: Uint8Array;
  fingerprint: string;
  userId: string;
}

/** A fresh OpenPGP key (Curve25519, as `gpg --quick-gen-key` makes by default). */
export async function generatePgpKey(name: string): Promise<PgpKey> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@signing.test`;
  const { privateKey, publicKey } = await openpgp.generateKey({
    userIDs: [{ name, email }],
    format: "object",
  });
  return {
    privateKey,
    publicArmored: publicKey.armor(),
    publicBinary: publicKey.write(),
    fingerprint: publicKey.getFingerprint().toLowerCase(),
    userId: `${name} <${email}>`,
  };
}

/** sha256 (hex) of bytes. */
export function sha256Hex(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * The provenance file of a chart package, as `helm package --sign` writes it: the package's
 * Chart.yaml, `...`, then `files:` naming `fileName` with the package's sha256, clear-signed.
 */
export async function helmProvenance(
  tgz: Buffer,
  fileName: string,
  key: PgpKey,
  options: { digestOf?: Buffer } = {},
): Promise<string> {
  const chartYaml = await readChartYaml(tgz);
  const body =
    stringify(chartYaml) +
    "\n...\n" +
    stringify({ files: { [fileName]: `sha256:${sha256Hex(options.digestOf ?? tgz)}` } });
  const message = await openpgp.createCleartextMessage({ text: body });
  return openpgp.sign({ message, signingKeys: key.privateKey });
}

/** A cosign key pair: ECDSA P-256 (cosign's default) or Ed25519. */
export interface CosignKey {
  privateKey: KeyObject;
  /** PEM public key (cosign.pub). */
  publicPem: string;
  algorithm: "ecdsa-p256" | "ed25519";
}

export function generateCosignKey(algorithm: "ecdsa-p256" | "ed25519"): CosignKey {
  const pair =
    algorithm === "ed25519"
      ? generateKeyPairSync("ed25519")
      : generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return {
    privateKey: pair.privateKey,
    publicPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
    algorithm,
  };
}

/** cosign's simple-signing payload for a manifest digest (as `cosign sign` writes it). */
export function simpleSigningPayload(repository: string, digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { "docker-reference": repository },
        image: { "docker-manifest-digest": digest },
        type: "cosign container image signature",
      },
      optional: null,
    }),
  );
}

/** The base64 signature of a payload with a cosign key. */
export function cosignSignature(payload: Buffer, key: CosignKey): string {
  const signature =
    key.algorithm === "ed25519"
      ? sign(null, payload, key.privateKey)
      : sign("sha256", payload, key.privateKey);
  return signature.toString("base64");
}

/**
 * Pushes a cosign signature of `digest` in `repository` under the `sha256-<hex>.sig` tag: one
 * simple-signing layer per signature, as cosign does (a second signature adds a layer).
 * `payloadDigest` signs another digest than the tag names (an invalid signature).
 */
export async function pushCosignSignature(
  registry: OciRegistryServer,
  repository: string,
  digest: string,
  keys: CosignKey[],
  options: { payloadDigest?: string } = {},
): Promise<PushedArtifact> {
  const payload = simpleSigningPayload(
    `${registry.host}/${repository}`,
    options.payloadDigest ?? digest,
  );
  return pushArtifact(registry, repository, `${digest.replace(":", "-")}.sig`, {
    config: { mediaType: "application/vnd.oci.image.config.v1+json", data: {} },
    layers: keys.map((key) => ({
      mediaType: "application/vnd.dev.cosign.simplesigning.v1+json",
      data: payload,
      annotations: { "dev.cosignproject.cosign/signature": cosignSignature(payload, key) },
    })),
  });
}
