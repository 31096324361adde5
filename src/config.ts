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
}

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

function parseSize(name: string, raw: string): number {
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
  return {
    port: parseInteger("PORT", get("PORT"), 0, 65535),
    host: get("HOST").trim(),
    database: parseDatabase(get("DATABASE_URL"), cwd),
    seedDefaultRegistries: parseBoolean("SEED_DEFAULT_REGISTRIES", get("SEED_DEFAULT_REGISTRIES")),
    defaultRegistriesFile: path.resolve(cwd, get("DEFAULT_REGISTRIES_FILE")),
    logLevel,
    shutdownTimeoutMs: parseDuration("SHUTDOWN_TIMEOUT", get("SHUTDOWN_TIMEOUT")),
    sync: {
      concurrency: parseInteger("SYNC_CONCURRENCY", get("SYNC_CONCURRENCY"), 1, 64),
      intervalMs: parseDuration("SYNC_INTERVAL", get("SYNC_INTERVAL")),
      forceAfterMs: parseDuration("SYNC_FORCE_AFTER", get("SYNC_FORCE_AFTER")),
      schedule: parseBoolean("SYNC_SCHEDULE", get("SYNC_SCHEDULE")),
      progressIntervalMs: parseDuration("SYNC_PROGRESS_INTERVAL", get("SYNC_PROGRESS_INTERVAL")),
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
  };
}
