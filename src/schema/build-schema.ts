import { type GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { ChartResolver, ChartVersionResolver } from "../resolvers/chart.resolver";
import { HelmRegistryResolver } from "../resolvers/helm-registry.resolver";
import { NodeResolver } from "../resolvers/node.resolver";
import { OciRegistryResolver } from "../resolvers/oci-registry.resolver";
import { PackRegistryResolver } from "../resolvers/pack-registry.resolver";
import { RegistryResolver } from "../resolvers/registry.resolver";
import { SubscriptionResolver } from "../resolvers/subscription.resolver";
import { SyncRunResolver } from "../resolvers/sync-run.resolver";
import { HelmRegistry } from "./helm-registry.type";
import { OciRegistry } from "./oci-registry.type";
import { PackRegistry } from "./pack-registry.type";

/** Every resolver class; the schema is built from these. */
export const resolvers = [
  RegistryResolver,
  HelmRegistryResolver,
  OciRegistryResolver,
  PackRegistryResolver,
  ChartResolver,
  ChartVersionResolver,
  SyncRunResolver,
  NodeResolver,
  SubscriptionResolver,
] as const;

/**
 * Builds the executable schema (validation of arguments through class-validator). Subscriptions
 * read the sync event bus themselves; type-graphql still wants the PubSub they publish through.
 */
export async function buildGatewaySchema(pubSub: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    pubSub,
    // Types reached only through interfaces must be listed to be in the schema.
    orphanedTypes: [HelmRegistry, OciRegistry, PackRegistry],
    validate: { forbidUnknownValues: false },
  });
}
