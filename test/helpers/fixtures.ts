import * as path from "node:path";

/** The shared fixtures directory, next to the repository: `../shared/fixtures`. */
export const fixturesDir = path.resolve(__dirname, "../../../shared/fixtures");

/** Absolute path of a file under the shared fixtures directory. */
export function fixturePath(...parts: string[]): string {
  return path.join(fixturesDir, ...parts);
}
