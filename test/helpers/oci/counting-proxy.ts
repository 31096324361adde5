import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the proxy passed on, as the client sent it, with the status the backend gave. */
export interface ProxiedRequest {
  method: string;
  /** Path and query exactly as requested. */
  path: string;
  status: number;
  /** Request headers as the client sent them (the harness tag removed). */
  headers: http.IncomingHttpHeaders;
  /** Made by the harness itself (push helpers, skopeo), not by the code under test. */
  harness: boolean;
}

/**
 * Headers that belong to one connection and are never forwarded (RFC 9110 §7.6.1). Everything
 * else, `WWW-Authenticate`, `Link`, `Location` and `Docker-Content-Digest` included, passes
 * through unchanged.
 */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
]);

/**
 * A transparent reverse proxy on 127.0.0.1 that records every request it answers. The record is
 * written when the backend's response headers arrive, before they are sent on, so a client that
 * has its response already finds its request in `records()`.
 *
 * The client's `Host` header is forwarded as is: the registry builds its absolute `Location`
 * URLs from it, so they name the proxy, not the backend.
 */
export class CountingProxy {
  private readonly recorded: ProxiedRequest[] = [];
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly server: http.Server;
  private origin_ = "";

  private constructor(
    private readonly backendPort: number,
    private readonly harnessTag: (headers: http.IncomingHttpHeaders) => boolean,
    private readonly stripHeader: string,
  ) {
    this.server = http.createServer((req, res) => this.forward(req, res));
  }

  /**
   * Starts a proxy to `127.0.0.1:backendPort`. `harnessTag` says whether a request comes from
   * the harness; `stripHeader` is the (lower-case) tag header, removed before forwarding.
   */
  static async start(
    backendPort: number,
    harnessTag: (headers: http.IncomingHttpHeaders) => boolean,
    stripHeader: string,
  ): Promise<CountingProxy> {
    const proxy = new CountingProxy(backendPort, harnessTag, stripHeader);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    const { port } = proxy.server.address() as AddressInfo;
    proxy.origin_ = `http://127.0.0.1:${port}`;
    return proxy;
  }

  /** `http://127.0.0.1:<port>` */
  get origin(): string {
    return this.origin_;
  }

  /** Every request answered so far (or since `reset`), in the order the answers began. */
  records(): ProxiedRequest[] {
    return [...this.recorded];
  }

  reset(): void {
    this.recorded.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const headers = { ...req.headers };
    for (const name of [...HOP_BY_HOP, this.stripHeader]) delete headers[name];
    const record = (status: number): void => {
      this.recorded.push({
        method: req.method ?? "GET",
        path: req.url ?? "/",
        status,
        headers,
        harness: this.harnessTag(req.headers),
      });
    };
    const upstream = http.request({
      host: "127.0.0.1",
      port: this.backendPort,
      method: req.method,
      path: req.url,
      headers,
      agent: this.agent,
    });
    upstream.on("response", (answer) => {
      const status = answer.statusCode ?? 502;
      record(status);
      res.writeHead(status, answer.statusMessage, responseHeaders(answer.rawHeaders));
      answer.pipe(res);
    });
    upstream.on("error", (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      record(502);
      res.writeHead(502, { "content-type": "text/plain" }).end(`proxy: ${error.message}`);
    });
    // A client that gives up mid-response must not leave the backend request running.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }
}

/** The backend's response headers without hop-by-hop ones, repeated headers kept apart. */
function responseHeaders(raw: string[]): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (HOP_BY_HOP.has(name)) continue;
    const seen = headers[name];
    const value = raw[i + 1];
    headers[name] =
      seen === undefined ? value : [...(Array.isArray(seen) ? seen : [String(seen)]), value];
  }
  return headers;
}
