import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  AddOciRegistryDocument,
  OciVersionsDocument,
  RegistriesDocument,
  UpdateOciRegistryDocument,
  ValidateOciRegistryDocument,
  VersionContentDocument,
} from "../__generated__/graphql";
import { RegistryEntity } from "../../src/entities";
import { fromGlobalId } from "../../src/services/ids";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { startEcrStandIn, type EcrStandIn } from "../helpers/oci/ecr-stand-in";
import {
  buildChartTgz,
  deleteAllTags,
  pushBlobOnly,
  pushHelmChart,
  type PushedArtifact,
} from "../helpers/oci/push";
import { startOciRegistry, type OciRegistryServer } from "../helpers/oci/registry";
import { skopeoListTags } from "../helpers/oci/skopeo";
import { syncAndWait } from "../helpers/sync";

const PASSWORD = "oci-Pa55word-not-in-any-response";
const README = "# beta\n\nThe beta chart: a README read from the package on first request.\n";
const VALUES = "replicaCount: 3\nimage:\n  repository: example/beta\n  tag: '0.1.0'\n";
const SCHEMA = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"object"}\n';
const DASHBOARD = path.join("oci", "kubernetes-dashboard-6.0.8-derived");

/** Everything the gateway said, for secret checks. */
function everything(t: TestGateway, responses: unknown[]): string {
  return JSON.stringify(responses) + "\n" + t.logs.join("\n");
}

/** The real kubernetes-dashboard 6.0.8 package (the derived OCI layout's chart layer). */
function dashboardPackage(): Buffer {
  const layout = fixturePath(DASHBOARD);
  const manifest = JSON.parse(readFileSync(path.join(layout, "manifest.json"), "utf8")) as {
    layers: { digest: string }[];
  };
  const digest = manifest.layers[0].digest.replace("sha256:", "");
  return readFileSync(path.join(layout, "blobs", "sha256", digest));
}

