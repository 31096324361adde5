import { createPublicKey, verify as verifySignature } from "node:crypto";
import { cosignAlgorithm } from "./trust-keys";

/**
 * cosign's signature format (sigstore/cosign, `specs/SIGNATURE_SPEC.md`): a signature is an OCI
 * manifest whose layers are simple-signing payloads (media type
 * `application/vnd.dev.cosign.simplesigning.v1+json`), each with its base64 signature in the
 * annotation `dev.cosignproject.cosign/signature`. It is found by the tag `sha256-<hex>.sig` in
 * the artifact's repository, or (OCI 1.1) as a referrer of the artifact. The payload names the
 * signed manifest digest in `critical.image.docker-manifest-digest`.
 */

export const SIMPLE_SIGNING_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
export const SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
/** The artifact type of a cosign signature pushed as an OCI 1.1 referrer. */
export const COSIGN_ARTIFACT_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";
/** Largest simple-signing payload read (they are a few hundred bytes). */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Most signatures read per artifact. */
export const MAX_SIGNATURES = 16;

/** The tag cosign stores an artifact's signatures under: `sha256-<hex>.sig`. */
export function signatureTag(digest: string): string {
  return `${digest.replace(":", "-")}.sig`;
}

/** The manifest digest a signature tag names (`sha256-<hex>.sig` → `sha256:<hex>`), else null. */
export function digestOfSignatureTag(tag: string): string | null {
  const match = /^sha256-([0-9a-f]{64})\.(sig|att|sbom)$/.exec(tag);
  return match && match[2] === "sig" ? `sha256:${match[1]}` : null;
}

/** True for cosign's companion tags (`.sig`, `.att`, `.sbom`): never versions. */
export function isCosignTag(tag: string): boolean {
  return /^sha256-[0-9a-f]{64}\.(sig|att|sbom)$/.test(tag);
}

/**
 * Why a payload does not sign `digest` (not a simple-signing document, another digest), or null
 * when it names exactly `digest`.
 */
export function payloadProblem(payload: Buffer, digest: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString("utf8"));
  } catch {
    return "The signature's payload is not JSON (not a simple-signing document).";
  }
  const critical = (json as { critical?: { type?: unknown; image?: Record<string, unknown> } })
    ?.critical;
  const signed = critical?.image?.["docker-manifest-digest"];
  if (typeof signed !== "string") {
    return "The signature's payload names no `critical.image.docker-manifest-digest`.";
  }
  if (signed !== digest) {
    return `The signature is for ${signed}, not for this artifact (${digest}).`;
  }
  return null;
}

/** True when `signature` (base64) over `payload` verifies with the PEM public key. */
export function verifyCosign(payload: Buffer, signature: string, publicKeyPem: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    const algorithm = cosignAlgorithm(key);
    if (!algorithm) return false;
    const bytes = Buffer.from(signature, "base64");
    // ECDSA: an ASN.1 DER signature over the SHA-256 of the payload; Ed25519: over the payload.
    return verifySignature(algorithm === "ed25519" ? null : "sha256", payload, key, bytes);
  } catch {
    return false;
  }
}
