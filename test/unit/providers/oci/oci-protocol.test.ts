import { RegistryErrorCode } from "../../../../src/providers/errors";
import {
  TokenCache,
  parseChallenges,
  parseTokenResponse,
} from "../../../../src/providers/oci/oci-auth";
import { nextPage } from "../../../../src/providers/oci/oci-client";
import {
  chartNameOf,
  compareVersionsDescending,
  formatOciReference,
  normalizeBasePaths,
  parseOciReference,
  tagForVersion,
  versionForTag,
} from "../../../../src/providers/oci/oci-reference";
import { RateLimitBudget, parseRetryAfter } from "../../../../src/providers/oci/rate-limit";

describe("OCI protocol details", () => {
  it("parses WWW-Authenticate challenges as registries send them", () => {
    expect(
      parseChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual([
      {
        scheme: "bearer",
        params: {
          realm: "https://auth.docker.io/token",
          service: "registry.docker.io",
          scope: "repository:library/nginx:pull",
        },
      },
    ]);
    expect(
      parseChallenges(
        'Basic realm="Registry Realm", Bearer realm="https://x/token", error="insufficient_scope"',
      ),
    ).toEqual([
      { scheme: "basic", params: { realm: "Registry Realm" } },
      { scheme: "bearer", params: { realm: "https://x/token", error: "insufficient_scope" } },
    ]);
    expect(parseChallenges(undefined)).toEqual([]);
  });

  it("follows only a rel=next Link of the same listing on the registry's origin", () => {
    const origin = new URL("https://registry.example.com");
    const current = new URL("https://registry.example.com/v2/_catalog?n=100");
    expect(
      nextPage('</v2/_catalog?last=b&n=100>; rel="next"', current, origin, "/v2/_catalog")?.href,
    ).toBe("https://registry.example.com/v2/_catalog?last=b&n=100");
    expect(
      nextPage('</v2/_catalog?last=b>; rel="prev"', current, origin, "/v2/_catalog"),
    ).toBeUndefined();
    expect(() =>
      nextPage(
        '<https://evil.example.com/v2/_catalog?last=b>; rel="next"',
        current,
        origin,
        "/v2/_catalog",
      ),
    ).toThrow(expect.objectContaining({ code: RegistryErrorCode.PROTOCOL }));
  });

  it("reads Retry-After in seconds and as an HTTP date, and keeps a retry budget", () => {
    const now = Date.parse("2024-01-02T03:04:05Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Tue, 02 Jan 2024 03:04:35 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 02 Jan 2024 03:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();

    const budget = new RateLimitBudget({
      maxRetries: 3,
      budget: 4,
      baseDelayMs: 100,
      maxDelayMs: 1000,
    });
    expect([0, 1, 2].map((attempt) => budget.nextDelay(attempt, undefined, "r"))).toEqual([
      100, 200, 400,
    ]);
    expect(budget.nextDelay(3, undefined, "r")).toMatchObject({
      code: RegistryErrorCode.RATE_LIMITED,
    });
    expect(budget.nextDelay(0, "2", "r")).toMatchObject({
      message: expect.stringContaining("longer than the 1 s the gateway waits"),
    });
    expect(budget.nextDelay(0, "0", "r")).toBe(0);
    expect(budget.nextDelay(0, "0", "r")).toMatchObject({
      message: expect.stringContaining("all of its 4 retries"),
    });
  });

  it("maps versions to tags and back as Helm does", () => {
    expect(tagForVersion("1.2.3+build.5")).toBe("1.2.3_build.5");
    expect(versionForTag("1.2.3_build.5")).toBe("1.2.3+build.5");
    expect(
      ["1.0.0", "latest", "2.0.0-rc.1", "1.10.0", "1.2.0+b", "v1.9.0"].sort(
        compareVersionsDescending,
      ),
    ).toEqual(["2.0.0-rc.1", "1.10.0", "v1.9.0", "1.2.0+b", "1.0.0", "latest"]);
  });

  it("names charts by their path below a base path, matching whole segments", () => {
    const bases = normalizeBasePaths(["/production/", "community"]);
    expect(bases).toEqual(["production", "community"]);
    expect(chartNameOf("production/nginx", bases)).toEqual({
      basePath: "production",
      chart: "nginx",
    });
    expect(chartNameOf("production/team/nginx", bases)?.chart).toBe("team/nginx");
    expect(chartNameOf("production-eu/nginx", bases)).toBeUndefined();
    expect(chartNameOf("production", bases)).toBeUndefined();
    expect(chartNameOf("any/repo", [])).toEqual({ chart: "any/repo" });
    expect(() => normalizeBasePaths(["Prod Uction"])).toThrow(
      expect.objectContaining({ code: RegistryErrorCode.INVALID_CONFIGURATION }),
    );
  });

  it("parses and formats pinned references", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    const text = `127.0.0.1:5000/production/team/nginx:1.2.3_build.5@${digest}`;
    const reference = parseOciReference(text);
    expect(reference).toEqual({
      host: "127.0.0.1:5000",
      repository: "production/team/nginx",
      tag: "1.2.3_build.5",
      digest,
    });
    expect(formatOciReference(reference)).toBe(text);
    for (const bad of ["host/repo:1.0.0", `host/Repo@${digest}`, `repo@sha256:abc`]) {
      expect(() => parseOciReference(bad)).toThrow(
        expect.objectContaining({ code: RegistryErrorCode.INVALID_CONFIGURATION }),
      );
    }
  });

  it("reads token answers and keeps tokens until shortly before they expire", () => {
    expect(
      parseTokenResponse(Buffer.from('{"access_token":"abc","expires_in":300}'), "realm"),
    ).toEqual({
      token: "abc",
      expiresInSeconds: 300,
    });
    expect(parseTokenResponse(Buffer.from('{"token":"t"}'), "realm").expiresInSeconds).toBe(60);
    expect(() => parseTokenResponse(Buffer.from("{}"), "realm")).toThrow(
      expect.objectContaining({ code: RegistryErrorCode.PARSE }),
    );

    let now = 0;
    const cache = new TokenCache(() => now);
    cache.set("k", { token: "t", expiresInSeconds: 300 });
    now = 269_000;
    expect(cache.get("k")).toBe("t");
    now = 270_000;
    expect(cache.get("k")).toBeUndefined();
  });
});
