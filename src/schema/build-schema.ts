import { isInterfaceType, type GraphQLSchema } from "graphql";
import { validate, type ValidationError } from "class-validator";
import { ArgumentValidationError, buildSchema, type PubSub, type ValidatorFn } from "type-graphql";
import {
  ChartResolver,
  ChartVersionResolver,
  chartDirectFields,
} from "../resolvers/chart.resolver";
import { AirGapResolver } from "../resolvers/airgap.resolver";
import { ChartVersionImagesResolver, CompareResolver } from "../resolvers/compare.resolver";
import { HelmRegistryResolver } from "../resolvers/helm-registry.resolver";
import { NodeResolver } from "../resolvers/node.resolver";
import { OciRegistryResolver } from "../resolvers/oci-registry.resolver";
import { PackRegistryResolver } from "../resolvers/pack-registry.resolver";
import { RegistryResolver } from "../resolvers/registry.resolver";
import { SubscriptionResolver } from "../resolvers/subscription.resolver";
import { SyncRunResolver } from "../resolvers/sync-run.resolver";
import { ChartVersionPublishedResolver } from "../resolvers/chart-version-published.resolver";
import { WebhookResolver } from "../resolvers/webhook.resolver";
import { TrustResolver, VersionVerificationResolver } from "../resolvers/trust.resolver";
import { installDirectResolvers } from "./direct-resolvers";
import { HelmRegistry } from "./helm-registry.type";
import { nodeTypeName } from "./node.interface";
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
  CompareResolver,
  AirGapResolver,
  ChartVersionImagesResolver,
  SyncRunResolver,
  NodeResolver,
  SubscriptionResolver,
  ChartVersionPublishedResolver,
  WebhookResolver,
  TrustResolver,
  VersionVerificationResolver,
] as const;

/** Distinct argument values whose validation outcome is kept, per argument class. */
const VALIDATIONS_PER_CLASS = 500;

/**
 * Validates arguments with class-validator (type-graphql's own settings: missing properties
 * skipped, unknown values allowed), once per argument class and value: a page of 50 charts
 * asks `versions(first: 5)` 50 times with the same arguments, and validating each call is a
 * fifth of the page's cost. Outcomes are kept by the value's JSON (bounded, oldest out); a
 * failure is type-graphql's ArgumentValidationError (BAD_USER_INPUT), as without the cache.
 */
export function cachedArgumentValidator(): ValidatorFn {
  const outcomes = new Map<object, Map<string, ValidationError[] | null>>();
  return async (value) => {
    if (value === null || typeof value !== "object") return;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item === null || typeof item !== "object") continue;
      let known = outcomes.get(item.constructor);
      if (!known) outcomes.set(item.constructor, (known = new Map()));
      const key = JSON.stringify(item);
      let errors = known.get(key);
      if (errors === undefined) {
        const found = await validate(item as object, {
          skipMissingProperties: true,
          forbidUnknownValues: false,
        });
        errors = found.length > 0 ? found : null;
        if (known.size >= VALIDATIONS_PER_CLASS) known.delete(known.keys().next().value!);
        known.set(key, errors);
      }
      if (errors) throw new ArgumentValidationError(errors);
    }
  };
}

/**
 * Builds the executable schema (validation of arguments through class-validator). Subscriptions
 * read the sync event bus themselves; type-graphql still wants the PubSub they publish through.
 * Object types use plain property reads for their fields (`simpleResolvers`): the gateway has
 * no field middlewares, and a wrapper per field is a tenth of a page's cost.
 */
export async function buildGatewaySchema(pubSub: PubSub): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    pubSub,
    // Types reached only through interfaces must be listed to be in the schema.
    orphanedTypes: [HelmRegistry, OciRegistry, PackRegistry],
    validateFn: cachedArgumentValidator(),
  });
  // type-graphql wraps `resolveType` in an async function; graphql-jit (see jit-executor.ts)
  // wants the type name at once, which is what these functions return.
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInterfaceType(type)) continue;
    if (type.name !== "Node" && type.name !== "Registry")
      throw new Error(`interface ${type.name} needs a synchronous resolveType here`);
    type.resolveType = nodeTypeName;
  }
  installDirectResolvers(schema, chartDirectFields());
  return schema;
}
