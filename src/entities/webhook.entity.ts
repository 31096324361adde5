import { JSON_TEXT } from "../store/portable-types";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { RegistryScope, WebhookDeliveryStatus, WebhookEvent } from "../domain/enums";

/**
 * A webhook: where events of the registries its owner sees are POSTed. Like a registry's
 * password, the signing secret is stored sealed (store/secret-box.ts) and never leaves the
 * service layer.
 */
@Entity({ name: "webhook" })
@Index("idx_webhook_tenant", ["tenantId"])
export class WebhookEntity {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id!: string;

  /** Owning tenant; null for SYSTEM webhooks (which hear system registries only). */
  @Column({ name: "tenant_id", type: "varchar", length: 128, nullable: true })
  tenantId!: string | null;

  @Column({ type: "varchar", length: 16 })
  scope!: RegistryScope;

  @Column({ type: "varchar", length: 2048 })
  url!: string;

  /** JSON array of WebhookEvent values. */
  @Column({ type: JSON_TEXT })
  events!: string;

  /** Only events of this registry (null: every registry the owner sees). */
  @Column({ name: "filter_registry_id", type: "varchar", length: 36, nullable: true })
  filterRegistryId!: string | null;

  /** Only versions of this chart. */
  @Column({ name: "filter_chart", type: "varchar", length: 256, nullable: true })
  filterChart!: string | null;

  /** Only versions in this range (semver or Helm constraint). */
  @Column({ name: "filter_range", type: "varchar", length: 256, nullable: true })
  filterRange!: string | null;

  /** The HMAC key, sealed. */
  @Column({ type: "text" })
  secret!: string;

  @Column({ type: "boolean", default: true })
  active!: boolean;

  @Column({ name: "created_at", type: "datetime" })
  createdAt!: Date;

  @Column({ name: "updated_at", type: "datetime" })
  updatedAt!: Date;
}

/**
 * One delivery of one event to one webhook: the outbox row and its log. The body is kept as sent
 * (the signature covers those exact bytes, and a retry sends them again with the same id).
 */
@Entity({ name: "webhook_delivery" })
@Index("idx_webhook_delivery_due", ["status", "nextAttemptAt"])
@Index("idx_webhook_delivery_webhook", ["webhookId", "createdAt"])
export class WebhookDeliveryEntity {
  /** The delivery id (`X-Gateway-Delivery`): receivers deduplicate by it. */
  @PrimaryColumn({ type: "varchar", length: 36 })
  id!: string;

  @Column({ name: "webhook_id", type: "varchar", length: 36 })
  webhookId!: string;

  @Column({ type: "varchar", length: 32 })
  event!: WebhookEvent;

  /** The exact body that is signed and sent (text on both stores: jsonb would re-space it). */
  @Column({ type: "text" })
  payload!: string;

  @Column({ type: "varchar", length: 16 })
  status!: WebhookDeliveryStatus;

  @Column({ type: "integer", default: 0 })
  attempts!: number;

  @Column({ name: "next_attempt_at", type: "datetime" })
  nextAttemptAt!: Date;

  /** While an instance is sending it: no other instance claims it before this time. */
  @Column({ name: "lease_until", type: "datetime", nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: "last_attempt_at", type: "datetime", nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: "last_status_code", type: "integer", nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;

  @Column({ name: "delivered_at", type: "datetime", nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: "created_at", type: "datetime" })
  createdAt!: Date;
}
