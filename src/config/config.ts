/*
 * Why one file of some 700 lines: the list of settings (name, default, meaning, parser) is the
 * README's configuration table, meant to be read top to bottom in one place; the parsers are the
 * small functions at its end.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";

export type DatabaseConfig = { type: "sqlite"; path: string } | { type: "postgres"; url: string };

/** The gateway's configuration, parsed once at start-up. */
export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  seedDefaultRegistries: boolean;
  /** `vertex`: only the FIPS default registries are seeded (Palette VerteX). */
  paletteEdition: "palette" | "vertex";
  /** YAML file listing the default registries seeded at first start. */
  defaultRegistriesFile: string;
  logLevel: LogLevel;
  /** Time running syncs get to finish on shutdown, in ms. */
  shutdownTimeoutMs: number;
  sync: {
    /** Runs executing at once. */
    concurrency: number;
    /** Period of scheduled syncs, in ms. */
    intervalMs: number;
    /** A run older than this may be interrupted by a forced sync, in ms. */
    forceAfterMs: number;
    /** Whether the periodic schedule runs. */
    schedule: boolean;
    /** Least time between two progress events of a run within a phase, in ms. */
    progressIntervalMs: number;
    /**
     * PostgreSQL fleets: how often each instance looks for runs whose instance is gone (its
     * session, and with it its run locks, ended) to interrupt and re-run them, in ms.
     */
    leaseMs: number;
  };
  /** Webhook deliveries (README "Webhooks"). */
  webhooks: {
    requestTimeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    pollMs: number;
  };
  registryHttp: {
    connectTimeoutMs: number;
    requestTimeoutMs: number;
    maxIndexBytes: number;
    maxRedirects: number;
  };
  oci: {
    /** Requests in flight at once against one OCI registry during a sync. */
    concurrency: number;
    /** AWS API endpoints to use instead of the public ones (VPC endpoints); empty: default. */
    ecrEndpoint: string | null;
    stsEndpoint: string | null;
  };
  auth: AuthConfig;
  /** Where the key that encrypts stored registry secrets comes from. */
  encryption: {
    /** ENCRYPTION_KEY, decoded; null when the key is read from (or created in) `keyFile`. */
    key: Buffer | null;
    keyFile: string;
    /** Earlier keys, still accepted for reading while secrets are re-encrypted (rotation). */
    previousKeys: Buffer[];
  };
  /** Private addresses and host names registries may resolve to (CIDRs and names). */
  networkAllowlist: string[];
  /** Host names requests may name besides the gateway's own addresses (`*.suffix`, `*`). */
  allowedHosts: string[];
  /** Web page origins that may call the gateway besides its own hosts' pages (`*`: any). */
  allowedOrigins: string[];
  limits: {
    maxQueryDepth: number;
    maxQueryComplexity: number;
    maxRequestBytes: number;
    introspection: boolean;
    /** syncRegistry calls a tenant may make per minute. */
    syncRequestsPerMinute: number;
    /** Live registry calls one GraphQL operation may make. */
    maxRegistryCallsPerOperation: number;
    /** Live registry calls a tenant's operations may make per minute. */
    registryCallsPerMinute: number;
    /** Longest operation text, in bytes (checked before parsing). */
    maxQueryBytes: number;
    /** Most field selections in a document (checked before validation). */
    maxQueryFields: number;
    /** Operations one graphql-ws connection may hold open. */
    maxSubscriptionsPerConnection: number;
    /** Operations one tenant's graphql-ws connections may hold open in this process. */
    maxSubscriptionsPerTenant: number;
  };
  /** Cached responses of read queries: their total size at most; 0 = no cache. */
  responseCache: { maxBytes: number };
  /** What the gateway serves besides the API (see src/serving/web-app.ts, observability). */
  observability: {
    /** The dashboard web app at `/`. */
    dashboard: boolean;
    /** GraphiQL for browsers that open the GraphQL path. */
    ide: boolean;
    /** Prometheus metrics at `/metrics`. */
    metrics: boolean;
    /** Bearer token `/metrics` requires; null: none. */
    metricsToken: string | null;
  };
}

/** Roles a token may carry. */
export const ROLES = ["SYSTEM_ADMIN", "TENANT_ADMIN", "TENANT_VIEWER"] as const;

