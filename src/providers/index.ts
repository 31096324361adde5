import { RegistryError, RegistryErrorCode } from "./errors";
import { HelmProvider } from "./helm/helm.provider";
import { type FetchLimits, type RegistryKind, type RegistryProvider } from "./provider";

/** The providers of the protocols this build supports, by registry kind. */
export class ProviderSet {
  private readonly byKind = new Map<RegistryKind, RegistryProvider>();

  constructor(providers: RegistryProvider[]) {
    for (const provider of providers) this.byKind.set(provider.kind, provider);
  }

  has(kind: string): kind is RegistryKind {
    return this.byKind.has(kind as RegistryKind);
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

/** Builds every provider with the configured limits. */
export function createProviders(limits: FetchLimits): ProviderSet {
  return new ProviderSet([new HelmProvider(limits)]);
}
