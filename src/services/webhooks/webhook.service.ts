import { randomUUID } from "node:crypto";
import { type DataSource, IsNull } from "typeorm";
import {
  addWebhookRefusal,
  ownerFor,
  type Refusal,
  webhookRefusal,
} from "../../access/access-policy";
import { type Viewer } from "../../access/viewer";
import {
  type RegistryScope,
  type WebhookDeliveryStatus,
  type WebhookEvent,
} from "../../domain/enums";
import { WebhookDeliveryEntity, WebhookEntity } from "../../entities";
import { RegistryError } from "../../providers/errors";
import { type NetworkPolicy } from "../../providers/http/network-policy";
import { type SecretBox, SecretUnavailableError } from "../../store/secret-box";
import { type Logger } from "../../observability/logger";
import { jsonList } from "../../store/sql";
import { type WriteLock } from "../../store/write-lock";
import { ApiErrorCode, apiError, badInput, notFound } from "../api-errors";
import { type RegistryService } from "../registries/registry.service";
import { webhookEvents, webhookFilter, webhookSecret, webhookUrl } from "./webhook-input";

/** The slot a webhook's secret is sealed for (bound into the ciphertext). */
export function webhookSecretSlot(webhookId: string) {
  return { registryId: `webhook:${webhookId}`, column: "secret" };
}

/** What `addWebhook` takes (registry ids already decoded). */
export interface AddWebhookInput {
  url: string;
  events: readonly WebhookEvent[];
  filter?: { registryId: string | null; chart?: string | null; range?: string | null } | null;
  secret: string;
  scope?: RegistryScope | null;
}

/** What `updateWebhook` takes: only the fields given change. */
export interface UpdateWebhookInput {
  url?: string | null;
  events?: readonly WebhookEvent[] | null;
  filter?: AddWebhookInput["filter"];
  secret?: string | null;
  active?: boolean | null;
}

/** Most deliveries one page of the log shows. */
export const MAX_DELIVERIES_PAGE = 100;

function refuse(denied: Refusal): never {
  if (denied.code === "NOT_FOUND") throw notFound("Webhook");
  throw apiError(ApiErrorCode[denied.code], denied.message);
}

/**
 * Webhooks of a scope (README "Webhooks"): added, changed, removed and listed by that scope's
 * admins (access/access-policy.ts decides, before anything is read from the input or written).
 * The secret is sealed as registry secrets are and never returned.
 */
