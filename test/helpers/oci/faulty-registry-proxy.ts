import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** Headers of one connection, not forwarded. */
const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding"];

/** Which requests the proxy refuses with 429, and how. */
export interface RateLimitRule {
  /** Requests whose path (query excluded) matches are refused. */
  path: RegExp;
  /** How many of them are refused before the rest pass; Infinity refuses all. */
  count: number;
  /** The `Retry-After` sent with each 429, as given (seconds, or an HTTP date); none when absent. */
  retryAfter?: () => string;
}

/** The faults the proxy adds to the registry's answers. */
export interface Faults {
  rateLimit?: RateLimitRule;
  /** Leave `Docker-Content-Digest` out of the answers to HEAD requests (some registries do). */
  omitDigestOnHead?: boolean;
  /**
   * Change one character inside the manifests served to GET requests whose path matches: the
   * JSON stays valid and as long, its digest no longer matches.
   */
  corruptManifests?: RegExp;
}

/** One request the proxy answered with 429, or passed on. */
export interface ProxiedRequest {
  /** Path and query. */
  path: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/**
 * A reverse proxy on 127.0.0.1 in front of a real registry that misbehaves as told: it answers
 * `429 Too Many Requests` to the first requests matching a rule, hides digests, or corrupts
 * manifests; everything else passes through unchanged.
 */
export class FaultyRegistryProxy {
  /** Requests answered with 429, in order. */
  readonly refusals: ProxiedRequest[] = [];
  /** Requests passed through to the registry, in order. */
  readonly passed: ProxiedRequest[] = [];
  private readonly refusalWaiters: (() => void)[] = [];
  private readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true });
  private origin_ = "";

  private constructor(
    private readonly backend: URL,
    private readonly faults: Faults,
  ) {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  static async start(backend: string, faults: Faults): Promise<FaultyRegistryProxy> {
    const proxy = new FaultyRegistryProxy(new URL(backend), faults);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    proxy.origin_ = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return this.origin_;
  }

  /** Resolves once the next 429 has been sent. */
  nextRefusal(): Promise<void> {
    return new Promise((resolve) => this.refusalWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? "/";
    const path = url.split("?")[0]!;
    const rule = this.faults.rateLimit;
    if (
      rule !== undefined &&
      rule.path.test(path) &&
      this.refusals.filter((r) => r.path.split("?")[0] === path).length < rule.count
    ) {
      this.refusals.push({ path: url, at: Date.now() });
      const retryAfter = rule.retryAfter?.();
      req.resume();
      res
        .writeHead(429, {
          "content-type": "application/json",
          ...(retryAfter === undefined ? {} : { "retry-after": retryAfter }),
        })
        .end(
          JSON.stringify({ errors: [{ code: "TOOMANYREQUESTS", message: "slow down" }] }),
          () => {
            for (const waiter of this.refusalWaiters.splice(0)) waiter();
          },
        );
      return;
    }
    this.passed.push({ path: url, at: Date.now() });
    const upstream = http.request({
      host: this.backend.hostname,
      port: this.backend.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent: this.agent,
    });
    upstream.on("response", (answer) => {
      const headers = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete headers[name];
      if (req.method === "HEAD" && this.faults.omitDigestOnHead) {
        delete headers["docker-content-digest"];
      }
      const corrupt = this.faults.corruptManifests;
      if (req.method === "GET" && corrupt?.test(path) && answer.statusCode === 200) {
        void readAll(answer).then((body) => {
          res.writeHead(200, headers).end(corruptJson(body));
        });
        return;
      }
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    upstream.on("error", (error) => res.destroy(error));
    req.pipe(upstream);
  }
}

async function readAll(stream: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The same JSON with the first digit of the first digest changed: same length, other digest. */
function corruptJson(body: Buffer): Buffer {
  const text = body.toString("utf8");
  const at = text.indexOf("sha256:") + "sha256:".length;
  const digit = text[at] === "0" ? "1" : "0";
  return Buffer.from(text.slice(0, at) + digit + text.slice(at + 1), "utf8");
}
