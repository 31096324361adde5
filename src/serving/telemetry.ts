import { timingSafeEqual } from "node:crypto";
import { context, SpanKind, SpanStatusCode, type Span } from "@opentelemetry/api";
import { type Request, type RequestHandler, type Response } from "express";
import {
  getOperationAST,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from "graphql";
import { type Services } from "../context";
import { RegistryEntity } from "../entities";
import { GatewayMetrics, type OperationType, type Transport } from "../observability/metrics";
import { type ReadinessChecks } from "../observability/readiness";
import { failSpan, type Tracing } from "../observability/tracing";
import { type StatementCounter } from "../store/data-source";

/** Metrics and tracing of one gateway; either may be off (null). */
export interface Telemetry {
  metrics: GatewayMetrics | null;
  tracing: Tracing | null;
}

/** The operation a GraphQL request runs: its type and name (null when anonymous). */
export interface OperationInfo {
  type: OperationType;
  name: string | null;
}

/** The type and name of the operation a document and operation name select. */
export function operationOf(
  document: DocumentNode | null,
  operationName: string | null | undefined,
): OperationInfo {
  const operation = document ? getOperationAST(document, operationName) : null;
  if (!operation) return { type: "unknown", name: operationName ?? null };
  return { type: operation.operation, name: operation.name?.value ?? null };
}

/**
 * Span name of a GraphQL operation by the OpenTelemetry GraphQL conventions:
 * `{graphql.operation.type} {graphql.operation.name}`, the type alone for an anonymous
 * operation, `GraphQL Operation` when the type is not known.
 */
export function graphqlSpanName(operation: OperationInfo): string {
  if (operation.type === "unknown") return "GraphQL Operation";
  return operation.name ? `${operation.type} ${operation.name}` : operation.type;
}

/** Starts a GraphQL operation span (attributes of the GraphQL semantic conventions). */
function startGraphqlSpan(tracing: Tracing, operation: OperationInfo, transport: Transport): Span {
  return tracing.tracer.startSpan(graphqlSpanName(operation), {
    kind: SpanKind.INTERNAL,
    attributes: {
      ...(operation.type !== "unknown" ? { "graphql.operation.type": operation.type } : {}),
      ...(operation.name ? { "graphql.operation.name": operation.name } : {}),
      "network.transport": "tcp",
      ...(transport === "ws" ? { "network.protocol.name": "websocket" } : {}),
    },
  });
}

/**
 * Every HTTP request: its latency in `gateway_http_request_duration_seconds` (method, a fixed set
 * of routes, status) and, with tracing on, a SERVER span named `{method} {route}` by the HTTP
 * semantic conventions, continuing the caller's W3C `traceparent`.
 */
export function httpTelemetry(telemetry: Telemetry): RequestHandler {
  const { metrics, tracing } = telemetry;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const route = GatewayMetrics.route(req.path);
    let span: Span | undefined;
    const parent = tracing ? tracing.extract(req.headers) : undefined;
    if (tracing) {
      span = tracing.tracer.startSpan(
        `${req.method} ${route === "other" ? "" : route}`.trim(),
        {
          kind: SpanKind.SERVER,
          attributes: {
            "http.request.method": req.method,
            "url.path": req.path,
            "url.scheme": "http",
            ...(route !== "other" ? { "http.route": route } : {}),
            "network.protocol.version": req.httpVersion,
            "server.port": req.socket.localPort ?? 0,
            ...(req.headers["user-agent"]
              ? { "user_agent.original": req.headers["user-agent"] }
              : {}),
          },
        },
        parent,
      );
    }
    res.once("finish", () => {
      metrics?.httpRequests.observe(
        { method: req.method, route, status_code: String(res.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      if (span) {
        span.setAttribute("http.response.status_code", res.statusCode);
        if (res.statusCode >= 500) failSpan(span, String(res.statusCode));
        span.end();
      }
    });
    if (span) context.with(tracing!.within(span, parent), next);
    else next();
  };
}

/**
 * GraphQL over HTTP (after the body is parsed): counts the operation by type and outcome, times it,
 * and with tracing on makes the operation's span. The outcome is `error` when the response
 * carries errors.
 */
export function graphqlHttpTelemetry(
  telemetry: Telemetry,
  parse: (query: string) => DocumentNode,
): RequestHandler {
  const { metrics, tracing } = telemetry;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const { query, operationName } = requestOperation(req);
    let document: DocumentNode | null = null;
    if (query) {
      try {
        document = parse(query);
      } catch {
        document = null;
      }
    }
    const operation = operationOf(document, operationName);
    const span = tracing ? startGraphqlSpan(tracing, operation, "http") : undefined;
    let failed = false;
    let first = true;
    watchBody(res, (chunk) => {
      // A GraphQL result lists `errors` first when it has any (graphql-js and Apollo order it
      // so): the start of the body tells, without scanning the rest of it.
      if (first) failed = chunk.slice(0, ERRORS_FIRST.length).toString() === ERRORS_FIRST;
      first = false;
    });
    res.once("finish", () => {
      const error = failed || res.statusCode >= 400;
      metrics?.operations.inc({
        transport: "http",
        operation_type: operation.type,
        outcome: error ? "error" : "success",
      });
      metrics?.operationDuration.observe(
        { transport: "http", operation_type: operation.type },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      if (span) {
        if (error) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    });
    if (span) context.with(tracing!.within(span), next);
    else next();
  };
}

const ERRORS_FIRST = '{"errors":';

function requestOperation(req: Request): { query?: string; operationName?: string } {
  const source = (req.method === "GET" ? req.query : req.body) as
    { query?: unknown; operationName?: unknown } | undefined;
  return {
    query: typeof source?.query === "string" ? source.query : undefined,
    operationName: typeof source?.operationName === "string" ? source.operationName : undefined,
  };
}

/** Calls `inspect` with each chunk of the response body as it is written. */
function watchBody(res: Response, inspect: (chunk: Buffer | string) => void): void {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.write = ((...args: unknown[]) => {
    if (typeof args[0] === "string" || Buffer.isBuffer(args[0])) inspect(args[0]);
    return write(...args);
  }) as Response["write"];
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] === "string" || Buffer.isBuffer(args[0])) inspect(args[0]);
    return end(...args);
  }) as Response["end"];
}

