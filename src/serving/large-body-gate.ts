import { type RequestHandler } from "express";

/**
 * Lets at most `concurrency` requests with a large body (over `thresholdBytes`, or of unknown
 * length) be read and parsed at once; the others wait, unread (TCP pushes back on their senders).
 * Eight concurrent 950 KB queries otherwise keep the event loop busy reading, copying and
 * scanning megabytes, and every small request (`/healthz`, a page of charts) queues behind them.
 * A legitimate large request (a long CA chain) only waits its turn.
 */
export function largeBodyGate(thresholdBytes: number, concurrency: number): RequestHandler {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      next();
    }
  };
  return (req, res, next) => {
    const declared = req.headers["content-length"];
    const length = declared === undefined ? Number.POSITIVE_INFINITY : Number(declared);
    const hasBody = declared !== undefined || req.headers["transfer-encoding"] !== undefined;
    if (!hasBody || length <= thresholdBytes) return next();
    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      release();
    };
    const start = () => {
      res.once("finish", done);
      res.once("close", done);
      next();
    };
    if (active < concurrency) {
      active++;
      start();
    } else {
      waiting.push(start);
      // A sender that gives up while waiting gives its turn back unused.
      res.once("close", () => {
        const index = waiting.indexOf(start);
        if (index >= 0) waiting.splice(index, 1);
      });
    }
  };
}
