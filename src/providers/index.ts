import { RegistryError, RegistryErrorCode } from "./errors";
import { HelmProvider } from "./helm/helm.provider";
import { createHttpClient, type HttpClientFactory } from "./http/http-client";
import { type NetworkPolicy } from "./http/network-policy";
import { OciProvider, type OciProviderOptions } from "./oci/oci.provider";
import { PackRegistryProvider } from "./pack/pack-registry.provider";
import {
  type FetchLimits,
  type OciProviderType,
  type RegistryKind,
  type RegistryProvider,
} from "./provider";

/** The providers of the protocols this build supports, by registry kind. */
export class ProviderSet {
  private readonly byKind = new Map<RegistryKind, RegistryProvider>();

  constructor(providers: RegistryProvider[]) {
    for (const provider of providers) this.byKind.set(provider.kind, provider);
  }

  has(kind: string): kind is RegistryKind {
    return this.byKind.has(kind as RegistryKind);
  }

  /** True when OCI registries of this provider type can be synchronized by this build. */
  supportsOci(providerType: OciProviderType): boolean {
    const provider = this.byKind.get("OCI");
    return Boolean(provider?.supportedOciProviderTypes?.includes(providerType));
  }

  /** The provider for a kind; a kind without one is an INVALID_CONFIGURATION error. */
  get(kind: RegistryKind): RegistryProvider {
    const provider = this.byKind.get(kind);
    if (!provider) {
      throw new RegistryError(
        RegistryErrorCode.INVALID_CONFIGURATION,
        `${kind} registries are not supported yet`,
      );
    }
    return provider;
  }
}

/** How the providers are built: the OCI settings and the network policy of every connection. */
export interface ProvidersOptions extends Omit<OciProviderOptions, "clientFactory"> {
  /** Checks every registry connection (SSRF): endpoints, redirects, resolved addresses. */
  networkPolicy: NetworkPolicy;
}

/**
 * Builds every provider with the configured limits. Every HTTP client they open goes through
 * `options.networkPolicy`; the other options configure the OCI provider (request concurrency per
 * registry, AWS endpoint overrides for ECR).
 */
export function createProviders(limits: FetchLimits, options: ProvidersOptions): ProviderSet {
  const { networkPolicy, ...ociOptions } = options;
  const hooks = networkPolicy.clientOptions;
  const clientFactory: HttpClientFactory = (target, l) => createHttpClient(target, l, hooks);
  const oci = new OciProvider(limits, { ...ociOptions, clientFactory });
  return new ProviderSet([
    new HelmProvider(limits, { clientFactory }),
    oci,
    new PackRegistryProvider(oci),
  ]);
}
