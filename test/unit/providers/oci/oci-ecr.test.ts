/**
 * ECR auth against a LOCAL STAND-IN for the AWS APIs (test/helpers/oci/ecr-stand-in.ts), not AWS:
 * the provider's AWS SDK clients reach it through their endpoint option. The token it hands out
 * is the password of user `AWS` of a real registry (htpasswd), so the registry side is real.
 */
import { randomBytes } from "node:crypto";
import { RegistryErrorCode } from "../../../../src/providers/errors";
import { ROLE_SESSION_NAME, ecrRegion } from "../../../../src/providers/oci/ecr-credentials";
import { OciProvider } from "../../../../src/providers/oci/oci.provider";
import type { EcrCredentials, RegistryTarget } from "../../../../src/providers/provider";
import { startEcrStandIn, type EcrStandIn } from "../../../helpers/oci/ecr-stand-in";
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

const KEY = {
  accessKeyId: "AKIASTANDIN0000000001",
  secretAccessKey: "stand-in/Secret+Key0123456789abcdefghij",
};
const REFUSED = {
  accessKeyId: "AKIASTANDIN0000000002",
  secretAccessKey: "refused/Secret+Key0123456789abcdefghij",
};
const ROLE = {
  roleArn: "arn:aws:iam::123456789012:role/palette-ecr-reader",
  externalId: "ext-4242",
};

