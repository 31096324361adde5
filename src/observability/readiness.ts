import { type Config } from "../config/config";
import { type Store } from "../store/data-source";

/** Readiness checks by name; each throws with a short reason (no secret) when not ready. */
export type ReadinessChecks = Map<string, () => Promise<void>>;

/** How long an answer of the identity provider's JWKS counts for readiness. */
const JWKS_CHECK_TTL_MS = 30_000;

/**
 * What `/readyz` checks: the store answers, every migration is applied, the gateway is not
 * shutting down, and each other service the configuration uses answers (the identity provider's
 * JWKS when AUTH_JWKS_URL is set). Messages name the problem, never a secret.
 */
export function readinessChecks(
  config: Config,
  store: Store,
  stopping: () => boolean,
): ReadinessChecks {
  const checks: ReadinessChecks = new Map();
  checks.set("store", async () => {
    try {
      await store.dataSource.query("SELECT 1");
    } catch {
      throw new Error("the store does not answer");
    }
  });
  checks.set("migrations", async () => {
    let pending: boolean;
    try {
      pending = await store.dataSource.showMigrations();
    } catch {
      throw new Error("the applied migrations cannot be read");
    }
    if (pending) throw new Error("migrations are pending");
  });
  checks.set("shutdown", async () => {
    if (stopping()) throw new Error("the gateway is shutting down");
  });
  if (config.auth.mode === "jwks" && config.auth.jwksUrl) {
    const url = config.auth.jwksUrl;
    let okUntil = 0;
    checks.set("jwks", async () => {
      if (Date.now() < okUntil) return;
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(3000) });
        await response.body?.cancel();
      } catch {
        throw new Error("the identity provider's JWKS (AUTH_JWKS_URL) does not answer");
      }
      if (!response.ok) {
        throw new Error(`the identity provider's JWKS (AUTH_JWKS_URL) answers ${response.status}`);
      }
      okUntil = Date.now() + JWKS_CHECK_TTL_MS;
    });
  }
  return checks;
}
