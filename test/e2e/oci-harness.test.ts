import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { GetAuthorizationTokenCommand, ECRClient } from "@aws-sdk/client-ecr";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { decodeProtectedHeader, decodeJwt } from "jose";
import { fixturePath } from "../helpers/fixtures";
import { startEcrStandIn, type EcrStandIn } from "../helpers/oci/ecr-stand-in";
import { readChartYaml } from "../helpers/oci/helm-chart";
import {
  buildChartTgz,
  deleteAllTags,
  HELM_MEDIA_TYPES,
  parseBearerChallenge,
  pushArtifact,
  pushBlobOnly,
  pushHelmChart,
  sha256,
} from "../helpers/oci/push";
import { type OciRegistryServer, startOciRegistry } from "../helpers/oci/registry";
import { skopeoInspectRaw, skopeoListTags } from "../helpers/oci/skopeo";
import { libtrustKeyId } from "../helpers/oci/token-server";

const OCI_ACCEPT = { accept: "application/vnd.oci.image.manifest.v1+json" };
const DASHBOARD = fixturePath("oci", "kubernetes-dashboard-6.0.8-derived");
const DASHBOARD_TGZ = fixturePath(
  "helm",
  "kubernetes-dashboard",
  "charts",
  "kubernetes-dashboard-6.0.8.tgz",
);

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

