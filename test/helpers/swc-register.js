/*
 * Lets a child process run the TypeScript sources directly (`node -r ./test/helpers/swc-register.js
 * src/main.ts`), compiled by @swc/core with the same options as Jest, so process-level tests
 * (SIGKILL, SIGTERM) exercise the real entry point without a build step.
 */
const fs = require("node:fs");
const { transformSync } = require("@swc/core");

require("reflect-metadata");
require.extensions[".ts"] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, "utf8"), {
    filename,
    jsc: {
      target: "es2022",
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: "commonjs" },
    sourceMaps: "inline",
  });
  module._compile(code, filename);
};
