import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import semver from "semver";
import { RegistryError, RegistryErrorCode } from "../../../../src/providers/errors";
import { PackJsonWarning, parsePackJson } from "../../../../src/providers/pack/pack-json";
import { compareVersionsDesc, versionInfo } from "../../../../src/services/catalog/version-order";
import {
  PACK_DEPENDENCY_TYPES,
  PACK_LAYERS,
  type PackLayer,
  type ParsedPackJson,
} from "../../../../src/providers/pack/pack-model";
import { fixturePath } from "../../../helpers/fixtures";

const CORPUS_DIR = fixturePath("packs", "_pack-central-all-pack-json");

interface CorpusEntry {
  /** The pack folder in pack-central, e.g. `fluentbit-4.1.0`. */
  dir: string;
  text: string;
  /** The raw JSON, to compare the model with what the file says. */
  raw: Record<string, unknown>;
  /** The version the folder name implies, when the folder starts with `${name}-`. */
  folderVersion: string | undefined;
  parsed: ParsedPackJson;
}

function folderVersion(dir: string, name: string): string | undefined {
  return dir.startsWith(`${name}-`) ? dir.slice(name.length + 1) : undefined;
}

function loadCorpus(): CorpusEntry[] {
  return readdirSync(CORPUS_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const dir = file.slice(0, -".json".length);
      const text = readFileSync(path.join(CORPUS_DIR, file), "utf8");
      const raw = JSON.parse(text) as Record<string, unknown>;
      const version = folderVersion(dir, String(raw.name));
      return { dir, text, raw, folderVersion: version, parsed: parsePackJson(text, { version }) };
    });
}

/** Reads one of the six full packs, with the name and version its folder implies. */
function readFullPack(dir: string, expect: { name?: string; version?: string }): ParsedPackJson {
  return parsePackJson(readFileSync(fixturePath("packs", dir, "pack.json"), "utf8"), expect);
}

function codes(result: ParsedPackJson): string[] {
  return result.warnings.map((w) => w.code);
}

function messageOf(result: ParsedPackJson, code: string): string {
  const warning = result.warnings.find((w) => w.code === code);
  if (!warning) throw new Error(`no ${code} warning in ${JSON.stringify(result.warnings)}`);
  return warning.message;
}

