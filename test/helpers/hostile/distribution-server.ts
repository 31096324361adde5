import { createHash } from "node:crypto";
import { type FixtureServer, type RouteHandler, serveBody } from "../http-fixture-server";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
const HELM_CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

/** `sha256:<hex>` of the data. */
export function digestOf(data: Buffer): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

/** A Helm chart artifact as the hostile registry serves it. */
export interface ServedChart {
  /** Chart.yaml as JSON: the config blob. */
  config: Buffer;
  /** The chart package: the chart layer. */
  chart: Buffer;
  /** The size the manifest states for the config; default its real size. */
  configSize?: number;
  /** What `GET` of the config blob answers; default the config itself. */
  configBlob?: RouteHandler;
}

/**
 * The few routes of the OCI distribution API that a listing of Helm charts reads (`/v2/`,
 * `_catalog`, `tags/list`, manifests by tag and digest, blobs), served from a FixtureServer, so
 * that a test can make the registry say things a real registry would refuse to store: a config
 * descriptor that understates its blob, a blob that never ends.
 */
export class HostileDistribution {
  private readonly tags = new Map<string, Map<string, ServedChart>>();

  constructor(private readonly server: FixtureServer) {
    server.route("/v2/", serveBody("{}", { contentType: "application/json" }));
    this.publishCatalog();
  }

  /** Serves `chart` as `repository:tag` (replacing what the tag pointed at). */
  tag(repository: string, tag: string, chart: ServedChart): void {
    const tags = this.tags.get(repository) ?? new Map<string, ServedChart>();
    tags.set(tag, chart);
    this.tags.set(repository, tags);
    const configDigest = digestOf(chart.config);
    const chartDigest = digestOf(chart.chart);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: {
          mediaType: HELM_CONFIG,
          digest: configDigest,
          size: chart.configSize ?? chart.config.length,
        },
        layers: [{ mediaType: HELM_CHART_LAYER, digest: chartDigest, size: chart.chart.length }],
      }),
    );
    const manifestDigest = digestOf(manifest);
    const served = serveBody(manifest, {
      contentType: OCI_MANIFEST,
      headers: { "docker-content-digest": manifestDigest },
    });
    this.server.route(`/v2/${repository}/manifests/${tag}`, served);
    this.server.route(`/v2/${repository}/manifests/${manifestDigest}`, served);
    this.server.route(
      `/v2/${repository}/blobs/${configDigest}`,
      chart.configBlob ?? serveBody(chart.config, { contentType: "application/octet-stream" }),
    );
    this.server.route(
      `/v2/${repository}/blobs/${chartDigest}`,
      serveBody(chart.chart, { contentType: "application/octet-stream" }),
    );
    this.server.route(
      `/v2/${repository}/tags/list`,
      serveBody(JSON.stringify({ name: repository, tags: [...tags.keys()] }), {
        contentType: "application/json",
      }),
    );
    this.publishCatalog();
  }

  private publishCatalog(): void {
    this.server.route(
      "/v2/_catalog",
      serveBody(JSON.stringify({ repositories: [...this.tags.keys()] }), {
        contentType: "application/json",
      }),
    );
  }
}
