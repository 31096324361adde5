/**
 * Hostile payloads, built small: the large ones are described by a few bytes that expand
 * (gzip members, YAML aliases) or are generated once by the test that needs them.
 */
import { gzipSync } from "node:zlib";
import { Header, type HeaderData } from "tar";
import { stringify as toYaml } from "yaml";

/** One gzip member of 1 MiB of zeros (about 1 KiB): the brick of the gzip bombs. */
const ZERO_MEMBER = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });

/**
 * A gzip stream that inflates to `mebibytes` MiB of zeros, made of concatenated gzip members
 * (which gunzip, Node's included, reads as one stream): 1 GiB costs about 1 MB and no time to build.
 */
export function zeroGzip(mebibytes: number): Buffer {
  return Buffer.concat(Array.from({ length: mebibytes }, () => ZERO_MEMBER));
}

/** One entry of a tarball built by a test: any path, `..` and absolute ones included. */
export interface TarEntry extends HeaderData {
  path: string;
  body?: string | Buffer;
}

/** A `.tgz` of the entries, headers written by the `tar` package exactly as given. */
export function tarGz(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const { body, ...data } of entries) {
    const bytes = typeof body === "string" ? Buffer.from(body) : (body ?? Buffer.alloc(0));
    const header = new Header({
      mode: 0o644,
      mtime: new Date("2024-01-01T00:00:00Z"),
      type: "File",
      ...data,
      size: bytes.length,
    });
    header.encode();
    blocks.push(header.block!, bytes, Buffer.alloc((512 - (bytes.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/**
 * A chart package bomb: a `.tgz` whose one file `bomb/zeros.bin` holds `mebibytes` MiB of zeros.
 * Everything after the first header (the file, its padding, the end-of-archive blocks) is zeros,
 * so the package is the header's gzip member followed by a zero bomb.
 */
export function tgzBomb(mebibytes: number): Buffer {
  const header = new Header({
    path: "bomb/zeros.bin",
    mode: 0o644,
    mtime: new Date("2024-01-01T00:00:00Z"),
    type: "File",
    size: mebibytes * 1024 * 1024,
  });
  header.encode();
  // The end-of-archive blocks (1 KiB of zeros) fit in one more MiB of zeros.
  return Buffer.concat([gzipSync(header.block!), zeroGzip(mebibytes + 1)]);
}

/** A Helm index entry with the fields the hostile indexes need. */
export interface IndexEntry {
  name: string;
  version: string;
  [field: string]: unknown;
}

/** A Helm index holding these entries, written by the `yaml` library. */
export function helmIndex(entries: Record<string, IndexEntry[]>): string {
  return toYaml({ apiVersion: "v1", entries, generated: "2026-01-01T00:00:00Z" });
}

/**
 * A "billion laughs" index: one version whose annotation is ten levels of lists, each holding
 * ten aliases of the level below (10^10 leaves) in well under a kilobyte of YAML.
 */
export function aliasBombIndex(): string {
  const levels = [
    '    l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ];
  for (let level = 1; level <= 9; level++) {
    levels.push(
      `    l${level}: &l${level} [${Array(10)
        .fill(`*l${level - 1}`)
        .join(", ")}]`,
    );
  }
  return [
    "apiVersion: v1",
    "laughs:",
    ...levels,
    "entries:",
    "  laughs:",
    "    - name: laughs",
    "      version: 1.0.0",
    "      annotations:",
    "        lol: *l9",
    "",
  ].join("\n");
}

/** An index whose one version has an annotation nested `depth` flow sequences deep. */
export function deeplyNestedIndex(depth: number): string {
  return [
    "apiVersion: v1",
    "entries:",
    "  deep:",
    "    - name: deep",
    "      version: 1.0.0",
    `      annotations: {deep: ${"[".repeat(depth)}${"]".repeat(depth)}}`,
    "",
  ].join("\n");
}

/**
 * `count` versions (`0.0.0` upwards) of one chart, each with a relative package URL, as the
 * lines of an `entries` mapping in Helm's layout.
 */
export function manyVersionsChart(chart: string, count: number): string {
  const lines = [`  ${chart}:`];
  for (let i = 0; i < count; i++) {
    const version = `${Math.floor(i / 1000)}.${i % 1000}.0`;
    lines.push(
      `  - name: ${chart}`,
      `    version: ${version}`,
      `    urls:`,
      `    - ${chart}-${version}.tgz`,
    );
  }
  lines.push("");
  return lines.join("\n");
}
