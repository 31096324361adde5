import { type Viewer } from "./viewer";

/**
 * Who may do what, decided in one place. Services ask before any side effect (a run cancelled or
 * queued, a row written, an event published, a request sent to a registry); resolvers hold no
 * rule; the SQL filters of lists and search are built here too, so that what a list shows and
 * what a lookup finds can never disagree.
 *
 * The rules (README "Security", DESIGN.md "Scope"):
 * - a viewer sees the system's registries and their own tenant's; another tenant's registry is
 *   not found, never forbidden (its existence is not revealed);
 * - tenant admins manage their tenant's registries, system admins the system's;
 * - default registries are seen by everyone and changed by no one;
 * - syncing refreshes the catalog and changes no setting: a registry's managers may sync, cancel
 *   and force it, and so may tenant admins for system registries (the catalog they share).
 */

/** What a registry is, for the policy: who owns it and whether it is a seeded default. */
export interface OwnedRegistry {
  scope: "TENANT" | "SYSTEM";
  tenantId: string | null;
  /** Default registries are immutable. */
  isDefault?: boolean;
  name?: string;
}

/** What a viewer may want to do to a registry (or to a run of it). */
export type RegistryAction =
  /** Read it, its charts, its runs; subscribe to its events. */
  | "see"
  /** Change its settings. */
  | "update"
  /** Delete it with its catalog and history (its running sync is cancelled). */
  | "delete"
  /** Start a sync run, or join the one in flight. */
  | "sync"
  /** Interrupt a long-running run and start again. */
  | "force"
  /** Cancel a queued or running run. */
  | "cancel";

/** Why a request is refused: the API error code and a sentence for a person. */
export interface Refusal {
  code: "NOT_FOUND" | "FORBIDDEN" | "REGISTRY_IMMUTABLE";
  message: string;
}

/** True when the viewer may read a registry of this scope and owner. */
export function canSee(viewer: Viewer, registry: OwnedRegistry): boolean {
  return (
    registry.scope === "SYSTEM" ||
    (viewer.tenantId !== null && registry.tenantId === viewer.tenantId)
  );
}

/** True when the viewer may add, change or delete registries of this scope and owner. */
function isManager(viewer: Viewer, registry: OwnedRegistry): boolean {
  if (registry.scope === "SYSTEM") return viewer.role === "SYSTEM_ADMIN";
  return (
    viewer.role === "TENANT_ADMIN" &&
    viewer.tenantId !== null &&
    registry.tenantId === viewer.tenantId
  );
}

/** Null when the viewer manages what `owner` owns; else FORBIDDEN with the scope's message. */
function managerRefusal(
  viewer: Viewer,
  owner: OwnedRegistry,
  messages: Record<"SYSTEM" | "TENANT", string>,
): Refusal | null {
  return isManager(viewer, owner) ? null : { code: "FORBIDDEN", message: messages[owner.scope] };
}

/** True when the viewer may sync, force and cancel runs of a registry. */
function isSyncer(viewer: Viewer, registry: OwnedRegistry): boolean {
  return (
    isManager(viewer, registry) || (registry.scope === "SYSTEM" && viewer.role === "TENANT_ADMIN")
  );
}

const NOT_FOUND: Refusal = { code: "NOT_FOUND", message: "Registry not found" };

/**
 * Whether `viewer` may do `action` to `registry`: null when allowed, else the refusal. The order
 * is fixed: not visible (NOT_FOUND), then immutable (a default registry), then not allowed.
 */
export function refusal(
  viewer: Viewer,
  action: RegistryAction,
  registry: OwnedRegistry,
): Refusal | null {
  if (!canSee(viewer, registry)) return NOT_FOUND;
  switch (action) {
    case "see":
      return null;
    case "update":
    case "delete":
      if (registry.isDefault) {
        return {
          code: "REGISTRY_IMMUTABLE",
          message: `"${registry.name ?? "This registry"}" is a default registry and cannot be changed or deleted`,
        };
      }
      if (isManager(viewer, registry)) return null;
      return {
        code: "FORBIDDEN",
        message:
          registry.scope === "SYSTEM"
            ? "System registries can be changed only by a system admin"
            : "Only a tenant admin may change registries",
      };
    case "sync":
    case "force":
      return isSyncer(viewer, registry)
        ? null
        : { code: "FORBIDDEN", message: "Only an admin may synchronize registries" };
    case "cancel":
      return isSyncer(viewer, registry)
        ? null
        : { code: "FORBIDDEN", message: "Only an admin may cancel sync runs" };
  }
}

