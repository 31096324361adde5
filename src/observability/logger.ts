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

/** The process logger: JSON lines on stderr (or the given stream, for tests). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: "[redacted]" }, base: undefined },
    destination,
  );
}
