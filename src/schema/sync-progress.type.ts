import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { SyncPhase, SyncRunStatus } from "./enums";

@ObjectType({ simpleResolvers: true, description: "Counts of a sync run so far." })
export class SyncCounts {
  @Field(() => Int, { description: "Charts in the listing." })
  chartsSeen!: number;

  @Field(() => Int, { description: "Version entries in the listing, skipped ones included." })
  versionsSeen!: number;

  @Field(() => Int, { description: "Versions added." })
  versionsAdded!: number;

  @Field(() => Int, { description: "Versions whose metadata changed." })
  versionsUpdated!: number;

  @Field(() => Int, { description: "Versions removed." })
  versionsRemoved!: number;

  @Field(() => Int, { description: "Versions already in the catalog as listed." })
  versionsUnchanged!: number;

  @Field(() => Int, { description: "Version entries left out of the catalog." })
  versionsSkipped!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A progress event of a sync run. Coalesced to at most one per SYNC_PROGRESS_INTERVAL (250 ms by default) per run within a phase; every phase change and the terminal " +
    "event are always delivered, and a subscriber that joins mid-run first receives the current state.",
})
export class SyncProgress {
  /** Store ids; not part of the API. */
  runDbId!: string;
  registryDbId!: string;

  @Field(() => ID, { description: "Global id of the sync run." })
  runId!: string;

  @Field(() => ID, { description: "Global id of the registry." })
  registryId!: string;

  @Field(() => SyncRunStatus, {
    description: "The run's status; a terminal status ends a run's stream.",
  })
  status!: SyncRunStatus;

  @Field(() => SyncPhase, { description: "The step the run is in." })
  phase!: SyncPhase;

  @Field(() => Float, {
    nullable: true,
    description:
      "Work done in this phase: bytes while FETCHING, charts while PARSING, versions while APPLYING.",
  })
  done!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Work to do in this phase, when known (same unit as `done`).",
  })
  total!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "`done` per second since the phase began, when known.",
  })
  ratePerSecond!: number | null;

  @Field(() => SyncCounts, { description: "Counts so far (final once the run is terminal)." })
  counts!: SyncCounts;

  @Field(() => Float, { description: "Bytes received from the registry so far." })
  bytesFetched!: number;

  @Field(() => String, {
    nullable: true,
    description: "What is happening, for a person (the error message on failure).",
  })
  message!: string | null;

  @Field(() => GraphQLDateTimeISO, { description: "When the gateway published this event." })
  at!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "A chart version added to or removed from the catalog.",
})
export class VersionRef {
  @Field(() => String, { description: "Chart name." })
  chart!: string;

  @Field(() => String, { description: "Version." })
  version!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "What a completed sync run changed in a registry's catalog (the change feed).",
})
export class CatalogChange {
  @Field(() => ID, { description: "Global id of the registry." })
  registryId!: string;

  @Field(() => ID, { description: "Global id of the sync run that made the change." })
  runId!: string;

  @Field(() => [VersionRef], { description: "Versions added (at most 1,000; see `addedCount`)." })
  added!: VersionRef[];

  @Field(() => [VersionRef], {
    description: "Versions removed (at most 1,000; see `removedCount`).",
  })
  removed!: VersionRef[];

  @Field(() => Int, { description: "Number of versions added." })
  addedCount!: number;

  @Field(() => Int, { description: "Number of versions removed." })
  removedCount!: number;

  @Field(() => Int, { description: "Number of versions whose metadata changed." })
  updatedCount!: number;

  @Field(() => GraphQLDateTimeISO, { description: "When the change was committed." })
  at!: string;
}
