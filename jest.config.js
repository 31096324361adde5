const swcOptions = require("./swc.config");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFiles: ["reflect-metadata"],
  // Builds the web app (dist/web) when it is missing or stale; the browser tests drive it.
  globalSetup: "<rootDir>/test/helpers/global-setup.ts",
  transform: {
    "^.+\\.ts$": ["@swc/jest", swcOptions],
  },
  testTimeout: 30000,
  // Each test file starts its own servers on free ports; two workers fit a 2-core machine.
  maxWorkers: 2,
};
