import { Field, ObjectType } from "type-graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { ChartReferenceStatus, RegistryErrorCode } from "./enums";

@ObjectType({
  simpleResolvers: true,
  description: "The outcome of checking a registry's endpoint and credentials (nothing is saved).",
})
export class RegistryValidation {
  @Field(() => Boolean, {
    description: "True when the registry answered and accepted the credentials.",
  })
  valid!: boolean;

  @Field(() => RegistryErrorCode, { nullable: true, description: "Why it failed, when it failed." })
  errorCode!: RegistryErrorCode | null;

  @Field(() => String, { description: "What was checked and what was found." })
  message!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "The answer of a targeted check of one chart name and version (nothing is stored).",
})
export class ChartReferenceCheck {
  @Field(() => ChartReferenceStatus, { description: "VERIFIED, NOT_FOUND or UNVERIFIABLE." })
  status!: ChartReferenceStatus;

  @Field(() => String, { description: "What was checked and what was found, for a person." })
  message!: string;

  @Field(() => String, { description: "Chart name checked." })
  chart!: string;

  @Field(() => String, { description: "Version checked." })
  version!: string;

  @Field(() => RegistryErrorCode, {
    nullable: true,
    description: "Why the registry could not be asked (UNVERIFIABLE).",
  })
  errorCode!: RegistryErrorCode | null;

  @Field(() => GraphQLDateTimeISO, { description: "When the check ran." })
  checkedAt!: Date;
}
