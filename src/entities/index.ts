import { ChartVersionEntity } from "./chart-version.entity";
import { ChartEntity } from "./chart.entity";
import { RegistryEntity } from "./registry.entity";
import { SyncRunEntity } from "./sync-run.entity";
import { SignatureCheckEntity, SignatureProbeEntity, TrustedKeyEntity } from "./trust.entity";
import { VersionContentEntity } from "./version-content.entity";
import { WebhookDeliveryEntity, WebhookEntity } from "./webhook.entity";

export {
  ChartEntity,
  ChartVersionEntity,
  RegistryEntity,
  SyncRunEntity,
  VersionContentEntity,
  WebhookDeliveryEntity,
  WebhookEntity,
  SignatureCheckEntity,
  SignatureProbeEntity,
  TrustedKeyEntity,
};

/** Every entity, for the data source. */
export const entities = [
  RegistryEntity,
  ChartEntity,
  ChartVersionEntity,
  SyncRunEntity,
  VersionContentEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
  TrustedKeyEntity,
  SignatureProbeEntity,
  SignatureCheckEntity,
];
