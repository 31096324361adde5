import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { type GatewayContext } from "../context";
import { HelmRegistry } from "../schema/helm-registry.type";
import { AddHelmRegistryInput, UpdateHelmRegistryInput } from "../schema/registry.inputs";
import { RegistryValidation } from "../schema/results.type";
import { notFound } from "../services/api-errors";
import { idOfType } from "../services/ids";
import { toRegistry } from "./mappers";

/** Mutations specific to Helm chart repositories. */
@Resolver(() => HelmRegistry)
export class HelmRegistryResolver {
  @Mutation(() => HelmRegistry, {
    description:
      "Adds a Helm repository after checking its endpoint and credentials; nothing is saved when the check fails " +
      "(REGISTRY_VALIDATION_FAILED, with `extensions.reason`).",
  })
  async addHelmRegistry(
    @Arg("input", () => AddHelmRegistryInput) input: AddHelmRegistryInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<HelmRegistry> {
    return toRegistry(
      await ctx.services.registries.add(ctx.viewer, "HELM", input),
      ctx.viewer,
    ) as HelmRegistry;
  }

  @Mutation(() => HelmRegistry, {
    description:
      "Changes a Helm repository. A changed endpoint, credential or TLS setting is checked first.",
  })
  async updateHelmRegistry(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateHelmRegistryInput) input: UpdateHelmRegistryInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<HelmRegistry> {
    const dbId = idOfType(id, "Registry");
    if (!dbId) throw notFound("Registry");
    return toRegistry(
      await ctx.services.registries.update(ctx.viewer, dbId, "HELM", input),
      ctx.viewer,
    ) as HelmRegistry;
  }

  @Mutation(() => RegistryValidation, {
    description:
      "Checks a Helm repository's endpoint and credentials without saving anything (a dry run of add).",
  })
  async validateHelmRegistry(
    @Arg("input", () => AddHelmRegistryInput) input: AddHelmRegistryInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<RegistryValidation> {
    return ctx.services.registries.validate(ctx.viewer, "HELM", input);
  }

  @Mutation(() => ID, {
    description: "Deletes a registry (any kind) with its catalog and sync history; returns its id.",
  })
  async deleteRegistry(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<string> {
    const dbId = idOfType(id, "Registry");
    if (!dbId) throw notFound("Registry");
    await ctx.services.registries.delete(ctx.viewer, dbId);
    return id;
  }
}
