import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { RegistryErrorCode } from "../../../../src/providers/errors";
import { HelmProvider, createHelmProvider } from "../../../../src/providers/helm/helm.provider";
import type {
  CompleteListing,
  FetchLimits,
  Listing,
  ListingProgress,
  RegistryTarget,
} from "../../../../src/providers/provider";
import { fixturePath } from "../../../helpers/fixtures";
import {
  FixtureServer,
  endless,
  gzipBomb,
  hang,
  redirect,
  requireBasicAuth,
  requireBearer,
  respond,
  serveBody,
  serveFile,
  truncated,
} from "../../../helpers/http-fixture-server";
import { everythingSaidBy, registryFailure } from "../../../helpers/registry-errors";
import { createTestPki, type TestPki } from "../../../helpers/test-pki";

const LIMITS: FetchLimits = {
  connectTimeoutMs: 2_000,
  requestTimeoutMs: 5_000,
  maxBodyBytes: 16 * 1024 * 1024,
  maxRedirects: 5,
};

const PASSWORD = "correct-H0rse-battery";
const WRONG_PASSWORD = "wr0ng-Password-42";
const TOKEN = "ghp_tokenTOKENtoken1234";

const BITNAMI = fixturePath("helm", "bitnami", "index.yaml");
const DASHBOARD = fixturePath("helm", "kubernetes-dashboard", "index.yaml");
const ARGO = fixturePath("helm", "argo-helm", "index.yaml");
const DASHBOARD_608 = fixturePath(
  "helm",
  "kubernetes-dashboard",
  "charts",
  "kubernetes-dashboard-6.0.8.tgz",
);

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
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

function complete(listing: Listing): CompleteListing {
  if (listing.unchanged) throw new Error("expected a complete listing");
  return listing;
}

function versionCount(listing: CompleteListing): number {
  return listing.charts.reduce((sum, c) => sum + c.versions.length, 0);
}

