import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { createContext, type GatewayContext, type Services } from "./context";
import { createDocumentCache, createSharedSubscribe } from "./shared-subscribe";
import { ApiErrorCode } from "./services/api-errors";
import { DEFAULT_VIEWER } from "./services/viewer";

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
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? "");
  if (PUBLIC_CODES.has(code) && code !== ApiErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: "Internal server error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ApiErrorCode.INTERNAL_SERVER_ERROR },
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
    errorLogPlugin(services),
  ];
  if (httpServer) plugins.push(ApolloServerPluginDrainHttpServer({ httpServer }));
  return new ApolloServer<GatewayContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins,
  });
}

/** Serves GraphQL over HTTP and WebSocket (graphql-ws) on one port, plus /healthz. */
export async function startHttp(
  schema: GraphQLSchema,
  services: Services,
  host: string,
  port: number,
): Promise<HttpGateway> {
  const app = express();
  app.disable("x-powered-by");
  // ETag hashing of large JSON bodies costs CPU on every read and serves no client here.
  app.set("etag", false);
  const server = createServer(app);

  const wsServer = new WebSocketServer({ server, path: "/graphql" });
  const wsCleanup = useServer<Record<string, unknown>, { gateway?: GatewayContext }>(
    {
      schema,
      // One context per subscribe message: loaders are fresh for each operation.
      context: () => createContext(services, DEFAULT_VIEWER),
      subscribe: createSharedSubscribe(),
      ...createDocumentCache(),
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
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async () => createContext(services, DEFAULT_VIEWER),
    }),
  );

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
