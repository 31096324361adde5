/**
 * Child process of the read-path section: one server on an existing catalog file, listening on
 * 127.0.0.1 (port 0). `node read-server.js '<ServerInput as JSON>'`; mode `raw` is the raw
 * baseline (read-raw-server.ts), `miss` the gateway with its response cache off
 * (RESPONSE_CACHE_BYTES=0: every request runs the read path) and `hit` the gateway as configured
 * by default (response cache on). The gateway runs in production mode, as `npm start` runs it.
 * Replies "ready" with its URL and pid, "stats" (its CPU time, SQL statements and HTTP requests
 * so far) on request; on "stop" prints `{"peakRssMb": …}` and exits.
 */
import "../src/serving/production-mode";
import { type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { loadConfig } from "../src/config/config";
import { createGateway } from "../src/gateway";
import { peakRssMb, repoRoot, runChild, writeResult } from "./bench-support";
import { benchKeySettings } from "./gateway-harness";
import { startPgRawServer } from "./pg-raw-server";
import { startRawServer } from "./read-raw-server";
import {
  type ServerCommand,
  type ServerInput,
  type ServerReply,
  type ServerStats,
} from "./read-protocol";

/** Takes spans and drops them: the cost of making them, not of sending them. */
function droppingExporter(): SpanExporter {
  let exported = 0;
  return {
    export(spans, done) {
      exported += spans.length;
      done({ code: 0 });
    },
    async shutdown() {
      if (exported === 0) throw new Error("the traced gateway made no span");
    },
  };
}

function reply(message: ServerReply): void {
  process.send?.(message);
}

interface Running {
  url: string;
  statements(): number;
  requests(): number;
  close(): Promise<void>;
}

async function startGateway(input: ServerInput): Promise<Running> {
  const gateway = await createGateway(
    loadConfig(
      {
        DATABASE_URL: input.databaseUrl ?? `sqlite:${input.file}`,
        ...(input.databaseUrl ? benchKeySettings("", input.databaseUrl) : {}),
        SEED_DEFAULT_REGISTRIES: "false",
        LOG_LEVEL: "silent",
        SYNC_SCHEDULE: "false",
        PORT: "0",
        HOST: "127.0.0.1",
        // Miss: the response cache off (also for the observability variants).
        ...(input.mode !== "hit" ? { RESPONSE_CACHE_BYTES: "0" } : {}),
        ...(input.mode === "bare" ? { METRICS: "false" } : {}),
      },
      repoRoot,
    ),
    input.mode === "traced" ? { spanExporter: droppingExporter(), env: {} } : { env: {} },
  );
  const http = await gateway.listen();
  let requests = 0;
  http.server.on("request", () => requests++);
  return {
    url: http.url,
    statements: () => gateway.store.statements.count,
    requests: () => requests,
    close: () => gateway.stop(2000),
  };
}

async function main(): Promise<void> {
  if (!process.send) throw new Error("read-server needs an IPC channel");
  const input = JSON.parse(process.argv[2] ?? "") as ServerInput;
  const server: Running =
    input.mode === "raw"
      ? input.databaseUrl
        ? await startPgRawServer(input.databaseUrl)
        : await startRawServer(input.file)
      : await startGateway(input);

  await new Promise<void>((resolve) => {
    process.on("message", (command: ServerCommand) => {
      if (command.type === "stats") {
        const cpu = process.cpuUsage();
        const stats: ServerStats = {
          cpuMs: (cpu.user + cpu.system) / 1000,
          statements: server.statements(),
          requests: server.requests(),
        };
        reply({ type: "stats", ...stats });
      } else {
        resolve();
      }
    });
    process.on("disconnect", () => resolve());
    reply({ type: "ready", url: server.url, pid: process.pid });
  });

  const result = { peakRssMb: peakRssMb() };
  await server.close();
  writeResult(result);
}

runChild(main);