describe("OCI registries (Helm charts) through the API, against a real docker-registry", () => {
  let t: TestGateway;
  let registry: OciRegistryServer;
  const pushed = new Map<string, PushedArtifact>();
  const responses: unknown[] = [];
  let registryId: string;

  beforeAll(async () => {
    registry = await startOciRegistry({
      auth: "htpasswd",
      users: [{ username: "reader", password: PASSWORD }],
    });
    t = await startTestGateway();
    const charts: [string, string, Partial<Parameters<typeof buildChartTgz>[0]>][] = [
      ["charts/alpha", "1.0.0", {}],
      ["charts/alpha", "1.1.0", {}],
      ["charts/alpha", "2.0.0-rc.1", {}],
      ["charts/alpha", "1.2.0+build.7", {}],
      ["charts/beta", "0.1.0", { values: VALUES, readme: README, valuesSchema: SCHEMA }],
      ["other/gamma", "1.0.0", {}],
    ];
    for (const [repository, version, extra] of charts) {
      const name = repository.split("/").pop()!;
      const chart = await buildChartTgz({ name, version, appVersion: "9.9.9", ...extra });
      pushed.set(`${repository}:${version}`, await pushHelmChart(registry, { repository, chart }));
    }
    const legacy = await buildChartTgz({ name: "legacy", version: "0.9.0" });
    await pushHelmChart(registry, { repository: "charts/legacy", chart: legacy, legacy: true });
    await pushHelmChart(registry, {
      repository: "charts/kubernetes-dashboard",
      chart: dashboardPackage(),
    });
    await pushBlobOnly(registry, "charts/blob-only");
    await deleteAllTags(registry, "charts/emptied");
  });

  afterAll(async () => {
    await t?.close();
    await registry?.stop();
  });

  it("enforces the OCI rules before touching the network", async () => {
    const base = { name: "rules", endpoint: registry.url };
    const cases: [Record<string, unknown>, string][] = [
      [{ providerType: "ZARF", authKind: "ECR", syncEnabled: false }, "authKind"],
      [{ providerType: "ZARF", syncEnabled: true, baseContentPaths: ["z"] }, "syncEnabled"],
      [{ baseContentPaths: [] }, "baseContentPaths"],
      [{ baseContentPaths: ["charts"], repositories: ["other/gamma"] }, "repositories"],
      [{ baseContentPaths: ["Charts!"] }, "baseContentPaths"],
      [{ endpoint: `${registry.url}/v2/charts`, baseContentPaths: ["charts"] }, "endpoint"],
      [{ baseContentPaths: ["charts"], auth: { type: "TOKEN", token: "x" } }, "auth.type"],
      [{ authKind: "ECR", baseContentPaths: ["charts"] }, "ecr.region"],
      [{ providerType: "PACK", baseContentPaths: ["packs"], syncEnabled: false }, "syncEnabled"],
    ];
    for (const [input, field] of cases) {
      const result = await t.exec(AddOciRegistryDocument, {
        input: { ...base, ...input } as never,
      });
      expect([errorCode(result), result.errors?.[0]?.extensions?.field]).toEqual([
        "BAD_USER_INPUT",
        field,
      ]);
    }
    expect(registry.requests()).toEqual([]);
  });

  it("refuses wrong credentials with a typed error and saves nothing", async () => {
    const input = {
      name: "wrong-password",
      endpoint: registry.url,
      baseContentPaths: ["charts"],
      auth: { type: "BASIC", username: "reader", password: "not-the-password" },
    } as never;
    const validation = await t.ok(ValidateOciRegistryDocument, { input });
    expect(validation.validateOciRegistry).toMatchObject({
      valid: false,
      errorCode: "AUTH_FAILED",
    });
    const added = await t.exec(AddOciRegistryDocument, { input });
    expect(errorCode(added)).toBe("REGISTRY_VALIDATION_FAILED");
    expect(added.errors?.[0]?.extensions?.reason).toBe("AUTH_FAILED");
    const list = await t.ok(RegistriesDocument, {});
    expect(list.registries.totalCount).toBe(0);
  });

  it("adds the registry (endpoint normalized, secret write-only)", async () => {
    const data = await t.ok(AddOciRegistryDocument, {
      input: {
        name: "harbor-like",
        endpoint: `${registry.url}/`,
        baseContentPaths: ["/charts/"],
        auth: { type: "BASIC", username: "reader", password: PASSWORD },
      } as never,
    });
    responses.push(data);
    const added = data.addOciRegistry;
    registryId = added.id;
    expect(added).toMatchObject({
      kind: "OCI",
      endpoint: registry.url,
      providerType: "HELM",
      authKind: "BASIC",
      baseContentPaths: ["charts"],
      repositories: [],
      ecr: null,
      syncEnabled: true,
      auth: { type: "BASIC", username: "reader", hasSecret: true },
    });
  });

  it("syncs metadata only: every tag under the base path, + restored from _, pre-3.7 charts skipped with a warning", async () => {
    registry.resetRequests();
    const run = await syncAndWait(t, registryId);
    responses.push(run);
    expect(run.status).toBe("SUCCEEDED");
    // alpha (4), beta (1), kubernetes-dashboard (1); legacy skipped; blob-only and emptied have no tags.
    expect([run.chartsSeen, run.versionsAdded, run.versionsSkipped]).toEqual([3, 6, 1]);
    const legacyWarning = run.warnings.find((w) => w.chart === "legacy");
    expect(legacyWarning?.message).toMatch(/Helm.*3\.7/);

    // Never a chart package (layer) download, never a repository outside the base path.
    const requests = registry.requests();
    const layerDigests = [...pushed.values()].flatMap((p) => p.layerDigests);
    expect(requests.filter((r) => layerDigests.some((d) => r.path.includes(d)))).toEqual([]);
    expect(requests.filter((r) => r.path.includes("other/gamma"))).toEqual([]);

    // The tags, cross-checked with skopeo (an independent client).
    const alpha = await t.ok(OciVersionsDocument, { id: registryId, name: "alpha" });
    const versions = alpha.registry!.chart!.versions.edges.map((e) => e.node);
    const skopeoTags = await skopeoListTags(registry, "charts/alpha");
    expect(versions.map((v) => v.tag).sort()).toEqual([...skopeoTags].sort());
    expect(versions.map((v) => v.version)).toEqual([
      "2.0.0-rc.1",
      "1.2.0+build.7",
      "1.1.0",
      "1.0.0",
    ]);
    expect(alpha.registry!.chart!.latestVersion!.version).toBe("1.2.0+build.7");
    const build = versions.find((v) => v.version === "1.2.0+build.7")!;
    const artifact = pushed.get("charts/alpha:1.2.0+build.7")!;
    expect(build.tag).toBe("1.2.0_build.7");
    expect(build.ociReference).toBe(
      `${registry.host}/charts/alpha:1.2.0_build.7@${artifact.manifestDigest}`,
    );
    expect(build.digest).toBe(artifact.layerDigests[0].replace("sha256:", ""));
    expect(build.appVersion).toBe("9.9.9");

    // The real package's digest is the sha256 of the real tgz, as in a Helm index.
    const dashboard = await t.ok(OciVersionsDocument, {
      id: registryId,
      name: "kubernetes-dashboard",
    });
    const v608 = dashboard.registry!.chart!.versions.edges[0].node;
    expect(v608.version).toBe("6.0.8");
    expect(v608.digest).toBe(createHash("sha256").update(dashboardPackage()).digest("hex"));
  });

  it("re-syncs an unchanged registry with tag lists and HEAD requests only, writing no catalog rows", async () => {
    registry.resetRequests();
    const writesBefore = t.gateway.store.statements.writesTo("chart", "chart_version");
    const run = await syncAndWait(t, registryId);
    expect(run.status).toBe("SUCCEEDED");
    expect([run.versionsAdded, run.versionsUpdated, run.versionsRemoved]).toEqual([0, 0, 0]);
    expect(run.versionsUnchanged).toBe(6);
    expect(t.gateway.store.statements.writesTo("chart", "chart_version")).toBe(writesBefore);
    const kinds = registry.requests().map((r) => `${r.method} ${requestKind(r.path)}`);
    const counts = countBy(kinds);
    // 7 tags under the base path; legacy's is HEADed and, its digest unchanged, skipped again
    // with the same warning.
    expect(counts.get("HEAD manifest")).toBe(7);
    expect(run.versionsSkipped).toBe(1);
    expect(run.warnings.find((w) => w.chart === "legacy")?.message).toMatch(/Helm.*3\.7/);
    expect(new Set(kinds)).toEqual(
      new Set(["GET ping", "GET catalog", "GET tags", "HEAD manifest"]),
    );
  });

  it("fetches values, README and schema on first request, then serves them from the cache", async () => {
    registry.resetRequests();
    const first = await t.ok(VersionContentDocument, { id: registryId, name: "beta" });
    const node = first.registry!.chart!.versions.edges[0].node;
    expect(node).toMatchObject({ values: VALUES, readme: README, valuesSchema: SCHEMA });
    const fetched = registry.requests().map((r) => `${r.method} ${requestKind(r.path)}`);
    expect(fetched).toContain("GET blob");
    registry.resetRequests();
    const again = await t.ok(VersionContentDocument, { id: registryId, name: "beta" });
    expect(again).toEqual(first);
    expect(registry.requests()).toEqual([]);
  });

  it("picks up a new tag with one manifest (by the digest HEAD gave) and one config request", async () => {
    const chart = await buildChartTgz({ name: "alpha", version: "1.3.0" });
    const artifact = await pushHelmChart(registry, { repository: "charts/alpha", chart });
    registry.resetRequests();
    const run = await syncAndWait(t, registryId);
    expect([run.versionsAdded, run.versionsUnchanged]).toEqual([1, 6]);
    const gets = registry
      .requests()
      .filter((r) => r.method === "GET" && /manifests|blobs/.test(r.path))
      .map((r) => r.path);
    expect(gets).toEqual([
      `/v2/charts/alpha/manifests/${artifact.manifestDigest}`,
      `/v2/charts/alpha/blobs/${JSON.parse(artifact.manifest.toString()).config.digest}`,
    ]);
  });

  it("narrows the catalog to explicit repositories when given", async () => {
    const data = await t.ok(UpdateOciRegistryDocument, {
      id: registryId,
      input: { repositories: ["charts/beta"] },
    });
    expect(data.updateOciRegistry.repositories).toEqual(["charts/beta"]);
    registry.resetRequests();
    const run = await syncAndWait(t, registryId);
    expect(run.status).toBe("SUCCEEDED");
    // alpha (5 versions) and kubernetes-dashboard (1) go; beta stays.
    expect([run.chartsSeen, run.versionsRemoved, run.versionsUnchanged]).toEqual([1, 6, 1]);
    expect(registry.requests().some((r) => r.path.includes("_catalog"))).toBe(false);
  });

  it("fails a sync typed when the registry stops accepting the credentials, keeping the catalog", async () => {
    // The registry side revokes the password: the stored one no longer works.
    const registries = t.gateway.store.dataSource.getRepository(RegistryEntity);
    await registries.update({ id: fromGlobalId(registryId)!.id }, { authSecret: "revoked" });
    const run = await syncAndWait(t, registryId);
    expect([run.status, run.error?.code]).toEqual(["FAILED", "AUTH_FAILED"]);
    const beta = await t.ok(OciVersionsDocument, { id: registryId, name: "beta" });
    expect(beta.registry!.chart!.versions.edges.map((e) => e.node.version)).toEqual(["0.1.0"]);
  });

  it("never shows the password", () => {
    expect(everything(t, responses)).not.toContain(PASSWORD);
  });
});