/**
 * The endpoint as this viewer is shown it. A Helm repository URL may carry an access token in its
 * query (Azure SAS `sig=`, signed URLs, `?token=`), kept because Helm keeps it; only those who
 * may change the registry (who typed it) see the values. Everyone else sees the parameter names
 * with each value replaced by `…`.
 */
export function shownEndpoint(viewer: Viewer, registry: OwnedRegistry & { endpoint: string }) {
  const query = registry.endpoint.indexOf("?");
  if (query < 0 || isManager(viewer, registry)) return registry.endpoint;
  const names = [...new URLSearchParams(registry.endpoint.slice(query + 1)).keys()];
  return `${registry.endpoint.slice(0, query)}?${names.map((name) => `${encodeURIComponent(name)}=…`).join("&")}`;
}

/** True when `refusal` would allow the action. */
export function may(viewer: Viewer, action: RegistryAction, registry: OwnedRegistry): boolean {
  return refusal(viewer, action, registry) === null;
}

/**
 * Whether the viewer may add a registry at `scope` (or check one there, as a dry run: a
 * validation sends requests to the endpoint, so it is the adder's right).
 */
export function addRefusal(viewer: Viewer, scope: "TENANT" | "SYSTEM"): Refusal | null {
  return managerRefusal(viewer, ownerFor(viewer, scope), {
    SYSTEM: "Only a system admin may add system registries",
    TENANT: "Only a tenant admin may add registries",
  });
}

/** The owner a registry the viewer adds at `scope` gets. */
export function ownerFor(
  viewer: Viewer,
  scope: "TENANT" | "SYSTEM",
): { scope: "TENANT" | "SYSTEM"; tenantId: string | null } {
  return { scope, tenantId: scope === "SYSTEM" ? null : viewer.tenantId };
}

/**
 * The events a viewer may receive: those of registries it sees. Events carry the owning tenant
 * (null for system registries).
 */
export function canSeeEvent(viewer: Viewer, event: { tenantId: string | null }): boolean {
  return canSee(viewer, {
    scope: event.tenantId === null ? "SYSTEM" : "TENANT",
    tenantId: event.tenantId,
  });
}

/**
 * Webhooks (README "Webhooks") are settings of a scope: the admins of that scope add, list,
 * change and remove them; a viewer of the tenant is refused (FORBIDDEN); another tenant's webhook
 * is not found, never forbidden.
 */
export function webhookRefusal(
  viewer: Viewer,
  owner: { scope: "TENANT" | "SYSTEM"; tenantId: string | null },
): Refusal | null {
  if (owner.scope === "TENANT" && (viewer.tenantId === null || owner.tenantId !== viewer.tenantId))
    return { code: "NOT_FOUND", message: "Webhook not found" };
  return managerRefusal(viewer, owner, {
    SYSTEM: "System webhooks are managed only by a system admin",
    TENANT: "Only a tenant admin may manage webhooks",
  });
}

/** Whether the viewer may add (or list) webhooks at `scope`. */
export function addWebhookRefusal(viewer: Viewer, scope: "TENANT" | "SYSTEM"): Refusal | null {
  return managerRefusal(viewer, ownerFor(viewer, scope), {
    SYSTEM: "Only a system admin may manage system webhooks",
    TENANT: "Only a tenant admin may manage webhooks",
  });
}

/**
 * The events a webhook hears: those of registries its owner sees (a tenant's webhook: its
 * tenant's and the system's registries; a system webhook: the system's only, never a tenant's).
 */
export function webhookHears(
  owner: { tenantId: string | null },
  event: { tenantId: string | null },
): boolean {
  return event.tenantId === null || (owner.tenantId !== null && event.tenantId === owner.tenantId);
}

/**
 * The SQL condition that keeps the registries a viewer sees (the same rule as `canSee`), over
 * the `registry` table under `alias`, with `?` placeholders, for lists and search.
 */
export function visibleRegistriesSql(
  viewer: Viewer,
  alias: string,
): { where: string; params: unknown[] } {
  return {
    where: `(${alias}.scope = 'SYSTEM' OR ${alias}.tenant_id = ?)`,
    params: [viewer.tenantId],
  };
}

/**
 * Trust policies (README "Trust policy and verified versions"): a viewer's policy is its tenant's
 * keys and the system's. Every viewer of a tenant may list both by fingerprint; tenant admins
 * change their tenant's, system admins the system's. Another tenant's keys are not found.
 */