export class WebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lock: WriteLock,
    private readonly secrets: SecretBox,
    private readonly registries: RegistryService,
    private readonly networkPolicy: NetworkPolicy,
  ) {}

  async add(viewer: Viewer, input: AddWebhookInput): Promise<WebhookEntity> {
    const scope = input.scope ?? "TENANT";
    const denied = addWebhookRefusal(viewer, scope);
    if (denied) refuse(denied);
    const entity = new WebhookEntity();
    entity.id = randomUUID();
    Object.assign(entity, ownerFor(viewer, scope));
    entity.url = this.checkedUrl(input.url);
    entity.events = JSON.stringify(webhookEvents(input.events));
    await this.applyFilter(viewer, entity, input.filter ?? null);
    entity.secret = this.secrets.seal(webhookSecret(input.secret), webhookSecretSlot(entity.id));
    entity.active = true;
    entity.createdAt = entity.updatedAt = new Date();
    await this.lock.run(() => this.dataSource.getRepository(WebhookEntity).insert(entity));
    return entity;
  }

  async update(viewer: Viewer, id: string, input: UpdateWebhookInput): Promise<WebhookEntity> {
    const entity = await this.getManaged(viewer, id);
    if (input.url != null) entity.url = this.checkedUrl(input.url);
    if (input.events != null) entity.events = JSON.stringify(webhookEvents(input.events));
    if (input.filter !== undefined) await this.applyFilter(viewer, entity, input.filter);
    if (input.secret != null)
      entity.secret = this.secrets.seal(webhookSecret(input.secret), webhookSecretSlot(entity.id));
    if (input.active != null) entity.active = input.active;
    entity.updatedAt = new Date();
    await this.lock.run(() => this.dataSource.getRepository(WebhookEntity).save(entity));
    return entity;
  }

  /** Removes a webhook with its delivery log (pending deliveries are dropped). */
  async remove(viewer: Viewer, id: string): Promise<boolean> {
    const entity = await this.getManaged(viewer, id);
    await this.lock.run(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.getRepository(WebhookDeliveryEntity).delete({ webhookId: entity.id });
        await manager.getRepository(WebhookEntity).delete({ id: entity.id });
      }),
    );
    return true;
  }

  /** The webhooks of a scope, oldest first; `scope` defaults to the viewer's own. */
  async list(viewer: Viewer, scope: RegistryScope | null | undefined): Promise<WebhookEntity[]> {
    const wanted = scope ?? (viewer.role === "SYSTEM_ADMIN" ? "SYSTEM" : "TENANT");
    const denied = addWebhookRefusal(viewer, wanted);
    if (denied) refuse(denied);
    const owner = ownerFor(viewer, wanted);
    return this.dataSource.getRepository(WebhookEntity).find({
      where: { scope: owner.scope, tenantId: owner.tenantId ?? IsNull() },
      order: { createdAt: "ASC", id: "ASC" },
    });
  }

  /**
   * The newest deliveries of a webhook the caller has already been allowed to see (the log is
   * a field of the webhook), optionally of one status.
   */
  async deliveries(
    webhookId: string,
    options: { first?: number | null; status?: WebhookDeliveryStatus | null },
  ): Promise<WebhookDeliveryEntity[]> {
    const first = options.first ?? 20;
    if (first < 0 || first > MAX_DELIVERIES_PAGE)
      throw badInput(`first must be between 0 and ${MAX_DELIVERIES_PAGE}`, "first");
    return this.dataSource.getRepository(WebhookDeliveryEntity).find({
      where: { webhookId, ...(options.status ? { status: options.status } : {}) },
      order: { createdAt: "DESC", id: "DESC" },
      take: first,
    });
  }

  /**
   * Seals with the current key every webhook secret sealed with an earlier one
   * (ENCRYPTION_PREVIOUS_KEYS), as registry secrets are at start-up; returns how many.
   */
  async resealSecrets(logger: Logger): Promise<number> {
    const repo = this.dataSource.getRepository(WebhookEntity);
    let resealed = 0;
    for (const row of await repo.find({ select: { id: true, secret: true } })) {
      if (this.secrets.isCurrent(row.secret)) continue;
      const slot = webhookSecretSlot(row.id);
      try {
        const secret = this.secrets.seal(this.secrets.open(row.secret, slot), slot);
        await this.lock.run(() => repo.update({ id: row.id }, { secret }));
        resealed++;
      } catch (error) {
        if (!(error instanceof SecretUnavailableError)) throw error;
        // Left as it is: its deliveries fail until the key returns or a new secret is set.
        logger.warn({ webhookId: row.id }, error.message);
      }
    }
    if (resealed > 0) logger.info({ resealed }, "webhook secrets encrypted with the current key");
    return resealed;
  }

  /** The webhook, when the viewer may manage it; NOT_FOUND or FORBIDDEN otherwise. */
  private async getManaged(viewer: Viewer, id: string): Promise<WebhookEntity> {
    const entity = await this.dataSource.getRepository(WebhookEntity).findOneBy({ id });
    if (!entity) throw notFound("Webhook");
    const denied = webhookRefusal(viewer, entity);
    if (denied) refuse(denied);
    return entity;
  }

  /**
   * The URL, checked by the input rules and by the network policy as far as it can be without
   * resolving names (IP literals, `localhost`): a refused address is refused here, not at the
   * first delivery. Names are checked again on every delivery, where they are resolved.
   */
  private checkedUrl(text: string): string {
    const url = webhookUrl(text);
    try {
      this.networkPolicy.beforeConnect(new URL(url));
    } catch (error) {
      if (error instanceof RegistryError) throw badInput(`url: ${error.message}`, "url");
      throw error;
    }
    return url;
  }

  private async applyFilter(
    viewer: Viewer,
    entity: WebhookEntity,
    filter: AddWebhookInput["filter"],
  ): Promise<void> {
    const value = webhookFilter(filter ?? { registryId: null });
    // Only a registry the owner sees: another tenant's is not found.
    if (value.registryId !== null) {
      if (!value.registryId) throw notFound("Registry");
      await this.registries.getVisible(viewer, value.registryId);
    }
    entity.filterRegistryId = value.registryId;
    entity.filterChart = value.chart;
    entity.filterRange = value.range;
  }
}

/** The events of a stored webhook. */
export function eventsOf(entity: Pick<WebhookEntity, "events">): WebhookEvent[] {
  return jsonList<WebhookEvent>(entity.events);
}
