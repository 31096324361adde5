import { GraphQLError } from "graphql";
import { ApiErrorCode } from "../services/api-errors";

/** What graphql-ws keeps per connection: its operations in flight, by id. */
interface Connection {
  subscriptions: Record<string, unknown>;
}

/**
 * Caps on what graphql-ws connections hold open: operations (subscriptions, and queries in
 * flight) per connection (MAX_SUBSCRIPTIONS_PER_CONNECTION) and per tenant over all its
 * connections in this process (MAX_SUBSCRIPTIONS_PER_TENANT). One connection used to accept
 * 5,000 subscriptions (RSS 269 → 573 MB, /healthz 1.39 s). The count is graphql-ws's own map of
 * the connection's operations, so an operation that ends (completed by either side, failed, or
 * with its socket) is never counted again.
 */
export class SubscriptionCaps {
  private readonly byTenant = new Map<string, Set<Connection>>();
  private readonly refusals = new WeakMap<Connection, number>();

  constructor(
    private readonly perConnection: number,
    private readonly perTenant: number,
  ) {}

  /** A connection of `tenant` opened. */
  opened(connection: Connection, tenant: string): void {
    let connections = this.byTenant.get(tenant);
    if (!connections) this.byTenant.set(tenant, (connections = new Set()));
    connections.add(connection);
  }

  /** A connection closed (whether or not `opened` saw it). */
  closed(connection: Connection, tenant: string | undefined): void {
    if (tenant === undefined) return;
    const connections = this.byTenant.get(tenant);
    connections?.delete(connection);
    if (connections?.size === 0) this.byTenant.delete(tenant);
  }

  /**
   * The refusal (TOO_MANY_SUBSCRIPTIONS) of an operation just subscribed on `connection` (already
   * in its map), or null.
   */
  refusal(connection: Connection, tenant: string): GraphQLError | null {
    const refused = this.check(connection, tenant);
    if (refused) this.refusals.set(connection, (this.refusals.get(connection) ?? 0) + 1);
    return refused;
  }

  /**
   * True once a connection has been refused as many operations as it may hold: a client that
   * keeps subscribing past the cap is flooding, and is closed (4429) rather than answered one
   * refusal at a time (5,000 subscribe messages cost the event loop seconds even when refused).
   */
  flooding(connection: Connection): boolean {
    return (this.refusals.get(connection) ?? 0) >= this.perConnection;
  }

  private check(connection: Connection, tenant: string): GraphQLError | null {
    const here = Object.keys(connection.subscriptions).length;
    if (here > this.perConnection) {
      return tooMany(
        `This connection has ${this.perConnection} operations open, the most one connection may (MAX_SUBSCRIPTIONS_PER_CONNECTION); complete one first, or open another connection.`,
        this.perConnection,
      );
    }
    let total = 0;
    for (const other of this.byTenant.get(tenant) ?? []) {
      total += Object.keys(other.subscriptions).length;
      if (total > this.perTenant) {
        return tooMany(
          `The tenant has ${this.perTenant} operations open over its connections, the most it may (MAX_SUBSCRIPTIONS_PER_TENANT); complete some first.`,
          this.perTenant,
        );
      }
    }
    return null;
  }
}

function tooMany(message: string, limit: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ApiErrorCode.TOO_MANY_SUBSCRIPTIONS, limit },
  });
}
