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
import { execute, GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { createContext, type GatewayContext, type Services } from "../context";
import { executorFor, executorGateway } from "./jit-executor";
import { introspectionRules, LimitCheckCache } from "./operation-limits";
import { readPath } from "./read-path";
import { createDocumentCache, createSharedSubscribe } from "./shared-subscribe";
import { ApiErrorCode } from "../services/api-errors";
import { type Authenticated, unauthenticated } from "../access/authenticator";
import { isStoreBusy, STORE_BUSY_MESSAGE } from "../store/store-errors";
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

/** Codes an error may carry to the client; anything else is masked. */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ApiErrorCode),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Keeps expected errors as they are and masks the rest: no stack, no internal message (which
 * could name a file, a SQL statement or a secret). The original is logged once by the plugin.
 * A database locked by another process is STORE_BUSY, with a message of our own.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error?: unknown,
): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? "");
  if (PUBLIC_CODES.has(code) && code !== ApiErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isStoreBusy(error)) {
    return {
      message: STORE_BUSY_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ApiErrorCode.STORE_BUSY },
    };
  }
  return {
    message: "Internal server error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ApiErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * Refuses operations beyond MAX_QUERY_DEPTH or MAX_QUERY_COMPLEXITY before they run. Apollo keeps
 * one parsed document per operation text, so the check is done once per document and variables
 * (it cost a tenth of a page of charts when done on every request).
 */
function operationLimitsPlugin(
  schema: GraphQLSchema,
  services: Services,
): ApolloServerPlugin<GatewayContext> {
  const checks = new LimitCheckCache(schema, services.config.limits);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          // Apollo serves the one schema it was given (see executorGateway).
          const error = checks.check(document, request.variables, request.operationName);
          if (error) throw error;
        },
      };
    },
  };
}

/** Logs unexpected errors once, with the request id the client can quote. */
function errorLogPlugin(services: Services): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = String(error.extensions?.code ?? "");
            if (PUBLIC_CODES.has(code)) continue;
            services.logger.error(
              {
                requestId: contextValue.requestId,
                err: error.originalError ?? error,
                path: error.path,
              },
              "unexpected error in a GraphQL operation",
            );
          }
        },
      };
    },
  };
}

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
    formatError,
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
  const app = express();
  app.disable("x-powered-by");
  // ETag hashing of large JSON bodies costs CPU on every read and serves no client here.
  app.set("etag", false);
  const server = createServer(app);
  if (telemetry.metrics || telemetry.tracing) app.use(httpTelemetry(telemetry));

  const limits = services.config.limits;
  const wsServer = new WebSocketServer({
    server,
    path: "/graphql",
    maxPayload: limits.maxRequestBytes,
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
      onClose: (ctx) => clearTimeout(ctx.extra.expiry),
      onSubscribe: (ctx, _id, payload) => {
        const expiresAt = ctx.extra.auth?.expiresAt ?? null;
        if (expiresAt !== null && expiresAt <= Date.now()) {
          return [unauthenticated("The token has expired.")];
        }
        let document;
        try {
          document = documents.parse(payload.query);
        } catch (error) {
          return error instanceof GraphQLError ? [error] : undefined;
        }
        const error = limitChecks.check(document, payload.variables, payload.operationName);
        return error ? [error] : undefined;
      },
      // One context per subscribe message: loaders are fresh for each operation.
      context: (ctx) => createContext(services, ctx.extra.auth!.viewer),
      subscribe: wrapWsOperation(telemetry, createSharedSubscribe()),
      execute: wrapWsOperation(telemetry, execute),
      ...documents,
    },
    wsServer,
  );

  const apollo = createApollo(schema, services, server);
  apollo.addPlugin({
    async serverWillStart() {
      return {
        async drainServer() {
          await wsCleanup.dispose();
        },
      };
    },
  });
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
    express.json({ limit: services.config.limits.maxRequestBytes }),
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

/** Body-parser failures as GraphQL-shaped JSON: 413 for an oversized body, 400 for bad JSON. */
function requestErrorHandler(maxRequestBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, _req, res, next) => {
    if (res.headersSent) return next(error);
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
