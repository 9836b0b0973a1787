import { beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import sharp from "sharp";
import { bytesHash, ParseCache, parseCacheFile, parseCacheKey, readParseCache, writeParseCache, type ParsedEntry } from "../../../src/content/parse-cache.ts";
import { pipelineIdentity } from "../../../src/identity.ts";
import { PackedText } from "../../../src/packed.ts";
import { formatProblem } from "../../../src/content/problems.ts";
import { readContent } from "../../../src/content/read.ts";
import { articleContext } from "../../../src/content/schema.ts";
import { validateSettings } from "../../../src/content/settings.ts";
import { loadArchive, readArticle, type Archive, type LoadOptions } from "../../../src/index.ts";
import { projectRoot } from "../../helpers.ts";

const IDENTITY = "the pipeline under test";
const LETTER = "content/articles/2020/2020-12-11-letter.md";

/** A project folder with the test registries, the valid-archive fixture's articles and the files given. */
function project(files: Record<string, Buffer | string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "casefile-parsed-"));
  cpSync(join(projectRoot, "tests/fixtures/_base"), join(dir, "content"), { recursive: true });
  cpSync(join(projectRoot, "tests/fixtures/valid-archive/articles"), join(dir, "content/articles"), { recursive: true });
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

/** A load of the project as the build does it, with the parse cache `cache` when given. */
function load(dir: string, cache?: ParseCache, options: LoadOptions = {}) {
  return loadArchive(join(dir, "content"), { cwd: dir, cacheDir: join(dir, ".cache/casefile"), ...options, ...(cache ? { parsed: cache } : {}) });
}

/** A load through the project's parse cache that saves it afterwards, as a published build does: the number of articles reused. */
async function cachedLoad(dir: string, options: LoadOptions = {}, identity = IDENTITY): Promise<{ reused: number; result: Awaited<ReturnType<typeof load>> }> {
  const cache = new ParseCache(parseCacheFile(dir), identity);
  const result = await load(dir, cache, options);
  cache.save();
  return { reused: cache.reused, result };
}

/**
 * The parse cache of `dir` as saved by a load after a body edit of the letter, the other articles' entries reused
 * from the cache, and then as saved from fresh reads of every article: each as a hash.
 */
async function savedBothWays(dir: string): Promise<{ afterEdit: string; fresh: string }> {
  await cachedLoad(dir);
  const file = join(dir, LETTER);
  writeFileSync(file, `${readFileSync(file, "utf8")}\nA paragraph added.\n`);
  expect((await cachedLoad(dir)).reused).toBeGreaterThan(0);
  const afterEdit = bytesHash(readFileSync(parseCacheFile(dir)));
  rmSync(parseCacheFile(dir));
  expect((await cachedLoad(dir)).reused).toBe(0);
  return { afterEdit, fresh: bytesHash(readFileSync(parseCacheFile(dir))) };
}

/** Everything the pages are made from, as text: each article in full, and wherever else an article appears, its path. */
function pages(archive: Archive | undefined): string {
  expect(archive).toBeDefined();
  const articles = new Set<unknown>(archive!.articles);
  const byPath = (key: string, value: unknown) => (articles.has(value) ? (value as { path: string }).path : value);
  const full = archive!.articles.map((a) => JSON.stringify({ ...a, previous: a.previous?.path, next: a.next?.path, related: a.related.map((r) => r.path) }));
  return [...full, JSON.stringify({ ...archive, articles: undefined }, byPath)].join("\n");
}

/** The entries `readArticle` gives for the project's articles, by file. */
function entriesOf(dir: string): [string, ParsedEntry][] {
  const files = readContent(join(dir, "content"), dir);
  const settings = validateSettings(files);
  const ctx = articleContext(settings.site!, settings.topics, settings.people, settings.authors, { contentDir: join(dir, "content"), cwd: dir });
  return files.articles.map((source) => {
    const read = readArticle(source, ctx);
    if ("problems" in read) throw new Error(read.problems.map(formatProblem).join("\n"));
    return [source.file, { hash: bytesHash(source.bytes), read }];
  });
}

