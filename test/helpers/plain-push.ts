import { HELM_MEDIA_TYPES, OCI_MANIFEST, sha256 } from "./oci/push";
import {
  buildChartTgz,
  helmChartMetadata,
  helmConfigBlob,
  helmManifestAnnotations,
} from "./oci/helm-chart";

/** Uploads one blob to a registry without auth (POST, then PUT with the digest). */
async function uploadBlob(origin: string, repository: string, data: Buffer): Promise<string> {
  const digest = sha256(data);
  const started = await fetch(`${origin}/v2/${repository}/blobs/uploads/`, { method: "POST" });
  await started.arrayBuffer();
  const location = started.headers.get("location");
  if (started.status !== 202 || !location) {
    throw new Error(`blob upload to ${repository}: ${started.status}`);
  }
  const target = new URL(location, origin);
  target.searchParams.set("digest", digest);
  const finished = await fetch(target, {
    method: "PUT",
    headers: { "content-type": "application/octet-stream" },
    body: data,
  });
  await finished.arrayBuffer();
  if (finished.status !== 201)
    throw new Error(`blob ${digest} to ${repository}: ${finished.status}`);
  return digest;
}

/**
 * Pushes versions of one Helm chart to a registry without auth, as `helm push` lays them out
 * (config = Chart.yaml metadata, one chart layer, helm's annotations), one tag per version. The
 * versions share one chart package: listing reads manifests and configs, never the layer.
 * Returns the manifest digest of each version. (`pushHelmChart` of oci/push.ts only pushes to
 * registries started by `startOciRegistry`, whose harness credentials it uses.)
 */
export async function pushChartVersions(
  origin: string,
  repository: string,
  versions: readonly string[],
): Promise<Map<string, string>> {
  const name = repository.split("/").pop()!;
  const chart = await buildChartTgz({ name, version: versions[0] });
  const layer = { mediaType: HELM_MEDIA_TYPES.chart, digest: sha256(chart), size: chart.length };
  await uploadBlob(origin, repository, chart);
  const digests = new Map<string, string>();
  for (const version of versions) {
    const metadata = helmChartMetadata({ apiVersion: "v2", name, version, type: "application" });
    const config = helmConfigBlob(metadata);
    await uploadBlob(origin, repository, config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        config: { mediaType: HELM_MEDIA_TYPES.config, digest: sha256(config), size: config.length },
        layers: [layer],
        annotations: helmManifestAnnotations(metadata, "2024-01-02T03:04:05Z"),
      }),
    );
    const response = await fetch(`${origin}/v2/${repository}/manifests/${version}`, {
      method: "PUT",
      headers: { "content-type": OCI_MANIFEST },
      body: manifest,
    });
    await response.arrayBuffer();
    if (response.status !== 201) {
      throw new Error(`manifest ${repository}:${version}: ${response.status}`);
    }
    digests.set(version, sha256(manifest));
  }
  return digests;
}
