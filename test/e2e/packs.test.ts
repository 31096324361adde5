import { readFileSync } from "node:fs";
import { parse } from "yaml";
import {
  AddOciRegistryDocument,
  AddPackRegistryDocument,
  CompareVersionsDocument,
  PackChartsDocument,
  PackContentDocument,
  PackVersionsDocument,
  ResolvePackDocument,
  SearchPackChartsDocument,
  ValidatePackRegistryDocument,
  ValidateProfileDocument,
} from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { startOciRegistry, type OciRegistryServer } from "../helpers/oci/registry";
import {
  buildPack,
  pushPack,
  startLegacyPackRegistry,
  type BuiltPack,
  type LegacyPackRegistry,
} from "../helpers/pack/packs";
import { createTestPki, type TestPki } from "../helpers/test-pki";
import { syncAndWait } from "../helpers/sync";

const PASSWORD = "legacy-Pa55word-never-shown";
const ARCHIVE = "base/spectro-packs/archive";

/** A Kubernetes pack generated from the fluentbit fixture's folder. */
function kubernetes(version: string, group?: string): BuiltPack {
  return buildPack({
    fixture: "fluentbit-4.1.0",
    set: {
      name: "kubernetes",
      version,
      displayName: "Kubernetes",
      layer: "k8s",
      addonType: "",
      constraints: {},
      ...(group === undefined ? {} : { group }),
    },
    values: `kubeadmconfig:\n  version: ${version}\n`,
  });
}

/** A fluentbit pack version generated from the fixture (same constraints). */
function fluentbit(version: string): BuiltPack {
  return buildPack({ fixture: "fluentbit-4.1.0", set: { version } });
}

