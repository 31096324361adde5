import { randomUUID } from "node:crypto";
import { Client, type QueryResult, type QueryResultRow } from "pg";
import { type Logger } from "../observability/logger";

/**
 * What several gateway instances sharing one PostgreSQL database need from it besides the
 * catalog: one connection per instance (not from the pool) that
 *
 * - holds a session-level **advisory lock per registry** while this instance owns a run of it
 *   (queued or running). PostgreSQL releases a session's locks when the session ends, also when
 *   the process is SIGKILLed or its host vanishes (TCP keepalive), so "the owner of this run is
 *   gone" is `pg_try_advisory_lock` succeeding: PostgreSQL's own liveness, not timestamps;
 * - **LISTENs** on the fleet's channel: progress and change events of runs executing elsewhere,
 *   cancel and interrupt requests for runs executing here, and the catalog version.
 *
 * NOTIFY payloads are limited to 8000 bytes; a larger message is sent in parts within one
 * statement (one transaction: delivered together, in order) and put together on receipt.
 *
 * When the connection is lost every lock is gone with it: `onLost` handlers interrupt this
 * instance's runs (another instance may take them over), and the connection is re-opened.
 */
export class PgFleet {
  /** This instance, as named in the messages it sends (its own are ignored on receipt). */
  readonly instanceId = randomUUID();
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private closed = false;
  private readonly handlers = new Map<string, ((body: unknown) => void)[]>();
  private readonly lostHandlers: (() => void)[] = [];
  private readonly connectedHandlers: (() => void)[] = [];
  private readonly parts = new Map<string, { received: string[]; count: number; at: number }>();
  /** Registries whose lock this instance holds. */
  private readonly held = new Set<string>();
  /** The NOTIFY channels of this instance's schema (set on connecting). */
  private channel = CHANNEL;
  private versionChannel = VERSION_CHANNEL;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** Opens the connection (and keeps re-opening it until `close`). */
  async start(): Promise<void> {
    await this.connection();
  }

  /** True while the connection is open (locks held, notifications arriving). */
  get connected(): boolean {
    return this.client !== null;
  }

  /** Calls `handler` with the body of each message of `kind` sent by another instance. */
  on(kind: string, handler: (body: unknown) => void): void {
    this.handlers.set(kind, [...(this.handlers.get(kind) ?? []), handler]);
  }

  /** Called when the connection (and every lock with it) is lost. */
  onLost(handler: () => void): void {
    this.lostHandlers.push(handler);
  }

  /** Called each time the connection is (re-)established. */
  onConnected(handler: () => void): void {
    this.connectedHandlers.push(handler);
  }

  /**
   * Takes the registry's lock for this instance unless another session holds it; true when this
   * instance holds it now. (Advisory locks are re-entrant per session: a registry already held
   * here answers true without taking it twice.)
   */
  async tryLock(registryId: string): Promise<boolean> {
    if (this.held.has(registryId)) return true;
    const client = await this.connection();
    const { rows } = await this.send<{ locked: boolean }>(
      client,
      "SELECT pg_try_advisory_lock(hashtext(current_schema()), hashtext($1)) AS locked",
      [registryId],
    );
    if (rows[0]?.locked) this.held.add(registryId);
    return Boolean(rows[0]?.locked);
  }

