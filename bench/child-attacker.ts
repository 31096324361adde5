/**
 * Child process of the hostile-load section: runs one of issue 16's two load attacks against a
 * gateway until told to stop, then prints what the gateway answered. `node child-attacker.js
 * '<{"url": …, "attack": "subscriptions" | "wide-queries"}>'`.
 *
 * - `subscriptions`: one graphql-ws connection sends 5,000 `syncProgress` subscriptions, then
 *   completes them and sends 5,000 more, over and over (four such connections at once);
 * - `wide-queries`: eight workers each POST a 950 KB query of 25,000 fields, over and over.
 */
import { request } from "node:http";
import WebSocket from "ws";
import { runChild, writeResult } from "./bench-support";

interface Input {
  url: string;
  attack: "subscriptions" | "wide-queries";
}

type Reply = { type: "started" };

/** Tallies of what the attack got back. */
const tally = {
  sent: 0,
  refused: 0,
  answered: 0,
  connections: 0,
  closes: {} as Record<string, number>,
  statuses: {} as Record<string, number>,
};
let stopping = false;

/**
 * One connection: sends ROUND subscriptions, waits for the answers (or a second), completes them
 * and sends ROUND more; when the gateway closes the connection, opens a new one.
 */
async function subscriptionFlood(url: string): Promise<void> {
  const query = "subscription { syncProgress { status phase done total message } }";
  while (!stopping) {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
    const opened = await new Promise<boolean>((resolve) => {
      socket.once("open", () => resolve(true));
      socket.once("error", () => resolve(false));
    });
    if (!opened) continue;
    tally.connections++;
    const closed = new Promise<void>((resolve) =>
      socket.once("close", (code: number) => {
        tally.closes[code] = (tally.closes[code] ?? 0) + 1;
        resolve();
      }),
    );
    let acked!: () => void;
    const ack = new Promise<void>((resolve) => (acked = resolve));
    let answered = 0;
    let roundDone: (() => void) | undefined;
    socket.on("message", (raw: Buffer) => {
      const message = JSON.parse(raw.toString("utf8")) as { type: string };
      if (message.type === "connection_ack") acked();
      if (message.type === "error") {
        tally.refused++;
        answered++;
      }
      if (roundDone && answered >= ROUND - 100) roundDone();
    });
    socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
    await Promise.race([ack, closed]);
    let round = 0;
    while (!stopping && socket.readyState === WebSocket.OPEN) {
      answered = 0;
      const done = new Promise<void>((resolve) => (roundDone = resolve));
      const ids: string[] = [];
      for (let i = 0; i < ROUND && socket.readyState === WebSocket.OPEN; i++) {
        const id = `r${round}-${i}`;
        ids.push(id);
        socket.send(JSON.stringify({ id, type: "subscribe", payload: { query } }));
        tally.sent++;
      }
      await Promise.race([done, closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
      for (const id of ids) {
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ id, type: "complete" }));
        }
      }
      round++;
    }
    socket.terminate();
    await closed;
  }
}

const ROUND = 5000;

/** `{ a0: registries(first: 1) { totalCount } … }` cut at 950 KB: about 25,000 fields. */
function wideQuery(): string {
  const fields: string[] = [];
  for (let i = 0; i < 25_000; i++) fields.push(`a${i}: registries(first: 1) { totalCount }`);
  return `{ ${fields.join(" ")} }`.slice(0, 950_000);
}

async function wideQueries(url: string): Promise<void> {
  const body = Buffer.from(JSON.stringify({ query: wideQuery() }), "utf8");
  const target = new URL("/graphql", url);
  const post = () =>
    new Promise<void>((resolve) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": body.length },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            const key = String(res.statusCode);
            tally.statuses[key] = (tally.statuses[key] ?? 0) + 1;
            tally.answered++;
            resolve();
          });
        },
      );
      req.on("error", () => resolve());
      req.end(body);
      tally.sent++;
    });
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (!stopping) await post();
    }),
  );
}

async function main(): Promise<void> {
  if (!process.send) throw new Error("child-attacker needs an IPC channel");
  const input = JSON.parse(process.argv[2] ?? "") as Input;
  const stopped = new Promise<void>((resolve) => {
    process.on("message", () => {
      stopping = true;
      resolve();
    });
  });
  const attack =
    input.attack === "subscriptions"
      ? Promise.all(Array.from({ length: 4 }, () => subscriptionFlood(input.url)))
      : wideQueries(input.url);
  process.send({ type: "started" } satisfies Reply);
  await stopped;
  await attack;
  writeResult(tally);
}

runChild(main);
