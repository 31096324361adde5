import { readFileSync } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";

/** A request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Path and query, as requested. */
  url: string;
  headers: http.IncomingHttpHeaders;
}

export type RouteHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
) => void | Promise<void>;

/**
 * A real HTTP(S) server on 127.0.0.1 and a free port whose routes a test sets. It records every
 * request (method, path, headers) and destroys every socket on close, hanging ones included.
 */
export class FixtureServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, RouteHandler>();
  private readonly sockets = new Set<Socket>();

  private readonly server: http.Server;
  private origin_ = "";

  private constructor(private readonly tls: { key: string; cert: string } | undefined) {
    const listener: http.RequestListener = (req, res) => {
      void this.handle(req, res);
    };
    this.server = tls
      ? https.createServer({ key: tls.key, cert: tls.cert }, listener)
      : http.createServer(listener);
    // The raw TCP socket, also for https: destroying it ends the TLS session on top of it, even
    // when the handshake never completed.
    this.server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  /** Starts a server; with `tls`, an https one serving that key and certificate. */
  static async start(
    options: { tls?: { key: string; cert: string } } = {},
  ): Promise<FixtureServer> {
    const fixture = new FixtureServer(options.tls);
    await new Promise<void>((resolve) => fixture.server.listen(0, "127.0.0.1", resolve));
    const { port } = fixture.server.address() as AddressInfo;
    fixture.origin_ = `${fixture.tls ? "https" : "http"}://127.0.0.1:${port}`;
    return fixture;
  }

  /** `http(s)://127.0.0.1:<port>` */
  get origin(): string {
    return this.origin_;
  }

  /** Absolute URL of a path on this server. */
  url(path = "/"): string {
    return `${this.origin}${path}`;
  }

  /** Sets (or replaces) the handler of one path (query ignored). */
  route(path: string, handler: RouteHandler): this {
    this.routes.set(path, handler);
    return this;
  }

  /** Requests received for one path. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    this.requests.push({
      method: req.method ?? "GET",
      path,
      url: req.url ?? "/",
      headers: { ...req.headers },
    });
    const handler = this.routes.get(path);
    try {
      if (handler === undefined) {
        res.writeHead(404, { "content-type": "text/plain" }).end(`no route for ${path}`);
        return;
      }
      await handler(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    }
  }
}

export interface BodyOptions {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  /** Compress with gzip when the client accepts it. */
  gzip?: boolean;
  etag?: string;
  lastModified?: string;
}

/** Serves a fixed body; answers 304 when the request's validators match. */
export function serveBody(body: string | Buffer, options: BodyOptions = {}): RouteHandler {
  const raw = typeof body === "string" ? Buffer.from(body) : body;
  const gzipped = options.gzip ? gzipSync(raw) : undefined;
  return (req, res) => {
    const headers: Record<string, string> = {
      "content-type": options.contentType ?? "application/x-yaml",
      ...options.headers,
    };
    if (options.etag) headers["etag"] = options.etag;
    if (options.lastModified) headers["last-modified"] = options.lastModified;
    const notModified =
      (options.etag !== undefined && req.headers["if-none-match"] === options.etag) ||
      (options.lastModified !== undefined &&
        req.headers["if-modified-since"] === options.lastModified);
    if (notModified) {
      res.writeHead(304, headers).end();
      return;
    }
    let payload = raw;
    if (gzipped && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      payload = gzipped;
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = String(payload.length);
    res.writeHead(options.status ?? 200, headers);
    res.end(req.method === "HEAD" ? undefined : payload);
  };
}

/** Serves a file from disk (read once). */
export function serveFile(path: string, options: BodyOptions = {}): RouteHandler {
  return serveBody(readFileSync(path), options);
}

/** Answers with a status and an optional body. */
export function respond(
  status: number,
  body: string | Buffer = "",
  headers: Record<string, string> = { "content-type": "text/plain" },
): RouteHandler {
  return (_req, res) => {
    res.writeHead(status, headers).end(body);
  };
}

/** Redirects to `location` (absolute or relative). */
export function redirect(location: string, status = 302): RouteHandler {
  return (_req, res) => {
    res.writeHead(status, { location }).end();
  };
}

/** Accepts the request and never answers. */
export function hang(): RouteHandler {
  return () => undefined;
}

/** Sends headers, then one chunk every `intervalMs` for as long as the client listens. */
export function drip(chunk = "a", intervalMs = 50): RouteHandler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/x-yaml" });
    const timer = setInterval(() => res.write(chunk), intervalMs);
    res.on("close", () => clearInterval(timer));
  };
}

/**
 * Declares a Content-Length larger than what it sends (or, with `chunked`, sends a chunked body
 * without its final chunk), then drops the connection.
 */
export function truncated(
  body: string | Buffer,
  options: { declaredLength?: number; chunked?: boolean } = {},
): RouteHandler {
  return (_req, res) => {
    const headers: Record<string, string> = { "content-type": "application/x-yaml" };
    if (!options.chunked)
      headers["content-length"] = String(options.declaredLength ?? body.length * 2);
    res.writeHead(200, headers);
    res.write(body, () => setTimeout(() => res.socket?.destroy(), 20));
  };
}

/** Declares a Content-Length and sends nothing more. */
export function declareLength(length: number): RouteHandler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/x-yaml", "content-length": String(length) });
    res.flushHeaders();
  };
}

/** Streams data as fast as the client reads it, forever; `sent()` tells how much went out. */
export function endless(
  chunkSize = 64 * 1024,
): RouteHandler & { sent(): number; closed(): boolean } {
  let sent = 0;
  let closed = false;
  const chunk = Buffer.alloc(chunkSize, "a");
  const handler: RouteHandler = (_req, res) => {
    res.writeHead(200, { "content-type": "application/x-yaml" });
    res.on("close", () => {
      closed = true;
    });
    const pump = () => {
      while (!res.destroyed && !res.writableEnded) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
    };
    pump();
  };
  return Object.assign(handler, { sent: () => sent, closed: () => closed });
}

/** A small gzip body that inflates to `decompressedBytes` zero bytes. */
export function gzipBomb(decompressedBytes: number): RouteHandler & { compressedBytes: number } {
  const body = gzipSync(Buffer.alloc(decompressedBytes), { level: 9 });
  const handler: RouteHandler = (_req, res) => {
    res
      .writeHead(200, {
        "content-type": "application/x-yaml",
        "content-encoding": "gzip",
        "content-length": String(body.length),
      })
      .end(body);
  };
  return Object.assign(handler, { compressedBytes: body.length });
}

/** Requires `Authorization: Basic` with these credentials; 401 otherwise. */
export function requireBasicAuth(
  username: string,
  password: string,
  inner: RouteHandler,
): RouteHandler {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  return (req, res) => {
    if (req.headers.authorization !== expected) {
      res
        .writeHead(401, {
          "www-authenticate": 'Basic realm="charts"',
          "content-type": "text/plain",
        })
        .end("Unauthorized");
      return;
    }
    return inner(req, res);
  };
}

/** Requires `Authorization: Bearer <token>`; 401 otherwise. */
export function requireBearer(token: string, inner: RouteHandler): RouteHandler {
  return (req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { "content-type": "text/plain" }).end("Unauthorized");
      return;
    }
    return inner(req, res);
  };
}
