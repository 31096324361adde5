import { createHash } from "node:crypto";
import {
  type ChartYaml,
  helmChartMetadata,
  helmConfigBlob,
  helmManifestAnnotations,
  readChartYaml,
} from "./helm-chart";
import { HARNESS_HEADER, harnessPusher, type OciRegistryServer } from "./registry";

export { buildChartTgz, type ChartTgzOptions } from "./helm-chart";

/** Media types Helm uses (pkg/registry/constants.go). */
export const HELM_MEDIA_TYPES = {
  config: "application/vnd.cncf.helm.config.v1+json",
  chart: "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
  provenance: "application/vnd.cncf.helm.chart.provenance.v1.prov",
  /** The chart layer of Helm 3.0–3.6 (`helm chart push`, experimental OCI support). */
  legacyChart: "application/tar+gzip",
} as const;

export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const MANIFEST_ACCEPT = [
  OCI_MANIFEST,
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
].join(", ");

export interface PushedArtifact {
  repository: string;
  tag: string;
  manifestDigest: string;
  /** The manifest exactly as pushed. */
  manifest: Buffer;
  configDigest: string;
  layerDigests: string[];
}

/** An OCI content descriptor, fields in Go's order. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface ArtifactLayer {
  mediaType: string;
  data: Buffer;
  annotations?: Record<string, string>;
}

export interface Artifact {
  /** `data` as an object is serialized with JSON.stringify. */
  config: { mediaType: string; data: Buffer | object };
  layers: ArtifactLayer[];
  annotations?: Record<string, string>;
  artifactType?: string;
  /** Content-Type of the manifest PUT and its `mediaType` field. Default: the OCI image manifest. */
  manifestMediaType?: string;
  /** Leave the `mediaType` field out of the manifest (as Helm 3 does); Content-Type still says it. */
  omitManifestMediaTypeField?: boolean;
}

/** Pushes blobs and a manifest as any OCI client does, tagged `tag`, with the harness's credentials. */
export async function pushArtifact(
  registry: OciRegistryServer,
  repository: string,
  tag: string,
  artifact: Artifact,
): Promise<PushedArtifact> {
  const session = await openSession(registry, repository);
  const configData = Buffer.isBuffer(artifact.config.data)
    ? artifact.config.data
    : Buffer.from(JSON.stringify(artifact.config.data));
  const config = descriptor(artifact.config.mediaType, configData);
  await session.uploadBlob(configData);
  const layers: Descriptor[] = [];
  for (const layer of artifact.layers) {
    await session.uploadBlob(layer.data);
    layers.push(descriptor(layer.mediaType, layer.data, layer.annotations));
  }
  const mediaType = artifact.manifestMediaType ?? OCI_MANIFEST;
  // Field order of Go's ocispec.Manifest, so the bytes look like what Go clients push.
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      ...(!artifact.omitManifestMediaTypeField && { mediaType }),
      ...(artifact.artifactType !== undefined && { artifactType: artifact.artifactType }),
      config,
      layers,
      ...(artifact.annotations && { annotations: artifact.annotations }),
    }),
  );
  const manifestDigest = await session.putManifest(tag, mediaType, manifest);
  return {
    repository,
    tag,
    manifestDigest,
    manifest,
    configDigest: config.digest,
    layerDigests: layers.map((layer) => layer.digest),
  };
}

export interface HelmChartPush {
  /** The full repository path, e.g. `charts/nginx` (`helm push x.tgz oci://host/charts` makes `charts/<chart name>`). */
  repository: string;
  /** The chart package (.tgz). */
  chart: Buffer;
  /** Chart.yaml as parsed YAML; default: read out of the package. */
  chartYaml?: ChartYaml;
  /** Default: the chart version with `+` replaced by `_`, as helm does. */
  tag?: string;
  /** A provenance file, pushed as a second layer. */
  provenance?: Buffer;
  /** Push as Helm 3.0–3.6 did: chart layer `application/tar+gzip`, no annotations. */
  legacy?: boolean;
  /** `org.opencontainers.image.created`; default now (RFC 3339, seconds). */
  created?: string;
  /** Put a `mediaType` field in the manifest (Helm 3 leaves it out). */
  manifestMediaTypeField?: boolean;
}

/**
 * Pushes a chart as `helm push` (Helm ≥ 3.8) does: config = Chart.yaml metadata as Go marshals
 * `chart.Metadata`, one chart layer (plus provenance), layers sorted by digest, helm's manifest
 * annotations, no `mediaType` field in the manifest.
 */
