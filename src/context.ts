import { ProfileService } from "./services/profiles/profile.service";
import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { type Config } from "./config/config";
import { type Logger } from "./observability/logger";
import { type ProviderSet } from "./providers";
import { CatalogService } from "./services/catalog/catalog.service";
import { ContentService } from "./services/catalog/content.service";
import { CompareService } from "./services/compare/compare.service";
import { ImageUsageService } from "./services/compare/image-usage.service";
import { createLoaders, type Loaders } from "./services/loaders";
import { ReferenceService } from "./services/profiles/reference.service";
import { RegistryService } from "./services/registries/registry.service";
import { SyncRunService } from "./services/sync/sync-run.service";
import { SyncService } from "./services/sync/sync.service";
import { Authenticator } from "./access/authenticator";
import { TrustPolicyService } from "./services/trust/trust-policy.service";
import { VerificationService } from "./services/trust/verification.service";
import { StoreRateLimiter, TenantRateLimiter } from "./services/sync/rate-limit";
import { RegistryCallLimits } from "./services/registry-calls";
import { type Viewer } from "./access/viewer";
import { type ExecutionStats, newExecutionStats } from "./serving/execution-stats";
import { type ResponseCache } from "./serving/response-cache";
import { type CatalogVersion } from "./store/catalog-version";
import { type SecretBox } from "./store/secret-box";
import { type WriteLock } from "./store/write-lock";
import { type SyncEngine } from "./sync/sync-engine";
import { type SyncEventBus } from "./sync/sync-events";
import { type NetworkPolicy } from "./providers/http/network-policy";
import { WebhookService } from "./services/webhooks/webhook.service";
import { VersionFeed } from "./services/catalog/version-feed";

/** Long-lived services shared by every request. */
export interface Services {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  providers: ProviderSet;
  registries: RegistryService;
  catalog: CatalogService;
  runs: SyncRunService;
  references: ReferenceService;
  profiles: ProfileService;
  content: ContentService;
  /** Comparisons of two versions (services/compare). */
  compare: CompareService;
  /** Versions that pull an image (services/compare). */
  imageUsage: ImageUsageService;
  /** Sync requests, cancels and the progress and change streams, for a viewer. */
  syncs: SyncService;
  /** Verifies bearer tokens and turns them into viewers. */
  auth: Authenticator;
  /** The version that cached read responses are keyed by. */
  catalogVersion: CatalogVersion;
  /** The HTTP response cache, once the server runs with one (its counts are reported). */
  responseCache?: ResponseCache;
  /** How GraphQL operations were executed (compiled or not). */
  execution: ExecutionStats;
  /** Live registry calls per operation and per tenant (see services/registry-calls.ts). */
  registryCalls: RegistryCallLimits;
  /** Webhooks of tenants and of the system, and their delivery logs. */
  webhooks: WebhookService;
  /** Versions entering a registry's catalog (`chartVersionPublished`). */
  versionFeed: VersionFeed;
  /** Trust policies: the keys of each tenant and of the system. */
  trust: TrustPolicyService;
  /** Versions' signature checks, judged by a viewer's trust policy. */
  verification: VerificationService;
}

/** What every resolver receives: who asks, fresh loaders, the services. */
export interface GatewayContext {
  requestId: string;
  viewer: Viewer;
  loaders: Loaders;
  services: Services;
}

/** Builds the read/write services over a data source. */
export function createServices(parts: {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  providers: ProviderSet;
  sync: SyncEngine;
  events: SyncEventBus;
  writeLock: WriteLock;
  secrets: SecretBox;
  catalogVersion: CatalogVersion;
  /** The SSRF rules, which webhook URLs are checked against too. */
  networkPolicy: NetworkPolicy;
}): Services {
  const catalog = new CatalogService(parts.dataSource);
  const runs = new SyncRunService(parts.dataSource);
  const registries = new RegistryService(
    parts.dataSource,
    parts.providers,
    parts.logger,
    parts.writeLock,
    parts.secrets,
    parts.catalogVersion,
    // Deleting a registry cancels its run in flight (once the policy allows the delete).
    parts.sync,
  );
  const syncs = new SyncService(
    parts.sync,
    registries,
    runs,
    parts.events,
    // PostgreSQL: one budget per tenant across every instance of a fleet.
    parts.dataSource.options.type === "postgres"
      ? new StoreRateLimiter(parts.dataSource, parts.config.limits.syncRequestsPerMinute)
      : new TenantRateLimiter(parts.config.limits.syncRequestsPerMinute),
  );
  const references = new ReferenceService(parts.providers, catalog, parts.secrets);
  const content = new ContentService(
    parts.dataSource,
    parts.providers,
    parts.logger,
    parts.writeLock,
    parts.secrets,
  );
  return {
    config: parts.config,
    dataSource: parts.dataSource,
    logger: parts.logger,
    providers: parts.providers,
    syncs,
    auth: new Authenticator(parts.config.auth),
    catalogVersion: parts.catalogVersion,
    execution: newExecutionStats(),
    registryCalls: new RegistryCallLimits(
      parts.config.limits.maxRegistryCallsPerOperation,
      parts.config.limits.registryCallsPerMinute,
    ),
    registries,
    catalog,
    runs,
    references,
    profiles: new ProfileService(registries, catalog, references),
    trust: new TrustPolicyService(
      parts.dataSource,
      parts.writeLock,
      parts.catalogVersion,
      parts.logger,
    ),
    verification: new VerificationService(
      parts.dataSource,
      parts.providers,
      parts.logger,
      parts.writeLock,
      parts.secrets,
      parts.catalogVersion,
    ),
    versionFeed: new VersionFeed(parts.dataSource, parts.events, registries),
    webhooks: new WebhookService(
      parts.dataSource,
      parts.writeLock,
      parts.secrets,
      registries,
      parts.networkPolicy,
    ),
    content,
    compare: new CompareService(parts.dataSource, registries, catalog, content),
    imageUsage: new ImageUsageService(parts.dataSource),
  };
}

/**
 * The one context factory, for HTTP requests and for WebSocket subscriptions alike. Loaders are
 * per context: a subscription builds a context per event, never one for its lifetime.
 */
export function createContext(services: Services, viewer: Viewer): GatewayContext {
  return new RequestContext(services, viewer);
}

/**
 * A context whose loaders are made on first use: a subscription that never loads anything (a
 * thousand dashboards watching a run) builds none. A class, so that the lazy `loaders` is a
 * prototype getter every resolver reads at full speed (an accessor on an object literal made a
 * page of charts cost a third more).
 */
class RequestContext implements GatewayContext {
  readonly requestId = randomUUID();
  private loadersOfRequest?: Loaders;

  constructor(
    readonly services: Services,
    readonly viewer: Viewer,
  ) {}

  get loaders(): Loaders {
    return (this.loadersOfRequest ??= createLoaders(
      this.services.registries.recent,
      this.services.catalog,
      this.services.runs,
    ));
  }
}
