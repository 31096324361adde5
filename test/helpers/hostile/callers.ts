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
