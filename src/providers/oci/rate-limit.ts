/**
 * How the OCI client answers `429 Too Many Requests`: it waits as the registry asks
 * (`Retry-After`, in seconds or as an HTTP date) or, without that, backs off exponentially; each
 * request retries a few times and one operation spends at most a fixed budget of retries, so a
 * registry that keeps refusing ends the sync with RATE_LIMITED instead of stalling it.
 */
import { RegistryError, RegistryErrorCode } from "../errors";

export interface RateLimitPolicy {
  /** Retries of one request. */
  maxRetries: number;
  /** Retries of all requests of one operation (a listing, a lookup). */
  budget: number;
  /** First backoff without Retry-After; doubled on each retry. */
  baseDelayMs: number;
  /** Longest wait; a registry asking for longer is given up on at once. */
  maxDelayMs: number;
}

export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = {
  maxRetries: 5,
  budget: 50,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
};

/**
 * The wait a `Retry-After` value asks for, in ms (never negative); undefined when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The retries left to one operation, shared by all its requests. */
export class RateLimitBudget {
  private spent = 0;

  constructor(private readonly policy: RateLimitPolicy = DEFAULT_RATE_LIMIT_POLICY) {}

  /**
   * The wait before retry number `attempt` (0-based) of a request that got 429, or a
   * RATE_LIMITED error to throw when the request, the operation or the registry's own wish is
   * past the limits.
   */
  nextDelay(
    attempt: number,
    retryAfter: string | undefined,
    where: string,
  ): number | RegistryError {
    const asked = parseRetryAfter(retryAfter);
    const giveUp = (why: string) =>
      new RegistryError(
        RegistryErrorCode.RATE_LIMITED,
        `${where} is rate limiting requests (429 Too Many Requests)${
          retryAfter === undefined
            ? ""
            : `; it asks to retry after ${retryAfter.trim().slice(0, 64)}`
        }: ${why}.`,
        429,
      );
    if (attempt >= this.policy.maxRetries) {
      return giveUp(`still refused after ${attempt} retries`);
    }
    if (this.spent >= this.policy.budget) {
      return giveUp(`this operation has used all of its ${this.policy.budget} retries`);
    }
    if (asked !== undefined && asked > this.policy.maxDelayMs) {
      return giveUp(`that is longer than the ${this.policy.maxDelayMs / 1000} s the gateway waits`);
    }
    this.spent++;
    return asked ?? Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** attempt);
  }
}
