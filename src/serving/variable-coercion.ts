import {
  coerceInputValue,
  getOperationAST,
  GraphQLError,
  isInputType,
  isNonNullType,
  print,
  typeFromAST,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import { inspect } from "graphql/jsutils/inspect";
import { ApiErrorCode } from "../services/api-errors";

/**
 * The operation's variables checked against their declared types before anything runs, as
 * graphql-js's `getVariableValues` checks them, but with errors that never repeat a value: its
 * messages quote the invalid input (`Variable "$input" got invalid value { password: "…" }`),
 * which put registry passwords in answers and, through graphql-jit's thrown error, in the log.
 * Each error is BAD_USER_INPUT with HTTP status 400 (a request error: nothing ran), names the
 * variable and the path inside it, and says what is wrong with the value without quoting it.
 * Empty when the variables fit.
 */
export function variableErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError[] {
  const operation = getOperationAST(document, operationName);
  const definitions = operation?.variableDefinitions ?? [];
  if (definitions.length === 0) return [];
  const inputs = variables ?? {};
  const errors: GraphQLError[] = [];
  const fail = (message: string, node: (typeof definitions)[number]) =>
    errors.push(
      new GraphQLError(message, {
        nodes: node,
        extensions: { code: ApiErrorCode.BAD_USER_INPUT, http: { status: 400 } },
      }),
    );
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    // Unknown or output types are the validation's to report.
    if (!type || !isInputType(type)) continue;
    const given = Object.prototype.hasOwnProperty.call(inputs, name);
    const value = inputs[name];
    if (!given || value === undefined) {
      if (isNonNullType(type) && !definition.defaultValue)
        fail(
          `Variable "$${name}" of required type "${print(definition.type)}" was not provided.`,
          definition,
        );
      continue;
    }
    if (value === null) {
      if (isNonNullType(type))
        fail(
          `Variable "$${name}" of non-null type "${print(definition.type)}" must not be null.`,
          definition,
        );
      continue;
    }
    coerceInputValue(value, type, (path, invalid, error) => {
      const at = path.length > 0 ? ` at "${name}${path.map(pathPart).join("")}"` : "";
      fail(
        `Variable "$${name}" got an invalid value${at}: ${withoutValue(error.message, invalid)}`,
        definition,
      );
    });
    if (errors.length >= MAX_ERRORS) break;
  }
  return errors.slice(0, MAX_ERRORS);
}

/** As many errors as graphql-js reports at most for one request's variables. */
const MAX_ERRORS = 50;

function pathPart(key: string | number): string {
  return typeof key === "number" ? `[${key}]` : `.${key}`;
}

/**
 * graphql-js's reason with the invalid value taken out: scalar and enum messages quote it
 * (`String cannot represent a non string value: 123`, `Value "X" does not exist in "E" enum.`).
 */
function withoutValue(message: string, invalid: unknown): string {
  let text = message;
  const forms = new Set([inspect(invalid)]);
  if (typeof invalid === "string" && invalid.length >= 4) forms.add(invalid);
  for (const form of [...forms].sort((a, b) => b.length - a.length))
    if (form.length > 0) text = text.split(form).join("(value not shown)");
  return text;
}