describe("OCI registries with the registry token flow", () => {
  let t: TestGateway;
  let registry: OciRegistryServer;

  beforeAll(async () => {
    registry = await startOciRegistry({
      auth: "token",
      users: [{ username: "bob", password: PASSWORD }],
    });
    t = await startTestGateway();
    for (const version of ["1.0.0", "1.1.0"]) {
      const chart = await buildChartTgz({ name: "tokened", version });
      await pushHelmChart(registry, { repository: "team/tokened", chart });
    }
  });

  afterAll(async () => {
    await t?.close();
    await registry?.stop();
  });

  it("gets a token per scope from the realm, syncs, and fails typed with wrong credentials", async () => {
    registry.tokenServer!.resetIssued();
    const added = await t.ok(AddOciRegistryDocument, {
      input: {
        name: "tokened",
        endpoint: registry.url,
        baseContentPaths: ["team"],
        auth: { type: "BASIC", username: "bob", password: PASSWORD },
      } as never,
    });
    const run = await syncAndWait(t, added.addOciRegistry.id);
    expect([run.status, run.versionsAdded]).toEqual(["SUCCEEDED", 2]);
    // One token per scope for the validation and the sync together, kept until it expires (the
    // `/v2/` ping's challenge names no scope).
    const scopes = registry.tokenServer!.issued().map((token) => token.scope);
    expect([...scopes].sort()).toEqual(["", "registry:catalog:*", "repository:team/tokened:pull"]);

    const wrong = await t.exec(AddOciRegistryDocument, {
      input: {
        name: "tokened-wrong",
        endpoint: registry.url,
        baseContentPaths: ["team"],
        auth: { type: "BASIC", username: "bob", password: "wrong" },
      } as never,
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: "REGISTRY_VALIDATION_FAILED",
      reason: "AUTH_FAILED",
    });
    expect(everything(t, [added, run, wrong])).not.toContain(PASSWORD);
  });
});

