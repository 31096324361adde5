import { Field, ID, InterfaceType, ObjectType } from "type-graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { AuthType, RegistryKind, RegistryScope } from "./enums";
import { ConnectionType } from "./connection.type";
import { Node } from "./node.interface";

@ObjectType({
  simpleResolvers: true,
  description:
    "How the gateway authenticates to a registry. Secrets are write-only and never shown.",
})
export class RegistryAuthInfo {
  @Field(() => AuthType, { description: "Authentication type." })
  type!: AuthType;

  @Field(() => String, { nullable: true, description: "Username (basic authentication)." })
  username!: string | null;

  @Field(() => Boolean, {
    description: "True when a password or token is stored. The secret itself is never returned.",
  })
  hasSecret!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "TLS settings used to reach a registry." })
export class RegistryTlsInfo {
  @Field(() => Boolean, {
    description: "True when certificate verification is skipped (this wins over a CA certificate).",
  })
  insecureSkipVerify!: boolean;

  @Field(() => Boolean, { description: "True when a custom CA certificate chain is configured." })
  hasCaCertificate!: boolean;
}

/**
 * A chart registry of any kind. Field resolvers for `charts`, `chart`, `syncRuns`, `syncStatus`
 * and `lastSyncRun` live in RegistryResolver and apply to every kind.
 */
@InterfaceType("Registry", {
  implements: Node,
  description: "A chart registry the gateway catalogues.",
  resolveType: (value: Registry) => value.__typename,
})
export abstract class Registry implements Node {
  /** Concrete GraphQL type name, set by the mapper. */
  __typename!: string;
  /** Store id and owning tenant; not part of the API. */
  dbId!: string;
  tenantId!: string | null;

  @Field(() => ID, { description: "Opaque global id." })
  id!: string;

  @Field(() => String, {
    description: "Name, unique among the registries of its scope (and tenant).",
  })
  name!: string;

  @Field(() => RegistryKind, { description: "Protocol of the registry." })
  kind!: RegistryKind;

  @Field(() => String, {
    description:
      "Endpoint URL. Its query (a Helm repository URL may carry an access token there) is shown whole only to those who may change the registry; others see each query value as `…`.",
  })
  endpoint!: string;

  @Field(() => RegistryScope, { description: "Who owns and sees the registry." })
  scope!: RegistryScope;

  @Field(() => Boolean, {
    description: "True for a default registry: seeded at first start, cannot be edited or deleted.",
  })
  isDefault!: boolean;

  @Field(() => Boolean, {
    description:
      "True for Palette's FIPS registry (Palette Registry FIPS): the one default registry Palette VerteX " +
      "seeds (PALETTE_EDITION=vertex). Registries added through the API are not.",
  })
  fips!: boolean;

  @Field(() => Boolean, {
    description:
      "True when the registry sits in a network the gateway must not scan: it is never synchronized; " +
      "clients type chart names and versions and check them with `checkChartReference`.",
  })
  protected!: boolean;

  @Field(() => Boolean, {
    description:
      "True when the registry is synchronized on the schedule. When false (and not protected) it is " +
      "synchronized only when a user asks.",
  })
  syncEnabled!: boolean;

  @Field(() => RegistryAuthInfo, { description: "Authentication settings (never the secret)." })
  auth!: RegistryAuthInfo;

  @Field(() => RegistryTlsInfo, { description: "TLS settings (never the certificate itself)." })
  tls!: RegistryTlsInfo;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: "Time of the last successful sync; null (n/a) when never synced or protected.",
  })
  lastSyncedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { description: "When the registry was added." })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { description: "When the registry was last changed." })
  updatedAt!: Date;
}

@ObjectType("RegistryConnection", {
  simpleResolvers: true,
  description: "A page of registries, ordered by name.",
})
export class RegistryConnection extends ConnectionType(Registry, "Registry") {}
