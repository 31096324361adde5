import { RegistryErrorCode } from "../../../../src/providers/errors";
import { OciProvider } from "../../../../src/providers/oci/oci.provider";
import type { RegistryTarget } from "../../../../src/providers/provider";
import { buildChartTgz, pushHelmChart } from "../../../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../../../helpers/oci/registry";
import { everythingSaidBy, registryFailure } from "../../../helpers/registry-errors";
import {
  LIMITS,
  chartNamed,
  complete,
  ociTarget,
  versionOf,
} from "../../../helpers/oci/oci-test-support";

const USER = { username: "reader", password: "s3cret-Reader-pass" };
const WRONG = "wr0ng-Password-99";

/** Pushes `nginx` 1.0.0 and 1.1.0 and `redis` 2.0.0 under `production`. */
async function pushCharts(registry: OciRegistryServer): Promise<void> {
  for (const [name, version] of [
    ["nginx", "1.0.0"],
    ["nginx", "1.1.0"],
    ["redis", "2.0.0"],
  ] as const) {
    await pushHelmChart(registry, {
      repository: `production/${name}`,
      chart: await buildChartTgz({ name, version }),
    });
  }
}

function basic(username: string, password: string): RegistryTarget["auth"] {
  return { type: "BASIC", username, secret: password };
}

describe("OciProvider: HTTP Basic (htpasswd)", () => {
  let registry: OciRegistryServer;
  const provider = new OciProvider(LIMITS);

  beforeAll(async () => {
    registry = await startOciRegistry({ auth: "htpasswd", users: [USER] });
    await pushCharts(registry);
    registry.resetRequests();
  });

  afterAll(async () => {
    await registry.stop();
  });

  it("lists with the credentials, sent up front to the registry's origin", async () => {
    const listing = complete(
      await provider.list(ociTarget(registry.url, {}, basic(USER.username, USER.password))),
    );
    expect(listing.charts.map((c) => c.name)).toEqual(["nginx", "redis"]);
    const requests = registry.requests();
    const expected = `Basic ${Buffer.from(`${USER.username}:${USER.password}`).toString("base64")}`;
    expect(requests.every((r) => r.headers["authorization"] === expected)).toBe(true);
    expect(requests.filter((r) => r.status === 401)).toEqual([]);
  });

  it("refuses a wrong password with AUTH_FAILED that does not repeat it", async () => {
    const error = await registryFailure(
      provider.list(ociTarget(registry.url, {}, basic(USER.username, WRONG))),
    );
    expect(error.code).toBe(RegistryErrorCode.AUTH_FAILED);
    expect(error.status).toBe(401);
    expect(error.message).toContain("refused the configured credentials");
    expect(everythingSaidBy(error)).not.toContain(WRONG);
    expect(everythingSaidBy(error)).not.toContain(
      Buffer.from(`${USER.username}:${WRONG}`).toString("base64"),
    );

    const validation = await registryFailure(
      provider.validate(ociTarget(registry.url, {}, basic(USER.username, WRONG))),
    );
    expect(validation.code).toBe(RegistryErrorCode.AUTH_FAILED);
  });

  it("says that credentials are needed when none are configured", async () => {
    const error = await registryFailure(provider.list(ociTarget(registry.url)));
    expect(error.code).toBe(RegistryErrorCode.AUTH_FAILED);
    expect(error.message).toContain("no credentials are configured");
    const lookup = await provider.lookup(ociTarget(registry.url), "nginx", "1.0.0");
    expect([lookup.status, lookup.error?.code]).toEqual([
      "UNVERIFIABLE",
      RegistryErrorCode.AUTH_FAILED,
    ]);
  });
});

