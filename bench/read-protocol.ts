/**
 * The read-path section's queries and the messages between its orchestrator
 * (`read-section.ts`) and its children: the catalog builder (`read-catalog.ts`), the servers
 * (`read-server.ts`: raw baseline or gateway) and the load generator (`read-load.ts`).
 */

/** The page measured: 50 charts, each with its latest version and its 5 highest versions. */
export const PAGE_QUERY = `query Page($registryId: ID!, $first: Int!, $after: String) {
  registry(id: $registryId) {
    charts(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id name description
          latestVersion { version appVersion }
          versions(first: 5) { totalCount edges { node { version appVersion created digest } } }
        }
      }
    }
  }
}`;

/** Charts per page. */
export const PAGE_SIZE = 50;
/** Versions per chart in the page. */
export const PAGE_VERSIONS = 5;

export interface PageVariables {
  registryId: string;
  first: number;
  after: string | null;
}

/** Search across every registry. */
export const SEARCH_QUERY = `query Search($q: String!) {
  searchCharts(search: $q, first: 20) {
    totalCount
    edges { node { name registry { name } latestVersion { version } } }
  }
}`;

/**
 * Search terms: chart names and words of the descriptions of the generated catalog (Bitnami's
 * charts), some partial.
 */
export const SEARCH_TERMS = [
  "postgres",
  "redis",
  "kafka",
  "ingress",
  "monitoring",
  "operator",
  "mongo",
  "elastic",
  "mysql",
  "mariadb",
  "rabbitmq",
  "grafana",
  "prometheus",
  "wordpress",
  "nginx",
  "jenkins",
  "keycloak",
  "minio",
  "etcd",
  "zookeeper",
  "cassandra",
  "spark",
  "airflow",
  "harbor",
  "memcached",
  "database",
  "cache",
  "metrics",
  "web server",
  "apache",
  "analytics",
  "kube",
];

/**
 * A server's mode: the raw baseline, or the gateway with the response cache off (miss) or on.
 * `bare` and `traced` are `miss` without metrics (METRICS=false, no telemetry at all) and with
 * tracing on (spans made and handed to an exporter that drops them): the cost of observability.
 */
export type ServerMode = "raw" | "miss" | "hit" | "bare" | "traced";

export interface ServerInput {
  mode: ServerMode;
  /** The SQLite catalog file. */
  file: string;
  /** PostgreSQL instead (pg-read-section.ts): the catalog's schema, as a URL. */
  databaseUrl?: string;
}

/** Orchestrator → server. */
export type ServerCommand = { type: "stats" } | { type: "stop" };

/** What a server has done so far: the orchestrator takes differences over a window. */
export interface ServerStats {
  /** process.cpuUsage(), user + system, in ms. */
  cpuMs: number;
  /** SQL statements executed. */
  statements: number;
  /** HTTP requests received. */
  requests: number;
}

/** Server → orchestrator. */
export type ServerReply =
  { type: "ready"; url: string; pid: number } | ({ type: "stats" } & ServerStats);

/** One load measurement: warm-up (discarded), then the measured window, on the same connections. */
export interface LoadRun {
  url: string;
  body: string;
  /** Every response must be this body, byte for byte (a mismatch counts as a failure). */
  expectBody: string;
  connections: number;
  warmupMs: number;
  measureMs: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  mismatches: number;
  errors: number;
  /** CPU of the load generator over the window, % of one core. */
  loaderCpuPercent: number;
}

export interface SearchRun {
  url: string;
  terms: string[];
  /** Requests per term after the warm-up pass. */
  repeats: number;
}

export interface SearchResult {
  requests: number;
  p50: number;
  p95: number;
  max: number;
  /** Responses that were not 200 or had `errors`. */
  failures: number;
  firstFailure?: string;
  /** totalCount of each term (first measured request). */
  totals: Record<string, number>;
  /** Median latency of each term. */
  byTerm: Record<string, number>;
}

/** Orchestrator → load generator. */
export type LoadCommand =
  ({ type: "run" } & LoadRun) | ({ type: "search" } & SearchRun) | { type: "stop" };

/** Load generator → orchestrator. */
export type LoadReply =
  | { type: "ready"; pid: number }
  | { type: "window-start" }
  | ({ type: "window-end" } & LoadResult)
  /** The autocannon instance has stopped (its connections closed). */
  | { type: "finished" }
  | ({ type: "searched" } & SearchResult);

export interface CatalogInput {
  /** The generated Helm index, served by the orchestrator. */
  indexEndpoint: string;
  dir24k: string;
  dir1m: string;
  registries: number;
  versionsPerRegistry: number;
}

export interface CatalogFacts {
  file: string;
  bytes: number;
  registries: number;
  charts: number;
  versions: number;
}

export interface CatalogResult {
  small: CatalogFacts & {
    /** Sync of the generated index into a fresh file, add to terminal status. */
    syncMs: number;
    status: string;
    /** Store id of the registry. */
    registryId: string;
  };
  large: CatalogFacts & {
    /** Gateway start (migrations) and the registries added through the service. */
    registriesMs: number;
    /** The chart and version rows copied with SQL. */
    copyMs: number;
    /** Store id of the registry in the middle of the list. */
    middleRegistryId: string;
    middleRegistryName: string;
    middleCharts: number;
  };
}
