import { Field, Float, Int, ObjectType } from "type-graphql";
import { ChartVersion, PackDependency } from "./chart-version.type";
import {
  ChangelogKind,
  CompareDirection,
  CompareSide,
  DependencyChangeKind,
  ImageSource,
  PackDependencyField,
  PackResourceChangeKind,
  SchemaChangeKind,
} from "./enums";

@ObjectType({ simpleResolvers: true, description: "A container image a chart version pulls." })
export class ChartImage {
  @Field(() => String, {
    description: "The reference as the chart states it (or as composed from its values).",
  })
  reference!: string;

  @Field(() => String, {
    description: "Registry host; `docker.io` when the reference names none.",
  })
  registry!: string;

  @Field(() => String, {
    description: "Repository in the registry, as Docker reads it (`library/redis` for `redis`).",
  })
  repository!: string;

  @Field(() => String, { nullable: true, description: "Tag; null when the reference has none." })
  tag!: string | null;

  @Field(() => String, { nullable: true, description: "Digest (`sha256:…`) when pinned." })
  digest!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The name the annotation gives the image; for an inferred image, the values path it was read at.",
  })
  name!: string | null;

  @Field(() => ImageSource, { description: "Where the image was found." })
  source!: ImageSource;

  @Field(() => [String], {
    description:
      "For a Zarf package's image (source ZARF_PACKAGE), the components that list it, in package order; " +
      "empty for every other source.",
  })
  components!: string[];

  @Field(() => Boolean, {
    description:
      "True when the image was inferred from the default values, not declared by the chart.",
  })
  inferred!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: "A values leaf added, removed, or whose default changed.",
})
export class ValueChange {
  @Field(() => String, {
    description:
      'Keys joined by `.` (`controller.image.tag`); a key holding `.`, `[`, `]` or `"` is written `["key"]`.',
  })
  path!: string;

  @Field(() => String, {
    nullable: true,
    description: "The old default as JSON, cut to 200 characters; null when the leaf was added.",
  })
  from!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The new default as JSON, cut to 200 characters; null when the leaf was removed.",
  })
  to!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "What changed in the default values. A leaf is a scalar, null, list or empty mapping; lists compare whole; " +
    "a leaf that becomes a mapping (or the reverse) is removed and its new leaves added.",
})
export class ValuesComparison {
  @Field(() => [ValueChange], { description: "Leaves only `to` has." })
  added!: ValueChange[];

  @Field(() => [ValueChange], { description: "Leaves only `from` has." })
  removed!: ValueChange[];

  @Field(() => [ValueChange], { description: "Leaves of both whose default differs." })
  changed!: ValueChange[];

  @Field(() => Int, { description: "Leaves of `from`'s values." })
  fromLeaves!: number;

  @Field(() => Int, { description: "Leaves of `to`'s values." })
  toLeaves!: number;

  @Field(() => String, {
    nullable: true,
    description:
      "Why the values could not be compared (a values.yaml that is not YAML); null otherwise.",
  })
  error!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "One change between two values schemas." })
export class SchemaChange {
  @Field(() => SchemaChangeKind, { description: "What changed." })
  kind!: SchemaChangeKind;

  @Field(() => String, {
    description:
      "The property's path (`logs.access.format`; `parent[].child` under `items`), followed by the keyword in " +
      "parentheses for keyword changes; empty for the schema itself.",
  })
  path!: string;

  @Field(() => Boolean, {
    description: "True when values that passed the old schema can fail the new one.",
  })
  breaking!: boolean;

  @Field(() => String, { nullable: true, description: "The old definition as JSON, shortened." })
  from!: string | null;

  @Field(() => String, { nullable: true, description: "The new definition as JSON, shortened." })
  to!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "An entry of a pack's schema.yaml that does not parse; its path is not compared.",
})
export class SchemaEntryError {
  @Field(() => CompareSide, { description: "The version whose schema.yaml has the entry." })
  side!: CompareSide;

  @Field(() => String, { description: "The entry's values path, as schema.yaml writes it." })
  path!: string;

  @Field(() => String, { description: "What is wrong with it." })
  message!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "What changed in the values schema (a chart's values.schema.json, a pack's schema.yaml), breaking changes " +
    "apart.",
})
export class SchemaComparison {
  @Field(() => Boolean, { description: "Whether `from` has a schema." })
  fromPresent!: boolean;

  @Field(() => Boolean, { description: "Whether `to` has a schema." })
  toPresent!: boolean;