export function trustPolicyRefusal(
  viewer: Viewer,
  action: "add" | "remove",
  owner: { scope: "TENANT" | "SYSTEM"; tenantId: string | null },
): Refusal | null {
  // Adding goes to the viewer's own tenant (or the system): there is nothing to hide.
  if (action === "remove" && !canSee(viewer, owner)) {
    return { code: "NOT_FOUND", message: "Trusted key not found" };
  }
  return managerRefusal(viewer, owner, {
    SYSTEM: "Only a system admin may change the system's trust policy",
    TENANT: "Only a tenant admin may change the tenant's trust policy",
  });
}

/**
 * The SQL condition that keeps the keys of a viewer's trust policy (its tenant's and the
 * system's) over the `trusted_key` table under `alias`, with `?` placeholders.
 */
export function trustedKeysSql(
  viewer: Viewer,
  alias: string,
): { where: string; params: unknown[] } {
  return {
    where: `(${alias}.scope = 'SYSTEM' OR ${alias}.tenant_id = ?)`,
    params: [viewer.tenantId],
  };
}

/**
 * Where requests may come from (README "Security"): which `Host` a request may name and which
 * web page (`Origin`) may send it or open a WebSocket. Without this, a page on any site could
 * drive an unauthenticated loopback gateway from a visitor's browser: through a WebSocket (which
 * no CORS rule protects) or through a name of its own rebound to 127.0.0.1 (DNS rebinding).
 */
export interface RequestSources {
  /** Host names and addresses the gateway serves, lower case, IPv6 without brackets. */
  hosts: ReadonlySet<string>;
  /** ALLOWED_HOSTS patterns: `name`, `*.suffix`, or `*` for any host. */
  extraHosts: readonly string[];
  /** ALLOWED_ORIGINS: exact origins (`https://app.example.com`), or `*` for any page. */
  extraOrigins: readonly string[];
}

/** The host name of a `Host` header or origin host (`[::1]:4000` → `::1`), or null if malformed. */
export function hostName(hostHeader: string): string | null {
  try {
    const url = new URL(`http://${hostHeader.trim()}`);
    if (url.username || url.password || url.pathname !== "/" || url.search) return null;
    return url.hostname
      .replace(/^\[|\]$/g, "")
      .replace(/\.$/, "")
      .toLowerCase();
  } catch {
    return null;
  }
}

/** True when `name` is served; `anyHost` says whether an ALLOWED_HOSTS of `*` counts. */
function hostAllowed(sources: RequestSources, name: string, anyHost = true): boolean {
  if (sources.hosts.has(name)) return true;
  return sources.extraHosts.some((pattern) => {
    if (pattern === "*") return anyHost;
    if (pattern.startsWith("*.")) return name.endsWith(pattern.slice(1));
    return pattern === name;
  });
}

/**
 * Whether a request naming `host` and sent by the page `origin` may be served: null when it may,
 * else the refusal (FORBIDDEN). A request without `Origin` is not from a web page and is judged by
 * its `Host` alone. A page may call when its origin is listed in ALLOWED_ORIGINS or its host is
 * one the gateway serves (any port: another local tool's page on loopback); the `null` origin of
 * sandboxed pages and files is refused.
 */
export function requestSourceRefusal(
  sources: RequestSources,
  host: string | undefined,
  origin: string | undefined,
): Refusal | null {
  if (host !== undefined) {
    const name = hostName(host);
    if (name === null || !hostAllowed(sources, name)) {
      return {
        code: "FORBIDDEN",
        message:
          "The request names a host this gateway does not serve (a rebound DNS name?); list it in ALLOWED_HOSTS if it is yours",
      };
    }
  }
  if (origin === undefined) return null;
  if (sources.extraOrigins.includes("*")) return null;
  let url: URL | null = null;
  try {
    url = new URL(origin);
  } catch {
    url = null;
  }
  if (url && (url.protocol === "http:" || url.protocol === "https:")) {
    if (sources.extraOrigins.includes(url.origin)) return null;
    // ALLOWED_HOSTS=* (a proxy checks the host) does not let every page in.
    const name = hostName(url.host);
    if (name !== null && hostAllowed(sources, name, false)) return null;
  }
  return {
    code: "FORBIDDEN",
    message:
      "Requests from this web page's origin are not accepted; list the origin in ALLOWED_ORIGINS if it is yours",
  };
}
