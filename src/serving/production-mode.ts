/**
 * Imported first by the entry points (`main.ts`, the benchmark's servers). graphql-js and Express
 * read NODE_ENV once, when they are first loaded; unset, a server runs in production mode.
 * graphql-js's development mode checks every `instanceof` it makes for a second copy of the
 * library, which costs a fifth of the execution of a page of charts. Tests run in development
 * mode (Jest sets NODE_ENV=test), so those checks still guard them.
 */
process.env["NODE_ENV"] ??= "production";

export {};
