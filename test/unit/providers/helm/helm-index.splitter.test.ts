import { readFileSync } from "node:fs";
import { parseHelmIndex } from "../../../../src/providers/helm/helm-index.parser";
import { splitHelmIndex } from "../../../../src/providers/helm/helm-index.splitter";
import { RegistryError } from "../../../../src/providers/errors";
import { fixturePath, HELM_FIXTURE_REPOS } from "../../../helpers/fixtures";

const REPOS = HELM_FIXTURE_REPOS;

describe("per-chart loading of Helm indexes", () => {
  it.each(REPOS)(
    "%s: takes the per-chart path and gives exactly what the whole-document load gives",
    (repo) => {
      const text = readFileSync(fixturePath("helm", repo, "index.yaml"), "utf8");
      const layout = splitHelmIndex(text);
      expect(layout).not.toBeNull();
      const options = { baseUrl: `https://example.test/${repo}/` };
      const perChart = parseHelmIndex(text, options);
      expect(layout!.charts.length).toBe(perChart.charts.length);
      expect(perChart).toEqual(parseHelmIndex(text, { ...options, wholeDocument: true }));
    },
  );

  it("loads the whole document for layouts it does not recognise", () => {
    const regular = "apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n";
    expect(splitHelmIndex(regular)).not.toBeNull();
    const others = [
      "apiVersion: v1\nentries:\n  a: &x\n  - name: a\n    version: 1.0.0\n  b: *x\n", // anchors
      "apiVersion: v1\nentries:\n  a:\n  - <<: {name: a}\n    version: 1.0.0\n", // merge key
      'apiVersion: v1\nentries:\n  "a":\n  - name: a\n    version: 1.0.0\n', // quoted chart name
      "apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n  a:\n  - name: a\n    version: 2.0.0\n", // repeated
      "---\napiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n", // document marker
      "apiVersion: v1\nentries: {}\n", // flow style
      "apiVersion: v1\n", // no entries
    ];
    for (const text of others) expect(splitHelmIndex(text)).toBeNull();
  });

  it("reports a malformed chart block at its line in the whole file", () => {
    const text =
      "apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n  b:\n  - name: b\n    version: [1.0\n";
    expect(splitHelmIndex(text)).not.toBeNull();
    let caught: unknown;
    try {
      parseHelmIndex(text, { baseUrl: "https://example.test/" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RegistryError);
    expect((caught as RegistryError).message).toMatch(/line (8|9)\b/);
  });
});

describe("handing charts over as they are read", () => {
  it("gives the same charts through onChart, and returns none", () => {
    const text = readFileSync(fixturePath("helm", "argo-helm", "index.yaml"), "utf8");
    const options = { baseUrl: "https://argoproj.github.io/argo-helm/" };
    const handed: unknown[] = [];
    const result = parseHelmIndex(text, { ...options, onChart: (chart) => handed.push(chart) });
    expect(result.charts).toEqual([]);
    expect(handed).toEqual(parseHelmIndex(text, options).charts);
  });
});
