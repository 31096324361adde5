/**
 * The protocol of a legacy Palette pack registry (the `spectro-registry` server), in one place so
 * that the real protocol can replace it.
 *
 * Palette documents only two requests of that server (notes/palette-domain.md §4.2):
 * `GET /health` (200) and `GET /v1/_catalog` with basic auth, which lists the packs. The rest of
 * its API is not public. ASSUMPTION: the server is a Docker Distribution derivative (its
 * configuration has Distribution's schema) that serves the rest of the distribution API under
 * `/v1/` as it serves the catalog: `/v1/<name>/tags/list`, `/v1/<name>/manifests/<tag>`,
 * `/v1/<name>/blobs/<digest>`; a pack is stored as OCI packs are (one `<name>-<version>.tar.gz`
 * layer holding the pack folder); besides version tags it keeps parent tags (`1.x`, `1.2.x`,
 * `lts__1.2.x`) and group labels (`lts__1.2.3`), which are aliases, not versions.
 */
import type { RegistryProtocol } from "../oci/oci-client";

export const LEGACY_PACK_PROTOCOL: RegistryProtocol = {
  apiRoot: "/v1",
  pingPath: "/health",
  // /health takes no credentials; the catalog (basic auth) is where they are checked.
  pingAuthenticates: false,
  name: "a Palette pack registry API (/health)",
};
