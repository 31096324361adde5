import { request as httpRequest } from "node:http";
import WebSocket from "ws";

/** The answer to one hostile GraphQL request over HTTP. */
export interface HostileAnswer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  text: string;
}

/**
 * POSTs a GraphQL body to `${base}/graphql` with the given extra headers. Uses node:http so that
 * `Host` and `Origin` can be forged as a rebound name or a web page would send them (fetch
 * refuses to set `Host`).
 */
export function hostilePost(
  base: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HostileAnswer> {
  const url = new URL("/graphql", base);
  const payload = Buffer.from(typeof body === "string" ? body : JSON.stringify(body), "utf8");
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": payload.length,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: HostileAnswer["body"] = {};
          try {
            parsed = JSON.parse(text) as HostileAnswer["body"];
          } catch {
            // not JSON: the test reads `text`
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, text });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** How a WebSocket handshake ended: opened, or refused with an HTTP status. */
export type HandshakeOutcome =
  { opened: true; socket: WebSocket } | { opened: false; status: number };

/** Opens a graphql-ws socket to `${base}/graphql` with forged `Origin` / `Host` headers. */
export function hostileHandshake(
  base: string,
  headers: { origin?: string; host?: string } = {},
): Promise<HandshakeOutcome> {
  const url = new URL("/graphql", base.replace(/^http/, "ws"));
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, "graphql-transport-ws", {
      ...(headers.origin ? { origin: headers.origin } : {}),
      ...(headers.host ? { headers: { host: headers.host } } : {}),
    });
    socket.once("open", () => resolve({ opened: true, socket }));
    socket.once("unexpected-response", (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? 0 });
      res.resume();
      socket.terminate();
    });
    socket.once("error", (error) => {
      if (socket.readyState !== WebSocket.OPEN) reject(error);
    });
  });
}

/**
 * Runs one operation over an open graphql-ws socket (connection_init first) and resolves with the
 * first `next` or `error` payload. `variables` given as a string is sent as that JSON text.
 */
export async function runOverSocket(
  socket: WebSocket,
  query: string,
  variables: Record<string, unknown> | string = {},
): Promise<{ type: string; payload: unknown }> {
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  const waiters: (() => void)[] = [];
  socket.on("message", (raw: Buffer) => {
    messages.push(JSON.parse(raw.toString("utf8")) as never);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (accept: (m: { type: string; id?: string }) => boolean) => {
    for (;;) {
      const found = messages.find(accept);
      if (found) return found;
      if (socket.readyState !== WebSocket.OPEN) throw new Error("socket closed");
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
  await next((m) => m.type === "connection_ack");
  const vars = typeof variables === "string" ? variables : JSON.stringify(variables);
  socket.send(
    `{"id":"1","type":"subscribe","payload":{"query":${JSON.stringify(query)},"variables":${vars}}}`,
  );
  const answer = await next((m) => m.id === "1" && (m.type === "next" || m.type === "error"));
  return { type: answer.type, payload: answer.payload };
}

/** What a burst of subscriptions on one socket got: the ids refused, with their error codes. */
export interface SubscriptionBurst {
  refused: Map<string, string>;
  /** Resolves when the server closes the socket, with its close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** Sends `count` subscribe messages without waiting for anything. */
  flood(count: number): void;
  /** Sends `complete` for the given ids (frees their places). */
  complete(ids: string[]): void;
  /** Subscribes more, with fresh ids; resolves once `expectRefused` more refusals came. */
  more(count: number, expectRefused: number): Promise<void>;
}

/**
 * Opens a graphql-ws connection (connection_init, ack) and sends `count` subscribe messages of
 * `query`; resolves once `expectRefused` of them were refused with an error message, and a
 * moment more passed in which no other refusal came.
 */
export async function subscriptionBurst(
  socket: WebSocket,
  query: string,
  count: number,
  expectRefused: number,
): Promise<SubscriptionBurst> {
  const refused = new Map<string, string>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once("close", (code: number, reason: Buffer) =>
      resolve({ code, reason: reason.toString("utf8") }),
    ),
  );
  let acked = false;
  const waiters: (() => void)[] = [];
  socket.on("message", (raw: Buffer) => {
    const message = JSON.parse(raw.toString("utf8")) as {
      type: string;
      id?: string;
      payload?: { extensions?: { code?: string } }[];
    };
    if (message.type === "connection_ack") acked = true;
    if (message.type === "error" && message.id) {
      refused.set(message.id, String(message.payload?.[0]?.extensions?.code));
    }
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (done: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out; refused so far: ${refused.size}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
  await until(() => acked);
  let next = 0;
  const send = async (n: number, expect: number) => {
    const target = refused.size + expect;
    for (let i = 0; i < n; i++) {
      socket.send(JSON.stringify({ id: `s${next++}`, type: "subscribe", payload: { query } }));
    }
    await until(() => refused.size >= target);
    await new Promise((resolve) => setTimeout(resolve, 150));
  };
  await send(count, expectRefused);
  return {
    refused,
    closed,
    flood(n) {
      for (let i = 0; i < n && socket.readyState === WebSocket.OPEN; i++) {
        socket.send(JSON.stringify({ id: `s${next++}`, type: "subscribe", payload: { query } }));
      }
    },
    complete(ids) {
      for (const id of ids) socket.send(JSON.stringify({ id, type: "complete" }));
    },
    more: (n, expect) => send(n, expect),
  };
}