  /**
   * Runs a read on the fleet connection (the sweep's periodic look for orphaned runs), off the
   * catalog's pool: background work neither waits for nor takes a request's connection.
   */
  async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = await this.connection();
    return (await this.send(client, text, params)).rows as T[];
  }

  /** True when this instance holds the registry's lock. */
  holds(registryId: string): boolean {
    return this.held.has(registryId);
  }

  /** Releases the registry's lock (nothing when not held). */
  async unlock(registryId: string): Promise<void> {
    if (!this.held.delete(registryId)) return;
    const client = this.client;
    if (!client) return; // The session is gone, and the lock with it.
    try {
      await this.send(
        client,
        "SELECT pg_advisory_unlock(hashtext(current_schema()), hashtext($1))",
        [registryId],
      );
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message, registryId },
        "could not release a run lock",
      );
    }
  }

  /**
   * Sends a message to every other instance. Best effort: without a connection it is dropped
   * (and logged), which a progress event may be; terminal states are also in the store.
   */
  async publish(kind: string, body: unknown): Promise<void> {
    const client = this.client;
    if (!client) {
      this.logger.debug({ kind }, "fleet message not sent: no connection");
      return;
    }
    const text = JSON.stringify({ o: this.instanceId, k: kind, b: body });
    const chunks: string[] = [];
    if (Buffer.byteLength(text) <= MAX_PAYLOAD) chunks.push(`=${text}`);
    else {
      const id = randomUUID();
      const pieces = splitUtf8(text, MAX_PAYLOAD - 80);
      pieces.forEach((piece, i) => chunks.push(`#${id}:${i}:${pieces.length}:${piece}`));
    }
    try {
      await this.send(client, "SELECT pg_notify($1, part) FROM unnest($2::text[]) AS part", [
        this.channel,
        chunks,
      ]);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, kind }, "fleet message not sent");
    }
  }

  /**
   * Runs a statement on the fleet connection after the ones before it: locks, the sweep and
   * NOTIFYs share it, and pg deprecates (pg 9 removes) a query sent while another is running.
   */
  private send<R extends QueryResultRow = QueryResultRow>(
    client: Client,
    text: string,
    params?: unknown[],
  ): Promise<QueryResult<R>> {
    const result = this.tail.then(() => client.query<R>(text, params));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** The last statement sent on the fleet connection (see `send`). */
  private tail: Promise<unknown> = Promise.resolve();

  /** Closes the connection: this instance's locks are released. */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    this.held.clear();
    if (client) await client.end().catch(() => undefined);
  }

  private connection(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.closed) return Promise.reject(new Error("The fleet connection is closed"));
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.url,
      keepAlive: true,
      application_name: "registry-catalog-gateway fleet",
      connectionTimeoutMillis: 5000,
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, null));
    client.on("notification", (message) => {
      if (message.channel === this.channel && message.payload) this.receive(message.payload);
      else if (message.channel === this.versionChannel && message.payload)
        this.dispatch("catalogVersion", Number(message.payload));
    });
    await client.connect();
    // The channels are the schema's: gateways on other schemas of the database hear nothing.
    const { rows } = await client.query<{ tag: string }>(`SELECT ${SCHEMA_TAG} AS tag`);
    this.channel = `${CHANNEL}_${rows[0]!.tag}`;
    this.versionChannel = `${VERSION_CHANNEL}_${rows[0]!.tag}`;
    await client.query(`LISTEN ${this.channel}`);
    await client.query(`LISTEN ${this.versionChannel}`);
    this.client = client;
    // A new connection waits for nothing sent on the old one.
    this.tail = Promise.resolve();
    for (const handler of this.connectedHandlers) handler();
    return client;
  }

  private lost(client: Client, error: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    this.held.clear();
    if (this.closed) return;
    this.logger.warn({ err: error?.message }, "fleet connection lost; runs of this instance stop");
    for (const handler of this.lostHandlers) handler();
    void client.end().catch(() => undefined);
    this.reconnectSoon(250);
  }

  private reconnectSoon(delayMs: number): void {
    if (this.closed) return;
    setTimeout(() => {
      this.connection().then(
        () => this.logger.info("fleet connection restored"),
        () => this.reconnectSoon(Math.min(delayMs * 2, 5000)),
      );
    }, delayMs).unref();
  }

  private receive(payload: string): void {
    let text: string | null = null;
    if (payload.startsWith("=")) text = payload.slice(1);
    else if (payload.startsWith("#")) {
      const match = /^#([^:]+):(\d+):(\d+):/.exec(payload);
      if (!match) return;
      const [head, id, index, count] = match;
      const entry = this.parts.get(id) ?? { received: [], count: Number(count), at: Date.now() };
      entry.received[Number(index)] = payload.slice(head.length);
      this.parts.set(id, entry);
      if (entry.received.filter((p) => p !== undefined).length < entry.count) {
        this.dropStaleParts();
        return;
      }
      this.parts.delete(id);
      text = entry.received.join("");
    }
    if (text === null) return;
    try {
      const message = JSON.parse(text) as { o: string; k: string; b: unknown };
      if (message.o === this.instanceId) return;
      this.dispatch(message.k, message.b);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, "unreadable fleet message");
    }
  }

  private dispatch(kind: string, body: unknown): void {
    for (const handler of this.handlers.get(kind) ?? []) {
      try {
        handler(body);
      } catch (error) {
        this.logger.error({ err: error, kind }, "fleet message handler failed");
      }
    }
  }

  private dropStaleParts(): void {
    const old = Date.now() - 60_000;
    for (const [id, entry] of this.parts) if (entry.at < old) this.parts.delete(id);
  }
}

/**
 * Prefixes of the fleet's NOTIFY channel and the catalog version's (see store/catalog-version.ts);
 * each is followed by `_` and the schema's tag, so that gateways sharing one database in different
 * schemas are different fleets. Advisory locks are keyed by the schema too (its hashtext, then the
 * registry id's).
 */
export const CHANNEL = "gateway_fleet";
export const VERSION_CHANNEL = "gateway_catalog_version";
/** SQL for the current schema's tag: the first 12 hex digits of its md5. */
export const SCHEMA_TAG = "substr(md5(current_schema()), 1, 12)";

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7900;

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes, never inside a character. */
function splitUtf8(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? 4 : 3;
    if (bytes + size > maxBytes) {
      pieces.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    if (size === 4) i++; // the low surrogate belongs to this character
    bytes += size;
  }
  pieces.push(text.slice(start));
  return pieces;
}