  @Field(() => [SchemaChange], {
    description:
      "Changes that can make valid values invalid: a schema added, a property removed or made required, a type " +
      "narrowed, an enum shrunk, a constraint added or tightened.",
  })
  breaking!: SchemaChange[];

  @Field(() => [SchemaChange], { description: "Every other change." })
  harmless!: SchemaChange[];

  @Field(() => String, {
    nullable: true,
    description: "Why the schemas could not be compared (not JSON or YAML); null otherwise.",
  })
  error!: string | null;

  @Field(() => [SchemaEntryError], {
    description:
      "Entries of a pack's schema.yaml that do not parse (each left out, the rest compared); empty for a " +
      "chart's values.schema.json.",
  })
  entryErrors!: SchemaEntryError[];
}

@ObjectType({ simpleResolvers: true, description: "A dependency added, removed or changed." })
export class DependencyChange {
  @Field(() => String, { description: "The dependency's alias, else its name." })
  name!: string;

  @Field(() => DependencyChangeKind, { description: "How it changed." })
  kind!: DependencyChangeKind;

  @Field(() => String, { nullable: true, description: "Version range in `from`." })
  fromVersion!: string | null;

  @Field(() => String, { nullable: true, description: "Version range in `to`." })
  toVersion!: string | null;

  @Field(() => String, { nullable: true, description: "Repository in `from`." })
  fromRepository!: string | null;

  @Field(() => String, { nullable: true, description: "Repository in `to`." })
  toRepository!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A pack dependency (pack.json `constraints.dependencies[]`) added, removed or changed, matched by the " +
    "other pack's name.",
})
export class PackDependencyChange {
  @Field(() => String, { description: "Name of the other pack." })
  packName!: string;

  @Field(() => DependencyChangeKind, { description: "How it changed." })
  kind!: DependencyChangeKind;

  @Field(() => [PackDependencyField], {
    description: "The fields that differ, for CHANGED; empty otherwise.",
  })
  changedFields!: PackDependencyField[];

  @Field(() => PackDependency, { nullable: true, description: "The dependency in `from`." })
  from!: PackDependency | null;

  @Field(() => PackDependency, { nullable: true, description: "The dependency in `to`." })
  to!: PackDependency | null;

  @Field(() => Boolean, {
    description:
      "True when a profile that met `from`'s dependency may fail `to`'s, as `validateProfileLayers` checks: a " +
      "required or notSupported dependency added (an optional one with a bound), a type turned to required " +
      "or to or from notSupported, a layer named or changed, minVersion raised or maxVersion lowered (or " +
      "added), a notSupported range widened. Never for `upgrade` dependencies, which profiles do not check.",
  })
  breaking!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A pack's resource need (pack.json `constraints.resources[]`) that changed, matched by its type.",
})
export class PackResourceChange {
  @Field(() => String, { description: "`cpu`, `memory` or `diskSize`." })
  type!: string;

  @Field(() => PackResourceChangeKind, { description: "How it changed." })
  kind!: PackResourceChangeKind;

  @Field(() => Float, {
    nullable: true,
    description: "`minLimit` in `from` (millicores for cpu, MiB for memory, GB for disk).",
  })
  fromMinLimit!: number | null;

  @Field(() => Float, { nullable: true, description: "`minLimit` in `to`." })
  toMinLimit!: number | null;

  @Field(() => Boolean, {
    description: "Whether its components (request and replica paths, scheduling) differ.",
  })
  componentsChanged!: boolean;

  @Field(() => Boolean, {
    description:
      "True when machine pools that met `from`'s need may not meet `to`'s: a need added, a minimum raised or a " +
      "component added. Palette checks the need before a cluster is created or updated.",
  })
  breaking!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: "What changed in a pack's constraints (pack.json `constraints`).",
})
export class PackConstraintChanges {
  @Field(() => [PackDependencyChange], {
    description: "Dependencies on other packs added, removed or changed.",
  })
  dependencies!: PackDependencyChange[];

  @Field(() => [PackResourceChange], { description: "Resource needs that changed." })
  resources!: PackResourceChange[];
}

@ObjectType({ simpleResolvers: true, description: "A text field of both versions." })
export class TextChange {
  @Field(() => String, { nullable: true, description: "The value in `from`." })
  from!: string | null;

  @Field(() => String, { nullable: true, description: "The value in `to`." })
  to!: string | null;

  @Field(() => Boolean, { description: "Whether the two differ." })
  changed!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "A flag of both versions." })
export class FlagChange {
  @Field(() => Boolean, { description: "The value in `from`." })
  from!: boolean;

  @Field(() => Boolean, { description: "The value in `to`." })
  to!: boolean;

