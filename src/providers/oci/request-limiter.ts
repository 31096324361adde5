/**
 * Bounded concurrency for one registry: at most N requests in flight, waiting callers served in
 * order, every wait cancellable.
 */
import { RegistryError, RegistryErrorCode } from "../errors";

/** The error for work stopped by the caller's signal. */
export function cancelledError(what: string): RegistryError {
  return new RegistryError(RegistryErrorCode.CANCELLED, `${what} was cancelled.`);
}

/** Throws CANCELLED when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw cancelledError(what);
}

/** Throws INVALID_CONFIGURATION unless `limit` is a positive integer. */
export function checkConcurrency(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      `The OCI request concurrency must be a positive integer, not ${limit}.`,
    );
  }
}

/**
 * A counting semaphore for the requests of one operation: `run` waits for a free slot, runs the
 * work and frees the slot. When the operation's signal fires every waiter is rejected with
 * CANCELLED (one listener on the signal, however many wait).
 */
export class RequestLimiter {
  private active = 0;
  private readonly waiting: { grant: () => void; cancel: () => void }[] = [];

  constructor(
    private readonly limit: number,
    private readonly signal?: AbortSignal,
  ) {
    checkConcurrency(limit);
    signal?.addEventListener("abort", () => this.cancelAll(), { once: true });
  }

  /** Runs `work` once a slot is free. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    throwIfAborted(this.signal, "The registry request");
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({
        grant: resolve,
        cancel: () => reject(cancelledError("The registry request")),
      });
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter: `active` stays the same.
    if (next) next.grant();
    else this.active--;
  }

  private cancelAll(): void {
    for (const waiter of this.waiting.splice(0)) waiter.cancel();
  }
}

/**
 * Maps `items` through `work` with at most `limit` running at once, results in input order. On
 * the first failure no further item starts, `onFailure` is called with it (to cancel the running
 * ones), and once the running ones have settled the first error is thrown.
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  onFailure?: (error: unknown) => void,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        if (failure === undefined) {
          failure = { error };
          onFailure?.(error);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}

/** Resolves after `ms`, or rejects with CANCELLED as soon as the signal fires. */
export function delay(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  throwIfAborted(signal, what);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError(what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
