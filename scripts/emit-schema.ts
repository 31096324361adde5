import "reflect-metadata";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildGatewaySchema } from "../src/schema/build-schema";
import { PubSubSyncEventBus } from "../src/sync/sync-events";

/**
 * Writes schema.graphql from the code (`--check`: fails when the committed file differs). The
 * schema is the product's documentation, so it is committed and checked in CI.
 */
async function main(): Promise<void> {
  const file = path.resolve(__dirname, "../../schema.graphql");
  const text = `# Emitted by scripts/emit-schema.ts from the code; do not edit.\n\n${printSchema(lexicographicSortSchema(await buildGatewaySchema(new PubSubSyncEventBus().pubSub)))}\n`;
  if (process.argv.includes("--check")) {
    const committed = readFileSync(file, "utf8");
    if (committed !== text) {
      console.error("schema.graphql is stale: run `npm run schema` and commit the result");
      process.exit(1);
    }
    console.log("schema.graphql is up to date");
    return;
  }
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
