#!/usr/bin/env node
// Runs before `npm test` (npm's `pretest`): brings the system programs the tests drive for real.
// On Debian as root it installs the missing packages with apt-get; anywhere else it stops at once,
// before any test starts, with the one command to run. The README's Set-up section says the same.
"use strict";

const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const path = require("node:path");

/** What the tests run, and the Debian package that brings it. */
const PREREQUISITES = [
  { command: "docker-registry", pkg: "docker-registry", why: "a real OCI registry (OCI tests)" },
  { command: "skopeo", pkg: "skopeo", why: "pushes images into it (OCI tests)" },
  { command: "chromium", pkg: "chromium", why: "a real browser (dashboard and IDE tests)" },
];

function onPath(command) {
  return (process.env.PATH || "")
    .split(path.delimiter)
    .some((dir) => dir && existsSync(path.join(dir, command)));
}

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

const missing = PREREQUISITES.filter((each) => !onPath(each.command));
if (missing.length === 0) process.exit(0);

const packages = missing.map((each) => each.pkg);
const command = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(" ")}`;
for (const each of missing)
  console.error(`test prerequisites: ${each.command} is missing (${each.why})`);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isRoot && onPath("apt-get") && process.env.TEST_PREREQUISITES_INSTALL !== "false") {
  console.error(`test prerequisites: installing ${packages.join(", ")} with apt-get`);
  const installed =
    run("apt-get", ["update"]) &&
    run("apt-get", ["install", "-y", "--no-install-recommends", ...packages]);
  const still = missing.filter((each) => !onPath(each.command));
  if (installed && still.length === 0) process.exit(0);
  console.error("test prerequisites: apt-get could not install them");
}
console.error(`test prerequisites: run this, then npm test again:\n\n  ${command}\n`);
process.exit(1);
