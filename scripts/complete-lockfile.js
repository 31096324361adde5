#!/usr/bin/env node
/*
 * Some package mirrors serve only the platform binaries of the machine's own platform (e.g.
 * @swc/core-darwin-arm64 answers 404). `npm install` then leaves those optional packages out of
 * package-lock.json, and `npm ci` refuses the lockfile as out of sync. This adds each missing
 * optional platform package as an entry restricted to its platform, which `npm ci` skips on
 * every other machine. Run it after `npm install` changes the lockfile.
 */
const fs = require("node:fs");
const path = require("node:path");

const file = path.resolve(__dirname, "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const OS = [
  "darwin",
  "linux",
  "win32",
  "android",
  "freebsd",
  "openharmony",
  "sunos",
  "aix",
  "netbsd",
  "openbsd",
];
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "wasm32"];

let added = 0;
for (const [where, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = where === "" ? "" : `${where}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((key) => lock.packages[key])) continue;
    const parts = name.split("/").pop().split("-");
    const os = OS.find((o) => parts.includes(o));
    const cpu = CPU.find((c) => parts.includes(c) || parts.some((p) => p.startsWith(c)));
    if (!os || !cpu) continue;
    lock.packages[`node_modules/${name}`] = { version, cpu: [cpu], os: [os], optional: true };
    added++;
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform-only optional entries`);
