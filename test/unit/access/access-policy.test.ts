import { addWebhookRefusal, webhookHears, webhookRefusal } from "../../../src/access/access-policy";

describe("webhook access rules", () => {
  const adminA = { tenantId: "a", role: "TENANT_ADMIN" } as const;
  const viewerA = { tenantId: "a", role: "TENANT_VIEWER" } as const;
  const adminB = { tenantId: "b", role: "TENANT_ADMIN" } as const;
  const system = { tenantId: null, role: "SYSTEM_ADMIN" } as const;
  const ofA = { scope: "TENANT", tenantId: "a" } as const;
  const ofSystem = { scope: "SYSTEM", tenantId: null } as const;

  it("lets the admins of a scope manage its webhooks; hides other tenants' ones", () => {
    expect(webhookRefusal(adminA, ofA)).toBeNull();
    expect(webhookRefusal(viewerA, ofA)?.code).toBe("FORBIDDEN");
    expect(webhookRefusal(adminB, ofA)?.code).toBe("NOT_FOUND");
    expect(webhookRefusal(system, ofA)?.code).toBe("NOT_FOUND");
    expect(webhookRefusal(system, ofSystem)).toBeNull();
    expect(webhookRefusal(adminA, ofSystem)?.code).toBe("FORBIDDEN");
    expect(addWebhookRefusal(adminA, "TENANT")).toBeNull();
    expect(addWebhookRefusal(adminA, "SYSTEM")?.code).toBe("FORBIDDEN");
    expect(addWebhookRefusal(system, "TENANT")?.code).toBe("FORBIDDEN");
  });

  it("sends a webhook only events of registries its owner sees", () => {
    expect(webhookHears({ tenantId: "a" }, { tenantId: "a" })).toBe(true);
    expect(webhookHears({ tenantId: "a" }, { tenantId: null })).toBe(true);
    expect(webhookHears({ tenantId: "a" }, { tenantId: "b" })).toBe(false);
    expect(webhookHears({ tenantId: null }, { tenantId: null })).toBe(true);
    expect(webhookHears({ tenantId: null }, { tenantId: "a" })).toBe(false);
  });
});
