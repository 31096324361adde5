import type { PackDependency } from "../../../../src/providers/pack/pack-model";
import {
  checkProfileConstraints,
  compareLooseVersions,
  satisfiesBound,
  type ProfileLayerInput,
} from "../../../../src/services/profiles/profile-check";

// From /work/shared/fixtures/packs/fluentbit-4.1.0/pack.json.
const fluentbitDeps: PackDependency[] = [
  { packName: "kubernetes", layer: "k8s", minVersion: "1.27", maxVersion: null, type: "optional" },
];

// From /work/shared/fixtures/packs/appdynamics-collectors-1.22.1287/pack.json.
const appdynamicsDeps: PackDependency[] = [
  {
    packName: "cisco-appdynamics-operators",
    layer: "addon",
    minVersion: "1.22.0",
    maxVersion: null,
    type: "required",
  },
];

// From /work/shared/fixtures/packs/kubeflow-pipelines-1.5.0/pack.json (version "1.5").
const kubeflowDeps: PackDependency[] = [
  ["kubernetes", "1.21.10"],
  ["kubernetes-aks", "1.21"],
  ["kubernetes-eksd", "1.21.6"],
  ["kubernetes-eks", "1.21"],
  ["kubernetes-konvoy", "1.21.6"],
  ["kubernetes-tke", "1.20.6"],
].map(([packName, maxVersion]): PackDependency => ({
  packName,
  layer: "k8s",
  minVersion: null,
  maxVersion,
  type: "optional",
}));

let nextIndex = 0;
function layer(
  name: string,
  version: string | null,
  layerName: ProfileLayerInput["layer"],
  dependencies: PackDependency[] = [],
): ProfileLayerInput {
  return { index: nextIndex++, name, version, layer: layerName, dependencies };
}

beforeEach(() => {
  nextIndex = 0;
});

describe("compareLooseVersions", () => {
  it("pads missing minor and patch with 0", () => {
    expect(compareLooseVersions("1.27", "1.27.0")).toBe(0);
    expect(compareLooseVersions("1", "1.0.0")).toBe(0);
    expect(compareLooseVersions("1.26.3", "1.27")).toBe(-1);
    expect(compareLooseVersions("1.27.1", "1.27")).toBe(1);
    expect(compareLooseVersions("1.5", "1.21")).toBe(-1);
  });

  it("orders numerically, keeps prereleases, ignores build metadata and a leading v", () => {
    expect(compareLooseVersions("1.10.0", "1.9.0")).toBe(1);
    expect(compareLooseVersions("0.30.0-5.5.2026", "0.30.0")).toBe(-1);
    expect(compareLooseVersions("0.30.0-5.5.2026", "0.30.0-10.1.2026")).toBe(-1);
    expect(compareLooseVersions("1.0.0-alpha", "1.0.0-alpha.1")).toBe(-1);
    expect(compareLooseVersions("1.0.0-1", "1.0.0-alpha")).toBe(-1);
    expect(compareLooseVersions("1.0.0-rc.1", "1.0.0-beta.11")).toBe(1);
    expect(compareLooseVersions("1.27.0-rc.1", "1.27")).toBe(-1);
    expect(compareLooseVersions("1.2.3+a", "1.2.3+b")).toBe(0);
    expect(compareLooseVersions("v1.12.0", "1.12.0")).toBe(0);
    expect(compareLooseVersions("12345678901234567890.0.0", "12345678901234567891")).toBe(-1);
  });

  it("returns NaN when a side is not a version", () => {
    expect(compareLooseVersions("latest", "1.0.0")).toBeNaN();
    expect(compareLooseVersions("1.0.0", "")).toBeNaN();
    expect(compareLooseVersions("1.2.3.4", "1.2.3")).toBeNaN();
  });
});

