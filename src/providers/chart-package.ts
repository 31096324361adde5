/**
 * Reads one chart or pack package (a gzip-compressed tar, `.tgz`) held in memory: the Helm
 * provider's chart packages, the Helm chart layer of an OCI artifact, a Palette pack tarball.
 *
 * Nothing is ever written to disk. The package is decompressed as a stream whose output is
 * counted, so a gzip bomb is stopped as soon as it crosses the limit instead of being inflated,
 * and only the few documents a user reads are kept in memory.
 */
import { createHash } from "node:crypto";
import * as zlib from "node:zlib";
import { Parser, type ReadEntry } from "tar";
import { RegistryError, RegistryErrorCode } from "./errors";

/** Size limits applied while reading a package. */
export interface PackageLimits {
  /** Largest package accepted, compressed, in bytes. */
  maxPackageBytes: number;
  /** Largest decompressed tar stream (headers, padding and every file), in bytes. */
  maxUnpackedBytes: number;
  /** Largest document kept (Chart.yaml, values.yaml, README, schema, pack.json), in bytes. */
  maxFileBytes: number;
}

/**
 * Helm's own loader refuses charts that decompress to more than 100 MiB or hold a file larger
 * than 5 MiB (`MaxDecompressedChartSize`, `MaxDecompressedFileSize`), so every chart Helm can
 * install is readable here. 20 MiB compressed is far above real packages (Helm stores a release,
 * chart included, in a 1 MiB Kubernetes Secret; the largest public charts are a few MB) and is
 * what 100 MiB of text typically compresses to.
 */
export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxPackageBytes: 20 * 1024 * 1024,
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxFileBytes: 5 * 1024 * 1024,
};

/** At most this many paths are listed in `PackageDocuments.files`. */
export const MAX_LISTED_FILES = 10_000;

/** The documents of a package's top-level folder; a document the package lacks is absent. */
export interface PackageDocuments {
  /** Name of the package's single top-level folder (e.g. `kubernetes-dashboard`). */
  root: string;
  chartYaml?: string;
  values?: string;
  /** README, README.md, README.txt… in any letter case (Markdown preferred). */
  readme?: string;
  /** `values.schema.json` */
  valuesSchema?: string;
  packJson?: string;
  schemaYaml?: string;
  /** Paths of the regular files, relative to `root`, in archive order; at most MAX_LISTED_FILES. */
  files: string[];
  /** True when the package held more regular files than `files` lists. */
  filesTruncated: boolean;
  /** Raw entries kept by `ReadOptions.keep`, by path relative to `root`; absent without it. */
  kept?: Map<string, Buffer>;
}

/** What a caller wants from a read besides the top-level documents (none by default). */
export interface ReadOptions {
  /**
   * Keeps the raw bytes of the regular files it accepts (path relative to the root), each within
   * `maxFileBytes`; e.g. the sub-charts vendored under `charts/`.
   */
  keep?: (relative: string) => boolean;
  /** Set when the read ends: the bytes it decompressed (to share a budget across reads). */
  stats?: { unpackedBytes: number };
}

type DocumentField = "chartYaml" | "values" | "valuesSchema" | "packJson" | "schemaYaml";

/** Documents read from the top-level folder, by exact file name. */
const DOCUMENTS: ReadonlyMap<string, DocumentField> = new Map([
  ["Chart.yaml", "chartYaml"],
  ["values.yaml", "values"],
  ["values.schema.json", "valuesSchema"],
  ["pack.json", "packJson"],
  ["schema.yaml", "schemaYaml"],
]);

/** README names in lower case, best first: those `helm show readme` accepts, and `.markdown`. */
const README_NAMES = ["readme.md", "readme.markdown", "readme.txt", "readme"];

const REGULAR_FILE_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);

/** Pax and GNU long-name records are paths, not contents: a few KiB is plenty. */
const MAX_META_ENTRY_BYTES = 64 * 1024;
/** Output chunk of the decompressor: the granularity at which the unpacked limit is checked. */
const GUNZIP_CHUNK_BYTES = 64 * 1024;
/** Enough of the decompressed stream to recognise a compressed stream inside it. */
const HEAD_BYTES = 4;
/** Longest piece of an entry path quoted in an error message. */
const QUOTED_PATH_CHARS = 200;

