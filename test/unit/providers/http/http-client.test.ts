import * as net from "node:net";
import { gzipSync } from "node:zlib";
import { RegistryErrorCode } from "../../../../src/providers/errors";
import { createHttpClient, type HttpClient } from "../../../../src/providers/http/http-client";
import type { FetchLimits, RegistryTarget } from "../../../../src/providers/provider";
import {
  FixtureServer,
  declareLength,
  drip,
  endless,
  gzipBomb,
  hang,
  redirect,
  requireBasicAuth,
  requireBearer,
  respond,
  serveBody,
  truncated,
} from "../../../helpers/http-fixture-server";
import { everythingSaidBy, registryFailure } from "../../../helpers/registry-errors";
import { createTestPki, type TestPki } from "../../../helpers/test-pki";

const LIMITS: FetchLimits = {
  connectTimeoutMs: 2_000,
  requestTimeoutMs: 3_000,
  maxBodyBytes: 1024 * 1024,
  maxRedirects: 5,
};

const PASSWORD = "s3cr3t-Pa55word!";
const TOKEN = "tok-9f8e7d6c5b4a";

function target(endpoint: string, overrides: Partial<RegistryTarget> = {}): RegistryTarget {
  return {
    kind: "HELM",
    endpoint,
    auth: { type: "NONE" },
    tls: { insecureSkipVerify: false },
    ...overrides,
  };
}

const basic = { type: "BASIC" as const, username: "alice", secret: PASSWORD };

