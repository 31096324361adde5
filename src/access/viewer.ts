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
