import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { SyncRegistryDocument, type RunFieldsFragment } from "../__generated__/graphql";
import { fromGlobalId } from "../../src/services/ids";
import { type Viewer } from "../../src/access/viewer";
import { toSyncRun } from "../../src/resolvers/mappers";
import { fixturePath } from "./fixtures";
import { type TestGateway } from "./gateway";

/** Requests a sync through the API and waits for the run to end; returns the final run. */
export async function syncAndWait(
  t: TestGateway,
  registryId: string,
  viewer?: Viewer,
): Promise<RunFieldsFragment> {
  const started = await t.ok(SyncRegistryDocument, { id: registryId }, viewer);
  const runId = fromGlobalId(started.syncRegistry.id)!.id;
  const run = toSyncRun(await t.gateway.engine.waitFor(runId));
  return {
    ...run,
    __typename: "SyncRun",
    queuedAt: run.queuedAt.toISOString(),
  } as unknown as RunFieldsFragment;
}

/** Chart and version counts of each fixture index, read from fixtures/SOURCES.md (not from our code). */
export function sourcesCounts(): Map<string, { charts: number; versions: number }> {
  const text = readFileSync(fixturePath("SOURCES.md"), "utf8");
  const counts = new Map<string, { charts: number; versions: number }>();
  const row =
    /^\| `helm\/([^/]+)\/index\.yaml` \| [\d,]+ \| `[0-9a-f]+` \| ([\d,]+) \| ([\d,]+) \|/gm;
  for (const m of text.matchAll(row)) {
    counts.set(m[1], {
      charts: Number(m[2].replace(/,/g, "")),
      versions: Number(m[3].replace(/,/g, "")),
    });
  }
  return counts;
}

/** A fixture index read with the `yaml` library: an independent reading to compare against. */
export function readFixtureIndex(repo: string): {
  entries: Record<string, { version: string; urls?: string[]; digest?: string }[]>;
} {
  return parseYaml(readFileSync(fixturePath("helm", repo, "index.yaml"), "utf8"), {
    maxAliasCount: -1,
  });
}

/** Distinct (chart, version) pairs of a fixture index: what the catalog holds after a sync. */
export function distinctVersions(repo: string): number {
  const index = readFixtureIndex(repo);
  return Object.values(index.entries).reduce(
    (n, entries) => n + new Set(entries.map((e) => String(e.version))).size,
    0,
  );
}
