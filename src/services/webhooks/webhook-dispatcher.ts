import { type DataSource } from "typeorm";
import { WebhookEntity } from "../../entities";
import { type Logger } from "../../observability/logger";
import { RegistryError } from "../../providers/errors";
import { createHttpClient } from "../../providers/http/http-client";
import { type NetworkPolicy } from "../../providers/http/network-policy";
import { redactSecrets } from "../../providers/http/secret-redaction";
import { type SecretBox } from "../../store/secret-box";
import { date, dbDate, sql } from "../../store/sql";
import { type WriteLock } from "../../store/write-lock";
import { WEBHOOK_HEADERS, signatureOf } from "./webhook-signature";
import { webhookSecretSlot } from "./webhook.service";

export interface WebhookDispatchOptions {
  /** Time allowed to connect to a receiver, in ms. */
  connectTimeoutMs: number;
  /** Time allowed for one delivery (request and answer), in ms. */
  requestTimeoutMs: number;
  /** Tries per delivery before it is FAILED. */
  maxAttempts: number;
  /** Wait before the first retry; doubled for each further one (capped at MAX_BACKOFF_MS). */
  retryBaseMs: number;
  /**
   * Fleets (PostgreSQL): how often the outbox is looked at for deliveries other instances left
   * due (they died before retrying). Null: no polling; one process knows every retry it owes.
   */
  pollMs: number | null;
}

/** Longest wait between two tries of a delivery. */
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** Deliveries claimed per look at the outbox. */
const BATCH = 16;
/** Bytes of a receiver's answer kept (its error excerpt). */
const MAX_ANSWER_BYTES = 64 * 1024;
const USER_AGENT = "registry-catalog-gateway-webhooks/0.1";