/** How callers are authenticated. */
export type AuthConfig =
  | { mode: "none"; allowUnauthenticated: boolean }
  | {
      mode: "hs256" | "jwks";
      /** HS256 shared key (AUTH_JWT_SECRET). */
      secret: Uint8Array | null;
      jwksUrl: string | null;
      issuer: string;
      audience: string;
      tenantClaim: string;
      roleClaim: string;
      allowUnauthenticated: boolean;
    };

/** A configuration value that cannot be used; start-up stops with this message. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

type Source = Record<string, string | undefined>;

interface Setting {
  name: string;
  default: string;
  meaning: string;
}

/**
 * Every setting, with its default and meaning. The README's configuration table is this list;
 * a test keeps the two in step.
 */
export const SETTINGS: readonly Setting[] = [
  {
    name: "PORT",
    default: "4000",
    meaning: "TCP port for HTTP and WebSocket (GraphQL at /graphql).",
  },
  { name: "HOST", default: "127.0.0.1", meaning: "Address to bind." },
  {
    name: "DATABASE_URL",
    default: "sqlite:./data/gateway.sqlite",
    meaning: "Store: `sqlite:<path>` (a file, WAL mode) or `postgres://…`.",
  },
  {
    name: "SEED_DEFAULT_REGISTRIES",
    default: "true",
    meaning:
      "Seed the default (system, immutable) registries at first start; `false` for air-gapped installs.",
  },
  {
    name: "PALETTE_EDITION",
    default: "palette",
    meaning:
      "`palette` seeds every default registry; `vertex` (Palette VerteX) seeds only the FIPS one (`fips: true` in the file).",
  },
  {
    name: "DEFAULT_REGISTRIES_FILE",
    default: "defaults/registries.yaml",
    meaning: "YAML file listing the default registries.",
  },
  {
    name: "LOG_LEVEL",
    default: "info",
    meaning: "`trace`, `debug`, `info`, `warn`, `error`, `fatal` or `silent`.",
  },
  {
    name: "CONFIG_FILE",
    default: "(none)",
    meaning: "Optional YAML file with any of these settings; the environment wins.",
  },
  {
    name: "SYNC_CONCURRENCY",
    default: "2",
    meaning: "Sync runs executing at once; the rest wait in the queue.",
  },
  {
    name: "SYNC_SCHEDULE",
    default: "true",
    meaning:
      "Run the periodic schedule (and queue overdue registries at start-up); `false` leaves syncs to users.",
  },
  {
    name: "SYNC_PROGRESS_INTERVAL",
    default: "250ms",
    meaning:
      "Least time between two progress events of a run within a phase (phase changes and the end always go out).",
  },
  {
    name: "SHUTDOWN_TIMEOUT",
    default: "10s",
    meaning: "On SIGTERM/SIGINT, time running syncs get to finish before they are interrupted.",
  },
  {
    name: "SYNC_INTERVAL",
    default: "24h",
    meaning: "Period of scheduled syncs (`ms`, `s`, `m`, `h` suffixes).",
  },
  {
    name: "SYNC_FORCE_AFTER",
    default: "1h",
    meaning: "Age after which a running sync may be interrupted by a forced one.",
  },
  {
    name: "SYNC_LEASE",
    default: "15s",
    meaning:
      "PostgreSQL: longest time a run of a stopped or killed instance stays unfinished before another instance marks it INTERRUPTED and runs it again.",
  },
  {
    name: "REGISTRY_CONNECT_TIMEOUT",
    default: "10s",
    meaning: "Time allowed to connect to a registry.",
  },
  {
    name: "REGISTRY_REQUEST_TIMEOUT",
    default: "120s",
    meaning: "Time allowed for one request to a registry, body included.",
  },
  {
    name: "REGISTRY_MAX_INDEX_BYTES",
    default: "256MB",
    meaning: "Largest index accepted, after decompression (`KB`, `MB`, `GB` suffixes).",
  },
  { name: "REGISTRY_MAX_REDIRECTS", default: "5", meaning: "Redirects followed per request." },
  {
    name: "WEBHOOK_TIMEOUT",
    default: "10s",
    meaning:
      "Time allowed for one webhook delivery (connect, send, answer); longer is a failed try.",
  },
  {
    name: "WEBHOOK_MAX_ATTEMPTS",
    default: "8",
    meaning: "Tries per webhook delivery before it is marked FAILED.",
  },
  {
    name: "WEBHOOK_RETRY_BASE",
    default: "30s",
    meaning:
      "Wait before a failed webhook delivery is tried again; doubled after each further failure (at most 1h).",
  },
  {
    name: "WEBHOOK_POLL_INTERVAL",
    default: "2s",
    meaning:
      "PostgreSQL fleets: how often each instance looks for webhook deliveries left due by instances that are gone (a single process needs no polling).",
  },
  {
    name: "OCI_CONCURRENCY",
    default: "8",
    meaning: "Requests in flight at once against one OCI registry during a sync.",
  },
  {
    name: "AWS_ECR_ENDPOINT",
    default: "",
    meaning:
      "URL of the ECR API for `GetAuthorizationToken` (e.g. a VPC endpoint); empty: the region's public endpoint.",
  },
  {
    name: "AWS_STS_ENDPOINT",
    default: "",
    meaning:
      "URL of the STS API for assuming ECR roles (e.g. a VPC endpoint); empty: the region's public endpoint.",
  },
  {
    name: "AUTH_JWT_SECRET",
    default: "",
    meaning:
      "Shared key (at least 32 bytes) verifying HS256 bearer tokens. Set this or `AUTH_JWKS_URL`; neither: no authentication.",
  },
  {
    name: "AUTH_JWKS_URL",
    default: "",
    meaning: "JWKS URL of the identity provider whose signed bearer tokens are accepted.",
  },
  {
    name: "AUTH_ISSUER",
    default: "",
    meaning: "Required `iss` of tokens (needed when authentication is configured).",
  },
  {
    name: "AUTH_AUDIENCE",
    default: "",
    meaning: "Required `aud` of tokens (needed when authentication is configured).",
  },
  {
    name: "AUTH_TENANT_CLAIM",
    default: "tenant",
    meaning: "Claim naming the caller's tenant (a dotted path reads a nested claim).",
  },
  {
    name: "AUTH_ROLE_CLAIM",
    default: "role",
    meaning:
      "Claim with the caller's role: `SYSTEM_ADMIN`, `TENANT_ADMIN` or `TENANT_VIEWER` (a string or a list).",
  },
  {
    name: "ALLOW_UNAUTHENTICATED",
    default: "false",
    meaning:
      "`true` runs without authentication on a non-loopback address (everyone is the default tenant admin).",
  },
  {
    name: "ENCRYPTION_KEY",
    default: "",
    meaning: "Key encrypting stored registry secrets: 32 bytes, base64.",
  },
  {
    name: "ENCRYPTION_KEY_FILE",
    default: "(beside the SQLite file)",
    meaning:
      "File holding the key when `ENCRYPTION_KEY` is unset; created (mode 0600) on first start. Default: `encryption.key` beside the SQLite file, or `./data/encryption.key`.",
  },
  {
    name: "ENCRYPTION_PREVIOUS_KEYS",
    default: "",
    meaning:
      "Comma-separated earlier keys (base64): secrets under them are re-encrypted with the current key at start-up.",
  },
  {
    name: "REGISTRY_NETWORK_ALLOWLIST",
    default: "",
    meaning:
      "Comma-separated CIDRs and host names registries may use although they are loopback, link-local or private.",
  },
  {
    name: "ALLOWED_HOSTS",
    default: "",
    meaning:
      "Comma-separated host names (`*.example.com` for every name under it, `*` for any) requests may name in `Host` besides the addresses the gateway serves (a load balancer's name).",
  },
  {
    name: "ALLOWED_ORIGINS",
    default: "",
    meaning:
      "Comma-separated origins (`https://app.example.com`, `*` for any) of web pages that may send requests and open WebSockets, besides pages of the hosts the gateway serves.",
  },
  {
    name: "MAX_REGISTRY_CALLS_PER_OPERATION",
    default: "10",
    meaning:
      "Live registry calls (reference checks of protected registries, validations, package fetches for values) one operation may make; more are `REGISTRY_CALL_BUDGET_EXCEEDED`, refused before it runs when the estimate says so.",
  },
  {
    name: "REGISTRY_CALLS_PER_MINUTE",
    default: "120",
    meaning:
      "Live registry calls one tenant's operations may make per minute; more are `RATE_LIMITED`.",
  },
  {
    name: "MAX_QUERY_BYTES",
    default: "64KB",
    meaning:
      "Longest operation text, checked before it is parsed (413 `QUERY_TOO_COMPLEX`); the rest of `MAX_REQUEST_BYTES` is for variables.",
  },
  {
    name: "MAX_QUERY_FIELDS",
    default: "1000",
    meaning:
      "Most field selections an operation's document may hold (each fragment counted once), checked before it is validated (`QUERY_TOO_COMPLEX`).",
  },
  {
    name: "MAX_SUBSCRIPTIONS_PER_CONNECTION",
    default: "100",
    meaning:
      "Operations (subscriptions, and queries in flight) one graphql-ws connection may hold open; more are `TOO_MANY_SUBSCRIPTIONS`.",
  },
  {
    name: "MAX_SUBSCRIPTIONS_PER_TENANT",
    default: "10000",
    meaning:
      "Operations one tenant's graphql-ws connections may hold open in one gateway process; more are `TOO_MANY_SUBSCRIPTIONS`.",
  },
  { name: "MAX_QUERY_DEPTH", default: "12", meaning: "Deepest selection an operation may nest." },
  {
    name: "MAX_QUERY_COMPLEXITY",
    default: "20000",
    meaning: "Largest estimated cost of an operation (lists count `first` times their items).",
  },
  { name: "MAX_REQUEST_BYTES", default: "1MB", meaning: "Largest HTTP request body accepted." },
  {
    name: "INTROSPECTION",
    default: "true",
    meaning: "Answer introspection queries (`false` hides the schema from clients).",
  },
  {
    name: "SYNC_REQUESTS_PER_MINUTE",
    default: "30",
    meaning: "`syncRegistry` calls one tenant may make per minute; more are `RATE_LIMITED`.",
  },
  {
    name: "RESPONSE_CACHE_BYTES",
    default: "64MB",
    meaning:
      "Memory for cached responses of read queries (see [Serving reads](#serving-reads)); `0` turns the cache off.",
  },
  {
    name: "DASHBOARD",
    default: "true",
    meaning: "Serve the dashboard web app at `/` (see [Dashboard and IDE](#dashboard-and-ide)).",
  },
  {
    name: "GRAPHQL_IDE",
    default: "true",
    meaning: "Serve GraphiQL to browsers that open `/graphql` (its code comes from the gateway).",
  },
  {
    name: "METRICS",
    default: "true",
    meaning: "Serve Prometheus metrics at `/metrics` (see [Metrics](#metrics)).",
  },
  {
    name: "METRICS_TOKEN",
    default: "",
    meaning:
      "Bearer token `/metrics` requires (at least 16 characters); empty: `/metrics` is open.",
  },
];

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i;
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|kib|mib|gib)?$/i;

