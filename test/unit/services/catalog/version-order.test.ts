import semver from "semver";
import {
  compareVersionsDesc,
  pickLatest,
  toRange,
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
    const sorted = ["latest", "1.0.0", "2024-01-05", "0.1.0-rc.1"].sort(compareVersionsDesc);
    expect(sorted.slice(0, 2)).toEqual(["1.0.0", "0.1.0-rc.1"]);
    expect(versionInfo("latest")).toMatchObject({ isSemver: false, prerelease: false });
    expect(versionInfo("1.0.0-rc.1")).toMatchObject({ isSemver: true, prerelease: true });
  });

  it("ignores build metadata for order, as semver says", () => {
    expect(versionInfo("1.2.3+build.1").sortKey).toBe(versionInfo("1.2.3").sortKey);
  });

  it("picks the highest stable version as latest, else the highest prerelease", () => {
    const withInfo = (vs: string[]) =>
      vs.map((version) => ({ version, info: versionInfo(version) }));
    expect(pickLatest(withInfo(["1.0.0", "2.0.0-rc.1", "1.5.0"]))?.version).toBe("1.5.0");
    expect(pickLatest(withInfo(["2.0.0-rc.1", "2.0.0-beta.3"]))?.version).toBe("2.0.0-rc.1");
    expect(pickLatest(withInfo(["nightly", "weekly"]))?.version).toBe("weekly");
  });
});

describe("toRange", () => {
  it("turns floating tags into ranges and keeps exact versions and ranges", () => {
    expect(toRange("1.2.x")).toEqual({ range: "1.2.x" });
    expect(toRange("1.x")).toEqual({ range: "1.x" });
    expect(toRange("lts__1.2.x")).toEqual({ range: "1.2.x" });
    expect(toRange("1.2.3")).toEqual({ exact: "1.2.3" });
    expect(toRange("^1.4")).toEqual({ range: "^1.4" });
    expect(toRange(">=1.2 <2")).toEqual({ range: ">=1.2 <2" });
    expect(toRange("not a version")).toBeNull();
  });
});
