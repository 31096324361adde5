/**
 * Secrets out of text that came from a registry. A registry that quotes a request back (an error
 * page echoing the headers, a JSON body echoing the input) may spell a password in many ways: as
 * sent, JSON-escaped, URL-encoded (either hex case, `+` for spaces), HTML-escaped, in base64 (of
 * the password alone or of `user:password`, padded or not, base64url), with its white space
 * changed (collapsed, wrapped). Every spelling of every secret of the registry is replaced before
 * anything is cut to an excerpt, so that no prefix of a secret survives the cut either.
 */

/** What replaces a secret. */
export const REDACTED = "***";

/** Secrets shorter than this cannot be masked without mangling text: text holding one is dropped. */
const SHORTEST_MASKABLE = 4;

/** The spellings under which a registry may echo `secret` (and `user:secret` for basic auth). */
export function secretSpellings(secret: string, username?: string | null): string[] {
  const out = new Set<string>();
  const add = (spelling: string) => {
    if (spelling) out.add(spelling);
  };
  const base64 = (text: string) => {
    const encoded = Buffer.from(text, "utf8").toString("base64");
    add(encoded);
    add(encoded.replace(/=+$/, ""));
    add(Buffer.from(text, "utf8").toString("base64url"));
  };
  add(secret);
  // JSON: as JavaScript escapes it, and as other encoders do (non-ASCII as \uXXXX, `/` as `\/`).
  const json = JSON.stringify(secret).slice(1, -1);
  const asciiJson = json.replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  for (const form of [json, asciiJson]) {
    add(form);
    add(form.replace(/\//g, "\\/"));
    add(form.replace(/\\u[0-9a-f]{4}/g, (u) => u.toUpperCase().replace("\\U", "\\u")));
  }
  // URLs and forms, with upper- or lower-case hex.
  for (const form of [
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ]) {
    add(form);
    add(form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  }
  add(
    secret
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;"),
  );
  base64(secret);
  if (username) base64(`${username}:${secret}`);
  return [...out].sort((a, b) => b.length - a.length);
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * A pattern matching `spelling` whatever white space sits between its characters (collapsed,
 * wrapped, added or removed), so that re-flowed echoes are found too.
 */
function flexiblePattern(spelling: string): string {
  const parts: string[] = [];
  for (const char of spelling.replace(/\s+/g, "")) parts.push(char.replace(REGEX_SPECIAL, "\\$&"));
  return parts.join("\\s*");
}

/** A redactor for a set of secrets: compiled once, applied to every text from the registry. */
export class SecretRedactor {
  private readonly pattern: RegExp | null;
  private readonly short: string[];
  private readonly spellings: string[];

  constructor(secrets: readonly { secret?: string | null; username?: string | null }[]) {
    const spellings = new Set<string>();
    const short: string[] = [];
    for (const { secret, username } of secrets) {
      if (!secret) continue;
      if (secret.replace(/\s+/g, "").length < SHORTEST_MASKABLE) {
        short.push(secret);
        continue;
      }
      for (const spelling of secretSpellings(secret, username)) spellings.add(spelling);
    }
    this.spellings = [...spellings].sort((a, b) => b.length - a.length);
    this.short = short;
    this.pattern = this.spellings.length
      ? new RegExp(this.spellings.map(flexiblePattern).join("|"), "g")
      : null;
  }

  /** True when there is nothing to redact. */
  get empty(): boolean {
    return this.pattern === null && this.short.length === 0;
  }

  /** `text` with every spelling of every secret replaced; "" when it holds a too-short secret. */
  redact(text: string): string {
    if (!text) return text;
    if (this.short.some((secret) => text.includes(secret))) return "";
    return this.pattern ? text.replace(this.pattern, REDACTED) : text;
  }

  /**
   * `excerpt` (already redacted, then cut) without a trailing beginning of a secret: a text cut
   * by a limit before the redaction saw the whole secret ends in its first characters.
   */
  trimTail(excerpt: string): string {
    const body = excerpt.endsWith("…") ? excerpt.slice(0, -1) : excerpt;
    for (const spelling of this.spellings) {
      for (
        let length = Math.min(spelling.length - 1, body.length);
        length >= SHORTEST_MASKABLE;
        length--
      ) {
        if (body.endsWith(spelling.slice(0, length))) {
          return `${body.slice(0, body.length - length)}${REDACTED}…`;
        }
      }
    }
    return excerpt;
  }
}

/** `text` with every spelling of the given secrets replaced (see SecretRedactor). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return new SecretRedactor(secrets.map((secret) => ({ secret }))).redact(text);
}
