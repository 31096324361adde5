import {
  parentTags,
  parentTagsByVersion,
  resolvePackTag,
  type TaggableVersion,
} from "../../../../src/services/catalog/parent-tags";

const v = (...versions: string[]): TaggableVersion[] => versions.map((version) => ({ version }));

function asObject<T>(map: Map<string, T>): Record<string, T> {
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe("parentTagsByVersion", () => {
  it("points M.x and M.m.x at the highest match; others get []", () => {
    const result = parentTagsByVersion(v("1.2.3", "1.2.10", "1.3.0", "2.0.0", "1.2.9"));
    expect(asObject(result)).toEqual({
      "1.2.10": ["1.2.x"],
      "1.2.3": [],
      "1.2.9": [],
      "1.3.0": ["1.3.x", "1.x"],
      "2.0.0": ["2.0.x", "2.x"],
    });
  });

  it("uses numeric, not textual, order", () => {
    expect(parentTags(v("1.9.0", "1.10.0", "1.2.0"))).toEqual(
      new Map([
        ["1.9.x", "1.9.0"],
        ["1.10.x", "1.10.0"],
        ["1.2.x", "1.2.0"],
        ["1.x", "1.10.0"],
      ]),
    );
  });

  it("prefers a stable version over a higher prerelease", () => {
    const result = parentTags(v("1.2.3", "1.2.4-rc.1", "1.3.0-beta.2"));
    expect(result.get("1.2.x")).toBe("1.2.3");
    expect(result.get("1.x")).toBe("1.2.3");
    // No stable 1.3.x: the prerelease is the only match.
    expect(result.get("1.3.x")).toBe("1.3.0-beta.2");
  });

  it("picks the highest prerelease when no stable version matches", () => {
    const result = parentTags(v("0.30.0-5.5.2026", "0.30.0-4.5.2026", "0.30.0-10.1.2026"));
    expect(result.get("0.30.x")).toBe("0.30.0-10.1.2026");
    expect(result.get("0.x")).toBe("0.30.0-10.1.2026");
    expect(parentTagsByVersion(v("0.30.0-5.5.2026", "0.30.0")).get("0.30.0-5.5.2026")).toEqual([]);
  });

  it("coerces versions that are not full semver (1.5 → 1.x, 1.5.x)", () => {
    expect(asObject(parentTagsByVersion(v("1.5", "1.21", "2", "v1.12.0")))).toEqual({
      "1.21": ["1.21.x", "1.x"],
      "1.5": ["1.5.x"],
      "2": ["2.0.x", "2.x"],
      "v1.12.0": ["1.12.x"],
    });
  });

  it("a coerced version competes with full ones; ties go to the canonical form", () => {
    expect(parentTags(v("1.5", "1.5.1")).get("1.5.x")).toBe("1.5.1");
    expect(parentTags(v("1.5", "1.5.0")).get("1.5.x")).toBe("1.5.0");
    expect(parentTags(v("1.5.0", "1.5")).get("1.5.x")).toBe("1.5.0");
    // Equal precedence, neither canonical: the greater string, whatever the input order.
    expect(parentTags(v("1.2.3+a", "1.2.3+b")).get("1.2.x")).toBe("1.2.3+b");
    expect(parentTags(v("1.2.3+b", "1.2.3+a")).get("1.2.x")).toBe("1.2.3+b");
  });

  it("gives non-semver versions no parent tags", () => {
    const result = parentTagsByVersion(v("latest", "1.2.3.4", "1.0.0"));
    expect(result.get("latest")).toEqual([]);
    expect(result.get("1.2.3.4")).toEqual([]);
    expect(result.get("1.0.0")).toEqual(["1.0.x", "1.x"]);
    expect([...parentTags(v("latest", "")).keys()]).toEqual([]);
  });

  it("gives grouped versions grouped parents and lets them compete for plain ones", () => {
    const versions: TaggableVersion[] = [
      { version: "1.2.3", group: "LTS" },
      { version: "1.2.5" },
      { version: "1.3.0", group: "LTS" },
      { version: "1.1.0", group: null },
    ];
    expect(asObject(parentTags(versions))).toEqual({
      "1.1.x": "1.1.0",
      "1.2.x": "1.2.5",
      "1.3.x": "1.3.0",
      "1.x": "1.3.0",
      "LTS__1.2.x": "1.2.3",
      "LTS__1.3.x": "1.3.0",
      "LTS__1.x": "1.3.0",
    });
    expect(asObject(parentTagsByVersion(versions))).toEqual({
      "1.1.0": ["1.1.x"],
      "1.2.3": ["LTS__1.2.x"],
      "1.2.5": ["1.2.x"],
      "1.3.0": ["1.3.x", "1.x", "LTS__1.3.x", "LTS__1.x"],
    });
  });

  it("treats groups case-insensitively and blank groups as none", () => {
    const versions: TaggableVersion[] = [
      { version: "14.4.3", group: "lts" },
      { version: "14.4.5", group: " LTS " },
      { version: "14.5.0", group: " " },
      { version: "14.6.0", group: "" },
    ];
    const result = parentTags(versions);
    // One competition for lts/LTS; the prefix is written as stored on the winner (trimmed).
    expect(result.get("LTS__14.4.x")).toBe("14.4.5");
    expect(result.get("LTS__14.x")).toBe("14.4.5");
    expect(result.has("lts__14.4.x")).toBe(false);
    expect([...result.keys()].filter((k) => k.includes("__")).sort()).toEqual([
      "LTS__14.4.x",
      "LTS__14.x",
    ]);
    expect(result.get("14.x")).toBe("14.6.0");
  });

  it("keeps several groups apart", () => {
    const result = parentTags([
      { version: "2.1.0", group: "LTS" },
      { version: "2.2.0", group: "edge" },
      { version: "2.0.0" },
    ]);
    expect(result.get("LTS__2.x")).toBe("2.1.0");
    expect(result.get("edge__2.x")).toBe("2.2.0");
    expect(result.get("2.x")).toBe("2.2.0");
  });

  it("handles an empty set and duplicate version strings", () => {
    expect(parentTagsByVersion([]).size).toBe(0);
    expect(parentTags([]).size).toBe(0);
    expect(asObject(parentTagsByVersion(v("1.0.0", "1.0.0")))).toEqual({
      "1.0.0": ["1.0.x", "1.x"],
    });
  });

  it("re-points parents when the highest version goes away (like tag delete)", () => {
    const all = v("14.4.3", "14.4.4", "14.5.0");
    expect(parentTags(all).get("14.x")).toBe("14.5.0");
    const remaining = all.filter((x) => x.version !== "14.5.0");
    expect(parentTags(remaining).get("14.x")).toBe("14.4.4");
    expect(parentTags(remaining).has("14.5.x")).toBe(false);
  });
});

describe("resolvePackTag", () => {
  const versions: TaggableVersion[] = [
    { version: "1.2.3", group: "LTS" },
    { version: "1.2.5" },
    { version: "1.3.0-rc.1" },
    { version: "1.5" },
    { version: "2.0.0-beta.1", group: "LTS" },
    { version: "v3.1.0" },
  ];

  it("returns an exact version as is", () => {
    expect(resolvePackTag("1.2.3", versions)).toBe("1.2.3");
    expect(resolvePackTag("  1.2.5 ", versions)).toBe("1.2.5");
    expect(resolvePackTag("1.3.0-rc.1", versions)).toBe("1.3.0-rc.1");
    expect(resolvePackTag("1.5", versions)).toBe("1.5");
  });

  it("resolves versions written differently to the stored one", () => {
    expect(resolvePackTag("1.5.0", versions)).toBe("1.5");
    expect(resolvePackTag("3.1.0", versions)).toBe("v3.1.0");
    expect(resolvePackTag("v1.2.5", versions)).toBe("1.2.5");
  });

  it("resolves plain parent tags to the highest stable match", () => {
    expect(resolvePackTag("1.x", versions)).toBe("1.5");
    expect(resolvePackTag("1.2.x", versions)).toBe("1.2.5");
    expect(resolvePackTag("1.5.x", versions)).toBe("1.5");
    expect(resolvePackTag("1.3.x", versions)).toBe("1.3.0-rc.1");
    expect(resolvePackTag("2.x", versions)).toBe("2.0.0-beta.1");
    expect(resolvePackTag("3.1.x", versions)).toBe("v3.1.0");
  });

  it("resolves grouped parent tags with a case-insensitive group", () => {
    expect(resolvePackTag("LTS__1.2.x", versions)).toBe("1.2.3");
    expect(resolvePackTag("lts__1.2.x", versions)).toBe("1.2.3");
    expect(resolvePackTag("Lts__1.x", versions)).toBe("1.2.3");
    expect(resolvePackTag("lts__2.0.x", versions)).toBe("2.0.0-beta.1");
  });

  it("resolves the CLI's group__version tags only within the group", () => {
    expect(resolvePackTag("lts__1.2.3", versions)).toBe("1.2.3");
    expect(resolvePackTag("LTS__1.2.3", versions)).toBe("1.2.3");
    expect(resolvePackTag("lts__1.2.5", versions)).toBeNull();
  });

  it("agrees with parentTags for every tag it generates", () => {
    for (const [tag, version] of parentTags(versions)) {
      expect(resolvePackTag(tag, versions)).toBe(version);
      expect(resolvePackTag(tag.toLowerCase(), versions)).toBe(version);
    }
  });

  it("returns null when nothing matches", () => {
    expect(resolvePackTag("4.x", versions)).toBeNull();
    expect(resolvePackTag("1.4.x", versions)).toBeNull();
    expect(resolvePackTag("1.2.4", versions)).toBeNull();
    expect(resolvePackTag("edge__1.x", versions)).toBeNull();
    expect(resolvePackTag("lts__1.5.x", versions)).toBeNull();
    expect(resolvePackTag("latest", versions)).toBeNull();
    expect(resolvePackTag("", versions)).toBeNull();
    expect(resolvePackTag("   ", versions)).toBeNull();
    expect(resolvePackTag("lts__", versions)).toBeNull();
    expect(resolvePackTag("1.x", [])).toBeNull();
  });

  it("matches a non-semver version only by its exact string", () => {
    expect(resolvePackTag("nightly", v("nightly", "1.0.0"))).toBe("nightly");
    expect(resolvePackTag("1.x", v("nightly"))).toBeNull();
  });
});
