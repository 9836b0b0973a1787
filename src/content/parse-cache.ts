import { createHash, hash as digestOf, type Hash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { replaceFile, writeFully } from "../files.ts";
import { pipelineIdentity } from "../identity.ts";
import type { ReadArticle } from "../index.ts";
import type { Article } from "../types.ts";
import { PackedText } from "../packed.ts";

/**
 * The parse cache: what `readArticle` made of each valid article of the last published build (front-matter
 * validated, body rendered), so that a build in a new process reads again only the files whose bytes changed.
 * The file is binary: a header line naming the format and the key (the pipeline's code, the registries and load
 * options, the content folder's path), one record an article (a 4-byte length, then the entry in V8's serialization format:
 * file, SHA-256 of its bytes, the entry), a zero length, and the SHA-256 of everything before it. It is read and
 * written a record at a time, so neither side holds the whole file. Anything else reads as an empty cache.
 */

const FORMAT = "casefile parsed-articles 3";
// Records are read and written through a buffer of this size (a record larger than it gets a larger buffer).
const CHUNK = 4 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);

/** One valid article as read: the SHA-256 (hex) of its file's bytes, and what `readArticle` gave. */
export interface ParsedEntry {
  hash: string;
  read: ReadArticle;
  /** Where the cache file it came from holds its record (byte offset and length): copied from there when it is saved unchanged. */
  record?: { offset: number; length: number };
}

/** What the entries of a cache file were read from: the file, and its inode, size and change time when read. */
export interface CacheSource {
  file: string;
  stamp: string;
}

/** Where a build run in `cwd` keeps its parse cache, beside the validation cache. */
export function parseCacheFile(cwd: string): string {
  return join(cwd, ".cache/casefile/parsed-articles");
}

/** The SHA-256 (hex) of a file's bytes: an entry is reused only for the very bytes it was read from. */
export function bytesHash(bytes: Uint8Array): string {
  // The one-shot hash costs half of createHash's at 10,000 articles of 5 KB (34 against 62 ms).
  return digestOf("sha256", bytes, "hex");
}

/** The key a cache file is written under: the pipeline's identity and everything besides an article's bytes that its entry depends on. */
export function parseCacheKey(identity: string, parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash("sha256").update(`${FORMAT}\0${identity}\0`);
  for (const part of parts) hash.update(`${part.length}\0`).update(part);
  return hash.digest("hex");
}

function header(key: string): Buffer {
  return Buffer.from(`${FORMAT}; ${key}\n`, "latin1");
}

/**
 * The entries of the last published build, by file, when the cache was written under `key`. A missing, unreadable,
 * truncated or corrupt file, or one written under another key, is an empty cache.
 */
export function readParseCache(file: string, key: string): Map<string, ParsedEntry> {
  return readParseCacheFile(file, key).entries;
}

/** `readParseCache`, and what the entries were read from (a file a later `writeParseCache` can copy their records from). */
function readParseCacheFile(file: string, key: string): { entries: Map<string, ParsedEntry>; source?: CacheSource } {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return { entries: new Map() };
  }
  try {
    const entries = readRecords(fd, key);
    return entries.size ? { entries, source: { file, stamp: stampOf(fd) } } : { entries };
  } finally {
    closeSync(fd);
  }
}

