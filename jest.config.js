const swcOptions = require("./swc.config");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFiles: ["reflect-metadata"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", swcOptions],
  },
  testTimeout: 30000,
  // Each test file starts its own servers on free ports; two workers fit a 2-core machine.
  maxWorkers: 2,
};