/** Runs a parse that must throw a RegistryError, and returns it. */
function parseFailure(text: string, expect?: { name?: string; version?: string }): RegistryError {
  try {
    parsePackJson(text, expect);
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error(`expected a RegistryError for ${text}`);
}

/** A minimal valid pack.json with some fields replaced. */
function packText(fields: Record<string, unknown>): string {
  return JSON.stringify({ name: "demo", version: "1.0.0", layer: "addon", ...fields });
}

function count<T>(items: T[], key: (item: T) => string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

describe("parsePackJson on the pack-central corpus (all 220 pack.json files)", () => {
  const corpus = loadCorpus();
  const packs = corpus.map((entry) => entry.parsed.pack);
  const dependencies = packs.flatMap((pack) => pack.dependencies);
  const resources = packs.flatMap((pack) => pack.resources);

  it("reads every file into the model", () => {
    expect(corpus).toHaveLength(220);
    for (const { dir, raw, parsed } of corpus) {
      const { pack } = parsed;
      expect({ dir, name: pack.name.length > 0, version: pack.version.length > 0 }).toEqual({
        dir,
        name: true,
        version: true,
      });
      expect(pack.name).toBe(String(raw.name).trim());
      expect(pack.version).toBe(String(raw.version).trim());
      const stated = typeof raw.layer === "string" ? raw.layer.trim().toLowerCase() : "";
      if ((PACK_LAYERS as readonly string[]).includes(stated)) {
        expect({ dir, layer: pack.layer }).toEqual({ dir, layer: stated as PackLayer });
      }
      for (const dependency of pack.dependencies) {
        expect(dependency.packName.trim()).not.toBe("");
        expect(PACK_DEPENDENCY_TYPES).toContain(dependency.type);
      }
      for (const list of [pack.cloudTypes, pack.charts, pack.kubeManifests]) {
        for (const item of list) expect(item.trim()).toBe(item);
      }
    }
  });

  it("finds the corpus warnings, and only those", () => {
    const warned = corpus.flatMap((entry) => entry.parsed.warnings);
    expect(count(warned, (w) => w.code)).toEqual({
      [PackJsonWarning.VERSION_MISMATCH]: 10,
      [PackJsonWarning.DATE_SUFFIXED_VERSION]: 1,
      [PackJsonWarning.DEPENDENCY_TYPE_MISSING]: 1,
    });
    const withCode = (code: string): string[] =>
      corpus.filter((e) => codes(e.parsed).includes(code)).map((e) => e.dir);
    expect(withCode(PackJsonWarning.DATE_SUFFIXED_VERSION)).toEqual([
      "akuity-agent-0.30.0-5.5.2026",
    ]);
    expect(withCode(PackJsonWarning.DEPENDENCY_TYPE_MISSING)).toEqual(["nvidia-dra-driver-25.8.1"]);
  });

  it("relates folder names to pack names and versions", () => {
    // 144 folders are exactly `${name}-${version}`; 66 do not even start with `${name}-`.
    const exact = corpus.filter((e) => e.dir === `${e.parsed.pack.name}-${e.parsed.pack.version}`);
    const noNamePrefix = corpus.filter((e) => e.folderVersion === undefined);
    expect(exact).toHaveLength(144);
    expect(noNamePrefix).toHaveLength(66);
    // The other 10 differ in version. Five really do (1.5 vs 1.5.0, 1.16.0 vs 1.16); five only
    // seem to, because the pack name is a prefix of a longer folder name (consul/consul-k8s).
    const mismatched = corpus.filter((e) =>
      codes(e.parsed).includes(PackJsonWarning.VERSION_MISMATCH),
    );
    expect(mismatched.map((e) => `${e.dir} ${e.parsed.pack.version}`)).toEqual([
      "consul-k8s-1.3.0 1.3.0",
      "crossplane-1.16 1.16.0",
      "kubeflow-full-1.5.0 1.5",
      "kubeflow-pipelines-1.5.0 1.5",
      "kubeflow-serving-1.5.0 1.5",
      "kubeflow-training-1.5.0 1.5",
      "kubevirt-csi-driver-infra-add-on-1.0.0 1.0.0",
      "kubevirt-csi-driver-infra-add-on-1.0.1 1.0.1",
      "strimzi-kafka-operator-0.40.0 0.40.0",
      "strimzi-kafka-operator-1.0.0 1.0.0",
    ]);
    for (const e of mismatched) {
      const message = messageOf(e.parsed, PackJsonWarning.VERSION_MISMATCH);
      expect(message).toContain(`"${e.parsed.pack.version}"`);
      expect(message).toContain(`"${String(e.folderVersion)}"`);
    }
  });

  it("7. reads kubeflow 1.5 and zero-padded calendar versions as Helm does: versions, no warning", () => {
    const notSemver = packs.filter((p) => semver.valid(p.version) === null);
    expect(count(notSemver, (p) => p.version)).toEqual({
      "1.5": 4,
      "20.09.0": 1,
      "23.01.0": 2,
      "23.07.1": 2,
      "25.06.0": 2,
      "26.02.0": 2,
      "26.02.1": 2,
      "26.04.4": 1,
    });
    for (const e of corpus.filter((x) => semver.valid(x.parsed.pack.version) === null)) {
      expect(codes(e.parsed)).not.toContain(PackJsonWarning.VERSION_NOT_SEMVER);
      expect(versionInfo(e.parsed.pack.version).isSemver).toBe(true);
    }
    // The calendar versions order as the dates they are.
    const calendar = [...new Set(notSemver.map((p) => p.version))].filter((v) => v !== "1.5");
    expect([...calendar].sort(compareVersionsDesc)).toEqual([
      "26.04.4",
      "26.02.1",
      "26.02.0",
      "25.06.0",
      "23.07.1",
      "23.01.0",
      "20.09.0",
    ]);
  });

  it("sees three layers, the stated addon types, and three dependency types", () => {
    expect(count(packs, (p) => p.layer ?? "null")).toEqual({ addon: 190, csi: 27, cni: 3 });
    expect(count(packs, (p) => p.addonType ?? "null")).toEqual({
      "system app": 89,
      monitoring: 31,
      null: 30,
      logging: 28,
      ai: 9,
      registry: 7,
      "app services": 6,
      security: 6,
      "load balancer": 4,
      "app-services": 3,
      authentication: 3,
      ingress: 3,
      servicemesh: 1,
    });
    expect(packs.every((p) => p.addonSubType === null)).toBe(true);
    expect(dependencies).toHaveLength(101);
    // 75 say optional; nvidia-dra-driver's dependency has no type and is read as optional.
    expect(count(dependencies, (d) => d.type)).toEqual({ optional: 76, required: 20, upgrade: 5 });
    expect(count(dependencies, (d) => d.layer ?? "null")).toEqual({ k8s: 71, addon: 27, csi: 3 });
  });

  it("reads blank eol and group as null, and sources and resources as written", () => {
    // 25 files have eol and group, all blank ("" or " ").
    expect(corpus.filter((e) => "eol" in e.raw && "group" in e.raw)).toHaveLength(25);
    expect(packs.filter((p) => p.eol !== null || p.group !== null)).toHaveLength(0);
    expect(count(packs, (p) => p.source ?? "null")).toEqual({
      community: 198,
      spectrocloud: 7,
      null: 15,
    });
    expect(resources).toHaveLength(54);
    expect(count(resources, (r) => r.type)).toEqual({ cpu: 27, memory: 27 });
    expect(resources.every((r) => typeof r.minLimit === "number")).toBe(true);
    // Components are objects in the corpus (kubevious, splunk): request path, replicas, schedule.
    const components = resources.flatMap((r) => r.components);
    expect(components).toHaveLength(22);
    expect(components.every((c) => c.resourceRequestParamRef.startsWith("charts."))).toBe(true);
  });

  it("reads the six full packs exactly as their corpus copies", () => {
    for (const dir of [
      "akuity-agent-0.30.0-5.5.2026",
      "antrea-1.9.0",
      "appdynamics-collectors-1.22.1287",
      "argo-rollouts-1.2.1",
      "fluentbit-4.1.0",
      "kubeflow-pipelines-1.5.0",
    ]) {
      const full = readFullPack(dir, {});
      expect(full.pack).toEqual(corpus.find((e) => e.dir === dir)?.parsed.pack);
    }
  });
});

describe("parsePackJson on the odd packs", () => {
  it("akuity-agent: a date-suffixed version, blank eol and group, empty lists", () => {
    const result = readFullPack("akuity-agent-0.30.0-5.5.2026", {
      name: "akuity-agent",
      version: "0.30.0-5.5.2026",
    });
    expect(result.pack).toEqual({
      name: "akuity-agent",
      version: "0.30.0-5.5.2026",
      displayName: "Akuity Agent",
      layer: "addon",
      addonType: "app-services",
      addonSubType: null,
      cloudTypes: ["all"],
      group: null,
      eol: null,
      annotations: {},
      charts: ["charts/akuity-agent-0.30.0-5.5.2026.tgz"],
      kubeManifests: [],
      dependencies: [],
      resources: [],
      source: null,
    });
    // Blank eol/group are silent; the only warning is about ordering.
    expect(codes(result)).toEqual([PackJsonWarning.DATE_SUFFIXED_VERSION]);
    const message = messageOf(result, PackJsonWarning.DATE_SUFFIXED_VERSION);
    expect(message).toContain('below "0.30.0"');
    expect(message).toContain("not in calendar order");
    expect(semver.lt("0.30.0-5.5.2026", "0.30.0")).toBe(true);
  });

  it("kubeflow-pipelines: version 1.5 in a 1.5.0 folder, six optional k8s dependencies", () => {
    const result = readFullPack("kubeflow-pipelines-1.5.0", {
      name: "kubeflow-pipelines",
      version: "1.5.0",
    });
    expect(result.pack.version).toBe("1.5");
    expect(codes(result)).toEqual([PackJsonWarning.VERSION_MISMATCH]);
    expect(messageOf(result, PackJsonWarning.VERSION_MISMATCH)).toBe(
      'pack.json says version "1.5", but its tag or folder says "1.5.0"',
    );
    expect(result.pack.kubeManifests).toEqual([
      "manifests/base_manifests.yaml",
      "manifests/pipelines_manifests.yaml",
    ]);
    expect(result.pack.source).toBe("community");
    expect(result.pack.dependencies).toEqual(
      [
        ["kubernetes", "1.21.10"],
        ["kubernetes-aks", "1.21"],
        ["kubernetes-eksd", "1.21.6"],
        ["kubernetes-eks", "1.21"],
        ["kubernetes-konvoy", "1.21.6"],
        ["kubernetes-tke", "1.20.6"],
      ].map(([packName, maxVersion]) => ({
        packName,
        layer: "k8s",
        minVersion: null,
        maxVersion,
        type: "optional",
      })),
    );
  });

  it("appdynamics-collectors: the pack name differs from the folder; a required dependency", () => {
    const result = readFullPack("appdynamics-collectors-1.22.1287", {
      name: "appdynamics-collectors",
      version: "1.22.1287",
    });
    expect(result.pack.name).toBe("cisco-appdynamics-collectors");
    expect(codes(result)).toEqual([PackJsonWarning.NAME_MISMATCH]);
    const message = messageOf(result, PackJsonWarning.NAME_MISMATCH);
    expect(message).toContain('"cisco-appdynamics-collectors"');
    expect(message).toContain('"appdynamics-collectors"');
    expect(result.pack.dependencies).toEqual([
      {
        packName: "cisco-appdynamics-operators",
        layer: "addon",
        minVersion: "1.22.0",
        maxVersion: null,
        type: "required",
      },
    ]);
    expect(result.pack.annotations).toEqual({
      ingressSupported: "false",
      source: "community",
      contributor: "appdynamics",
    });
  });

  it("fluentbit: a k8s minVersion and cpu/memory resources", () => {
    const result = readFullPack("fluentbit-4.1.0", { name: "fluentbit", version: "4.1.0" });
    expect(result.warnings).toEqual([]);
    expect(result.pack.dependencies).toEqual([
      {
        packName: "kubernetes",
        layer: "k8s",
        minVersion: "1.27",
        maxVersion: null,
        type: "optional",
      },
    ]);
    expect(result.pack.resources).toEqual([
      { type: "cpu", minLimit: 100, components: [] },
      { type: "memory", minLimit: 128, components: [] },
    ]);
    expect(result.pack.charts).toEqual(["charts/fluent-bit-0.54.0.tgz"]);
    expect([result.pack.eol, result.pack.group]).toEqual([null, null]);
  });

  it("antrea: a cni pack for vsphere, no addonType, ansibleRoles ignored", () => {
    const result = readFullPack("antrea-1.9.0", { name: "antrea", version: "1.9.0" });
    expect(result.warnings).toEqual([]);
    expect(result.pack).toMatchObject({
      layer: "cni",
      cloudTypes: ["vsphere"],
      addonType: null,
      charts: ["charts/antrea-1.9.0.tgz"],
      source: "community",
    });
    expect(Object.keys(result.pack)).not.toContain("ansibleRoles");
  });

  it("argo-rollouts: a manifest-only pack", () => {
    const result = readFullPack("argo-rollouts-1.2.1", { name: "argo-rollouts", version: "1.2.1" });
    expect(result.warnings).toEqual([]);
    expect(result.pack.kubeManifests).toEqual(["manifests/install.yaml"]);
    expect(result.pack.charts).toEqual([]);
  });
});

describe("parsePackJson failures", () => {
  it("rejects text that is not JSON, saying where", () => {
    const error = parseFailure('{\n  "name": "demo",\n  "version": "1.0.0",\n}');
    expect(error.code).toBe(RegistryErrorCode.PARSE);
    expect(error.message).toMatch(/^pack\.json is not valid JSON: /);
    // Node 20 gives the offset only; the line and column are worked out from it.
    expect(error.message).toMatch(/position \d+ \(line 4, column 1\)$/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    // Without a position, V8 quotes the text near the error; the message stays on one line.
    const quoted = parseFailure('{"name": "demo",\n  "version": \n}');
    expect(quoted.code).toBe(RegistryErrorCode.PARSE);
    expect(quoted.message).toMatch(/^pack\.json is not valid JSON: /);
    expect(quoted.message).not.toContain("\n");
    expect(parseFailure('{"name": "demo"').message).toMatch(/not valid JSON/);
  });

  it("names the pack it was reading when the caller says", () => {
    expect(parseFailure("nope", { name: "demo", version: "1.0.0" }).message).toMatch(
      /^pack\.json of demo:1\.0\.0 is not valid JSON/,
    );
  });

  it("rejects empty text", () => {
    for (const text of ["", "  \n"]) {
      const error = parseFailure(text);
      expect(error.code).toBe(RegistryErrorCode.PARSE);
      expect(error.message).toBe("pack.json is empty; expected a JSON object");
    }
  });

  it("rejects a top level that is not an object", () => {
    for (const [text, found] of [
      ['[{"name": "demo", "version": "1.0.0"}]', "an array"],
      ["null", "null"],
      ['"demo"', 'the string "demo"'],
      ["42", "the number 42"],
    ]) {
      const error = parseFailure(text);
      expect(error.code).toBe(RegistryErrorCode.PARSE);
      expect(error.message).toBe(
        `pack.json must be a JSON object with name and version, not ${found}`,
      );
    }
  });

  it("rejects a missing, blank or non-string name", () => {
    for (const name of [undefined, "", "   ", 42, null, ["demo"]]) {
      const error = parseFailure(JSON.stringify({ name, version: "1.0.0" }));
      expect(error.code).toBe(RegistryErrorCode.PARSE);
      expect(error.message).toMatch(/"name".*a pack needs a name/);
    }
    expect(parseFailure(JSON.stringify({ version: "1.0.0" })).message).toBe(
      'pack.json has no "name" string (found nothing); a pack needs a name',
    );
  });

  it("rejects a missing, blank or non-string version", () => {
    for (const version of [undefined, "", " \t", null, true, { major: 1 }, ["1.0.0"]]) {
      const error = parseFailure(JSON.stringify({ name: "demo", version }));
      expect(error.code).toBe(RegistryErrorCode.PARSE);
      expect(error.message).toMatch(/"version".*a pack needs a version/);
    }
  });
});

describe("parsePackJson warnings", () => {
  it("reads a number version as text, with warnings", () => {
    const result = parsePackJson('{"name": "demo", "version": 1.50}');
    expect(result.pack.version).toBe("1.5");
    expect(codes(result)).toEqual([PackJsonWarning.VERSION_NOT_STRING]);
    expect(messageOf(result, PackJsonWarning.VERSION_NOT_STRING)).toContain("1.50 becomes");
  });

  it("trims name and version, and accepts a byte order mark", () => {
    const result = parsePackJson('\uFEFF{"name": " demo ", "version": " 1.0.0 "}');
    expect([result.pack.name, result.pack.version]).toEqual(["demo", "1.0.0"]);
    expect(result.warnings).toEqual([]);
  });

  it("turns blank scalars into null silently, and wrong types into null with a warning", () => {
    const blank = parsePackJson(
      packText({ displayName: " ", addonType: "", addonSubType: "\t", group: " ", eol: "" }),
    );
    expect(blank.warnings).toEqual([]);
    expect(blank.pack).toMatchObject({
      displayName: null,
      addonType: null,
      addonSubType: null,
      group: null,
      eol: null,
    });
    const wrong = parsePackJson(packText({ displayName: 5, eol: { date: "2026-01-01" } }));
    expect(wrong.pack.displayName).toBeNull();
    expect(wrong.pack.eol).toBeNull();
    expect(codes(wrong)).toEqual([PackJsonWarning.WRONG_TYPE, PackJsonWarning.WRONG_TYPE]);
    expect(wrong.warnings[0].message).toBe('"displayName" should be a string, not the number 5');
  });

  it("matches layers case-insensitively and reads unknown ones as null", () => {
    expect(parsePackJson(packText({ layer: " CSI " })).pack.layer).toBe("csi");
    expect(parsePackJson(packText({ layer: "Addon" })).warnings).toEqual([]);
    expect(parsePackJson(packText({ layer: "" })).warnings).toEqual([]);
    const unknown = parsePackJson(packText({ layer: "cluster" }));
    expect(unknown.pack.layer).toBeNull();
    expect(codes(unknown)).toEqual([PackJsonWarning.UNKNOWN_LAYER]);
    expect(unknown.warnings[0].message).toContain('layer "cluster" is not one of kernel, os, k8s');
  });

  it("keeps the strings of a list, trimmed, and drops blanks and other items", () => {
    const result = parsePackJson(
      packText({ cloudTypes: [" aws ", "", "  ", 3, null, "maas"], charts: "charts/a.tgz" }),
    );
    expect(result.pack.cloudTypes).toEqual(["aws", "maas"]);
    expect(result.pack.charts).toEqual(["charts/a.tgz"]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      '"cloudTypes" item the number 3 is not a string',
      '"cloudTypes" item null is not a string',
      '"charts" should be a list; read as a one-item list',
    ]);
    const notList = parsePackJson(packText({ kubeManifests: { a: 1 }, charts: null }));
    expect([notList.pack.kubeManifests, notList.pack.charts]).toEqual([[], []]);
    expect(codes(notList)).toEqual([PackJsonWarning.WRONG_TYPE]);
  });

  it("keeps annotations as text, drops values that are not scalars, and reads source", () => {
    const result = parsePackJson(
      packText({
        annotations: {
          source: "  community ",
          ingressSupported: false,
          replicas: 2,
          nested: { a: "b" },
          list: ["x"],
          nothing: null,
        },
      }),
    );
    expect(result.pack.annotations).toEqual({
      source: "  community ",
      ingressSupported: "false",
      replicas: "2",
    });
    expect(result.pack.source).toBe("community");
    expect(codes(result)).toEqual(Array(3).fill(PackJsonWarning.WRONG_TYPE));
    expect(result.warnings[0].message).toBe(
      'annotation "nested" should be a string, not an object; dropped',
    );
    expect(parsePackJson(packText({ annotations: { source: " " } })).pack.source).toBeNull();
    const notObject = parsePackJson(packText({ annotations: ["source"] }));
    expect([notObject.pack.annotations, codes(notObject)]).toEqual([
      {},
      [PackJsonWarning.WRONG_TYPE],
    ]);
  });

  it("keeps an annotation named __proto__ as an ordinary key", () => {
    const result = parsePackJson(
      '{"name":"demo","version":"1.0.0","annotations":{"__proto__":"x"}}',
    );
    expect(Object.keys(result.pack.annotations)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(result.pack.annotations)).toBe(Object.prototype);
  });

  it("normalizes dependencies and warns about the odd ones", () => {
    const result = parsePackJson(
      packText({
        constraints: {
          dependencies: [
            {
              packName: " kubernetes ",
              layer: "K8S",
              minVersion: " 1.27 ",
              maxVersion: "",
              type: "Required",
            },
            { packName: "cilium", layer: "cni", type: "notsupported" },
            { packName: "calico", layer: "network", minVersion: 1.27, type: "upgrade" },
            { packName: "istio", type: "mandatory" },
            { packName: "linkerd" },
            { layer: "addon", type: "required" },
            { packName: "  ", type: "required" },
            "kubernetes",
          ],
        },
      }),
    );
    expect(result.pack.dependencies).toEqual([
      {
        packName: "kubernetes",
        layer: "k8s",
        minVersion: "1.27",
        maxVersion: null,
        type: "required",
      },
      {
        packName: "cilium",
        layer: "cni",
        minVersion: null,
        maxVersion: null,
        type: "notSupported",
      },
      { packName: "calico", layer: null, minVersion: "1.27", maxVersion: null, type: "upgrade" },
      { packName: "istio", layer: null, minVersion: null, maxVersion: null, type: "optional" },
      { packName: "linkerd", layer: null, minVersion: null, maxVersion: null, type: "optional" },
    ]);
    expect(codes(result)).toEqual([
      PackJsonWarning.WRONG_TYPE, // [7] "kubernetes" is not an object
      PackJsonWarning.UNKNOWN_LAYER, // calico layer "network"
      PackJsonWarning.WRONG_TYPE, // calico minVersion is a number
      PackJsonWarning.DEPENDENCY_TYPE_UNKNOWN, // istio "mandatory"
      PackJsonWarning.DEPENDENCY_TYPE_MISSING, // linkerd
      PackJsonWarning.DEPENDENCY_MISSING_PACK_NAME,
      PackJsonWarning.DEPENDENCY_MISSING_PACK_NAME,
    ]);
    expect(messageOf(result, PackJsonWarning.DEPENDENCY_TYPE_UNKNOWN)).toBe(
      'constraints.dependencies[3] (istio) has type "mandatory", not one of required, optional, ' +
        'notSupported, upgrade; read as "optional"',
    );
    expect(messageOf(result, PackJsonWarning.DEPENDENCY_MISSING_PACK_NAME)).toBe(
      'constraints.dependencies[5] has no "packName"; the dependency was skipped',
    );
  });

  it("reads resources, accepting a numeric string minLimit", () => {
    const result = parsePackJson(
      packText({
        constraints: {
          resources: [
            { type: "cpu", minLimit: "100" },
            { type: "memory", minLimit: "128Mi", components: [" a ", 7] },
            { type: "diskSize" },
            { minLimit: 5 },
            {
              type: "cpu",
              minLimit: 512,
              components: [{ resourceRequestParamRef: "charts.x.cpu", scheduleType: "worker" }],
            },
          ],
        },
      }),
    );
    expect(result.pack.resources).toEqual([
      { type: "cpu", minLimit: 100, components: [] },
      {
        type: "memory",
        minLimit: null,
        components: [
          { resourceRequestParamRef: "a", replicaCountParamRef: null, scheduleType: null },
        ],
      },
      { type: "diskSize", minLimit: null, components: [] },
      {
        type: "cpu",
        minLimit: 512,
        components: [
          {
            resourceRequestParamRef: "charts.x.cpu",
            replicaCountParamRef: null,
            scheduleType: "worker",
          },
        ],
      },
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      '"constraints.resources[1].minLimit" should be a number, not the string "128Mi"',
      "constraints.resources[1].components[1] has no resourceRequestParamRef; it was ignored.",
      'constraints.resources[3] has no "type"; the resource was skipped',
    ]);
  });

  it("warns about constraints of the wrong shape", () => {
    const notObject = parsePackJson(packText({ constraints: [] }));
    expect(codes(notObject)).toEqual([PackJsonWarning.WRONG_TYPE]);
    const notLists = parsePackJson(
      packText({ constraints: { dependencies: {}, resources: "cpu" } }),
    );
    expect([notLists.pack.dependencies, notLists.pack.resources]).toEqual([[], []]);
    expect(codes(notLists)).toEqual([PackJsonWarning.WRONG_TYPE, PackJsonWarning.WRONG_TYPE]);
  });

  it("ignores unknown top-level keys", () => {
    const result = parsePackJson(
      packText({ commit_msg: "x", readme: "# x", kubeVersion: ">=1.26.0-0", ansibleRoles: [] }),
    );
    expect(result.warnings).toEqual([]);
  });

  it("compares the expected name and version, reading _ in a tag as +", () => {
    const text = packText({ version: "1.0.0+build.1" });
    expect(parsePackJson(text, { name: "demo", version: "1.0.0_build.1" }).warnings).toEqual([]);
    expect(parsePackJson(text, { name: "demo", version: "1.0.0+build.1" }).warnings).toEqual([]);
    const mismatch = parsePackJson(text, { name: "other", version: "1.0.0" });
    expect(mismatch.warnings).toEqual([
      {
        code: PackJsonWarning.NAME_MISMATCH,
        message: 'pack.json names the pack "demo", but its repository or folder is "other"',
      },
      {
        code: PackJsonWarning.VERSION_MISMATCH,
        message: 'pack.json says version "1.0.0+build.1", but its tag or folder says "1.0.0"',
      },
    ]);
    expect(parsePackJson(text, { name: " ", version: "" }).warnings).toEqual([]);
  });

  it("notes date-suffixed versions, and only those", () => {
    const dated = (version: string): boolean =>
      codes(parsePackJson(packText({ version }))).includes(PackJsonWarning.DATE_SUFFIXED_VERSION);
    expect(dated("0.30.0-5.5.2026")).toBe(true);
    expect(dated("1.0.0-31.12.2025")).toBe(true);
    expect(dated("1.0.0-2026-05-05")).toBe(true);
    expect(dated("1.0.0-2026.5.5")).toBe(true);
    for (const version of ["1.0.0", "1.0.0-rc.1", "1.0.0-1.2.3", "2026.5.5", "1.0.0-5.5.3000"]) {
      expect({ version, dated: dated(version) }).toEqual({ version, dated: false });
    }
    const yearFirst = parsePackJson(packText({ version: "1.0.0-2026-05-05" }));
    expect(messageOf(yearFirst, PackJsonWarning.DATE_SUFFIXED_VERSION)).not.toContain("calendar");
    // A zero-padded numeric prerelease part is refused by Helm too: that warning says how it orders.
    const padded = parsePackJson(packText({ version: "0.30.0-05.05.2026" }));
    expect(codes(padded)).toEqual([PackJsonWarning.VERSION_NOT_SEMVER]);
  });

  it("says why a version is not one Helm reads", () => {
    const why = (version: string): string =>
      messageOf(parsePackJson(packText({ version })), PackJsonWarning.VERSION_NOT_SEMVER);
    expect(why("1.2.3.4")).toContain("more than three numbers");
    expect(why("latest")).toContain("does not start with MAJOR[.MINOR[.PATCH]]");
    expect(why("latest")).toContain("below every version");
    for (const version of ["v1.2.3", "26.04.4", "1.5"]) {
      expect([version, codes(parsePackJson(packText({ version })))]).toEqual([version, []]);
    }
  });
});