/**
 * The documents a version serves (values, README, schema), present only when the package has
 * them: the schema is values.schema.json for a chart and schema.yaml for a pack.
 */
export function servedDocuments(
  documents: PackageDocuments,
  kind: "chart" | "pack",
): { values?: string; readme?: string; schema?: string } {
  const schema = kind === "pack" ? documents.schemaYaml : documents.valuesSchema;
  return {
    ...(documents.values === undefined ? {} : { values: documents.values }),
    ...(documents.readme === undefined ? {} : { readme: documents.readme }),
    ...(schema === undefined ? {} : { schema }),
  };
}

/** sha256 of the data, lower-case hex. */
export function sha256Hex(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Reads the documents of the package's top-level folder (not those of subcharts under charts/):
 * Chart.yaml, values.yaml, README (any case: README, README.md, README.txt…), values.schema.json,
 * pack.json and schema.yaml. `label` names the package in error messages (a URL without
 * credentials, an OCI reference).
 *
 * Throws a RegistryError: PARSE when the data is not gzip, not tar, truncated, has no single
 * top-level folder, holds an entry whose path is absolute or climbs out with `..` (path
 * traversal), or a document that is not valid UTF-8; TOO_LARGE beyond the limits, decompression
 * stopping as soon as the unpacked limit is crossed. Symbolic and hard links are ignored, never
 * followed; nothing is written anywhere.
 */
export function readPackage(
  data: Buffer,
  limits: PackageLimits = DEFAULT_PACKAGE_LIMITS,
  label?: string,
  options: ReadOptions = {},
): Promise<PackageDocuments> {
  const subject = label === undefined ? "The package" : `The package ${label}`;
  if (data.length > limits.maxPackageBytes) {
    return Promise.reject(
      new RegistryError(
        RegistryErrorCode.TOO_LARGE,
        `${subject} is ${data.length} bytes, larger than the ${limits.maxPackageBytes}-byte limit for a package.`,
      ),
    );
  }
  if (!isGzip(data)) {
    return Promise.reject(
      new RegistryError(
        RegistryErrorCode.PARSE,
        `${subject} is not a gzip-compressed tar archive (.tgz): it does not start with the gzip signature.`,
      ),
    );
  }
  return new PackageReader(limits, subject, options).read(data);
}

function isGzip(data: Buffer): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/** The magic numbers of gzip and zstd, which tar's parser would decompress on its own. */
function isCompressed(head: Buffer): boolean {
  return isGzip(head) || head.readUInt32BE(0) === 0x28b52ffd;
}

/** Documents found so far, and the README candidate's rank in README_NAMES. */
interface Collected {
  documents: Partial<Record<DocumentField, string>>;
  readme?: { rank: number; text: string };
}

/** One read of one package: the decompressor, the tar parser and what they found. */
class PackageReader {
  private root: string | undefined;
  private readonly collected: Collected = { documents: {} };
  private readonly kept = new Map<string, Buffer>();
  private readonly files: string[] = [];
  private fileCount = 0;
  private unpackedBytes = 0;
  /** The first decompressed bytes, held until HEAD_BYTES can be checked. */
  private head: Buffer | undefined = Buffer.alloc(0);
  private settled = false;
  /**
   * Set when the parser has read the archive's end (two zero blocks). Whatever follows is never
   * handed to it: tar buffers data after its end by concatenation, which is quadratic, so a
   * package of end blocks and 100 MiB of padding would take minutes of CPU to read.
   */
  private sawEnd = false;
  private resolve!: (documents: PackageDocuments) => void;
  private reject!: (error: RegistryError) => void;
  private readonly gunzip = zlib.createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  private readonly parser = new Parser({
    // Every tar warning (bad checksum, truncated entry, unrecognised format) is an error.
    strict: true,
    // The stream is decompressed already; tar must not decompress a second layer on its own.
    brotli: false,
    zstd: false,
    maxMetaEntrySize: MAX_META_ENTRY_BYTES,
    onReadEntry: (entry) => this.onEntry(entry),
  });

  constructor(
    private readonly limits: PackageLimits,
    private readonly subject: string,
    private readonly options: ReadOptions,
  ) {}

  read(data: Buffer): Promise<PackageDocuments> {
    return new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      this.parser.on("error", (error: Error) => this.fail(this.tarError(error)));
      this.parser.on("end", () => this.finish());
      this.parser.on("eof", () => (this.sawEnd = true));
      this.gunzip.on("data", (chunk: Buffer) => this.onUnpacked(chunk));
      this.gunzip.on("error", (error: Error) => this.fail(this.gzipError(error)));
      this.gunzip.on("end", () => this.onUnpackedEnd());
      this.gunzip.end(data);
    });
  }

  private onUnpacked(chunk: Buffer): void {
    if (this.settled) return;
    this.unpackedBytes += chunk.length;
    if (this.unpackedBytes > this.limits.maxUnpackedBytes) {
      this.fail(
        new RegistryError(
          RegistryErrorCode.TOO_LARGE,
          `${this.subject} is larger than the ${this.limits.maxUnpackedBytes}-byte limit once decompressed.`,
        ),
      );
      return;
    }
    if (this.head !== undefined) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < HEAD_BYTES) return;
      chunk = this.head;
      this.head = undefined;
      if (isCompressed(chunk)) {
        this.fail(
          new RegistryError(
            RegistryErrorCode.PARSE,
            `${this.subject} is not a tar archive: its content is compressed a second time.`,
          ),
        );
        return;
      }
    }
    this.write(chunk);
  }

  private onUnpackedEnd(): void {
    if (this.settled) return;
    // A stream shorter than HEAD_BYTES is no tar archive; the parser says so.
    if (this.head !== undefined && this.head.length > 0) this.write(this.head);
    this.head = undefined;
    this.parser.end();
  }

  private write(chunk: Buffer): void {
    // Past the archive's end the data is only counted (the unpacked limit still applies).
    if (this.sawEnd) return;
    try {
      this.parser.write(chunk);
    } catch (error) {
      this.fail(this.tarError(error));
    }
  }

  private onEntry(entry: ReadEntry): void {
    if (this.settled) {
      entry.resume();
      return;
    }
    const segments = this.safeSegments(entry.path);
    if (segments === undefined) return;
    const isFile = REGULAR_FILE_TYPES.has(entry.type);
    // Links and special files are skipped: a link is never followed.
    if (segments.length === 0 || (!isFile && entry.type !== "Directory")) {
      entry.resume();
      return;
    }
    if (isFile && segments.length === 1) {
      this.fail(
        this.parseError(
          `has a file outside a top-level folder (${quote(segments[0]!)}); a package holds one folder.`,
        ),
      );
      return;
    }
    if (!this.claimRoot(segments[0]!)) return;
    if (!isFile) {
      entry.resume();
      return;
    }
    const relative = segments.slice(1).join("/");
    this.listFile(relative);
    this.readDocument(entry, relative);
  }

  /**
   * The entry's path split into segments (backslashes count as separators, as in archives
   * written on Windows; `.` and empty segments dropped), or undefined after failing the read
   * when the path is absolute or contains `..`.
   */
  private safeSegments(path: string): string[] | undefined {
    const normalized = path.replace(/\\/g, "/");
    const segments = normalized.split("/").filter((s) => s !== "" && s !== ".");
    if (normalized.startsWith("/") || /^[A-Za-z]:/.test(normalized) || segments.includes("..")) {
      this.fail(
        this.parseError(
          `has an entry outside its folder (${quote(path)}): path traversal is not allowed.`,
        ),
      );
      return undefined;
    }
    return segments;
  }

  /** Records the top-level folder; fails the read when a second one appears. */
  private claimRoot(name: string): boolean {
    if (this.root === undefined) this.root = name;
    if (this.root === name) return true;
    this.fail(
      this.parseError(
        `has more than one top-level folder (${quote(this.root)} and ${quote(name)}); a package holds one folder.`,
      ),
    );
    return false;
  }

  private listFile(relative: string): void {
    this.fileCount++;
    if (this.files.length < MAX_LISTED_FILES) this.files.push(relative);
  }

  /** Keeps the entry's text when it is a document of the top-level folder; drains it otherwise. */
  private readDocument(entry: ReadEntry, relative: string): void {
    const field = DOCUMENTS.get(relative);
    const readmeRank = README_NAMES.indexOf(relative.toLowerCase());
    // Any other file is kept raw when `ReadOptions.keep` asks for it, and drained otherwise.
    const keep = field === undefined && readmeRank === -1;
    if (keep && this.options.keep?.(relative) !== true) {
      entry.resume();
      return;
    }
    const where = `${this.root}/${relative}`;
    if (entry.size > this.limits.maxFileBytes) {
      this.fail(
        new RegistryError(
          RegistryErrorCode.TOO_LARGE,
          `${this.subject}: ${quote(where)} is ${entry.size} bytes, larger than the ${this.limits.maxFileBytes}-byte limit for one document.`,
        ),
      );
      entry.resume();
      return;
    }
    const chunks: Buffer[] = [];
    entry.on("data", (chunk: Buffer) => chunks.push(chunk));
    entry.on("end", () => {
      if (this.settled) return;
      if (keep) {
        this.kept.set(relative, Buffer.concat(chunks));
        return;
      }
      const text = this.decodeUtf8(Buffer.concat(chunks), where);
      if (text === undefined) return;
      if (field !== undefined) {
        this.collected.documents[field] = text;
      } else if (this.collected.readme === undefined || readmeRank <= this.collected.readme.rank) {
        this.collected.readme = { rank: readmeRank, text };
      }
    });
  }

  private decodeUtf8(bytes: Buffer, where: string): string | undefined {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      this.fail(this.parseError(`has a document that is not valid UTF-8: ${quote(where)}.`));
      return undefined;
    }
  }

  private finish(): void {
    if (this.settled) return;
    if (this.root === undefined) {
      this.fail(this.parseError("is empty: it holds no top-level folder."));
      return;
    }
    this.settled = true;
    const { documents, readme } = this.collected;
    if (this.options.stats) this.options.stats.unpackedBytes = this.unpackedBytes;
    this.resolve({
      root: this.root,
      ...documents,
      ...(readme === undefined ? {} : { readme: readme.text }),
      files: this.files,
      filesTruncated: this.fileCount > this.files.length,
      ...(this.options.keep ? { kept: this.kept } : {}),
    });
  }

  /** Settles the read with an error and stops decompressing. */
  private fail(error: RegistryError): void {
    if (this.settled) return;
    this.settled = true;
    this.gunzip.destroy();
    this.reject(error);
  }

  private parseError(what: string): RegistryError {
    return new RegistryError(RegistryErrorCode.PARSE, `${this.subject} ${what}`);
  }

  private gzipError(error: Error): RegistryError {
    const code = (error as { code?: unknown }).code;
    const what =
      code === "Z_BUF_ERROR"
        ? "is truncated: its gzip stream ends early."
        : "is not a valid gzip stream (corrupt data).";
    return new RegistryError(RegistryErrorCode.PARSE, `${this.subject} ${what}`, undefined, {
      cause: error,
    });
  }

  private tarError(error: unknown): RegistryError {
    const message = error instanceof Error ? error.message : String(error);
    const what = /truncated/i.test(message)
      ? `is truncated: ${message}.`
      : `is not a valid tar archive (${message}).`;
    return new RegistryError(RegistryErrorCode.PARSE, `${this.subject} ${what}`, undefined, {
      cause: error,
    });
  }
}

/** A path from the archive, safe to put in a message: quoted, escaped and cut. */
function quote(path: string): string {
  const cut = path.length > QUOTED_PATH_CHARS ? `${path.slice(0, QUOTED_PATH_CHARS)}…` : path;
  return JSON.stringify(cut);
}
