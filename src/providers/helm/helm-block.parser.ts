/**
 * A fast reader for one chart block of a Helm index (see helm-index.splitter), for the regular
 * layout Helm writes (Go yaml v2 through sigs.k8s.io/yaml): block sequences and mappings with
 * plain keys, plain, single- and double-quoted scalars (also folded over several lines), `|` and
 * `>` block scalars, `[]` and `{}`, comments and CRLF line ends. It gives exactly what js-yaml's
 * `load` with the index schema gives for the block (every scalar stays text, `~`/`null`/`Null`/
 * `NULL` and empty values are null), or undefined as soon as it meets anything it does not take:
 * anchors, aliases, tags, other flow collections, explicit or quoted keys, duplicate keys, tabs,
 * control characters, unusual indentation, malformed text. The caller then loads the block with
 * js-yaml, which also words the errors.
 *
 * Why one file of some 700 lines: a reader of a YAML subset is one state machine over one cursor;
 * split, its states would share that cursor across modules. Differential tests against js-yaml pin
 * its behaviour.
 */

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const HASH = 0x23;
const APOSTROPHE = 0x27;
const PLUS = 0x2b;
const DASH = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_1 = 0x31;
const DIGIT_9 = 0x39;
const COLON = 0x3a;
const GREATER = 0x3e;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const BAR = 0x7c;
const CLOSE_BRACE = 0x7d;

/** Nesting read here at most; js-yaml stops at 100, real chart entries stay under 10. */
const MAX_DEPTH = 40;

/**
 * Any character other than LF and the printable ones js-yaml takes without a second look (BMP
 * text without surrogates, BOM or U+FFFE/FFFF). Found ones get the careful check.
 */
const UNCOMMON_CHARACTER = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;

/** First characters of a plain scalar or key that the reader leaves to js-yaml. */
const NOT_PLAIN_START = new Uint8Array(128);
for (const c of " \t\r\n,[]{}#&*!|>'\"%@`?:-") NOT_PLAIN_START[c.charCodeAt(0)] = 1;

/** Size of the key cache of a reader (a power of two). */
const KEY_SLOTS = 256;

/** Keys the reader leaves to js-yaml: null keys (stored as "null"), merge and prototype keys. */
const SPECIAL_KEYS: ReadonlySet<string> = new Set(["~", "null", "Null", "NULL", "<<", "__proto__"]);

/** How a block scalar ends: one line break kept (clip), none (strip) or all (keep). */
type Chomping = "clip" | "strip" | "keep";

interface BlockHeader {
  chomping: Chomping;
  /** The indentation indicator, 0 when the first line sets the indentation. */
  indentation: number;
  /** Position of the line break that ends the header. */
  end: number;
}

/** Thrown inside the reader when the block leaves the subset; never escapes parseChartBlock. */
const UNSUPPORTED = new Error("outside the subset of YAML read by the fast chart block reader");

function unsupported(): never {
  throw UNSUPPORTED;
}

/**
 * Reads a chart block (a YAML block sequence of chart version mappings) the way js-yaml's `load`
 * with the index schema would, or returns undefined when the block uses anything outside the
 * regular layout (the caller then loads it with js-yaml). Never throws; linear in the block size.
 */
export function parseChartBlock(text: string): unknown[] | undefined {
  if (!isPlainText(text)) return undefined;
  // js-yaml reads a text without a final line break as if it had one.
  const source = text.charCodeAt(text.length - 1) === LF ? text : `${text}\n`;
  try {
    return new BlockReader(source).read();
  } catch {
    return undefined;
  }
}

/** True when every character is one js-yaml keeps as written (LF or CRLF line ends only). */
function isPlainText(text: string): boolean {
  let at = text.search(UNCOMMON_CHARACTER);
  if (at < 0) return true;
  for (; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === LF || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff)) continue;
    if (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) continue;
    const next = text.charCodeAt(at + 1);
    if (c === CR && next === LF) continue;
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      at++;
      continue;
    }
    return false;
  }
  return true;
}

