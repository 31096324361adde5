import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { type AddressInfo } from "node:net";

/** What the receiver does with the next request. */
export type ReceiverMode =
  | { kind: "ok" }
  | { kind: "status"; status: number }
  | { kind: "hang" }
  | { kind: "slow"; ms: number };

export interface ReceivedDelivery {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The answer given (0: none, the request hung). */
  answered: number;
}

/**
 * A webhook receiver on loopback, as a user would write one: it records each POST and answers
 * as told (2xx, an error status, never, or late). `verify` checks a signature the way the README
 * tells receivers to, with node:crypto alone.
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  /** Modes for the next requests, in order; the last one stays. */
  private modes: ReceiverMode[] = [{ kind: "ok" }];
  private readonly hanging = new Set<http.ServerResponse>();

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<WebhookReceiver> {
    const holder: { self?: WebhookReceiver } = {};
    const server = http.createServer((req, res) => holder.self!.handle(req, res));
    const self = (holder.self = new WebhookReceiver(server));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return self;
  }

  url(path = "/hook"): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  /** Answers the next requests as `modes` say (the last mode stays for the rest). */
  answer(...modes: ReceiverMode[]): void {
    this.modes = modes;
  }

  /** Waits until `predicate` holds for what was received. */
  async waitFor(
    predicate: (received: ReceivedDelivery[]) => boolean,
    timeoutMs = 15_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline)
        throw new Error(`receiver: condition not met; got ${this.received.length} requests`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const mode = this.modes.length > 1 ? this.modes.shift()! : this.modes[0]!;
      const entry: ReceivedDelivery = {
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        answered: 0,
      };
      this.received.push(entry);
      const reply = (status: number) => {
        entry.answered = status;
        res.writeHead(status, { "content-type": "text/plain" }).end(`answer ${status}`);
      };
      if (mode.kind === "ok") reply(204);
      else if (mode.kind === "status") reply(mode.status);
      else if (mode.kind === "slow") setTimeout(() => reply(200), mode.ms);
      else this.hanging.add(res);
    });
  }
}

/** A receiver's check of `X-Gateway-Signature-256` (README "Webhooks"). */
export function verify(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(
    `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`,
  );
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
