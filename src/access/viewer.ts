/** What a viewer may do. */
export type Role = "SYSTEM_ADMIN" | "TENANT_ADMIN" | "TENANT_VIEWER";

/** Who makes a request: every query and mutation is filtered by the viewer's tenant and role. */
export interface Viewer {
  /** The caller's tenant; null only for a system admin whose token names none. */
  tenantId: string | null;
  role: Role;
}

/** Until authentication is configured the gateway serves everyone as this tenant admin. */
export const DEFAULT_VIEWER: Viewer = Object.freeze({ tenantId: "default", role: "TENANT_ADMIN" });

/** True when the viewer may read a registry of this scope and owner. */
export function canSee(
  viewer: Viewer,
  registry: { scope: string; tenantId: string | null },
): boolean {
  return (
    registry.scope === "SYSTEM" ||
    (viewer.tenantId !== null && registry.tenantId === viewer.tenantId)
  );
}

/** True when the viewer may add, change, delete or sync registries of this scope and owner. */
export function canManage(
  viewer: Viewer,
  registry: { scope: string; tenantId: string | null },
): boolean {
  if (registry.scope === "SYSTEM") return viewer.role === "SYSTEM_ADMIN";
  return (
    viewer.role === "TENANT_ADMIN" &&
    viewer.tenantId !== null &&
    registry.tenantId === viewer.tenantId
  );
}

/**
 * True when the viewer may start or cancel syncs of a registry: its managers, and tenant admins
 * for system registries (a sync refreshes the shared catalog; it changes no setting).
 */
export function canSync(
  viewer: Viewer,
  registry: { scope: string; tenantId: string | null },
): boolean {
  if (canManage(viewer, registry)) return true;
  return registry.scope === "SYSTEM" && viewer.role === "TENANT_ADMIN";
}