type Subscribe = (
  args: ExecutionArgs,
) =>
  | Promise<AsyncGenerator<ExecutionResult> | AsyncIterable<ExecutionResult> | ExecutionResult>
  | ExecutionResult;

/**
 * graphql-ws operations (its `subscribe` and `execute`): counted by type and outcome, timed
 * (a subscription until it is set up), open subscriptions in `gateway_graphql_subscriptions_open`,
 * one span each with tracing on.
 */
export function wrapWsOperation<S extends Subscribe>(telemetry: Telemetry, subscribe: S): S {
  const { metrics, tracing } = telemetry;
  if (!metrics && !tracing) return subscribe;
  return (async (args: ExecutionArgs) => {
    const started = process.hrtime.bigint();
    const operation = operationOf(args.document, args.operationName);
    const span = tracing ? startGraphqlSpan(tracing, operation, "ws") : undefined;
    let result;
    try {
      result = span
        ? await context.with(tracing!.within(span), () => subscribe(args))
        : await subscribe(args);
    } catch (error) {
      metrics?.operations.inc({
        transport: "ws",
        operation_type: operation.type,
        outcome: "error",
      });
      if (span) {
        failSpan(span, "Error");
        span.end();
      }
      throw error;
    }
    const iterable = Symbol.asyncIterator in result;
    const failed = !iterable && Boolean((result as ExecutionResult).errors?.length);
    metrics?.operations.inc({
      transport: "ws",
      operation_type: operation.type,
      outcome: failed ? "error" : "success",
    });
    metrics?.operationDuration.observe(
      { transport: "ws", operation_type: operation.type },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
    if (span) {
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    if (!iterable || !metrics) return result;
    return countOpen(metrics, result as AsyncGenerator<ExecutionResult>);
  }) as S;
}

/** The same stream, counted in the open-subscriptions gauge until it ends. */
function countOpen(
  metrics: GatewayMetrics,
  source: AsyncGenerator<ExecutionResult>,
): AsyncGenerator<ExecutionResult> {
  metrics.subscriptionOpened();
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    metrics.subscriptionClosed();
  };
  const iterator = source[Symbol.asyncIterator]();
  const wrapped = {
    async next() {
      const result = await iterator.next();
      if (result.done) close();
      return result;
    },
    async return(value?: unknown) {
      close();
      return iterator.return ? iterator.return(value as never) : { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      close();
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return wrapped;
    },
  };
  return wrapped as unknown as AsyncGenerator<ExecutionResult>;
}

/**
 * `/metrics`: the Prometheus text format, or OpenMetrics when the scraper asks for it. With
 * METRICS_TOKEN set, only a request with `Authorization: Bearer <token>` gets them (401 else).
 */
export function metricsHandler(metrics: GatewayMetrics, token: string | null): RequestHandler {
  const expected = token ? Buffer.from(`Bearer ${token}`) : null;
  return async (req, res) => {
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? "");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res
          .status(401)
          .set("www-authenticate", 'Bearer realm="metrics"')
          .type("text/plain")
          .send("METRICS_TOKEN required\n");
        return;
      }
    }
    const { contentType, body } = await metrics.exposition(req.headers.accept);
    res.status(200).set("content-type", contentType).set("cache-control", "no-store").send(body);
  };
}

/** Connects scrape-time metrics to the store, the response cache and the WebSocket server. */
export function attachMetricSources(
  metrics: GatewayMetrics,
  services: Services,
  statements: StatementCounter | undefined,
  sockets: () => number,
): void {
  metrics.attach({
    async registries() {
      const rows = await services.dataSource.getRepository(RegistryEntity).find({
        select: { id: true, kind: true, lastSyncedAt: true, protected: true },
      });
      const statuses = new Map<string, string>();
      for (let i = 0; i < rows.length; i += 500) {
        const ids = rows.slice(i, i + 500).map((r) => r.id);
        const latest = await services.runs.latestByRegistry(ids);
        latest.forEach((run, index) => run && statuses.set(ids[index], run.status));
      }
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        syncStatus: row.protected ? "NOT_APPLICABLE" : (statuses.get(row.id) ?? "NEVER_SYNCED"),
        lastSyncedAt: row.protected ? null : row.lastSyncedAt,
      }));
    },
    responseCache: () => services.responseCache?.snapshot() ?? null,
    storeErrors: () => statements?.errors ?? 0,
    sockets,
  });
}

/**
 * `/readyz`: 200 when every check passes (the store answers, no migration is pending, and each
 * service the configuration uses answers), else 503 naming the checks that failed.
 */
export function readinessHandler(checks: ReadinessChecks): RequestHandler {
  return async (_req, res) => {
    const results: Record<string, string> = {};
    let ready = true;
    await Promise.all(
      [...checks].map(async ([name, check]) => {
        try {
          await withTimeout(check(), 5000);
          results[name] = "ok";
        } catch (error) {
          ready = false;
          results[name] = error instanceof Error ? error.message : "failed";
        }
      }),
    );
    res
      .status(ready ? 200 : 503)
      .set("cache-control", "no-store")
      .json({ status: ready ? "ready" : "not ready", checks: results });
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
