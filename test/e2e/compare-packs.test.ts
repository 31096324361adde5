/**
 * compareChartVersions on Palette packs: their schema.yaml (value constraints) and their pack.json
 * constraints. Packs are pushed to a real docker-registry as Palette documents (ORAS layout) and
 * synchronized as an OCI PACK registry. They are real packs (the akuity-agent fixture and its
 * schema.yaml; pack.json files published in Palette's pack central) and packs generated here: a
 * pair whose schema.yaml differs in every way the comparison tells apart, and a pair whose
 * constraints do.
 *
 * The schema cases are a table of the rules the README states (old template, new template,
 * expected kinds); paths and the old and new templates are read back from the pushed files with
 * the `yaml` library. Constraint changes are computed by this file's own walk over the pack.json
 * files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import {
  AddOciRegistryDocument,
  CompareVersionsDocument,
  type CompareVersionsQuery,
} from "../__generated__/graphql";
import { fixturePath } from "../helpers/fixtures";
import { startTestGateway, type TestGateway } from "../helpers/gateway";
import { startOciRegistry, type OciRegistryServer } from "../helpers/oci/registry";
import { buildPack, pushPack, type BuiltPack } from "../helpers/pack/packs";
import { syncAndWait } from "../helpers/sync";

const ARCHIVE = "base/spectro-packs/archive";
const AKUITY = "akuity-agent-0.30.0-5.5.2026";
const CENTRAL = fixturePath("packs", "_pack-central-all-pack-json");

type Comparison = CompareVersionsQuery["compareChartVersions"];
type Expected = [kind: string, breaking: boolean, keyword?: string];

/**
 * Every way two schema.yaml entries can differ, with what the README says of it. `from` or `to`
 * absent: the path is only on one side. `broken`: the side whose entry does not parse.
 */
