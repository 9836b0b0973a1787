import { resolve } from "node:path";
import { parseArticle, decodeText } from "./content/parse.ts";
import { notUtf8, type ContentProblem } from "./content/problems.ts";
import { plural } from "./text.ts";
import { displayPath, readContent, readRegularFile, sourceBytes, type ContentFiles, type SourceFile } from "./content/read.ts";
import { LIMITS } from "./limits.ts";
import { articleContext, validateArticle, type ArticleContext, type ContentHint, type ImageUse, type ValidArticle } from "./content/schema.ts";
import { validateSettings } from "./content/settings.ts";
import { dateArchives } from "./derive/archives.ts";
import { relatedArticles, type RelatedMemo } from "./derive/related.ts";
import { authorPages, personPages, topicPages } from "./derive/taxonomy.ts";
import { listings, timelinePages } from "./derive/parts.ts";
import { chronology, timelineYears } from "./derive/timeline.ts";
import { fillFigures } from "./markdown.ts";
import type { PackedText } from "./packed.ts";
import { ImageInspector, locateImage, pictureOf, type ImageInfo } from "./media/images.ts";
import { bytesHash, type ParseCache } from "./content/parse-cache.ts";
import { figure } from "./site/figure.ts";
import { markRevised } from "./revision.ts";
import type { Archive, Author, Person, SiteConfig, Topic } from "./types.ts";

export type * from "./types.ts";
export { formatReport, formatProblem, ContentError, type ContentProblem } from "./content/problems.ts";

/** How many of the newest articles the home page lists. */
export const LATEST_COUNT = 10;

export interface LoadOptions {
  /** Keep articles marked `draft: true` (the dev server shows them); the production build leaves them out. */
  drafts?: boolean;
  /** Directory that file paths in problems are relative to; defaults to the working directory. */
  cwd?: string;
  /** The site's address instead of site.yaml's url (`--url`); an absolute http(s) URL (see `parseSiteUrl`). */
  url?: string;
  /** Serve the site from this sub-folder instead of the path in site.yaml's url (`--pathprefix`). */
  pathPrefix?: string;
  /** The folder's files, when the caller has read them already (`npm run check` reads once for validation and hints). */
  files?: ContentFiles;
  /** False for a check that renders nothing: bodies are not rendered and the archive's `bodyHtml` and derived summaries are empty. */
  renderBodies?: boolean;
  /** Validated articles from an earlier load, reused for files whose bytes are unchanged (the dev server's rebuilds). */
  cache?: ArticleCache;
  /**
   * With `cache`: the only files that changed since the cache's last load (absolute paths), all of them existing
   * articles that are still there, as the dev server's watcher reports them. Only these are read again; when
   * anything else could have changed, leave it out and the whole folder is read.
   */
  changed?: readonly string[];
  /** Where processed photos and social cards are kept between builds; defaults to `.cache/casefile` in the working directory. */
  cacheDir?: string;
  /**
   * The production build's parse cache (`.cache/casefile/parsed-articles`): articles whose bytes, registries and load
   * options are those an entry was read under, by the same code, are not read again; the valid articles read are
   * kept in it, for the build to save once it is published.
   */
  parsed?: ParseCache;
}

/**
 * What `loadArchive` validated last time, by file. An entry is reused only while the file's bytes and the
 * registries (site.yaml, topics.yaml, people.yaml, authors.yaml, the url and the path prefix) are exactly as they were.
 */
export class ArticleCache {
  settings?: Uint8Array;
  readonly entries = new Map<string, { bytes: Uint8Array } & ReadArticle>();
  /** Photos already read, while their files are unchanged. */
  readonly images = new ImageInspector();
  /** The related lists of the last derivation, kept for the next (see `RelatedMemo`). */
  readonly related: RelatedMemo = new WeakMap();
  /** The last load that gave an archive, and what it was loaded with: where a load of `changed` files starts. */
  last?: { archive: Archive; files: ContentFiles; settings: Settings; options: LoadOptions };
}

