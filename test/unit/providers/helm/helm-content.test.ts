import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { RegistryErrorCode } from "../../../../src/providers/errors";
import { HelmProvider } from "../../../../src/providers/helm/helm.provider";
import type {
  FetchLimits,
  RegistryTarget,
  VersionContentRef,
} from "../../../../src/providers/provider";
import { fixturePath } from "../../../helpers/fixtures";
import {
  FixtureServer,
  redirect,
  requireBasicAuth,
  respond,
  serveFile,
  type RouteHandler,
} from "../../../helpers/http-fixture-server";
import { everythingSaidBy, registryFailure } from "../../../helpers/registry-errors";

const LIMITS: FetchLimits = {
  connectTimeoutMs: 2_000,
  requestTimeoutMs: 5_000,
  maxBodyBytes: 16 * 1024 * 1024,
  maxRedirects: 5,
};

const PASSWORD = "correct-H0rse-battery";
const CHART = "kubernetes-dashboard";
const VERSION = "6.0.8";
const PACKAGE_FILE = `${CHART}-${VERSION}.tgz`;
const DASHBOARD_INDEX = fixturePath("helm", "kubernetes-dashboard", "index.yaml");
const DASHBOARD_608 = fixturePath("helm", "kubernetes-dashboard", "charts", PACKAGE_FILE);
const PACKAGE = readFileSync(DASHBOARD_608);
/** SOURCES.md: the package's sha256, which the repository index lists as its digest. */
const PACKAGE_DIGEST = "b7948839fd36e9bd7c81d0f22f60d857f67b0b4ab5009699b042ad853d820882";

/** GNU tar's reading of one member of the real package: the independent expectation. */
function gnuTarRead(member: string): string {
  return execFileSync("tar", ["-xzOf", DASHBOARD_608, member]).toString("utf8");
}

function target(endpoint: string, overrides: Partial<RegistryTarget> = {}): RegistryTarget {
  return {
    kind: "HELM",
    endpoint,
    auth: { type: "NONE" },
    tls: { insecureSkipVerify: false },
    ...overrides,
  };
}

function ref(urls: string[], digest: string | null = PACKAGE_DIGEST): VersionContentRef {
  return { chart: CHART, version: VERSION, urls, digest };
}

const withPassword: Partial<RegistryTarget> = {
  auth: { type: "BASIC", username: "bob", secret: PASSWORD },
};

const servePackage = (): RouteHandler =>
  serveFile(DASHBOARD_608, { contentType: "application/gzip" });

