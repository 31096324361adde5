import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { type GatewayContext } from "../context";
import { PackRegistry } from "../schema/pack-registry.type";
import { AddPackRegistryInput, UpdatePackRegistryInput } from "../schema/registry.inputs";
import { RegistryValidation } from "../schema/results.type";
import { notFound } from "../services/api-errors";
import { idOfType } from "../services/ids";
import { toRegistry } from "./mappers";

/** Mutations specific to legacy Palette pack registries. */
@Resolver(() => PackRegistry)
export class PackRegistryResolver {
  @Mutation(() => PackRegistry, {
    description:
      "Adds a legacy pack registry after checking `/health` and the pack catalog with the credentials; nothing " +
      "is saved when the check fails (REGISTRY_VALIDATION_FAILED, with `extensions.reason`).",
  })
  async addPackRegistry(
    @Arg("input", () => AddPackRegistryInput) input: AddPackRegistryInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<PackRegistry> {
    return toRegistry(
      await ctx.services.registries.add(ctx.viewer, "PACK", input),
      ctx.viewer,
    ) as PackRegistry;
  }

  @Mutation(() => PackRegistry, {
    description:
      "Changes a legacy pack registry. A changed endpoint, credential or TLS setting is checked first.",
  })
  async updatePackRegistry(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdatePackRegistryInput) input: UpdatePackRegistryInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<PackRegistry> {
    const dbId = idOfType(id, "Registry");
    if (!dbId) throw notFound("Registry");
    return toRegistry(
      await ctx.services.registries.update(ctx.viewer, dbId, "PACK", input),
      ctx.viewer,
    ) as PackRegistry;
  }

  @Mutation(() => RegistryValidation, {
    description:
      "Checks a legacy pack registry's endpoint and credentials without saving anything (a dry run of add).",
  })
  async validatePackRegistry(
    @Arg("input", () => AddPackRegistryInput) input: AddPackRegistryInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<RegistryValidation> {
    return ctx.services.registries.validate(ctx.viewer, "PACK", input);
  }
}
