import { type ApolloServerPlugin } from "@apollo/server";
import { type GatewayContext, type Services } from "../../context";
import { PUBLIC_CODES } from "../error-format";

/** Logs unexpected errors once, with the request id the client can quote. */
export function errorLogPlugin(services: Services): ApolloServerPlugin<GatewayContext> {
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