/** `text` as a plain scalar resolves in the index schema: null for YAML's null spellings. */
function resolvePlain(text: string): string | null {
  return text.length <= 4 && (text === "~" || text === "null" || text === "Null" || text === "NULL")
    ? null
    : text;
}

/** What js-yaml writes for `count` line breaks folded inside a flow scalar. */
function fold(count: number): string {
  return count === 1 ? " " : "\n".repeat(count - 1);
}

/**
 * What js-yaml writes before a line of a block scalar, after `emptyLines` empty ones: line breaks
 * are kept, except that a folded (`>`) scalar joins two lines of text with a space; lines that
 * start with a space (`indented`, and the line after them) keep their breaks in folded ones too.
 */
function blockSeparator(
  folding: boolean,
  indented: boolean,
  afterIndented: boolean,
  didRead: boolean,
  emptyLines: number,
): string {
  if (!folding || indented) return "\n".repeat(didRead ? 1 + emptyLines : emptyLines);
  if (afterIndented) return "\n".repeat(emptyLines + 1);
  if (emptyLines === 0) return didRead ? " " : "";
  return "\n".repeat(emptyLines);
}

/** The text of a double-quoted escape whose letter is at `at` (see js-yaml's escapes). */
function escapeAt(source: string, at: number): string {
  const letter = source.charCodeAt(at);
  switch (letter) {
    case 0x30: // 0
      return "\x00";
    case 0x61: // a
      return "\x07";
    case 0x62: // b
      return "\b";
    case 0x74: // t
      return "\t";
    case 0x6e: // n
      return "\n";
    case 0x76: // v
      return "\v";
    case 0x66: // f
      return "\f";
    case 0x72: // r
      return "\r";
    case 0x65: // e
      return "\x1b";
    case SPACE:
      return " ";
    case QUOTE:
      return '"';
    case 0x2f: // /
      return "/";
    case BACKSLASH:
      return "\\";
    case 0x4e: // N
      return "\x85";
    case 0x5f: // _
      return "\xa0";
    case 0x4c: // L
      return "\u2028";
    case 0x50: // P
      return "\u2029";
    default:
      return String.fromCodePoint(hexEscape(source, at + 1, hexDigits(letter)));
  }
}

/** Hex digits after an escape letter: `\x`, `\u`, `\U`; other letters are not escapes. */
function hexDigits(letter: number): number {
  if (letter === 0x78) return 2;
  if (letter === 0x75) return 4;
  if (letter === 0x55) return 8;
  return unsupported();
}

/** The code point written as `digits` hex digits from `from`. */
function hexEscape(source: string, from: number, digits: number): number {
  let code = 0;
  for (let at = from; at < from + digits; at++) {
    code = code * 16 + hexValue(source.charCodeAt(at));
  }
  return code <= 0x10ffff ? code : unsupported();
}

/** The value of a hex digit (either case). */
function hexValue(c: number): number {
  if (c >= DIGIT_0 && c <= DIGIT_9) return c - DIGIT_0;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : unsupported();
}

/** Length in characters of a double-quoted escape (backslash excluded) whose letter is at `at`. */
function escapeLength(source: string, at: number): number {
  const letter = source.charCodeAt(at);
  return letter === 0x78 || letter === 0x75 || letter === 0x55 ? 1 + hexDigits(letter) : 1;
}

/**
 * The reader. It moves from content line to content line (blank and comment lines skipped);
 * `line` and `indent` describe the current one. Positions are offsets into the source, which
 * ends with a line break. Indentation rules follow js-yaml: a mapping value is read with
 * "flow indent" key column + 1, a sequence item with dash column + 1.
 */
class BlockReader {
  private readonly source: string;
  /** Start of the current content line; the source length at the end. */
  private line = 0;
  /** Indentation of the current content line; -1 at the end. */
  private indent = -1;
  /** End of the text found by the last `scanPlain` (trailing spaces left out). */
  private plainEnd = 0;
  /** Line breaks passed by the last `skipBreaks`. */
  private breaks = 0;
  /** Collections open around the current position. */
  private depth = 0;
  /** Keys read so far, by first character and length (see `key`). */
  private readonly keys: string[] = new Array<string>(KEY_SLOTS).fill("");
  /** The first `:` at or after `colonFrom` is at `colonAt` (see `nextColon`). */
  private colonFrom = 0;
  private colonAt = -1;
  /** The first `#` at or after `hashFrom` is at `hashAt` (see `nextHash`). */
  private hashFrom = 0;
  private hashAt = -1;