export async function pushHelmChart(
  registry: OciRegistryServer,
  options: HelmChartPush,
): Promise<PushedArtifact> {
  const metadata = helmChartMetadata(options.chartYaml ?? (await readChartYaml(options.chart)));
  const version = typeof metadata.version === "string" ? metadata.version : "";
  if (version === "") throw new Error("Chart.yaml has no version");
  if (options.legacy && options.provenance) {
    throw new Error("Helm before 3.7 pushed no provenance layer");
  }
  const layers: ArtifactLayer[] = [
    {
      mediaType: options.legacy ? HELM_MEDIA_TYPES.legacyChart : HELM_MEDIA_TYPES.chart,
      data: options.chart,
    },
  ];
  if (options.provenance) {
    layers.push({ mediaType: HELM_MEDIA_TYPES.provenance, data: options.provenance });
    layers.sort((a, b) => compare(sha256(a.data), sha256(b.data)));
  }
  return pushArtifact(registry, options.repository, options.tag ?? version.replace(/\+/g, "_"), {
    config: { mediaType: HELM_MEDIA_TYPES.config, data: helmConfigBlob(metadata) },
    layers,
    ...(!options.legacy && {
      annotations: helmManifestAnnotations(metadata, options.created ?? rfc3339Now()),
    }),
    omitManifestMediaTypeField: !options.manifestMediaTypeField,
  });
}

/** Uploads one blob to `repository` and no manifest: the repository exists, with no tags. Returns the blob's digest. */
export async function pushBlobOnly(
  registry: OciRegistryServer,
  repository: string,
): Promise<string> {
  const session = await openSession(registry, repository);
  return session.uploadBlob(Buffer.from(`blob without a manifest in ${repository}\n`));
}

/**
 * Deletes, by digest, every manifest a tag of `repository` points to; the blobs stay, so the
 * repository stays in `_catalog` with no tags. A repository that does not exist yet first gets one
 * small artifact (tag `deleted`), so the outcome is the same either way. Returns the deleted
 * manifest digests.
 */
export async function deleteAllTags(
  registry: OciRegistryServer,
  repository: string,
): Promise<string[]> {
  let tags = await (await openSession(registry, repository)).listTags();
  if (tags.length === 0) {
    await pushArtifact(registry, repository, "deleted", {
      config: { mediaType: "application/vnd.oci.empty.v1+json", data: {} },
      layers: [
        { mediaType: "text/plain", data: Buffer.from(`to be deleted from ${repository}\n`) },
      ],
    });
    tags = ["deleted"];
  }
  const session = await openSession(registry, repository);
  const digests = new Set<string>();
  for (const tag of tags) digests.add(await session.resolve(tag));
  for (const digest of digests) await session.deleteManifest(digest);
  return [...digests];
}

/** Requests to one repository with the harness's credentials, all tagged as the harness's. */
interface Session {
  request(
    method: string,
    pathOrUrl: string,
    init?: { headers?: Record<string, string>; body?: Buffer },
  ): Promise<Response>;
  /** Monolithic upload (POST, then PUT to the Location with `digest`); returns the digest. */
  uploadBlob(data: Buffer): Promise<string>;
  /** PUT of a manifest; returns the digest the registry reports. */
  putManifest(reference: string, mediaType: string, body: Buffer): Promise<string>;
  /** The repository's tags (`[]` when it is unknown or has none). */
  listTags(): Promise<string[]>;
  /** The digest a tag points to (HEAD). */
  resolve(tag: string): Promise<string>;
  deleteManifest(digest: string): Promise<void>;
}