  @Field(() => Boolean, { description: "Whether the two differ." })
  changed!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "A link of a changelog entry." })
export class ChangelogLink {
  @Field(() => String, { nullable: true, description: "Link text." })
  name!: string | null;

  @Field(() => String, { description: "URL." })
  url!: string;
}

@ObjectType({ simpleResolvers: true, description: "One entry of a version's changelog." })
export class ChangelogEntry {
  @Field(() => ChangelogKind, {
    nullable: true,
    description:
      "The entry's kind; null for the plain-string form or a kind Artifact Hub does not know.",
  })
  kind!: ChangelogKind | null;

  @Field(() => String, { description: "What changed." })
  description!: string;

  @Field(() => [ChangelogLink], { description: "Links (issues, pull requests)." })
  links!: ChangelogLink[];
}

@ObjectType({
  simpleResolvers: true,
  description: "A version's changelog, from its `artifacthub.io/changes` annotation.",
})
export class VersionChangelog {
  @Field(() => String, { description: "The version." })
  version!: string;

  @Field(() => [ChangelogEntry], { description: "Its entries, as written." })
  entries!: ChangelogEntry[];

  @Field(() => String, {
    nullable: true,
    description:
      "Why the annotation could not be read (published charts carry malformed ones); null otherwise.",
  })
  error!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "Images only one side pulls." })
export class ImageChanges {
  @Field(() => [ChartImage], { description: "Images `to` pulls and `from` does not." })
  added!: ChartImage[];

  @Field(() => [ChartImage], { description: "Images `from` pulls and `to` does not." })
  removed!: ChartImage[];
}

@ObjectType({ simpleResolvers: true, description: "A Helm chart a Zarf component deploys." })
export class ZarfChart {
  @Field(() => String, { description: "The chart's name (`charts[].name`)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Its version; null when not set." })
  version!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Where Zarf pulls it from (`url`: a Helm repository, `oci://…` or a Git URL).",
  })
  url!: string | null;

  @Field(() => String, { nullable: true, description: "The namespace it is deployed to." })
  namespace!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "A chart of a Zarf component added, removed or changed, matched by name.",
})
export class ZarfChartChange {
  @Field(() => String, { description: "The chart's name." })
  name!: string;

  @Field(() => DependencyChangeKind, {
    description: "How it changed (CHANGED: version, url or namespace).",
  })
  kind!: DependencyChangeKind;

  @Field(() => ZarfChart, { nullable: true, description: "The chart in `from`." })
  from!: ZarfChart | null;

  @Field(() => ZarfChart, { nullable: true, description: "The chart in `to`." })
  to!: ZarfChart | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A Zarf component added, removed or changed, matched by name. For an added or removed component, its " +
    "charts, images and manifests are all listed as added or removed.",
})
export class ZarfComponentChange {
  @Field(() => String, { description: "The component's name." })
  name!: string;

  @Field(() => DependencyChangeKind, { description: "How it changed." })
  kind!: DependencyChangeKind;

  @Field(() => Boolean, {
    nullable: true,
    description: "`required` in `from` (absent is false); null when the component was added.",
  })
  fromRequired!: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "`required` in `to`; null when the component was removed.",
  })
  toRequired!: boolean | null;

  @Field(() => [ZarfChartChange], { description: "Charts added, removed or changed." })
  charts!: ZarfChartChange[];

  @Field(() => [String], {
    description: "Images (`images` and `imageTars[].images`, as written) only `to` lists.",
  })
  imagesAdded!: string[];

  @Field(() => [String], { description: "Images only `from` lists." })
  imagesRemoved!: string[];

  @Field(() => [String], { description: "Manifests (by `manifests[].name`) only `to` has." })
  manifestsAdded!: string[];

  @Field(() => [String], { description: "Manifests only `from` has." })
  manifestsRemoved!: string[];

  @Field(() => Boolean, {
    description:
      "True when the component was removed: a deploy that names it with `--components` fails, and what it " +
      "deployed is no longer shipped.",
  })
  breaking!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A package variable (zarf.yaml `variables[]`) added, removed or changed (default, `sensitive` or " +
    "`prompt`), matched by name. A sensitive variable's default is never shown.",
})
export class ZarfVariableChange {
  @Field(() => String, { description: "The variable's name (`###ZARF_VAR_<name>###`)." })
  name!: string;

  @Field(() => DependencyChangeKind, { description: "How it changed." })
  kind!: DependencyChangeKind;

