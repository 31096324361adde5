/**
 * Where a registry serves the distribution-style API: its root (`/v2` for OCI) and the request
 * that checks the endpoint and the credentials. Legacy Palette pack registries use another root
 * (see `providers/pack/legacy-pack-protocol.ts`).
 */
export interface RegistryProtocol {
  /** Path prefix of `_catalog`, `<name>/tags/list`, `<name>/manifests/…`, `<name>/blobs/…`. */
  apiRoot: string;
  /** Path requested by `ping()`. */
  pingPath: string;
  /**
   * True when `ping()` checks the credentials (`/v2/` answers 401 to wrong ones). Otherwise the
   * catalog is the credential check, and its 401 means wrong credentials, not a closed catalog.
   */
  pingAuthenticates: boolean;
  /** What the API is called in messages. */
  name: string;
}

/** The OCI distribution API. */
export const DISTRIBUTION_PROTOCOL: RegistryProtocol = {
  apiRoot: "/v2",
  pingPath: "/v2/",
  pingAuthenticates: true,
  name: "the OCI distribution API",
};
