// The dependency rules of src/ (docs/architecture.md explains the layers). `npm run check:deps`
// runs them; CI fails on any violation.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "No import cycle in src/.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "gateway-only",
      severity: "error",
      comment:
        "The gateway (src/) never imports tests, benchmarks or scripts: dist/ holds only it.",
      from: { path: "^src/" },
      to: { path: "^(test|bench|scripts)/" },
    },
    {
      name: "providers-below-services",
      severity: "error",
      comment:
        "Providers speak to registries; they know nothing of the store, services or the API.",
      from: { path: "^src/providers/" },
      to: { path: "^src/(store|services|resolvers|schema|serving|sync|access|entities)/" },
    },
    {
      name: "provider-interface-neutral",
      severity: "error",
      comment: "The provider interface knows no implementation.",
      from: { path: "^src/providers/(provider|errors|chart-package)\\.ts$" },
      to: { path: "^src/providers/(helm|oci|pack)/" },
    },
    {
      name: "store-below-services",
      severity: "error",
      comment: "The store knows nothing of services, resolvers, the schema or serving.",
      from: { path: "^src/(store|entities)/" },
      to: { path: "^src/(services|resolvers|schema|serving|sync)/" },
    },
    {
      name: "services-below-api",
      severity: "error",
      comment: "Services and the sync engine know nothing of resolvers or serving.",
      from: { path: "^src/(services|sync|access)/" },
      to: { path: "^src/(resolvers|serving)/" },
    },
    {
      name: "resolvers-below-serving",
      severity: "error",
      comment: "Resolvers know nothing of the HTTP and WebSocket wiring.",
      from: { path: "^src/(resolvers|schema)/" },
      to: { path: "^src/serving/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    exclude: { path: "^(node_modules|dist)/" },
  },
};
