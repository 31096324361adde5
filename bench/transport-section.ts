/**
 * The fleet's transport for events between instances, measured against the alternative the
 * issue names: PostgreSQL LISTEN/NOTIFY (what the fleet uses, on the database it already needs)
 * and Redis pub/sub (ioredis 5, a redis-server started on loopback for the measure, when one is
 * installed). The same 400-byte message, as a progress event is: one at a time (send, wait for
 * it, send the next) for the latency of one event, then bursts of 1,000 for the throughput a
 * fan-out needs. Publisher and subscriber are two connections of this process.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { performance } from "node:perf_hooks";
import Redis from "ioredis";
import { Client } from "pg";
import { fmt, ms, table } from "./report";

const MESSAGE_BYTES = 400;
const SINGLE = 1000;
const BURST = 1000;
const BURSTS = 5;

interface Transport {
  name: string;
  /** Sends one message. */
  send(text: string): Promise<void>;
  /** Calls `receive` for every message heard. */
  listen(receive: (text: string) => void): Promise<void>;
  close(): Promise<void>;
}

interface Figures {
  name: string;
  p50: number;
  p99: number;
  burstMs: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measureTransport(transport: Transport): Promise<Figures> {
  const padding = "x".repeat(MESSAGE_BYTES);
  let waiting: ((text: string) => void) | null = null;
  let counting: { left: number; done: () => void } | null = null;
  await transport.listen((text) => {
    if (counting && --counting.left === 0) counting.done();
    waiting?.(text);
  });
  const latencies: number[] = [];
  for (let i = 0; i < SINGLE; i++) {
    const heard = new Promise<string>((resolve) => (waiting = resolve));
    const start = performance.now();
    await transport.send(`${i}:${padding}`);
    await heard;
    latencies.push(performance.now() - start);
  }
  waiting = null;
  const bursts: number[] = [];
  for (let b = 0; b < BURSTS; b++) {
    const start = performance.now();
    const heard = new Promise<void>((resolve) => (counting = { left: BURST, done: resolve }));
    // Sent back to back, each as soon as the previous one is on its way (one connection).
    let sent = Promise.resolve();
    for (let i = 0; i < BURST; i++) sent = sent.then(() => transport.send(`${i}:${padding}`));
    await Promise.all([heard, sent]);
    bursts.push(performance.now() - start);
  }
  await transport.close();
  return {
    name: transport.name,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    burstMs: percentile(bursts, 50),
  };
}

async function pgTransport(url: string): Promise<Transport> {
  const publisher = new Client({ connectionString: url });
  const subscriber = new Client({ connectionString: url });
  await publisher.connect();
  await subscriber.connect();
  const channel = `bench_transport_${process.pid}`;
  return {
    name: "PostgreSQL LISTEN/NOTIFY (pg)",
    async send(text) {
      await publisher.query("SELECT pg_notify($1, $2)", [channel, text]);
    },
    async listen(receive) {
      subscriber.on("notification", (m) => receive(m.payload ?? ""));
      await subscriber.query(`LISTEN ${channel}`);
    },
    async close() {
      await publisher.end();
      await subscriber.end();
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function redisTransport(): Promise<{ transport: Transport; server: ChildProcess } | null> {
  if (spawnSync("redis-server", ["--version"]).status !== 0) return null;
  const port = await freePort();
  const server = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  // Ready when it answers PING.
  for (let attempt = 0; ; attempt++) {
    if (
      spawnSync("redis-cli", ["-p", String(port), "ping"])
        .stdout?.toString()
        .trim() === "PONG"
    )
      break;
    if (attempt > 50) throw new Error("redis-server did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const options = { port, host: "127.0.0.1", maxRetriesPerRequest: 1 };
  const publisher = new Redis(options);
  const subscriber = new Redis(options);
  const channel = "bench_transport";
  return {
    server,
    transport: {
      name: "Redis pub/sub (ioredis 5)",
      async send(text) {
        await publisher.publish(channel, text);
      },
      async listen(receive) {
        subscriber.on("message", (_channel: string, text: string) => receive(text));
        await subscriber.subscribe(channel);
      },
      async close() {
        publisher.disconnect();
        subscriber.disconnect();
      },
    },
  };
}

export async function transportSection(base: string, section: number): Promise<void> {
  console.log(
    `\n[${section}] Fleet transport: one ${MESSAGE_BYTES}-byte message at a time (${fmt(SINGLE)}, ` +
      `latency from send to receipt), then bursts of ${fmt(BURST)} (median of ${BURSTS}); ` +
      "publisher and subscriber are two connections of one process, servers on loopback",
  );
  const results: Figures[] = [await measureTransport(await pgTransport(base))];
  const redis = await redisTransport();
  if (redis) {
    try {
      results.push(await measureTransport(redis.transport));
    } finally {
      redis.server.kill("SIGTERM");
    }
  } else {
    console.log("    Redis: skipped (redis-server is not installed)");
  }
  console.log(
    table([
      ["transport", "one message p50", "p99", `burst of ${fmt(BURST)}`],
      ...results.map((r) => [r.name, `${fmt(r.p50, 2)} ms`, `${fmt(r.p99, 2)} ms`, ms(r.burstMs)]),
    ]),
  );
}
