import { XMLParser } from "fast-xml-parser";
import { Parser } from "htmlparser2";
import { HtmlValidate, StaticConfigLoader, version as htmlValidateVersion, type ConfigData, type ResolvedConfig } from "html-validate";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { ContentProblem } from "../content/problems.ts";
import type { Article, SiteConfig } from "../types.ts";
import { listFiles } from "../files.ts";
import { installedVersion, sourceHash } from "../identity.ts";
import { outputFile } from "../urls.ts";
import type { FileLinks } from "./link-cache.ts";

/** What the checks found in a rendered site: problems fail the build; external links are only listed. */
export interface SiteCheck {
  /** In the order of the files (pages, then feeds and the sitemap); each `file` is a path in the site. */
  problems: ContentProblem[];
  externalLinks: string[];
  pages: number;
  /** HTML pages run through html-validate, and pages let off because their hash was in `options.passed`. */
  validated: number;
  reused: number;
  /** With `options.passed` given: the hashes of every page that passed html-validate, this time or before. */
  passedHashes: string[];
  /** With `options.passed` or `options.known` given: the hash of every HTML page, by file, for the next build's `unchanged`. */
  pageHashes: Map<string, string>;
  /** HTML pages read with htmlparser2; the others' ids and links were in `options.known`. */
  parsed: number;
  /**
   * With `options.known` given: the ids and links of every page, and the links of every feed and sitemap that
   * passed its own checks, by `linkKey`, for the next build's `known`.
   */
  known?: Map<string, FileLinks>;
}

/** How `checkSite` works, not what it checks. */
export interface CheckOptions {
  /** Worker threads at most; a small site is checked on the calling thread. */
  workers?: number;
  /**
   * Hashes (`pageHash`) of pages known to pass this very validator (`validatorIdentity`). Given, every page is
   * hashed, and a page whose hash is here skips html-validate; its links, assets and fragments are still checked.
   */
  passed?: ReadonlySet<string>;
  /**
   * HTML pages carried byte for byte from the published site (hard links of its files), with the hash they were
   * checked under there: not read again to be hashed. Their links and fragments are still resolved.
   */
  unchanged?: ReadonlyMap<string, string>;
  /**
   * The articles the site was rendered from. A bad link that an article's own text holds is pointed back to the
   * article's Markdown file (the problem's hint), where an editor can fix it.
   */
  articles?: readonly Pick<Article, "file" | "path" | "bodyHtml">[];
  /**
   * The ids and links the check of the last published build read from its files (the link cache), by `linkKey`,
   * under this very reader (`linkReaderIdentity`). Given, every file is hashed, and one whose key is here is not
   * parsed again (a page also needs its hash in `passed`); its links and fragments are still resolved against
   * the files and ids of this site.
   */
  known?: ReadonlyMap<string, FileLinks>;
}

// Attributes that make a browser or feed reader fetch or navigate to another resource.
const LINK_ATTRIBUTES: Record<string, string[]> = {
  a: ["href"],
  area: ["href"],
  link: ["href"],
  script: ["src"],
  img: ["src"],
  source: ["src"],
  iframe: ["src"],
  form: ["action"],
};

interface PageLinks {
  ids: Set<string>;
  links: string[];
}

