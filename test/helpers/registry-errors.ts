import { inspect } from "node:util";
import { RegistryError } from "../../src/providers/errors";

/** Awaits a promise that must reject with a RegistryError, and returns that error. */
export async function registryFailure(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw new Error(`expected a RegistryError, got ${inspect(error)}`);
  }
  throw new Error("expected a RegistryError, but the promise resolved");
}

/**
 * Everything about an error that could end up in a log line or a response: message, name,
 * and the whole cause chain as util.inspect prints it.
 */
export function everythingSaidBy(error: unknown): string {
  return inspect(error, { depth: 10, showHidden: false });
}