describe("OciProvider: registry token flow", () => {
  let registry: OciRegistryServer;

  beforeAll(async () => {
    registry = await startOciRegistry({ auth: "token", users: [USER] });
    await pushCharts(registry);
  });

  afterAll(async () => {
    await registry.stop();
  });

  beforeEach(() => {
    registry.resetRequests();
    registry.tokenServer!.resetIssued();
  });

  it("gets one token per scope and reuses it for every request of that scope", async () => {
    const provider = new OciProvider(LIMITS);
    const target = ociTarget(registry.url, {}, basic(USER.username, USER.password));
    const listing = complete(await provider.list(target));
    expect(listing.charts.map((c) => c.name)).toEqual(["nginx", "redis"]);

    const issued = registry.tokenServer!.issued();
    expect(issued.map((t) => t.scope).sort()).toEqual([
      "",
      "registry:catalog:*",
      "repository:production/nginx:pull",
      "repository:production/redis:pull",
    ]);
    expect(issued.every((t) => t.account === USER.username)).toBe(true);
    // Only the first request meets a challenge; the others carry their scope's token up front.
    const requests = registry.requests();
    expect(requests.filter((r) => r.status === 401).map((r) => r.path)).toEqual(["/v2/"]);
    expect(requests.slice(1).every((r) => r.headers["authorization"]?.startsWith("Bearer "))).toBe(
      true,
    );

    // A lookup and a content fetch with the same provider reuse the cached tokens.
    const lookup = await provider.lookup(target, "nginx", "1.1.0");
    expect(lookup.status).toBe("VERIFIED");
    const record = versionOf(chartNamed(listing, "nginx"), "1.1.0");
    const content = await provider.content!(target, {
      chart: "nginx",
      version: "1.1.0",
      urls: record.urls,
      ociReference: record.ociReference ?? null,
    });
    expect(content.values).toContain("replicaCount");
    expect(registry.tokenServer!.issued()).toHaveLength(4);
  });

  it("refuses a wrong password at the token service with AUTH_FAILED, without the password", async () => {
    const provider = new OciProvider(LIMITS);
    const error = await registryFailure(
      provider.validate(ociTarget(registry.url, {}, basic(USER.username, WRONG))),
    );
    expect(error.code).toBe(RegistryErrorCode.AUTH_FAILED);
    expect(error.message).toMatch(
      /^Getting a registry token failed: .*refused the configured credentials/,
    );
    expect(everythingSaidBy(error)).not.toContain(WRONG);
  });

  it("gets anonymous tokens without credentials, which this registry does not let pull", async () => {
    const provider = new OciProvider(LIMITS);
    const error = await registryFailure(provider.list(ociTarget(registry.url)));
    expect(error.code).toBe(RegistryErrorCode.FORBIDDEN);
    expect(registry.tokenServer!.issued().every((t) => t.account === undefined)).toBe(true);
  });
});

describe("OciProvider: registry tokens that expire", () => {
  let registry: OciRegistryServer;
  const TTL_SECONDS = 2;

  beforeAll(async () => {
    registry = await startOciRegistry({
      auth: "token",
      users: [USER],
      tokenTtlSeconds: TTL_SECONDS,
    });
    await pushCharts(registry);
    registry.tokenServer!.resetIssued();
  });

  afterAll(async () => {
    await registry.stop();
  });

  it("reuses tokens while they live and renews them once they expire", async () => {
    const provider = new OciProvider(LIMITS);
    const target = ociTarget(registry.url, {}, basic(USER.username, USER.password));
    complete(await provider.list(target));
    expect(registry.tokenServer!.issued()).toHaveLength(4);
    complete(await provider.list(target));
    expect(registry.tokenServer!.issued()).toHaveLength(4);

    // Token lifetime is wall-clock time on both sides: nothing to await but the clock.
    await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000 + 100));
    registry.resetRequests();
    complete(await provider.list(target));
    const issued = registry.tokenServer!.issued();
    expect(issued).toHaveLength(8);
    expect(
      issued
        .slice(4)
        .map((t) => t.scope)
        .sort(),
    ).toEqual(
      issued
        .slice(0, 4)
        .map((t) => t.scope)
        .sort(),
    );
    // Renewed before use: no request was refused for an expired token.
    expect(
      registry
        .requests()
        .filter((r) => r.status === 401)
        .map((r) => r.path),
    ).toEqual(["/v2/"]);
  });
});

describe("OciProvider: a registry that refuses its catalog", () => {
  let registry: OciRegistryServer;
  const provider = new OciProvider(LIMITS);

  beforeAll(async () => {
    registry = await startOciRegistry({
      auth: "token",
      users: [USER],
      anonymousPull: true,
      catalogAccess: "nobody",
    });
    await pushCharts(registry);
  });

  afterAll(async () => {
    await registry.stop();
  });

  it("says to configure the repositories when _catalog is refused", async () => {
    for (const auth of [basic(USER.username, USER.password), { type: "NONE" } as const]) {
      const error = await registryFailure(provider.list(ociTarget(registry.url, {}, auth)));
      expect(error.code).toBe(RegistryErrorCode.FORBIDDEN);
      expect(error.message).toContain("configure the repositories to catalogue explicitly");
      const validation = await registryFailure(
        provider.validate(ociTarget(registry.url, {}, auth)),
      );
      expect(validation.code).toBe(RegistryErrorCode.FORBIDDEN);
    }
  });

  it("lists the configured repositories, anonymously too", async () => {
    const target = ociTarget(registry.url, { repositories: ["production/nginx"] });
    await expect(provider.validate(target)).resolves.toBeUndefined();
    const listing = complete(await provider.list(target));
    expect(listing.charts.map((c) => [c.name, c.versions.map((v) => v.version)])).toEqual([
      ["nginx", ["1.1.0", "1.0.0"]],
    ]);
  });
});