/** Ids and outgoing links of one HTML page, read with a real HTML tokenizer (htmlparser2). */
function readPage(html: string): PageLinks {
  const ids = new Set<string>();
  const links: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes.id !== undefined) ids.add(attributes.id);
        if (name === "a" && attributes.name !== undefined) ids.add(attributes.name);
        for (const attribute of LINK_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (value !== undefined) links.push(value);
        }
        // Every copy a picture offers is an asset the browser may fetch: "a.avif 480w, b.avif 800w".
        if ((name === "img" || name === "source") && attributes.srcset !== undefined) {
          for (const candidate of attributes.srcset.split(",")) {
            const url = candidate.trim().split(/\s+/)[0];
            if (url) links.push(url);
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { ids, links };
}

/**
 * html-validate's static loader resolves its configuration, element tables included, for every page it
 * checks; every page here shares one configuration, so it is resolved once (measured: 8.5 ms → 2.9 ms a page).
 */
class OnceConfigLoader extends StaticConfigLoader {
  private resolved: ResolvedConfig | undefined;
  override getConfigFor(handle: string, override?: Parameters<StaticConfigLoader["getConfigFor"]>[1]): ResolvedConfig {
    return (this.resolved ??= super.getConfigFor(handle, override) as ResolvedConfig);
  }
}

const validatorConfig: ConfigData = {
  extends: ["html-validate:standard"],
  // Subresource integrity is for other origins; every script and stylesheet here is the site's own.
  rules: { "require-sri": "off" },
};

const validator = new HtmlValidate(new OnceConfigLoader(validatorConfig));

/**
 * Names the validator a page passed: html-validate's version and a hash of the configuration it resolved
 * (rules, presets and element tables merged). A cached "this page passed" holds only under the same name.
 */
export function validatorIdentity(): string {
  const resolved = validator.getConfigForSync("page.html");
  const config = JSON.stringify({ data: resolved.getConfigData(), rules: [...resolved.getRules()], aria: resolved.getAriaVersion() });
  return `html-validate ${htmlValidateVersion}; config ${createHash("sha256").update(config).digest("hex").slice(0, 16)}`;
}

/**
 * Names what turns a file's bytes into the ids and links the check keeps (`known`): the versions of htmlparser2
 * and fast-xml-parser and a hash of this module's source. A cached reading holds only under the same name.
 */
export function linkReaderIdentity(): string {
  return `htmlparser2 ${installedVersion("htmlparser2")}; fast-xml-parser ${installedVersion("fast-xml-parser")}; checks ${ownSource}`;
}

const ownSource = sourceHash(import.meta.url);

/** The kinds of file the check reads, each with what it takes from them. */
type FileKind = "html" | "atom" | "json-feed" | "sitemap";

/** The key of a file in the link cache: its kind (the same bytes read as a page or as a feed give different links) and its hash. */
export function linkKey(kind: FileKind, hash: string): string {
  return `${kind}:${hash}`;
}

/** A URL's percent-escaped text decoded, or undefined when an escape is malformed ("%zz", or not UTF-8). */
function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The key of a page in the validation cache: its bytes' SHA-256, cut to 128 bits. */
export function pageHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 32);
}

/**
 * Checks a rendered site before it is published: every internal link, asset and #fragment in every page,
 * feed and sitemap resolves to a file the build wrote; every page is valid HTML; feeds and the sitemap
 * parse as XML/JSON with their required elements. External links are collected, never fetched. A page whose
 * bytes are known to pass (`options.passed`) is not run through html-validate again; everything else still is.
 * A file whose ids and links are known from its bytes (`options.known`) is not parsed again; every link of every
 * file is still resolved against this site's files and ids, so the problems are those of a check without them.
 */
