import { ConfigError } from "./config";

/**
 * Exit codes of the gateway process (README "Configuration"): scripts and orchestrators can tell
 * a bad setting from a busy port from an unreachable store without reading the message.
 */
export const EXIT_CODES = {
  /** Stopped on SIGTERM or SIGINT after a graceful shutdown. */
  STOPPED: 0,
  /** An unexpected failure (the line says what). */
  FAILED: 1,
  /** A setting's value cannot be used; the line names the setting. */
  BAD_SETTING: 2,
  /** PORT on HOST cannot be bound (in use, not permitted, no such address). */
  CANNOT_LISTEN: 3,
  /** The store named by DATABASE_URL cannot be opened or migrated. */
  STORE_UNAVAILABLE: 4,
} as const;

/** A start-up failure of a resource (not a setting's value), with its exit code. */
export class StartupError extends Error {
  override readonly name = "StartupError";
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** `text` on one line (YAML and driver messages carry code frames and line breaks). */
export function oneLine(text: string, max = 300): string {
  const line = text.replace(/\s*\n\s*/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

const LISTEN_CODES: Record<string, string> = {
  EADDRINUSE: "the address is already in use",
  EACCES: "not permitted (ports below 1024 need privileges)",
  EADDRNOTAVAIL: "no interface of this machine has that address",
  ENOTFOUND: "the host name does not resolve",
};

/** The StartupError for a failure to listen on `host`:`port`, or null if `error` is another. */
export function listenError(error: unknown, host: string, port: number): StartupError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !(code in LISTEN_CODES)) return null;
  return new StartupError(
    `PORT/HOST: cannot listen on ${host}:${port}: ${LISTEN_CODES[code]} (${code})`,
    EXIT_CODES.CANNOT_LISTEN,
  );
}

/** The one line to print and the exit code for a failure during start-up. */
export function startupFailure(error: unknown): { line: string; exitCode: number } {
  if (error instanceof ConfigError) {
    return {
      line: `Configuration error: ${oneLine(error.message)}`,
      exitCode: EXIT_CODES.BAD_SETTING,
    };
  }
  if (error instanceof StartupError) {
    return { line: `Cannot start: ${oneLine(error.message)}`, exitCode: error.exitCode };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `Gateway failed to start: ${oneLine(message)}`, exitCode: EXIT_CODES.FAILED };
}
