import { getMetadataStorage } from "class-validator";
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { type GatewayContext } from "../context";

/**
 * A field resolved without type-graphql's per-call plumbing. type-graphql wraps every resolver
 * method: it sorts the method's parameter list, makes an instance of the arguments class, runs
 * the validator (a promise even when there is nothing to check), then calls the method through
 * `Promise.all`. For a field a page resolves once per chart (`Chart.versions`, 50 times in a
 * page of 50 charts) that wrapper costs a tenth of the page's CPU. A direct field calls the
 * same method with the arguments graphql-js coerced (defaults applied), the root and the
 * context as they are.
 *
 * Only fields whose arguments class carries no class-validator constraint may be direct (the
 * check runs when the schema is built, so a constraint added later fails at start, not silently);
 * the gateway has no field middlewares and no auth checker, so nothing else is skipped.
 */
export interface DirectField {
  /** The object type and field, as in the schema (`Chart`, `versions`). */
  type: string;
  field: string;
  /** The field's `@Args` class, when it has arguments. */
  args?: abstract new () => object;
  resolve: GraphQLFieldResolver<never, GatewayContext, never>;
}

/** Replaces type-graphql's resolvers of `fields` in `schema` with the direct ones. */
export function installDirectResolvers(
  schema: GraphQLSchema,
  fields: readonly DirectField[],
): void {
  const storage = getMetadataStorage();
  for (const direct of fields) {
    const type = schema.getType(direct.type);
    const field = isObjectType(type) ? type.getFields()[direct.field] : undefined;
    if (!field) throw new Error(`direct resolver: no field ${direct.type}.${direct.field}`);
    if (field.args.length > 0 && !direct.args) {
      throw new Error(
        `direct resolver: ${direct.type}.${direct.field} takes arguments: name their class`,
      );
    }
    if (direct.args && storage.getTargetValidationMetadatas(direct.args, "", true, false).length) {
      throw new Error(
        `direct resolver: the arguments of ${direct.type}.${direct.field} have validation constraints; ` +
          "resolve it through type-graphql, which runs them",
      );
    }
    field.resolve = direct.resolve as GraphQLFieldResolver<unknown, unknown>;
  }
}