export async function checkSite(siteDir: string, site: SiteConfig, options: CheckOptions = {}): Promise<SiteCheck> {
  const files = new Set(listFiles(siteDir));
  const origin = new URL(site.url).origin;
  const external = new Set<string>();
  const htmlFiles = [...files].filter((f) => f.endsWith(".html")).sort();
  // Pages arrive in batches, in any order; each file's problems are kept with a rank (its link's position,
  // then the validator's messages) so the report comes out in file order whatever the arrival order.
  const found = new Map<string, { rank: number; problem: ContentProblem }[]>();
  const report = (file: string, rank: number, problem: ContentProblem) => {
    const list = found.get(file) ?? [];
    if (!found.has(file)) found.set(file, list);
    list.push({ rank, problem });
  };
  const ids = new Map<string, readonly string[]>();
  type Say = (problem: ContentProblem) => void;
  const fragments: { say: Say; from: string; href: string; target: string; fragment: string; pathname: string }[] = [];
  const linkIn = articleLinks(options.articles ?? []);
  // A bad link: the link as written is quoted; when the page's article holds it in its text, the hint names the article's file.
  const badLink = (code: "link-broken" | "link-invalid", from: string, href: string, message: string): ContentProblem => {
    const source = linkIn(from, href);
    return { code, file: from, field: "link", message: `"${href}" ${message}`, ...(source ? { hint: `fix the link in ${source}` } : {}) };
  };

  // Where a link written on a page at `base` leads: another site's address, a fault, or a file of this site and a fragment.
  type Resolved = { external: string } | { fault: "link-broken" | "link-invalid"; message: string } | { target: string; fragment: string; pathname: string } | undefined;
  const resolveLink = (base: URL | string, href: string): Resolved => {
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      return { fault: "link-invalid", message: "is not a valid URL" };
    }
    if (url.origin !== origin) {
      if (url.protocol === "http:" || url.protocol === "https:") return { external: url.href };
      return url.protocol === "mailto:" ? undefined : { fault: "link-invalid", message: `uses ${url.protocol} (only http, https and mailto links are allowed)` };
    }
    if (!url.pathname.startsWith(site.basePath)) return { fault: "link-invalid", message: `leaves the site's base path ${site.basePath}` };
    const rel = decoded(url.pathname.slice(site.basePath.length));
    const fragment = decoded(url.hash.slice(1));
    if (rel === undefined || fragment === undefined) return { fault: "link-invalid", message: "has a % that is not followed by two hex digits of UTF-8 (write %25 for a percent sign)" };
    const target = rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
    if (!files.has(target)) return { fault: "link-broken", message: `leads to ${url.pathname}, which the build did not write` };
    return { target, fragment, pathname: url.pathname };
  };
  // A link that starts with a slash (or a backslash, which URL parsing reads as one) takes nothing from the address
  // of the page it is on but the site's origin, so it is resolved once for the whole site: at 10,000 articles the
  // pages hold about 600,000 links, 80,000 of them distinct.
  const siteWide = new Map<string, Resolved>();
  // Resolves a link found in `from` (a file of the site) and reports it if it leads nowhere; fragments wait for every page's ids.
  const follow = (from: string, href: string, say: Say) => {
    let resolved: Resolved;
    if (href[0] === "/" || href[0] === "\\") {
      if (!siteWide.has(href)) siteWide.set(href, resolveLink(site.url, href));
      resolved = siteWide.get(href);
    } else {
      resolved = resolveLink(new URL(from.replace(/(^|\/)index\.html$/, "$1"), site.url), href);
    }
    if (resolved === undefined) return;
    if ("external" in resolved) external.add(resolved.external);
    else if ("fault" in resolved) say(badLink(resolved.fault, from, href, resolved.message));
    else if (resolved.fragment && resolved.target.endsWith(".html")) fragments.push({ say, from, href, ...resolved });
  };

  // With the link cache on, what this check reads is kept for the next build; strings are shared, as links repeat from page to page.
  const known = options.known === undefined ? undefined : new Map<string, FileLinks>();
  const strings = new Map<string, string>();
  const shared = (text: string) => strings.get(text) ?? (strings.set(text, text), text);
  let reused = 0;
  const passedHashes: string[] = [];
  const pageHashes = new Map<string, string>();
  const onPages = (batch: readonly InspectedPage[]) => {
    for (const page of batch) {
      if (page.reused) reused++;
      if (page.hash !== undefined) pageHashes.set(page.file, page.hash);
      if (page.hash !== undefined && !page.invalid.length) passedHashes.push(page.hash);
      // Kept until every page is read, for the fragments; the same ids are on thousands of pages.
      const pageIds = page.ids.map(shared);
      ids.set(page.file, pageIds);
      if (known && page.hash !== undefined) {
        const key = linkKey("html", page.hash);
        known.set(key, options.known?.get(key) ?? { ids: pageIds, links: page.links.map(shared) });
      }
      followLinks(page.file, page.links);
      page.invalid.forEach((problem, i) => report(page.file, Number.MAX_SAFE_INTEGER - page.invalid.length + i, problem));
    }
  };
  // Outside the loop over pages: a link with a fragment keeps the function that reports it until every page is
  // read, and a function made in the loop would keep the whole page with it (every page has one: at 100,000
  // articles, about a gigabyte of links held to the end of the check).
  const followLinks = (file: string, links: readonly string[]) => links.forEach((href, i) => follow(file, href, (problem) => report(file, i, problem)));
  // A page byte-identical to one of the last published build that passed validation is not parsed again: its ids and links are known.
  const { recalled, rest } =
    options.known?.size && options.passed?.size ? recallPages(siteDir, htmlFiles, options.known, options.passed, options.unchanged) : { recalled: [], rest: htmlFiles };
  onPages(recalled);
  // Every page is hashed when the check keeps what it read, for the key of its entry.
  const hashing = options.passed ?? (known ? new Set<string>() : undefined);
  await inspectInParallel(siteDir, rest, options.workers ?? defaultWorkers(), hashing, onPages);
  const feedProblems: ContentProblem[] = [];
  checkFeedsAndSitemap(siteDir, files, feedProblems, (from, href) => follow(from, href, (problem) => feedProblems.push(problem)), options.known, known);
  const idSets = new Map<string, Set<string>>();
  const idsOf = (file: string) => idSets.get(file) ?? idSets.set(file, new Set(ids.get(file))).get(file)!;
  for (const f of fragments) {
    if (!idsOf(f.target).has(f.fragment)) f.say(badLink("link-broken", f.from, f.href, `points to #${f.fragment}, which ${f.pathname} does not have`));
  }
  const inOrder = (file: string) => (found.get(file) ?? []).sort((a, b) => a.rank - b.rank).map((p) => p.problem);
  // Links are quoted as written; the formatter shows their control characters escaped, one problem a line.
  const problems = [...htmlFiles.flatMap(inOrder), ...feedProblems];
  return {
    problems,
    externalLinks: [...external].sort(),
    pages: htmlFiles.length,
    validated: htmlFiles.length - reused,
    reused,
    passedHashes,
    pageHashes,
    parsed: rest.length,
    ...(known ? { known } : {}),
  };
}

