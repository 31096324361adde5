import * as path from "node:path";

/** The shared fixtures directory, next to the repository: `../shared/fixtures`. */
export const fixturesDir = path.resolve(__dirname, "../../../shared/fixtures");

/** Absolute path of a file under the shared fixtures directory. */
export function fixturePath(...parts: string[]): string {
  return path.join(fixturesDir, ...parts);
}

/** The Helm repositories under fixtures/helm, as SOURCES.md lists them. */
export const HELM_FIXTURE_REPOS = [
  "bitnami",
  "grafana",
  "argo-helm",
  "prometheus-community",
  "ingress-nginx",
  "kubernetes-dashboard",
  "spectrocloud",
] as const;
