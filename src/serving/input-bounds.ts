import { type RequestHandler } from "express";
import { GraphQLError } from "graphql";
import { ApiErrorCode } from "../services/api-errors";

/**
 * Deepest nesting of arrays and objects accepted in a request's variables (and extensions). The
 * schema's deepest input is a handful of levels; a 20,000-deep value would otherwise overflow
 * the stack of whatever walks it first (coercion, the limit check's key) and answer a 500.
 */
export const MAX_INPUT_DEPTH = 32;

/** How deep `value` nests arrays and objects, counted without recursion; stops past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push([child, level]);
    }
  }
  return deepest;
}

/** The BAD_USER_INPUT error for variables nested deeper than MAX_INPUT_DEPTH, or null. */
export function inputShapeError(variables: unknown): GraphQLError | null {
  if (nestingDepth(variables, MAX_INPUT_DEPTH + 1) <= MAX_INPUT_DEPTH + 1) return null;
  return new GraphQLError(
    `Variables nest arrays or objects more than ${MAX_INPUT_DEPTH} levels deep; no input of this schema does.`,
    { extensions: { code: ApiErrorCode.BAD_USER_INPUT, http: { status: 400 } } },
  );
}

/**
 * Refuses, before any GraphQL work, a JSON body whose variables or extensions nest deeper than
 * MAX_INPUT_DEPTH: 400 BAD_USER_INPUT, in the GraphQL error shape.
 */
export function inputShapeGuard(): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (body === null || typeof body !== "object") return next();
    const batch = Array.isArray(body) ? body : [body];
    for (const item of batch) {
      if (item === null || typeof item !== "object") continue;
      const { variables, extensions } = item as Record<string, unknown>;
      const error = inputShapeError(variables) ?? inputShapeError(extensions);
      if (error) {
        res.status(400).json({
          errors: [{ message: error.message, extensions: { code: ApiErrorCode.BAD_USER_INPUT } }],
        });
        return;
      }
    }
    next();
  };
}

/** A class-validator failure as a client may see it: the rule broken, never the value. */
interface PublicValidationError {
  property: string;
  constraints?: Record<string, string>;
  children?: PublicValidationError[];
}

/**
 * type-graphql's `extensions.validationErrors` without the `value` and `target` class-validator
 * puts there: they echo the whole input back (a 50,000-character search, or a password next to
 * the field that failed).
 */
export function publicValidationErrors(errors: unknown): PublicValidationError[] | undefined {
  if (!Array.isArray(errors)) return undefined;
  return errors.map((error: Record<string, unknown>) => {
    const out: PublicValidationError = { property: String(error["property"] ?? "") };
    if (error["constraints"] && typeof error["constraints"] === "object") {
      out.constraints = error["constraints"] as Record<string, string>;
    }
    const children = publicValidationErrors(error["children"]);
    if (children?.length) out.children = children;
    return out;
  });
}
