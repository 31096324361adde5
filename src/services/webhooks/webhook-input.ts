import { type WebhookEvent } from "../../domain/enums";
import { badInput } from "../api-errors";
import { parseVersionSpec } from "../catalog/version-order";

/**
 * What a webhook input may be (pure rules, unit-tested): an absolute http(s) URL without
 * credentials, at least one event, a secret long enough to key an HMAC, a filter whose range is
 * one Helm reads. Every refusal is BAD_USER_INPUT naming the field; no message repeats the URL
 * (it may hold a token) or the secret.
 */

/** Shortest secret accepted (GitHub suggests a long random string; 16 characters at least). */
export const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 1024;
const MAX_URL_LENGTH = 2048;
const MAX_CHART_LENGTH = 256;
const MAX_RANGE_LENGTH = 256;

/** The filter of a webhook as stored. */
export interface WebhookFilterValue {
  registryId: string | null;
  chart: string | null;
  range: string | null;
}

/** The delivery URL, checked: absolute http(s), no userinfo, no fragment. */
export function webhookUrl(text: string): string {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw badInput("url is not an absolute URL", "url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw badInput(`url must use http or https, not ${url.protocol.replace(/:$/, "")}`, "url");
  if (url.username !== "" || url.password !== "")
    throw badInput("url contains credentials; sign deliveries with the secret instead", "url");
  url.hash = "";
  if (url.href.length > MAX_URL_LENGTH)
    throw badInput(`url is longer than ${MAX_URL_LENGTH} characters`, "url");
  return url.href;
}

/** The events, deduplicated in a stable order; at least one. */
export function webhookEvents(events: readonly WebhookEvent[]): WebhookEvent[] {
  const unique = [...new Set(events)].sort();
  if (unique.length === 0) throw badInput("events must name at least one event", "events");
  return unique;
}

/** The signing secret: at least MIN_SECRET_LENGTH characters. */
export function webhookSecret(secret: string): string {
  if (secret.length < MIN_SECRET_LENGTH)
    throw badInput(`secret must be at least ${MIN_SECRET_LENGTH} characters long`, "secret");
  if (secret.length > MAX_SECRET_LENGTH)
    throw badInput(`secret must be at most ${MAX_SECRET_LENGTH} characters long`, "secret");
  return secret;
}

/** The chart and range of a filter, trimmed; empty means none. */
export function webhookFilter(filter: {
  registryId: string | null;
  chart?: string | null;
  range?: string | null;
}): WebhookFilterValue {
  const chart = filter.chart?.trim() || null;
  const range = filter.range?.trim() || null;
  if (chart && chart.length > MAX_CHART_LENGTH)
    throw badInput(`filter.chart is longer than ${MAX_CHART_LENGTH} characters`, "filter.chart");
  if (range && (range.length > MAX_RANGE_LENGTH || !parseVersionSpec(range)))
    throw badInput(`filter.range is longer than Helm's constraints allow`, "filter.range");
  return { registryId: filter.registryId, chart, range };
}