/**
 * Hashes every page (one carried unchanged has its hash already) and sorts them: those whose ids and links `known`
 * holds and whose bytes passed validation (`passed`) need no more reading; the rest are inspected.
 */
function recallPages(
  siteDir: string,
  files: readonly string[],
  known: ReadonlyMap<string, FileLinks>,
  passed: ReadonlySet<string>,
  unchanged: ReadonlyMap<string, string> | undefined,
) {
  const recalled: InspectedPage[] = [];
  const rest: string[] = [];
  for (const file of files) {
    // At 10,000 articles, reading and hashing the 10,600 pages took about 0.5 s of a rebuild.
    const hash = unchanged?.get(file) ?? pageHash(readFileSync(join(siteDir, file)));
    const page = known.get(linkKey("html", hash));
    if (page && passed.has(hash)) recalled.push({ file, ids: page.ids, links: page.links, invalid: [], hash, reused: true });
    else rest.push(file);
  }
  return { recalled, rest };
}

/** What one page holds that the checks need: its ids, its outgoing links, and what the validator found. */
export interface InspectedPage {
  file: string;
  ids: readonly string[];
  links: readonly string[];
  invalid: ContentProblem[];
  /** The page's `pageHash`, when the check was given hashes of passed pages (an empty set included). */
  hash?: string;
  /** True when the hash was among them, so html-validate did not run. */
  reused: boolean;
}

/**
 * Reads, tokenizes and validates pages of a rendered site; the part of the check that is per page. Given
 * `passed`, each page is hashed from the bytes just read, and one whose hash is in it is not validated again.
 */
