import { type DataSource } from "typeorm";
import { sql } from "../../store/sql";

/** Buckets kept before full (idle) ones are dropped. */
const MAX_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** The answer of a limiter: allowed, or when the next call would be. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket per key (a tenant): `perMinute` calls at once, refilled evenly over a minute.
 * Memory stays bounded: when there are many keys, buckets that are full again are forgotten.
 */
export class TenantRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  /** Takes one call from `key`'s budget. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refill(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000),
    };
  }

  private refill(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.forgetFull(now);
      bucket = { tokens: this.perMinute, updatedAt: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(
      this.perMinute,
      bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs,
    );
    bucket.updatedAt = now;
    return bucket;
  }

  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs >= this.perMinute) {
        this.buckets.delete(key);
      }
    }
  }
}

/** A per-tenant budget of calls: in this process, or shared by a fleet through the store. */
export interface SyncBudget {
  /** Takes one call from `key`'s budget. */
  take(key: string): RateDecision | Promise<RateDecision>;
}

/**
 * The same token bucket kept in PostgreSQL (table `sync_budget`), so that a tenant's budget is
 * one budget across every instance of a fleet, however requests are spread. One statement per
 * call: the upsert refills and takes under the row's lock, and returns nothing when the bucket
 * holds less than one call (then a read says when the next one will be allowed).
 */
export class StoreRateLimiter implements SyncBudget {
  private readonly refillPerMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly perMinute: number,
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  async take(key: string): Promise<RateDecision> {
    const refilled = `LEAST(?, b.tokens + EXTRACT(EPOCH FROM (clock_timestamp() - b.updated_at)) * 1000 * ?)`;
    const taken = await sql<{ tokens: number }>(
      this.dataSource,
      `INSERT INTO sync_budget AS b (tenant_id, tokens, updated_at)
       VALUES (?, ? - 1, clock_timestamp())
       ON CONFLICT (tenant_id) DO UPDATE
          SET tokens = ${refilled} - 1, updated_at = clock_timestamp()
        WHERE ${refilled} >= 1
       RETURNING tokens`,
      [key, this.perMinute, this.perMinute, this.refillPerMs, this.perMinute, this.refillPerMs],
    );
    if (taken.length > 0) return { allowed: true };
    const [row] = await sql<{ tokens: number }>(
      this.dataSource,
      `SELECT ${refilled} AS tokens FROM sync_budget b WHERE tenant_id = ?`,
      [this.perMinute, this.refillPerMs, key],
    );
    const tokens = Number(row?.tokens ?? 0);
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs / 1000)),
    };
  }
}