function parseOptionalUrl(name: string, raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return text;
  } catch {
    // reported below
  }
  throw new ConfigError(`${name}: "${raw}" is not an http(s) URL`);
}

function parseDuration(name: string, raw: string): number {
  const match = DURATION.exec(raw.trim());
  if (!match)
    throw new ConfigError(`${name}: "${raw}" is not a duration (e.g. 500ms, 30s, 5m, 24h)`);
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    (match[2] ?? "ms").toLowerCase() as "ms"
  ];
  const value = Math.round(Number(match[1]) * factor);
  if (value <= 0) throw new ConfigError(`${name}: must be greater than zero`);
  return value;
}

function parseSize(name: string, raw: string, allowZero = false): number {
  const match = SIZE.exec(raw.trim());
  if (!match) throw new ConfigError(`${name}: "${raw}" is not a size (e.g. 64MB)`);
  const unit = (match[2] ?? "b").toLowerCase();
  const factor = unit.startsWith("g")
    ? 1024 ** 3
    : unit.startsWith("m")
      ? 1024 ** 2
      : unit.startsWith("k")
        ? 1024
        : 1;
  const value = Math.round(Number(match[1]) * factor);
  if (value === 0 && allowZero) return 0;
  if (value <= 0) throw new ConfigError(`${name}: must be greater than zero`);
  return value;
}