export function inspectPages(siteDir: string, files: readonly string[], passed?: ReadonlySet<string>): InspectedPage[] {
  return files.map((file) => {
    const bytes = readFileSync(join(siteDir, file));
    const hash = passed === undefined ? undefined : pageHash(bytes);
    const html = bytes.toString("utf8");
    const { ids, links } = readPage(html);
    const reused = hash !== undefined && (passed?.has(hash) ?? false);
    const invalid = reused ? [] : validate(html, file);
    return { file, ids: [...ids], links, invalid, reused, ...(hash === undefined ? {} : { hash }) };
  });
}

/** What html-validate finds wrong with a page; if the validator itself fails (a stack overflow), that is the page's problem. */
function validate(html: string, file: string): ContentProblem[] {
  let report;
  try {
    report = validator.validateStringSync(html, file);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return [{ code: "html-unchecked", file, field: "html", message: `html-validate could not check this page (${reason})`, hint: "look for very deeply nested text in what it shows" }];
  }
  return report.results.flatMap((result) =>
    result.messages.map((m): ContentProblem => ({ code: "html-invalid", file, line: m.line, column: m.column, field: "html", message: `${m.message} (${m.ruleId})` })),
  );
}

// Below this many pages a worker costs more to start than it saves.
const PAGES_PER_WORKER = 400;

function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

// Pages go back to the main thread in batches, so no thread holds the whole site's links at once.
const BATCH = 100;

/**
 * Inspects pages, in worker threads on a large site, handing each batch to `onPages` as it is ready (in no
 * particular order). Pages are dealt out in turn: list pages cost several times an article page and sort together.
 */
