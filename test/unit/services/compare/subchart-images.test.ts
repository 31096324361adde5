import { subchartImages } from "../../../../src/services/compare/subchart-images";

/** One vendored sub-chart whose values name an untagged image, with this Chart.yaml. */
function bundleOf(chartYaml: string) {
  return subchartImages(
    [{ name: "cache", version: "1.10.0", condition: "cache.enabled" }],
    { cache: { enabled: true } },
    {
      subcharts: [
        {
          path: "charts/cache",
          chartYaml,
          values: "image:\n  registry: docker.io\n  repository: bitnami/redis\n",
          error: null,
          subcharts: [],
        },
      ],
      skipped: [],
    },
    "Layer 0",
  );
}

describe("sub-chart images", () => {
  it("tags an untagged image with the sub-chart's appVersion as written (1.10 stays 1.10, as Helm reads it)", () => {
    const out = bundleOf("apiVersion: v2\nname: cache\nversion: 1.10.0\nappVersion: 1.10\n");
    expect(out.warnings).toEqual([]);
    expect(out.images.map((i) => i.reference)).toEqual(["docker.io/bitnami/redis:1.10"]);
  });

  it("reads a Chart.yaml whose dependency fields are not text without failing", () => {
    const out = bundleOf(
      "apiVersion: v2\nname: cache\nversion: 1.0.0\nappVersion: '7.2'\n" +
        "dependencies:\n  - name: inner\n    condition: 1\n    tags: [1, x]\n",
    );
    expect(out.images.map((i) => i.reference)).toEqual(["docker.io/bitnami/redis:7.2"]);
  });
});
