import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { linkKey, linkReaderIdentity, pageHash } from "../../../src/site/checks.ts";
import { linkCacheFile, linkCacheOutdated, readLinkCache, writeLinkCache, type FileLinks } from "../../../src/site/link-cache.ts";

const reader = linkReaderIdentity();
const a = linkKey("html", pageHash(Buffer.from("<p>a</p>")));
const b = linkKey("html", pageHash(Buffer.from("<p>b</p>")));
const feed = linkKey("atom", pageHash(Buffer.from("<feed/>")));
const fresh = () => linkCacheFile(mkdtempSync(join(tmpdir(), "casefile-links-")));

const files = new Map<string, FileLinks>([
  [a, { ids: ["main", "section-one"], links: ["/b/", "/b/", "#main", "https://other.test/p?q=1", "/images/x-480.avif"] }],
  // Whatever a page's links hold comes back as it was: quotes, newlines, control and line-separator characters, no links at all.
  [b, { ids: ["x\ny", ""], links: ['/"quoted"/', "/tab\there/", "\u0000\u001b]0;t\u0007", "/\u2028/", "/ünï/"] }],
  [feed, { ids: [], links: [] }],
]);

describe("the link cache", () => {
  it("names the parsers' versions and a hash of the check's own code", () => {
    expect(reader).toMatch(/^htmlparser2 \d+\.\d+\.\d+; fast-xml-parser \d+\.\d+\.\d+; checks [0-9a-f]{16}$/);
    expect(linkReaderIdentity()).toBe(reader);
  });

  it("lives in .cache/casefile/ of the working directory, beside the validation cache", () => {
    expect(linkCacheFile("/p")).toBe("/p/.cache/casefile/page-links");
  });

  it("reads back what was written, each file's ids and links in order, and a write replaces the old cache", () => {
    const file = fresh();
    writeLinkCache(file, reader, files);
    expect(readLinkCache(file, reader)).toEqual(files);
    writeLinkCache(file, reader, new Map([[b, files.get(b)!]]));
    expect(readLinkCache(file, reader)).toEqual(new Map([[b, files.get(b)]]));
    expect(readFileSync(file, "utf8").split("\n")).toHaveLength(3);
    expect(readdirSync(join(file, ".."))).toEqual(["page-links"]);
  });

  it("writes a link that many pages share once", () => {
    const file = fresh();
    const many = new Map(Array.from({ length: 50 }, (_, i) => [linkKey("html", pageHash(Buffer.from(String(i)))), { ids: [], links: ["/a-link-on-every-page/"] }]));
    writeLinkCache(file, reader, many);
    expect(readFileSync(file, "utf8").split("/a-link-on-every-page/")).toHaveLength(2);
    expect(readLinkCache(file, reader)).toEqual(many);
  });

  it("is written again after a build that parsed over 1% of the pages itself, and left as it is after a small edit", () => {
    // A first build, or one after the parsers changed, parsed every page; a one-article edit at 10,000 articles, three.
    expect(linkCacheOutdated(10_593, 10_593)).toBe(true);
    expect(linkCacheOutdated(106, 10_593)).toBe(true);
    expect(linkCacheOutdated(3, 10_593)).toBe(false);
    expect(linkCacheOutdated(105, 10_593)).toBe(false);
    // The fixture's small site: one edit changes several of its forty pages.
    expect(linkCacheOutdated(3, 40)).toBe(true);
    expect(linkCacheOutdated(0, 40)).toBe(false);
  });

  it("clears a temporary file that a killed build left", () => {
    const file = fresh();
    writeLinkCache(file, reader, files);
    writeFileSync(`${file}.tmp-99999999`, "half a cache");
    writeLinkCache(file, reader, files);
    expect(readdirSync(join(file, ".."))).toEqual(["page-links"]);
  });

  it("is empty when missing, written by another reader, truncated or corrupt", () => {
    const file = fresh();
    expect(readLinkCache(file, reader)).toEqual(new Map());
    writeLinkCache(file, reader, files);
    const good = readFileSync(file, "utf8");
    expect(readLinkCache(file, reader.replace(/htmlparser2 [^;]+/, "htmlparser2 0.0.1"))).toEqual(new Map());
    expect(readLinkCache(file, reader.replace(/checks \w+/, "checks 0000000000000000"))).toEqual(new Map());
    const [head, body] = good.split("\n") as [string, string];
    const [strings, entries] = JSON.parse(body) as [string[], [string, number[], number[]][]];
    const corrupt = [
      good.slice(0, -5),
      good.slice(0, -1),
      "",
      "\u0000\u0001binary",
      good.replace(/\n/g, "\r\n"),
      `${head}\n${JSON.stringify([strings, entries.map(([key, ids]) => [key, ids, [strings.length]])])}\n`,
      `${head}\n${JSON.stringify([strings, entries.map(([key, ids]) => [key, ids, [-1]])])}\n`,
      `${head}\n${JSON.stringify([strings, entries.map(([key, ids]) => [key, ids, [0.5]])])}\n`,
      `${head}\n${JSON.stringify([strings, entries.map(([key, ids, links]) => [key, ids, links.map(String)])])}\n`,
      `${head}\n${JSON.stringify([strings, entries.map(([key, ids, links]) => [key.replace(/:.*/, ":not-a-hash"), ids, links])])}\n`,
      `${head}\n${JSON.stringify([strings, entries.map(([key, ids]) => [key, ids])])}\n`,
      `${head}\n${JSON.stringify([strings.map((s, i) => (i ? s : 0)), entries])}\n`,
      `${head}\n${JSON.stringify({ strings, entries })}\n`,
    ];
    for (const bad of corrupt) {
      writeFileSync(file, bad);
      expect(readLinkCache(file, reader), JSON.stringify(bad).slice(0, 200)).toEqual(new Map());
    }
  });
});
