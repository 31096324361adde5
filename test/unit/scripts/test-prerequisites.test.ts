import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * `npm test` runs scripts/test-prerequisites.js first (npm's pretest). Run here with a PATH that
 * holds only what each case puts in it, and installing turned off, so nothing is installed.
 */
const SCRIPT = path.resolve(__dirname, "../../../scripts/test-prerequisites.js");

let bin: string;
beforeEach(() => {
  bin = mkdtempSync(path.join(tmpdir(), "prerequisites-"));
  symlinkSync(process.execPath, path.join(bin, "node"));
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

function fakeCommand(name: string): void {
  const file = path.join(bin, name);
  writeFileSync(file, "#!/bin/sh\nexit 0\n");
  chmodSync(file, 0o755);
}

function check() {
  return spawnSync(path.join(bin, "node"), [SCRIPT], {
    env: { PATH: bin, TEST_PREREQUISITES_INSTALL: "false" },
    encoding: "utf8",
  });
}

describe("the test prerequisites", () => {
  it("stop at once with the one command to run when docker-registry, skopeo and chromium are missing", () => {
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("docker-registry is missing");
    expect(result.stderr).toContain("skopeo is missing");
    expect(result.stderr).toContain("chromium is missing");
    expect(result.stderr).toContain(
      "sudo apt-get update && sudo apt-get install -y --no-install-recommends docker-registry skopeo chromium",
    );
  });

  it("name only what is missing", () => {
    fakeCommand("docker-registry");
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain("docker-registry is missing");
    expect(result.stderr).toContain("--no-install-recommends skopeo chromium\n");
  });

  it("let the tests start when everything is there", () => {
    fakeCommand("docker-registry");
    fakeCommand("skopeo");
    fakeCommand("chromium");
    const result = check();
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });
});
