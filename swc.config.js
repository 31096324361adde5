/** SWC options shared by Jest and by test child processes (test/helpers/swc-register.js). */
module.exports = {
  jsc: {
    target: "es2022",
    parser: { syntax: "typescript", decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: "commonjs" },
};
