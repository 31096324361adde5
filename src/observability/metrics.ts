import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type Metric,
  type OpenMetricsContentType,
  type PrometheusContentType,
} from "prom-client";

/** Transport of a GraphQL operation. */
export type Transport = "http" | "ws";
/** `query`, `mutation`, `subscription`, or `unknown` when the request names no runnable one. */
export type OperationType = "query" | "mutation" | "subscription" | "unknown";

/** Routes HTTP metrics are labelled with; anything else is `other` (bounded cardinality). */
const KNOWN_ROUTES = ["/graphql", "/metrics", "/healthz", "/readyz", "/", "/assets", "/ide"];

/** Lowest bounds, in seconds, of GraphQL and HTTP latencies (5 ms up to 10 s). */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Sync runs last from a second (an unchanged index) to an hour (a big OCI registry). */
const RUN_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** What the metrics read at scrape time from the parts of a running gateway. */
export interface MetricSources {
  /** Registries by kind and sync status, and each registry's last successful sync. */
  registries(): Promise<
    { id: string; kind: string; syncStatus: string; lastSyncedAt: Date | null }[]
  >;
  responseCache(): { hits: number; misses: number; bytes: number; entries: number } | null;
  /** Failed store statements since start-up. */
  storeErrors(): number;
  /** Open WebSocket connections. */
  sockets(): number;
}

/**
 * The gateway's Prometheus metrics (prom-client). Names follow the Prometheus conventions
 * (base units: seconds and bytes; counters end in `_total`). Labels are bounded: registry kinds,
 * run outcomes, operation types, transports, a fixed set of routes and status codes. The only
 * per-registry series is `gateway_registry_last_success_timestamp_seconds` (one per registry,
 * labelled with the registry's id, which the gateway assigns: never a name or any text a client
 * sent).
 */
export class GatewayMetrics {
  /** Serves the Prometheus text format (version 0.0.4). */
  readonly registry = new Registry<PrometheusContentType>();
  /** The same metrics in the OpenMetrics text format (for scrapers that ask for it). */
  readonly openMetrics = new Registry<OpenMetricsContentType>();

  readonly syncRuns: Counter<"registry_kind" | "outcome">;
  readonly syncRunDuration: Histogram<"registry_kind" | "outcome">;
  readonly versionsAdded: Counter<"registry_kind">;
  readonly versionsRemoved: Counter<"registry_kind">;
  readonly operations: Counter<"transport" | "operation_type" | "outcome">;
  readonly operationDuration: Histogram<"transport" | "operation_type">;
  readonly httpRequests: Histogram<"method" | "route" | "status_code">;
  readonly subscriptions: Gauge;
  private openSubscriptions = 0;
  private sources: MetricSources | null = null;

