import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ChartReferenceStatus, ConstraintViolationKind, PackLayer } from "./enums";

@InputType({ description: "One layer of a cluster profile: a chart or pack of a registry." })
export class ProfileLayerInput {
  @Field(() => ID, { description: "Registry id." })
  registryId!: string;

  @Field(() => String, { description: "Chart or pack name." })
  name!: string;

  @Field(() => String, {
    description: "Version: exact, a parent tag (`1.2.x`, `lts__1.2.x`) or a semver range.",
  })
  version!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "A constraint of one layer's pack that the profile breaks.",
})
export class ConstraintViolation {
  @Field(() => ConstraintViolationKind, { description: "How the constraint is broken." })
  kind!: ConstraintViolationKind;

  @Field(() => String, { description: "The pack the constraint is about." })
  packName!: string;

  @Field(() => PackLayer, { nullable: true, description: "The layer that pack belongs in." })
  dependencyLayer!: PackLayer | null;

  @Field(() => String, { nullable: true, description: "Lowest acceptable version, as written." })
  minVersion!: string | null;

  @Field(() => String, { nullable: true, description: "Highest acceptable version, as written." })
  maxVersion!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The version of that pack in the profile; null when it is missing.",
  })
  foundVersion!: string | null;

  @Field(() => String, { description: "What is wrong and what to do, for a person." })
  message!: string;
}

@ObjectType({ simpleResolvers: true, description: "One layer of a profile, resolved and checked." })
export class ProfileLayerCheck {
  @Field(() => Int, { description: "Position of the layer in the input list." })
  index!: number;

  @Field(() => ID, { description: "Registry id, as given." })
  registryId!: string;

  @Field(() => String, { description: "Chart or pack name, as given." })
  name!: string;

  @Field(() => String, { description: "Version, as given." })
  version!: string;

  @Field(() => String, {
    nullable: true,
    description: "The version the layer resolves to; null when it was not found.",
  })
  resolvedVersion!: string | null;

  @Field(() => ChartReferenceStatus, {
    description:
      "VERIFIED when the registry holds the version (from the catalog, or for protected registries from a targeted " +
      "check), NOT_FOUND, or UNVERIFIABLE when a protected registry could not be asked.",
  })
  status!: ChartReferenceStatus;

  @Field(() => String, { description: "How the layer was resolved, for a person." })
  message!: string;

  @Field(() => PackLayer, { nullable: true, description: "The pack's layer, when known." })
  layer!: PackLayer | null;

  @Field(() => [ConstraintViolation], {
    description: "Constraints of this layer's pack that the other layers break.",
  })
  violations!: ConstraintViolation[];
}

@ObjectType({
  simpleResolvers: true,
  description: "The outcome of checking the layers of a cluster profile.",
})
export class ProfileValidation {
  @Field(() => Boolean, {
    description: "True when every layer was VERIFIED and no constraint is broken.",
  })
  valid!: boolean;

  @Field(() => [ProfileLayerCheck], { description: "Each layer, in input order." })
  layers!: ProfileLayerCheck[];
}
