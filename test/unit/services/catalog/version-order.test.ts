import semver from "semver";
import {
  compareVersionsDesc,
  matchesSpec,
  parseVersionSpec,
  pickLatest,
  versionInfo,
} from "../../../../src/services/catalog/version-order";

describe("version sort keys", () => {
  // Generated, not hand-picked: every pair of these must order as semver.rcompare orders them.
  const cores = ["0.0.1", "0.1.0", "1.0.0", "1.2.3", "1.10.0", "2.0.0", "10.0.0", "1.2.10"];
  const pres = [
    "",
    "-alpha",
    "-alpha.1",
    "-alpha.beta",
    "-beta",
    "-beta.2",
    "-beta.11",
    "-rc.1",
    "-1",
    "-alpha-x",
    "-0.3.7",
  ];
  const versions = cores.flatMap((c) => pres.map((p) => `${c}${p}`));

  it("orders every pair exactly as semver precedence", () => {
    for (const a of versions) {
      for (const b of versions) {
        expect([a, b, Math.sign(compareVersionsDesc(a, b))]).toEqual([
          a,
          b,
          Math.sign(semver.rcompare(a, b)),
        ]);
      }
    }
  });

  it("puts versions that are not semver last, and flags them", () => {
    const sorted = ["latest", "1.0.0", "1.2.3.4", "0.1.0-rc.1"].sort(compareVersionsDesc);
    expect(sorted).toEqual(["1.0.0", "0.1.0-rc.1", "latest", "1.2.3.4"]);
    // Helm reads "2024-01-05" as 2024.0.0 with the prerelease "01-05".
    expect(versionInfo("2024-01-05")).toMatchObject({ isSemver: true, prerelease: true });
    expect(versionInfo("latest")).toMatchObject({ isSemver: false, prerelease: false });
    expect(versionInfo("1.0.0-rc.1")).toMatchObject({ isSemver: true, prerelease: true });
  });

  it("2. ignores build metadata for precedence, and breaks the tie by the documented rule", () => {
    expect(versionInfo("1.2.3+build.1").precedence).toBe(versionInfo("1.2.3").precedence);
    expect(versionInfo("v1.2").precedence).toBe(versionInfo("1.2.0").precedence);
    const ties = ["1.0.0", "1.0.0+build.9", "1.0", "v1.0.0", "1.0.0+build.10", "1.0.0+build.5"];
    // Build metadata above none (compared like prerelease identifiers), then text, greater first.
    expect([...ties].sort(compareVersionsDesc)).toEqual([
      "1.0.0+build.10",
      "1.0.0+build.9",
      "1.0.0+build.5",
      "v1.0.0",
      "1.0.0",
      "1.0",
    ]);
    // Whatever the input order.
    expect([...ties].reverse().sort(compareVersionsDesc)).toEqual(
      [...ties].sort(compareVersionsDesc),
    );
  });

  it("3. reads versions as Helm does: 1.0, 2, v1.2.3 and 01.2.3 are versions", () => {
    for (const v of ["1.0", "2", "v1.2.3", "01.2.3", "26.02.1"]) {
      expect([v, versionInfo(v).isSemver]).toEqual([v, true]);
    }
    for (const v of ["latest", "1.2.3.4", "1.0.0-01", ""]) {
      expect([v, versionInfo(v).isSemver]).toEqual([v, false]);
    }
    expect(["1.0", "2", "v1.2.3", "1.5.0"].sort(compareVersionsDesc)).toEqual([
      "2",
      "1.5.0",
      "v1.2.3",
      "1.0",
    ]);
  });

  it("7. orders Palette's zero-padded calendar versions as the dates they are", () => {
    expect(
      ["26.02.1", "25.12.0", "26.10.0", "26.9.3", "26.02.0"].sort(compareVersionsDesc),
    ).toEqual(["26.10.0", "26.9.3", "26.02.1", "26.02.0", "25.12.0"]);
  });

  it("picks the highest stable version as latest, else the highest prerelease", () => {
    const withInfo = (vs: string[]) =>
      vs.map((version) => ({ version, info: versionInfo(version) }));
    expect(pickLatest(withInfo(["1.0.0", "2.0.0-rc.1", "1.5.0"]))?.version).toBe("1.5.0");
    expect(pickLatest(withInfo(["2.0.0-rc.1", "2.0.0-beta.3"]))?.version).toBe("2.0.0-rc.1");
    expect(pickLatest(withInfo(["nightly", "weekly"]))?.version).toBe("weekly");
  });
});

describe("parseVersionSpec", () => {
  it("reads Helm constraints, floating tags and pack group prefixes; keeps the text", () => {
    const spec = (text: string) => parseVersionSpec(text)!;
    const matching = (text: string, versions: string[]) =>
      versions.filter((v) => matchesSpec(v, spec(text), false));
    const versions = ["0.1.0", "0.1.5", "0.2.0", "1.2.0", "1.2.9", "1.3.0", "2.0.0", "latest"];
    expect(matching(">= 0.1, < 0.2", versions)).toEqual(["0.1.0", "0.1.5"]);
    expect(matching("1.2.x", versions)).toEqual(["1.2.0", "1.2.9"]);
    expect(matching("lts__1.2.x", versions)).toEqual(["1.2.0", "1.2.9"]);
    expect(matching("^1.2 || 0.2", versions)).toEqual(["0.2.0", "1.2.0", "1.2.9", "1.3.0"]);
    expect(matching("latest", versions)).toEqual(["latest"]);
    expect(spec("not a version").constraint).toBeNull();
    expect(parseVersionSpec("  ")).toBeNull();
  });
});
