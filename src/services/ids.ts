/** The object types that have global ids. */
export type GlobalIdType = "Registry" | "Chart" | "ChartVersion" | "SyncRun" | "Webhook";

const TYPES: ReadonlySet<string> = new Set([
  "Registry",
  "Chart",
  "ChartVersion",
  "SyncRun",
  "Webhook",
]);

/** Encodes a store id as an opaque global id (`base64url("Type:id")`). */
export function toGlobalId(type: GlobalIdType, id: string | number): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

/** Decodes a global id; null when it is not one of ours. */
export function fromGlobalId(globalId: string): { type: GlobalIdType; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(globalId)) return null;
  const text = Buffer.from(globalId, "base64url").toString("utf8");
  const colon = text.indexOf(":");
  if (colon <= 0) return null;
  const type = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (!TYPES.has(type) || id === "") return null;
  return { type: type as GlobalIdType, id };
}

/** Decodes a global id of the expected type; null otherwise. */
export function idOfType(globalId: string, type: GlobalIdType): string | null {
  const decoded = fromGlobalId(globalId);
  return decoded && decoded.type === type ? decoded.id : null;
}
