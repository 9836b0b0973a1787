import { readFileSync } from "node:fs";
import { join } from "node:path";
import { replaceFile, writeFully } from "../files.ts";

/**
 * The link cache: what the check parsed from each file of the last published build, by the file's key (`linkKey`
 * in checks.ts: its kind and its bytes' hash): a page's ids and its links as written, a feed's or the sitemap's
 * links. A file of the next build with the same key is not parsed again; its links are still resolved against
 * the files and ids of that build. The file is a header line naming the format and the parser
 * (`linkReaderIdentity`), then one line of JSON: every distinct string once, and for each file its key and its
 * ids and links as indices into the strings (one JSON.parse of a few megabytes is much faster than reading a line
 * a file). Anything else reads as an empty cache.
 */

/** What the check needs of one file of the site besides its bytes: the ids it holds and the links it makes, in order. */
export interface FileLinks {
  ids: readonly string[];
  links: readonly string[];
}

const FORMAT = "casefile page-links 1";
const KEY = /^[a-z-]+:[0-9a-f]{32}$/;

/** Where a build run in `cwd` keeps the link cache, beside the validation cache. */
export function linkCacheFile(cwd: string): string {
  return join(cwd, ".cache/casefile/page-links");
}

function header(reader: string): string {
  return `${FORMAT}; ${reader}`;
}

/**
 * The ids and links of the files of the last published build, by key. A missing, unreadable, truncated or
 * corrupt file, or one written by another parser or another version of the check, is an empty cache.
 */
export function readLinkCache(file: string, reader: string): Map<string, FileLinks> {
  let body: unknown;
  try {
    const text = readFileSync(file, "utf8");
    const start = `${header(reader)}\n`;
    if (!text.startsWith(start) || !text.endsWith("\n")) return new Map();
    body = JSON.parse(text.slice(start.length));
  } catch {
    return new Map();
  }
  if (!Array.isArray(body) || body.length !== 2) return new Map();
  const [strings, files] = body as unknown[];
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === "string") || !Array.isArray(files)) return new Map();
  const list = (indices: unknown): string[] | undefined => {
    if (!Array.isArray(indices)) return undefined;
    const items: string[] = new Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const item: unknown = strings[indices[i] as number];
      if (!Number.isInteger(indices[i]) || typeof item !== "string") return undefined;
      items[i] = item;
    }
    return items;
  };
  const cache = new Map<string, FileLinks>();
  for (const entry of files as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3 || typeof entry[0] !== "string" || !KEY.test(entry[0])) return new Map();
    const ids = list(entry[1]);
    const links = list(entry[2]);
    if (!ids || !links) return new Map();
    cache.set(entry[0], { ids, links });
  }
  return cache;
}

/**
 * Whether a build whose check parsed `parsed` of its `pages` HTML pages itself (the rest were in the cache it
 * read) should write the cache again. An entry is named by its file's bytes, so one for a page that changed since
 * is never wrong, only unused, and a page the cache lacks is parsed again by the next build. So the cache is
 * written again only when over 1% of the pages were parsed: a rebuild after a one-article edit at 10,000 articles
 * spent about a second rewriting all of it, and the next builds parse at most 1% of the pages again instead.
 */
export function linkCacheOutdated(parsed: number, pages: number): boolean {
  return parsed > pages / 100;
}

/**
 * Replaces the cache with exactly `files` (those of the build just published) by temporary file and rename. Each
 * distinct string is written once: the same links appear on thousands of pages.
 */
export function writeLinkCache(file: string, reader: string, files: ReadonlyMap<string, FileLinks>): void {
  const keys = [...files.keys()].sort();
  // The strings are numbered in the order the entries first use them, then written a piece at a time: at 100,000
  // articles the whole JSON (about 100 MB) and the entries' index arrays held at once were most of a build's
  // last peak of memory.
  const index = new Map<string, number>();
  for (const key of keys) {
    const { ids, links } = files.get(key)!;
    for (const item of ids) if (!index.has(item)) index.set(item, index.size);
    for (const item of links) if (!index.has(item)) index.set(item, index.size);
  }
  replaceFile(file, (fd) => {
    let chunk = `${header(reader)}\n[[`;
    const put = (text: string) => {
      chunk += text;
      if (chunk.length >= CHUNK) {
        writeFully(fd, Buffer.from(chunk));
        chunk = "";
      }
    };
    let first = true;
    for (const item of index.keys()) {
      put(`${first ? "" : ","}${JSON.stringify(item)}`);
      first = false;
    }
    put("],[");
    keys.forEach((key, n) => {
      const { ids, links } = files.get(key)!;
      put(`${n ? "," : ""}${JSON.stringify([key, ids.map((item) => index.get(item)!), links.map((item) => index.get(item)!)])}`);
    });
    put("]]\n");
    writeFully(fd, Buffer.from(chunk));
  });
}

// Written to the file whenever this many characters are waiting.
const CHUNK = 1 << 22;