/** The wait before try `attempts + 1` after `attempts` failed tries: base × 2^(attempts−1). */
export function backoffMs(retryBaseMs: number, attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

interface Claimed {
  id: string;
  webhook_id: string;
  event: string;
  payload: string;
  attempts: number;
}

/**
 * Sends the outbox's deliveries (at least once, idempotent by delivery id). A delivery is claimed
 * with a lease by one statement (`UPDATE … RETURNING`; on PostgreSQL over `FOR UPDATE SKIP
 * LOCKED`, so that instances of a fleet never claim the same row), sent through the providers'
 * HTTP client under the network policy (the SSRF rules), and its outcome recorded: DELIVERED on a
 * 2xx answer, else retried with exponential backoff until WEBHOOK_MAX_ATTEMPTS, then FAILED. An
 * instance that dies mid-send leaves the lease to expire; another instance (or the next start)
 * sends the delivery again under the same id.
 *
 * An idle dispatcher sends no SQL: it looks at the outbox when deliveries are recorded, when a
 * retry it scheduled is due, and at start (what an earlier process left); only in a fleet does
 * it also poll (WEBHOOK_POLL_INTERVAL), for retries of instances that are gone. (On SQLite a
 * poll would also wait on another process's write lock with the event loop blocked.)
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  /** The next retry this dispatcher knows is due, and its timer. */
  private wakeAt: number | null = null;
  private wakeTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly lock: WriteLock,
    private readonly secrets: SecretBox,
    private readonly networkPolicy: NetworkPolicy,
    private readonly logger: Logger,
    private readonly options: WebhookDispatchOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.options.pollMs !== null)
      this.timer = setInterval(() => this.kick(), this.options.pollMs).unref();
    // What is due now, then a look planned for what an earlier process left for later.
    this.kick();
  }

  /** Looks at the outbox again at `at` (ms since the epoch), unless an earlier look is planned. */
  private wakeUpAt(at: number): void {
    // An earlier look plans the next one when it has drained.
    if (this.stopped || (this.wakeAt !== null && this.wakeAt <= at)) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeAt = null;
        this.kick();
      },
      Math.max(0, at - Date.now()),
    ).unref();
  }

  /** Plans a look at the outbox when the earliest pending delivery becomes due. */
  private async scheduleFromStore(): Promise<void> {
    const [row] = await sql<{ next_attempt_at: unknown; lease_until: unknown }>(
      this.dataSource,
      `SELECT next_attempt_at, lease_until FROM webhook_delivery WHERE status = 'PENDING'
        ORDER BY next_attempt_at LIMIT 1`,
    );
    if (!row) return;
    const due = date(row.next_attempt_at)!.getTime();
    const lease = date(row.lease_until)?.getTime() ?? 0;
    this.wakeUpAt(Math.max(due, lease));
  }

  /** Looks at the outbox now (new deliveries were recorded). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainDue()
      .catch((error: unknown) => this.logger.warn({ err: error }, "webhook dispatch failed"))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops: no new claims; sends in flight are cut short and their deliveries retried later. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    clearTimeout(this.wakeTimer);
    for (const controller of this.inFlight) controller.abort();
    await this.running;
  }

  /** Sends what is due, then plans the next look for the earliest delivery still pending. */
  private async drainDue(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const claimed = await this.claim();
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((delivery) => this.send(delivery)));
    }
    if (!this.stopped) await this.scheduleFromStore();
  }

  /** Claims due deliveries of active webhooks with a lease, counting the try. */
  private async claim(): Promise<Claimed[]> {
    const now = new Date();
    const lease = new Date(now.getTime() + this.options.requestTimeoutMs * 2 + 30_000);
    const postgres = this.dataSource.options.type === "postgres";
    // PostgreSQL: a data-modifying CTE, so that the driver returns the rows (TypeORM hands back
    // [rows, count] for a bare UPDATE); SQLite allows no UPDATE in a CTE but returns them plainly.
    const update = `UPDATE webhook_delivery SET lease_until = ?, attempts = attempts + 1, last_attempt_at = ?
          WHERE id IN (
            SELECT d.id FROM webhook_delivery d
             WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?
               AND (d.lease_until IS NULL OR d.lease_until <= ?)
               AND d.webhook_id IN (SELECT w.id FROM webhook w WHERE w.active = ?)
             ORDER BY d.next_attempt_at, d.id
             LIMIT ${BATCH}${postgres ? " FOR UPDATE OF d SKIP LOCKED" : ""})
          RETURNING id, webhook_id, event, payload, attempts`;
    return this.lock.run(() =>
      sql<Claimed>(
        this.dataSource,
        postgres ? `WITH claimed AS (${update}) SELECT * FROM claimed` : update,
        [
          dbDate(this.dataSource, lease),
          dbDate(this.dataSource, now),
          dbDate(this.dataSource, now),
          dbDate(this.dataSource, now),
          postgres ? true : 1,
        ],
      ),
    );
  }

  private async send(delivery: Claimed): Promise<void> {
    const hook = await this.dataSource
      .getRepository(WebhookEntity)
      .findOneBy({ id: delivery.webhook_id });
    if (!hook) return; // Removed meanwhile: its deliveries went with it.
    let secret: string;
    try {
      secret = this.secrets.open(hook.secret, webhookSecretSlot(hook.id));
    } catch (error) {
      await this.failed(delivery, null, (error as Error).message, [], true);
      return;
    }
    const controller = new AbortController();
    this.inFlight.add(controller);
    const client = createHttpClient(
      {
        kind: "HELM",
        endpoint: hook.url,
        auth: { type: "NONE" },
        tls: { insecureSkipVerify: false },
      },
      {
        connectTimeoutMs: this.options.connectTimeoutMs,
        requestTimeoutMs: this.options.requestTimeoutMs,
        maxBodyBytes: MAX_ANSWER_BYTES,
        // A receiver that redirects is answering something else: not followed, a failure.
        maxRedirects: 0,
      },
      { ...this.networkPolicy.clientOptions, userAgent: USER_AGENT },
    );
    try {
      const response = await client.request({
        url: hook.url,
        method: "POST",
        body: delivery.payload,
        headers: {
          "content-type": "application/json",
          accept: "*/*",
          [WEBHOOK_HEADERS.EVENT]: delivery.event,
          [WEBHOOK_HEADERS.DELIVERY]: delivery.id,
          [WEBHOOK_HEADERS.SIGNATURE]: signatureOf(secret, delivery.payload),
        },
        signal: controller.signal,
        discardBody: true,
      });
      await this.delivered(delivery, response.status);
    } catch (error) {
      if (this.stopped && controller.signal.aborted) {
        // Cut short by a shutdown: not the receiver's failure; the next start sends it again.
        await this.release(delivery);
        return;
      }
      const status = error instanceof RegistryError ? (error.status ?? null) : null;
      const message = error instanceof Error ? error.message : String(error);
      await this.failed(delivery, status, message, [secret]);
    } finally {
      this.inFlight.delete(controller);
      await client.close();
    }
  }

  private async delivered(delivery: Claimed, status: number): Promise<void> {
    const now = new Date();
    await this.lock.run(() =>
      sql(
        this.dataSource,
        `UPDATE webhook_delivery SET status = 'DELIVERED', lease_until = NULL, last_status_code = ?,
            last_error = NULL, delivered_at = ? WHERE id = ?`,
        [status, dbDate(this.dataSource, now), delivery.id],
      ),
    );
  }

  private async failed(
    delivery: Claimed,
    status: number | null,
    message: string,
    secrets: string[],
    final = false,
  ): Promise<void> {
    const attempts = Number(delivery.attempts);
    const giveUp = final || attempts >= this.options.maxAttempts;
    const next = new Date(Date.now() + backoffMs(this.options.retryBaseMs, attempts));
    this.logger.info(
      { deliveryId: delivery.id, webhookId: delivery.webhook_id, attempts, status, giveUp },
      "webhook delivery failed",
    );
    await this.lock.run(() =>
      sql(
        this.dataSource,
        `UPDATE webhook_delivery SET status = ?, lease_until = NULL, last_status_code = ?,
            last_error = ?, next_attempt_at = ? WHERE id = ?`,
        [
          giveUp ? "FAILED" : "PENDING",
          status,
          redactSecrets(message, secrets).slice(0, 2000),
          dbDate(this.dataSource, next),
          delivery.id,
        ],
      ),
    );
  }

  /** Gives a claimed delivery back untried (shutdown). */
  private async release(delivery: Claimed): Promise<void> {
    await this.lock.run(() =>
      sql(
        this.dataSource,
        `UPDATE webhook_delivery SET lease_until = NULL, attempts = attempts - 1 WHERE id = ?`,
        [delivery.id],
      ),
    );
  }
}
