import { isRegistryError } from "../errors";
import type { FoundSignature, SignatureProbe } from "../provider";
import {
  COSIGN_ARTIFACT_TYPE,
  MAX_PAYLOAD_BYTES,
  MAX_SIGNATURES,
  SIGNATURE_ANNOTATION,
  SIMPLE_SIGNING_MEDIA_TYPE,
  payloadProblem,
  signatureTag,
} from "../signatures/cosign";
import type { OciRegistryClient } from "./oci-client";

/**
 * Reads the cosign signatures of one artifact (see signatures/cosign.ts for the format): its
 * OCI 1.1 referrers of cosign's artifact type, then the `sha256-<hex>.sig` tag when the tag list
 * holds it. Each simple-signing payload is checked against the artifact's digest here; whose key
 * signed it is decided later, against the trust policies. Never throws: a signature that cannot
 * be read is an ERROR probe (the version is then UNKNOWN, with the reason).
 */
export class CosignSignatureReader {
  /** Known once the registry answered a referrers request: a 404 means it has no such API. */
  private referrersSupported: boolean | undefined;
  /** Set while the first referrers request is in flight: the others wait for its answer. */
  private firstReferrers: Promise<void> | null = null;

  constructor(private readonly client: OciRegistryClient) {}

  async read(
    repository: string,
    digest: string,
    hasSignatureTag: boolean,
  ): Promise<SignatureProbe> {
    const signatures: FoundSignature[] = [];
    try {
      for (const referrer of (await this.referrers(repository, digest)) ?? []) {
        if (referrer.artifactType !== COSIGN_ARTIFACT_TYPE) continue;
        if (signatures.length >= MAX_SIGNATURES) break;
        signatures.push(
          ...(await this.fromManifest(repository, referrer.digest, digest, "referrers")),
        );
      }
      if (hasSignatureTag && signatures.length < MAX_SIGNATURES) {
        const resolved = await this.client.resolveTag(repository, signatureTag(digest));
        if (resolved !== undefined) {
          signatures.push(
            ...(await this.fromManifest(repository, resolved.digest, digest, "tag", resolved.body)),
          );
        }
      }
    } catch (error) {
      if (!isRegistryError(error)) throw error;
      return {
        digest,
        method: "COSIGN",
        outcome: "ERROR",
        message: `The cosign signatures of ${repository}@${digest} could not be read: ${error.message}`,
        signatures: [],
      };
    }
    return {
      digest,
      method: "COSIGN",
      outcome: signatures.length > 0 ? "SIGNED" : "UNSIGNED",
      message: null,
      signatures: signatures.slice(0, MAX_SIGNATURES),
    };
  }

  /**
   * The referrers of a manifest, or undefined when the registry has no referrers API: asked once
   * per listing, not once per artifact, before that is known.
   */
  private async referrers(
    repository: string,
    digest: string,
  ): Promise<{ digest: string; artifactType: string | null }[] | undefined> {
    if (this.referrersSupported === false) return undefined;
    if (this.referrersSupported === undefined) {
      if (this.firstReferrers) {
        await this.firstReferrers;
        return this.referrers(repository, digest);
      }
      let settle!: () => void;
      this.firstReferrers = new Promise((resolve) => (settle = resolve));
      try {
        const found = await this.client.referrers(repository, digest);
        this.referrersSupported = found !== undefined;
        return found;
      } finally {
        this.firstReferrers = null;
        settle();
      }
    }
    return this.client.referrers(repository, digest);
  }

  /** The signatures of one cosign signature manifest (its simple-signing layers). */
  private async fromManifest(
    repository: string,
    manifestDigest: string,
    signed: string,
    source: string,
    body?: Buffer,
  ): Promise<FoundSignature[]> {
    const manifest = await this.client.manifest(repository, manifestDigest, body);
    if (manifest.kind !== "manifest") return [];
    const found: FoundSignature[] = [];
    for (const layer of manifest.layers) {
      if (layer.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE) continue;
      const signature = layer.annotations[SIGNATURE_ANNOTATION];
      if (signature === undefined) continue;
      if (found.length >= MAX_SIGNATURES) break;
      const payload = await this.client.blob(repository, layer, MAX_PAYLOAD_BYTES);
      found.push({
        payload: payload.toString("base64"),
        signature,
        keyIds: [],
        problem: payloadProblem(payload, signed),
        source,
      });
    }
    return found;
  }
}
