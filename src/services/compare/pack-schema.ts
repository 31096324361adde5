/**
 * A Palette pack's `schema.yaml` (pack value constraints), read into a typed model and compared.
 *
 * The file maps a values path (`registry.hostname`, `registry.addresses.$[]`) to an entry whose
 * `schema` is a template: `'{{ required | readonly | format "${number:[5000-5005]}" | hints "a" "b" }}'`.
 * A format holds one or more placeholders `${TYPE}`, `${TYPE:/RE2 regex/}`, `${number:[min-max]}`
 * or `${list:[a,b,c]}`, possibly between literal text (`${ipv4} - ${ipv4}`). Palette's API model
 * of an entry is `V1PackSchema {name, type, format, regex, required, readonly, hints[],
 * listOptions[]}`.
 *
 * Changes map onto the kinds the JSON-schema diff uses (schema-diff.ts), so clients read both
 * the same way. What breaks a user's values:
 * - a path removed (PROPERTY_REMOVED), a path made required (REQUIRED_ADDED, also for a new path);
 * - a path made `readonly` (CONSTRAINT_CHANGED on `path (readonly)`): a user who set it can no
 *   longer; dropping `readonly` is harmless;
 * - a type narrowed (TYPE_NARROWED): a format added, or a placeholder type that accepts values
 *   the old one did not (`string` to `number`); a type widened (`number` to `string`) is not;
 * - list options lost, or a list appearing (ENUM_SHRUNK); options only gained, or a list
 *   replaced by a type that accepts every old option (ENUM_GROWN) are harmless;
 * - a regex added or changed, a number range narrowed or added (CONSTRAINT_CHANGED on
 *   `path (regex)`, `path (range)`); one removed or widened is harmless;
 * - a composite format (several placeholders or literal text) changed in any way
 *   (CONSTRAINT_CHANGED on `path (format)`), since which values it accepts is not compared.
 * Hints changed are DEFINITION_CHANGED (harmless); `string` and `password` accept the same values
 * (a password is a masked string), so a change between them is DEFINITION_CHANGED too.
 */
import { type SchemaChangeKind } from "../../domain/enums";
import { change, compareEnums, diffByPath, requiredChange, type SchemaChange } from "./schema-diff";
import { isMapping, render } from "./values-diff";

/** A number range of a `${number:[min-max]}` placeholder; a missing bound is null. */
export interface NumberRange {
  min: number | null;
  max: number | null;
}

/** One `${…}` of a format. */
export interface FormatPlaceholder {
  /** The type as written, lowercased (`string`, `number`, `list`…). */
  type: string;
  /** The RE2 regex between slashes; null when none. */
  regex: string | null;
  /** The number range; null when none. */
  range: NumberRange | null;
  /** The options of a `list`; null for another type. */
  listOptions: string[] | null;
}

/** One entry of schema.yaml, parsed. */
export interface PackSchemaEntry {
  /** The values path, as written in schema.yaml. */
  path: string;
  /** The template as written. */
  template: string;
  required: boolean;
  readonly: boolean;
  /** The format text as written; null without `format`. */
  format: string | null;
  /** The format's placeholders, in order. */
  placeholders: FormatPlaceholder[];
  /** True when the format is exactly one placeholder (no literal text). */
  simple: boolean;
  hints: string[];
}

/** An entry that does not parse: reported on its path, left out of the comparison. */
export interface PackSchemaEntryError {
  path: string;
  message: string;
}

/** A schema.yaml, parsed entry by entry. */
export interface PackSchema {
  entries: Map<string, PackSchemaEntry>;
  errors: PackSchemaEntryError[];
}

/**
 * Reads a parsed schema.yaml (a YAML mapping from values path to `{ schema: template }`). Null or
 * an empty document is a schema without entries; the caller says when the document is not a
 * mapping.
 */
