import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler } from "express";
import { execute, type ExecutionArgs, GraphQLError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocket, WebSocketServer } from "ws";
import { createContext, type GatewayContext, type Services } from "../context";
import { executorFor, executorGateway } from "./jit-executor";
import { variableErrors } from "./variable-coercion";
import { introspectionRules, LimitCheckCache } from "./operation-limits";
import { readPath } from "./read-path";
import { createDocumentCache, createSharedSubscribe } from "./shared-subscribe";
import { ApiErrorCode } from "../services/api-errors";
import { type Authenticated, unauthenticated } from "../access/authenticator";
import {
  documentGuard,
  fieldCountError,
  QUERY_TOO_LARGE,
  querySizeError,
  rawQuerySizeCheck,
} from "./document-bounds";
import { SubscriptionCaps } from "./socket-limits";
import { largeBodyGate } from "./large-body-gate";
import { originGuard, requestSources, verifyHandshake } from "./origin-guard";
import { inputShapeError, inputShapeGuard } from "./input-bounds";
import { hideSuggestions, resultWithoutSuggestions, withoutSuggestions } from "./schema-privacy";
import { type StatementCounter } from "../store/data-source";
import {
  attachMetricSources,
  graphqlHttpTelemetry,
  httpTelemetry,
  metricsHandler,
  readinessHandler,
  type Telemetry,
  wrapWsOperation,
} from "./telemetry";
import { mountWebApp } from "./web-app";
import { type ReadinessChecks } from "../observability/readiness";
import { formatError } from "./error-format";
import { drainWebSocketsPlugin } from "./plugins/drain-web-sockets.plugin";
import { errorLogPlugin } from "./plugins/error-log.plugin";
import { operationLimitsPlugin } from "./plugins/operation-limits.plugin";

export { formatError };

export interface HttpGateway {
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  close(): Promise<void>;
}

/** Creates the Apollo server for a schema (also used in-process by tests). */
export function createApollo(
  schema: GraphQLSchema,
  services: Services,
  httpServer?: Server,
): ApolloServer<GatewayContext> {
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    // The cache-control plugin hooks every field and serves nobody here.
    ApolloServerPluginCacheControlDisabled(),
    // Apollo's landing page loads its code from a CDN; browsers get the offline IDE instead.
    ApolloServerPluginLandingPageDisabled(),
    errorLogPlugin(services),
    operationLimitsPlugin(schema, services),
  ];
  if (httpServer) plugins.push(ApolloServerPluginDrainHttpServer({ httpServer }));
  return new ApolloServer<GatewayContext>({
    // The schema, executed by graphql-jit (see jit-executor.ts).
    gateway: executorGateway(schema, executorFor(schema, services.execution)),
    // With introspection off, no error names what the caller did not type (schema-privacy.ts).
    formatError: services.config.limits.introspection
      ? formatError
      : (formatted, error) =>
          formatError({ ...formatted, message: withoutSuggestions(formatted.message) }, error),
    includeStacktraceInErrorResponses: false,
    introspection: services.config.limits.introspection,
    validationRules: introspectionRules(services.config.limits),
    plugins,
  });
}

/** What the server exposes for operators: metrics, traces, readiness (all optional). */
export interface Operations {
  telemetry: Telemetry;
  readiness: ReadinessChecks;
  statements?: StatementCounter;
}

/**
 * Serves GraphQL over HTTP and WebSocket (graphql-ws) on one port, plus /healthz, /readyz,
 * /metrics, the dashboard at / and the IDE at /graphql for browsers.
 */
