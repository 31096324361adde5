import { type ApolloServerPlugin } from "@apollo/server";
import { type GatewayContext } from "../../context";

/** Closes the graphql-ws server (its sockets and operations) when Apollo drains the server. */
export function drainWebSocketsPlugin(wsCleanup: {
  dispose(): void | Promise<void>;
}): ApolloServerPlugin<GatewayContext> {
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await wsCleanup.dispose();
        },
      };
    },
  };
}