export interface LoadResult {
  /** Present only when there are no problems. */
  archive?: Archive;
  problems: ContentProblem[];
  /** Notes for `npm run check` about valid articles (a photo in the body without a credit). */
  hints: ContentHint[];
  counts: { articles: number; people: number; topics: number };
  /** Present with `archive`: what each article was validated against, for validating one edited file alone. */
  ctx?: ArticleContext;
}

// Used only to keep validating articles when site.yaml itself is broken, so every problem is reported at once.
const FALLBACK_SITE = { timezone: "Europe/London", language: "en-GB", basePath: "/" };

/**
 * Reads, validates and derives a whole content folder into one `Archive`. Every problem in every file is
 * collected, those of the photos too (read once every article is validated); when there is any, `archive` is
 * absent and nothing should be written.
 */
export async function loadArchive(contentDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const cache = options.cache;
  if (cache?.last && options.changed) {
    const result = await reloadChanged(cache, cache.last, options.changed);
    if (result) return result;
  }
  const files = options.files ?? readContent(resolve(contentDir), options.cwd, { lazy: true });
  const settings = validateSettings(files, { url: options.url, pathPrefix: options.pathPrefix });
  const { site, topics, people, authors } = settings;
  const problems: ContentProblem[] = [...settings.problems, ...files.problems];
  const ctx = articleContext(site ?? FALLBACK_SITE, topics, people, authors, { contentDir: resolve(contentDir), cwd: options.cwd ?? process.cwd() });
  if (options.renderBodies === false) ctx.renderBodies = false;
  const key = settingsKey(files, `${options.url ?? ""}\0${options.pathPrefix ?? ""}\0${options.renderBodies ?? true}`);
  if (cache) {
    cache.last = undefined;
    if (!cache.settings || !Buffer.from(key).equals(cache.settings)) cache.entries.clear();
    cache.settings = key;
  }
  // Entries name their files relative to the working directory, so a project folder moved as a whole keeps its cache.
  const parsed = options.parsed;
  parsed?.open([key, displayPath(ctx.contentDir, ctx.cwd)]);
  const valid: ReadArticle[] = [];
  const images: ImageUse[] = [];
  for (const source of files.articles) {
    const bytes = sourceBytes(source);
    if (!(bytes instanceof Uint8Array)) {
      problems.push(bytes);
      continue;
    }
    const cached = cache?.entries.get(source.file);
    if (cached && Buffer.from(cached.bytes).equals(bytes)) {
      valid.push(cached);
      images.push(...cached.images);
      continue;
    }
    const hash = parsed ? bytesHash(bytes) : "";
    const result = parsed?.take(source.file, hash, (read) => relocated(read, ctx)) ?? readArticle({ file: source.file, bytes }, ctx);
    images.push(...result.images);
    if ("problems" in result) problems.push(...result.problems);
    else {
      valid.push(result);
      cache?.entries.set(source.file, { bytes, ...result });
      parsed?.keep(source.file, hash, result);
    }
  }
  parsed?.close();
  const counts = { articles: files.articles.length, people: people.length, topics: topics.length };
  if (!site) return { problems, hints: [], counts };
  const loaded: Settings = { site, topics, people, extras: { authors, ...(settings.publisherLogo ? { publisherLogo: settings.publisherLogo } : {}) }, ctx };
  const result = await finishLoad(valid, images, problems, loaded, counts, options, cache?.images);
  if (cache && result.archive) cache.last = { archive: result.archive, files, settings: loaded, options };
  return result;
}

/** The valid settings and registries a load validated its articles against. */
interface Settings {
  site: SiteConfig;
  topics: Topic[];
  people: Person[];
  extras: ArchiveExtras;
  ctx: ArticleContext;
}

