import { Field, InputType } from "type-graphql";
import { AuthType, RegistryScope } from "./enums";

@InputType({
  description: "Credentials for a registry. Secrets are write-only: no query ever returns them.",
})
export class RegistryAuthInput {
  @Field(() => AuthType, { description: "Authentication type." })
  type!: AuthType;

  @Field(() => String, { nullable: true, description: "Username (BASIC)." })
  username?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Password (BASIC). On update, leave it out to keep the stored one.",
  })
  password?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Bearer token (TOKEN). On update, leave it out to keep the stored one.",
  })
  token?: string | null;
}

@InputType({ description: "TLS settings for a registry." })
export class RegistryTlsInput {
  @Field(() => String, {
    nullable: true,
    description:
      "PEM CA certificate chain (server, intermediate, root) to trust for this registry. Empty string removes it.",
  })
  caCertificate?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Skip certificate verification. Wins over `caCertificate` when both are set.",
  })
  insecureSkipVerify?: boolean | null;
}

@InputType({ description: "A Helm chart repository to add (or to validate without saving)." })
export class AddHelmRegistryInput {
  @Field(() => String, { description: "Unique name within the scope (and tenant)." })
  name!: string;

  @Field(() => String, {
    description: "Repository URL (http or https); index.yaml is read from it.",
  })
  endpoint!: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "The registry sits in a network the gateway must not scan: never synchronized. Default false.",
  })
  protected?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Synchronize on the schedule. Default: true, or false when protected.",
  })
  syncEnabled?: boolean | null;

  @Field(() => RegistryAuthInput, { nullable: true, description: "Credentials. Default: none." })
  auth?: RegistryAuthInput | null;

  @Field(() => RegistryTlsInput, { nullable: true, description: "TLS settings." })
  tls?: RegistryTlsInput | null;

  @Field(() => RegistryScope, {
    nullable: true,
    description: "Owner scope. Default TENANT; SYSTEM needs a system admin.",
  })
  scope?: RegistryScope | null;
}

@InputType({ description: "Changes to a Helm chart repository; fields left out keep their value." })
export class UpdateHelmRegistryInput {
  @Field(() => String, { nullable: true, description: "New name." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "New repository URL." })
  endpoint?: string | null;

  @Field(() => Boolean, { nullable: true, description: "New protected flag." })
  protected?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "New schedule flag." })
  syncEnabled?: boolean | null;

  @Field(() => RegistryAuthInput, {
    nullable: true,
    description: "New credentials (a missing secret keeps the stored one).",
  })
  auth?: RegistryAuthInput | null;

  @Field(() => RegistryTlsInput, { nullable: true, description: "New TLS settings." })
  tls?: RegistryTlsInput | null;
}
