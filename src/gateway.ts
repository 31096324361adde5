import { type DestinationStream } from "pino";
import { type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { type GraphQLSchema } from "graphql";
import { ConfigError, type Config } from "./config/config";
import { EXIT_CODES, oneLine, StartupError } from "./config/startup-error";
import { createCatalogVersion } from "./store/catalog-version";
import { createContext, createServices, type GatewayContext, type Services } from "./context";
import { createLogger, type Logger } from "./observability/logger";
import { createProviders } from "./providers";
import { AllowlistEntryError, NetworkPolicy } from "./providers/http/network-policy";
import { buildGatewaySchema } from "./schema/build-schema";
import { startHttp, type HttpGateway } from "./serving/http-server";
import { type Viewer } from "./access/viewer";
import { openStore, type Store } from "./store/data-source";
import { SecretBox } from "./store/secret-box";
import { checkSecretKey, recordSecretKey } from "./store/secret-key-check";
import { SECRET_FIELDS } from "./services/registries/registry-secrets";
import { SyncScheduler } from "./sync/scheduler";
import { SyncEngine } from "./sync/sync-engine";
import { PubSubSyncEventBus, type SyncEventBus } from "./sync/sync-events";
import { PgFleet } from "./sync/fleet";
import { FleetSyncEventBus } from "./sync/fleet-events";
import { WebhookDispatcher } from "./services/webhooks/webhook-dispatcher";
import { withWebhooks } from "./services/webhooks/webhook-event-tap";
import { WebhookOutbox } from "./services/webhooks/webhook-outbox";
import { seedDefaultRegistries } from "./services/registries/default-registries";
import { GatewayMetrics } from "./observability/metrics";
import { readinessChecks } from "./observability/readiness";
import { SyncTelemetry } from "./observability/sync-telemetry";
import { Tracing } from "./observability/tracing";
import { type Telemetry } from "./serving/telemetry";

export interface Gateway {
  config: Config;
  logger: Logger;
  store: Store;
  services: Services;
  /** The sync engine (runs, queue, progress); the API reaches it through `services.syncs`. */
  engine: SyncEngine;
  /** Progress and change-feed events. */
  events: SyncEventBus;
  schema: GraphQLSchema;
  /** Queues due registries; started by `listen` when SYNC_SCHEDULE is on. */
  scheduler: SyncScheduler;
  /** Prometheus metrics (METRICS) and OpenTelemetry tracing (OTEL_*); null when off. */
  telemetry: Telemetry;
  /** PostgreSQL: this instance's fleet connection (run locks, events of other instances). */
  fleet?: PgFleet;
  /** Present once `listen` has run. */
  http?: HttpGateway;
  /** Serves HTTP and WebSocket on the configured host and port. */
  listen(): Promise<HttpGateway>;
  /** A context as a request of this viewer would get (in-process operations, tests). */
  context(viewer: Viewer): GatewayContext;
  /** Graceful stop: no new runs, running ones get `deadlineMs`, then sockets and store close. */
  stop(deadlineMs?: number): Promise<void>;
}

/**
 * The composition root: store (migrated), providers, sync engine, services and schema. Seeds the
 * default registries when configured and recovers runs an earlier process left unfinished.
 */
export async function createGateway(
  config: Config,
  options: {
    logStream?: DestinationStream;
    /** Traces go here instead of where OTEL_* says (tests: an in-memory exporter). */
    spanExporter?: SpanExporter;
    /** Where tracing reads the OTEL_* variables (default: the process environment). */
    env?: Record<string, string | undefined>;
  } = {},
): Promise<Gateway> {
  const networkPolicy = createNetworkPolicy(config.networkAllowlist);
  const logger = createLogger(config.logLevel, options.logStream);
  const secrets = SecretBox.fromConfig(config.encryption, logger);
  const store = await openConfiguredStore(config, logger);
  const providers = createProviders(
    {
      connectTimeoutMs: config.registryHttp.connectTimeoutMs,
      requestTimeoutMs: config.registryHttp.requestTimeoutMs,
      maxBodyBytes: config.registryHttp.maxIndexBytes,
      maxRedirects: config.registryHttp.maxRedirects,
    },
    {
      concurrency: config.oci.concurrency,
      awsEndpoints: {
        ecr: config.oci.ecrEndpoint ?? undefined,
        sts: config.oci.stsEndpoint ?? undefined,
      },
      networkPolicy,
    },
  );
  const telemetry: Telemetry = {
    metrics: config.observability.metrics ? new GatewayMetrics() : null,
    tracing: Tracing.create(options.env ?? process.env, options.spanExporter),
  };
  telemetry.tracing?.traceStatements(
    store.dataSource,
    config.database.type === "sqlite" ? "sqlite" : "postgresql",
  );
  // PostgreSQL: this instance may be one of several sharing the store (a fleet).
  let fleet: PgFleet | undefined;
  if (config.database.type === "postgres") {
    if (!config.encryption.key)
      logger.warn(
        { keyFile: config.encryption.keyFile },
        "ENCRYPTION_KEY is not set: this instance seals registry secrets with its own key file; every instance sharing this database needs the same ENCRYPTION_KEY",
      );
    fleet = new PgFleet(config.database.url, logger);
    try {
      await fleet.start();
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  const events = fleet ? new FleetSyncEventBus(fleet) : new PubSubSyncEventBus();
  const catalogVersion = createCatalogVersion(
    store.dataSource,
    store.writeLock,
    store.statements,
    fleet,
  );
  // Webhooks: the outbox records deliveries for what this instance's runs publish; the
  // dispatcher sends them (and any instance's that are due).
  const webhookDispatcher = new WebhookDispatcher(
    store.dataSource,
    store.writeLock,
    secrets,
    networkPolicy,
    logger,
    {
      connectTimeoutMs: Math.min(
        config.registryHttp.connectTimeoutMs,
        config.webhooks.requestTimeoutMs,
      ),
      requestTimeoutMs: config.webhooks.requestTimeoutMs,
      maxAttempts: config.webhooks.maxAttempts,
      retryBaseMs: config.webhooks.retryBaseMs,
      // One process knows every retry it owes; a fleet also looks for those of instances gone.
      pollMs: fleet ? config.webhooks.pollMs : null,
    },
  );
  const webhookOutbox = new WebhookOutbox(store.dataSource, store.writeLock, logger, () =>
    webhookDispatcher.kick(),
  );
  // The engine publishes through the webhooks' tap (the instance that ran the sync records them).
  const engineEvents = withWebhooks(events, webhookOutbox);
  const sync = new SyncEngine(store.dataSource, providers, engineEvents, logger, {
    concurrency: config.sync.concurrency,
    forceAfterMs: config.sync.forceAfterMs,
    progressIntervalMs: config.sync.progressIntervalMs,
    writeLock: store.writeLock,
    catalogTransaction: store.catalogTransaction,
    secrets,
    catalogVersion,
    observer:
      telemetry.metrics || telemetry.tracing
        ? new SyncTelemetry(telemetry.metrics, telemetry.tracing)
        : undefined,
    fleet,
  });
  const services = createServices({
    config,
    dataSource: store.dataSource,
    logger,
    providers,
    sync,
    events,
    writeLock: store.writeLock,
    secrets,
    catalogVersion,
    networkPolicy,
  });
  // Instances starting at once on one PostgreSQL database take turns (seeding once).
  try {
    await store.exclusive(async () => {
      // Another key than the one that sealed the stored secrets: refuse to start.
      await checkSecretKey(
        store.dataSource,
        secrets,
        config.encryption.key ? "ENCRYPTION_KEY" : "ENCRYPTION_KEY_FILE",
        SECRET_FIELDS.map((field) => field.column),
      );
      await services.registries.resealSecrets();
      await services.webhooks.resealSecrets(logger);
      await store.writeLock.run(() => recordSecretKey(store.dataSource, secrets));
      if (config.seedDefaultRegistries) {
        await seedDefaultRegistries(config.defaultRegistriesFile, {
          fipsOnly: config.paletteEdition === "vertex",
          dataSource: store.dataSource,
          providers,
          lock: store.writeLock,
          catalogVersion,
          logger,
        });
      }
    });
  } catch (error) {
    await fleet?.close();
    await store.close();
    throw error;
  }
  await sync.recover();
  webhookDispatcher.start();
  const scheduler = new SyncScheduler(store.dataSource, sync, logger, {
    intervalMs: config.sync.intervalMs,
  });
  const schema = await buildGatewaySchema(events.pubSub);
  // Fleets: runs of instances that are gone are taken over at most SYNC_LEASE after they went:
  // looked for every half lease, so that the look, the takeover and the re-run's start fit in it.
  const sweeper = fleet
    ? setInterval(
        () => {
          sync.sweep().catch((error: unknown) => logger.warn({ err: error }, "sweep failed"));
        },
        Math.max(50, Math.floor(config.sync.leaseMs / 2)),
      ).unref()
    : undefined;

  let stopping = false;
  const gateway: Gateway = {
    config,
    telemetry,
    logger,
    store,
    services,
    engine: sync,
    events,
    schema,
    fleet,
    async listen() {
      gateway.http = await startHttp(schema, services, config.host, config.port, {
        telemetry,
        readiness: readinessChecks(config, store, () => stopping),
        statements: store.statements,
      });
      if (config.sync.schedule) scheduler.start();
      return gateway.http;
    },
    context: (viewer) => createContext(services, viewer),
    scheduler,
    async stop(deadlineMs = config.shutdownTimeoutMs) {
      stopping = true;
      if (sweeper) clearInterval(sweeper);
      await scheduler.stop();
      await sync.shutdown(deadlineMs);
      await webhookOutbox.drain();
      await webhookDispatcher.stop();
      await fleet?.close();
      if (gateway.http) await gateway.http.close();
      await store.close();
      await telemetry.tracing?.shutdown();
      logger.flush?.();
    },
  };
  return gateway;
}

/**
 * The store, migrated; a store that cannot be opened or migrated is a StartupError naming
 * DATABASE_URL (exit code 4), without the URL (it may hold a password).
 */
async function openConfiguredStore(config: Config, logger: Logger): Promise<Store> {
  try {
    return await openStore(config.database, logger);
  } catch (error) {
    const where =
      config.database.type === "sqlite" ? `SQLite file ${config.database.path}` : "PostgreSQL";
    throw new StartupError(
      `DATABASE_URL: cannot open the store (${where}): ${oneLine((error as Error).message ?? String(error))}`,
      EXIT_CODES.STORE_UNAVAILABLE,
    );
  }
}

/**
 * The network policy of registry connections: always on, only public addresses and what
 * REGISTRY_NETWORK_ALLOWLIST allows. An invalid entry is a ConfigError naming the setting.
 */
function createNetworkPolicy(allowlist: readonly string[]): NetworkPolicy {
  try {
    return new NetworkPolicy(allowlist);
  } catch (error) {
    if (error instanceof AllowlistEntryError) {
      throw new ConfigError(`REGISTRY_NETWORK_ALLOWLIST: ${error.message}`);
    }
    throw error;
  }
}