describe("HelmProvider", () => {
  let server: FixtureServer;
  const provider = new HelmProvider(LIMITS);

  beforeEach(async () => {
    server = await FixtureServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  describe("list", () => {
    it("lists a real index served gzipped, reporting progress phase by phase", async () => {
      const raw = readFileSync(BITNAMI);
      server.route("/bitnami/index.yaml", serveBody(raw, { gzip: true, etag: '"bitnami-1"' }));
      const progress: ListingProgress[] = [];
      const listing = complete(
        await provider.list(target(server.url("/bitnami")), {
          onProgress: (p) => progress.push(p),
        }),
      );

      expect(listing.charts).toHaveLength(108);
      expect(versionCount(listing)).toBe(3448);
      expect(listing.bytesFetched).toBeLessThan(raw.length / 4);
      expect(listing.validators).toEqual({
        etag: '"bitnami-1"',
        lastModified: null,
        digest: sha256(raw),
      });

      const phases = progress.map((p) => p.phase);
      expect(phases[0]).toBe("CONNECTING");
      const order = ["CONNECTING", "FETCHING", "PARSING"];
      for (let i = 1; i < phases.length; i++) {
        expect(order.indexOf(phases[i]!)).toBeGreaterThanOrEqual(order.indexOf(phases[i - 1]!));
      }
      const fetching = progress.filter((p) => p.phase === "FETCHING");
      expect(fetching[fetching.length - 1]).toEqual({
        phase: "FETCHING",
        bytes: listing.bytesFetched,
        total: listing.bytesFetched,
      });
      expect(progress[progress.length - 1]).toEqual({ phase: "PARSING", done: 108, total: 108 });
    });

    it("resolves relative chart URLs against the registry endpoint", async () => {
      server.route("/argo/index.yaml", serveFile(ARGO));
      const listing = complete(await provider.list(target(server.url("/argo"))));
      const urls = listing.charts.flatMap((c) => c.versions.flatMap((v) => v.urls));
      // SOURCES.md: 328 of argo-helm's URLs are relative.
      expect(urls.filter((u) => u.startsWith(server.url("/argo/")))).toHaveLength(328);
    });

    it("is unchanged on 304, sending the previous validators", async () => {
      server.route(
        "/index.yaml",
        serveFile(DASHBOARD, { etag: '"dash-7"', lastModified: "Wed, 28 May 2025 15:16:01 GMT" }),
      );
      const first = complete(await provider.list(target(server.url())));
      const second = await provider.list(target(server.url()), { previous: first.validators });
      expect(second).toEqual({
        unchanged: true,
        bytesFetched: 0,
        validators: first.validators,
      });
      const sent = server.requestsTo("/index.yaml")[1]!.headers;
      expect(sent["if-none-match"]).toBe('"dash-7"');
      expect(sent["if-modified-since"]).toBe("Wed, 28 May 2025 15:16:01 GMT");
    });

    it("is unchanged when the body has the previous digest, even without 304", async () => {
      const raw = readFileSync(DASHBOARD);
      server.route("/index.yaml", serveBody(raw));
      const listing = await provider.list(target(server.url()), {
        previous: { digest: sha256(raw) },
      });
      expect(listing.unchanged).toBe(true);
      expect(listing.bytesFetched).toBe(raw.length);
      expect(listing.validators.digest).toBe(sha256(raw));
    });

    it("parses when the digest changed", async () => {
      server.route("/index.yaml", serveFile(DASHBOARD));
      const listing = complete(
        await provider.list(target(server.url()), {
          previous: { digest: sha256(Buffer.from("old")) },
        }),
      );
      expect(versionCount(listing)).toBe(81);
    });

    it("asks for credentials on 401, then succeeds with them", async () => {
      server.route("/index.yaml", requireBasicAuth("bob", PASSWORD, serveFile(DASHBOARD)));
      const without = await registryFailure(provider.list(target(server.url())));
      expect(without.code).toBe(RegistryErrorCode.AUTH_FAILED);
      expect(without.message).toMatch(/no credentials/);

      const wrong = await registryFailure(
        provider.list(
          target(server.url(), {
            auth: { type: "BASIC", username: "bob", secret: WRONG_PASSWORD },
          }),
        ),
      );
      expect(wrong.code).toBe(RegistryErrorCode.AUTH_FAILED);
      expect(everythingSaidBy(wrong)).not.toContain(WRONG_PASSWORD);

      const listing = complete(
        await provider.list(
          target(server.url(), { auth: { type: "BASIC", username: "bob", secret: PASSWORD } }),
        ),
      );
      expect(versionCount(listing)).toBe(81);
    });

    it("authenticates with a bearer token", async () => {
      server.route("/index.yaml", requireBearer(TOKEN, serveFile(DASHBOARD)));
      const listing = complete(
        await provider.list(target(server.url(), { auth: { type: "TOKEN", secret: TOKEN } })),
      );
      expect(listing.charts).toHaveLength(1);
    });

    it.each([
      ["an empty body", respond(200, ""), RegistryErrorCode.PARSE],
      [
        "malformed YAML",
        respond(200, "apiVersion: v1\nentries:\n  x: [\n"),
        RegistryErrorCode.PARSE,
      ],
      [
        "an HTML page",
        respond(200, "<html><body>Sign in</body></html>", { "content-type": "text/html" }),
        RegistryErrorCode.PARSE,
      ],
      ["500", respond(500, "boom"), RegistryErrorCode.SERVER_ERROR],
      ["404", respond(404, "missing"), RegistryErrorCode.NOT_FOUND],
      ["403", respond(403, "denied"), RegistryErrorCode.FORBIDDEN],
      [
        "a truncated body",
        truncated("apiVersion: v1\nentries:\n  demo:\n", { declaredLength: 4096 }),
        RegistryErrorCode.UNREACHABLE,
      ],
      ["an endless body", endless(), RegistryErrorCode.TOO_LARGE],
      ["a gzip bomb", gzipBomb(64 * 1024 * 1024), RegistryErrorCode.TOO_LARGE],
      ["a redirect loop", redirect("/index.yaml"), RegistryErrorCode.PROTOCOL],
    ])("fails on %s", async (_what, handler, code) => {
      server.route("/index.yaml", handler);
      const small = new HelmProvider({ ...LIMITS, maxBodyBytes: 1024 * 1024 });
      const error = await registryFailure(small.list(target(server.url())));
      expect(error.code).toBe(code);
    });

    it("times out a registry that never answers", async () => {
      server.route("/index.yaml", hang());
      const impatient = createHelmProvider({ ...LIMITS, requestTimeoutMs: 300 });
      const error = await registryFailure(impatient.list(target(server.url())));
      expect(error.code).toBe(RegistryErrorCode.TIMEOUT);
    });

    it("is cancelled by the caller's signal", async () => {
      server.route("/index.yaml", hang());
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const error = await registryFailure(
        provider.list(target(server.url()), { signal: controller.signal }),
      );
      expect(error.code).toBe(RegistryErrorCode.CANCELLED);
    });

    it("fails fast on an alias bomb", async () => {
      const levels = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i <= 9; i++) {
        levels.push(
          `l${i}: &l${i} [${Array(10)
            .fill(`*l${i - 1}`)
            .join(",")}]`,
        );
      }
      const bomb = `${levels.join("\n")}
apiVersion: v1
entries:
  demo:
  - {name: demo, version: 1.0.0, annotations: {lol: *l9}}
`;
      server.route("/index.yaml", serveBody(bomb));
      const started = Date.now();
      const error = await registryFailure(provider.list(target(server.url())));
      expect(error.code).toBe(RegistryErrorCode.PARSE);
      expect(error.message).toMatch(/alias/);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it("reports duplicate keys with their line", async () => {
      server.route("/index.yaml", serveBody("apiVersion: v1\nentries:\n  demo: []\n  demo: []\n"));
      const error = await registryFailure(provider.list(target(server.url())));
      expect(error.code).toBe(RegistryErrorCode.PARSE);
      expect(error.message).toMatch(/line 4/);
    });

    it("does not forward credentials when redirected to another host", async () => {
      const mirror = await FixtureServer.start();
      try {
        mirror.route("/mirror/index.yaml", serveFile(DASHBOARD));
        server.route("/index.yaml", redirect(mirror.url("/mirror/index.yaml")));
        const listing = complete(
          await provider.list(
            target(server.url(), { auth: { type: "BASIC", username: "bob", secret: PASSWORD } }),
          ),
        );
        expect(listing.charts).toHaveLength(1);
        expect(server.requestsTo("/index.yaml")[0]!.headers.authorization).toBeDefined();
        const received = mirror.requestsTo("/mirror/index.yaml");
        expect(received).toHaveLength(1);
        expect(received[0]!.headers.authorization).toBeUndefined();
      } finally {
        await mirror.close();
      }
    });

    describe("over TLS", () => {
      let pki: TestPki;
      let tlsServer: FixtureServer;

      beforeAll(async () => {
        pki = createTestPki();
        tlsServer = await FixtureServer.start({
          tls: { key: pki.serverKey, cert: pki.serverCert },
        });
        tlsServer.route("/index.yaml", serveFile(DASHBOARD));
      });

      afterAll(async () => {
        await tlsServer.close();
      });

      it("accepts the registry's custom CA", async () => {
        const listing = complete(
          await provider.list(
            target(tlsServer.url(), {
              tls: { caCertificate: pki.caCert, insecureSkipVerify: false },
            }),
          ),
        );
        expect(listing.charts).toHaveLength(1);
      });

      it("fails with TLS under the wrong CA", async () => {
        const error = await registryFailure(
          provider.list(
            target(tlsServer.url(), {
              tls: { caCertificate: pki.otherCaCert, insecureSkipVerify: false },
            }),
          ),
        );
        expect(error.code).toBe(RegistryErrorCode.TLS);
      });

      it("skips verification when asked", async () => {
        const listing = complete(
          await provider.list(target(tlsServer.url(), { tls: { insecureSkipVerify: true } })),
        );
        expect(listing.charts).toHaveLength(1);
      });
    });
  });

  describe("validate", () => {
    it("accepts a registry serving an index", async () => {
      server.route("/repo/index.yaml", serveFile(DASHBOARD));
      await expect(provider.validate(target(server.url("/repo")))).resolves.toBeUndefined();
    });

    it("refuses wrong credentials with AUTH_FAILED, without repeating the token", async () => {
      server.route("/index.yaml", requireBearer(TOKEN, serveFile(DASHBOARD)));
      const error = await registryFailure(
        provider.validate(
          target(server.url(), { auth: { type: "TOKEN", secret: `${TOKEN}-old` } }),
        ),
      );
      expect(error.code).toBe(RegistryErrorCode.AUTH_FAILED);
      expect(everythingSaidBy(error)).not.toContain(TOKEN);
    });

    it("refuses an endpoint that is not a Helm repository", async () => {
      server.route("/index.yaml", respond(200, "kind: ConfigMap\ndata: {}\n"));
      const error = await registryFailure(provider.validate(target(server.url())));
      expect(error.code).toBe(RegistryErrorCode.PARSE);
      expect(error.message).toMatch(/entries/);
    });

    it("refuses a missing index with NOT_FOUND", async () => {
      const error = await registryFailure(provider.validate(target(server.url("/nothing"))));
      expect(error.code).toBe(RegistryErrorCode.NOT_FOUND);
    });

    it("refuses a registry of another kind", async () => {
      const error = await registryFailure(
        provider.validate({ ...target(server.url()), kind: "OCI" }),
      );
      expect(error.code).toBe(RegistryErrorCode.INVALID_CONFIGURATION);
    });
  });

  describe("lookup", () => {
    beforeEach(() => {
      server.route("/dash/index.yaml", serveFile(DASHBOARD));
    });

    it("verifies a version through its conventional package URL without reading the index", async () => {
      server.route(
        "/dash/kubernetes-dashboard-6.0.8.tgz",
        serveFile(DASHBOARD_608, { contentType: "application/gzip" }),
      );
      const result = await provider.lookup(
        target(server.url("/dash")),
        "kubernetes-dashboard",
        "6.0.8",
      );
      expect(result.status).toBe("VERIFIED");
      expect(
        server.requestsTo("/dash/kubernetes-dashboard-6.0.8.tgz").map((r) => r.method),
      ).toEqual(["HEAD"]);
      expect(server.requestsTo("/dash/index.yaml")).toHaveLength(0);
    });

    it("falls back to a one-byte GET when HEAD is not allowed", async () => {
      const pkg = readFileSync(DASHBOARD_608);
      server.route("/dash/kubernetes-dashboard-6.0.8.tgz", (req, res) => {
        if (req.method === "HEAD") {
          res.writeHead(405).end();
          return;
        }
        res
          .writeHead(206, {
            "content-type": "application/gzip",
            "content-range": `bytes 0-0/${pkg.length}`,
          })
          .end(pkg.subarray(0, 1));
      });
      const result = await provider.lookup(
        target(server.url("/dash")),
        "kubernetes-dashboard",
        "6.0.8",
      );
      expect(result.status).toBe("VERIFIED");
      const requests = server.requestsTo("/dash/kubernetes-dashboard-6.0.8.tgz");
      expect(requests.map((r) => r.method)).toEqual(["HEAD", "GET"]);
      expect(requests[1]!.headers.range).toBe("bytes=0-0");
    });

    it("verifies through the index when packages live elsewhere, returning the record", async () => {
      const result = await provider.lookup(
        target(server.url("/dash")),
        "kubernetes-dashboard",
        "7.13.0",
      );
      expect(result.status).toBe("VERIFIED");
      expect(result.record?.version).toBe("7.13.0");
      expect(result.record?.urls[0]).toMatch(
        /^https:\/\/github\.com\/kubernetes\/dashboard\/releases\//,
      );
      expect(server.requestsTo("/dash/kubernetes-dashboard-7.13.0.tgz")).toHaveLength(1);
      expect(server.requestsTo("/dash/index.yaml")).toHaveLength(1);
    });

    it("does not take an HTML page at the package URL for a package", async () => {
      server.route(
        "/dash/kubernetes-dashboard-9.9.9.tgz",
        respond(200, "<html>app shell</html>", { "content-type": "text/html" }),
      );
      const result = await provider.lookup(
        target(server.url("/dash")),
        "kubernetes-dashboard",
        "9.9.9",
      );
      expect(result.status).toBe("NOT_FOUND");
    });

    it("says NOT_FOUND with the nearest versions when the chart exists", async () => {
      const result = await provider.lookup(
        target(server.url("/dash")),
        "kubernetes-dashboard",
        "6.0.9",
      );
      expect(result.status).toBe("NOT_FOUND");
      expect(result.message).toContain('has chart "kubernetes-dashboard"');
      const listed = /nearest versions: (.*)\.$/.exec(result.message)?.[1]?.split(", ") ?? [];
      expect(listed).toHaveLength(5);
      // 6.0.8 is the highest version below 6.0.9 in the index, 7.0.0-alpha0 the lowest above.
      expect(listed).toEqual(expect.arrayContaining(["6.0.8", "7.0.0-alpha0"]));
      expect(listed).not.toContain("2.0.1");
    });

    it("says NOT_FOUND when the chart does not exist", async () => {
      const result = await provider.lookup(target(server.url("/dash")), "no-such-chart", "1.0.0");
      expect(result.status).toBe("NOT_FOUND");
      expect(result.message).toContain('no chart "no-such-chart"');
    });

    it("is UNVERIFIABLE when the credentials are refused, without repeating them", async () => {
      server.route(
        "/private/kubernetes-dashboard-6.0.8.tgz",
        requireBasicAuth("bob", PASSWORD, serveFile(DASHBOARD_608)),
      );
      server.route("/private/index.yaml", requireBasicAuth("bob", PASSWORD, serveFile(DASHBOARD)));
      const result = await provider.lookup(
        target(server.url("/private"), {
          auth: { type: "BASIC", username: "bob", secret: WRONG_PASSWORD },
        }),
        "kubernetes-dashboard",
        "6.0.8",
      );
      expect(result.status).toBe("UNVERIFIABLE");
      expect(result.error?.code).toBe(RegistryErrorCode.AUTH_FAILED);
      expect(result.message).not.toContain(WRONG_PASSWORD);
      expect(everythingSaidBy(result)).not.toContain(WRONG_PASSWORD);
      expect(everythingSaidBy(result)).not.toContain(
        Buffer.from(`bob:${WRONG_PASSWORD}`).toString("base64"),
      );
    });

    it("is UNVERIFIABLE when the registry cannot be reached", async () => {
      const gone = await FixtureServer.start();
      const endpoint = gone.url("/charts");
      await gone.close();
      const result = await provider.lookup(target(endpoint), "kubernetes-dashboard", "6.0.8");
      expect(result.status).toBe("UNVERIFIABLE");
      expect(result.error?.code).toBe(RegistryErrorCode.UNREACHABLE);
    });
  });
});
