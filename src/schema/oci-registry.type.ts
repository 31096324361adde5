import { Field, ObjectType } from "type-graphql";
import { OciAuthKind, OciProviderType } from "./enums";
import { Node } from "./node.interface";
import { Registry } from "./registry.interface";

@ObjectType({
  simpleResolvers: true,
  description:
    "AWS settings of an ECR registry. The secret access key is write-only and never shown.",
})
export class EcrAuthInfo {
  @Field(() => String, { nullable: true, description: "AWS region of the registry." })
  region!: string | null;

  @Field(() => String, { nullable: true, description: "AWS access key id (access-key method)." })
  accessKeyId!: string | null;

  @Field(() => Boolean, { description: "True when a secret access key is stored." })
  hasSecretAccessKey!: boolean;

  @Field(() => String, { nullable: true, description: "IAM role assumed with STS (role method)." })
  roleArn!: string | null;

  @Field(() => Boolean, { description: "True when an external id for the role is stored." })
  hasExternalId!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  implements: [Node, Registry],
  description:
    "An OCI distribution registry. Synchronization reads metadata only: tags, manifests and config blobs, never chart packages.",
})
export class OciRegistry extends Registry {
  @Field(() => OciProviderType, { description: "What the registry holds." })
  providerType!: OciProviderType;

  @Field(() => OciAuthKind, { description: "How the gateway authenticates to it." })
  authKind!: OciAuthKind;

  @Field(() => [String], {
    description:
      "Namespaces inside the registry that are catalogued (e.g. `production`); a repository belongs to one when its name starts with `<path>/`.",
  })
  baseContentPaths!: string[];

  @Field(() => [String], {
    description:
      "Repositories catalogued by name, for registries that refuse to list their catalog (Docker Hub, Harbor for non-admins). Empty: the catalog is listed.",
  })
  repositories!: string[];

  @Field(() => EcrAuthInfo, {
    nullable: true,
    description: "AWS settings when `authKind` is ECR; null otherwise.",
  })
  ecr!: EcrAuthInfo | null;
}