  constructor(source: string) {
    this.source = source;
  }

  /** The block: one block sequence and nothing after it. */
  read(): unknown[] {
    this.seek(0);
    if (this.indent < 0 || !this.isItem(this.line + this.indent)) unsupported();
    const list = this.sequence(this.indent);
    // Anything after the sequence is an error (or another document) for js-yaml.
    if (this.indent >= 0) unsupported();
    return list;
  }

  /** Makes the first content line at or after line start `from` current. */
  private seek(from: number): void {
    const source = this.source;
    let start = from;
    while (start < source.length) {
      let at = start;
      while (source.charCodeAt(at) === SPACE) at++;
      const c = source.charCodeAt(at);
      if (c !== HASH && c !== LF && c !== CR) {
        this.line = start;
        this.indent = at - start;
        return;
      }
      start = source.indexOf("\n", at) + 1;
    }
    this.line = source.length;
    this.indent = -1;
  }

  /** Start of the line after the one holding `at`. */
  private lineAfter(at: number): number {
    if (this.source.charCodeAt(at) === LF) return at + 1;
    return this.source.indexOf("\n", at) + 1;
  }

  /** Counts one more open collection; too deep a nesting is left to js-yaml. */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) unsupported();
  }

  /**
   * The key text from `start` to `end`. Keys repeat in every version of a chart: the string read
   * first is given again (no new string, and V8 has already interned it for property access).
   */
  private key(start: number, end: number): string {
    const source = this.source;
    const length = end - start;
    const slot = (source.charCodeAt(start) * 31 + length) & (KEY_SLOTS - 1);
    const known = this.keys[slot]!;
    if (known.length === length && source.startsWith(known, start)) return known;
    const key = source.slice(start, end);
    if (SPECIAL_KEYS.has(key)) unsupported();
    this.keys[slot] = key;
    return key;
  }

  /** A sequence entry starts at `at`: a dash followed by a space or the line end. */
  private isItem(at: number): boolean {
    const source = this.source;
    if (source.charCodeAt(at) !== DASH) return false;
    const c = source.charCodeAt(at + 1);
    return c === SPACE || c === LF || c === CR;
  }

  /** A plain scalar (or key) this reader takes may start at `at`. */
  private isPlainStart(at: number): boolean {
    const c = this.source.charCodeAt(at);
    if (c === DASH) {
      const next = this.source.charCodeAt(at + 1);
      return next !== SPACE && next !== LF && next !== CR;
    }
    return c >= 128 || NOT_PLAIN_START[c] === 0;
  }

  /**
   * Scans plain text on one line from `from`; returns where it stops: at the line break, at a
   * `#` that starts a comment, or at a `:` that ends a key. Sets `plainEnd`.
   */
  private scanPlain(from: number): number {
    const source = this.source;
    let stop = source.indexOf("\n", from);
    if (source.charCodeAt(stop - 1) === CR) stop--;
    let colon = this.nextColon(from);
    while (colon < stop) {
      const next = source.charCodeAt(colon + 1);
      if (next === SPACE || next === LF || next === CR) {
        stop = colon;
        break;
      }
      colon = this.nextColon(colon + 1);
    }
    let hash = this.nextHash(from);
    while (hash < stop) {
      if (source.charCodeAt(hash - 1) === SPACE) {
        stop = hash;
        break;
      }
      hash = this.nextHash(hash + 1);
    }
    let end = stop;
    while (end > from && source.charCodeAt(end - 1) === SPACE) end--;
    this.plainEnd = end;
    return stop;
  }

  /** The first `:` at or after `from` (the source length if none), remembered for the next call. */
  private nextColon(from: number): number {
    if (from > this.colonAt || from < this.colonFrom) {
      const found = this.source.indexOf(":", from);
      this.colonAt = found < 0 ? this.source.length : found;
      this.colonFrom = from;
    }
    return this.colonAt;
  }

  /** The first `#` at or after `from` (the source length if none), remembered for the next call. */
  private nextHash(from: number): number {
    if (from > this.hashAt || from < this.hashFrom) {
      const found = this.source.indexOf("#", from);
      this.hashAt = found < 0 ? this.source.length : found;
      this.hashFrom = from;
    }
    return this.hashAt;
  }

  /** The block sequence whose first dash is on the current line at column `column`. */
  private sequence(column: number): unknown[] {
    this.enter();
    const source = this.source;
    const list: unknown[] = [];
    do {
      let at = this.line + column + 1;
      while (source.charCodeAt(at) === SPACE) at++;
      const c = source.charCodeAt(at);
      if (c === LF || c === CR || c === HASH) {
        // An entry with nothing on its line is null, unless a nested node follows; js-yaml then
        // takes a dash on a less indented line as the next entry of this sequence.
        this.seek(this.lineAfter(at));
        if (this.indent >= 0 && this.indent < column && this.isItem(this.line + this.indent)) {
          unsupported();
        }
        list.push(null);
      } else {
        list.push(this.item(at, column));
      }
      if (this.indent > column) unsupported();
    } while (this.indent === column && this.isItem(this.line + column));
    this.depth--;
    return list;
  }

  /** A sequence entry's node starting at `at`, on the line of its dash at column `column`. */
  private item(at: number, column: number): unknown {
    if (!this.isPlainStart(at)) return this.scalar(at, column + 1);
    const stop = this.scanPlain(at);
    if (this.source.charCodeAt(stop) === COLON) return this.mapping(at - this.line, at, stop);
    return this.plain(at, stop, column + 1);
  }

  /**
   * The block mapping whose keys are at column `column`, the first one at `first` with its colon
   * at `colon` (as found by `scanPlain`, so `plainEnd` ends the key).
   */
  private mapping(column: number, first: number, colon: number): Record<string, unknown> {
    this.enter();
    const source = this.source;
    const map: Record<string, unknown> = {};
    let keyStart = first;
    let keyColon = colon;
    for (;;) {
      const key = this.key(keyStart, this.plainEnd);
      if (Object.hasOwn(map, key)) unsupported();
      map[key] = this.value(keyColon + 1, column);
      if (this.indent < column) break;
      if (this.indent > column) unsupported();
      keyStart = this.line + column;
      if (!this.isPlainStart(keyStart)) unsupported();
      keyColon = this.scanPlain(keyStart);
      if (source.charCodeAt(keyColon) !== COLON) unsupported();
    }
    this.depth--;
    return map;
  }

  /** The value of a key at column `column`, from just after its colon. */
  private value(after: number, column: number): unknown {
    const source = this.source;
    let at = after;
    while (source.charCodeAt(at) === SPACE) at++;
    const c = source.charCodeAt(at);
    if (c !== LF && c !== CR && c !== HASH) {
      if (!this.isPlainStart(at)) return this.scalar(at, column + 1);
      const stop = this.scanPlain(at);
      if (source.charCodeAt(stop) === COLON) unsupported();
      return this.plain(at, stop, column + 1);
    }
    // Nothing on the key's line: a nested node below it, or null.
    this.seek(this.lineAfter(at));
    if (this.indent < column) return null;
    const start = this.line + this.indent;
    // A sequence may sit at its key's column, as Go's YAML writes it.
    if (this.isItem(start)) return this.sequence(this.indent);
    if (this.indent === column) return null;
    if (!this.isPlainStart(start)) unsupported();
    const stop = this.scanPlain(start);
    if (source.charCodeAt(stop) !== COLON) unsupported();
    return this.mapping(this.indent, start, stop);
  }

  /** A node other than a plain scalar starting at `at`, read with flow indent `flowIndent`. */
  private scalar(at: number, flowIndent: number): unknown {
    switch (this.source.charCodeAt(at)) {
      case QUOTE:
        return this.doubleQuoted(at, flowIndent);
      case APOSTROPHE:
        return this.singleQuoted(at, flowIndent);
      case BAR:
        return this.blockScalar(at, flowIndent, false);
      case GREATER:
        return this.blockScalar(at, flowIndent, true);
      case OPEN_BRACKET:
        this.emptyFlow(at, CLOSE_BRACKET);
        return [];
      case OPEN_BRACE:
        this.emptyFlow(at, CLOSE_BRACE);
        return {};
      default:
        return unsupported();
    }
  }

  /** `[]` or `{}` at `at`, alone on the rest of its line. */
  private emptyFlow(at: number, close: number): void {
    if (this.source.charCodeAt(at + 1) !== close) unsupported();
    this.endOfLine(at + 2);
  }

  /** After a node that ends mid-line: only spaces and a comment may follow; moves on. */
  private endOfLine(from: number): void {
    const source = this.source;
    let at = from;
    while (source.charCodeAt(at) === SPACE) at++;
    const c = source.charCodeAt(at);
    if (c !== LF && c !== CR && (c !== HASH || at === from)) unsupported();
    this.seek(this.lineAfter(at));
  }

  /**
   * A plain scalar whose first line runs from `from` to `stop` (a line break or a comment), with
   * the lines that continue it (indented at least `flowIndent`), folded as js-yaml does.
   */
  private plain(from: number, stop: number, flowIndent: number): string | null {
    const source = this.source;
    let text = source.slice(from, this.plainEnd);
    let end = stop;
    let breaks = 1;
    let next = this.lineAfter(end);
    // A comment ends the scalar, so does a comment line, a less indented line or the end.
    while (source.charCodeAt(end) !== HASH && next < source.length) {
      let at = next;
      while (source.charCodeAt(at) === SPACE) at++;
      const c = source.charCodeAt(at);
      if (c === LF || c === CR) {
        breaks++;
        next = this.lineAfter(at);
        continue;
      }
      if (c === HASH) break;
      if (at - next < flowIndent) {
        this.line = next;
        this.indent = at - next;
        return resolvePlain(text);
      }
      end = this.scanPlain(at);
      if (source.charCodeAt(end) === COLON) unsupported();
      text += fold(breaks) + source.slice(at, this.plainEnd);
      breaks = 1;
      next = this.lineAfter(end);
    }
    this.seek(next);
    return resolvePlain(text);
  }

  /**
   * From the line break at `at` inside a quoted scalar: past it, blank lines and the next line's
   * indentation, which must be at least `flowIndent` (js-yaml only warns). Sets `breaks`.
   */
  private skipBreaks(at: number, flowIndent: number): number {
    const source = this.source;
    let breaks = 0;
    let line = at;
    for (;;) {
      line = this.lineAfter(line);
      breaks++;
      if (line >= source.length) unsupported();
      let next = line;
      while (source.charCodeAt(next) === SPACE) next++;
      const c = source.charCodeAt(next);
      if (c !== LF && c !== CR) {
        if (next - line < flowIndent) unsupported();
        this.breaks = breaks;
        return next;
      }
      line = next;
    }
  }

  /** A double-quoted scalar whose opening quote is at `from`, with its escapes and folds. */
  private doubleQuoted(from: number, flowIndent: number): string {
    const source = this.source;
    let text = "";
    let start = from + 1;
    let end = start;
    let at = start;
    for (;;) {
      const c = source.charCodeAt(at);
      if (c === QUOTE) {
        text += source.slice(start, at);
        this.endOfLine(at + 1);
        return text;
      }
      if (c === BACKSLASH) {
        text += source.slice(start, at);
        const letter = source.charCodeAt(at + 1);
        if (letter === LF || letter === CR) {
          // An escaped line break joins the lines without a space.
          at = this.skipBreaks(at + 1, flowIndent);
          if (this.breaks > 1) unsupported();
        } else {
          text += escapeAt(source, at + 1);
          at += 1 + escapeLength(source, at + 1);
        }
        start = end = at;
      } else if (c === LF || c === CR) {
        text += source.slice(start, end);
        at = this.skipBreaks(at, flowIndent);
        text += fold(this.breaks);
        start = end = at;
      } else {
        at++;
        if (c !== SPACE) end = at;
      }
    }
  }

  /** A single-quoted scalar whose opening quote is at `from` (`''` is a quote), folded. */
  private singleQuoted(from: number, flowIndent: number): string {
    const source = this.source;
    let text = "";
    let start = from + 1;
    let end = start;
    let at = start;
    for (;;) {
      const c = source.charCodeAt(at);
      if (c === APOSTROPHE) {
        text += source.slice(start, at);
        if (source.charCodeAt(at + 1) !== APOSTROPHE) {
          this.endOfLine(at + 1);
          return text;
        }
        // '' is one quote: it starts the next piece.
        start = at + 1;
        at += 2;
        end = at;
      } else if (c === LF || c === CR) {
        text += source.slice(start, end);
        at = this.skipBreaks(at, flowIndent);
        text += fold(this.breaks);
        start = end = at;
      } else {
        at++;
        if (c !== SPACE) end = at;
      }
    }
  }

  /**
   * A `|` or `>` block scalar whose indicator is at `from`, as js-yaml's readBlockScalar reads it:
   * header with chomping and indentation indicators, then the lines indented at least as much as
   * the first one (or as the indicator says), up to a less indented line.
   */
  private blockScalar(from: number, flowIndent: number, folding: boolean): string {
    const source = this.source;
    const header = this.blockHeader(from);
    let detected = header.indentation > 0;
    let textIndent = detected ? flowIndent + header.indentation - 1 : flowIndent;
    let text = "";
    let emptyLines = 0;
    let didRead = false;
    let moreIndented = false;
    let line = this.lineAfter(header.end);
    for (;;) {
      let start = line;
      while ((!detected || start - line < textIndent) && source.charCodeAt(start) === SPACE)
        start++;
      const indent = start - line;
      if (!detected && indent > textIndent) textIndent = indent;
      const first = source.charCodeAt(start);
      if (start < source.length && (first === LF || first === CR)) {
        emptyLines++;
        line = this.lineAfter(start);
        continue;
      }
      // A less indented line (or the end) ends the scalar.
      if (indent < textIndent) break;
      const indented = folding && first === SPACE;
      text += blockSeparator(folding, indented, moreIndented, didRead, emptyLines);
      moreIndented = indented;
      didRead = true;
      detected = true;
      emptyLines = 0;
      const lineEnd = source.indexOf("\n", start);
      text += source.slice(start, source.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd);
      line = lineEnd + 1;
    }
    if (header.chomping === "keep") text += "\n".repeat(didRead ? 1 + emptyLines : emptyLines);
    else if (header.chomping === "clip" && didRead) text += "\n";
    this.seek(line);
    return text;
  }

  /**
   * The header of a block scalar whose indicator is at `from`: chomping, indentation indicator
   * (0 if none) and the position of the line break that ends it (after an optional comment).
   */
  private blockHeader(from: number): BlockHeader {
    const source = this.source;
    let chomping: Chomping = "clip";
    let indentation = 0;
    let at = from + 1;
    for (; ; at++) {
      const c = source.charCodeAt(at);
      if (c === PLUS || c === DASH) {
        if (chomping !== "clip") unsupported();
        chomping = c === PLUS ? "keep" : "strip";
      } else if (c >= DIGIT_1 && c <= DIGIT_9) {
        if (indentation > 0) unsupported();
        indentation = c - DIGIT_0;
      } else {
        break;
      }
    }
    if (source.charCodeAt(at) === SPACE) {
      while (source.charCodeAt(at) === SPACE) at++;
      if (source.charCodeAt(at) === HASH) at = source.indexOf("\n", at);
    }
    const c = source.charCodeAt(at);
    if (c !== LF && c !== CR) unsupported();
    return { chomping, indentation, end: at };
  }
}