/** The rest of a load once every article is read: URLs that clash, the photos, and the archive derived from the valid articles. */
async function finishLoad(
  valid: readonly ReadArticle[],
  images: readonly ImageUse[],
  problems: ContentProblem[],
  settings: Settings,
  counts: LoadResult["counts"],
  options: LoadOptions,
  inspector = new ImageInspector(),
): Promise<LoadResult> {
  const { site } = settings;
  problems.push(...urlCollisions(valid));
  const photos = await readImages(images, inspector);
  problems.push(...photos.problems);
  if (problems.length) return { problems, hints: [], counts };
  const cacheDir = resolve(options.cacheDir ?? ".cache/casefile");
  for (const v of valid) placeImages(v, photos.found, { basePath: site.basePath, cacheDir: resolve(cacheDir, "images") });
  const published = valid.map((v) => v.article).filter((a) => options.drafts || !a.draft);
  const archive = deriveArchive(site, settings.topics, settings.people, published, valid.length - published.length, settings.extras, options.cache?.related);
  archive.cacheDir = cacheDir;
  return { archive, problems, hints: valid.flatMap((v) => v.hints), counts, ctx: settings.ctx };
}

/**
 * A load of the files the watcher says changed, starting from the cache's last load; undefined when the whole
 * folder must be read instead (a file is not an article of the last load, or now has a problem: the full load
 * reports every problem). An edit that leaves everything the archive is derived from as it was (date, URL, topic,
 * people, authors, milestone, draft: a new title, summary, body or photo) is applied to the article in place and the
 * last archive is kept, so every list holding the article shows the edit; any other edit derives the archive again
 * from the articles in memory, without reading the others.
 */
async function reloadChanged(cache: ArticleCache, last: NonNullable<ArticleCache["last"]>, changed: readonly string[]): Promise<LoadResult | undefined> {
  const { options } = last;
  const { ctx, site } = last.settings;
  const fresh = new Map<string, { bytes: Uint8Array } & ReadArticle>();
  for (const path of changed) {
    const file = displayPath(path, options.cwd);
    const entry = cache.entries.get(file);
    if (!entry) return undefined;
    const bytes = readRegularFile(path, file, LIMITS.articleBytes, "an article");
    if (!(bytes instanceof Uint8Array)) return undefined;
    if (Buffer.from(entry.bytes).equals(bytes)) continue;
    const read = readArticle({ file, bytes }, ctx);
    if ("problems" in read) return undefined;
    fresh.set(file, { bytes, ...read });
  }
  const photos = await readImages([...fresh.values()].flatMap((v) => v.images), cache.images);
  if (photos.problems.length) return undefined;
  const cacheDir = resolve(options.cacheDir ?? ".cache/casefile");
  for (const v of fresh.values()) placeImages(v, photos.found, { basePath: site.basePath, cacheDir: resolve(cacheDir, "images") });

  const inPlace = [...fresh].every(([file, v]) => derivedFrom(v.article) === derivedFrom(cache.entries.get(file)!.article));
  for (const [file, v] of fresh) {
    if (inPlace) {
      const article = cache.entries.get(file)!.article;
      for (const key of Object.keys(article)) if (!(key in v.article) && !CHRONOLOGY_FIELDS.has(key)) delete article[key as keyof ValidArticle];
      Object.assign(article, v.article);
      markRevised(article);
      v.article = article;
    }
    cache.entries.set(file, v);
  }
  const counts = { articles: last.files.articles.length, people: last.settings.people.length, topics: last.settings.topics.length };
  const valid = () => last.files.articles.map((source) => cache.entries.get(source.file)!);
  if (inPlace) {
    // Gathered only when asked for: the preview, which makes this call on every save, never does.
    return { archive: last.archive, problems: [], get hints() { return valid().flatMap((v) => v.hints); }, counts, ctx };
  }
  const articles = valid();
  const result = await finishLoad(articles, articles.flatMap((v) => v.images), [], last.settings, counts, options, cache.images);
  // The articles in memory are the files as they are now: the next load starts from this archive, or from the folder.
  cache.last = result.archive ? { ...last, archive: result.archive } : undefined;
  return result;
}

