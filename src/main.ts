import "./serving/production-mode";
import "reflect-metadata";
import { ConfigError, loadConfig } from "./config/config";
import { createGateway } from "./gateway";

/** Starts the gateway; SIGTERM/SIGINT stop it gracefully and exit 0. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  let gateway;
  try {
    gateway = await createGateway(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const http = await gateway.listen();
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
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        gateway.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("Gateway failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