  @Field(() => String, {
    nullable: true,
    description:
      "The default in `from`; null when it has none, the variable was added, or it is sensitive on either side.",
  })
  fromDefault!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The default in `to`; null when it has none, the variable was removed, or it is sensitive on either side.",
  })
  toDefault!: string | null;

  @Field(() => Boolean, {
    description:
      "Whether the default differs (set for sensitive variables too, without the values).",
  })
  defaultChanged!: boolean;

  @Field(() => Boolean, { description: "Whether either side marks it `sensitive: true`." })
  sensitive!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the deployer must answer it in `from` (`prompt: true` without a default); null when added.",
  })
  fromRequired!: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the deployer must answer it in `to`; null when removed.",
  })
  toRequired!: boolean | null;

  @Field(() => Boolean, {
    description:
      "True when a deploy that worked with `from` may fail with `to`: the variable was removed (a deploy " +
      "configuration setting it no longer applies), or must now be answered (added, or changed to, " +
      "`prompt: true` without a default).",
  })
  breaking!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "What changed in a Zarf package's definition (its zarf.yaml: the OCI config of current Zarf, the " +
    "`zarf.yaml` layer of older Zarf).",
})
export class ZarfComparison {
  @Field(() => TextChange, { description: "`metadata.version` of both." })
  version!: TextChange;

  @Field(() => TextChange, { description: "`metadata.description` of both." })
  description!: TextChange;

  @Field(() => TextChange, {
    description: "The architecture (`build.architecture`, else `metadata.architecture`) of both.",
  })
  architecture!: TextChange;

  @Field(() => [ZarfComponentChange], {
    description: "Components added, removed or changed (required, charts, images, manifests).",
  })
  components!: ZarfComponentChange[];

  @Field(() => [ZarfVariableChange], {
    description: "Package variables added, removed or changed.",
  })
  variables!: ZarfVariableChange[];

  @Field(() => Boolean, {
    description: "True when any component or variable change is breaking.",
  })
  breaking!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: "What changes between two versions of a chart (see `compareChartVersions`).",
})
export class ChartVersionComparison {
  @Field(() => ChartVersion, { description: "The version `from` resolved to." })
  from!: ChartVersion;

  @Field(() => ChartVersion, { description: "The version `to` resolved to." })
  to!: ChartVersion;

  @Field(() => CompareDirection, { description: "Upgrade, downgrade, or the same version." })
  direction!: CompareDirection;

  @Field(() => ValuesComparison, {
    description:
      "Changes in the default values. Not applicable to a Zarf package (no values.yaml): empty, with " +
      "`error` saying so.",
  })
  values!: ValuesComparison;

  @Field(() => SchemaComparison, {
    description:
      "Changes in the values schema (values.schema.json, or a pack's schema.yaml). Not applicable to a Zarf " +
      "package: empty, with `error` saying so.",
  })
  schema!: SchemaComparison;

  @Field(() => [DependencyChange], { description: "Dependencies added, removed or changed." })
  dependencies!: DependencyChange[];

  @Field(() => TextChange, { description: "`appVersion` of both." })
  appVersion!: TextChange;

  @Field(() => TextChange, { description: "`kubeVersion` of both." })
  kubeVersion!: TextChange;

  @Field(() => FlagChange, { description: "`deprecated` of both." })
  deprecated!: FlagChange;

  @Field(() => [VersionChangelog], {
    description:
      "The changelog of every version in (lower, higher], highest first: what an upgrade brings, or what a " +
      "downgrade undoes. Always empty for a Zarf package, which has no changes annotation.",
  })
  changelog!: VersionChangelog[];

  @Field(() => ImageChanges, {
    description: "Images (declared and inferred, see `ChartVersion.images`) only one side pulls.",
  })
  images!: ImageChanges;

  @Field(() => PackConstraintChanges, {
    nullable: true,
    description:
      "For packs: changes of their constraints (dependencies on other packs, resource needs); null for a " +
      "chart that is not a pack.",
  })
  constraints!: PackConstraintChanges | null;

  @Field(() => ZarfComparison, {
    nullable: true,
    description:
      "For Zarf packages: changes of their definition (components, charts, images, manifests, variables, " +
      "metadata); null for Helm charts and packs.",
  })
  zarf!: ZarfComparison | null;
}

@ObjectType({ simpleResolvers: true, description: "A chart version that pulls an image." })
export class ImageUse {
  @Field(() => ChartVersion, { description: "The version (its `chart` and `registry` say where)." })
  chartVersion!: ChartVersion;

  @Field(() => [ChartImage], { description: "The version's images that match." })
  images!: ChartImage[];
}