export async function startHttp(
  schema: GraphQLSchema,
  services: Services,
  host: string,
  port: number,
  operations: Operations = { telemetry: { metrics: null, tracing: null }, readiness: new Map() },
): Promise<HttpGateway> {
  const { telemetry } = operations;
  const documents = createDocumentCache(introspectionRules(services.config.limits));
  const limitChecks = new LimitCheckCache(schema, services.config.limits);
  const sources = requestSources(
    host,
    services.config.allowedHosts,
    services.config.allowedOrigins,
  );
  const app = express();
  app.disable("x-powered-by");
  // Foreign Host (DNS rebinding) or Origin (another site's page): refused before anything runs.
  app.use(originGuard(sources));
  // ETag hashing of large JSON bodies costs CPU on every read and serves no client here.
  app.set("etag", false);
  const server = createServer(app);
  if (telemetry.metrics || telemetry.tracing) app.use(httpTelemetry(telemetry));

  const limits = services.config.limits;
  const caps = new SubscriptionCaps(
    limits.maxSubscriptionsPerConnection,
    limits.maxSubscriptionsPerTenant,
  );
  // Not attached to `server`: ws would re-emit the server's errors (EADDRINUSE at listen), which
  // graphql-ws prints with a stack trace; `listen` below reports them in one line instead.
  const wsServer = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxRequestBytes,
    // One message per turn of the event loop: a burst of thousands of messages on one socket
    // (a subscription flood) no longer holds the loop until the whole burst is handled.
    allowSynchronousEvents: false,
    verifyClient: verifyHandshake(sources),
  });
  server.on("upgrade", (req, socket, head) => {
    if (new URL(req.url ?? "/", "http://gateway").pathname !== "/graphql") {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      return;
    }
    wsServer.handleUpgrade(req, socket, head, (ws) => wsServer.emit("connection", ws, req));
  });
  const wsCleanup = useServer<Record<string, unknown>, SocketState>(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          ctx.extra.auth = await services.auth.authenticate(
            connectionAuthorization(ctx.connectionParams),
          );
        } catch (error) {
          closeUnauthenticated(ctx.extra.socket, error);
          return false;
        }
        caps.opened(ctx, tenantKey(ctx.extra.auth));
        const expiresAt = ctx.extra.auth.expiresAt;
        if (expiresAt !== null) {
          // A connection lives no longer than its token: subscriptions end when it expires.
          ctx.extra.expiry = setTimeout(
            () => closeUnauthenticated(ctx.extra.socket, unauthenticated("The token has expired.")),
            Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1),
          );
          ctx.extra.expiry.unref();
        }
        return true;
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiry);
        caps.closed(ctx, ctx.extra.auth ? tenantKey(ctx.extra.auth) : undefined);
      },
      onSubscribe: (ctx, _id, payload) => {
        const expiresAt = ctx.extra.auth?.expiresAt ?? null;
        if (expiresAt !== null && expiresAt <= Date.now()) {
          return [unauthenticated("The token has expired.")];
        }
        const capped = caps.refusal(ctx, tenantKey(ctx.extra.auth!));
        if (capped) {
          if (caps.flooding(ctx)) closeFlooding(ctx.extra.socket);
          return [capped];
        }
        const shapeError =
          inputShapeError(payload.variables) ?? querySizeError(payload.query, limits);
        if (shapeError) return [shapeError];
        let document;
        try {
          document = documents.parse(payload.query);
        } catch (error) {
          return error instanceof GraphQLError ? [error] : undefined;
        }
        const tooManyFields = fieldCountError(document, limits);
        if (tooManyFields) return [tooManyFields];
        const error = limitChecks.check(document, payload.variables, payload.operationName);
        if (error) return [error];
        const invalid = variableErrors(schema, document, payload.operationName, payload.variables);
        return invalid.length > 0 ? invalid : undefined;
      },
      ...(limits.introspection
        ? {}
        : {
            onError: (_ctx, _id, _payload, errors) => errors.map(hideSuggestions),
            onNext: (_ctx, _id, _payload, _args, result) => resultWithoutSuggestions(result),
          }),
      // Queries and mutations over the socket run within a budget of live registry calls too.
      execute: wrapWsOperation(telemetry, (args: ExecutionArgs) => {
        const ctx = args.contextValue as GatewayContext;
        return ctx.services.registryCalls.budgetFor(ctx.viewer).run(() => execute(args));
      }),
      // One context per subscribe message: loaders are fresh for each operation.
      context: (ctx) => createContext(services, ctx.extra.auth!.viewer),
      subscribe: wrapWsOperation(telemetry, createSharedSubscribe()),
      ...documents,
    },
    wsServer,
  );

  const apollo = createApollo(schema, services, server);
  apollo.addPlugin(drainWebSocketsPlugin(wsCleanup));
  await apollo.start();

  app.get("/healthz", async (_req, res) => {
    try {
      await services.dataSource.query("SELECT 1");
      res.status(200).json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable", reason: "store not reachable" });
    }
  });
  app.get("/readyz", readinessHandler(operations.readiness));
  const observability = services.config.observability;
  if (telemetry.metrics && observability.metrics) {
    attachMetricSources(
      telemetry.metrics,
      services,
      operations.statements,
      () => wsServer.clients.size,
    );
    app.get("/metrics", metricsHandler(telemetry.metrics, observability.metricsToken));
  }
  mountWebApp(app, { ...observability, graphqlPath: "/graphql" });
  app.use(
    "/graphql",
    // Large bodies are read two at a time, so small requests never queue behind megabytes.
    largeBodyGate(2 * limits.maxQueryBytes, 2),
    express.json({
      limit: services.config.limits.maxRequestBytes,
      verify: rawQuerySizeCheck(limits),
    }),
    inputShapeGuard(),
    documentGuard(limits, (query) => documents.parse(query)),
    ...(telemetry.metrics || telemetry.tracing
      ? [graphqlHttpTelemetry(telemetry, (query) => documents.parse(query))]
      : []),
    readPath(schema, services, documents, limitChecks),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        // The response cache has authenticated the request already when it looked it up.
        const known = (res.locals as { graphqlContext?: GatewayContext }).graphqlContext;
        if (known) return known;
        const { viewer } = await services.auth.authenticate(req.headers.authorization);
        return createContext(services, viewer);
      },
    }),
  );
  app.use(requestErrorHandler(services.config.limits.maxRequestBytes));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    server,
    apollo,
    url,
    close: async () => {
      await apollo.stop();
      wsServer.close();
    },
  };
}