describe("satisfiesBound", () => {
  it("checks a min bound as ≥ padded version", () => {
    expect(satisfiesBound("1.26.3", "1.27", null)).toBe("TOO_LOW");
    expect(satisfiesBound("1.27.0", "1.27", null)).toBe("OK");
    expect(satisfiesBound("1.30.2", "1.27", null)).toBe("OK");
    expect(satisfiesBound("1.21.9", "1.22.0", null)).toBe("TOO_LOW");
  });

  it("lets a short min accept the prereleases of its line, a full min not", () => {
    expect(satisfiesBound("1.27.0-rc.1", "1.27", null)).toBe("OK");
    expect(satisfiesBound("1.26.9-rc.1", "1.27", null)).toBe("TOO_LOW");
    expect(satisfiesBound("1.22.0-rc.1", "1.22.0", null)).toBe("TOO_LOW");
    expect(satisfiesBound("0.30.0-5.5.2026", "0.30.0", null)).toBe("TOO_LOW");
  });

  it("lets a short max cover its whole line", () => {
    expect(satisfiesBound("1.21.10", "", "1.21")).toBe("OK");
    expect(satisfiesBound("1.21.49", null, "1.21")).toBe("OK");
    expect(satisfiesBound("1.22.0", null, "1.21")).toBe("TOO_HIGH");
    expect(satisfiesBound("1.22.0-rc.1", null, "1.21")).toBe("TOO_HIGH");
    expect(satisfiesBound("1.20", null, "1.21")).toBe("OK");
    expect(satisfiesBound("1.99.0", null, "1")).toBe("OK");
    expect(satisfiesBound("2.0.0", null, "1")).toBe("TOO_HIGH");
  });

  it("checks a full max with semver precedence", () => {
    expect(satisfiesBound("1.21.10", null, "1.21.10")).toBe("OK");
    expect(satisfiesBound("1.21.11", null, "1.21.10")).toBe("TOO_HIGH");
    expect(satisfiesBound("1.21.10-rc.1", null, "1.21.10")).toBe("OK");
    expect(satisfiesBound("1.21.10+build.5", null, "1.21.10")).toBe("OK");
  });

  it("checks both bounds", () => {
    expect(satisfiesBound("1.28.1", "1.27", "1.29")).toBe("OK");
    expect(satisfiesBound("1.29.7", "1.27", "1.29")).toBe("OK");
    expect(satisfiesBound("1.30.0", "1.27", "1.29")).toBe("TOO_HIGH");
    expect(satisfiesBound("1.26.0", "1.27", "1.29")).toBe("TOO_LOW");
  });

  it("never fails what it cannot compare", () => {
    expect(satisfiesBound("latest", "1.27", "1.29")).toBe("OK");
    expect(satisfiesBound("1.0.0", "stable", null)).toBe("OK");
    expect(satisfiesBound("1.0.0", "stable", "0.9")).toBe("TOO_HIGH");
    expect(satisfiesBound("1.0.0", null, null)).toBe("OK");
    expect(satisfiesBound("1.0.0", " ", "  ")).toBe("OK");
  });
});

