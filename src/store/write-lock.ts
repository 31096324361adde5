/**
 * Serializes the process's writes to the store. On SQLite the catalog writer holds a write
 * transaction on its own connection while it yields to the event loop between batches; a write
 * on the main connection meanwhile would wait in SQLite's busy handler, which blocks the event
 * loop the writer needs to finish. Every write therefore goes through `run`, which waits
 * asynchronously instead. (Reads need no lock: WAL readers see the last committed state.)
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` once every earlier write has finished; writes run one at a time, in order. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
