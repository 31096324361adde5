import { Field, InputType } from "type-graphql";
import { AuthType, OciAuthKind, OciProviderType, RegistryScope } from "./enums";

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

@InputType({
  description:
    "AWS credentials of an ECR registry: an access key, or a role to assume (with its external id). " +
    "None: anonymous access. Secrets are write-only.",
})
export class EcrAuthInput {
  @Field(() => String, {
    nullable: true,
    description: "AWS region; default: the one in a `*.dkr.ecr.<region>.amazonaws.com` endpoint.",
  })
  region?: string | null;

  @Field(() => String, { nullable: true, description: "AWS access key id." })
  accessKeyId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "AWS secret access key. On update, leave it out to keep the stored one.",
  })
  secretAccessKey?: string | null;

  @Field(() => String, { nullable: true, description: "IAM role ARN to assume with STS." })
  roleArn?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "External id the role's trust policy requires. On update, leave it out to keep it.",
  })
  externalId?: string | null;
}

@InputType({ description: "An OCI registry to add (or to validate without saving)." })
export class AddOciRegistryInput {
  @Field(() => String, { description: "Unique name within the scope (and tenant)." })
  name!: string;

  @Field(() => String, {
    description:
      "Registry host, with or without scheme: `registry.example.com`, `https://registry.example.com:5000`, or an ECR host such as `123456789012.dkr.ecr.us-east-1.amazonaws.com`. Without a scheme, https.",
  })
  endpoint!: string;

  @Field(() => OciProviderType, {
    nullable: true,
    description: "What the registry holds. Default HELM.",
  })
  providerType?: OciProviderType | null;

  @Field(() => OciAuthKind, { nullable: true, description: "BASIC (default) or ECR." })
  authKind?: OciAuthKind | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Namespaces to catalogue (e.g. `production`). Required when synchronization is on; several are allowed.",
  })
  baseContentPaths?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Repositories to catalogue by name (e.g. `production/nginx`), for registries that refuse to list their catalog; each must lie under a base content path.",
  })
  repositories?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Never synchronized; clients type names and versions (HELM and ZARF only). Default false.",
  })
  protected?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Synchronize on the schedule. Default true; PACK registries must be synchronized; ZARF registries never are on the schedule (default false, true is refused).",
  })
  syncEnabled?: boolean | null;

  @Field(() => RegistryAuthInput, {
    nullable: true,
    description: "BASIC: credentials (NONE or BASIC; default NONE).",
  })
  auth?: RegistryAuthInput | null;

  @Field(() => EcrAuthInput, {
    nullable: true,
    description: "ECR: AWS credentials (default: anonymous).",
  })
  ecr?: EcrAuthInput | null;

  @Field(() => RegistryTlsInput, { nullable: true, description: "TLS settings." })
  tls?: RegistryTlsInput | null;

  @Field(() => RegistryScope, {
    nullable: true,
    description: "Owner scope. Default TENANT; SYSTEM needs a system admin.",
  })
  scope?: RegistryScope | null;
}

@InputType({
  description:
    "Changes to an OCI registry; fields left out keep their value. The provider type cannot change.",
})
export class UpdateOciRegistryInput {
  @Field(() => String, { nullable: true, description: "New name." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "New registry host." })
  endpoint?: string | null;

  @Field(() => OciAuthKind, { nullable: true, description: "New authentication kind." })
  authKind?: OciAuthKind | null;

  @Field(() => [String], { nullable: true, description: "New base content paths." })
  baseContentPaths?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "New explicit repositories (an empty list: list the catalog).",
  })
  repositories?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "New protected flag." })
  protected?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "New schedule flag." })
  syncEnabled?: boolean | null;

  @Field(() => RegistryAuthInput, {
    nullable: true,
    description: "New BASIC credentials (a missing secret keeps the stored one).",
  })
  auth?: RegistryAuthInput | null;

  @Field(() => EcrAuthInput, {
    nullable: true,
    description: "New AWS credentials (missing secrets keep the stored ones).",
  })
  ecr?: EcrAuthInput | null;

  @Field(() => RegistryTlsInput, { nullable: true, description: "New TLS settings." })
  tls?: RegistryTlsInput | null;
}

@InputType({
  description:
    "A legacy Palette pack registry to add (or to validate without saving). Pack registries are always " +
    "synchronized; they take basic authentication or none.",
})
export class AddPackRegistryInput {
  @Field(() => String, { description: "Unique name within the scope (and tenant)." })
  name!: string;

  @Field(() => String, {
    description:
      "The registry's https URL: host and optional port (e.g. https://registry.example.com); a trailing /v1 is dropped.",
  })
  endpoint!: string;

  @Field(() => RegistryAuthInput, {
    nullable: true,
    description: "Credentials: NONE or BASIC. Default: none.",
  })
  auth?: RegistryAuthInput | null;

  @Field(() => RegistryTlsInput, { nullable: true, description: "TLS settings." })
  tls?: RegistryTlsInput | null;

  @Field(() => RegistryScope, {
    nullable: true,
    description: "Owner scope. Default TENANT; SYSTEM needs a system admin.",
  })
  scope?: RegistryScope | null;
}

@InputType({ description: "Changes to a legacy pack registry; fields left out keep their value." })
export class UpdatePackRegistryInput {
  @Field(() => String, { nullable: true, description: "New name." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "New https URL." })
  endpoint?: string | null;

  @Field(() => RegistryAuthInput, {
    nullable: true,
    description: "New credentials, NONE or BASIC (a missing password keeps the stored one).",
  })
  auth?: RegistryAuthInput | null;

  @Field(() => RegistryTlsInput, { nullable: true, description: "New TLS settings." })
  tls?: RegistryTlsInput | null;
}
