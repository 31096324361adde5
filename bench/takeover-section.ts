/**
 * Takeover after SIGKILL (PostgreSQL fleet): two gateway processes on one schema with SYNC_LEASE
 * set; a full sync of the benchmark's index starts on the first, which is SIGKILLed while it
 * fetches the index; the second marks the run INTERRUPTED and runs it again (RECOVERY). Measured
 * from the kill (the orchestrator reads the runs from the schema every 10 ms): until the recovery
 * run started, and until it SUCCEEDED, against the configured lease plus that run's duration.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Client } from "pg";
import { idOfType } from "../src/services/ids";
import { BenchChild } from "./child-runner";
import { type IndexServer } from "./index-server";
import { fmt, ms, passFail, table } from "./report";
import { type GatewayCommand, type GatewayReply } from "./subscribers-protocol";

const LEASE_MS = 2000;
const ROUNDS = 3;

function schemaUrl(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

interface RunRow {
  status: string;
  trigger: string;
  started_at: Date | null;
  finished_at: Date | null;
}

interface Takeover {
  interrupted: boolean;
  startedMs: number;
  succeededMs: number;
  runMs: number;
}

async function oneRound(
  db: Client,
  databaseUrl: string,
  server: IndexServer,
  tmpRoot: string,
  round: number,
): Promise<Takeover> {
  const start = (name: string) =>
    new BenchChild<GatewayCommand, GatewayReply>(
      "child-gateway.js",
      [
        JSON.stringify({
          workDir: path.join(tmpRoot, `takeover-${round}-${name}`),
          databaseUrl,
          settings: { SYNC_LEASE: `${LEASE_MS}ms` },
        }),
      ],
      { timeoutMs: 300_000 },
    );
  const a = start("a");
  await a.next("ready");
  const b = start("b");
  await b.next("ready");
  try {
    const prefix = `/takeover-${round}`;
    a.send({ type: "add", name: `takeover-${round}`, endpoint: `${server.origin}${prefix}` });
    const { registryId } = await a.next("added");
    const id = idOfType(registryId, "Registry")!;
    const held = server.arm(prefix);
    a.send({ type: "sync" });
    await a.next("requested");
    await held;
    await a.kill();
    const killedAt = Date.now();
    // The next index request (the recovery run's) is served at once.
    server.release(prefix);
    for (;;) {
      const runs = (
        await db.query<RunRow>(
          `SELECT status, trigger, started_at, finished_at FROM sync_run
            WHERE registry_id = $1 ORDER BY queued_at`,
          [id],
        )
      ).rows;
      const recovery = runs.find((r) => r.trigger === "RECOVERY");
      if (recovery && ["SUCCEEDED", "FAILED", "CANCELLED"].includes(recovery.status)) {
        if (recovery.status !== "SUCCEEDED") throw new Error(`recovery run ${recovery.status}`);
        return {
          interrupted: runs.some((r) => r.status === "INTERRUPTED"),
          startedMs: recovery.started_at!.getTime() - killedAt,
          succeededMs: recovery.finished_at!.getTime() - killedAt,
          runMs: recovery.finished_at!.getTime() - recovery.started_at!.getTime(),
        };
      }
      if (Date.now() - killedAt > 120_000) throw new Error("no recovery run within 120 s");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    b.send({ type: "stop" });
    await Promise.allSettled([b.result<unknown>()]);
  }
}

export async function takeoverSection(
  base: string,
  server: IndexServer,
  tmpRoot: string,
  section: number,
): Promise<void> {
  console.log(
    `\n[${section}] Takeover: two gateway processes on one PostgreSQL schema, SYNC_LEASE ` +
      `${fmt(LEASE_MS)} ms; the one executing a full sync is SIGKILLed while it fetches the ` +
      `index; ${ROUNDS} rounds, a fresh schema each`,
  );
  const admin = new Client({ connectionString: base });
  await admin.connect();
  const results: Takeover[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const schema = `bench_${randomBytes(5).toString("hex")}`;
      await admin.query(`CREATE SCHEMA "${schema}"`);
      const databaseUrl = schemaUrl(base, schema);
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      try {
        const r = await oneRound(db, databaseUrl, server, tmpRoot, round);
        results.push(r);
        console.log(
          `    round ${round}: killed run ${r.interrupted ? "INTERRUPTED" : "NOT marked INTERRUPTED"}; ` +
            `recovery run started ${ms(r.startedMs)} after the kill, SUCCEEDED after ${ms(r.succeededMs)} ` +
            `(its own duration ${ms(r.runMs)})`,
        );
      } finally {
        await db.end();
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      }
    }
  } finally {
    await admin.end();
  }
  const worst = (pick: (r: Takeover) => number) => Math.max(...results.map(pick));
  const within = results.every((r) => r.interrupted && r.succeededMs <= LEASE_MS + r.runMs);
  console.log(
    table([
      ["measure (fleet of 2, takeover)", "value", "target", ""],
      [
        "kill → recovery run started (worst round)",
        ms(worst((r) => r.startedMs)),
        `≤ ${fmt(LEASE_MS)} ms (the lease)`,
        passFail(worst((r) => r.startedMs) <= LEASE_MS),
      ],
      [
        "kill → recovery run SUCCEEDED (worst round)",
        `${ms(worst((r) => r.succeededMs))} (run ${ms(worst((r) => r.runMs))})`,
        "≤ lease + the run's duration, every round",
        passFail(within),
      ],
    ]),
  );
}
