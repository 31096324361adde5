import { type ApolloServerPlugin } from "@apollo/server";
import { type GraphQLSchema } from "graphql";
import { type GatewayContext, type Services } from "../../context";
import { LimitCheckCache } from "../operation-limits";

/**
 * Refuses operations beyond MAX_QUERY_DEPTH or MAX_QUERY_COMPLEXITY before they run. Apollo keeps
 * one parsed document per operation text, so the check is done once per document and variables
 * (it cost a tenth of a page of charts when done on every request).
 */
export function operationLimitsPlugin(
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
