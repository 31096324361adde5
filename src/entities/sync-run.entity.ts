import { JSON_TEXT } from "../store/portable-types";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

import type { SyncPhase, SyncRunStatus, SyncTrigger } from "../domain/enums";

export type { SyncPhase, SyncRunStatus, SyncTrigger };

/** The history of one synchronization of one registry. */
@Entity({ name: "sync_run" })
@Index("idx_sync_run_registry_created", ["registryId", "queuedAt"])
@Index("idx_sync_run_status", ["status"])
export class SyncRunEntity {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id!: string;

  @Column({ name: "registry_id", type: "varchar", length: 36 })
  registryId!: string;

  @Column({ type: "varchar", length: 16 })
  status!: SyncRunStatus;

  @Column({ type: "varchar", length: 16 })
  phase!: SyncPhase;

  @Column({ type: "varchar", length: 16 })
  trigger!: SyncTrigger;

  @Column({ name: "queued_at", type: "datetime" })
  queuedAt!: Date;

  @Column({ name: "started_at", type: "datetime", nullable: true })
  startedAt!: Date | null;

  @Column({ name: "finished_at", type: "datetime", nullable: true })
  finishedAt!: Date | null;

  /** True when the registry reported no change (304 or identical digest). */
  @Column({ type: "boolean", default: false })
  unchanged!: boolean;

  @Column({ name: "charts_seen", type: "integer", default: 0 })
  chartsSeen!: number;

  @Column({ name: "versions_seen", type: "integer", default: 0 })
  versionsSeen!: number;

  @Column({ name: "charts_added", type: "integer", default: 0 })
  chartsAdded!: number;

  @Column({ name: "charts_removed", type: "integer", default: 0 })
  chartsRemoved!: number;

  @Column({ name: "versions_added", type: "integer", default: 0 })
  versionsAdded!: number;

  @Column({ name: "versions_updated", type: "integer", default: 0 })
  versionsUpdated!: number;

  @Column({ name: "versions_removed", type: "integer", default: 0 })
  versionsRemoved!: number;

  @Column({ name: "versions_unchanged", type: "integer", default: 0 })
  versionsUnchanged!: number;

  @Column({ name: "versions_skipped", type: "integer", default: 0 })
  versionsSkipped!: number;

  @Column({ name: "bytes_fetched", type: "integer", default: 0 })
  bytesFetched!: number;

  /** JSON array of {code, message, chart?, version?}. */
  @Column({ type: JSON_TEXT, default: "[]" })
  warnings!: string;

  @Column({ name: "error_code", type: "varchar", length: 32, nullable: true })
  errorCode!: string | null;

  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  /** Set on runs that re-queue an interrupted one. */
  @Column({ name: "retry_of", type: "varchar", length: 36, nullable: true })
  retryOf!: string | null;
}
