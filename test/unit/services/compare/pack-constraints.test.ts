import type { PackDependency } from "../../../../src/providers/pack-metadata";
import { dependencyBreaking } from "../../../../src/services/compare/pack-constraints";

const dep = (over: Partial<PackDependency>): PackDependency => ({
  packName: "kubernetes",
  layer: "k8s",
  minVersion: null,
  maxVersion: null,
  type: "optional",
  ...over,
});

// Each case: a profile that met the first may fail the second, or not.
describe("whether a pack dependency change may fail a profile", () => {
  it.each<[string, PackDependency | null, PackDependency, boolean]>([
    ["optional added without bounds", null, dep({}), false],
    ["optional added with a min", null, dep({ minVersion: "1.27" }), true],
    ["required added", null, dep({ type: "required" }), true],
    ["upgrade added", null, dep({ type: "upgrade", minVersion: "1.27" }), false],
    ["min raised (short bound)", dep({ minVersion: "1.27" }), dep({ minVersion: "1.29" }), true],
    ["min lowered", dep({ minVersion: "1.29" }), dep({ minVersion: "1.27.3" }), false],
    ["max added", dep({}), dep({ maxVersion: "1.33" }), true],
    ["max removed", dep({ maxVersion: "1.33" }), dep({}), false],
    ["required to optional", dep({ type: "required" }), dep({}), false],
    ["optional to required", dep({}), dep({ type: "required" }), true],
    ["layer named", dep({ layer: null }), dep({}), true],
    ["layer dropped", dep({}), dep({ layer: null }), false],
    [
      "notSupported range widened",
      dep({ type: "notSupported", minVersion: "1.0.0", maxVersion: "1.2.0" }),
      dep({ type: "notSupported", minVersion: "1.0.0", maxVersion: "1.4.0" }),
      true,
    ],
    [
      "notSupported range narrowed",
      dep({ type: "notSupported", minVersion: "1.0.0", maxVersion: "1.2.0" }),
      dep({ type: "notSupported", minVersion: "1.1.0", maxVersion: "1.2.0" }),
      false,
    ],
    ["notSupported to optional", dep({ type: "notSupported" }), dep({}), true],
    ["to upgrade", dep({ type: "required" }), dep({ type: "upgrade" }), false],
    [
      "bounds that are not versions, changed",
      dep({ minVersion: "x" }),
      dep({ minVersion: "y" }),
      true,
    ],
  ])("%s", (_name, before, after, breaking) => {
    expect(dependencyBreaking(before, after)).toBe(breaking);
  });
});