const SCHEMA_CASES: {
  path: string;
  from?: string;
  to?: string;
  expect: Expected[];
  broken?: "FROM" | "TO";
}[] = [
  {
    path: "registry.hostname",
    from: '{{ format "${string}" }}',
    to: '{{ required | format "${string}" }}',
    expect: [["REQUIRED_ADDED", true]],
  },
  {
    path: "registry.user",
    from: "{{ required }}",
    to: '{{ hints "the user name" }}',
    expect: [
      ["REQUIRED_REMOVED", false],
      ["DEFINITION_CHANGED", false, "hints"],
    ],
  },
  {
    path: "registry.port",
    from: '{{ format "${string}" }}',
    to: '{{ format "${number}" }}',
    expect: [["TYPE_NARROWED", true]],
  },
  {
    path: "registry.replicas",
    from: '{{ format "${number}" }}',
    to: '{{ format "${string}" }}',
    expect: [["TYPE_WIDENED", false]],
  },
  {
    path: "registry.type",
    from: '{{ format "${list:[PACK,GIT,CHART]}" }}',
    to: '{{ format "${list:[PACK,GIT]}" }}',
    expect: [["ENUM_SHRUNK", true]],
  },
  {
    path: "registry.mode",
    from: '{{ format "${list:[fast,safe]}" }}',
    to: '{{ format "${list:[fast,safe,auto]}" }}',
    expect: [["ENUM_GROWN", false]],
  },
  {
    path: "registry.stringToList",
    from: '{{ format "${string}" }}',
    to: '{{ format "${list:[x,y]}" }}',
    expect: [["ENUM_SHRUNK", true]],
  },
  {
    path: "registry.listToNumber",
    from: '{{ format "${list:[1,2,3]}" }}',
    to: '{{ format "${number}" }}',
    expect: [["ENUM_GROWN", false]],
  },
  {
    path: "registry.listToBoolean",
    from: '{{ format "${list:[yes,no]}" }}',
    to: '{{ format "${boolean}" }}',
    expect: [["TYPE_NARROWED", true]],
  },
  {
    path: "registry.legacy",
    from: '{{ format "${string}" | hints "going away" }}',
    expect: [["PROPERTY_REMOVED", true]],
  },
  {
    path: "registry.private",
    to: '{{ format "${boolean}" }}',
    expect: [["PROPERTY_ADDED", false]],
  },
  {
    path: "registry.hostIp",
    to: '{{ required | format "${ipv4}" }}',
    expect: [
      ["PROPERTY_ADDED", false],
      ["REQUIRED_ADDED", true],
    ],
  },
  {
    path: "registry.namespace",
    from: '{{ format "${string}" }}',
    to: '{{ readonly | format "${string}" }}',
    expect: [["CONSTRAINT_CHANGED", true, "readonly"]],
  },
  {
    path: "registry.cluster",
    from: '{{ readonly | hints "set by Palette" }}',
    to: '{{ hints "set by Palette" }}',
    expect: [["CONSTRAINT_CHANGED", false, "readonly"]],
  },
  {
    path: "registry.type.hint",
    from: '{{ hints "description A" }}',
    to: '{{ hints "description A" "description B" }}',
    expect: [["DEFINITION_CHANGED", false, "hints"]],
  },
  {
    path: "registry.name",
    from: '{{ format "${string}" }}',
    to: '{{ format "${string:/^([a-z0-9].*)$/}" }}',
    expect: [["CONSTRAINT_CHANGED", true, "regex"]],
  },
  {
    path: "registry.label",
    from: '{{ format "${string:/^[a-z]+$/}" }}',
    to: '{{ format "${string}" }}',
    expect: [["CONSTRAINT_CHANGED", false, "regex"]],
  },
  {
    path: "registry.listenPort",
    from: '{{ format "${number:[5000-5005]}" }}',
    to: '{{ format "${number:[4000-6000]}" }}',
    expect: [["CONSTRAINT_CHANGED", false, "range"]],
  },
  {
    path: "registry.workers",
    from: '{{ format "${number:[1-100]}" }}',
    to: '{{ format "${number:[10-100]}" }}',
    expect: [["CONSTRAINT_CHANGED", true, "range"]],
  },
  {
    path: "registry.password",
    from: '{{ format "${string}" }}',
    to: '{{ format "${password}" }}',
    expect: [["DEFINITION_CHANGED", false]],
  },
  {
    path: "registry.version",
    from: "{{ required }}",
    to: '{{ required | format "${version}" }}',
    expect: [["TYPE_NARROWED", true]],
  },
  {
    path: "registry.tag",
    from: '{{ required | format "${version}" }}',
    to: "{{ required }}",
    expect: [["TYPE_WIDENED", false]],
  },
  {
    path: "registry.addresses.$[]",
    from: '{{ required | format "${ipv4} - ${ipv4}" | hints "ip pool range" }}',
    to: '{{ required | format "${ipv4}-${ipv4}" | hints "ip pool range" }}',
    expect: [["CONSTRAINT_CHANGED", true, "format"]],
  },
  {
    path: "storageType",
    from: '{{ required | format "${string}, ${string:/size=\\d+/}" }}',
    to: '{{ required | format "${string}, ${string:/size=\\d+/}" | hints "a | b" }}',
    expect: [["DEFINITION_CHANGED", false, "hints"]],
  },
  {
    path: "registry.unchanged",
    from: '{{ required | format "${number:[1-5]}" | hints "left alone" }}',
    to: '{{ required | format "${number:[1-5]}" | hints "left alone" }}',
    expect: [],
  },
  {
    path: "registry.typo",
    from: '{{ required | format "${string}" }}',
    to: '{{ required | formt "${string}" }}',
    expect: [],
    broken: "TO",
  },
  {
    path: "registry.unclosed",
    from: '{{ format "${string:/^a/" }}',
    to: '{{ format "${number}" }}',
    expect: [],
    broken: "FROM",
  },
];

/** The akuity-agent fixture's schema.yaml, as published. */
const akuitySchemaText = readFileSync(fixturePath("packs", AKUITY, "schema.yaml"), "utf8");
const akuitySchema = parse(akuitySchemaText) as Record<string, { schema: string }>;

/** A schema.yaml of the cases' `from` or `to` side, the real akuity entries first. */
function schemaYaml(side: "from" | "to"): string {
  const doc: Record<string, unknown> = { ...akuitySchema };
  for (const c of SCHEMA_CASES) {
    const template = c[side];
    if (template !== undefined) doc[c.path] = { schema: template };
  }
  // One entry that is not a mapping at all, on the `to` side.
  if (side === "to") doc["registry.notAnEntry"] = "{{ required }}";
  return stringify(doc);
}