describe("HttpClient", () => {
  let server: FixtureServer;
  const clients: HttpClient[] = [];

  function client(t: RegistryTarget, limits: Partial<FetchLimits> = {}): HttpClient {
    const c = createHttpClient(t, { ...LIMITS, ...limits });
    clients.push(c);
    return c;
  }

  beforeEach(async () => {
    server = await FixtureServer.start();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server.close();
  });

  describe("authentication", () => {
    it("sends Basic credentials and reports the body, status and headers", async () => {
      server.route("/repo/index.yaml", requireBasicAuth("alice", PASSWORD, serveBody("hello")));
      const response = await client(target(server.url("/repo"), { auth: basic })).request({
        url: server.url("/repo/index.yaml"),
      });
      expect(response.status).toBe(200);
      expect(response.body.toString()).toBe("hello");
      expect(response.bytesOnWire).toBe(5);
      expect(response.url).toBe(server.url("/repo/index.yaml"));
      expect(response.headers["content-type"]).toBe("application/x-yaml");
    });

    it("sends a Bearer token", async () => {
      server.route("/index.yaml", requireBearer(TOKEN, serveBody("ok")));
      const response = await client(
        target(server.url(), { auth: { type: "TOKEN", secret: TOKEN } }),
      ).request({ url: server.url("/index.yaml") });
      expect(response.body.toString()).toBe("ok");
    });

    it("sends no Authorization without credentials", async () => {
      server.route("/index.yaml", serveBody("ok"));
      await client(target(server.url())).request({ url: server.url("/index.yaml") });
      expect(server.requestsTo("/index.yaml")[0]!.headers.authorization).toBeUndefined();
    });

    it("maps 401 to AUTH_FAILED without repeating the password, even when the body echoes it", async () => {
      server.route("/index.yaml", (req, res) => {
        res
          .writeHead(401, { "content-type": "text/plain" })
          .end(`bad credentials: ${req.headers.authorization} (${PASSWORD})`);
      });
      const error = await registryFailure(
        client(target(server.url(), { auth: basic })).request({ url: server.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.AUTH_FAILED);
      expect(error.status).toBe(401);
      expect(error.message).toContain("bad credentials");
      const said = everythingSaidBy(error);
      expect(said).not.toContain(PASSWORD);
      expect(said).not.toContain(Buffer.from(`alice:${PASSWORD}`).toString("base64"));
    });

    it("refuses an endpoint with credentials in the URL without repeating them", () => {
      const endpoint = server.url().replace("http://", `http://alice:${PASSWORD}@`);
      let thrown: unknown;
      try {
        createHttpClient(target(endpoint), LIMITS);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: RegistryErrorCode.INVALID_CONFIGURATION });
      expect(everythingSaidBy(thrown)).not.toContain(PASSWORD);
    });
  });

  describe("status codes", () => {
    it.each([
      [403, RegistryErrorCode.FORBIDDEN],
      [404, RegistryErrorCode.NOT_FOUND],
      [500, RegistryErrorCode.SERVER_ERROR],
      [503, RegistryErrorCode.SERVER_ERROR],
      [400, RegistryErrorCode.PROTOCOL],
    ])("maps %i to %s with the registry's own words", async (status, code) => {
      server.route("/index.yaml", respond(status, `registry says ${status}`));
      const error = await registryFailure(
        client(target(server.url())).request({ url: server.url("/index.yaml") }),
      );
      expect(error.code).toBe(code);
      expect(error.status).toBe(status);
      expect(error.message).toContain(`registry says ${status}`);
      expect(error.message).toContain(server.url("/index.yaml"));
    });

    it("maps 429 to RATE_LIMITED and says when to retry", async () => {
      server.route("/index.yaml", respond(429, "slow down", { "retry-after": "120" }));
      const error = await registryFailure(
        client(target(server.url())).request({ url: server.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.RATE_LIMITED);
      expect(error.message).toContain("120 seconds");
    });

    it("shows the title of an HTML error page rather than its markup", async () => {
      server.route(
        "/index.yaml",
        respond(
          502,
          "<html><head><title>502 Bad Gateway</title></head><body><h1>x</h1></body></html>",
          {
            "content-type": "text/html",
          },
        ),
      );
      const error = await registryFailure(
        client(target(server.url())).request({ url: server.url("/index.yaml") }),
      );
      expect(error.message).toContain('"502 Bad Gateway"');
      expect(error.message).not.toContain("<h1>");
    });

    it("returns statuses the caller asked to see instead of throwing", async () => {
      server.route("/x", respond(405, "no HEAD here"));
      const response = await client(target(server.url())).request({
        url: server.url("/x"),
        method: "HEAD",
        passStatuses: [405],
      });
      expect(response.status).toBe(405);
    });
  });

  describe("compression and size limits", () => {
    it("asks for gzip and decompresses it", async () => {
      const text = "apiVersion: v1\n".repeat(1000);
      server.route("/index.yaml", serveBody(text, { gzip: true }));
      const response = await client(target(server.url())).request({
        url: server.url("/index.yaml"),
      });
      expect(server.requestsTo("/index.yaml")[0]!.headers["accept-encoding"]).toBe("gzip");
      expect(response.body.toString()).toBe(text);
      expect(response.bytesOnWire).toBe(gzipSync(text).length);
      expect(response.bytesOnWire).toBeLessThan(text.length / 10);
    });

    it("fails a gzip bomb with TOO_LARGE", async () => {
      const bomb = gzipBomb(64 * 1024 * 1024);
      server.route("/index.yaml", bomb);
      expect(bomb.compressedBytes).toBeLessThan(LIMITS.maxBodyBytes);
      const error = await registryFailure(
        client(target(server.url())).request({ url: server.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.TOO_LARGE);
      expect(error.message).toMatch(/decompressed/);
    });

    it("fails a corrupt gzip body with PARSE", async () => {
      const body = gzipSync("apiVersion: v1\n".repeat(100)).subarray(0, 40);
      server.route("/index.yaml", respond(200, body, { "content-encoding": "gzip" }));
      const error = await registryFailure(
        client(target(server.url())).request({ url: server.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.PARSE);
    });

    it("fails an endless body with TOO_LARGE and drops the connection at the cap", async () => {
      const stream = endless();
      server.route("/index.yaml", stream);
      const started = Date.now();
      const error = await registryFailure(
        client(target(server.url()), { maxBodyBytes: 256 * 1024 }).request({
          url: server.url("/index.yaml"),
        }),
      );
      expect(error.code).toBe(RegistryErrorCode.TOO_LARGE);
      expect(Date.now() - started).toBeLessThan(LIMITS.requestTimeoutMs);
      await waitFor(() => stream.closed());
      // Socket buffers on both sides hold a few MB at most; an unbounded read would be far more.
      expect(stream.sent()).toBeLessThan(64 * 1024 * 1024);
    });

    it("fails before reading when Content-Length is above the cap", async () => {
      server.route("/index.yaml", declareLength(10 * 1024 * 1024));
      const started = Date.now();
      const error = await registryFailure(
        client(target(server.url())).request({ url: server.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.TOO_LARGE);
      expect(error.message).toContain("10485760");
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });

  describe("conditional requests", () => {
    it("sends validators and returns 304 as not modified", async () => {
      server.route(
        "/index.yaml",
        serveBody("x", { etag: '"v1"', lastModified: "Wed, 01 Mar 2023 10:01:00 GMT" }),
      );
      const c = client(target(server.url()));
      const first = await c.request({ url: server.url("/index.yaml") });
      expect(first.notModified).toBe(false);
      expect(first.etag).toBe('"v1"');
      expect(first.lastModified).toBe("Wed, 01 Mar 2023 10:01:00 GMT");
      const second = await c.request({
        url: server.url("/index.yaml"),
        validators: { etag: first.etag ?? null, lastModified: first.lastModified ?? null },
      });
      expect(second.status).toBe(304);
      expect(second.notModified).toBe(true);
      expect(second.body.length).toBe(0);
      const sent = server.requestsTo("/index.yaml")[1]!.headers;
      expect(sent["if-none-match"]).toBe('"v1"');
      expect(sent["if-modified-since"]).toBe("Wed, 01 Mar 2023 10:01:00 GMT");
    });
  });

  describe("timeouts, cancellation and broken connections", () => {
    it("times out a server that never answers", async () => {
      server.route("/index.yaml", hang());
      const started = Date.now();
      const error = await registryFailure(
        client(target(server.url()), { requestTimeoutMs: 300 }).request({
          url: server.url("/index.yaml"),
        }),
      );
      expect(error.code).toBe(RegistryErrorCode.TIMEOUT);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it("counts the body in the request timeout (slow drip)", async () => {
      server.route("/index.yaml", drip("a", 20));
      const error = await registryFailure(
        client(target(server.url()), { requestTimeoutMs: 300 }).request({
          url: server.url("/index.yaml"),
        }),
      );
      expect(error.code).toBe(RegistryErrorCode.TIMEOUT);
    });

    it("maps a caller's abort to CANCELLED", async () => {
      server.route("/index.yaml", hang());
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const error = await registryFailure(
        client(target(server.url())).request({
          url: server.url("/index.yaml"),
          signal: controller.signal,
        }),
      );
      expect(error.code).toBe(RegistryErrorCode.CANCELLED);
    });

    it("classifies a body cut short (Content-Length not reached) as UNREACHABLE", async () => {
      server.route(
        "/index.yaml",
        truncated("apiVersion: v1\nentries:\n", { declaredLength: 5000 }),
      );
      const error = await registryFailure(
        client(target(server.url())).request({ url: server.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.UNREACHABLE);
    });

    it("classifies an aborted chunked body as UNREACHABLE", async () => {
      server.route("/index.yaml", truncated("apiVersion: v1\nentries:\n", { chunked: true }));
      const error = await registryFailure(
        client(target(server.url())).request({ url: server.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.UNREACHABLE);
    });

    it("maps a refused connection to UNREACHABLE", async () => {
      const closed = await FixtureServer.start();
      const url = closed.url("/index.yaml");
      await closed.close();
      const error = await registryFailure(client(target(url)).request({ url }));
      expect(error.code).toBe(RegistryErrorCode.UNREACHABLE);
      expect(error.message).toMatch(/refused/);
    });

    it("refuses requests after close()", async () => {
      server.route("/index.yaml", serveBody("x"));
      const c = client(target(server.url()));
      await c.close();
      await expect(c.request({ url: server.url("/index.yaml") })).rejects.toThrow(/closed/);
    });
  });

  describe("redirects", () => {
    it("follows a relative redirect and reports the final URL", async () => {
      server.route("/old/index.yaml", redirect("../new/index.yaml", 301));
      server.route("/new/index.yaml", serveBody("moved"));
      const response = await client(target(server.url("/old"))).request({
        url: server.url("/old/index.yaml"),
      });
      expect(response.body.toString()).toBe("moved");
      expect(response.url).toBe(server.url("/new/index.yaml"));
      expect(response.redirects).toBe(1);
    });

    it("fails a redirect loop with PROTOCOL", async () => {
      server.route("/a", redirect("/b"));
      server.route("/b", redirect("/a"));
      const error = await registryFailure(
        client(target(server.url())).request({ url: server.url("/a") }),
      );
      expect(error.code).toBe(RegistryErrorCode.PROTOCOL);
      expect(error.message).toMatch(/loop/i);
    });

    it("stops after maxRedirects", async () => {
      for (let i = 0; i < 5; i++) server.route(`/r${i}`, redirect(`/r${i + 1}`));
      server.route("/r5", serveBody("end"));
      const c = client(target(server.url()), { maxRedirects: 3 });
      const error = await registryFailure(c.request({ url: server.url("/r0") }));
      expect(error.code).toBe(RegistryErrorCode.PROTOCOL);
      expect(error.message).toMatch(/too many redirects/i);
      expect(server.requestsTo("/r4")).toHaveLength(0);
    });

    it("refuses a redirect to a scheme other than http(s)", async () => {
      server.route("/index.yaml", redirect("file:///etc/passwd"));
      const error = await registryFailure(
        client(target(server.url())).request({ url: server.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.PROTOCOL);
    });

    it("does not send credentials to another origin, and sends them again back home", async () => {
      const other = await FixtureServer.start();
      try {
        other.route("/elsewhere", redirect(server.url("/final")));
        server.route("/index.yaml", redirect(other.url("/elsewhere")));
        server.route("/final", serveBody("home"));
        const response = await client(target(server.url(), { auth: basic })).request({
          url: server.url("/index.yaml"),
        });
        expect(response.body.toString()).toBe("home");
        expect(server.requestsTo("/index.yaml")[0]!.headers.authorization).toMatch(/^Basic /);
        expect(other.requestsTo("/elsewhere")).toHaveLength(1);
        expect(other.requestsTo("/elsewhere")[0]!.headers.authorization).toBeUndefined();
        expect(server.requestsTo("/final")[0]!.headers.authorization).toMatch(/^Basic /);
      } finally {
        await other.close();
      }
    });

    it("passes every hop through beforeConnect, which can refuse one", async () => {
      server.route("/index.yaml", redirect("/blocked"));
      const seen: string[] = [];
      const c = createHttpClient(target(server.url()), LIMITS, {
        beforeConnect: (url) => {
          seen.push(url.pathname);
          if (url.pathname === "/blocked") throw new Error("blocked by policy");
        },
      });
      clients.push(c);
      await expect(c.request({ url: server.url("/index.yaml") })).rejects.toBeDefined();
      expect(seen).toEqual(["/index.yaml", "/blocked"]);
      expect(server.requestsTo("/blocked")).toHaveLength(0);
    });
  });

  describe("TLS", () => {
    let pki: TestPki;
    let tlsServer: FixtureServer;

    beforeAll(() => {
      pki = createTestPki();
    });

    beforeEach(async () => {
      tlsServer = await FixtureServer.start({ tls: { key: pki.serverKey, cert: pki.serverCert } });
      tlsServer.route("/index.yaml", serveBody("secure"));
    });

    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.close()));
      await tlsServer.close();
    });

    it("trusts a custom CA", async () => {
      const response = await client(
        target(tlsServer.url(), { tls: { caCertificate: pki.caCert, insecureSkipVerify: false } }),
      ).request({ url: tlsServer.url("/index.yaml") });
      expect(response.body.toString()).toBe("secure");
    });

    it("trusts a CA that is one of several certificates in the PEM", async () => {
      const chain = `${pki.otherCaCert}\n${pki.caCert}`;
      const response = await client(
        target(tlsServer.url(), { tls: { caCertificate: chain, insecureSkipVerify: false } }),
      ).request({ url: tlsServer.url("/index.yaml") });
      expect(response.body.toString()).toBe("secure");
    });

    it("fails with TLS when the server's CA is not trusted", async () => {
      const error = await registryFailure(
        client(
          target(tlsServer.url(), {
            tls: { caCertificate: pki.otherCaCert, insecureSkipVerify: false },
          }),
        ).request({ url: tlsServer.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.TLS);
      expect(error.message).toMatch(/certificate/);
    });

    it("fails with TLS without a custom CA (system roots only)", async () => {
      const error = await registryFailure(
        client(target(tlsServer.url())).request({ url: tlsServer.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.TLS);
    });

    it("skips verification when asked, even with a wrong CA set", async () => {
      const response = await client(
        target(tlsServer.url(), {
          tls: { caCertificate: pki.otherCaCert, insecureSkipVerify: true },
        }),
      ).request({ url: tlsServer.url("/index.yaml") });
      expect(response.body.toString()).toBe("secure");
    });

    it("fails with TLS on a self-signed server certificate", async () => {
      const selfSigned = await FixtureServer.start({
        tls: { key: pki.selfSignedKey, cert: pki.selfSignedCert },
      });
      try {
        selfSigned.route("/index.yaml", serveBody("x"));
        const error = await registryFailure(
          client(target(selfSigned.url())).request({ url: selfSigned.url("/index.yaml") }),
        );
        expect(error.code).toBe(RegistryErrorCode.TLS);
      } finally {
        await selfSigned.close();
      }
    });

    it("rejects a CA that is not a PEM certificate", () => {
      expect(() =>
        createHttpClient(
          target(tlsServer.url(), {
            tls: { caCertificate: "not a cert", insecureSkipVerify: false },
          }),
          LIMITS,
        ),
      ).toThrow(expect.objectContaining({ code: RegistryErrorCode.INVALID_CONFIGURATION }));
    });

    it("times out a TLS handshake that never completes with the connect timeout", async () => {
      const silent = net.createServer(() => undefined);
      const sockets: net.Socket[] = [];
      silent.on("connection", (s) => sockets.push(s));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const { port } = silent.address() as net.AddressInfo;
      try {
        const url = `https://127.0.0.1:${port}/index.yaml`;
        const started = Date.now();
        const error = await registryFailure(
          client(target(`https://127.0.0.1:${port}`), {
            connectTimeoutMs: 200,
            requestTimeoutMs: 5_000,
          }).request({ url }),
        );
        expect(error.code).toBe(RegistryErrorCode.TIMEOUT);
        expect(error.message).toMatch(/connect/);
        expect(Date.now() - started).toBeLessThan(2_000);
      } finally {
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
