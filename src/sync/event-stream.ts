/**
 * An async iterator over events: first the `initial` items (a subscriber that joins late gets the
 * current state), then each source event that `select` maps to a value (undefined = skip), ending
 * after the first value for which `isLast` is true. `return()` (a client unsubscribing) releases
 * the source at once, even while a `next()` is waiting for an event; an async generator could not.
 */
export function eventStream<TEvent, TValue>(
  source: AsyncIterator<TEvent>,
  options: {
    initial?: TValue[];
    select: (event: TEvent) => TValue | undefined;
    isLast?: (value: TValue) => boolean;
  },
): AsyncIterableIterator<TValue> {
  const queue = [...(options.initial ?? [])];
  let finished = false;
  const finish = async (): Promise<IteratorResult<TValue>> => {
    if (!finished) {
      finished = true;
      await source.return?.();
    }
    return { done: true, value: undefined };
  };
  const deliver = async (value: TValue): Promise<IteratorResult<TValue>> => {
    if (options.isLast?.(value)) {
      finished = true;
      await source.return?.();
    }
    return { done: false, value };
  };
  return {
    async next() {
      if (queue.length > 0) return deliver(queue.shift()!);
      while (!finished) {
        const result = await source.next();
        if (result.done || finished) return finish();
        const value = options.select(result.value);
        if (value !== undefined) return deliver(value);
      }
      return { done: true, value: undefined };
    },
    return: finish,
    async throw(error?: unknown) {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