async function openSession(registry: OciRegistryServer, repository: string): Promise<Session> {
  const authorization = await harnessAuthorization(registry, repository);
  const request: Session["request"] = (method, pathOrUrl, init = {}) =>
    fetch(new URL(pathOrUrl, registry.url), {
      method,
      headers: {
        [HARNESS_HEADER]: "1",
        ...(authorization && { authorization }),
        ...init.headers,
      },
      ...(init.body && { body: init.body }),
      redirect: "manual",
    });
  const v2 = `/v2/${repository}`;
  return {
    request,
    async uploadBlob(data) {
      const digest = sha256(data);
      const started = await request("POST", `${v2}/blobs/uploads/`);
      await expectStatus(started, 202, `blob upload start in ${repository}`);
      await started.arrayBuffer();
      const location = started.headers.get("location");
      if (!location) throw new Error("blob upload: 202 without Location");
      const separator = location.includes("?") ? "&" : "?";
      const finished = await request(
        "PUT",
        `${location}${separator}digest=${encodeURIComponent(digest)}`,
        {
          headers: { "content-type": "application/octet-stream" },
          body: data,
        },
      );
      await expectStatus(finished, 201, `blob upload of ${digest} to ${repository}`);
      await finished.arrayBuffer();
      return digest;
    },
    async putManifest(reference, mediaType, body) {
      const response = await request("PUT", `${v2}/manifests/${reference}`, {
        headers: { "content-type": mediaType },
        body,
      });
      await expectStatus(response, 201, `manifest ${repository}:${reference}`);
      await response.arrayBuffer();
      const digest = response.headers.get("docker-content-digest");
      if (digest !== sha256(body)) {
        throw new Error(
          `manifest ${repository}:${reference}: registry says ${digest}, bytes are ${sha256(body)}`,
        );
      }
      return digest;
    },
    async listTags() {
      const response = await request("GET", `${v2}/tags/list`);
      if (response.status === 404) {
        await response.arrayBuffer();
        return [];
      }
      await expectStatus(response, 200, `tags/list of ${repository}`);
      const body = (await response.json()) as { tags?: string[] | null };
      return body.tags ?? [];
    },
    async resolve(tag) {
      const response = await request("HEAD", `${v2}/manifests/${tag}`, {
        headers: { accept: MANIFEST_ACCEPT },
      });
      await expectStatus(response, 200, `HEAD ${repository}:${tag}`);
      const digest = response.headers.get("docker-content-digest");
      if (!digest) throw new Error(`HEAD ${repository}:${tag}: no Docker-Content-Digest`);
      return digest;
    },
    async deleteManifest(digest) {
      const response = await request("DELETE", `${v2}/manifests/${digest}`);
      await expectStatus(response, 202, `DELETE ${repository}@${digest}`);
      await response.arrayBuffer();
    },
  };
}

/**
 * The Authorization header the harness sends: none, Basic for the harness's user, or a Bearer
 * token got as a client gets one: the registry's challenge names the realm and service, the
 * token server is asked for pull, push and delete on the repository.
 */
async function harnessAuthorization(
  registry: OciRegistryServer,
  repository: string,
): Promise<string | undefined> {
  const pusher = harnessPusher(registry);
  const basic = `Basic ${Buffer.from(`${pusher.username}:${pusher.password}`).toString("base64")}`;
  if (registry.auth === "none") return undefined;
  if (registry.auth === "htpasswd") return basic;
  const ping = await fetch(new URL("/v2/", registry.url), { headers: { [HARNESS_HEADER]: "1" } });
  await ping.arrayBuffer();
  const challenge = parseBearerChallenge(ping.headers.get("www-authenticate") ?? "");
  if (!challenge.realm)
    throw new Error(`token mode: /v2/ answered ${ping.status} without a Bearer challenge`);
  const tokenUrl = new URL(challenge.realm);
  tokenUrl.searchParams.set("service", challenge.service ?? "");
  tokenUrl.searchParams.set("scope", `repository:${repository}:pull,push,delete`);
  const response = await fetch(tokenUrl, {
    headers: { [HARNESS_HEADER]: "1", authorization: basic },
  });
  await expectStatus(response, 200, "harness token");
  const { token } = (await response.json()) as { token: string };
  return `Bearer ${token}`;
}

/** The parameters of a `Bearer realm="…",service="…",scope="…"` challenge. */
export function parseBearerChallenge(header: string): Record<string, string> {
  if (!/^Bearer\s/i.test(header)) return {};
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) params[match[1]] = match[2];
  return params;
}

function descriptor(
  mediaType: string,
  data: Buffer,
  annotations?: Record<string, string>,
): Descriptor {
  return {
    mediaType,
    digest: sha256(data),
    size: data.length,
    ...(annotations && { annotations }),
  };
}

export function sha256(data: Buffer): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

async function expectStatus(response: Response, expected: number, what: string): Promise<void> {
  if (response.status === expected) return;
  const body = await response.text();
  throw new Error(`${what}: expected ${expected}, got ${response.status}: ${body.slice(0, 500)}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 3339 in UTC to the second, as helm writes `created`. */
function rfc3339Now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}