export function readPackSchema(document: unknown): PackSchema {
  const entries = new Map<string, PackSchemaEntry>();
  const errors: PackSchemaEntryError[] = [];
  if (!isMapping(document)) return { entries, errors };
  for (const [path, value] of Object.entries(document)) {
    const template = isMapping(value) ? value["schema"] : undefined;
    if (typeof template !== "string") {
      errors.push({ path, message: 'the entry has no "schema" template (a string)' });
      continue;
    }
    try {
      entries.set(path, parseTemplate(path, template));
    } catch (error) {
      errors.push({ path, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { entries, errors };
}

/** A `{{ … | … }}` template; throws with a message a pack author can act on. */
export function parseTemplate(path: string, template: string): PackSchemaEntry {
  const body = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(template)?.[1];
  if (body === undefined) throw new Error(`the template is not enclosed in "{{ }}"`);
  const entry: PackSchemaEntry = {
    path,
    template,
    required: false,
    readonly: false,
    format: null,
    placeholders: [],
    simple: false,
    hints: [],
  };
  if (body.trim() === "") return entry;
  let previous: string | null = null;
  for (const step of splitOutsideQuotes(body)) {
    const words = tokens(step);
    const [name, ...args] = words;
    if (name === undefined) throw new Error("the template has an empty step");
    // Palette documents hints "combined by using the pipe": `hints "a" | "b"` continues them.
    if (name.quoted && previous === "hints" && args.every((a) => a.quoted)) {
      entry.hints.push(...words.map((w) => w.text));
      continue;
    }
    previous = name.text;
    switch (name.text) {
      case "required":
      case "readonly":
        if (args.length > 0) throw new Error(`"${name.text}" takes no argument`);
        entry[name.text] = true;
        break;
      case "format": {
        const [text, ...rest] = args;
        if (text === undefined || !text.quoted || rest.length > 0)
          throw new Error('"format" takes one quoted format');
        entry.format = text.text;
        entry.placeholders = parseFormat(text.text);
        entry.simple = /^\$\{[\s\S]*\}$/.test(text.text) && entry.placeholders.length === 1;
        break;
      }
      case "hints":
        if (args.length === 0 || args.some((a) => !a.quoted))
          throw new Error('"hints" takes one or more quoted texts');
        entry.hints.push(...args.map((a) => a.text));
        break;
      default:
        throw new Error(
          `unknown step "${name.text}" (expected required, readonly, format or hints)`,
        );
    }
  }
  return entry;
}

/** The placeholders of a format text. */
function parseFormat(format: string): FormatPlaceholder[] {
  const placeholders: FormatPlaceholder[] = [];
  let at = 0;
  for (;;) {
    const start = format.indexOf("${", at);
    if (start < 0) break;
    const head = /^\$\{\s*([A-Za-z][A-Za-z0-9_-]*)\s*(:|\})/.exec(format.slice(start));
    if (!head) throw new Error(`format "${format}" has a placeholder without a type`);
    const type = head[1]!.toLowerCase();
    let next = start + head[0].length;
    const placeholder: FormatPlaceholder = { type, regex: null, range: null, listOptions: null };
    if (head[2] === ":") {
      const rest = format.slice(next);
      if (rest.startsWith("/")) {
        // A regex runs to the first "/}" (a regex may hold "/" and "}" but not both in a row).
        const end = rest.indexOf("/}", 1);
        if (end < 0) throw new Error(`format "${format}" has a regex without its closing "/}"`);
        placeholder.regex = rest.slice(1, end);
        next += end + 2;
      } else if (rest.startsWith("[")) {
        const end = rest.indexOf("]}");
        if (end < 0) throw new Error(`format "${format}" has a "[" without its closing "]}"`);
        const inside = rest.slice(1, end);
        if (type === "list") placeholder.listOptions = listOptions(inside);
        else placeholder.range = numberRange(inside, format);
        next += end + 2;
      } else {
        throw new Error(`format "${format}": after "${type}:" comes /regex/ or [range or options]`);
      }
    }
    if (type === "list" && placeholder.listOptions === null)
      throw new Error(`format "${format}": a list names its options (\${list:[a,b]})`);
    placeholders.push(placeholder);
    at = next;
  }
  if (placeholders.length === 0) throw new Error(`format "${format}" has no \${type} placeholder`);
  return placeholders;
}

function listOptions(inside: string): string[] {
  return inside
    .split(",")
    .map((o) => o.trim())
    .filter((o) => o !== "");
}

function numberRange(inside: string, format: string): NumberRange {
  const match = /^\s*(-?\d+(?:\.\d+)?)?\s*-\s*(-?\d+(?:\.\d+)?)?\s*$/.exec(inside);
  if (!match) throw new Error(`format "${format}" has a range "[${inside}]" that is not [min-max]`);
  return {
    min: match[1] === undefined ? null : Number(match[1]),
    max: match[2] === undefined ? null : Number(match[2]),
  };
}

/** Steps of a template body: split on `|` outside double quotes. */
function splitOutsideQuotes(body: string): string[] {
  const steps: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\\" && quoted && i + 1 < body.length) {
      current += c + body[i + 1]!;
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === "|" && !quoted) {
      steps.push(current);
      current = "";
    } else current += c;
  }
  if (quoted) throw new Error("the template has an unclosed quote");
  steps.push(current);
  return steps.map((s) => s.trim());
}

/** Words of a step: bare words and double-quoted texts (Go template quoting: `\"`, `\\`). */
function tokens(step: string): { text: string; quoted: boolean }[] {
  const out: { text: string; quoted: boolean }[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of step.matchAll(pattern)) {
    if (match[1] !== undefined)
      out.push({ text: match[1].replace(/\\(["\\])/g, "$1"), quoted: true });
    else out.push({ text: match[2]!, quoted: false });
  }
  return out;
}

// --- comparison ------------------------------------------------------------------------------

/**
 * Compares two parsed schema.yaml files (null when a version has none), in the JSON-schema
 * diff's terms: a schema that appears is breaking, one that disappears is not.
 */
export function diffPackSchemas(
  before: PackSchema | null,
  after: PackSchema | null,
): SchemaChange[] {
  // An entry that does not parse on either side is listed in `entryErrors`, not compared.
  const broken = new Set([...(before?.errors ?? []), ...(after?.errors ?? [])].map((e) => e.path));
  return diffByPath(before?.entries ?? null, after?.entries ?? null, {
    render: (entry) => render(entry.template),
    required: (entry) => entry.required,
    compare: (old, now, _path, out) => compareEntries(old, now, out),
    added(now, path, out) {
      if (now.readonly)
        out.push(change("CONSTRAINT_CHANGED", `${path} (readonly)`, true, null, "true"));
    },
    skip: (path) => broken.has(path),
  });
}

function compareEntries(old: PackSchemaEntry, now: PackSchemaEntry, out: SchemaChange[]): void {
  const path = old.path;
  if (old.required !== now.required) out.push(requiredChange(path, old.required));
  if (old.readonly !== now.readonly)
    out.push(
      change(
        "CONSTRAINT_CHANGED",
        `${path} (readonly)`,
        now.readonly,
        String(old.readonly),
        String(now.readonly),
      ),
    );
  compareFormats(old, now, out);
  if (JSON.stringify(old.hints) !== JSON.stringify(now.hints))
    out.push(
      change(
        "DEFINITION_CHANGED",
        `${path} (hints)`,
        false,
        old.hints.length ? render(old.hints) : null,
        now.hints.length ? render(now.hints) : null,
      ),
    );
}

function compareFormats(old: PackSchemaEntry, now: PackSchemaEntry, out: SchemaChange[]): void {
  const path = old.path;
  if (old.format === now.format) return;
  if (old.format === null || now.format === null) {
    // No format accepts any value: one added narrows, one removed widens.
    const narrowed = now.format !== null;
    out.push(
      change(
        narrowed ? "TYPE_NARROWED" : "TYPE_WIDENED",
        path,
        narrowed,
        old.format === null ? null : render(old.format),
        now.format === null ? null : render(now.format),
      ),
    );
    return;
  }
  if (!old.simple || !now.simple) {
    out.push(
      change(
        "CONSTRAINT_CHANGED",
        `${path} (format)`,
        true,
        render(old.format),
        render(now.format),
      ),
    );
    return;
  }
  const a = old.placeholders[0]!;
  const b = now.placeholders[0]!;
  compareTypes(path, a, b, out);
  if (a.regex !== b.regex)
    out.push(
      change(
        "CONSTRAINT_CHANGED",
        `${path} (regex)`,
        b.regex !== null,
        a.regex === null ? null : render(a.regex),
        b.regex === null ? null : render(b.regex),
      ),
    );
  if (!sameRange(a.range, b.range))
    out.push(
      change(
        "CONSTRAINT_CHANGED",
        `${path} (range)`,
        b.range !== null && (a.range === null || !contains(b.range, a.range)),
        a.range === null ? null : render(a.range),
        b.range === null ? null : render(b.range),
      ),
    );
}

function compareTypes(
  path: string,
  a: FormatPlaceholder,
  b: FormatPlaceholder,
  out: SchemaChange[],
): void {
  if (a.type === "list" && b.type === "list") {
    // Options lost: an enum shrunk; options gained: it grew (as a JSON schema's `enum`).
    compareEnums(a.listOptions, b.listOptions, path, out);
    return;
  }
  if (a.type === b.type) return;
  if (b.type === "list") {
    // Options appearing where any value of a type was accepted: an enum appeared.
    out.push(change("ENUM_SHRUNK", path, true, render(a.type), render(b.listOptions)));
    return;
  }
  if (a.type === "list") {
    // The enum disappears: harmless when the new type accepts every old option.
    const all = (a.listOptions ?? []).every((o) => acceptsText(b.type, o));
    out.push(
      change(
        all ? "ENUM_GROWN" : "TYPE_NARROWED",
        path,
        !all,
        render(a.listOptions),
        render(b.type),
      ),
    );
    return;
  }
  const kind: SchemaChangeKind = sameValues(a.type, b.type)
    ? "DEFINITION_CHANGED"
    : isText(b.type)
      ? "TYPE_WIDENED"
      : "TYPE_NARROWED";
  out.push(change(kind, path, kind === "TYPE_NARROWED", render(a.type), render(b.type)));
}

/** `string` and `password` accept the same values (a password is a masked string). */
function isText(type: string): boolean {
  return type === "string" || type === "password";
}

function sameValues(a: string, b: string): boolean {
  return isText(a) && isText(b);
}

/** Whether a value written as `text` passes a placeholder of `type` (no regex, no range). */
function acceptsText(type: string, text: string): boolean {
  switch (type) {
    case "string":
    case "password":
      return true;
    case "number":
      return text.trim() !== "" && Number.isFinite(Number(text));
    case "boolean":
      return text === "true" || text === "false";
    case "ipv4":
      return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(
        text,
      );
    case "version":
      return /^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(text);
    default:
      return false;
  }
}

function sameRange(a: NumberRange | null, b: NumberRange | null): boolean {
  if (a === null || b === null) return a === b;
  return a.min === b.min && a.max === b.max;
}

/** Whether `outer` accepts every number `inner` does. */
function contains(outer: NumberRange, inner: NumberRange): boolean {
  const lowOk = outer.min === null || (inner.min !== null && inner.min >= outer.min);
  const highOk = outer.max === null || (inner.max !== null && inner.max <= outer.max);
  return lowOk && highOk;
}
