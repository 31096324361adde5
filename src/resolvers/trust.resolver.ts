import type DataLoader from "dataloader";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { type GatewayContext } from "../context";
import { type TrustedKeyEntity } from "../entities";
import { ChartVersion } from "../schema/chart-version.type";
import { RegistryScope } from "../schema/enums";
import { AddTrustedKeysInput, TrustedKey, Verification } from "../schema/trust.type";
import { notFound } from "../services/api-errors";
import {
  type VersionSubject,
  type Verification as Checked,
} from "../services/trust/verification.service";

/** One verification loader per request (the viewer's policy is read once per request). */
const loaders = new WeakMap<GatewayContext, DataLoader<VersionSubject, Checked, string>>();

function toTrustedKey(entity: TrustedKeyEntity): TrustedKey {
  return {
    id: entity.id,
    scope: entity.scope,
    type: entity.type,
    fingerprint: entity.fingerprint,
    algorithm: entity.algorithm,
    userIds: JSON.parse(entity.userIds) as string[],
    keyIds: JSON.parse(entity.keyIds) as string[],
    name: entity.name,
    createdAt: entity.createdAt,
  };
}

/** Trust policies: their keys, by fingerprint. */
@Resolver(() => TrustedKey)
export class TrustResolver {
  @Query(() => [TrustedKey], {
    description:
      "The keys of the viewer's trust policy: its tenant's (TENANT) and the system's (SYSTEM), oldest first; both " +
      "when `scope` is null. Listed by fingerprint; the keys themselves are never returned.",
  })
  async trustedKeys(
    @Arg("scope", () => RegistryScope, {
      nullable: true,
      description: "Only this policy: TENANT or SYSTEM.",
    })
    scope: RegistryScope | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<TrustedKey[]> {
    return (await ctx.services.trust.keys(ctx.viewer, scope ?? null)).map(toTrustedKey);
  }

  @Mutation(() => [TrustedKey], {
    description:
      "Adds public keys to a trust policy (tenant admins: their tenant's; system admins: the system's). Every " +
      "stored signature is checked against them at once: versions they signed read VERIFIED without a re-sync. " +
      "BAD_USER_INPUT when the text is not such a public key or a key is already in the policy.",
  })
  async addTrustedKeys(
    @Arg("input", () => AddTrustedKeysInput) input: AddTrustedKeysInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<TrustedKey[]> {
    return (await ctx.services.trust.add(ctx.viewer, input)).map(toTrustedKey);
  }

  @Mutation(() => TrustedKey, {
    description:
      "Removes a key from its trust policy (rotation): versions only it verified read UNTRUSTED at once. " +
      "NOT_FOUND for another tenant's key; FORBIDDEN for a policy the viewer may not change.",
  })
  async removeTrustedKey(
    @Arg("id", () => ID, { description: "The key's `id`." }) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<TrustedKey> {
    return toTrustedKey(await ctx.services.trust.remove(ctx.viewer, id));
  }
}

/** `ChartVersion.verification`. */
@Resolver(() => ChartVersion)
export class VersionVerificationResolver {
  @FieldResolver(() => Verification, {
    description:
      "The version's signature check for the viewer's trust policy: VERIFIED, UNTRUSTED, INVALID, UNSIGNED or " +
      "UNKNOWN (with the reason). Helm: the provenance file beside the package, read on first request; OCI: " +
      "cosign signatures, read during sync. Both are cached by digest.",
  })
  async verification(
    @Root() version: ChartVersion,
    @Ctx() ctx: GatewayContext,
  ): Promise<Verification> {
    const chart = await ctx.loaders.chartById.load(version.chartDbId);
    if (!chart) throw notFound("Chart");
    const registry = await ctx.loaders.registryById.load(chart.registry_id);
    if (!registry) throw notFound("Registry");
    let loader = loaders.get(ctx);
    if (!loader) {
      loader = ctx.services.verification.loader(ctx.viewer);
      loaders.set(ctx, loader);
    }
    return loader.load({
      registry,
      chart: chart.name,
      version: version.version,
      digest: version.digest,
      urls: version.urls,
      ociReference: version.ociReference,
    });
  }
}