// Set on each article by the derivation (`chronology`, `relatedArticles`), not read from its file.
const CHRONOLOGY_FIELDS = new Set(["previous", "next", "related"]);

/**
 * A reused article with its photos found again, as `validateArticle` finds them, in the content folder as it is now
 * and where it is now; undefined when one is no longer there, so that a fresh read reports it.
 */
function relocated(read: ReadArticle, ctx: ArticleContext): ReadArticle | undefined {
  for (const use of read.images) {
    const located = locateImage(use.src, resolve(ctx.cwd, use.file), ctx.contentDir, ctx.cwd);
    if (!("path" in located)) return undefined;
    use.path = located.path;
  }
  return read;
}

/** What of an article the archive's order, lists and links are derived from: equal, the derivation gives the same archive. */
function derivedFrom(a: ValidArticle): string {
  return JSON.stringify([a.file, a.path, a.url, a.date, a.topic.id, a.people.map((p) => p.id), a.authors.map((p) => p.id), a.milestone, a.draft]);
}

/** Reads the header of every photo used (each file once) and reports, at each use, the files that cannot be published. */
async function readImages(uses: readonly ImageUse[], inspector: ImageInspector): Promise<{ found: Map<string, ImageInfo>; problems: ContentProblem[] }> {
  const paths = [...new Set(uses.map((u) => u.path))];
  const results = new Map<string, Awaited<ReturnType<ImageInspector["inspect"]>>>();
  // A few at a time: each photo is held in memory (up to LIMITS.imageBytes) until its header is read.
  for (let i = 0; i < paths.length; i += 8) {
    const batch = paths.slice(i, i + 8);
    for (const [path, result] of await Promise.all(batch.map(async (path) => [path, await inspector.inspect(path)] as const))) results.set(path, result);
  }
  const found = new Map<string, ImageInfo>();
  const problems: ContentProblem[] = [];
  for (const use of uses) {
    const result = results.get(use.path)!;
    if ("code" in result) {
      const problem: ContentProblem = { code: result.code, file: use.file, field: use.field, message: `${JSON.stringify(use.src)} ${result.message}`, expected: result.expected };
      if (use.line !== undefined) problem.line = use.line;
      problems.push(problem);
    } else found.set(use.path, result);
  }
  return { found, problems };
}

/** Gives a valid article its lead photo and puts the figures of its body's photos in place of their marks. */
function placeImages(read: ReadArticle, found: ReadonlyMap<string, ImageInfo>, options: { basePath: string; cacheDir: string }): void {
  const { article } = read;
  const pictures = read.images.map((use) => pictureOf(use.path, found.get(use.path)!, use, { ...options, lead: use.figure === undefined }));
  const lead = read.images.findIndex((use) => use.figure === undefined);
  if (lead === -1) delete article.image;
  else article.image = pictures[lead]!;
  article.figures = pictures.filter((_, i) => i !== lead);
  article.bodyHtml = fillFigures(read.bodyTemplate, article.figures.map((p) => figure(p, "body").value));
}

/** A valid article, the line a clash of its URL with another article's is reported at, and the photos it uses. */
export interface ReadArticle {
  article: ValidArticle;
  urlLine: number | undefined;
  images: ImageUse[];
  hints: ContentHint[];
  /** The body's HTML with a mark where each photo goes: `bodyHtml` is made from it once the photos are read. */
  bodyTemplate: PackedText;
}

/**
 * Decodes, parses and validates one article file: the article, or every problem in it. The parsed YAML
 * (about 13 KB an article) is not kept: only the one line number a later check may need.
 */
export function readArticle(source: SourceFile, ctx: ArticleContext): ReadArticle | { problems: ContentProblem[]; images: ImageUse[] } {
  const text = decodeText(source.bytes);
  if (text === null) return { problems: [notUtf8(source.file)], images: [] };
  const parsed = parseArticle(text, source.file);
  if ("code" in parsed) return { problems: [parsed], images: [] };
  const result = validateArticle(parsed, source.file, ctx);
  if (!result.article || result.problems.length) return { problems: result.problems, images: result.images };
  return {
    article: result.article,
    urlLine: parsed.lineOf(["slug"]) ?? parsed.lineOf(["date"]),
    images: result.images,
    hints: result.hints,
    bodyTemplate: result.article.bodyHtml,
  };
}

