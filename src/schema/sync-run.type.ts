import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { ConnectionType } from "./connection.type";
import { RegistryErrorCode, SyncPhase, SyncRunStatus, SyncTrigger } from "./enums";
import { Node } from "./node.interface";

@ObjectType({ simpleResolvers: true, description: "Something a sync run skipped or found odd." })
export class SyncWarning {
  @Field(() => String, { description: "Stable code, e.g. MISSING_VERSION, DUPLICATE_VERSION." })
  code!: string;

  @Field(() => String, { description: "What happened, for a person." })
  message!: string;

  @Field(() => String, { nullable: true, description: "Chart concerned, if any." })
  chart!: string | null;

  @Field(() => String, { nullable: true, description: "Version concerned, if any." })
  version!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "Why a sync run failed." })
export class SyncError {
  @Field(() => RegistryErrorCode, { description: "Stable error code." })
  code!: RegistryErrorCode;

  @Field(() => String, {
    description: "What happened, with the registry's own message where it gave one.",
  })
  message!: string;
}

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "One synchronization of one registry, and its record.",
})
export class SyncRun implements Node {
  @Field(() => ID, { description: "Opaque global id." })
  id!: string;

  /** Store ids; not part of the API. */
  dbId!: string;
  registryDbId!: string;

  @Field(() => SyncRunStatus, { description: "Where the run stands." })
  status!: SyncRunStatus;

  @Field(() => SyncPhase, { description: "Step the run is in (DONE once finished)." })
  phase!: SyncPhase;

  @Field(() => SyncTrigger, { description: "What started the run." })
  trigger!: SyncTrigger;

  @Field(() => GraphQLDateTimeISO, { description: "When the run was requested." })
  queuedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "When the run started working." })
  startedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "When the run finished." })
  finishedAt!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description: "Working time in milliseconds (finished runs).",
  })
  durationMs!: number | null;

  @Field(() => Boolean, {
    description:
      "True when the registry reported no change (HTTP 304 or an identical listing): nothing was written.",
  })
  unchanged!: boolean;

  @Field(() => Int, { description: "Charts in the listing." })
  chartsSeen!: number;

  @Field(() => Int, {
    description: "Version entries in the listing, skipped ones (see `versionsSkipped`) included.",
  })
  versionsSeen!: number;

  @Field(() => Int, { description: "Charts added to the catalog." })
  chartsAdded!: number;

  @Field(() => Int, { description: "Charts removed from the catalog (gone from the registry)." })
  chartsRemoved!: number;

  @Field(() => Int, { description: "Versions added." })
  versionsAdded!: number;

  @Field(() => Int, { description: "Versions whose metadata changed." })
  versionsUpdated!: number;

  @Field(() => Int, { description: "Versions removed (gone from a complete listing)." })
  versionsRemoved!: number;

  @Field(() => Int, { description: "Versions already in the catalog as listed." })
  versionsUnchanged!: number;

  @Field(() => Int, {
    description:
      "Version entries left out of the catalog: no name or version, malformed, or a repeat of a version already listed (see `warnings`).",
  })
  versionsSkipped!: number;

  @Field(() => Float, { description: "Bytes received from the registry." })
  bytesFetched!: number;

  @Field(() => [SyncWarning], { description: "Entries skipped and oddities found." })
  warnings!: SyncWarning[];

  @Field(() => SyncError, { nullable: true, description: "Why the run failed, for FAILED runs." })
  error!: SyncError | null;
}

@ObjectType("SyncRunConnection", {
  simpleResolvers: true,
  description: "A page of sync runs, newest first.",
})
export class SyncRunConnection extends ConnectionType(SyncRun, "SyncRun") {}
