import { createRequire } from "node:module";
import type * as OpenPgp from "openpgp" with { "resolution-mode": "import" };

/**
 * OpenPGP.js (the `openpgp` package, ESM-typed) loaded through its CommonJS build: the gateway
 * is compiled to CommonJS, where a static import of an ESM-typed package does not type-check.
 */
export const openpgp = createRequire(__filename)("openpgp") as typeof OpenPgp;
export type { OpenPgp };
