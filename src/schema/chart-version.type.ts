import { Field, Float, ID, ObjectType } from "type-graphql";
import { PackDependencyType, PackLayer } from "./enums";
import { toGlobalId } from "../services/ids";
import { Node } from "./node.interface";

@ObjectType({
  simpleResolvers: true,
  description: "A person or organisation credited on a chart version.",
})
export class Maintainer {
  @Field(() => String, { description: "Name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "E-mail address." })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "Web page." })
  url!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "A chart this chart version depends on (Chart.yaml `dependencies`).",
})
export class ChartDependency {
  @Field(() => String, { description: "Name of the dependency chart." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Version or range of the dependency." })
  version!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Repository URL (or alias) of the dependency.",
  })
  repository!: string | null;

  @Field(() => String, { nullable: true, description: "Values path that enables the dependency." })
  condition!: string | null;

  @Field(() => String, { nullable: true, description: "Name the dependency is installed under." })
  alias!: string | null;

  @Field(() => [String], { description: "Tags that enable the dependency." })
  tags!: string[];
}

@ObjectType({
  simpleResolvers: true,
  description: "One annotation (key and value) of a chart version.",
})
export class Annotation {
  @Field(() => String, { description: "Annotation key." })
  key!: string;

  @Field(() => String, { description: "Annotation value." })
  value!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "A pack this pack version depends on (pack.json `constraints.dependencies`).",
})
export class PackDependency {
  @Field(() => String, { description: "Name of the other pack." })
  packName!: string;

  @Field(() => PackLayer, { nullable: true, description: "Layer of the other pack." })
  layer!: PackLayer | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Lowest acceptable version of the other pack, as written (`1.27` means 1.27.0 or later).",
  })
  minVersion!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Highest acceptable version, as written (`1.21` accepts every 1.21.x).",
  })
  maxVersion!: string | null;

  @Field(() => PackDependencyType, { description: "How the dependency constrains a profile." })
  type!: PackDependencyType;
}

@ObjectType({ simpleResolvers: true, description: "A component a resource limit applies to." })
export class PackResourceComponent {
  @Field(() => String, { description: "Values path of the component's resource request." })
  resourceRequestParamRef!: string;

  @Field(() => String, { nullable: true, description: "Values path of its replica count." })
  replicaCountParamRef!: string | null;

  @Field(() => String, { nullable: true, description: "How the component is scheduled." })
  scheduleType!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "A cluster resource a pack needs (pack.json `constraints.resources`).",
})
export class PackResource {
  @Field(() => String, { description: "`cpu`, `memory` or `diskSize`." })
  type!: string;

  @Field(() => Float, {
    nullable: true,
    description: "Minimum the pack needs: millicores for cpu, MiB for memory and disk.",
  })
  minLimit!: number | null;

  @Field(() => [PackResourceComponent], { description: "Components the limit applies to." })
  components!: PackResourceComponent[];
}

@ObjectType({ simpleResolvers: true, description: "What a pack version requires of a profile." })
export class PackConstraints {
  @Field(() => [PackDependency], { description: "Packs it depends on or does not support." })
  dependencies!: PackDependency[];

  @Field(() => [PackResource], { description: "Cluster resources it needs." })
  resources!: PackResource[];
}

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "One version of a chart, as the registry lists it.",
})
export class ChartVersion implements Node {
  /** Encoded when a client asks for it (a page holds hundreds of versions). */
  @Field(() => ID, { description: "Opaque global id." })
  get id(): string {
    return toGlobalId("ChartVersion", this.dbId);
  }

  /** Store id; not part of the API. */
  dbId!: number;
  chartDbId!: number;

  @Field(() => String, {
    description: "The version string as published (a version Helm reads, or not: see `semver`).",
  })
  version!: string;

  @Field(() => Boolean, {
    description:
      "True when Helm reads `version` as a version (Masterminds semver: `1.0`, `2` and `v1.2.3` are). " +
      "Other versions are kept, sort last and match a range only by their exact text.",
  })
  semver!: boolean;

  @Field(() => Boolean, {
    description: "True for a semantic-version prerelease (e.g. 1.0.0-rc.1).",
  })
  prerelease!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Version of the application the chart installs.",
  })
  appVersion!: string | null;

  @Field(() => String, { nullable: true, description: "One-line description." })
  description!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Creation time as the registry states it (ISO-8601).",
  })
  created!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Digest of the chart package: its sha256 as lowercase hex, without the `sha256:` prefix some Helm " +
      "indexes write; the same form for Helm and OCI. Null when the registry states none, or a digest of " +
      "another form.",
  })
  digest!: string | null;

  @Field(() => [String], { description: "Absolute download URLs of the chart package." })
  urls!: string[];

  @Field(() => String, {
    nullable: true,
    description: "Kubernetes versions the chart supports (a semver range).",
  })
  kubeVersion!: string | null;

  @Field(() => String, { nullable: true, description: "Chart API version (`v1` or `v2`)." })
  apiVersion!: string | null;

  @Field(() => String, { nullable: true, description: "Chart type (`application` or `library`)." })
  type!: string | null;

  @Field(() => Boolean, { description: "True when this version is marked deprecated." })
  deprecated!: boolean;

  @Field(() => [String], { description: "Search keywords." })
  keywords!: string[];

  @Field(() => String, { nullable: true, description: "Project home page." })
  home!: string | null;

  @Field(() => String, { nullable: true, description: "Icon URL." })
  icon!: string | null;

  @Field(() => [String], { description: "Source code URLs." })
  sources!: string[];

  @Field(() => [Maintainer], { description: "Maintainers." })
  maintainers!: Maintainer[];

  @Field(() => [ChartDependency], { description: "Charts this version depends on." })
  dependencies!: ChartDependency[];

  @Field(() => [Annotation], { description: "Annotations, sorted by key." })
  annotations!: Annotation[];

  @Field(() => String, {
    nullable: true,
    description:
      "OCI registries: the tag the version was read from (a `+` in the version is `_` in the tag); null elsewhere.",
  })
  tag!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "OCI registries: the version's manifest pinned by digest, `host/repository:tag@sha256:…`; null elsewhere.",
  })
  ociReference!: string | null;

  @Field(() => [String], {
    description:
      "Packs: the floating tags that resolve to this version (`1.x`, `1.2.x`, and `group__1.2.x` for a grouped " +
      "version), derived from the pack's versions; empty for other kinds.",
  })
  parentTags!: string[];

  @Field(() => String, { nullable: true, description: "Packs: the version's group (e.g. LTS)." })
  group!: string | null;

  @Field(() => PackConstraints, {
    nullable: true,
    description: "Packs: dependencies and resources from pack.json; null for other kinds.",
  })
  constraints!: PackConstraints | null;
}
