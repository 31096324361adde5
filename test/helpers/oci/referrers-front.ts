import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** One referrer as the OCI 1.1 referrers API lists it. */
export interface Referrer {
  mediaType: string;
  digest: string;
  size: number;
  artifactType: string;
}

/**
 * The OCI 1.1 referrers API (`GET /v2/<name>/referrers/<digest>`) in front of a registry that
 * lacks it (the suite's CNCF distribution 2.8 answers 404): referrers registered with `add` are
 * listed as an image index, every other request is passed through to the registry unchanged.
 * The registry still stores and serves every manifest and blob; only the listing is answered here.
 */
export class ReferrersFront {
  private readonly referrers = new Map<string, Referrer[]>();
  readonly asked: string[] = [];
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly server: http.Server;
  private origin_ = "";

  private constructor(private readonly backend: URL) {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  static async start(backend: string): Promise<ReferrersFront> {
    const front = new ReferrersFront(new URL(backend));
    await new Promise<void>((resolve) => front.server.listen(0, "127.0.0.1", resolve));
    front.origin_ = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
    return front;
  }

  get url(): string {
    return this.origin_;
  }

  /** Lists `referrer` as a referrer of `subject` (a manifest digest) in `repository`. */
  add(repository: string, subject: string, referrer: Referrer): void {
    const key = `${repository}@${subject}`;
    this.referrers.set(key, [...(this.referrers.get(key) ?? []), referrer]);
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const match = /^\/v2\/(.+)\/referrers\/(sha256:[0-9a-f]{64})$/.exec(
      (req.url ?? "").split("?")[0]!,
    );
    if (match && req.method === "GET") {
      this.asked.push(`${match[1]}@${match[2]}`);
      const body = JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.index.v1+json",
        manifests: this.referrers.get(`${match[1]}@${match[2]}`) ?? [],
      });
      res.writeHead(200, { "content-type": "application/vnd.oci.image.index.v1+json" }).end(body);
      return;
    }
    const forwarded = http.request(
      {
        host: this.backend.hostname,
        port: this.backend.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent: this.agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on("error", () => res.destroy());
    req.pipe(forwarded);
  }
}
