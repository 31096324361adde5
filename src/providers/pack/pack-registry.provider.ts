/**
 * Legacy Palette pack registries (kind PACK): the OCI provider's pack reading over the legacy
 * protocol (see legacy-pack-protocol.ts). A pack registry lists its packs at its root, with basic
 * auth or none; packs are read as in OCI PACK registries.
 */
import { RegistryError, RegistryErrorCode } from "../errors";
import type { OciProvider } from "../oci/oci.provider";
import type {
  ListOptions,
  Listing,
  LookupResult,
  RegistryProvider,
  RegistryTarget,
  VersionContent,
  VersionContentRef,
} from "../provider";
import { LEGACY_PACK_PROTOCOL } from "./legacy-pack-protocol";

export class PackRegistryProvider implements RegistryProvider {
  readonly kind = "PACK" as const;

  constructor(private readonly oci: OciProvider) {}

  validate(target: RegistryTarget, signal?: AbortSignal): Promise<void> {
    return this.oci.validate(asOciTarget(target), signal);
  }

  list(target: RegistryTarget, options?: ListOptions): Promise<Listing> {
    return this.oci.list(asOciTarget(target), options);
  }

  lookup(
    target: RegistryTarget,
    chart: string,
    version: string,
    signal?: AbortSignal,
  ): Promise<LookupResult> {
    return this.oci.lookup(asOciTarget(target), chart, version, signal);
  }

  content(
    target: RegistryTarget,
    ref: VersionContentRef,
    signal?: AbortSignal,
  ): Promise<VersionContent> {
    return this.oci.content(asOciTarget(target), ref, signal);
  }
}

/** A pack registry as the OCI provider reads it: packs at the root, over the legacy protocol. */
function asOciTarget(target: RegistryTarget): RegistryTarget {
  if (target.kind !== "PACK") {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      `The pack registry provider cannot handle ${target.kind} registries.`,
    );
  }
  return {
    ...target,
    kind: "OCI",
    oci: {
      providerType: "PACK",
      authKind: "BASIC",
      baseContentPaths: [],
      repositories: [],
      protocol: LEGACY_PACK_PROTOCOL,
    },
  };
}