describe("checkProfileConstraints", () => {
  it("returns one (empty) list per layer when nothing constrains", () => {
    const result = checkProfileConstraints([
      layer("ubuntu", "22.04", "os"),
      layer("kubernetes", "1.30.1", "k8s"),
    ]);
    expect(result).toEqual([[], []]);
    expect(checkProfileConstraints([])).toEqual([]);
  });

  describe("fluentbit: optional kubernetes ≥ 1.27 (layer k8s)", () => {
    it("is fine with a recent kubernetes", () => {
      const result = checkProfileConstraints([
        layer("kubernetes", "1.30.4", "k8s"),
        layer("fluentbit", "4.1.0", "addon", fluentbitDeps),
      ]);
      expect(result).toEqual([[], []]);
    });

    it("is fine without kubernetes (optional)", () => {
      expect(
        checkProfileConstraints([layer("fluentbit", "4.1.0", "addon", fluentbitDeps)]),
      ).toEqual([[]]);
    });

    it("reports an older kubernetes", () => {
      const result = checkProfileConstraints([
        layer("ubuntu", "22.04", "os"),
        layer("kubernetes", "1.26.3", "k8s"),
        layer("fluentbit", "4.1.0", "addon", fluentbitDeps),
      ]);
      expect(result[0]).toEqual([]);
      expect(result[1]).toEqual([]);
      expect(result[2]).toEqual([
        {
          layerIndex: 2,
          kind: "VERSION_TOO_LOW",
          packName: "kubernetes",
          dependencyLayer: "k8s",
          minVersion: "1.27",
          maxVersion: null,
          foundVersion: "1.26.3",
          message:
            "fluentbit 4.1.0 needs kubernetes 1.27 or later (layer k8s); the profile has kubernetes 1.26.3.",
        },
      ]);
    });

    it("ignores a kubernetes pack in another layer", () => {
      const result = checkProfileConstraints([
        layer("kubernetes", "1.26.3", "addon"),
        layer("fluentbit", "4.1.0", "addon", fluentbitDeps),
      ]);
      expect(result[1]).toEqual([]);
    });

    it("matches by name alone when the other layer's layer is unknown", () => {
      const result = checkProfileConstraints([
        layer("kubernetes", "1.26.3", null),
        layer("fluentbit", "4.1.0", "addon", fluentbitDeps),
      ]);
      expect(result[1].map((v) => v.kind)).toEqual(["VERSION_TOO_LOW"]);
    });

    it("reports nothing when kubernetes was not found (version null)", () => {
      const result = checkProfileConstraints([
        layer("kubernetes", null, "k8s"),
        layer("fluentbit", "4.1.0", "addon", fluentbitDeps),
      ]);
      expect(result[1]).toEqual([]);
    });

    it("reports nothing for a kubernetes version it cannot read", () => {
      const result = checkProfileConstraints([
        layer("kubernetes", "latest", "k8s"),
        layer("fluentbit", "4.1.0", "addon", fluentbitDeps),
      ]);
      expect(result[1]).toEqual([]);
    });

    it("accepts an alias (<alias>--kubernetes) and a name in another case", () => {
      const result = checkProfileConstraints([
        layer("edge--Kubernetes", "1.25.0", "k8s"),
        layer("fluentbit", "4.1.0", "addon", fluentbitDeps),
      ]);
      expect(result[1]).toHaveLength(1);
      expect(result[1][0].message).toBe(
        "fluentbit 4.1.0 needs kubernetes 1.27 or later (layer k8s); the profile has edge--Kubernetes 1.25.0.",
      );
    });
  });

  describe("appdynamics: required cisco-appdynamics-operators ≥ 1.22.0", () => {
    it("reports the missing required pack", () => {
      const result = checkProfileConstraints([
        layer("kubernetes", "1.30.0", "k8s"),
        layer("cisco-appdynamics-collectors", "1.22.1287", "addon", appdynamicsDeps),
      ]);
      expect(result[1]).toEqual([
        {
          layerIndex: 1,
          kind: "MISSING_REQUIRED",
          packName: "cisco-appdynamics-operators",
          dependencyLayer: "addon",
          minVersion: "1.22.0",
          maxVersion: null,
          foundVersion: null,
          message:
            "cisco-appdynamics-collectors 1.22.1287 requires the addon pack cisco-appdynamics-operators (1.22.0 or later); add it to the profile.",
        },
      ]);
    });

    it("reports a required pack in the wrong layer as missing", () => {
      const result = checkProfileConstraints([
        layer("cisco-appdynamics-operators", "1.22.5", "k8s"),
        layer("cisco-appdynamics-collectors", "1.22.1287", "addon", appdynamicsDeps),
      ]);
      expect(result[1].map((v) => v.kind)).toEqual(["MISSING_REQUIRED"]);
    });

    it("reports a present but older operators pack", () => {
      const result = checkProfileConstraints([
        layer("cisco-appdynamics-operators", "1.21.1264", "addon"),
        layer("cisco-appdynamics-collectors", "1.22.1287", "addon", appdynamicsDeps),
      ]);
      expect(result[1]).toHaveLength(1);
      expect(result[1][0]).toMatchObject({
        kind: "VERSION_TOO_LOW",
        foundVersion: "1.21.1264",
        message:
          "cisco-appdynamics-collectors 1.22.1287 needs cisco-appdynamics-operators 1.22.0 or later (layer addon); the profile has cisco-appdynamics-operators 1.21.1264.",
      });
    });

    it("is satisfied by a recent operators pack, or one that was not found", () => {
      expect(
        checkProfileConstraints([
          layer("cisco-appdynamics-operators", "1.22.1287", "addon"),
          layer("cisco-appdynamics-collectors", "1.22.1287", "addon", appdynamicsDeps),
        ]),
      ).toEqual([[], []]);
      expect(
        checkProfileConstraints([
          layer("cisco-appdynamics-operators", null, "addon"),
          layer("cisco-appdynamics-collectors", "1.22.1287", "addon", appdynamicsDeps),
        ]),
      ).toEqual([[], []]);
    });

    it("does not let a layer satisfy its own requirement", () => {
      const selfDep: PackDependency[] = [
        { packName: "foo", layer: "addon", minVersion: null, maxVersion: null, type: "required" },
      ];
      const result = checkProfileConstraints([layer("foo", "1.0.0", "addon", selfDep)]);
      expect(result[0]).toHaveLength(1);
      expect(result[0][0]).toMatchObject({ kind: "MISSING_REQUIRED", minVersion: null });
      expect(result[0][0].message).toBe(
        "foo 1.0.0 requires the addon pack foo; add it to the profile.",
      );
    });

    it("words a requirement without a layer and a layer without a version", () => {
      const dep: PackDependency[] = [
        { packName: "bar", layer: null, minVersion: "2", maxVersion: "3", type: "required" },
      ];
      const result = checkProfileConstraints([layer("foo", null, "addon", dep)]);
      expect(result[0][0].message).toBe(
        "foo requires the pack bar (2 to 3.x); add it to the profile.",
      );
    });
  });

  describe("kubeflow-pipelines 1.5: optional kubernetes* with max bounds", () => {
    it("accepts kubernetes up to 1.21.10", () => {
      const result = checkProfileConstraints([
        layer("kubernetes", "1.21.10", "k8s"),
        layer("kubeflow-pipelines", "1.5", "addon", kubeflowDeps),
      ]);
      expect(result).toEqual([[], []]);
    });

    it("reports kubernetes 1.21.11 as too high", () => {
      const result = checkProfileConstraints([
        layer("kubernetes", "1.21.11", "k8s"),
        layer("kubeflow-pipelines", "1.5", "addon", kubeflowDeps),
      ]);
      expect(result[1]).toEqual([
        {
          layerIndex: 1,
          kind: "VERSION_TOO_HIGH",
          packName: "kubernetes",
          dependencyLayer: "k8s",
          minVersion: null,
          maxVersion: "1.21.10",
          foundVersion: "1.21.11",
          message:
            "kubeflow-pipelines 1.5 needs kubernetes 1.21.10 or earlier (layer k8s); the profile has kubernetes 1.21.11.",
        },
      ]);
    });

    it("lets maxVersion 1.21 cover all of 1.21.x but not 1.22", () => {
      const ok = checkProfileConstraints([
        layer("kubernetes-aks", "1.21.49", "k8s"),
        layer("kubeflow-pipelines", "1.5", "addon", kubeflowDeps),
      ]);
      expect(ok[1]).toEqual([]);
      const high = checkProfileConstraints([
        layer("kubernetes-eks", "1.22.0", "k8s"),
        layer("kubeflow-pipelines", "1.5", "addon", kubeflowDeps),
      ]);
      expect(high[1]).toHaveLength(1);
      expect(high[1][0]).toMatchObject({ kind: "VERSION_TOO_HIGH", packName: "kubernetes-eks" });
      expect(high[1][0].message).toBe(
        "kubeflow-pipelines 1.5 needs kubernetes-eks 1.21.x or earlier (layer k8s); the profile has kubernetes-eks 1.22.0.",
      );
    });

    it("only checks the kubernetes flavour present", () => {
      const result = checkProfileConstraints([
        layer("kubernetes-tke", "1.20.7", "k8s"),
        layer("kubeflow-pipelines", "1.5", "addon", kubeflowDeps),
      ]);
      expect(result[1].map((v) => [v.packName, v.kind])).toEqual([
        ["kubernetes-tke", "VERSION_TOO_HIGH"],
      ]);
    });
  });

  describe("notSupported", () => {
    const notSupported = (
      minVersion: string | null,
      maxVersion: string | null,
    ): PackDependency[] => [
      { packName: "calico", layer: "cni", minVersion, maxVersion, type: "notSupported" },
    ];

    it("reports a version inside the unsupported range", () => {
      const result = checkProfileConstraints([
        layer("calico", "3.26.1", "cni"),
        layer("cilium-addon", "1.0.0", "addon", notSupported("3.25", "3.26")),
      ]);
      expect(result[1]).toEqual([
        {
          layerIndex: 1,
          kind: "NOT_SUPPORTED",
          packName: "calico",
          dependencyLayer: "cni",
          minVersion: "3.25",
          maxVersion: "3.26",
          foundVersion: "3.26.1",
          message:
            "cilium-addon 1.0.0 does not support calico 3.26.1 (unsupported: calico 3.25 to 3.26.x, layer cni); use a calico version outside that range or remove one of the two packs.",
        },
      ]);
    });

    it("accepts a version outside the unsupported range, or an absent pack", () => {
      expect(
        checkProfileConstraints([
          layer("calico", "3.27.0", "cni"),
          layer("cilium-addon", "1.0.0", "addon", notSupported("3.25", "3.26")),
        ])[1],
      ).toEqual([]);
      expect(
        checkProfileConstraints([
          layer("calico", "3.24.9", "cni"),
          layer("cilium-addon", "1.0.0", "addon", notSupported("3.25", "3.26")),
        ])[1],
      ).toEqual([]);
      expect(
        checkProfileConstraints([
          layer("cilium-addon", "1.0.0", "addon", notSupported(null, null)),
        ])[0],
      ).toEqual([]);
    });

    it("rules out every version when both bounds are empty", () => {
      const result = checkProfileConstraints([
        layer("calico", "nightly", "cni"),
        layer("cilium-addon", "1.0.0", "addon", notSupported("", null)),
      ]);
      expect(result[1]).toHaveLength(1);
      expect(result[1][0].message).toBe(
        "cilium-addon 1.0.0 does not support calico nightly (unsupported: calico any version, layer cni); remove one of the two packs.",
      );
    });

    it("raises no alarm for what it cannot compare", () => {
      expect(
        checkProfileConstraints([
          layer("calico", "nightly", "cni"),
          layer("cilium-addon", "1.0.0", "addon", notSupported("3.25", null)),
        ])[1],
      ).toEqual([]);
      expect(
        checkProfileConstraints([
          layer("calico", "3.26.0", "cni"),
          layer("cilium-addon", "1.0.0", "addon", notSupported("stable", null)),
        ])[1],
      ).toEqual([]);
      expect(
        checkProfileConstraints([
          layer("calico", null, "cni"),
          layer("cilium-addon", "1.0.0", "addon", notSupported(null, null)),
        ])[1],
      ).toEqual([]);
    });
  });

  it("ignores upgrade dependencies", () => {
    const upgrade: PackDependency[] = [
      {
        packName: "kubernetes",
        layer: "k8s",
        minVersion: "1.29",
        maxVersion: null,
        type: "upgrade",
      },
      { packName: "absent", layer: null, minVersion: null, maxVersion: null, type: "upgrade" },
    ];
    const result = checkProfileConstraints([
      layer("kubernetes", "1.20.0", "k8s"),
      layer("some-addon", "1.0.0", "addon", upgrade),
    ]);
    expect(result).toEqual([[], []]);
  });

  it("checks two layers that constrain each other, each on its own list", () => {
    const aDeps: PackDependency[] = [
      { packName: "pack-b", layer: "addon", minVersion: "2.0", maxVersion: null, type: "required" },
    ];
    const bDeps: PackDependency[] = [
      { packName: "pack-a", layer: "addon", minVersion: null, maxVersion: "1.4", type: "optional" },
    ];
    const bad = checkProfileConstraints([
      layer("pack-a", "1.5.0", "addon", aDeps),
      layer("pack-b", "1.9.9", "addon", bDeps),
    ]);
    expect(bad[0].map((v) => [v.layerIndex, v.kind, v.packName, v.foundVersion])).toEqual([
      [0, "VERSION_TOO_LOW", "pack-b", "1.9.9"],
    ]);
    expect(bad[1].map((v) => [v.layerIndex, v.kind, v.packName, v.foundVersion])).toEqual([
      [1, "VERSION_TOO_HIGH", "pack-a", "1.5.0"],
    ]);
    expect(bad[1][0].message).toBe(
      "pack-b 1.9.9 needs pack-a 1.4.x or earlier (layer addon); the profile has pack-a 1.5.0.",
    );

    nextIndex = 0;
    const good = checkProfileConstraints([
      layer("pack-a", "1.4.7", "addon", aDeps),
      layer("pack-b", "2.0.0", "addon", bDeps),
    ]);
    expect(good).toEqual([[], []]);
  });

  it("reports each instance of a pack used twice", () => {
    const result = checkProfileConstraints([
      layer("kubernetes", "1.26.0", "k8s"),
      layer("second--kubernetes", "1.25.0", "k8s"),
      layer("fluentbit", "4.1.0", "addon", fluentbitDeps),
    ]);
    expect(result[2].map((v) => v.foundVersion)).toEqual(["1.26.0", "1.25.0"]);
  });

  it("uses the caller's profile index, not the array position", () => {
    const result = checkProfileConstraints([
      { index: 7, name: "kubernetes", version: "1.20.0", layer: "k8s", dependencies: [] },
      {
        index: 3,
        name: "fluentbit",
        version: "4.1.0",
        layer: "addon",
        dependencies: fluentbitDeps,
      },
    ]);
    expect(result[1][0].layerIndex).toBe(3);
  });
});