describe("ECR registries (through a local stand-in for the AWS API, then the real registry)", () => {
  const ACCESS_KEY = {
    accessKeyId: "AKIASTANDIN000000001",
    secretAccessKey: "aws-Secret/Key+never-shown",
  };
  let t: TestGateway;
  let registry: OciRegistryServer;
  let aws: EcrStandIn;

  beforeAll(async () => {
    registry = await startOciRegistry({
      auth: "htpasswd",
      users: [{ username: "AWS", password: "ecr-token-password-from-the-stand-in" }],
    });
    aws = await startEcrStandIn({ registry, accessKeys: [ACCESS_KEY] });
    t = await startTestGateway({ AWS_ECR_ENDPOINT: aws.endpoint, AWS_STS_ENDPOINT: aws.endpoint });
    const chart = await buildChartTgz({ name: "ecr-chart", version: "3.2.1" });
    await pushHelmChart(registry, { repository: "production/ecr-chart", chart });
  });

  afterAll(async () => {
    await t?.close();
    await aws?.stop();
    await registry?.stop();
  });

  it("uses GetAuthorizationToken's token as basic auth, and never shows the AWS secret", async () => {
    const data = await t
      .ok(AddOciRegistryDocument, {
        input: {
          name: "ecr",
          endpoint: registry.host,
          baseContentPaths: ["production"],
          authKind: "ECR",
          ecr: { region: "us-east-1", ...ACCESS_KEY },
          tls: { insecureSkipVerify: true },
        } as never,
      })
      .catch((error: Error) => error);
    // A scheme-less endpoint means https; the test registry speaks http, so name the scheme.
    expect(String(data instanceof Error ? data.message : "")).toMatch(/REGISTRY_VALIDATION_FAILED/);
    const added = await t.ok(AddOciRegistryDocument, {
      input: {
        name: "ecr",
        endpoint: registry.url,
        baseContentPaths: ["production"],
        authKind: "ECR",
        ecr: { region: "us-east-1", ...ACCESS_KEY },
      } as never,
    });
    expect(added.addOciRegistry).toMatchObject({
      authKind: "ECR",
      auth: { type: "ECR", username: ACCESS_KEY.accessKeyId, hasSecret: true },
      ecr: {
        region: "us-east-1",
        accessKeyId: ACCESS_KEY.accessKeyId,
        hasSecretAccessKey: true,
        roleArn: null,
        hasExternalId: false,
      },
    });
    const run = await syncAndWait(t, added.addOciRegistry.id);
    expect([run.status, run.versionsAdded]).toEqual(["SUCCEEDED", 1]);
    const tokenCalls = aws.calls().filter((c) => c.operation === "GetAuthorizationToken");
    expect(tokenCalls.every((c) => c.accessKeyId === ACCESS_KEY.accessKeyId)).toBe(true);

    const refused = await t.exec(AddOciRegistryDocument, {
      input: {
        name: "ecr-refused",
        endpoint: registry.url,
        baseContentPaths: ["production"],
        authKind: "ECR",
        ecr: {
          region: "us-east-1",
          accessKeyId: "AKIAUNKNOWN000000000",
          secretAccessKey: "nope-secret",
        },
      } as never,
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "REGISTRY_VALIDATION_FAILED",
      reason: "AUTH_FAILED",
    });
    const said = everything(t, [added, run, refused]);
    expect(said).not.toContain(ACCESS_KEY.secretAccessKey);
    expect(said).not.toContain("nope-secret");
    expect(said).not.toContain("ecr-token-password-from-the-stand-in");
  });
});

/** What an OCI request was for. */
function requestKind(requestPath: string): string {
  if (/^\/v2\/?$/.test(requestPath)) return "ping";
  if (requestPath.startsWith("/v2/_catalog")) return "catalog";
  if (/\/tags\/list/.test(requestPath)) return "tags";
  if (/\/manifests\//.test(requestPath)) return "manifest";
  if (/\/blobs\//.test(requestPath)) return "blob";
  return requestPath;
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