/** A pack made from the akuity-agent fixture's folder under another name and version. */
function schemaPack(name: string, version: string, schema: string | null): BuiltPack {
  return buildPack({
    fixture: AKUITY,
    set: { name, version },
    files: { "schema.yaml": schema },
  });
}

/** The pack.json files of Palette's pack central, by `name@version`. */
function centralPackJson(name: string, version: string): Record<string, unknown> {
  for (const file of readdirSync(CENTRAL)) {
    const json = JSON.parse(readFileSync(`${CENTRAL}/${file}`, "utf8")) as Record<string, unknown>;
    if (json.name === name && json.version === version) return json;
  }
  throw new Error(`no pack.json of ${name} ${version} in the fixtures`);
}

/** A pack with a given pack.json (the fluentbit fixture's folder for the rest). */
function packWith(packJson: Record<string, unknown>): BuiltPack {
  return buildPack({
    fixture: "fluentbit-4.1.0",
    set: { constraints: null, ...packJson },
  });
}

/** Real pairs of pack central versions whose constraints differ. */
const CENTRAL_PAIRS: [string, string, string][] = [
  ["fluentbit", "4.2.3", "5.0.3"],
  ["elastic-stack", "0.10.0", "0.18.2"],
  ["strimzi-kafka", "0.40.0", "1.0.0"],
  ["kubevious", "0.5.9", "0.8.15"],
  ["crossplane", "2.1.4", "2.2.1"],
];

/** A generated pack whose constraints differ in every way between 1.0.0, 2.0.0 and 3.0.0. */
const DEMO_CONSTRAINTS: Record<string, unknown>[] = [
  {
    dependencies: [
      {
        packName: "kubernetes",
        layer: "k8s",
        minVersion: "1.27",
        maxVersion: "",
        type: "optional",
      },
      { packName: "vault", layer: "addon", minVersion: "0.6.0", maxVersion: "", type: "required" },
      {
        packName: "csi-vsphere-volume",
        layer: "csi",
        minVersion: "1.0.0",
        maxVersion: "",
        type: "notSupported",
      },
    ],
    resources: [
      { type: "cpu", minLimit: 100 },
      {
        type: "memory",
        minLimit: 256,
        components: [
          { resourceRequestParamRef: "requests.memory", replicaCountParamRef: "replicas" },
        ],
      },
      { type: "diskSize", minLimit: 10 },
    ],
  },
  {
    dependencies: [
      {
        packName: "kubernetes",
        layer: "k8s",
        minVersion: "1.29",
        maxVersion: "1.33",
        type: "optional",
      },
      { packName: "vault", layer: "addon", minVersion: "0.6.0", maxVersion: "", type: "optional" },
      { packName: "cilium", layer: "cni", minVersion: "1.15", maxVersion: "", type: "required" },
    ],
    resources: [
      { type: "cpu", minLimit: 200 },
      { type: "memory", minLimit: 128, components: [] },
    ],
  },
  {
    dependencies: [
      {
        packName: "kubernetes",
        layer: "k8s",
        minVersion: "1.29",
        maxVersion: "1.33",
        type: "optional",
      },
      { packName: "vault", layer: "csi", minVersion: "0.6.0", maxVersion: "", type: "optional" },
      { packName: "cilium", layer: "cni", minVersion: "1.15", maxVersion: "", type: "required" },
    ],
    resources: [
      { type: "cpu", minLimit: 200 },
      {
        type: "memory",
        minLimit: 128,
        components: [{ resourceRequestParamRef: "web.requests.memory", scheduleType: "worker" }],
      },
      { type: "diskSize", minLimit: 20 },
    ],
  },
];

// --- this file's own walk over pack.json constraints ----------------------------------------

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const text = (v: unknown): string | null =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : null;
const ENUM: Record<string, string> = {
  required: "REQUIRED",
  optional: "OPTIONAL",
  notSupported: "NOT_SUPPORTED",
  upgrade: "UPGRADE",
};

