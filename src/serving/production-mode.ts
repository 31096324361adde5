import { setFlagsFromString } from "node:v8";

/**
 * Imported first by the entry points (`main.ts`, the benchmark's servers). graphql-js and Express
 * read NODE_ENV once, when they are first loaded; unset, a server runs in production mode.
 * graphql-js's development mode checks every `instanceof` it makes for a second copy of the
 * library, which costs a fifth of the execution of a page of charts. Tests run in development
 * mode (Jest sets NODE_ENV=test), so those checks still guard them.
 */
process.env["NODE_ENV"] ??= "production";

/**
 * V8's allocation-site pretenuring is off in a server process. It allocates straight into the
 * old generation the objects of an allocation site whose objects have mostly survived a
 * scavenge, taking them for long-lived. A loaded gateway has several requests in flight, so the
 * rows, nodes and edges of a page often live through one scavenge and V8 pretenures them: they
 * then die in the old generation, which grew by about 60 MB/s under 8 connections and was
 * mark-compacted every 2 seconds, each time delaying every request in flight by up to 100 ms
 * (the p99 of a page; `npm run bench`, PostgreSQL read section). Without it, those objects die
 * young: scavenges take a third of the time and mark-compacts come a third as often. A sync
 * run, whose catalog does live long, is as fast either way (PostgreSQL full sync 1,652 against
 * 1,654 ms). The flag is read at each of V8's pretenuring decisions, so setting it at start-up
 * suffices. A process started with the flag either way (`node --allocation-site-pretenuring
 * dist/src/main.js`; Node refuses it in NODE_OPTIONS) keeps what it was given.
 */
if (!process.execArgv.some((flag) => flag.includes("allocation-site-pretenuring"))) {
  setFlagsFromString("--no-allocation-site-pretenuring");
}

export {};
