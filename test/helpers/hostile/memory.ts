import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** The process's memory, in bytes: resident set, and what JavaScript holds (heap + external). */
interface MemorySample {
  rss: number;
  js: number;
}

/** How much memory some work took, in bytes above what the process held before it. */
export interface MemoryGrowth {
  /** Highest resident set size seen while the work ran. */
  peakRss: number;
  /** Highest V8 heap plus external memory (Buffers included) seen while the work ran. */
  peakJs: number;
  /** Heap plus external memory still held once the work is done and garbage is collected. */
  retainedJs: number;
}

/** Time given to closing connections and to finalizers between collections, in ms. */
const SETTLE_MS = 20;

let collector: (() => void) | undefined;

/**
 * V8's garbage collector. Jest does not start Node with `--expose-gc`; the flag can still be
 * set at run time, and a new context created afterwards has the `gc` global.
 */
function collectGarbage(): void {
  if (collector === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed === undefined) setFlagsFromString("--expose-gc");
    collector = exposed ?? (runInNewContext("gc") as () => void);
  }
  collector();
}

/**
 * Collects garbage until what the work left is gone: the memory behind a Buffer is given back by
 * a finalizer that runs after the collection that found the Buffer dead, and only the next
 * collection accounts for it; a socket closed a moment ago may still hold its last chunks.
 */
async function settle(): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    collectGarbage();
  }
}

function sample(): MemorySample {
  const usage = process.memoryUsage();
  return { rss: usage.rss, js: usage.heapUsed + usage.external };
}

/**
 * Runs `work` and measures the memory it takes: garbage is collected (and settled) before and
 * after, and the process is sampled every `intervalMs` while the work runs (the samples land
 * whenever the event loop is free, which a streaming download or a sliced parse leaves it often).
 */
export async function measureMemory<T>(
  work: () => Promise<T>,
  intervalMs = 2,
): Promise<{ result: T; growth: MemoryGrowth }> {
  await settle();
  const before = sample();
  const peak = { ...before };
  const record = () => {
    const now = sample();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.js = Math.max(peak.js, now.js);
  };
  const timer = setInterval(record, intervalMs);
  let result: T;
  try {
    result = await work();
  } finally {
    clearInterval(timer);
  }
  record();
  await settle();
  const after = sample();
  return {
    result,
    growth: {
      peakRss: peak.rss - before.rss,
      peakJs: peak.js - before.js,
      retainedJs: after.js - before.js,
    },
  };
}

/** Bytes as mebibytes, for messages and bounds. */
export const MiB = 1024 * 1024;