/** A file's inode, size and change time: a cache file is replaced by rename, never written in place, so the same stamp is the same bytes. */
function stampOf(fd: number): string {
  const stat = fstatSync(fd, { bigint: true });
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.ctimeNs}`;
}

function readRecords(fd: number, key: string): Map<string, ParsedEntry> {
  try {
    const entries = new Map<string, ParsedEntry>();
    const input = new ChunkReader(fd);
    const expected = header(key);
    if (!input.fill(expected.length) || !input.take(expected.length).equals(expected)) return new Map();
    for (;;) {
      if (!input.fill(4)) return new Map();
      const length = input.take(4).readUInt32LE(0);
      if (length === 0) break;
      if (length > input.size || !input.fill(length)) return new Map();
      const offset = input.position;
      const entry = storedEntry(deserialize(input.take(length)));
      if (!entry) return new Map();
      entries.set(entry[0], { ...entry[1], record: { offset, length } });
    }
    const digest = input.digest();
    if (!input.fill(digest.length) || !input.take(digest.length).equals(digest) || input.fill(1)) return new Map();
    return entries;
  } catch {
    return new Map();
  }
}

/**
 * An article as `readArticle` gave it, from the article the build went on with, to be stored: the lead photo and
 * the body's figures are set once the photos are read, and the neighbours and related lists by the derivation.
 * The body is the template itself until the photos are placed: stored once, as the template's bytes, and set
 * again on reading; the article keeps an empty placeholder in its place, so its fields keep their order.
 */
function storedArticle(article: ReadArticle["article"] & Partial<Pick<Article, "previous" | "next" | "related">>): Omit<ReadArticle["article"], "bodyHtml"> & { bodyHtml: Buffer } {
  const { image: _image, previous: _previous, next: _next, related: _related, ...read } = article;
  return { ...read, figures: [], bodyHtml: EMPTY };
}

/** A record as written by `writeParseCache`, or undefined for anything else. */
function storedEntry(record: unknown): [string, ParsedEntry] | undefined {
  if (!Array.isArray(record) || record.length !== 3) return undefined;
  const [file, hash, read] = record as [unknown, unknown, Partial<ReadArticle> | null];
  if (typeof file !== "string" || typeof hash !== "string" || typeof read !== "object" || read === null) return undefined;
  const body: unknown = read.bodyTemplate;
  if (!Buffer.isBuffer(body) || typeof read.article !== "object" || read.article === null) return undefined;
  if (!Array.isArray(read.images) || !Array.isArray(read.hints) || read.article.file !== file) return undefined;
  // The body is stored once, as its deflated bytes: an article as read has its body's HTML, marks and all, as its
  // template. `fromBytes` copies them: `deserialize` gives a view into the piece of the file read, which the next
  // record overwrites.
  read.bodyTemplate = read.article.bodyHtml = PackedText.fromBytes(body);
  return [file, { hash, read: read as ReadArticle }];
}

/**
 * Replaces the cache with exactly `entries` (the valid articles of the build just published, as they were read),
 * written under `key` to a temporary file that is then renamed, so a reader sees the old cache or the new one,
 * never part of one. An entry with a `record` is copied from `source` when that is still the file it was read from.
 */
export function writeParseCache(file: string, key: string, entries: Iterable<[string, ParsedEntry]>, source?: CacheSource): void {
  let from: number | undefined;
  try {
    if (source) from = openSync(source.file, "r");
    if (from !== undefined && stampOf(from) !== source?.stamp) {
      closeSync(from);
      from = undefined;
    }
  } catch {
    from = undefined;
  }
  try {
    replaceFile(file, (fd) => {
      const output = new ChunkWriter(fd);
      output.write(header(key));
      for (const [name, entry] of entries) {
        const { read } = entry;
        const record =
          from !== undefined && entry.record
            ? readRecord(from, entry.record)
            : serialize([name, entry.hash, { ...read, bodyTemplate: read.bodyTemplate.bytes, article: storedArticle(read.article) }]);
        output.write(length(record.length));
        output.write(record);
      }
      output.write(length(0));
      output.finish();
    });
  } finally {
    if (from !== undefined) closeSync(from);
  }
}

function readRecord(fd: number, { offset, length }: { offset: number; length: number }): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  for (let read = 0; read < length; ) {
    const n = readSync(fd, bytes, read, length - read, offset + read);
    if (n === 0) throw new Error("the parse cache being copied ended early");
    read += n;
  }
  return bytes;
}

function length(n: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(n, 0);
  return bytes;
}

/**
 * Reads a file front to back through one buffer: `fill(n)` makes the next `n` bytes available, `take(n)` hands them
 * out, and `digest()` is the SHA-256 of every byte taken so far. The bytes are hashed a buffer at a time: an update a
 * record cost 0.3 s at 10,000 articles.
 */
class ChunkReader {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private start = 0;
  private end = 0;
  // Bytes from `hashed` to `start` are taken but not yet hashed.
  private hashed = 0;
  // The file offset of the buffer's first byte.
  private offset = 0;
  private readonly hash: Hash = createHash("sha256");
  /** The file's size in bytes: no record can be longer. */
  readonly size: number;

  constructor(private readonly fd: number) {
    this.size = fstatSync(fd).size;
  }

  /** True when the next `n` bytes are in the buffer; false when the file ends before them. */
  fill(n: number): boolean {
    if (this.end - this.start >= n) return true;
    if (this.start + n > this.buffer.length) {
      this.hashTaken();
      const next = n > this.buffer.length ? Buffer.allocUnsafe(n) : this.buffer;
      this.buffer.copy(next, 0, this.start, this.end);
      this.offset += this.start;
      this.end -= this.start;
      this.start = 0;
      this.hashed = 0;
      this.buffer = next;
    }
    while (this.end - this.start < n) {
      const read = readSync(this.fd, this.buffer, this.end, this.buffer.length - this.end, null);
      if (read === 0) return false;
      this.end += read;
    }
    return true;
  }

  /** The next `n` bytes (after `fill(n)`), valid until the next `fill`. */
  take(n: number): Buffer {
    const bytes = this.buffer.subarray(this.start, this.start + n);
    this.start += n;
    return bytes;
  }

  /** The offset in the file of the next byte `take` hands out. */
  get position(): number {
    return this.offset + this.start;
  }

  /** The SHA-256 of every byte taken; call once, and take nothing more that must be hashed. */
  digest(): Buffer {
    this.hashTaken();
    return this.hash.digest();
  }

  private hashTaken(): void {
    this.hash.update(this.buffer.subarray(this.hashed, this.start));
    this.hashed = this.start;
  }
}

/** Writes a file through one buffer of about `CHUNK` bytes, hashed a buffer at a time; `finish` ends it with their SHA-256. */
class ChunkWriter {
  private pending: Uint8Array[] = [];
  private size = 0;
  private readonly hash: Hash = createHash("sha256");

  constructor(private readonly fd: number) {}

  write(bytes: Uint8Array): void {
    this.pending.push(bytes);
    this.size += bytes.length;
    if (this.size >= CHUNK) this.flush();
  }

  finish(): void {
    this.flush();
    this.writeOut(this.hash.digest());
  }

  private flush(): void {
    const bytes = Buffer.concat(this.pending, this.size);
    this.hash.update(bytes);
    this.writeOut(bytes);
    this.pending = [];
    this.size = 0;
  }

  private writeOut(bytes: Uint8Array): void {
    writeFully(this.fd, bytes);
  }
}

/**
 * A build's parse cache from its load to its publication: the cache file's entries, each handed out (`take`) for
 * the very bytes it was read from, and the valid articles of this load as read (`keep`), which `save` writes once
 * the build is published; an entry handed out unchanged is copied from the file it was read from.
 */
export class ParseCache {
  private stored = new Map<string, ParsedEntry>();
  private storedCount = 0;
  private readonly kept = new Map<string, ParsedEntry>();
  /** Entries handed out by `take` just as the file holds them, by file: `keep` writes their records again unchanged. */
  private readonly unchanged = new Map<string, { read: ReadArticle; record: NonNullable<ParsedEntry["record"]> }>();
  private source?: CacheSource;
  private key?: string;
  /** Articles of the last load reused from the cache file. */
  reused = 0;

  /** `identity` names the code that reads articles (by default `pipelineIdentity()`, found when the cache is opened); a test may give another. */
  constructor(
    readonly file: string,
    private identity?: string,
  ) {}

  /** Reads the cache file for a load whose entries depend on `parts` besides each file's bytes (see `parseCacheKey`). */
  open(parts: readonly (string | Uint8Array)[]): void {
    this.identity ??= pipelineIdentity();
    this.key = parseCacheKey(this.identity, parts);
    const { entries, source } = readParseCacheFile(this.file, this.key);
    this.stored = entries;
    this.source = source;
    this.storedCount = this.stored.size;
    this.kept.clear();
    this.unchanged.clear();
    this.reused = 0;
  }

  /** The entry of `file` read from bytes with this hash, if the cache has one, as `accept` gives it back (or refuses it: undefined). */
  take(file: string, hash: string, accept: (read: ReadArticle) => ReadArticle | undefined): ReadArticle | undefined {
    const entry = this.stored.get(file);
    this.stored.delete(file);
    if (!entry || entry.hash !== hash) return undefined;
    const paths = entry.read.images.map((use) => use.path);
    const read = accept(entry.read);
    if (!read) return undefined;
    this.reused++;
    // Serializing 10,000 entries again costs 0.6 s; one whose photos are where they were is written as it was read.
    if (entry.record && read === entry.read && read.images.every((use, i) => use.path === paths[i])) this.unchanged.set(file, { read, record: entry.record });
    return read;
  }

  /**
   * Keeps a valid article of this load as read. Its photos are placed and the archive derived afterwards, which
   * set fields of the article; `save` leaves those out (see `storedArticle`) rather than this keeping a copy of every
   * article for the whole build (about 33 MB at 100,000 articles).
   */
  keep(file: string, hash: string, read: ReadArticle): void {
    const record = this.unchanged.get(file);
    this.kept.set(file, { hash, read, ...(record?.read === read ? { record: record.record } : {}) });
  }

  /** The load is over: entries of files that are gone are dropped. */
  close(): void {
    this.stored = new Map();
    this.unchanged.clear();
  }

  /** Replaces the cache file with this load's articles, unless it holds exactly those already. */
  save(): void {
    if (this.key === undefined) return;
    if (this.reused === this.storedCount && this.kept.size === this.reused) return;
    writeParseCache(this.file, this.key, this.kept, this.source);
  }
}
