import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "./bench-support";

/** Counts of what the server answered. */
export interface IndexServerStats {
  requests: number;
  /** 200 with the full body. */
  full: number;
  /** 304 Not Modified. */
  notModified: number;
  bytesSent: number;
  /** Date.now() when the last full (200) response was handed to the socket entirely. */
  lastFullSentAt: number;
}

/** An armed gate: the next request for its prefix is held until released. */
interface Gate {
  /** Called when the request arrives (and is held). */
  onArrive: () => void;
  /** Answers the held request; set once it has arrived. */
  release?: () => void;
}

export interface IndexServer {
  /** `http://127.0.0.1:<port>`; a repository lives at any path prefix, e.g. `<origin>/r1`. */
  origin: string;
  stats: IndexServerStats;
  /**
   * Holds the next request for `<prefix>/index.yaml` until `release(prefix)`; resolves when that
   * request has arrived and is being held.
   */
  arm(prefix: string): Promise<void>;
  /** Lets the held request of `prefix` proceed; returns the time (Date.now()) it was released. */
  release(prefix: string): number;
  close(): Promise<void>;
}

/**
 * Serves one Helm index over loopback HTTP at `<any prefix>/index.yaml`, with a strong ETag (the
 * file's sha256) and a Last-Modified date: a matching If-None-Match (or, without one, an
 * If-Modified-Since not older than the file) gets 304. The body is sent as is (no gzip).
 */
export async function startIndexServer(file: string, lastModified: Date): Promise<IndexServer> {
  const body = readFileSync(file);
  const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 32)}"`;
  const lastModifiedText = lastModified.toUTCString();
  const lastModifiedSeconds = Math.floor(lastModified.getTime() / 1000);
  const stats: IndexServerStats = {
    requests: 0,
    full: 0,
    notModified: 0,
    bytesSent: 0,
    lastFullSentAt: 0,
  };
  const gates = new Map<string, Gate>();

  const notModified = (req: IncomingMessage): boolean => {
    const ifNoneMatch = req.headers["if-none-match"];
    if (ifNoneMatch !== undefined) {
      return ifNoneMatch
        .split(",")
        .map((tag) => tag.trim().replace(/^W\//, ""))
        .some((tag) => tag === etag || tag === "*");
    }
    const ifModifiedSince = req.headers["if-modified-since"];
    if (ifModifiedSince !== undefined) {
      const since = Date.parse(ifModifiedSince);
      return Number.isFinite(since) && Math.floor(since / 1000) >= lastModifiedSeconds;
    }
    return false;
  };

  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    const headers = { etag, "last-modified": lastModifiedText, "cache-control": "no-cache" };
    if (notModified(req)) {
      stats.notModified++;
      res.writeHead(304, headers).end();
      return;
    }
    stats.full++;
    stats.bytesSent += body.length;
    res.on("finish", () => (stats.lastFullSentAt = Date.now()));
    res.writeHead(200, {
      ...headers,
      "content-type": "application/x-yaml",
      "content-length": String(body.length),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };

  const server = createServer((req, res) => {
    stats.requests++;
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.endsWith("/index.yaml") || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    const prefix = url.pathname.slice(0, -"/index.yaml".length);
    const gate = gates.get(prefix);
    if (gate && gate.release === undefined) {
      gate.release = () => answer(req, res);
      gate.onArrive();
      return;
    }
    answer(req, res);
  });
  const listening = await listenOnLoopback(server);

  return {
    origin: `http://127.0.0.1:${listening.port}`,
    stats,
    arm(prefix) {
      return new Promise<void>((resolve) => gates.set(prefix, { onArrive: resolve }));
    },
    release(prefix) {
      const gate = gates.get(prefix);
      if (!gate?.release) throw new Error(`no request is held for ${prefix}`);
      gates.delete(prefix);
      const releasedAt = Date.now();
      gate.release();
      return releasedAt;
    },
    async close() {
      for (const gate of gates.values()) gate.release?.();
      await listening.close();
    },
  };
}
