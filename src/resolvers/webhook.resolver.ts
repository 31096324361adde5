import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { type GatewayContext } from "../context";
import { type WebhookDeliveryEntity, type WebhookEntity } from "../entities";
import { RegistryScope, WebhookDeliveryStatus, WebhookEvent } from "../schema/enums";
import {
  Webhook,
  WebhookDelivery,
  WebhookFilter,
  WebhookFilterInput,
} from "../schema/webhook.type";
import { badInput, notFound } from "../services/api-errors";
import { idOfType, toGlobalId } from "../services/ids";
import { eventsOf } from "../services/webhooks/webhook.service";

function toWebhook(entity: WebhookEntity): Webhook {
  const filter = Object.assign(new WebhookFilter(), {
    registryId: entity.filterRegistryId ? toGlobalId("Registry", entity.filterRegistryId) : null,
    chart: entity.filterChart,
    range: entity.filterRange,
  });
  return Object.assign(new Webhook(), {
    dbId: entity.id,
    id: toGlobalId("Webhook", entity.id),
    scope: entity.scope,
    url: entity.url,
    events: eventsOf(entity),
    filter,
    hasSecret: true,
    active: entity.active,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  });
}

function toDelivery(entity: WebhookDeliveryEntity): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    id: entity.id,
    event: entity.event,
    status: entity.status,
    attempts: entity.attempts,
    lastStatusCode: entity.lastStatusCode,
    lastError: entity.lastError,
    lastAttemptAt: entity.lastAttemptAt,
    nextAttemptAt: entity.status === "PENDING" ? entity.nextAttemptAt : null,
    deliveredAt: entity.deliveredAt,
    payload: entity.payload,
    createdAt: entity.createdAt,
  });
}

/**
 * A filter input with its registry id decoded; an id that is not a registry's becomes "", which
 * the service (after authorization) reports as not found.
 */
function filterOf(input: WebhookFilterInput | null | undefined) {
  if (!input) return input;
  const registryId = input.registryId ? (idOfType(input.registryId, "Registry") ?? "") : null;
  return { registryId, chart: input.chart ?? null, range: input.range ?? null };
}

function webhookId(id: string): string {
  const dbId = idOfType(id, "Webhook");
  if (!dbId) throw notFound("Webhook");
  return dbId;
}

/** Webhooks: managing them and reading their delivery log. */
@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => [Webhook], {
    description:
      "The webhooks of a scope, oldest first, for that scope's admins (default: the viewer's own scope: TENANT, or " +
      "SYSTEM for a system admin).",
  })
  async webhooks(
    @Arg("scope", () => RegistryScope, { nullable: true, description: "TENANT or SYSTEM." })
    scope: RegistryScope | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Webhook[]> {
    return (await ctx.services.webhooks.list(ctx.viewer, scope)).map(toWebhook);
  }

  @Mutation(() => Webhook, {
    description:
      "Adds a webhook: each event of the registries the owner sees that passes the filter is POSTed to `url` as JSON, " +
      "signed with `secret` (`X-Gateway-Signature-256: sha256=<HMAC-SHA256 hex>`), retried with backoff until " +
      "delivered. The URL must be one the network policy allows (REGISTRY_NETWORK_ALLOWLIST).",
  })
  async addWebhook(
    @Arg("url", () => String, { description: "Absolute http(s) URL deliveries are POSTed to." })
    url: string,
    @Arg("events", () => [WebhookEvent], { description: "The events to send (at least one)." })
    events: WebhookEvent[],
    @Arg("secret", () => String, {
      description: "The HMAC key (at least 16 characters); write-only, never returned.",
    })
    secret: string,
    @Arg("filter", () => WebhookFilterInput, {
      nullable: true,
      description: "Which events to send; none: every event of the registries the owner sees.",
    })
    filter: WebhookFilterInput | null,
    @Arg("scope", () => RegistryScope, {
      nullable: true,
      description: "Owner scope. Default TENANT; SYSTEM needs a system admin.",
    })
    scope: RegistryScope | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Webhook> {
    return toWebhook(
      await ctx.services.webhooks.add(ctx.viewer, {
        url,
        events,
        secret,
        filter: filterOf(filter),
        scope,
      }),
    );
  }

  @Mutation(() => Webhook, {
    description:
      "Changes a webhook: only the arguments given change (`filter: null` clears the filter). A new secret signs the " +
      "deliveries sent from then on.",
  })
  async updateWebhook(
    @Arg("id", () => ID, { description: "The webhook." }) id: string,
    @Arg("url", () => String, { nullable: true, description: "New URL." }) url: string | null,
    @Arg("events", () => [WebhookEvent], { nullable: true, description: "New events." })
    events: WebhookEvent[] | null,
    @Arg("secret", () => String, { nullable: true, description: "New secret (write-only)." })
    secret: string | null,
    @Arg("filter", () => WebhookFilterInput, {
      nullable: true,
      description: "New filter; null clears it; omitted keeps it.",
    })
    filter: WebhookFilterInput | null | undefined,
    @Arg("active", () => Boolean, {
      nullable: true,
      description: "False pauses the webhook; true resumes it.",
    })
    active: boolean | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Webhook> {
    return toWebhook(
      await ctx.services.webhooks.update(ctx.viewer, webhookId(id), {
        url,
        events,
        secret,
        active,
        filter: filterOf(filter),
      }),
    );
  }

  @Mutation(() => Boolean, {
    description: "Removes a webhook with its delivery log; deliveries not sent yet are dropped.",
  })
  async removeWebhook(
    @Arg("id", () => ID, { description: "The webhook." }) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<boolean> {
    return ctx.services.webhooks.remove(ctx.viewer, webhookId(id));
  }

  @FieldResolver(() => [WebhookDelivery], {
    description: "The delivery log, newest first.",
  })
  async deliveries(
    @Root() webhook: Webhook,
    @Arg("first", () => Int, {
      defaultValue: 20,
      description: "How many deliveries (at most 100).",
    })
    first: number,
    @Arg("status", () => WebhookDeliveryStatus, {
      nullable: true,
      description: "Only deliveries of this status.",
    })
    status: WebhookDeliveryStatus | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<WebhookDelivery[]> {
    if (first < 0) throw badInput("first must not be negative", "first");
    return (await ctx.services.webhooks.deliveries(webhook.dbId, { first, status })).map(
      toDelivery,
    );
  }
}