describe("HelmProvider.content", () => {
  let server: FixtureServer;
  const provider = new HelmProvider(LIMITS);

  beforeEach(async () => {
    server = await FixtureServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  it("reads a real package at the URL the catalog stores, checking its digest", async () => {
    server.route("/dash/index.yaml", serveFile(DASHBOARD_INDEX));
    server.route(`/dash/${PACKAGE_FILE}`, servePackage());
    const listing = await provider.list(target(server.url("/dash")));
    if (listing.unchanged) throw new Error("expected a complete listing");
    const record = listing.charts[0]!.versions.find((v) => v.version === VERSION)!;
    // The index lists the URL as relative; the catalog stores it resolved, absolute.
    expect(record.urls).toEqual([server.url(`/dash/${PACKAGE_FILE}`)]);
    expect(record.digest).toBe(PACKAGE_DIGEST);

    const content = await provider.content(
      target(server.url("/dash")),
      ref(record.urls, record.digest),
    );

    expect(content).toEqual({
      values: gnuTarRead(`${CHART}/values.yaml`),
      readme: gnuTarRead(`${CHART}/README.md`),
      schema: undefined,
      packageDigest: PACKAGE_DIGEST,
      bytesFetched: PACKAGE.length,
    });
    const sent = server.requestsTo(`/dash/${PACKAGE_FILE}`);
    expect(sent).toHaveLength(1);
    // The digest is that of the file as stored: no content coding is asked for.
    expect(sent[0]!.headers["accept-encoding"]).toBe("identity");
  });

  it("accepts a digest written with its sha256: prefix", async () => {
    server.route(`/${PACKAGE_FILE}`, servePackage());
    const content = await provider.content(
      target(server.url()),
      ref([server.url(`/${PACKAGE_FILE}`)], `sha256:${PACKAGE_DIGEST.toUpperCase()}`),
    );
    expect(content.packageDigest).toBe(PACKAGE_DIGEST);
  });

  it("resolves a relative URL against the repository, keeping the repository's query", async () => {
    const seen: string[] = [];
    const inner = servePackage();
    server.route(`/dash/${PACKAGE_FILE}`, (req, res) => {
      seen.push(req.url ?? "");
      return inner(req, res);
    });
    const content = await provider.content(
      target(server.url("/dash?access=t0ken")),
      ref([PACKAGE_FILE]),
    );
    expect(content.values).toBe(gnuTarRead(`${CHART}/values.yaml`));
    expect(seen).toEqual([`/dash/${PACKAGE_FILE}?access=t0ken`]);
  });

  it("refuses a package whose digest differs from the index, naming both digests", async () => {
    server.route(`/${PACKAGE_FILE}`, servePackage());
    const listed = createHash("sha256").update("another package").digest("hex");
    const error = await registryFailure(
      provider.content(target(server.url()), ref([server.url(`/${PACKAGE_FILE}`)], listed)),
    );
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(/digest mismatch/i);
    expect(error.message).toContain(listed);
    expect(error.message).toContain(PACKAGE_DIGEST);
    expect(error.message).toContain(`/${PACKAGE_FILE}`);
  });

  it("is NOT_FOUND when the package is gone", async () => {
    const error = await registryFailure(
      provider.content(target(server.url()), ref([server.url(`/${PACKAGE_FILE}`)])),
    );
    expect(error.code).toBe(RegistryErrorCode.NOT_FOUND);
    expect(error.status).toBe(404);
  });

  it("is NOT_FOUND when the version lists no package URL", async () => {
    const error = await registryFailure(provider.content(target(server.url()), ref([])));
    expect(error.code).toBe(RegistryErrorCode.NOT_FOUND);
    expect(error.message).toContain(`chart "${CHART}" version "${VERSION}"`);
    expect(server.requests).toHaveLength(0);
  });

  it("is PARSE when the URL answers with a page instead of a package", async () => {
    server.route(
      `/${PACKAGE_FILE}`,
      respond(200, "<!doctype html><title>App</title>", { "content-type": "text/html" }),
    );
    const error = await registryFailure(
      provider.content(target(server.url()), ref([server.url(`/${PACKAGE_FILE}`)], null)),
    );
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(/not a gzip-compressed tar archive/);
  });

  it("refuses a package above the package limit while downloading it", async () => {
    // Chunked, without Content-Length: the limit must hold on the bytes as they arrive.
    server.route(`/${PACKAGE_FILE}`, (_req, res) => {
      res.writeHead(200, { "content-type": "application/gzip" });
      res.write(PACKAGE);
      res.end();
    });
    const small = new HelmProvider(LIMITS, {
      packageLimits: {
        maxPackageBytes: 4096,
        maxUnpackedBytes: 1024 * 1024,
        maxFileBytes: 64 * 1024,
      },
    });
    const error = await registryFailure(
      small.content(target(server.url()), ref([server.url(`/${PACKAGE_FILE}`)])),
    );
    expect(error.code).toBe(RegistryErrorCode.TOO_LARGE);
    expect(error.message).toContain("limit 4096 bytes");
  });

  it("sends the registry's credentials with a package on its own origin", async () => {
    server.route(`/private/${PACKAGE_FILE}`, requireBasicAuth("bob", PASSWORD, servePackage()));
    const url = server.url(`/private/${PACKAGE_FILE}`);

    const anonymous = await registryFailure(
      provider.content(target(server.url("/private")), ref([url])),
    );
    expect(anonymous.code).toBe(RegistryErrorCode.AUTH_FAILED);

    const content = await provider.content(
      target(server.url("/private"), withPassword),
      ref([url]),
    );
    expect(content.packageDigest).toBe(PACKAGE_DIGEST);
    const sent = server.requestsTo(`/private/${PACKAGE_FILE}`);
    expect(sent[1]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`bob:${PASSWORD}`).toString("base64")}`,
    );
  });

  describe("a package hosted on another origin (release assets)", () => {
    let releases: FixtureServer;
    const assetPath = `/kubernetes/dashboard/releases/download/${CHART}-${VERSION}/${PACKAGE_FILE}`;

    beforeEach(async () => {
      releases = await FixtureServer.start();
      releases.route(assetPath, servePackage());
    });

    afterEach(async () => {
      await releases.close();
    });

    it("is fetched without the registry's credentials", async () => {
      const content = await provider.content(
        target(server.url(), withPassword),
        ref([releases.url(assetPath)]),
      );
      expect(content.values).toBe(gnuTarRead(`${CHART}/values.yaml`));
      const received = releases.requestsTo(assetPath);
      expect(received).toHaveLength(1);
      expect(received[0]!.headers.authorization).toBeUndefined();
      expect(server.requests).toHaveLength(0);
    });

    it("gets no credentials when the registry redirects there", async () => {
      server.route(`/${PACKAGE_FILE}`, redirect(releases.url(assetPath)));
      const content = await provider.content(
        target(server.url(), withPassword),
        ref([server.url(`/${PACKAGE_FILE}`)]),
      );
      expect(content.packageDigest).toBe(PACKAGE_DIGEST);
      expect(server.requestsTo(`/${PACKAGE_FILE}`)[0]!.headers.authorization).toBeDefined();
      expect(releases.requestsTo(assetPath)[0]!.headers.authorization).toBeUndefined();
    });

    it("never puts the registry's password in an error", async () => {
      const error = await registryFailure(
        provider.content(
          target(server.url(), withPassword),
          ref([releases.url(assetPath)], "0".repeat(64)),
        ),
      );
      expect(error.code).toBe(RegistryErrorCode.PARSE);
      expect(everythingSaidBy(error)).not.toContain(PASSWORD);
    });
  });
});