describe("Palette packs: OCI PACK registries and legacy pack registries", () => {
  let t: TestGateway;
  let oci: OciRegistryServer;
  let legacyBackend: OciRegistryServer;
  let legacy: LegacyPackRegistry;
  let pki: TestPki;
  let ociId: string;
  let legacyId: string;
  const responses: unknown[] = [];

  beforeAll(async () => {
    pki = createTestPki();
    oci = await startOciRegistry();
    legacyBackend = await startOciRegistry({
      auth: "htpasswd",
      users: [{ username: "packs", password: PASSWORD }],
    });
    legacy = await startLegacyPackRegistry(legacyBackend, {
      key: pki.serverKey,
      cert: pki.serverCert,
    });
    t = await startTestGateway();

    // The fixture packs as they are, under the tag Palette would use (the folder's version).
    const fixtures: [string, string, string][] = [
      ["fluentbit-4.1.0", "fluentbit", "4.1.0"],
      ["antrea-1.9.0", "antrea", "1.9.0"],
      ["akuity-agent-0.30.0-5.5.2026", "akuity-agent", "0.30.0-5.5.2026"],
      ["kubeflow-pipelines-1.5.0", "kubeflow-pipelines", "1.5.0"],
      ["appdynamics-collectors-1.22.1287", "cisco-appdynamics-collectors", "1.22.1287"],
    ];
    for (const [fixture, name, tag] of fixtures) {
      await pushPack(oci, `${ARCHIVE}/${name}`, tag, buildPack({ fixture }));
    }
    for (const version of ["3.9.0", "4.0.2", "4.1.2"]) {
      await pushPack(oci, `${ARCHIVE}/fluentbit`, version, fluentbit(version));
    }
    for (const version of ["1.26.3", "1.28.2"]) {
      await pushPack(oci, `${ARCHIVE}/kubernetes`, version, kubernetes(version));
    }
    await pushPack(oci, `${ARCHIVE}/kubernetes`, "1.27.5", kubernetes("1.27.5", "LTS"));
    // Outside the archive namespace: never read.
    await pushPack(
      oci,
      "base/elsewhere/fluentbit",
      "4.1.0",
      buildPack({ fixture: "fluentbit-4.1.0" }),
    );

    // The legacy registry: packs at its root, plus a parent tag the server keeps.
    const fluent = await pushPack(
      legacyBackend,
      "fluentbit",
      "4.1.0",
      buildPack({ fixture: "fluentbit-4.1.0" }),
    );
    await pushPack(
      legacyBackend,
      "fluentbit",
      "4.x",
      buildPack({ fixture: "fluentbit-4.1.0" }),
      "fluentbit-4.1.0.tar.gz",
    );
    expect(fluent.layerDigests).toHaveLength(1);
    await pushPack(legacyBackend, "antrea", "1.9.0", buildPack({ fixture: "antrea-1.9.0" }));
  });

  afterAll(async () => {
    await t?.close();
    await legacy?.close();
    await oci?.stop();
    await legacyBackend?.stop();
  });

  it("syncs an OCI PACK registry: packs under <base>/spectro-packs/archive, one version per tag", async () => {
    const added = await t.ok(AddOciRegistryDocument, {
      input: {
        name: "packs",
        endpoint: oci.url,
        providerType: "PACK",
        baseContentPaths: ["base"],
      } as never,
    });
    ociId = added.addOciRegistry.id;
    const run = await syncAndWait(t, ociId);
    responses.push(run);
    expect(run.status).toBe("SUCCEEDED");
    expect([run.chartsAdded, run.versionsAdded]).toEqual([6, 11]);
    // kubeflow's pack.json says 1.5, its tag 1.5.0: listed under the tag, with a warning.
    const mismatch = run.warnings.find((w) => w.code === "VERSION_MISMATCH");
    expect(mismatch).toMatchObject({ chart: "kubeflow-pipelines", version: "1.5.0" });
    expect(mismatch?.message).toContain('"1.5"');
    // No request ever went outside the archive namespace.
    expect(oci.requests().some((r) => r.path.includes("elsewhere"))).toBe(false);
  });

  it("shows pack fields and filters by kind, layer, add-on type and cloud type", async () => {
    const all = await t.ok(PackChartsDocument, { id: ociId });
    const charts = all.registry!.charts.edges.map((e) => e.node);
    expect(charts.map((c) => c.name)).toEqual([
      "akuity-agent",
      "antrea",
      "cisco-appdynamics-collectors",
      "fluentbit",
      "kubeflow-pipelines",
      "kubernetes",
    ]);
    expect(charts.every((c) => c.kind === "PACK")).toBe(true);
    expect(charts.find((c) => c.name === "fluentbit")).toEqual({
      name: "fluentbit",
      kind: "PACK",
      displayName: "Fluentbit",
      layer: "ADDON",
      addonType: "logging",
      cloudTypes: ["all"],
      group: null,
    });
    const names = async (vars: Record<string, unknown>) =>
      (await t.ok(PackChartsDocument, { id: ociId, ...vars })).registry!.charts.edges.map(
        (e) => e.node.name,
      );
    expect(await names({ layer: "CNI" })).toEqual(["antrea"]);
    expect(await names({ layer: "K8S" })).toEqual(["kubernetes"]);
    expect(await names({ addonType: "LOGGING" })).toEqual(["fluentbit"]);
    // antrea is for vsphere only; the others are for `all` clouds.
    expect(await names({ cloudType: "aws" })).not.toContain("antrea");
    expect(await names({ cloudType: "vsphere" })).toContain("antrea");
    expect(await names({ kind: "HELM_CHART" })).toEqual([]);
    const search = await t.ok(SearchPackChartsDocument, { layer: "CNI" });
    expect(search.searchCharts.edges.map((e) => [e.node.name, e.node.registry.name])).toEqual([
      ["antrea", "packs"],
    ]);
  });

  it("derives parent tags per pack and resolves them, group prefix included", async () => {
    const data = await t.ok(PackVersionsDocument, { id: ociId, name: "fluentbit" });
    const versions = data.registry!.chart!.versions.edges.map((e) => e.node);
    expect(versions.map((v) => [v.version, v.parentTags])).toEqual([
      ["4.1.2", ["4.1.x", "4.x"]],
      ["4.1.0", []],
      ["4.0.2", ["4.0.x"]],
      ["3.9.0", ["3.9.x", "3.x"]],
    ]);
    expect(versions[1].constraints).toEqual({
      dependencies: [
        {
          packName: "kubernetes",
          layer: "K8S",
          minVersion: "1.27",
          maxVersion: null,
          type: "OPTIONAL",
        },
      ],
      resources: [
        { type: "cpu", minLimit: 100 },
        { type: "memory", minLimit: 128 },
      ],
    });
    const resolve = async (name: string, version: string) =>
      (await t.ok(ResolvePackDocument, { id: ociId, name, version })).resolveChartVersion
        ?.version ?? null;
    expect(await resolve("fluentbit", "4.x")).toBe("4.1.2");
    expect(await resolve("fluentbit", "4.0.x")).toBe("4.0.2");
    expect(await resolve("fluentbit", "5.x")).toBeNull();
    const k8s = await t.ok(PackVersionsDocument, { id: ociId, name: "kubernetes" });
    const lts = k8s.registry!.chart!.versions.edges.find((e) => e.node.version === "1.27.5")!.node;
    expect(lts.group).toBe("LTS");
    expect(lts.parentTags).toEqual(["1.27.x", "LTS__1.27.x", "LTS__1.x"]);
    expect(await resolve("kubernetes", "lts__1.27.x")).toBe("1.27.5");
    expect(await resolve("kubernetes", "1.x")).toBe("1.28.2");
  });

  it("serves values, README and schema.yaml read during the sync, without fetching again", async () => {
    const before = oci.requests().length;
    const fluent = await t.ok(PackContentDocument, {
      id: ociId,
      name: "fluentbit",
      version: "4.1.0",
    });
    expect(fluent.resolveChartVersion?.values).toBe(
      readFileSync(fixturePath("packs", "fluentbit-4.1.0", "values.yaml"), "utf8"),
    );
    const akuity = await t.ok(PackContentDocument, {
      id: ociId,
      name: "akuity-agent",
      version: "0.30.0-5.5.2026",
    });
    expect(akuity.resolveChartVersion?.valuesSchema).toBe(
      readFileSync(fixturePath("packs", "akuity-agent-0.30.0-5.5.2026", "schema.yaml"), "utf8"),
    );
    const kubeflow = await t.ok(PackContentDocument, {
      id: ociId,
      name: "kubeflow-pipelines",
      version: "1.5.0",
    });
    expect(kubeflow.resolveChartVersion?.values).toBe("");
    expect(oci.requests().length).toBe(before);
  });

  it("compares two pack versions (a parent tag as `from`) from the values read during the sync", async () => {
    const before = oci.requests().length;
    const { compareChartVersions: c } = await t.ok(CompareVersionsDocument, {
      registryId: ociId,
      chart: "kubernetes",
      from: "1.26.x",
      to: "1.28.2",
    });
    expect([c.from.version, c.to.version, c.direction]).toEqual(["1.26.3", "1.28.2", "UPGRADE"]);
    // What the pushed packs' values say, read here with the yaml library.
    const values = (version: string) =>
      (parse(kubernetes(version).values) as { kubeadmconfig: { version: string } }).kubeadmconfig
        .version;
    expect(c.values.changed).toEqual([
      {
        path: "kubeadmconfig.version",
        from: JSON.stringify(values("1.26.3")),
        to: JSON.stringify(values("1.28.2")),
      },
    ]);
    expect(c.values.added).toEqual([]);
    expect(c.changelog.map((v) => v.version)).toEqual(["1.28.2", "1.27.5"]);
    // Neither generated pack has a schema.yaml, and both have empty constraints.
    expect([c.schema.fromPresent, c.schema.toPresent, c.schema.error]).toEqual([
      false,
      false,
      null,
    ]);
    expect(c.constraints).toEqual({ dependencies: [], resources: [] });
    expect(oci.requests().length).toBe(before);
  });

  it("validates profile layers: versions, required dependencies, min and max versions", async () => {
    const check = async (layers: [string, string][]) =>
      (
        await t.ok(ValidateProfileDocument, {
          layers: layers.map(([name, version]) => ({ registryId: ociId, name, version })),
        })
      ).validateProfileLayers;

    const passing = await check([
      ["kubernetes", "1.28.2"],
      ["fluentbit", "4.x"],
    ]);
    expect(passing.valid).toBe(true);
    expect(passing.layers.map((l) => [l.resolvedVersion, l.status, l.layer])).toEqual([
      ["1.28.2", "VERIFIED", "K8S"],
      ["4.1.2", "VERIFIED", "ADDON"],
    ]);

    // fluentbit needs Kubernetes 1.27 or later.
    const tooOld = await check([
      ["kubernetes", "1.26.3"],
      ["fluentbit", "4.1.0"],
    ]);
    expect(tooOld.valid).toBe(false);
    expect(tooOld.layers[0].violations).toEqual([]);
    expect(tooOld.layers[1].violations).toEqual([
      expect.objectContaining({
        kind: "VERSION_TOO_LOW",
        packName: "kubernetes",
        minVersion: "1.27",
        foundVersion: "1.26.3",
      }),
    ]);
    expect(tooOld.layers[1].violations[0].message).toBe(
      "fluentbit 4.1.0 needs kubernetes 1.27 or later (layer k8s); the profile has kubernetes 1.26.3.",
    );

    // kubeflow-pipelines supports Kubernetes up to 1.21.10 only; appdynamics needs its operators.
    const failing = await check([
      ["kubernetes", "1.27.x"],
      ["kubeflow-pipelines", "1.5.0"],
      ["cisco-appdynamics-collectors", "1.22.1287"],
      ["fluentbit", "9.9.9"],
    ]);
    expect(failing.valid).toBe(false);
    expect(failing.layers.map((l) => [l.name, l.status, l.violations.map((v) => v.kind)])).toEqual([
      ["kubernetes", "VERIFIED", []],
      ["kubeflow-pipelines", "VERIFIED", ["VERSION_TOO_HIGH"]],
      ["cisco-appdynamics-collectors", "VERIFIED", ["MISSING_REQUIRED"]],
      ["fluentbit", "NOT_FOUND", []],
    ]);
    expect(failing.layers[2].violations[0].message).toContain("cisco-appdynamics-operators");
    expect(failing.layers[3].message).toContain("9.9.9");
  });

  it("syncs a legacy pack registry over https with basic auth, through the /v1 protocol adapter", async () => {
    const base = {
      name: "legacy",
      endpoint: legacy.url,
      tls: { caCertificate: pki.caCert },
    };
    const insecure = await t.exec(AddPackRegistryDocument, {
      input: { ...base, endpoint: legacy.url.replace("https:", "http:") },
    });
    expect([errorCode(insecure), insecure.errors?.[0]?.extensions?.field]).toEqual([
      "BAD_USER_INPUT",
      "endpoint",
    ]);
    const anonymous = await t.ok(ValidatePackRegistryDocument, { input: base });
    expect([
      anonymous.validatePackRegistry.valid,
      anonymous.validatePackRegistry.errorCode,
    ]).toEqual([false, "AUTH_FAILED"]);
    const wrongCa = await t.ok(ValidatePackRegistryDocument, {
      input: { ...base, tls: { caCertificate: pki.otherCaCert } },
    });
    expect(wrongCa.validatePackRegistry.errorCode).toBe("TLS");

    const added = await t.ok(AddPackRegistryDocument, {
      input: { ...base, auth: { type: "BASIC", username: "packs", password: PASSWORD } },
    });
    responses.push(added);
    expect(added.addPackRegistry).toMatchObject({
      kind: "PACK",
      syncEnabled: true,
      protected: false,
      auth: { type: "BASIC", username: "packs", hasSecret: true },
    });
    legacyId = added.addPackRegistry.id;
    expect(legacy.paths).toContain("/health");
    const run = await syncAndWait(t, legacyId);
    responses.push(run);
    expect(run.status).toBe("SUCCEEDED");
    expect([run.chartsAdded, run.versionsAdded]).toEqual([2, 2]);
    expect(legacy.paths.some((p) => p.startsWith("/v1/_catalog"))).toBe(true);
    // The parent tag 4.x the server keeps is an alias: never read as a version.
    expect(legacy.paths.some((p) => p.includes("/manifests/4.x"))).toBe(false);

    const versions = await t.ok(PackVersionsDocument, { id: legacyId, name: "fluentbit" });
    expect(versions.registry!.chart!.kind).toBe("PACK");
    expect(
      versions.registry!.chart!.versions.edges.map((e) => [e.node.version, e.node.parentTags]),
    ).toEqual([["4.1.0", ["4.1.x", "4.x"]]]);
    const content = await t.ok(PackContentDocument, {
      id: legacyId,
      name: "antrea",
      version: "1.9.x",
    });
    expect(content.resolveChartVersion?.values).toBe(
      readFileSync(fixturePath("packs", "antrea-1.9.0", "values.yaml"), "utf8"),
    );
    const search = await t.ok(SearchPackChartsDocument, { search: "antrea" });
    expect(search.searchCharts.edges.map((e) => e.node.registry.name).sort()).toEqual([
      "legacy",
      "packs",
    ]);
  });

  it("never shows the pack registry's password", () => {
    expect(JSON.stringify(responses) + t.logs.join("\n")).not.toContain(PASSWORD);
  });
});
