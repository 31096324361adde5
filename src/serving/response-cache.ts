import {
  getNamedType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import { type Viewer } from "../access/viewer";

/**
 * Fields whose answers the response cache must never keep, with the reason. `*` stands for any
 * type (the Registry interface and its three kinds share these fields). Everything else a query
 * can select is catalog data: it changes only when the catalog version moves.
 */
const UNCACHEABLE_FIELDS: ReadonlyMap<string, string> = new Map([
  ["Query.checkChartReference", "asks a protected registry live"],
  ["Query.validateProfileLayers", "asks protected registries live"],
  ["*.syncStatus", "changes while a run goes, not only when it ends"],
  ["*.auth", "carries credential details"],
  ["OciRegistry.ecr", "carries credential details"],
]);

/** Types whose values change while a run goes: any selection of them is not cached. */
const UNCACHEABLE_TYPES: ReadonlyMap<string, string> = new Map([
  ["SyncRun", "sync runs change while they go"],
  ["SyncRunConnection", "sync runs change while they go"],
  ["SyncRunEdge", "sync runs change while they go"],
  ["Webhook", "webhooks and their delivery log change outside sync runs"],
  ["WebhookDelivery", "webhooks and their delivery log change outside sync runs"],
]);

/** Whether an operation's response may be cached, and if not, why. */
export type CachePolicy = { cacheable: true } | { cacheable: false; reason: string };

/**
 * Decides once per document and operation name: only queries (never mutations or
 * subscriptions), and only when no selected field is in UNCACHEABLE_FIELDS or returns one of
 * UNCACHEABLE_TYPES or belongs to one (`node(id:) { ... on SyncRun }`); fragments included, on
 * every operation of the document.
 */
export function cachePolicyOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): CachePolicy {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return { cacheable: false, reason: "no single operation to run" };
  if (operation.operation !== "query") return { cacheable: false, reason: "not a query" };
  let reason: string | null = null;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        if (reason !== null) return false;
        const parent = typeInfo.getParentType()?.name ?? "";
        const field = typeInfo.getFieldDef()?.name;
        const type = typeInfo.getType();
        if (!field || !type) return undefined;
        reason =
          UNCACHEABLE_TYPES.get(parent) ??
          UNCACHEABLE_FIELDS.get(`${parent}.${field}`) ??
          UNCACHEABLE_FIELDS.get(`*.${field}`) ??
          UNCACHEABLE_TYPES.get(getNamedType(type).name) ??
          null;
        return undefined;
      },
    }),
  );
  return reason === null ? { cacheable: true } : { cacheable: false, reason };
}

/** The key of a cached response: the operation, its variables, the viewer's tenant and role. */
export function responseKey(
  request: { query: string; operationName?: string | null; variables?: unknown },
  viewer: Viewer,
  catalogVersion: number,
): string {
  return JSON.stringify([
    catalogVersion,
    viewer.tenantId,
    viewer.role,
    request.operationName ?? null,
    request.variables ?? null,
    request.query,
  ]);
}

/** Counts since start-up. */
export interface ResponseCacheStats {
  hits: number;
  misses: number;
  /** Requests that could not be cached (see CachePolicy) and went straight to execution. */
  bypassed: number;
  /** Responses evicted to stay within the size limit. */
  evictions: number;
  entries: number;
  bytes: number;
}

/**
 * Serialized responses of read queries, least recently used out first, bounded by their total
 * size (keys count too). Entries are never invalidated: the catalog version is in the key, so a
 * change makes every older entry unreachable and they age out.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  readonly stats: Omit<ResponseCacheStats, "entries" | "bytes"> = {
    hits: 0,
    misses: 0,
    bypassed: 0,
    evictions: 0,
  };

  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    const body = this.entries.get(key);
    if (body === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, body);
    return body;
  }

  set(key: string, body: Buffer): void {
    const size = body.length + key.length * 2;
    if (size > this.maxBytes / 4) return; // one huge answer must not empty the cache
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= old.length + key.length * 2;
    }
    this.entries.set(key, body);
    this.bytes += size;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.length + oldest.length * 2;
      this.stats.evictions++;
    }
  }

  snapshot(): ResponseCacheStats {
    return { ...this.stats, entries: this.entries.size, bytes: this.bytes };
  }
}