/** What a graphql-ws connection keeps: its caller, and the timer that ends it with the token. */
type SocketState = {
  auth?: Authenticated;
  expiry?: NodeJS.Timeout;
};

/** Whose operations a connection's count belongs to: its tenant, or the system. */
function tenantKey(auth: Authenticated): string {
  return auth.viewer.tenantId ?? "(system)";
}

/** `authorization` (any case) or `token` from graphql-ws connection parameters. */
function connectionAuthorization(params: Record<string, unknown> | undefined): string | undefined {
  if (!params) return undefined;
  for (const [key, value] of Object.entries(params)) {
    if (key.toLowerCase() === "authorization" && typeof value === "string") return value;
  }
  return typeof params["token"] === "string" ? `Bearer ${params["token"]}` : undefined;
}

/** Close code of a refused connection (graphql-ws's "Forbidden"); the reason starts UNAUTHENTICATED. */
const CLOSE_UNAUTHENTICATED = 4403;

function closeUnauthenticated(
  socket: { close(code: number, reason: string): void },
  error: unknown,
): void {
  const message = error instanceof GraphQLError ? error.message : "Authentication failed.";
  // A close reason holds at most 123 bytes.
  const reason = Buffer.from(`${ApiErrorCode.UNAUTHENTICATED}: ${message}`, "utf8").subarray(
    0,
    123,
  );
  socket.close(CLOSE_UNAUTHENTICATED, reason.toString("utf8").replace(/\uFFFD$/, ""));
}

/** Close code of a connection closed for flooding (graphql-ws leaves 4400-4499 to servers). */
const CLOSE_FLOODING = 4429;

/**
 * Stops reading a flooding connection at once (what it already sent is not processed) and closes
 * it with 4429; a client that does not answer the close is cut a second later.
 */
function closeFlooding(socket: WebSocket): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  socket.pause();
  socket.close(
    CLOSE_FLOODING,
    "TOO_MANY_SUBSCRIPTIONS: kept subscribing past MAX_SUBSCRIPTIONS_PER_CONNECTION",
  );
  setTimeout(() => socket.terminate(), 1000).unref();
}

/** Body-parser failures as GraphQL-shaped JSON: 413 for an oversized body, 400 for bad JSON. */
function requestErrorHandler(maxRequestBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error.type === QUERY_TOO_LARGE) {
      res.status(413).json({
        errors: [{ message: error.message, extensions: { code: ApiErrorCode.QUERY_TOO_COMPLEX } }],
      });
      return;
    }
    const tooLarge = error.type === "entity.too.large";
    const status = tooLarge ? 413 : (error.status ?? 500) < 500 ? (error.status ?? 400) : 500;
    const message = tooLarge
      ? `The request body is larger than ${maxRequestBytes} bytes (MAX_REQUEST_BYTES).`
      : status === 500
        ? "Internal server error"
        : "The request body is not valid JSON.";
    const code = tooLarge
      ? "PAYLOAD_TOO_LARGE"
      : status === 500
        ? ApiErrorCode.INTERNAL_SERVER_ERROR
        : "BAD_REQUEST";
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
