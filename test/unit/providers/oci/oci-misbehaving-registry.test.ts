import { RegistryErrorCode } from "../../../../src/providers/errors";
import { OciProvider } from "../../../../src/providers/oci/oci.provider";
import { buildChartTgz, pushHelmChart } from "../../../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../../../helpers/oci/registry";
import { registryFailure } from "../../../helpers/registry-errors";
import { FaultyRegistryProxy, type Faults } from "../../../helpers/oci/faulty-registry-proxy";
import { LIMITS, complete, knownFrom, ociTarget } from "../../../helpers/oci/oci-test-support";

const TAGS_PATH = /^\/v2\/production\/nginx\/tags\/list$/;
const MANIFEST_PATH = /^\/v2\/production\/nginx\/manifests\//;

describe("OciProvider: a misbehaving registry", () => {
  let registry: OciRegistryServer;
  let proxy: FaultyRegistryProxy | undefined;
  const provider = new OciProvider(LIMITS);

  beforeAll(async () => {
    registry = await startOciRegistry();
    for (const version of ["1.0.0", "1.1.0"]) {
      await pushHelmChart(registry, {
        repository: "production/nginx",
        chart: await buildChartTgz({ name: "nginx", version }),
      });
    }
  });

  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  afterAll(async () => {
    await registry.stop();
  });

  async function behind(faults: Faults): Promise<FaultyRegistryProxy> {
    proxy = await FaultyRegistryProxy.start(registry.url, faults);
    return proxy;
  }

  /** Milliseconds between the requests to one path: refused ones, then the one that passed. */
  function gaps(limiter: FaultyRegistryProxy, path: RegExp): number[] {
    const times = [...limiter.refusals, ...limiter.passed]
      .filter((r) => path.test(r.path.split("?")[0]!))
      .map((r) => r.at);
    return times.slice(1).map((t, i) => t - times[i]!);
  }

  it("waits the seconds Retry-After asks for, then goes on", async () => {
    const limiter = await behind({
      rateLimit: { path: TAGS_PATH, count: 2, retryAfter: () => "1" },
    });
    const listing = complete(await provider.list(ociTarget(limiter.url)));
    expect(listing.charts[0]?.versions.map((v) => v.version)).toEqual(["1.1.0", "1.0.0"]);
    expect(limiter.refusals).toHaveLength(2);
    const waits = gaps(limiter, TAGS_PATH);
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(990);
  });

  it("waits until the HTTP date Retry-After names", async () => {
    const limiter = await behind({
      rateLimit: {
        path: TAGS_PATH,
        count: 1,
        retryAfter: () => new Date(Date.now() + 2000).toUTCString(),
      },
    });
    const started = Date.now();
    complete(await provider.list(ociTarget(limiter.url)));
    // An HTTP date has whole seconds: the wait is between one and two seconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(limiter.refusals).toHaveLength(1);
  });

  it("backs off exponentially when the registry does not say how long to wait", async () => {
    const limiter = await behind({ rateLimit: { path: TAGS_PATH, count: 2 } });
    complete(await provider.list(ociTarget(limiter.url)));
    const [first, second] = gaps(limiter, TAGS_PATH);
    expect(first).toBeGreaterThanOrEqual(490);
    expect(first).toBeLessThan(990);
    expect(second).toBeGreaterThanOrEqual(990);
  });

  it("gives up with RATE_LIMITED after five retries of one request", async () => {
    const limiter = await behind({
      rateLimit: { path: MANIFEST_PATH, count: Infinity, retryAfter: () => "0" },
    });
    const error = await registryFailure(provider.list(ociTarget(limiter.url)));
    expect([error.code, error.status]).toEqual([RegistryErrorCode.RATE_LIMITED, 429]);
    expect(error.message).toContain("still refused after 5 retries");
    // Each of the two tags' HEAD: the first try and five retries, then the listing stops.
    expect(limiter.refusals.length).toBeGreaterThanOrEqual(6);
    expect(limiter.refusals.length).toBeLessThanOrEqual(12);
  });

  it("gives up at once when the registry asks for a longer wait than the gateway allows", async () => {
    const limiter = await behind({
      rateLimit: { path: TAGS_PATH, count: Infinity, retryAfter: () => "3600" },
    });
    const started = Date.now();
    const error = await registryFailure(provider.list(ociTarget(limiter.url)));
    expect(error.code).toBe(RegistryErrorCode.RATE_LIMITED);
    expect(error.message).toContain("it asks to retry after 3600");
    expect(limiter.refusals).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("stops waiting when the listing is cancelled", async () => {
    const limiter = await behind({
      rateLimit: { path: TAGS_PATH, count: Infinity, retryAfter: () => "30" },
    });
    const controller = new AbortController();
    const listing = provider.list(ociTarget(limiter.url), { signal: controller.signal });
    const started = Date.now();
    await limiter.nextRefusal();
    controller.abort();
    const error = await registryFailure(listing);
    expect(error.code).toBe(RegistryErrorCode.CANCELLED);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("hashes the manifest when HEAD answers without Docker-Content-Digest", async () => {
    const direct = complete(await provider.list(ociTarget(registry.url)));
    const hiding = await behind({ omitDigestOnHead: true });
    const listing = complete(await provider.list(ociTarget(hiding.url)));
    const references = (l: typeof listing) =>
      l.charts[0]!.versions.map((v) => v.ociReference!.slice(v.ociReference!.indexOf("@")));
    expect(references(listing)).toEqual(references(direct));
    // Each of the two tags costs a HEAD and one GET, whose body is hashed and then read.
    const manifestRequests = () => hiding.passed.filter((r) => MANIFEST_PATH.test(r.path)).length;
    expect(manifestRequests()).toBe(4);
    complete(await provider.list(ociTarget(hiding.url), { known: knownFrom(listing) }));
    expect(manifestRequests()).toBe(8);
  });

  it("fails the listing when a manifest does not match its digest", async () => {
    const corrupting = await behind({ corruptManifests: MANIFEST_PATH });
    const error = await registryFailure(provider.list(ociTarget(corrupting.url)));
    expect(error.code).toBe(RegistryErrorCode.PROTOCOL);
    expect(error.message).toMatch(
      /^The manifest production\/nginx@sha256:[0-9a-f]{64} does not match its digest/,
    );
  });
});
