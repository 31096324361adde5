import pino, { type DestinationStream, type Logger } from "pino";
import { type LogLevel } from "../config/config";

export type { Logger };

/**
 * Paths that could hold a secret if someone ever logged a registry or an input object. Nothing
 * should log those objects; this is the second line of defence.
 */
const REDACT = [
  "password",
  "token",
  "secret",
  "authSecret",
  "authorization",
  "*.password",
  "*.token",
  "*.secret",
  "*.authSecret",
  "*.authorization",
  "req.headers.authorization",
];

/** The longest line the logger writes, in bytes. */
export const MAX_LOG_LINE_BYTES = 16 * 1024;
/** Strings in a line that is too long are cut to this many characters. */
const MAX_LOG_STRING = 2048;
/** Items kept of a list in a line that is too long. */
const MAX_LOG_ITEMS = 20;

/**
 * The process logger: JSON lines on stdout (or the given stream, for tests), none longer than
 * MAX_LOG_LINE_BYTES (see `capLogLine`).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: "[redacted]" }, base: undefined },
    cappedDestination(destination ?? pino.destination(1)),
  );
}

/** `destination`, its lines capped by `capLogLine`. */
function cappedDestination(destination: DestinationStream): DestinationStream {
  const flushable = destination as DestinationStream & {
    flush?: (cb?: (error?: Error) => void) => void;
    flushSync?: () => void;
  };
  return {
    write: (line: string) => destination.write(capLogLine(line)),
    ...(flushable.flush ? { flush: (cb?: () => void) => flushable.flush!(cb) } : {}),
    ...(flushable.flushSync ? { flushSync: () => flushable.flushSync!() } : {}),
  } as DestinationStream;
}

/**
 * A log line no longer than MAX_LOG_LINE_BYTES. Whatever a caller logs (an error quoting a SQL
 * statement and its 50,000-character parameters, twice; a registry's answer), a line over the
 * cap keeps its fields with long strings cut (saying how much was cut) and long lists shortened;
 * if that is still too long, it keeps its level, time and message and says it was cut.
 */
export function capLogLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= MAX_LOG_LINE_BYTES) return line;
  const newline = line.endsWith("\n") ? "\n" : "";
  let record: Record<string, unknown> | null = null;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    // not JSON: cut below
  }
  if (record && typeof record === "object") {
    const shortened = `${JSON.stringify(shorten(record, 0))}${newline}`;
    if (Buffer.byteLength(shortened, "utf8") <= MAX_LOG_LINE_BYTES) return shortened;
    const { level, time, msg } = record;
    const cut = {
      level,
      time,
      msg: typeof msg === "string" ? msg.slice(0, MAX_LOG_STRING) : msg,
      logLineCut: `the line held ${line.length} characters; its fields were dropped`,
    };
    return `${JSON.stringify(cut)}${newline}`;
  }
  return `${JSON.stringify({ msg: line.slice(0, MAX_LOG_STRING), logLineCut: line.length })}${newline}`;
}

function shorten(value: unknown, depth: number): unknown {
  if (typeof value === "string") {
    return value.length <= MAX_LOG_STRING
      ? value
      : `${value.slice(0, MAX_LOG_STRING)}…[${value.length - MAX_LOG_STRING} more characters]`;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth >= 8) return "[nested too deep]";
  if (Array.isArray(value)) {
    const kept = value.slice(0, MAX_LOG_ITEMS).map((item) => shorten(item, depth + 1));
    if (value.length > MAX_LOG_ITEMS) kept.push(`…[${value.length - MAX_LOG_ITEMS} more items]`);
    return kept;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = shorten(item, depth + 1);
  return out;
}