describe("the parse cache", () => {
  it("lives in .cache/casefile/ of the working directory", () => {
    expect(parseCacheFile("/p")).toBe("/p/.cache/casefile/parsed-articles");
  });

  it("reads back exactly the entries written, and a write replaces the old entries instead of adding to them", () => {
    const dir = project();
    const file = parseCacheFile(dir);
    const key = parseCacheKey(IDENTITY, ["registries"]);
    const entries = entriesOf(dir);
    expect(entries.length).toBe(9);
    writeParseCache(file, key, entries);
    // Each entry comes with where the file holds its record, to be copied from there when it is saved unchanged.
    const read = readParseCache(file, key);
    expect(new Map([...read].map(([name, { hash, read }]) => [name, { hash, read }]))).toEqual(new Map(entries));
    expect([...read.values()].every((entry) => entry.record !== undefined && entry.record.length > 0)).toBe(true);
    writeParseCache(file, key, entries.slice(0, 2));
    expect([...readParseCache(file, key).keys()]).toEqual(entries.slice(0, 2).map(([name]) => name));
    expect(readdirSync(dirname(file))).toEqual(["parsed-articles"]);
  });

  it("reads back every article's body as written when the file is larger than the piece it is read through", () => {
    const dir = project();
    const file = parseCacheFile(dir);
    const key = parseCacheKey(IDENTITY, ["registries"]);
    const [name, { hash, read }] = entriesOf(dir)[0]!;
    // 600 bodies of about 9 KB deflated each: over 5 MB, more than one 4 MB piece, so the piece is reused.
    const bodies = Array.from({ length: 600 }, () => `<p>${randomBytes(8192).toString("hex")}</p>`);
    const entries = bodies.map((body, i): [string, ParsedEntry] => {
      const copy = `${name}-${i}`;
      const template = PackedText.pack(body);
      return [copy, { hash, read: { ...read, bodyTemplate: template, article: { ...read.article, file: copy, bodyHtml: template } } }];
    });
    writeParseCache(file, key, entries);
    expect(statSync(file).size).toBeGreaterThan(5_000_000);
    const back = [...readParseCache(file, key).values()];
    expect(back.map((entry) => entry.read.bodyTemplate.toString())).toEqual(bodies);
    expect(back.map((entry) => entry.read.article.bodyHtml.toString())).toEqual(bodies);
  });

  it("clears a temporary file that a killed build left", () => {
    const dir = project();
    const file = parseCacheFile(dir);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp-99999999`, "half a cache");
    writeParseCache(file, parseCacheKey(IDENTITY, []), entriesOf(dir));
    expect(readdirSync(dirname(file))).toEqual(["parsed-articles"]);
  });

  it("is empty when missing, written under another key, truncated, corrupt, followed by more bytes or not a parse cache at all", () => {
    const dir = project();
    const file = parseCacheFile(dir);
    const key = parseCacheKey(IDENTITY, ["registries"]);
    expect(readParseCache(file, key)).toEqual(new Map());
    writeParseCache(file, key, entriesOf(dir));
    const good = readFileSync(file);
    expect(readParseCache(file, parseCacheKey(IDENTITY, ["other registries"])).size).toBe(0);
    expect(readParseCache(file, parseCacheKey("other code", ["registries"])).size).toBe(0);
    // One byte of one article's body changed: still a well-formed record, caught by the file's own hash.
    const at = good.indexOf("Campaigners");
    expect(at).toBeGreaterThan(0);
    const flipped = Buffer.from(good);
    flipped[at] = "K".charCodeAt(0);
    const bad = [
      good.subarray(0, 0),
      good.subarray(0, 20),
      good.subarray(0, good.indexOf("\n") + 1),
      good.subarray(0, good.length >> 1),
      good.subarray(0, good.length - 33),
      good.subarray(0, good.length - 1),
      Buffer.concat([good, Buffer.from([0])]),
      flipped,
      Buffer.from(`casefile validated-pages 1; html-validate 1.0.0\n${"0".repeat(32)}\n`),
      Buffer.from([0, 1, 2, 3, 255, 254, 10, 0, 0, 0, 0]),
    ];
    for (const bytes of bad) {
      writeFileSync(file, bytes);
      expect(readParseCache(file, key).size, `${bytes.length} bytes`).toBe(0);
    }
  });

  it("gives a second load every unchanged article as read, and the same archive a fresh read gives", async () => {
    const dir = project();
    expect((await cachedLoad(dir)).reused).toBe(0);
    const second = await cachedLoad(dir);
    expect(second.reused).toBe(9);
    const fresh = await load(dir);
    expect(pages(second.result.archive)).toEqual(pages(fresh.archive));

    const file = join(dir, LETTER);
    writeFileSync(file, readFileSync(file, "utf8").replace("Campaigners", "Supporters"));
    const edited = await cachedLoad(dir);
    expect(edited.reused).toBe(8);
    expect(pages(edited.result.archive)).toEqual(pages((await load(dir)).archive));
    expect(edited.result.archive!.articles.some((a) => a.bodyHtml.toString().includes("Supporters") || a.title.includes("Supporters"))).toBe(true);
  });

  it("after one article changed, holds byte for byte what a cache written from fresh reads holds", async () => {
    const saved = await savedBothWays(project());
    expect(saved.afterEdit).toBe(saved.fresh);
  });

  it("gives the next load every article as read even when another build replaced the file it was read from", async () => {
    const dir = project();
    await cachedLoad(dir);
    const file = join(dir, LETTER);
    writeFileSync(file, `${readFileSync(file, "utf8")}\nA paragraph added.\n`);
    const cache = new ParseCache(parseCacheFile(dir), IDENTITY);
    await load(dir, cache);
    // Another build in the same folder saves its cache meanwhile: the records are no longer where they were read.
    writeParseCache(parseCacheFile(dir), parseCacheKey(IDENTITY, ["another build"]), entriesOf(dir).slice(0, 2));
    cache.save();
    const next = await cachedLoad(dir);
    expect(next.reused).toBe(9);
    expect(pages(next.result.archive)).toEqual(pages((await load(dir)).archive));
  });

  it("reads every article again under other code, another registry or other options", async () => {
    const dir = project();
    await cachedLoad(dir);
    expect((await cachedLoad(dir, {}, "another version of the pipeline")).reused).toBe(0);
    expect((await cachedLoad(dir, { url: "https://other.test/archive/" })).reused).toBe(0);
    const people = join(dir, "content/people.yaml");
    writeFileSync(people, readFileSync(people, "utf8").replace('name: "Julian Assange"', 'name: "Julian P. Assange"'));
    const renamed = await cachedLoad(dir);
    expect(renamed.reused).toBe(0);
    expect(pages(renamed.result.archive)).toEqual(pages((await load(dir)).archive));
    expect(JSON.stringify(renamed.result.archive!.articles.map((a) => a.people))).toContain("Julian P. Assange");
  });

  it("is not written again when it holds exactly the articles of the load, and is when one is gone", async () => {
    const dir = project();
    await cachedLoad(dir);
    const written = statSync(parseCacheFile(dir));
    await cachedLoad(dir);
    expect(statSync(parseCacheFile(dir)).mtimeMs).toBe(written.mtimeMs);
    expect(statSync(parseCacheFile(dir)).ino).toBe(written.ino);
    rmSync(join(dir, LETTER));
    expect((await cachedLoad(dir)).reused).toBe(8);
    const rewritten = statSync(parseCacheFile(dir));
    expect(rewritten.ino).not.toBe(written.ino);
    expect((await cachedLoad(dir)).reused).toBe(8);
    expect(statSync(parseCacheFile(dir)).ino).toBe(rewritten.ino);
  });

  it("keeps only valid articles: an article with problems is read again, and every problem is reported each time", async () => {
    const dir = project({ "content/articles/2024/2024-01-02-broken.md": "---\ntitle: Broken\ndate: 2024-13-02\ntopic: nothing\n---\n\nText.\n" });
    const first = await cachedLoad(dir);
    expect(first.result.problems.map(formatProblem)).toEqual([
      'content/articles/2024/2024-01-02-broken.md:3  date: "2024-13-02" is not a calendar date (expected YYYY-MM-DD or an ISO 8601 date-time)',
      'content/articles/2024/2024-01-02-broken.md:4  topic: "nothing" is not in topics.yaml (expected one of: hearings, appeals, campaigns)',
    ]);
    const second = await cachedLoad(dir);
    expect(second.reused).toBe(9);
    expect(second.result.problems).toEqual(first.result.problems);
  });
});

describe("a reused article's photos", () => {
  const PHOTO_ARTICLE = "content/articles/2022/2022-03-14-court.md";
  const text = [
    "---",
    'title: "Supporters outside the court"',
    "date: 2022-03-14",
    "topic: hearings",
    "image:",
    "  src: ./court/crowd.jpg",
    '  alt: "A crowd on the court steps"',
    '  credit: "Test Photographer"',
    "---",
    "",
    "Text.",
    "",
    '![The court building](./court/building.jpg "The court | Test Photographer")',
    "",
  ].join("\n");
  let jpeg: Buffer;

  beforeAll(async () => {
    jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#884422" } }).jpeg().toBuffer();
  });

  const withPhotos = () =>
    project({ [PHOTO_ARTICLE]: text, "content/articles/2022/court/crowd.jpg": jpeg, "content/articles/2022/court/building.jpg": jpeg });

  it("are placed as a fresh read places them", async () => {
    const dir = withPhotos();
    await cachedLoad(dir);
    const again = await cachedLoad(dir);
    expect(again.reused).toBe(10);
    const fresh = await load(dir);
    expect(pages(again.result.archive)).toEqual(pages(fresh.archive));
    const court = again.result.archive!.articles.find((a) => a.file === PHOTO_ARTICLE)!;
    expect(court.image?.alt).toBe("A crowd on the court steps");
    expect(court.bodyHtml.toString()).toContain("<figure");
  });

  it("are found where the project is now: a project folder moved as a whole keeps its cache", async () => {
    const dir = withPhotos();
    await cachedLoad(dir);
    const moved = mkdtempSync(join(tmpdir(), "casefile-moved-"));
    cpSync(dir, moved, { recursive: true });
    rmSync(dir, { recursive: true });
    const again = await cachedLoad(moved);
    expect(again.reused).toBe(10);
    expect(pages(again.result.archive)).toEqual(pages((await load(moved)).archive));
    const court = again.result.archive!.articles.find((a) => a.file === PHOTO_ARTICLE)!;
    expect(court.image?.source.path).toBe(join(moved, "content/articles/2022/court/crowd.jpg"));
  });

  it("are in the cache saved after another article changed just as in a cache written from fresh reads", async () => {
    const saved = await savedBothWays(withPhotos());
    expect(saved.afterEdit).toBe(saved.fresh);
  });

  it("are checked again: one no longer a photo, or gone, is reported exactly as a fresh read reports it", async () => {
    const dir = withPhotos();
    await cachedLoad(dir);
    writeFileSync(join(dir, "content/articles/2022/court/building.jpg"), "not a photo");
    const notPhoto = await cachedLoad(dir);
    expect(notPhoto.result.problems.map(formatProblem)).toEqual([
      'content/articles/2022/2022-03-14-court.md:13  body image: "./court/building.jpg" is not an image (expected a photo saved as JPEG, PNG, WebP or AVIF (the file\'s name does not make it one))',
    ]);
    expect(notPhoto.result.problems).toEqual((await load(dir)).problems);

    writeFileSync(join(dir, "content/articles/2022/court/building.jpg"), jpeg);
    rmSync(join(dir, "content/articles/2022/court/crowd.jpg"));
    const gone = await cachedLoad(dir);
    expect(gone.reused).toBe(9);
    expect(gone.result.problems.map(formatProblem)).toEqual([
      'content/articles/2022/2022-03-14-court.md:6  image.src: "./court/crowd.jpg" does not exist (looked for content/articles/2022/court/crowd.jpg) (expected a file in the content folder: a path relative to the article\'s folder (./photo.jpg), or from content/ when it starts with /)',
    ]);
    expect(gone.result.problems).toEqual((await load(dir)).problems);
  });
});

describe("the pipeline's identity", () => {
  /** A source folder and the installed packages beside it: markdown-it, which depends on entities. */
  function tree(): string {
    const dir = mkdtempSync(join(tmpdir(), "casefile-identity-"));
    const files = {
      "src/index.ts": "export const a = 1;\n",
      "src/content/parse.ts": "export const b = 2;\n",
      "node_modules/markdown-it/package.json": JSON.stringify({ name: "markdown-it", version: "14.1.0", dependencies: { entities: "^4.4.0" } }),
      "node_modules/entities/package.json": JSON.stringify({ name: "entities", version: "4.5.0" }),
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  it("is the same for the same code, and changes with any source file or any installed package the read depends on", () => {
    const dir = tree();
    const src = join(dir, "src");
    const first = pipelineIdentity(src);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(pipelineIdentity(src)).toBe(first);
    const changes: [string, string][] = [
      ["src/content/parse.ts", "export const b = 3;\n"],
      ["src/derive/new.ts", "export {};\n"],
      ["node_modules/markdown-it/package.json", JSON.stringify({ name: "markdown-it", version: "14.1.1", dependencies: { entities: "^4.4.0" } })],
      ["node_modules/entities/package.json", JSON.stringify({ name: "entities", version: "4.5.1" })],
    ];
    const seen = new Set([first]);
    for (const [path, text] of changes) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
      const identity = pipelineIdentity(src);
      expect(seen.has(identity), path).toBe(false);
      seen.add(identity);
    }
  });

  it("names this program's own code", () => {
    expect(pipelineIdentity()).toMatch(/^[0-9a-f]{64}$/);
    expect(pipelineIdentity()).toBe(pipelineIdentity());
  });
});
