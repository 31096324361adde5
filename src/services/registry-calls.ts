import { AsyncLocalStorage } from "node:async_hooks";
import { type Viewer } from "../access/viewer";
import { ApiErrorCode, apiError } from "./api-errors";
import { TenantRateLimiter } from "./sync/rate-limit";

/**
 * Live registry calls made on behalf of a GraphQL operation (a protected registry's reference
 * check, a validation before add or update, a version's package fetched for its values) cost the
 * registry a request each: one operation of 1,000 aliases sent ~1,281. They are a budget:
 *
 * - per operation (MAX_REGISTRY_CALLS_PER_OPERATION), estimated before the operation runs (see
 *   serving/operation-limits.ts) and counted while it runs, by the executor: every execution of an
 *   operation runs inside a budget, and the services spend from it right before each call;
 * - per tenant over time (REGISTRY_CALLS_PER_MINUTE), a token bucket shared by the tenant's
 *   operations.
 *
 * Past either, the call is not made and the field answers REGISTRY_CALL_BUDGET_EXCEEDED or
 * RATE_LIMITED. Work outside an operation (sync runs, seeding) runs outside any budget.
 */
export class RegistryCallLimits {
  private readonly tenants: TenantRateLimiter;

  constructor(
    readonly perOperation: number,
    perTenantPerMinute: number,
  ) {
    this.tenants = new TenantRateLimiter(perTenantPerMinute);
  }

  /** A fresh budget for one operation of `viewer`. */
  budgetFor(viewer: Viewer): RegistryCallBudget {
    return new RegistryCallBudget(this.perOperation, this.tenants, viewer.tenantId ?? "(system)");
  }
}

/** What one operation may still spend. */
export class RegistryCallBudget {
  private spent = 0;

  constructor(
    private readonly perOperation: number,
    private readonly tenants: TenantRateLimiter,
    private readonly tenantKey: string,
  ) {}

  /** Live calls made so far. */
  get calls(): number {
    return this.spent;
  }

  /** Takes one call, or throws the typed refusal; nothing has been sent when it throws. */
  spend(): void {
    if (this.spent >= this.perOperation) {
      throw apiError(
        ApiErrorCode.REGISTRY_CALL_BUDGET_EXCEEDED,
        `This operation has made the ${this.perOperation} live registry calls one operation may make (MAX_REGISTRY_CALLS_PER_OPERATION); this one was not made. Split the work into several operations.`,
        { limit: this.perOperation },
      );
    }
    const decision = this.tenants.take(this.tenantKey);
    if (!decision.allowed) {
      throw apiError(
        ApiErrorCode.RATE_LIMITED,
        `The tenant has made the live registry calls it may make per minute (REGISTRY_CALLS_PER_MINUTE); retry in ${decision.retryAfterSeconds} s.`,
        { retryAfterSeconds: decision.retryAfterSeconds },
      );
    }
    this.spent++;
  }

  /** Runs `work` (an operation's execution) with this budget as the one services spend from. */
  run<T>(work: () => T): T {
    return current.run(this, work);
  }
}

const current = new AsyncLocalStorage<RegistryCallBudget>();

/**
 * Spends one live registry call from the budget of the operation being executed (services call
 * this right before asking a provider); outside an operation, nothing is counted.
 */
export function spendRegistryCall(): void {
  current.getStore()?.spend();
}
