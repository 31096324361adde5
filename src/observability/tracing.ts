import diagnostics from "node:diagnostics_channel";
import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { type DataSource } from "typeorm";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";

export type { Span, Tracer };

const SERVICE_NAME = "registry-catalog-gateway";

/**
 * Set in the context of a traced request or sync run: undici requests and store statements made
 * inside it get a client span (and none outside, so nothing starts a trace of its own).
 */
const GATEWAY_TRACER = createContextKey("registry-catalog-gateway tracer");

/** Whether the standard OTEL_* variables turn tracing on (it is off by default). */
export function tracingWanted(env: Record<string, string | undefined>): boolean {
  if ((env.OTEL_SDK_DISABLED ?? "").trim().toLowerCase() === "true") return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? "").toLowerCase();
  if (exporters.split(",").some((e) => e.trim() === "none")) return false;
  if (exporters.split(",").some((e) => ["otlp", "console"].includes(e.trim()))) return true;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * The gateway's OpenTelemetry tracing. Off unless `OTEL_TRACES_EXPORTER` is `otlp` (or
 * `console`) or an OTLP endpoint is set; the OTLP exporter (JSON over HTTP) reads the
 * standard `OTEL_EXPORTER_OTLP_*` variables, the sampler `OTEL_TRACES_SAMPLER`. When off, no
 * tracer exists and the serving and sync code skip every tracing step.
 */
export class Tracing {
  private constructor(
    readonly tracer: Tracer,
    private readonly provider: BasicTracerProvider,
  ) {}

  /**
   * Tracing as the environment asks (null when off), or with the given exporter (tests: an
   * in-memory exporter, spans handed over as they end).
   */
  static create(env: Record<string, string | undefined>, exporter?: SpanExporter): Tracing | null {
    if (!exporter && !tracingWanted(env)) return null;
    const processors = [];
    if (exporter) processors.push(new SimpleSpanProcessor(exporter));
    else {
      const names = (env.OTEL_TRACES_EXPORTER ?? "otlp").split(",").map((e) => e.trim());
      if (names.includes("console")) {
        processors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
      }
      if (names.includes("otlp") || names.includes("")) {
        processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
      }
    }
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({
        "service.name": env.OTEL_SERVICE_NAME || SERVICE_NAME,
      }),
      spanProcessors: processors,
    });
    installGlobals();
    return new Tracing(provider.getTracer(SERVICE_NAME), provider);
  }

  /** The context of an incoming request's W3C `traceparent`/`tracestate` headers. */
  extract(headers: Record<string, string | string[] | undefined>): Context {
    return propagation.extract(ROOT_CONTEXT, headers, {
      get: (carrier, key) => carrier[key],
      keys: (carrier) => Object.keys(carrier),
    });
  }

  /** A context where `parent` is active and outbound requests and statements get spans. */
  within(parent: Span, base: Context = context.active()): Context {
    return trace.setSpan(base, parent).setValue(GATEWAY_TRACER, this.tracer);
  }

  /**
   * Store statements made through TypeORM inside a traced context become CLIENT spans by the
   * database semantic conventions: named `{db.operation.name} {db.collection.name}`, with
   * `db.system.name` and the statement's text (parameters are never recorded: they can hold
   * registry secrets).
   */
  traceStatements(dataSource: DataSource, system: "sqlite" | "postgresql"): void {
    const driver = dataSource.driver;
    const create = driver.createQueryRunner.bind(driver);
    const patched = new WeakSet<object>();
    driver.createQueryRunner = (mode) => {
      const runner = create(mode);
      if (patched.has(runner)) return runner;
      patched.add(runner);
      const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
      runner.query = ((...args: unknown[]) => {
        const tracer = context.active().getValue(GATEWAY_TRACER) as Tracer | undefined;
        if (!tracer) return query(...args);
        const text = String(args[0]);
        const { operation, collection } = describeStatement(text);
        const span = tracer.startSpan(collection ? `${operation} ${collection}` : operation, {
          kind: SpanKind.CLIENT,
          attributes: {
            "db.system.name": system,
            "db.operation.name": operation,
            ...(collection ? { "db.collection.name": collection } : {}),
            "db.query.text": text.length > 2000 ? `${text.slice(0, 2000)}…` : text,
          },
        });
        return query(...args).then(
          (result) => {
            span.end();
            return result;
          },
          (error: unknown) => {
            failSpan(span, (error as { code?: string }).code ?? "Error");
            span.end();
            throw error;
          },
        );
      }) as typeof runner.query;
      return runner;
    };
  }

  /** Sends the spans not exported yet, then stops. */
  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

/** The statement's operation (first keyword) and the table it names first, for span names. */
export function describeStatement(text: string): { operation: string; collection: string | null } {
  const operation = /^\s*([A-Za-z]+)/.exec(text)?.[1] ?? "statement";
  const table =
    /\b(?:FROM|INTO|UPDATE|JOIN)\s+["`]?([A-Za-z_][A-Za-z0-9_]*)["`]?/i.exec(text)?.[1] ?? null;
  return { operation: operation.toUpperCase(), collection: table };
}

/** Marks a span failed with an error's type (never its message: it may name a host or a path). */
export function failSpan(span: Span, errorType: string): void {
  span.setAttribute("error.type", errorType);
  span.setStatus({ code: SpanStatusCode.ERROR });
}

let installed = false;

/** Once per process: parent spans follow async work, W3C trace context, outbound spans. */
function installGlobals(): void {
  if (installed) return;
  installed = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  watchOutboundRequests();
}

const outbound = new WeakMap<object, Span>();

interface UndiciRequest {
  origin?: string | URL;
  method?: string;
  path?: string;
}

/**
 * Client spans of HTTP requests made with undici (the registry clients and fetch) inside a sync
 * run's context, following the HTTP client semantic conventions. The URL is recorded without its
 * query and user info (either can hold a credential).
 */
function watchOutboundRequests(): void {
  diagnostics.subscribe("undici:request:create", (message) => {
    const { request } = message as { request: UndiciRequest };
    const active = context.active();
    const tracer = active.getValue(GATEWAY_TRACER) as Tracer | undefined;
    if (!tracer) return;
    const method = (request.method ?? "GET").toUpperCase();
    let url: URL | null = null;
    try {
      url = new URL(request.path ?? "/", String(request.origin));
    } catch {
      url = null;
    }
    const span = tracer.startSpan(
      method,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          "http.request.method": method,
          ...(url
            ? {
                "url.full": `${url.protocol}//${url.host}${url.pathname}`,
                "server.address": url.hostname,
                "server.port": Number(url.port || (url.protocol === "https:" ? 443 : 80)),
              }
            : {}),
        },
      },
      active,
    );
    outbound.set(request, span);
  });
  diagnostics.subscribe("undici:request:headers", (message) => {
    const { request, response } = message as {
      request: object;
      response: { statusCode: number };
    };
    const span = outbound.get(request);
    if (!span) return;
    span.setAttribute("http.response.status_code", response.statusCode);
    if (response.statusCode >= 400) failSpan(span, String(response.statusCode));
  });
  diagnostics.subscribe("undici:request:trailers", (message) => {
    const { request } = message as { request: object };
    const span = outbound.get(request);
    if (!span) return;
    outbound.delete(request);
    span.end();
  });
  diagnostics.subscribe("undici:request:error", (message) => {
    const { request, error } = message as { request: object; error: Error };
    const span = outbound.get(request);
    if (!span) return;
    outbound.delete(request);
    failSpan(span, (error as { code?: string }).code ?? error.name ?? "Error");
    span.end();
  });
}
