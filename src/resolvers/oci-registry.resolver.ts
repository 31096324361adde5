import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { type GatewayContext } from "../context";
import { OciRegistry } from "../schema/oci-registry.type";
import { AddOciRegistryInput, UpdateOciRegistryInput } from "../schema/registry.inputs";
import { RegistryValidation } from "../schema/results.type";
import { notFound } from "../services/api-errors";
import { idOfType } from "../services/ids";
import { toRegistry } from "./mappers";

/** Mutations specific to OCI registries. */
@Resolver(() => OciRegistry)
export class OciRegistryResolver {
  @Mutation(() => OciRegistry, {
    description:
      "Adds an OCI registry after checking its endpoint, credentials and base content paths; nothing is saved " +
      "when the check fails (REGISTRY_VALIDATION_FAILED, with `extensions.reason`).",
  })
  async addOciRegistry(
    @Arg("input", () => AddOciRegistryInput) input: AddOciRegistryInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<OciRegistry> {
    return toRegistry(
      await ctx.services.registries.add(ctx.viewer, "OCI", input),
      ctx.viewer,
    ) as OciRegistry;
  }

  @Mutation(() => OciRegistry, {
    description:
      "Changes an OCI registry. A changed endpoint, credential, TLS setting, base path or repository list is checked first.",
  })
  async updateOciRegistry(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateOciRegistryInput) input: UpdateOciRegistryInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<OciRegistry> {
    const dbId = idOfType(id, "Registry");
    if (!dbId) throw notFound("Registry");
    return toRegistry(
      await ctx.services.registries.update(ctx.viewer, dbId, "OCI", input),
      ctx.viewer,
    ) as OciRegistry;
  }

  @Mutation(() => RegistryValidation, {
    description:
      "Checks an OCI registry's endpoint, credentials and base content paths without saving anything (a dry run of add).",
  })
  async validateOciRegistry(
    @Arg("input", () => AddOciRegistryInput) input: AddOciRegistryInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<RegistryValidation> {
    return ctx.services.registries.validate(ctx.viewer, "OCI", input);
  }
}
