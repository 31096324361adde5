import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { RegistryScope, WebhookDeliveryStatus, WebhookEvent } from "./enums";

@ObjectType({
  simpleResolvers: true,
  description: "Which events of the owner's registries a webhook is sent; empty fields keep all.",
})
export class WebhookFilter {
  @Field(() => ID, { nullable: true, description: "Only events of this registry." })
  registryId!: string | null;

  @Field(() => String, { nullable: true, description: "Only versions of this chart (exact name)." })
  chart!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Only versions in this range: a version, a semver range or a Helm constraint (`>=1.2 <2`, `^1.4`, `1.2.x`); " +
      "prereleases only when the range names one.",
  })
  range!: string | null;
}

@ObjectType({
  description:
    "A URL that events of the registries its owner sees are POSTed to, signed with its secret (README " +
    '"Webhooks"). The secret is write-only: no query returns it.',
})
export class Webhook {
  /** The store id (field resolvers read the log by it). */
  dbId!: string;

  @Field(() => ID, { description: "Opaque global id." })
  id!: string;

  @Field(() => RegistryScope, {
    description: "TENANT (its tenant's and the system's registries) or SYSTEM (the system's).",
  })
  scope!: RegistryScope;

  @Field(() => String, { description: "Where deliveries are POSTed." })
  url!: string;

  @Field(() => [WebhookEvent], { description: "The events sent." })
  events!: WebhookEvent[];

  @Field(() => WebhookFilter, { description: "Which events are sent." })
  filter!: WebhookFilter;

  @Field(() => Boolean, {
    description:
      "Always true: every webhook has a signing secret (the secret itself is never returned).",
  })
  hasSecret!: boolean;

  @Field(() => Boolean, {
    description: "False: paused; no new deliveries are recorded and pending ones wait.",
  })
  active!: boolean;

  @Field(() => GraphQLDateTimeISO, { description: "When it was added." })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { description: "When it last changed." })
  updatedAt!: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: "One delivery of one event to a webhook, and how it went (the delivery log).",
})
export class WebhookDelivery {
  @Field(() => ID, {
    description: "The delivery id, sent as `X-Gateway-Delivery`; the same on every retry.",
  })
  id!: string;

  @Field(() => WebhookEvent, { description: "The event (`X-Gateway-Event`)." })
  event!: WebhookEvent;

  @Field(() => WebhookDeliveryStatus, { description: "Where the delivery is." })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: "Tries made so far." })
  attempts!: number;

  @Field(() => Int, {
    nullable: true,
    description: "HTTP status of the last answer; null when none came (timeout, refused).",
  })
  lastStatusCode!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Why the last try failed; null once delivered.",
  })
  lastError!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "When the last try began." })
  lastAttemptAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: "PENDING: when the next try is due; null otherwise.",
  })
  nextAttemptAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: "When the receiver answered 2xx.",
  })
  deliveredAt!: Date | null;

  @Field(() => String, { description: "The JSON body sent (the bytes the signature covers)." })
  payload!: string;

  @Field(() => GraphQLDateTimeISO, { description: "When the event was recorded." })
  createdAt!: Date;
}

@InputType({ description: "Which events a webhook is sent; empty fields keep all." })
export class WebhookFilterInput {
  @Field(() => ID, {
    nullable: true,
    description: "Only events of this registry (one the owner sees).",
  })
  registryId?: string | null;

  @Field(() => String, { nullable: true, description: "Only versions of this chart (exact name)." })
  chart?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Only versions in this range (a version, semver range or Helm constraint).",
  })
  range?: string | null;
}