/** Everything besides an article's own file that validating it depends on (the registries and the load options), as bytes. */
function settingsKey(files: ContentFiles, options: string): Uint8Array {
  const parts = [files.site, files.topics, files.people, files.authors].map((f) => Buffer.from(f && "bytes" in f ? f.bytes : `\0${f ? "unreadable" : "missing"}\0`));
  return Buffer.concat([Buffer.from(`${options}\0`), ...parts.flatMap((p) => [Buffer.from(`${p.length}\0`), p])]);
}

/** What an archive may have besides its site, topics and people: the authors of authors.yaml and the publisher's logo. */
export interface ArchiveExtras {
  authors?: Author[];
  publisherLogo?: Uint8Array;
}

/** Builds every listing the site shows from validated articles; `related` keeps related lists from one derivation to the next (the preview). */
export function deriveArchive(
  site: SiteConfig,
  topics: Topic[],
  people: Person[],
  articles: ValidArticle[],
  draftsLeftOut: number,
  extras: ArchiveExtras = {},
  related?: RelatedMemo,
): Archive {
  const ordered = chronology(articles);
  for (const [article, links] of relatedArticles(ordered, related)) article.related = links;
  const years = dateArchives(ordered, site.basePath, site.language);
  const months = years.flatMap((y) => y.months);
  const topicList = topicPages(topics, ordered);
  const peopleList = personPages(people, ordered);
  const authorList = authorPages(extras.authors ?? [], ordered);
  const timeline = timelineYears(ordered);
  return {
    site,
    articles: ordered,
    topics: topicList,
    people: peopleList,
    authors: authorList,
    years,
    months,
    timeline,
    timelinePages: timelinePages(timeline, ordered.length, site.basePath),
    listings: {
      topics: listings(topicList, site.basePath),
      people: listings(peopleList, site.basePath),
      authors: listings(authorList, site.basePath),
      years: listings(years, site.basePath),
      months: listings(months, site.basePath),
    },
    milestones: ordered.filter((a) => a.milestone),
    latest: ordered.slice(-LATEST_COUNT).reverse(),
    ...(extras.publisherLogo ? { publisherLogo: extras.publisherLogo } : {}),
    draftsLeftOut,
    cacheDir: resolve(".cache/casefile"),
  };
}

/** Two articles may not write the same URL; URLs that differ only in case collide too (case-insensitive hosts). */
function urlCollisions(valid: readonly ReadArticle[]): ContentProblem[] {
  const byUrl = new Map<string, ReadArticle[]>();
  for (const v of valid) {
    const key = v.article.path.toLowerCase();
    byUrl.set(key, [...(byUrl.get(key) ?? []), v]);
  }
  const problems: ContentProblem[] = [];
  for (const group of byUrl.values()) {
    if (group.length < 2) continue;
    for (const v of group) {
      const others = group.filter((o) => o !== v).map((o) => o.article.file);
      const problem: ContentProblem = {
        code: "url-collision",
        file: v.article.file,
        field: "slug",
        message: `${v.article.path} is also the URL of ${others.join(", ")}`,
        expected: "a URL of its own: give one of them a different slug: or date:",
      };
      if (v.urlLine !== undefined) problem.line = v.urlLine;
      problems.push(problem);
    }
  }
  return problems;
}

/** One-line summary of a clean content folder, e.g. "60 articles, 55 people, 10 topics: no problems". */
export function summaryLine(counts: LoadResult["counts"]): string {
  return `${plural(counts.articles, "article")}, ${plural(counts.people, "person").replace(/persons$/, "people")}, ${plural(counts.topics, "topic")}: no problems`;
}