describe("OciProvider: ECR auth (AWS stand-in)", () => {
  let registry: OciRegistryServer;
  let aws: EcrStandIn;
  const awsPassword = randomBytes(16).toString("hex");

  const ecrTarget = (ecr: EcrCredentials): RegistryTarget =>
    ociTarget(registry.url, { authKind: "ECR", ecr: { region: "us-east-1", ...ecr } });
  const newProvider = () =>
    new OciProvider(LIMITS, { awsEndpoints: { ecr: aws.endpoint, sts: aws.endpoint } });

  beforeAll(async () => {
    registry = await startOciRegistry({
      auth: "htpasswd",
      users: [{ username: "AWS", password: awsPassword }],
    });
    aws = await startEcrStandIn({ registry, accessKeys: [KEY, REFUSED], roles: [ROLE] });
    aws.refuseAccessKey(REFUSED.accessKeyId);
    for (const version of ["1.0.0", "1.1.0"]) {
      await pushHelmChart(registry, {
        repository: "production/nginx",
        chart: await buildChartTgz({ name: "nginx", version }),
      });
    }
  });

  afterAll(async () => {
    await aws.stop();
    await registry.stop();
  });

  beforeEach(() => {
    aws.resetCalls();
    registry.resetRequests();
  });

  it("gets one ECR token with access keys for a listing, a lookup and a content fetch", async () => {
    const provider = newProvider();
    const target = ecrTarget(KEY);
    const listing = complete(await provider.list(target));
    const lookup = await provider.lookup(target, "nginx", "1.0.0");
    expect(lookup.status).toBe("VERIFIED");
    const record = versionOf(chartNamed(listing, "nginx"), "1.1.0");
    const content = await provider.content!(target, {
      chart: "nginx",
      version: "1.1.0",
      urls: record.urls,
      ociReference: record.ociReference ?? null,
    });
    expect(content.values).toContain("replicaCount");

    expect(aws.calls()).toEqual([
      {
        service: "ecr",
        operation: "GetAuthorizationToken",
        accessKeyId: KEY.accessKeyId,
        region: "us-east-1",
        status: 200,
      },
    ]);
    // The token is used as Basic AWS:<password> against the real registry, which accepts it.
    const basic = `Basic ${Buffer.from(`AWS:${awsPassword}`).toString("base64")}`;
    const requests = registry.requests();
    expect(requests.every((r) => r.headers["authorization"] === basic)).toBe(true);
    expect(requests.filter((r) => r.status === 401)).toEqual([]);
  });

  it("assumes the role with its external id, then gets the token with the role's credentials", async () => {
    const provider = newProvider();
    await expect(provider.validate(ecrTarget({ ...KEY, ...ROLE }))).resolves.toBeUndefined();
    const [assume, token] = aws.calls();
    expect(aws.calls()).toHaveLength(2);
    expect(assume).toMatchObject({
      service: "sts",
      operation: "AssumeRole",
      accessKeyId: KEY.accessKeyId,
      roleArn: ROLE.roleArn,
      externalId: ROLE.externalId,
      roleSessionName: ROLE_SESSION_NAME,
      status: 200,
    });
    expect(token).toMatchObject({
      service: "ecr",
      operation: "GetAuthorizationToken",
      assumedRoleArn: ROLE.roleArn,
      status: 200,
    });
    expect(token!.accessKeyId).not.toBe(KEY.accessKeyId);
  });

  it("reports a wrong external id as FORBIDDEN", async () => {
    const error = await registryFailure(
      newProvider().list(ecrTarget({ ...KEY, ...ROLE, externalId: "not-it" })),
    );
    expect(error.code).toBe(RegistryErrorCode.FORBIDDEN);
    expect(error.message).toMatch(/^AWS STS AssumeRole was denied \(AccessDenied, HTTP 403\)/);
    expect(everythingSaidBy(error)).not.toContain(KEY.secretAccessKey);
  });

  it("reports a refused key as AUTH_FAILED, with no secret in the error", async () => {
    const provider = newProvider();
    const error = await registryFailure(provider.validate(ecrTarget(REFUSED)));
    expect(error.code).toBe(RegistryErrorCode.AUTH_FAILED);
    expect(error.message).toBe(
      "AWS ECR GetAuthorizationToken refused the AWS credentials (UnrecognizedClientException, HTTP 400): The security token included in the request is invalid.",
    );
    expect(everythingSaidBy(error)).not.toContain(REFUSED.secretAccessKey);
    const lookup = await provider.lookup(ecrTarget(REFUSED), "nginx", "1.0.0");
    expect([lookup.status, lookup.error?.code]).toEqual([
      "UNVERIFIABLE",
      RegistryErrorCode.AUTH_FAILED,
    ]);
    expect(registry.requests()).toEqual([]);
  });

  it("renews the ECR token once it expires", async () => {
    const shortLived = await startEcrStandIn({ registry, accessKeys: [KEY], tokenTtlSeconds: 1 });
    try {
      const provider = new OciProvider(LIMITS, { awsEndpoints: { ecr: shortLived.endpoint } });
      const target = ecrTarget(KEY);
      complete(await provider.list(target));
      complete(await provider.list(target));
      expect(shortLived.calls()).toHaveLength(1);
      // The token's lifetime is wall-clock time: nothing to await but the clock.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      complete(await provider.list(target));
      expect(shortLived.calls().map((c) => c.operation)).toEqual([
        "GetAuthorizationToken",
        "GetAuthorizationToken",
      ]);
    } finally {
      await shortLived.stop();
    }
  });

  it("needs a region when the endpoint is not an ECR host name", async () => {
    const target = ociTarget(registry.url, { authKind: "ECR", ecr: KEY });
    const error = await registryFailure(newProvider().list(target));
    expect(error.code).toBe(RegistryErrorCode.INVALID_CONFIGURATION);
    expect(aws.calls()).toEqual([]);
  });

  it("reads the region from an ECR endpoint", () => {
    const ecr = (host: string) => ecrRegion(new URL(`https://${host}`), undefined);
    expect(ecr("415789037893.dkr.ecr.us-east-1.amazonaws.com")).toBe("us-east-1");
    expect(ecr("415789037893.dkr.ecr-fips.us-west-2.amazonaws.com")).toBe("us-west-2");
    expect(ecr("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn")).toBe("cn-north-1");
    expect(
      ecrRegion(new URL("https://415789037893.dkr.ecr.us-east-1.amazonaws.com"), {
        region: "eu-west-1",
      }),
    ).toBe("eu-west-1");
  });
});
