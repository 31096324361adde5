import "./serving/production-mode";
import "reflect-metadata";
import { loadConfig } from "./config/config";
import { EXIT_CODES, listenError, startupFailure } from "./config/startup-error";
import { createGateway } from "./gateway";

/** Prints the one line that says why start-up failed and exits with its code (README). */
function failStartup(error: unknown): never {
  const { line, exitCode } = startupFailure(error);
  console.error(line);
  process.exit(exitCode);
}

/** Starts the gateway; SIGTERM/SIGINT stop it gracefully and exit 0. */
async function main(): Promise<void> {
  let config;
  let gateway;
  try {
    config = loadConfig();
    gateway = await createGateway(config);
  } catch (error) {
    failStartup(error);
  }
  let http;
  try {
    http = await gateway.listen();
  } catch (error) {
    failStartup(listenError(error, config.host, config.port) ?? error);
  }
  const store = config.database.type === "sqlite" ? `SQLite ${config.database.path}` : "PostgreSQL";
  gateway.logger.info({ url: `${http.url}/graphql`, store }, "gateway listening");
  if (config.auth.mode === "none") {
    gateway.logger.warn(
      { host: config.host, allowUnauthenticated: config.auth.allowUnauthenticated },
      'authentication is not configured: every request is served as the tenant admin of tenant "default"',
    );
  } else {
    gateway.logger.info(
      { mode: config.auth.mode, issuer: config.auth.issuer, audience: config.auth.audience },
      "bearer tokens required",
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    gateway.logger.info({ signal }, "shutting down");
    gateway
      .stop(config.shutdownTimeoutMs)
      .then(() => process.exit(EXIT_CODES.STOPPED))
      .catch((error: unknown) => {
        gateway.logger.error({ err: error }, "shutdown failed");
        process.exit(EXIT_CODES.FAILED);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch(failStartup);
