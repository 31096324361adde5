/*
 * Lets a child process run the TypeScript sources directly (`node -r ./test/helpers/swc-register.js
 * src/main.ts`), compiled by @swc/core with the same options as Jest, so process-level tests
 * (SIGKILL, SIGTERM) exercise the real entry point without a build step.
 */
const fs = require("node:fs");
const { transformSync } = require("@swc/core");
const swcOptions = require("../../swc.config");

require("reflect-metadata");
require.extensions[".ts"] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, "utf8"), {
    ...swcOptions,
    filename,
    sourceMaps: "inline",
  });
  module._compile(code, filename);
};