function parseInteger(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}: "${raw}" must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function parseEdition(raw: string): "palette" | "vertex" {
  const value = raw.trim().toLowerCase();
  if (value === "palette" || value === "vertex") return value;
  throw new ConfigError(`PALETTE_EDITION: "${raw}" must be palette or vertex`);
}

function parseBoolean(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (["true", "1", "yes", "on"].includes(value)) return true;
  if (["false", "0", "no", "off"].includes(value)) return false;
  throw new ConfigError(`${name}: "${raw}" must be true or false`);
}

function parseDatabase(raw: string, baseDir: string): DatabaseConfig {
  const value = raw.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) return { type: "postgres", url: value };
  if (value.startsWith("sqlite:")) {
    const file = value.slice("sqlite:".length);
    if (!file)
      throw new ConfigError(
        "DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/gateway.sqlite",
      );
    return { type: "sqlite", path: file === ":memory:" ? file : path.resolve(baseDir, file) };
  }
  throw new ConfigError(`DATABASE_URL: "${value}" must start with sqlite: or postgres://`);
}

const LOG_LEVELS: readonly LogLevel[] = [
  "trace",
  "debug",
  "info",
  "warn",
  "error",
  "fatal",
  "silent",
];

function readConfigFile(file: string): Source {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`CONFIG_FILE: cannot read ${file}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`CONFIG_FILE: ${file} is not valid YAML: ${(error as Error).message}`);
  }
  if (doc == null) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) {
    throw new ConfigError(`CONFIG_FILE: ${file} must be a mapping of setting names to values`);
  }
  const known = new Set(SETTINGS.map((s) => s.name));
  const out: Source = {};
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    if (!known.has(key)) throw new ConfigError(`CONFIG_FILE: unknown setting "${key}" in ${file}`);
    out[key] = value == null ? undefined : String(value);
  }
  return out;
}

/**
 * Builds the configuration from the environment and, when CONFIG_FILE names one, a YAML file
 * with the same setting names (the environment wins). Throws ConfigError naming the setting.
 */
export function loadConfig(env: Source = process.env, cwd: string = process.cwd()): Config {
  const file = env.CONFIG_FILE ? readConfigFile(path.resolve(cwd, env.CONFIG_FILE)) : {};
  const get = (name: string): string => {
    const fromEnv = env[name];
    if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
    const fromFile = file[name];
    if (fromFile !== undefined && fromFile !== "") return fromFile;
    const setting = SETTINGS.find((s) => s.name === name);
    if (!setting) throw new Error(`unknown setting ${name}`);
    return setting.default;
  };
  const logLevel = get("LOG_LEVEL").toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      `LOG_LEVEL: "${get("LOG_LEVEL")}" must be one of ${LOG_LEVELS.join(", ")}`,
    );
  }
  const database = parseDatabase(get("DATABASE_URL"), cwd);
  const host = get("HOST").trim();
  const auth = parseAuth(get);
  if (auth.mode === "none" && !auth.allowUnauthenticated && !isLoopback(host)) {
    throw new ConfigError(
      `HOST: ${host} is not a loopback address and authentication is not configured. ` +
        "Set AUTH_JWT_SECRET or AUTH_JWKS_URL (with AUTH_ISSUER and AUTH_AUDIENCE), " +
        "or ALLOW_UNAUTHENTICATED=true to serve everyone as the default tenant admin",
    );
  }
  return {
    port: parseInteger("PORT", get("PORT"), 0, 65535),
    host,
    database,
    seedDefaultRegistries: parseBoolean("SEED_DEFAULT_REGISTRIES", get("SEED_DEFAULT_REGISTRIES")),
    paletteEdition: parseEdition(get("PALETTE_EDITION")),
    defaultRegistriesFile: path.resolve(cwd, get("DEFAULT_REGISTRIES_FILE")),
    logLevel,
    shutdownTimeoutMs: parseDuration("SHUTDOWN_TIMEOUT", get("SHUTDOWN_TIMEOUT")),
    sync: {
      concurrency: parseInteger("SYNC_CONCURRENCY", get("SYNC_CONCURRENCY"), 1, 64),
      intervalMs: parseDuration("SYNC_INTERVAL", get("SYNC_INTERVAL")),
      forceAfterMs: parseDuration("SYNC_FORCE_AFTER", get("SYNC_FORCE_AFTER")),
      schedule: parseBoolean("SYNC_SCHEDULE", get("SYNC_SCHEDULE")),
      progressIntervalMs: parseDuration("SYNC_PROGRESS_INTERVAL", get("SYNC_PROGRESS_INTERVAL")),
      leaseMs: parseDuration("SYNC_LEASE", get("SYNC_LEASE")),
    },
    webhooks: {
      requestTimeoutMs: parseDuration("WEBHOOK_TIMEOUT", get("WEBHOOK_TIMEOUT")),
      maxAttempts: parseInteger("WEBHOOK_MAX_ATTEMPTS", get("WEBHOOK_MAX_ATTEMPTS"), 1, 100),
      retryBaseMs: parseDuration("WEBHOOK_RETRY_BASE", get("WEBHOOK_RETRY_BASE")),
      pollMs: parseDuration("WEBHOOK_POLL_INTERVAL", get("WEBHOOK_POLL_INTERVAL")),
    },
    registryHttp: {
      connectTimeoutMs: parseDuration("REGISTRY_CONNECT_TIMEOUT", get("REGISTRY_CONNECT_TIMEOUT")),
      requestTimeoutMs: parseDuration("REGISTRY_REQUEST_TIMEOUT", get("REGISTRY_REQUEST_TIMEOUT")),
      maxIndexBytes: parseSize("REGISTRY_MAX_INDEX_BYTES", get("REGISTRY_MAX_INDEX_BYTES")),
      maxRedirects: parseInteger("REGISTRY_MAX_REDIRECTS", get("REGISTRY_MAX_REDIRECTS"), 0, 20),
    },
    oci: {
      concurrency: parseInteger("OCI_CONCURRENCY", get("OCI_CONCURRENCY"), 1, 64),
      ecrEndpoint: parseOptionalUrl("AWS_ECR_ENDPOINT", get("AWS_ECR_ENDPOINT")),
      stsEndpoint: parseOptionalUrl("AWS_STS_ENDPOINT", get("AWS_STS_ENDPOINT")),
    },
    auth,
    encryption: {
      key: get("ENCRYPTION_KEY") ? parseKey("ENCRYPTION_KEY", get("ENCRYPTION_KEY")) : null,
      keyFile: defaultKeyFile(get("ENCRYPTION_KEY_FILE"), database, cwd),
      previousKeys: list(get("ENCRYPTION_PREVIOUS_KEYS")).map((key, index) =>
        parseKey(`ENCRYPTION_PREVIOUS_KEYS[${index}]`, key),
      ),
    },
    networkAllowlist: list(get("REGISTRY_NETWORK_ALLOWLIST")),
    allowedHosts: list(get("ALLOWED_HOSTS")).map((entry) => parseAllowedHost(entry)),
    allowedOrigins: list(get("ALLOWED_ORIGINS")).map((entry) => parseAllowedOrigin(entry)),
    limits: {
      maxQueryDepth: parseInteger("MAX_QUERY_DEPTH", get("MAX_QUERY_DEPTH"), 2, 100),
      maxQueryComplexity: parseInteger(
        "MAX_QUERY_COMPLEXITY",
        get("MAX_QUERY_COMPLEXITY"),
        10,
        10_000_000,
      ),
      maxRequestBytes: parseSize("MAX_REQUEST_BYTES", get("MAX_REQUEST_BYTES")),
      introspection: parseBoolean("INTROSPECTION", get("INTROSPECTION")),
      syncRequestsPerMinute: parseInteger(
        "SYNC_REQUESTS_PER_MINUTE",
        get("SYNC_REQUESTS_PER_MINUTE"),
        1,
        100_000,
      ),
      maxRegistryCallsPerOperation: parseInteger(
        "MAX_REGISTRY_CALLS_PER_OPERATION",
        get("MAX_REGISTRY_CALLS_PER_OPERATION"),
        1,
        10_000,
      ),
      maxQueryBytes: parseSize("MAX_QUERY_BYTES", get("MAX_QUERY_BYTES")),
      maxQueryFields: parseInteger("MAX_QUERY_FIELDS", get("MAX_QUERY_FIELDS"), 10, 1_000_000),
      maxSubscriptionsPerConnection: parseInteger(
        "MAX_SUBSCRIPTIONS_PER_CONNECTION",
        get("MAX_SUBSCRIPTIONS_PER_CONNECTION"),
        1,
        1_000_000,
      ),
      maxSubscriptionsPerTenant: parseInteger(
        "MAX_SUBSCRIPTIONS_PER_TENANT",
        get("MAX_SUBSCRIPTIONS_PER_TENANT"),
        1,
        100_000_000,
      ),
      registryCallsPerMinute: parseInteger(
        "REGISTRY_CALLS_PER_MINUTE",
        get("REGISTRY_CALLS_PER_MINUTE"),
        1,
        1_000_000,
      ),
    },
    responseCache: {
      maxBytes: parseSize("RESPONSE_CACHE_BYTES", get("RESPONSE_CACHE_BYTES"), true),
    },
    observability: {
      dashboard: parseBoolean("DASHBOARD", get("DASHBOARD")),
      ide: parseBoolean("GRAPHQL_IDE", get("GRAPHQL_IDE")),
      metrics: parseBoolean("METRICS", get("METRICS")),
      metricsToken: parseMetricsToken(get("METRICS_TOKEN")),
    },
  };
}

/** METRICS_TOKEN: empty for none; the message never repeats the value. */
function parseMetricsToken(raw: string): string | null {
  const token = raw.trim();
  if (!token) return null;
  if (token.length < 16) throw new ConfigError("METRICS_TOKEN: must be at least 16 characters");
  return token;
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, "").toLowerCase();
  return name === "localhost" || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name);
}

function list(raw: string): string[] {
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** An ALLOWED_HOSTS entry: `*`, `*.suffix` or a host name or address (no scheme, no port). */
function parseAllowedHost(entry: string): string {
  const name = entry.toLowerCase().replace(/^\[|\]$/g, "");
  if (
    name === "*" ||
    /^\*\.[a-z0-9.-]+$/.test(name) ||
    /^[a-z0-9.-]+$/.test(name) ||
    /^[0-9a-f:.]+$/.test(name)
  ) {
    return name;
  }
  throw new ConfigError(
    `ALLOWED_HOSTS: "${entry}" must be a host name or address, "*.suffix" or "*" (no scheme, no port)`,
  );
}

/** An ALLOWED_ORIGINS entry: `*`, or `scheme://host[:port]` with no path. */
function parseAllowedOrigin(entry: string): string {
  if (entry === "*") return entry;
  try {
    const url = new URL(entry);
    if (
      (url.protocol === "http:" || url.protocol === "https:") &&
      entry.replace(/\/$/, "") === url.origin
    ) {
      return url.origin;
    }
  } catch {
    // reported below
  }
  throw new ConfigError(
    `ALLOWED_ORIGINS: "${entry}" must be an origin such as https://app.example.com (scheme, host, optional port; no path) or "*"`,
  );
}

/** A 32-byte key in base64; the message never repeats the value. */
function parseKey(name: string, raw: string): Buffer {
  const text = raw.trim();
  const key = Buffer.from(text, "base64");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || key.length !== 32) {
    throw new ConfigError(
      `${name}: must be 32 bytes in base64 (e.g. the output of \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}

function defaultKeyFile(raw: string, database: DatabaseConfig, cwd: string): string {
  if (raw && !raw.startsWith("(")) return path.resolve(cwd, raw);
  if (database.type === "sqlite" && database.path !== ":memory:") {
    return path.join(path.dirname(database.path), "encryption.key");
  }
  return path.resolve(cwd, "data/encryption.key");
}

function parseAuth(get: (name: string) => string): AuthConfig {
  const allowUnauthenticated = parseBoolean("ALLOW_UNAUTHENTICATED", get("ALLOW_UNAUTHENTICATED"));
  const secretText = get("AUTH_JWT_SECRET");
  const jwksUrl = parseOptionalUrl("AUTH_JWKS_URL", get("AUTH_JWKS_URL"));
  if (!secretText && !jwksUrl) return { mode: "none", allowUnauthenticated };
  if (secretText && jwksUrl) {
    throw new ConfigError("AUTH_JWT_SECRET and AUTH_JWKS_URL: set one of them, not both");
  }
  const secret = secretText ? new TextEncoder().encode(secretText) : null;
  if (secret && secret.length < 32) {
    throw new ConfigError("AUTH_JWT_SECRET: must be at least 32 bytes (HS256 needs 256 bits)");
  }
  const issuer = get("AUTH_ISSUER").trim();
  const audience = get("AUTH_AUDIENCE").trim();
  if (!issuer || !audience) {
    throw new ConfigError(
      "AUTH_ISSUER and AUTH_AUDIENCE: both are required when authentication is configured",
    );
  }
  return {
    mode: secret ? "hs256" : "jwks",
    secret,
    jwksUrl,
    issuer,
    audience,
    tenantClaim: get("AUTH_TENANT_CLAIM").trim(),
    roleClaim: get("AUTH_ROLE_CLAIM").trim(),
    allowUnauthenticated,
  };
}
