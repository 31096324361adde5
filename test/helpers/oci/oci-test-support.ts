import { createHash } from "node:crypto";
import type {
  ChartRecord,
  ChartVersionRecord,
  CompleteListing,
  FetchLimits,
  KnownVersion,
  Listing,
  OciTargetOptions,
  RegistryTarget,
} from "../../../src/providers/provider";
import { parseOciReference } from "../../../src/providers/oci/oci-reference";
import { HARNESS_HEADER, type OciRegistryServer } from "./registry";

export const LIMITS: FetchLimits = {
  connectTimeoutMs: 2_000,
  requestTimeoutMs: 10_000,
  maxBodyBytes: 16 * 1024 * 1024,
  maxRedirects: 5,
};

/** An OCI target for a test registry: Helm charts under `production`, no credentials. */
export function ociTarget(
  endpoint: string,
  oci: Partial<OciTargetOptions> = {},
  auth: RegistryTarget["auth"] = { type: "NONE" },
): RegistryTarget {
  return {
    kind: "OCI",
    endpoint,
    auth,
    tls: { insecureSkipVerify: false },
    oci: {
      providerType: "HELM",
      baseContentPaths: ["production"],
      repositories: [],
      authKind: "BASIC",
      ...oci,
    },
  };
}

export function complete(listing: Listing): CompleteListing {
  if (listing.unchanged) throw new Error("expected a complete listing");
  return listing;
}

export function chartNamed(listing: CompleteListing, name: string): ChartRecord {
  const chart = listing.charts.find((c) => c.name === name);
  if (chart === undefined) {
    throw new Error(`no chart ${name} in ${listing.charts.map((c) => c.name).join(", ")}`);
  }
  return chart;
}

export function versionOf(chart: ChartRecord, version: string): ChartVersionRecord {
  const record = chart.versions.find((v) => v.version === version);
  if (record === undefined) throw new Error(`no version ${version} of ${chart.name}`);
  return record;
}

/**
 * What a sync engine would pass as `known` after storing `listing`: each version under its
 * repository and tag, with the manifest digest of its pinned reference.
 */
export function knownFrom(
  listing: CompleteListing,
): (repository: string, tag: string) => KnownVersion | undefined {
  const known = new Map<string, KnownVersion>();
  for (const chart of listing.charts) {
    for (const record of chart.versions) {
      const reference = parseOciReference(record.ociReference!);
      known.set(`${reference.repository}:${reference.tag}`, {
        manifestDigest: reference.digest,
        record,
      });
    }
  }
  return (repository, tag) => known.get(`${repository}:${tag}`);
}

export function sha256Hex(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * PUTs a manifest (or index) as given, byte for byte, into a registry without auth; the
 * request is the harness's, not counted as the code under test's. Returns the digest.
 */
export async function putRawManifest(
  registry: OciRegistryServer,
  repository: string,
  reference: string,
  mediaType: string,
  body: Buffer,
): Promise<string> {
  if (registry.auth !== "none") throw new Error("putRawManifest needs a registry without auth");
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, {
    method: "PUT",
    headers: { [HARNESS_HEADER]: "1", "content-type": mediaType },
    body,
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`PUT manifest ${repository}:${reference}: ${response.status} ${text}`);
  }
  return `sha256:${sha256Hex(body)}`;
}

/** Requests to the registry by the code under test, as `METHOD path` lines. */
export function requestLines(registry: OciRegistryServer): string[] {
  return registry.requests().map((r) => `${r.method} ${r.path}`);
}