/** A request to the registry as the code under test would make it (not tagged as the harness's). */
async function call(
  registry: OciRegistryServer,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: string }> {
  const response = await fetch(`${registry.url}${path}`, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe("OCI registry without auth", () => {
  let registry: OciRegistryServer;

  beforeAll(async () => {
    registry = await startOciRegistry();
  });

  afterAll(async () => {
    await registry.stop();
  });

  it("pushes a chart built by buildChartTgz that skopeo reads back as helm pushed it", async () => {
    const chart = await buildChartTgz({
      name: "demo",
      version: "1.2.3+build.7",
      appVersion: "4.5.6",
      description: "Demo <chart> & more",
      extraChartYaml: { home: "https://example.test/demo", sources: ["https://example.test/src"] },
    });
    const pushed = await pushHelmChart(registry, { repository: "charts/demo", chart });

    expect(pushed.tag).toBe("1.2.3_build.7");
    expect(await skopeoListTags(registry, "charts/demo")).toEqual(["1.2.3_build.7"]);
    const raw = await skopeoInspectRaw(registry, "charts/demo:1.2.3_build.7");
    expect(raw.equals(pushed.manifest)).toBe(true);
    const manifest = JSON.parse(raw.toString()) as {
      mediaType?: string;
      config: { mediaType: string; digest: string };
      layers: { mediaType: string; digest: string }[];
      annotations: Record<string, string>;
    };
    expect(manifest.mediaType).toBeUndefined();
    expect(manifest.config).toMatchObject({ mediaType: HELM_MEDIA_TYPES.config });
    expect(manifest.layers).toEqual([
      { mediaType: HELM_MEDIA_TYPES.chart, digest: sha256(chart), size: chart.length },
    ]);
    expect(manifest.annotations).toMatchObject({
      "org.opencontainers.image.title": "demo",
      "org.opencontainers.image.version": "1.2.3+build.7",
      "org.opencontainers.image.description": "Demo <chart> & more",
      "org.opencontainers.image.url": "https://example.test/demo",
      "org.opencontainers.image.source": "https://example.test/src",
    });

    const config = await skopeoInspectRaw(registry, "charts/demo:1.2.3_build.7", { config: true });
    expect(config.toString()).toContain('"description":"Demo \\u003cchart\\u003e \\u0026 more"');
    expect(JSON.parse(config.toString())).toEqual(await readChartYaml(chart));
  });

  it("builds chart packages GNU tar reads, with a subchart and a values schema", async () => {
    const chart = await buildChartTgz({
      name: "parent",
      version: "0.2.0",
      description: "Line one\nline two\n",
      valuesSchema: '{"type":"object"}',
      subchart: { name: "child", version: "0.1.0", repository: "https://charts.example.test" },
    });
    const listing = execFileSync("tar", ["-tzf", "-"], { input: chart }).toString().split("\n");
    expect(listing).toEqual(
      expect.arrayContaining([
        "parent/Chart.yaml",
        "parent/values.yaml",
        "parent/values.schema.json",
        "parent/README.md",
        "parent/templates/deployment.yaml",
        "parent/charts/child-0.1.0.tgz",
      ]),
    );
    const pushed = await pushHelmChart(registry, { repository: "charts/parent", chart });
    const config = await skopeoInspectRaw(registry, "charts/parent:0.2.0", { config: true });
    // helm's Metadata.Validate turns whitespace into spaces before the config is marshalled.
    expect(JSON.parse(config.toString())).toMatchObject({
      description: "Line one line two ",
      dependencies: [
        { name: "child", version: "0.1.0", repository: "https://charts.example.test" },
      ],
    });
    expect(JSON.parse(pushed.manifest.toString())).toMatchObject({
      annotations: { "org.opencontainers.image.description": "Line one line two " },
    });
  });

  it("reproduces the derived kubernetes-dashboard 6.0.8 artifact byte for byte", async () => {
    const chart = readFileSync(DASHBOARD_TGZ);
    const index = JSON.parse(readFileSync(`${DASHBOARD}/index.json`, "utf8")) as {
      manifests: { digest: string }[];
    };
    const pushed = await pushHelmChart(registry, {
      repository: "kubernetes-dashboard",
      chart,
      created: "2023-05-19T13:49:12Z",
    });

    expect(pushed.manifestDigest).toBe(index.manifests[0].digest);
    expect(await skopeoInspectRaw(registry, "kubernetes-dashboard:6.0.8")).toEqual(
      readFileSync(`${DASHBOARD}/manifest.json`),
    );
    expect(
      await skopeoInspectRaw(registry, "kubernetes-dashboard:6.0.8", { config: true }),
    ).toEqual(readFileSync(`${DASHBOARD}/config.json`));
  });

  it("pushes pre-3.7 charts with the legacy layer type and no annotations", async () => {
    const chart = await buildChartTgz({ name: "old", version: "0.1.0" });
    const pushed = await pushHelmChart(registry, { repository: "charts/old", chart, legacy: true });
    const manifest = JSON.parse(pushed.manifest.toString()) as Record<string, unknown>;
    expect(manifest.annotations).toBeUndefined();
    expect(manifest.layers).toEqual([
      { mediaType: "application/tar+gzip", digest: sha256(chart), size: chart.length },
    ]);
  });

  it("pushes a provenance layer, layers sorted by digest as helm does", async () => {
    const chart = await buildChartTgz({ name: "signed", version: "2.0.0" });
    const provenance = Buffer.from("-----BEGIN PGP SIGNED MESSAGE-----\n...\n");
    const pushed = await pushHelmChart(registry, {
      repository: "charts/signed",
      chart,
      provenance,
    });
    const { layers } = JSON.parse(pushed.manifest.toString()) as {
      layers: { mediaType: string; digest: string }[];
    };
    expect(layers.map((l) => l.mediaType).sort()).toEqual(
      [HELM_MEDIA_TYPES.chart, HELM_MEDIA_TYPES.provenance].sort(),
    );
    expect(layers.map((l) => l.digest)).toEqual(layers.map((l) => l.digest).sort());
  });

  it("pushes any artifact, with a mediaType field and artifactType", async () => {
    const pushed = await pushArtifact(registry, "packs/demo", "1.0.0", {
      config: {
        mediaType: "application/vnd.spectrocloud.pack.config.v1+json",
        data: { name: "demo" },
      },
      layers: [
        {
          mediaType: "application/vnd.spectrocloud.pack.v1.tar+gzip",
          data: Buffer.from("pack"),
          annotations: { "org.opencontainers.image.title": "demo-1.0.0.tgz" },
        },
      ],
      artifactType: "application/vnd.spectrocloud.pack",
    });
    const raw = await skopeoInspectRaw(registry, `packs/demo@${pushed.manifestDigest}`);
    expect(JSON.parse(raw.toString())).toMatchObject({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      artifactType: "application/vnd.spectrocloud.pack",
    });
  });

  it("counts exactly the requests of the code under test, with their status", async () => {
    await pushHelmChart(registry, {
      repository: "charts/counted",
      chart: await buildChartTgz({ name: "counted", version: "1.0.0" }),
    });
    registry.resetRequests();

    const head = await call(registry, "/v2/charts/counted/manifests/1.0.0", {
      method: "HEAD",
      headers: OCI_ACCEPT,
    });
    expect(registry.requests()).toEqual([
      expect.objectContaining({
        method: "HEAD",
        path: "/v2/charts/counted/manifests/1.0.0",
        status: 200,
      }),
    ]);
    expect(head.headers.get("docker-content-digest")).toMatch(/^sha256:/);
    expect(head.headers.get("content-length")).toBe(
      String((await skopeoInspectRaw(registry, "charts/counted:1.0.0")).length),
    );

    await call(registry, "/v2/charts/counted/manifests/9.9.9", { headers: OCI_ACCEPT });
    await call(registry, "/v2/_catalog?n=1");
    expect(registry.requests().map((r) => [r.method, r.path, r.status])).toEqual([
      ["HEAD", "/v2/charts/counted/manifests/1.0.0", 200],
      ["GET", "/v2/charts/counted/manifests/9.9.9", 404],
      ["GET", "/v2/_catalog?n=1", 200],
    ]);
    // skopeo's requests are the harness's.
    expect(registry.requests({ includeHarness: true }).some((r) => r.harness)).toBe(true);
  });

  it("passes Location and Link through, naming the proxy", async () => {
    const upload = await call(registry, "/v2/charts/demo/blobs/uploads/", { method: "POST" });
    expect(upload.status).toBe(202);
    expect(upload.headers.get("location")).toMatch(
      new RegExp(`^${registry.url}/v2/charts/demo/blobs/uploads/`),
    );
    const page = await call(registry, "/v2/_catalog?n=1");
    expect(page.headers.get("link")).toMatch(/^<\/v2\/_catalog\?last=[^>]+&n=1>; rel="next"$/);
  });

  it("answers an OCI manifest only when Accept names the OCI type (distribution 2.8)", async () => {
    await pushHelmChart(registry, {
      repository: "charts/accept",
      chart: await buildChartTgz({ name: "accept", version: "1.0.0" }),
    });
    const plain = await call(registry, "/v2/charts/accept/manifests/1.0.0");
    expect(plain.status).toBe(404);
    expect(JSON.parse(plain.body)).toEqual({
      errors: [
        {
          code: "MANIFEST_UNKNOWN",
          message: "OCI manifest found, but accept header does not support OCI manifests",
        },
      ],
    });
    expect(
      (await call(registry, "/v2/charts/accept/manifests/1.0.0", { headers: OCI_ACCEPT })).status,
    ).toBe(200);
  });

  it("lists a blob-only repository in _catalog; its tags/list is 404 NAME_UNKNOWN", async () => {
    await pushBlobOnly(registry, "orphans/blob-only");

    const catalog = JSON.parse((await call(registry, "/v2/_catalog")).body) as {
      repositories: string[];
    };
    expect(catalog.repositories).toContain("orphans/blob-only");
    const tags = await call(registry, "/v2/orphans/blob-only/tags/list");
    expect(tags.status).toBe(404);
    expect(JSON.parse(tags.body)).toEqual({
      errors: [
        {
          code: "NAME_UNKNOWN",
          message: "repository name not known to registry",
          detail: { name: "orphans/blob-only" },
        },
      ],
    });
  });

  it("deleteAllTags leaves the repository in _catalog with tags: null", async () => {
    const first = await pushHelmChart(registry, {
      repository: "charts/gone",
      chart: await buildChartTgz({ name: "gone", version: "1.0.0" }),
    });
    await pushHelmChart(registry, {
      repository: "charts/gone",
      chart: await buildChartTgz({ name: "gone", version: "1.1.0" }),
    });

    const deleted = await deleteAllTags(registry, "charts/gone");
    expect(deleted).toHaveLength(2);
    expect(deleted).toContain(first.manifestDigest);

    const catalog = JSON.parse((await call(registry, "/v2/_catalog")).body) as {
      repositories: string[];
    };
    expect(catalog.repositories).toContain("charts/gone");
    const tags = await call(registry, "/v2/charts/gone/tags/list");
    expect([tags.status, JSON.parse(tags.body)]).toEqual([
      200,
      { name: "charts/gone", tags: null },
    ]);
    expect(await skopeoListTags(registry, "charts/gone")).toEqual([]);
    const byDigest = await call(registry, `/v2/charts/gone/manifests/${first.manifestDigest}`, {
      headers: OCI_ACCEPT,
    });
    expect(byDigest.status).toBe(404);
  });

  it("deleteAllTags on a new repository pushes, then deletes", async () => {
    expect(await deleteAllTags(registry, "charts/never-tagged")).toHaveLength(1);
    const tags = await call(registry, "/v2/charts/never-tagged/tags/list");
    expect([tags.status, JSON.parse(tags.body)]).toEqual([
      200,
      { name: "charts/never-tagged", tags: null },
    ]);
  });
});

describe("OCI registry with htpasswd", () => {
  let registry: OciRegistryServer;

  beforeAll(async () => {
    registry = await startOciRegistry({ auth: "htpasswd" });
  });

  afterAll(async () => {
    await registry.stop();
  });

  it("refuses anonymous and wrong passwords with a Basic challenge, accepts the user", async () => {
    const anonymous = await call(registry, "/v2/");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Basic realm="oci-harness"');
    expect(
      (await call(registry, "/v2/", { headers: { authorization: basic("ci", "wrong") } })).status,
    ).toBe(401);
    expect(
      (await call(registry, "/v2/", { headers: { authorization: basic("ci", "ci-secret") } }))
        .status,
    ).toBe(200);
    expect(registry.users).toEqual([{ username: "ci", password: "ci-secret" }]);
  });

  it("pushes with the harness's own user; skopeo lists with the registry's user", async () => {
    const chart = await buildChartTgz({ name: "private", version: "3.0.0" });
    await pushHelmChart(registry, { repository: "team/private", chart });
    expect(await skopeoListTags(registry, "team/private")).toEqual(["3.0.0"]);
    await expect(
      skopeoListTags(registry, "team/private", {
        credentials: { username: "ci", password: "nope" },
      }),
    ).rejects.toThrow(/401|unauthorized/i);
  });
});

describe("OCI registry with token auth", () => {
  let registry: OciRegistryServer;

  beforeAll(async () => {
    registry = await startOciRegistry({ auth: "token", tokenTtlSeconds: 120 });
    await pushHelmChart(registry, {
      repository: "charts/tokened",
      chart: await buildChartTgz({ name: "tokened", version: "1.0.0" }),
    });
  });

  afterAll(async () => {
    await registry.stop();
  });

  /** Asks the token server as a client would, with Basic credentials when given. */
  async function token(scopes: string[], user?: { username: string; password: string }) {
    const url = new URL("/token", registry.tokenServer!.url);
    url.searchParams.set("service", registry.tokenServer!.service);
    for (const scope of scopes) url.searchParams.append("scope", scope);
    const response = await fetch(url, {
      headers: user ? { authorization: basic(user.username, user.password) } : {},
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const ci = { username: "ci", password: "ci-secret" };
  const bearer = (t: unknown) => ({ authorization: `Bearer ${String(t)}` });

  it("challenges anonymous requests with the token server's realm and service", async () => {
    const anonymous = await call(registry, "/v2/");
    expect(anonymous.status).toBe(401);
    expect(parseBearerChallenge(anonymous.headers.get("www-authenticate") ?? "")).toEqual({
      realm: `${registry.tokenServer!.url}/token`,
      service: registry.tokenServer!.service,
    });
    const tags = await call(registry, "/v2/charts/tokened/tags/list");
    expect(tags.headers.get("www-authenticate")).toContain(
      'scope="repository:charts/tokened:pull"',
    );
  });

  it("issues ES256 tokens the registry accepts for the granted scope", async () => {
    registry.tokenServer!.resetIssued();
    const { status, body } = await token(["repository:charts/tokened:pull,push"], ci);
    expect(status).toBe(200);
    expect(body).toMatchObject({ expires_in: 120, access_token: body.token });
    const header = decodeProtectedHeader(String(body.token));
    expect(header).toMatchObject({
      alg: "ES256",
      kid: libtrustKeyId(registry.tokenServer!.certificate),
    });
    const claims = decodeJwt(String(body.token));
    expect(claims.aud).toBe(registry.tokenServer!.service);
    expect(claims.exp! - claims.iat!).toBe(120);
    // Push is the harness's; a user gets pull only.
    expect(claims.access).toEqual([
      { type: "repository", name: "charts/tokened", actions: ["pull"] },
    ]);

    const tags = await call(registry, "/v2/charts/tokened/tags/list", {
      headers: bearer(body.token),
    });
    expect([tags.status, JSON.parse(tags.body)]).toEqual([
      200,
      { name: "charts/tokened", tags: ["1.0.0"] },
    ]);
    expect(registry.tokenServer!.issued()).toEqual([
      {
        scope: "repository:charts/tokened:pull,push",
        account: "ci",
        access: [{ type: "repository", name: "charts/tokened", actions: ["pull"] }],
        harness: false,
      },
    ]);
  });

  it("needs registry:catalog:* for _catalog (else 401 insufficient_scope)", async () => {
    const repoOnly = await token(["repository:charts/tokened:pull"], ci);
    const refused = await call(registry, "/v2/_catalog", { headers: bearer(repoOnly.body.token) });
    expect(refused.status).toBe(401);
    expect(parseBearerChallenge(refused.headers.get("www-authenticate") ?? "")).toMatchObject({
      scope: "registry:catalog:*",
      error: "insufficient_scope",
    });
    const catalog = await token(["registry:catalog:*"], ci);
    const listed = await call(registry, "/v2/_catalog", { headers: bearer(catalog.body.token) });
    expect([listed.status, JSON.parse(listed.body)]).toEqual([
      200,
      { repositories: ["charts/tokened"] },
    ]);
  });

  it("gives anonymous a token without access, and refuses a wrong password", async () => {
    const anonymous = await token(["repository:charts/tokened:pull"]);
    expect(anonymous.status).toBe(200);
    expect(decodeJwt(String(anonymous.body.token)).access).toEqual([]);
    const tags = await call(registry, "/v2/charts/tokened/tags/list", {
      headers: bearer(anonymous.body.token),
    });
    expect(tags.status).toBe(401);
    expect(
      (await token(["repository:charts/tokened:pull"], { username: "ci", password: "x" })).status,
    ).toBe(401);
  });

  it("lets skopeo through the token flow; its tokens are the harness's", async () => {
    registry.tokenServer!.resetIssued();
    expect(await skopeoListTags(registry, "charts/tokened")).toEqual(["1.0.0"]);
    expect(registry.tokenServer!.issued()).toEqual([]);
    expect(registry.tokenServer!.issued({ includeHarness: true })).toContainEqual(
      expect.objectContaining({ account: "ci", scope: "repository:charts/tokened:pull" }),
    );
  });
});

describe("OCI registry with token auth and anonymous pull", () => {
  let registry: OciRegistryServer;

  beforeAll(async () => {
    registry = await startOciRegistry({
      auth: "token",
      anonymousPull: true,
      catalogAccess: "nobody",
    });
  });

  afterAll(async () => {
    await registry.stop();
  });

  it("grants anonymous pull and nobody the catalog", async () => {
    await pushHelmChart(registry, {
      repository: "public/chart",
      chart: await buildChartTgz({ name: "chart", version: "1.0.0" }),
    });
    const url = new URL("/token", registry.tokenServer!.url);
    url.searchParams.set("service", registry.tokenServer!.service);
    url.searchParams.append("scope", "repository:public/chart:pull");
    url.searchParams.append("scope", "registry:catalog:*");
    const { token } = (await (await fetch(url)).json()) as { token: string };
    expect(decodeJwt(token).access).toEqual([
      { type: "repository", name: "public/chart", actions: ["pull"] },
    ]);
    const headers = { authorization: `Bearer ${token}` };
    expect((await call(registry, "/v2/public/chart/tags/list", { headers })).status).toBe(200);
    expect((await call(registry, "/v2/_catalog", { headers })).status).toBe(401);
  });
});

describe("ECR stand-in (not AWS)", () => {
  const awsPassword = "ecr-token-password";
  const key = { accessKeyId: "AKIASTANDIN000000001", secretAccessKey: "secret-one" };
  const role = { roleArn: "arn:aws:iam::123456789012:role/palette-ecr", externalId: "ext-42" };
  let registry: OciRegistryServer;
  let standIn: EcrStandIn;

  beforeAll(async () => {
    registry = await startOciRegistry({
      auth: "htpasswd",
      users: [{ username: "AWS", password: awsPassword }],
    });
    standIn = await startEcrStandIn({ registry, accessKeys: [key], roles: [role] });
  });

  afterAll(async () => {
    await standIn.stop();
    await registry.stop();
  });

  function ecr(credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  }) {
    return new ECRClient({ endpoint: standIn.endpoint, region: "us-east-1", credentials });
  }

  it("answers GetAuthorizationToken with the registry's AWS password, usable as basic auth", async () => {
    standIn.resetCalls();
    const before = Date.now();
    const { authorizationData } = await ecr(key).send(new GetAuthorizationTokenCommand({}));
    const [data] = authorizationData!;
    const decoded = Buffer.from(data.authorizationToken!, "base64").toString();
    expect(decoded).toBe(`AWS:${awsPassword}`);
    expect(data.proxyEndpoint).toBe(`http://${registry.host}`);
    const twelveHours = 12 * 3600 * 1000;
    expect(data.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + twelveHours - 1000);
    expect(data.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + twelveHours + 1000);

    const v2 = await fetch(`${data.proxyEndpoint}/v2/`, {
      headers: { authorization: `Basic ${data.authorizationToken}` },
    });
    expect(v2.status).toBe(200);
    expect(standIn.calls()).toEqual([
      {
        service: "ecr",
        operation: "GetAuthorizationToken",
        accessKeyId: key.accessKeyId,
        region: "us-east-1",
        status: 200,
      },
    ]);
  });

  it("refuses an unknown key as ECR does (400 UnrecognizedClientException)", async () => {
    const unknown = ecr({ accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" });
    await expect(unknown.send(new GetAuthorizationTokenCommand({}))).rejects.toMatchObject({
      name: "UnrecognizedClientException",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("assumes a role with the right external id; its credentials get an ECR token", async () => {
    standIn.resetCalls();
    const sts = new STSClient({
      endpoint: standIn.endpoint,
      region: "us-east-1",
      credentials: key,
    });
    const { Credentials, AssumedRoleUser } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: role.roleArn,
        RoleSessionName: "gateway",
        ExternalId: role.externalId,
      }),
    );
    expect(AssumedRoleUser?.Arn).toBe("arn:aws:sts::123456789012:assumed-role/palette-ecr/gateway");
    expect(Credentials?.Expiration!.getTime()).toBeGreaterThan(Date.now() + 3500 * 1000);
    const temporary = {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    };
    const { authorizationData } = await ecr(temporary).send(new GetAuthorizationTokenCommand({}));
    expect(authorizationData).toHaveLength(1);

    expect(standIn.calls()).toEqual([
      {
        service: "sts",
        operation: "AssumeRole",
        accessKeyId: key.accessKeyId,
        region: "us-east-1",
        roleArn: role.roleArn,
        externalId: role.externalId,
        roleSessionName: "gateway",
        status: 200,
      },
      {
        service: "ecr",
        operation: "GetAuthorizationToken",
        accessKeyId: temporary.accessKeyId,
        region: "us-east-1",
        assumedRoleArn: role.roleArn,
        status: 200,
      },
    ]);
    // Without the session token, the temporary key is not accepted.
    await expect(
      ecr({ accessKeyId: temporary.accessKeyId, secretAccessKey: temporary.secretAccessKey }).send(
        new GetAuthorizationTokenCommand({}),
      ),
    ).rejects.toMatchObject({ name: "UnrecognizedClientException" });
  });

  it("denies a wrong external id, a refused role and a refused key (STS 403)", async () => {
    const sts = new STSClient({
      endpoint: standIn.endpoint,
      region: "us-east-1",
      credentials: key,
    });
    const assume = (externalId: string) =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: role.roleArn,
          RoleSessionName: "s",
          ExternalId: externalId,
        }),
      );
    await expect(assume("wrong")).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });

    standIn.refuseRole(role.roleArn, role.externalId);
    await expect(assume(role.externalId)).rejects.toMatchObject({ name: "AccessDenied" });

    standIn.refuseAccessKey(key.accessKeyId);
    await expect(assume(role.externalId)).rejects.toMatchObject({
      name: "InvalidClientTokenId",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(ecr(key).send(new GetAuthorizationTokenCommand({}))).rejects.toMatchObject({
      name: "UnrecognizedClientException",
    });
    expect(
      standIn
        .calls()
        .slice(-4)
        .map((c) => [c.service, c.status, c.errorCode]),
    ).toEqual([
      ["sts", 403, "AccessDenied"],
      ["sts", 403, "AccessDenied"],
      ["sts", 403, "InvalidClientTokenId"],
      ["ecr", 400, "UnrecognizedClientException"],
    ]);
  });
});
