import {
  type CatalogChangedEvent,
  type SyncEventBus,
  type SyncProgressEvent,
} from "../../sync/sync-events";
import { type WebhookOutbox } from "./webhook-outbox";

/**
 * The sync engine's event bus with webhooks listening: every event goes to the bus as before, and
 * the outbox records deliveries for it. Only the engine publishes through this (the instance
 * that ran the sync), so in a fleet each event is recorded once, not once per instance that
 * hears it.
 */
export function withWebhooks(bus: SyncEventBus, outbox: WebhookOutbox): SyncEventBus {
  return {
    publishProgress(event: SyncProgressEvent) {
      bus.publishProgress(event);
      outbox.progress(event);
    },
    publishCatalogChanged(event: CatalogChangedEvent) {
      bus.publishCatalogChanged(event);
      outbox.catalogChanged(event);
    },
    progress: () => bus.progress(),
    catalogChanges: () => bus.catalogChanges(),
    progressAudience: () => bus.progressAudience(),
    ...(bus.remoteState ? { remoteState: (runId: string) => bus.remoteState!(runId) } : {}),
    ...(bus.remoteStateOfRegistry
      ? { remoteStateOfRegistry: (id: string) => bus.remoteStateOfRegistry!(id) }
      : {}),
    ...(bus.forget ? { forget: (runId: string) => bus.forget!(runId) } : {}),
  };
}