async function inspectInParallel(
  siteDir: string,
  files: string[],
  workers: number,
  passed: ReadonlySet<string> | undefined,
  onPages: (pages: InspectedPage[]) => void,
): Promise<void> {
  const count = Math.min(workers, Math.floor(files.length / PAGES_PER_WORKER));
  if (count < 2) {
    for (let i = 0; i < files.length; i += BATCH) onPages(inspectPages(siteDir, files.slice(i, i + BATCH), passed));
    return;
  }
  // One string crosses to each worker more cheaply than thousands of small ones.
  const passedList = passed === undefined ? undefined : [...passed].join("\n");
  const hands = Array.from({ length: count }, (_, k) => files.filter((_, i) => i % count === k));
  await Promise.all(
    hands.map(
      (hand) =>
        new Promise<void>((resolve, reject) => {
          // Each page's DOM is garbage at once; a bounded heap makes the worker collect it instead of growing.
          const worker = new Worker(new URL("./check-worker.mjs", import.meta.url), {
            workerData: { siteDir, files: hand, batch: BATCH, passed: passedList },
            resourceLimits: { maxOldGenerationSizeMb: 1024 },
          });
          worker.on("message", (message: { pages?: InspectedPage[]; done?: true }) => {
            if (message.pages) onPages(message.pages);
            if (message.done) resolve();
          });
          worker.once("error", reject);
          worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a check worker stopped with exit code ${code}`))));
        }),
    ),
  );
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["entry", "url", "link"].includes(name) });

/**
 * Reads the feeds and the sitemap back, in a fixed order, and follows their links. A file whose key `before` holds
 * passed these checks in the last published build with the same bytes: only its links are followed again. Given
 * `known`, each file that passes gets its entry there.
 */
function checkFeedsAndSitemap(
  siteDir: string,
  files: Set<string>,
  problems: ContentProblem[],
  follow: (from: string, href: string) => void,
  before: ReadonlyMap<string, FileLinks> | undefined,
  known: Map<string, FileLinks> | undefined,
): void {
  const feeds: { file: string; kind: Exclude<FileKind, "html"> }[] = [...files]
    .filter((f) => f.endsWith("feed.xml"))
    .sort()
    .map((file) => ({ file, kind: "atom" }));
  if (files.has("feed.json")) feeds.push({ file: "feed.json", kind: "json-feed" });
  if (files.has("sitemap.xml")) feeds.push({ file: "sitemap.xml", kind: "sitemap" });
  for (const { file, kind } of feeds) {
    const bytes = readFileSync(join(siteDir, file));
    const key = known ? linkKey(kind, pageHash(bytes)) : undefined;
    const seen = key === undefined ? undefined : before?.get(key);
    if (key !== undefined && seen) {
      // It passed with these bytes: only what it links to can have gone since.
      seen.links.forEach((href) => follow(file, href));
      known?.set(key, seen);
      continue;
    }
    const links: string[] = [];
    let passed = true;
    const say = (message: string) => {
      passed = false;
      const code = kind === "sitemap" ? "sitemap-invalid" : "feed-invalid";
      problems.push({ code, file, field: code === "feed-invalid" ? "feed" : "sitemap", message });
    };
    CHECK_FEED[kind](bytes.toString("utf8"), say, (href) => {
      links.push(href);
      follow(file, href);
    });
    if (key !== undefined && passed) known?.set(key, { ids: [], links });
  }
}

type FeedCheck = (text: string, say: (message: string) => void, follow: (href: string) => void) => void;

const CHECK_FEED: Record<Exclude<FileKind, "html">, FeedCheck> = {
  atom(text, say, follow) {
    const feed = parseXml(text, say)?.feed as Record<string, unknown> | undefined;
    if (!feed) {
      say("not an Atom feed (no <feed> element)");
      return;
    }
    for (const field of ["id", "title", "updated"]) if (feed[field] === undefined) say(`has no <${field}>`);
    for (const [i, entry] of ((feed.entry as Record<string, unknown>[] | undefined) ?? []).entries()) {
      for (const field of ["id", "title", "updated", "link"]) {
        if (entry[field] === undefined) say(`entry ${i + 1} has no <${field}>`);
      }
      for (const link of (entry.link as { href?: string }[] | undefined) ?? []) if (link.href) follow(link.href);
    }
  },
  "json-feed"(text, say, follow) {
    try {
      const feed = JSON.parse(text) as { version?: string; icon?: string; favicon?: string; items?: { id?: string; url?: string }[] };
      if (feed.version !== "https://jsonfeed.org/version/1.1") say("version is not JSON Feed 1.1");
      for (const icon of [feed.icon, feed.favicon]) if (icon) follow(icon);
      for (const [i, item] of (feed.items ?? []).entries()) {
        if (!item.id || !item.url) say(`item ${i + 1} has no id or url`);
        else follow(item.url);
      }
    } catch (error) {
      say(`not valid JSON (${(error as Error).message})`);
    }
  },
  sitemap(text, say, follow) {
    const sitemap = parseXml(text, say);
    const urls = (sitemap?.urlset as { url?: { loc?: string }[] } | undefined)?.url;
    if (!urls?.length) say("no <url> entries");
    for (const url of urls ?? []) {
      if (!url.loc) say("a <url> has no <loc>");
      else follow(url.loc);
    }
  },
};

function parseXml(text: string, fail: (message: string) => void): Record<string, unknown> | undefined {
  try {
    return xml.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    fail(`not well-formed XML (${(error as Error).message})`);
    return undefined;
  }
}

/**
 * Which article's text holds a link: given a page of the site and a link on it as written, the Markdown file of
 * the article that page shows, when its body has that very link. Each body is read (with the checks' own
 * tokenizer) only when one of its page's links is bad.
 */
function articleLinks(articles: readonly Pick<Article, "file" | "path" | "bodyHtml">[]): (page: string, href: string) => string | undefined {
  const byPage = new Map(articles.map((a) => [outputFile(a.path), a]));
  const links = new Map<string, Set<string>>();
  return (page, href) => {
    const article = byPage.get(page);
    if (!article) return undefined;
    let inBody = links.get(page);
    if (!inBody) links.set(page, (inBody = new Set(readPage(article.bodyHtml.toString()).links)));
    return inBody.has(href) ? article.file : undefined;
  };
}