function dependencyOf(d: Json) {
  return {
    packName: String(d.packName),
    layer: text(d.layer)?.toUpperCase() ?? null,
    minVersion: text(d.minVersion),
    maxVersion: text(d.maxVersion),
    type: ENUM[String(d.type)] ?? "OPTIONAL",
  };
}

type Dependency = ReturnType<typeof dependencyOf>;

/** Dotted numeric versions compared part by part (`1.27` = `1.27.0`); the fixtures need no more. */
function versionOrder(a: string, b: string): number {
  const parts = (v: string) => [...v.split(".").map(Number), 0, 0].slice(0, 3);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** Whether a profile that met `a` (null: none) may fail `b`, by the README's list. */
function mayFail(a: Dependency | null, b: Dependency): boolean {
  if (b.type === "UPGRADE") return false;
  if (a === null || a.type === "UPGRADE")
    return b.type !== "OPTIONAL" || b.minVersion !== null || b.maxVersion !== null;
  if (a.type !== b.type && ["REQUIRED", "NOT_SUPPORTED"].includes(b.type)) return true;
  if (a.type === "NOT_SUPPORTED" && b.type !== "NOT_SUPPORTED") return true;
  if (b.layer !== null && b.layer !== a.layer) return true;
  const minUp =
    b.minVersion !== null &&
    (a.minVersion === null || versionOrder(b.minVersion, a.minVersion) > 0);
  const maxDown =
    b.maxVersion !== null &&
    (a.maxVersion === null || versionOrder(b.maxVersion, a.maxVersion) < 0);
  if (b.type !== "NOT_SUPPORTED") return minUp || maxDown;
  // notSupported: its range widened.
  const minDown =
    a.minVersion !== null &&
    (b.minVersion === null || versionOrder(b.minVersion, a.minVersion) < 0);
  const maxUp =
    a.maxVersion !== null &&
    (b.maxVersion === null || versionOrder(b.maxVersion, a.maxVersion) > 0);
  return minDown || maxUp;
}

function expectedConstraints(from: Json, to: Json) {
  const constraintsOf = (p: Json) => (p.constraints ?? {}) as Json;
  const depsA = list(constraintsOf(from).dependencies).map(dependencyOf);
  const depsB = list(constraintsOf(to).dependencies).map(dependencyOf);
  const fields = [
    ["LAYER", "layer"],
    ["MIN_VERSION", "minVersion"],
    ["MAX_VERSION", "maxVersion"],
    ["TYPE", "type"],
  ] as const;
  const dependencies = [];
  for (const a of depsA) {
    const b = depsB.find((d) => d.packName === a.packName);
    if (!b) {
      dependencies.push({
        packName: a.packName,
        kind: "REMOVED",
        changedFields: [],
        from: a,
        to: null,
        breaking: false,
      });
      continue;
    }
    const changed = fields.filter(([, f]) => a[f] !== b[f]).map(([name]) => name);
    if (changed.length)
      dependencies.push({
        packName: a.packName,
        kind: "CHANGED",
        changedFields: changed,
        from: a,
        to: b,
        breaking: mayFail(a, b),
      });
  }
  for (const b of depsB) {
    if (!depsA.some((a) => a.packName === b.packName))
      dependencies.push({
        packName: b.packName,
        kind: "ADDED",
        changedFields: [],
        from: null,
        to: b,
        breaking: mayFail(null, b),
      });
  }

  const componentKeys = (r: Json) =>
    list(r.components).map((c) =>
      JSON.stringify([
        c.resourceRequestParamRef,
        c.replicaCountParamRef ?? null,
        c.scheduleType ?? null,
      ]),
    );
  const resA = list(constraintsOf(from).resources);
  const resB = list(constraintsOf(to).resources);
  const resources = [];
  for (const a of resA) {
    const b = resB.find((r) => r.type === a.type);
    const limitA = typeof a.minLimit === "number" ? a.minLimit : null;
    if (!b) {
      resources.push({
        type: String(a.type),
        kind: "REMOVED",
        fromMinLimit: limitA,
        toMinLimit: null,
        componentsChanged: componentKeys(a).length > 0,
        breaking: false,
      });
      continue;
    }
    const limitB = typeof b.minLimit === "number" ? b.minLimit : null;
    const keysA = componentKeys(a);
    const keysB = componentKeys(b);
    const componentsChanged = JSON.stringify(keysA) !== JSON.stringify(keysB);
    if (limitA === limitB && !componentsChanged) continue;
    const kind =
      (limitB ?? 0) > (limitA ?? 0)
        ? "RAISED"
        : (limitB ?? 0) < (limitA ?? 0)
          ? "LOWERED"
          : "COMPONENTS_CHANGED";
    resources.push({
      type: String(a.type),
      kind,
      fromMinLimit: limitA,
      toMinLimit: limitB,
      componentsChanged,
      breaking: kind === "RAISED" || keysB.some((k) => !keysA.includes(k)),
    });
  }
  for (const b of resB) {
    if (resA.some((r) => r.type === b.type)) continue;
    const limitB = typeof b.minLimit === "number" ? b.minLimit : null;
    resources.push({
      type: String(b.type),
      kind: "ADDED",
      fromMinLimit: null,
      toMinLimit: limitB,
      componentsChanged: componentKeys(b).length > 0,
      breaking: true,
    });
  }
  return { dependencies, resources };
}

/** A comparison's constraint changes in a stable order, for `toEqual`. */
function sortedConstraints(c: Comparison["constraints"]) {
  return {
    dependencies: [...(c?.dependencies ?? [])]
      .map((d) => ({ ...d, changedFields: [...d.changedFields].sort() }))
      .sort((x, y) => x.packName.localeCompare(y.packName)),
    resources: [...(c?.resources ?? [])].sort((x, y) => x.type.localeCompare(y.type)),
  };
}

function sortedExpected(e: ReturnType<typeof expectedConstraints>) {
  return {
    dependencies: e.dependencies
      .map((d) => ({ ...d, changedFields: [...d.changedFields].sort() }))
      .sort((x, y) => x.packName.localeCompare(y.packName)),
    resources: e.resources.sort((x, y) => x.type.localeCompare(y.type)),
  };
}

const byPath = (x: { path: string; kind: string }, y: { path: string; kind: string }) =>
  x.path.localeCompare(y.path) || x.kind.localeCompare(y.kind);

describe("comparing Palette packs: schema.yaml and pack.json constraints", () => {
  let t: TestGateway;
  let oci: OciRegistryServer;
  let registryId: string;
  const demoJson: Json[] = [];

  const compare = async (chart: string, from: string, to: string): Promise<Comparison> =>
    (await t.ok(CompareVersionsDocument, { registryId, chart, from, to })).compareChartVersions;

  beforeAll(async () => {
    oci = await startOciRegistry();
    t = await startTestGateway();
    // Real: the akuity-agent fixture as published; generated: without schema.yaml, and with
    // every published entry made required.
    await pushPack(
      oci,
      `${ARCHIVE}/akuity-agent`,
      "0.30.0-5.5.2026",
      buildPack({ fixture: AKUITY }),
    );
    await pushPack(
      oci,
      `${ARCHIVE}/akuity-agent`,
      "0.31.0",
      schemaPack("akuity-agent", "0.31.0", null),
    );
    const required = Object.fromEntries(
      Object.entries(akuitySchema).map(([path, entry]) => [
        path,
        { schema: entry.schema.replace("{{", "{{ required |") },
      ]),
    );
    await pushPack(
      oci,
      `${ARCHIVE}/akuity-agent`,
      "0.32.0",
      schemaPack("akuity-agent", "0.32.0", stringify(required)),
    );
    // Generated: one schema.yaml per side of the cases.
    await pushPack(
      oci,
      `${ARCHIVE}/schema-demo`,
      "1.0.0",
      schemaPack("schema-demo", "1.0.0", schemaYaml("from")),
    );
    await pushPack(
      oci,
      `${ARCHIVE}/schema-demo`,
      "2.0.0",
      schemaPack("schema-demo", "2.0.0", schemaYaml("to")),
    );
    // A schema.yaml that is not YAML.
    await pushPack(
      oci,
      `${ARCHIVE}/schema-demo`,
      "3.0.0",
      schemaPack("schema-demo", "3.0.0", "registry.hostname: [unclosed\n"),
    );
    // Real pack.json files of pack central.
    for (const [name, a, b] of CENTRAL_PAIRS) {
      for (const version of [a, b]) {
        await pushPack(
          oci,
          `${ARCHIVE}/${name}`,
          version,
          packWith(centralPackJson(name, version)),
        );
      }
    }
    // Generated constraints.
    for (const [index, constraints] of DEMO_CONSTRAINTS.entries()) {
      const version = `${index + 1}.0.0`;
      const json = { name: "constraint-demo", version, constraints };
      demoJson.push(json);
      await pushPack(oci, `${ARCHIVE}/constraint-demo`, version, packWith(json));
    }

    const added = await t.ok(AddOciRegistryDocument, {
      input: {
        name: "packs",
        endpoint: oci.url,
        providerType: "PACK",
        baseContentPaths: ["base"],
      } as never,
    });
    registryId = added.addOciRegistry.id;
    const run = await syncAndWait(t, registryId);
    expect(run.status).toBe("SUCCEEDED");
  });

  afterAll(async () => {
    await t?.close();
    await oci?.stop();
  });

  it("compares two schema.yaml in the JSON-schema diff's terms, breaking changes apart", async () => {
    const c = await compare("schema-demo", "1.0.0", "2.0.0");
    expect([c.direction, c.schema.fromPresent, c.schema.toPresent, c.schema.error]).toEqual([
      "UPGRADE",
      true,
      true,
      null,
    ]);
    // The files as pushed, read back with the yaml library.
    const from = parse(schemaYaml("from")) as Record<string, { schema: string }>;
    const to = parse(schemaYaml("to")) as Record<string, unknown>;
    const expected = SCHEMA_CASES.flatMap((k) =>
      k.expect.map(([kind, breaking, keyword]) => ({
        kind,
        breaking,
        path: keyword ? `${k.path} (${keyword})` : k.path,
      })),
    );
    const got = [...c.schema.breaking, ...c.schema.harmless].map(({ kind, breaking, path }) => ({
      kind,
      breaking,
      path,
    }));
    expect(got.sort(byPath)).toEqual(expected.sort(byPath));
    expect(c.schema.breaking.every((s) => s.breaking)).toBe(true);
    expect(c.schema.harmless.every((s) => !s.breaking)).toBe(true);
    // The published akuity entry is on both sides, unchanged: nothing said of it.
    for (const path of Object.keys(akuitySchema)) {
      expect(got.some((g) => g.path.startsWith(path))).toBe(false);
    }
    // Added and removed entries carry their template, as the files have it.
    const removed = c.schema.breaking.filter((s) => s.kind === "PROPERTY_REMOVED");
    expect(removed.map((s) => [s.path, s.from, s.to])).toEqual(
      Object.keys(from)
        .filter((p) => !(p in to))
        .map((p) => [p, JSON.stringify(from[p]!.schema), null]),
    );
    const addedPaths = c.schema.harmless
      .filter((s) => s.kind === "PROPERTY_ADDED")
      .map((s) => s.path);
    const broken = new Set(SCHEMA_CASES.filter((k) => k.broken).map((k) => k.path));
    expect(addedPaths.sort()).toEqual(
      Object.keys(to)
        .filter((p) => !(p in from) && !broken.has(p) && p !== "registry.notAnEntry")
        .sort(),
    );
    const made = c.schema.breaking.find((s) => s.path === "registry.hostname");
    expect([made?.from, made?.to]).toEqual(["false", "true"]);
    const shrunk = c.schema.breaking.find((s) => s.path === "registry.type");
    expect([shrunk?.from, shrunk?.to]).toEqual([
      JSON.stringify(["PACK", "GIT", "CHART"]),
      JSON.stringify(["PACK", "GIT"]),
    ]);
    // Entries that do not parse are listed on their side and path, the rest still compared.
    expect(c.schema.entryErrors.map((e) => [e.side, e.path]).sort()).toEqual(
      [
        ...SCHEMA_CASES.filter((k) => k.broken).map((k) => [k.broken, k.path]),
        ["TO", "registry.notAnEntry"],
      ].sort(),
    );
    expect(c.schema.entryErrors.find((e) => e.path === "registry.typo")?.message).toContain(
      "formt",
    );
    // A Helm-only field stays empty for packs; constraints are said (none here).
    expect(c.constraints).toEqual({ dependencies: [], resources: [] });
  });

  it("reads the changes from the other side on a downgrade: removed paths become added ones", async () => {
    const c = await compare("schema-demo", "2.0.0", "1.0.0");
    expect(c.direction).toBe("DOWNGRADE");
    const removedOnUpgrade = SCHEMA_CASES.filter((k) => k.from !== undefined && k.to === undefined);
    for (const k of removedOnUpgrade) {
      expect(c.schema.harmless).toContainEqual(
        expect.objectContaining({ kind: "PROPERTY_ADDED", path: k.path, breaking: false }),
      );
    }
    const same = await compare("schema-demo", "2.0.0", "2.0.0");
    expect([same.direction, same.schema.breaking, same.schema.harmless]).toEqual(["SAME", [], []]);
  });

  it("compares the published akuity-agent schema.yaml with none and with every entry made required", async () => {
    const published = Object.keys(akuitySchema);
    expect(published.length).toBeGreaterThan(0);

    const dropped = await compare("akuity-agent", "0.30.0-5.5.2026", "0.31.0");
    expect([dropped.schema.fromPresent, dropped.schema.toPresent]).toEqual([true, false]);
    expect(dropped.schema.breaking).toEqual([]);
    expect(dropped.schema.harmless.map((s) => s.kind)).toEqual(["SCHEMA_REMOVED"]);

    const appeared = await compare("akuity-agent", "0.31.0", "0.30.0-5.5.2026");
    expect(appeared.schema.breaking.map((s) => s.kind)).toEqual(["SCHEMA_ADDED"]);

    const required = await compare("akuity-agent", "0.30.0-5.5.2026", "0.32.0");
    expect(required.schema.error).toBeNull();
    expect(required.schema.breaking.map((s) => [s.kind, s.path]).sort()).toEqual(
      published.map((p) => ["REQUIRED_ADDED", p]).sort(),
    );
    expect(required.schema.harmless).toEqual([]);
  });

  it("says why when a schema.yaml is not YAML, and still compares the rest", async () => {
    const c = await compare("schema-demo", "2.0.0", "3.0.0");
    expect(c.schema.error).toMatch(/schema\.yaml is not valid YAML/);
    expect([c.schema.breaking, c.schema.harmless]).toEqual([[], []]);
    // The values are compared all the same.
    expect(c.values.error).toBeNull();
  });

  it.each(CENTRAL_PAIRS)(
    "compares the constraints of pack central's %s %s and %s",
    async (name, a, b) => {
      const c = await compare(name, a, b);
      const expected = expectedConstraints(centralPackJson(name, a), centralPackJson(name, b));
      expect(sortedConstraints(c.constraints)).toEqual(sortedExpected(expected));
      // Every pair was chosen because something differs.
      expect(expected.dependencies.length + expected.resources.length).toBeGreaterThan(0);
    },
  );

  it("tells every kind of constraint change apart on generated packs", async () => {
    const kinds = new Set<string>();
    const fields = new Set<string>();
    for (const [from, to] of [
      [0, 1],
      [1, 2],
      [2, 0],
    ] as const) {
      const a = demoJson[from]!;
      const b = demoJson[to]!;
      const c = await compare("constraint-demo", String(a.version), String(b.version));
      const expected = expectedConstraints(a, b);
      expect(sortedConstraints(c.constraints)).toEqual(sortedExpected(expected));
      for (const d of c.constraints!.dependencies) {
        kinds.add(`dependency ${d.kind} ${d.breaking}`);
        d.changedFields.forEach((f) => fields.add(f));
      }
      for (const r of c.constraints!.resources) kinds.add(`resource ${r.kind} ${r.breaking}`);
    }
    // The generated packs cover every kind and field (so the walk above is exercised).
    expect([...kinds].sort()).toEqual(
      [
        "dependency ADDED true",
        "dependency CHANGED false",
        "dependency CHANGED true",
        "dependency REMOVED false",
        "resource ADDED true",
        "resource COMPONENTS_CHANGED true",
        "resource LOWERED false",
        "resource RAISED true",
        "resource REMOVED false",
      ].sort(),
    );
    expect([...fields].sort()).toEqual(["LAYER", "MAX_VERSION", "MIN_VERSION", "TYPE"]);
  });
});