  constructor() {
    const register = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "" });
    this.syncRuns = new Counter({
      name: "gateway_sync_runs_total",
      help: "Sync runs that ended, by registry kind and outcome (succeeded, failed, cancelled, interrupted).",
      labelNames: ["registry_kind", "outcome"],
      registers: register,
    });
    this.syncRunDuration = new Histogram({
      name: "gateway_sync_run_duration_seconds",
      help: "Duration of ended sync runs, from start to end (time queued not included).",
      labelNames: ["registry_kind", "outcome"],
      buckets: RUN_BUCKETS,
      registers: register,
    });
    this.versionsAdded = new Counter({
      name: "gateway_sync_versions_added_total",
      help: "Chart versions added to the catalog by sync runs.",
      labelNames: ["registry_kind"],
      registers: register,
    });
    this.versionsRemoved = new Counter({
      name: "gateway_sync_versions_removed_total",
      help: "Chart versions removed from the catalog by sync runs.",
      labelNames: ["registry_kind"],
      registers: register,
    });
    this.operations = new Counter({
      name: "gateway_graphql_operations_total",
      help: "GraphQL operations received, by transport (http, ws), operation type and outcome (success, error).",
      labelNames: ["transport", "operation_type", "outcome"],
      registers: register,
    });
    this.operationDuration = new Histogram({
      name: "gateway_graphql_operation_duration_seconds",
      help: "Time to answer a GraphQL operation over HTTP, or to set up a subscription over WebSocket.",
      labelNames: ["transport", "operation_type"],
      buckets: LATENCY_BUCKETS,
      registers: register,
    });
    this.httpRequests = new Histogram({
      name: "gateway_http_request_duration_seconds",
      help: "HTTP requests by method, route (a fixed set, other routes are `other`) and status code.",
      labelNames: ["method", "route", "status_code"],
      buckets: LATENCY_BUCKETS,
      registers: register,
    });
    this.subscriptions = new Gauge({
      name: "gateway_graphql_subscriptions_open",
      help: "GraphQL subscriptions open on this process.",
      registers: register,
    });
    this.scrapeTimeMetrics(register);
    this.openMetrics.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    for (const metric of this.registry.getMetricsAsArray()) {
      this.openMetrics.registerMetric(metric as unknown as Metric);
    }
  }

  /** Connects the metrics read at scrape time to the running gateway. */
  attach(sources: MetricSources): void {
    this.sources = sources;
  }

  /** HTTP route label of a path: one of a fixed set, else `other`. */
  static route(path: string): string {
    if (path === "/") return "/";
    for (const route of KNOWN_ROUTES) {
      if (route !== "/" && (path === route || path.startsWith(`${route}/`))) return route;
    }
    return "other";
  }

  subscriptionOpened(): void {
    this.openSubscriptions++;
    this.subscriptions.set(this.openSubscriptions);
  }
  subscriptionClosed(): void {
    this.openSubscriptions--;
    this.subscriptions.set(this.openSubscriptions);
  }

  /** The exposition in the format the `Accept` header prefers (Prometheus text by default). */
  async exposition(accept: string | undefined): Promise<{ contentType: string; body: string }> {
    const registry = /application\/openmetrics-text/i.test(accept ?? "")
      ? this.openMetrics
      : this.registry;
    return { contentType: registry.contentType, body: await registry.metrics() };
  }

  private scrapeTimeMetrics(register: Registry[]): void {
    const sources = () => this.sources;
    new Gauge({
      name: "gateway_registry_last_success_timestamp_seconds",
      help: "Unix time of each registry's last successful sync (registries never synchronized and protected ones have none).",
      labelNames: ["registry_id", "registry_kind"],
      registers: register,
      async collect() {
        this.reset();
        const registries = (await sources()?.registries()) ?? [];
        for (const registry of registries) {
          if (registry.lastSyncedAt === null) continue;
          this.set(
            { registry_id: registry.id, registry_kind: registry.kind },
            registry.lastSyncedAt.getTime() / 1000,
          );
        }
      },
    });
    new Gauge({
      name: "gateway_registries",
      help: "Registries by kind and sync status.",
      labelNames: ["registry_kind", "sync_status"],
      registers: register,
      async collect() {
        this.reset();
        const registries = (await sources()?.registries()) ?? [];
        const counts = new Map<string, { kind: string; status: string; n: number }>();
        for (const registry of registries) {
          const key = `${registry.kind} ${registry.syncStatus}`;
          const entry = counts.get(key) ?? {
            kind: registry.kind,
            status: registry.syncStatus,
            n: 0,
          };
          entry.n++;
          counts.set(key, entry);
        }
        for (const { kind, status, n } of counts.values()) {
          this.set({ registry_kind: kind, sync_status: status }, n);
        }
      },
    });
    let cacheBase = { hits: 0, misses: 0 };
    const cacheCounter = (name: string, help: string, field: "hits" | "misses") =>
      new Counter({
        name,
        help,
        registers: register,
        collect() {
          const stats = sources()?.responseCache();
          if (!stats) return;
          const delta = stats[field] - cacheBase[field];
          if (delta > 0) this.inc(delta);
          cacheBase = { ...cacheBase, [field]: stats[field] };
        },
      });
    cacheCounter(
      "gateway_response_cache_hits_total",
      "Read queries answered from the response cache.",
      "hits",
    );
    cacheCounter(
      "gateway_response_cache_misses_total",
      "Cacheable read queries not found in the response cache.",
      "misses",
    );
    new Gauge({
      name: "gateway_response_cache_bytes",
      help: "Size of the responses (and keys) the response cache holds.",
      registers: register,
      collect() {
        this.set(sources()?.responseCache()?.bytes ?? 0);
      },
    });
    new Gauge({
      name: "gateway_response_cache_entries",
      help: "Responses the response cache holds.",
      registers: register,
      collect() {
        this.set(sources()?.responseCache()?.entries ?? 0);
      },
    });
    let storeErrorBase = 0;
    new Counter({
      name: "gateway_store_errors_total",
      help: "Store statements that failed (SQLite or PostgreSQL).",
      registers: register,
      collect() {
        const errors = sources()?.storeErrors() ?? 0;
        if (errors > storeErrorBase) this.inc(errors - storeErrorBase);
        storeErrorBase = errors;
      },
    });
    new Gauge({
      name: "gateway_websocket_connections_open",
      help: "WebSocket (graphql-ws) connections open on this process.",
      registers: register,
      collect() {
        this.set(sources()?.sockets() ?? 0);
      },
    });
  }
}
