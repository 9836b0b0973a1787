import { XMLParser } from "fast-xml-parser";
import { Parser } from "htmlparser2";
import { HtmlValidate, StaticConfigLoader, version as htmlValidateVersion, type ConfigData, type ResolvedConfig } from "html-validate";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { ContentProblem } from "../content/problems.ts";
import type { Article, SiteConfig } from "../types.ts";
import { listFiles } from "../files.ts";
import { outputFile } from "../urls.ts";

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
   * The articles the site was rendered from. A bad link that an article's own text holds is pointed back to the
   * article's Markdown file (the problem's hint), where an editor can fix it.
   */
  articles?: readonly Pick<Article, "file" | "path" | "bodyHtml">[];
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

/** The key of a page in the validation cache: its bytes' SHA-256, cut to 128 bits. */
export function pageHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 32);
}

/**
 * Checks a rendered site before it is published: every internal link, asset and #fragment in every page,
 * feed and sitemap resolves to a file the build wrote; every page is valid HTML; feeds and the sitemap
 * parse as XML/JSON with their required elements. External links are collected, never fetched. A page whose
 * bytes are known to pass (`options.passed`) is not run through html-validate again; everything else still is.
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
  const ids = new Map<string, Set<string>>();
  type Say = (problem: ContentProblem) => void;
  const fragments: { say: Say; from: string; href: string; target: string; fragment: string; pathname: string }[] = [];
  const linkIn = articleLinks(options.articles ?? []);
  // A bad link: the link as written is quoted; when the page's article holds it in its text, the hint names the article's file.
  const badLink = (code: "link-broken" | "link-invalid", from: string, href: string, message: string): ContentProblem => {
    const source = linkIn(from, href);
    return { code, file: from, field: "link", message: `"${href}" ${message}`, ...(source ? { hint: `fix the link in ${source}` } : {}) };
  };

  // Resolves a link found in `from` (a file of the site) and reports it if it leads nowhere; fragments wait for every page's ids.
  const follow = (from: string, href: string, say: Say) => {
    const pageUrl = new URL(from.replace(/(^|\/)index\.html$/, "$1"), site.url);
    let url: URL;
    try {
      url = new URL(href, pageUrl);
    } catch {
      say(badLink("link-invalid", from, href, "is not a valid URL"));
      return;
    }
    if (url.origin !== origin) {
      if (url.protocol === "http:" || url.protocol === "https:") external.add(url.href);
      else if (url.protocol !== "mailto:") say(badLink("link-invalid", from, href, `uses ${url.protocol} (only http, https and mailto links are allowed)`));
      return;
    }
    if (!url.pathname.startsWith(site.basePath)) {
      say(badLink("link-invalid", from, href, `leaves the site's base path ${site.basePath}`));
      return;
    }
    const rel = decodeURIComponent(url.pathname.slice(site.basePath.length));
    const target = rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
    if (!files.has(target)) {
      say(badLink("link-broken", from, href, `leads to ${url.pathname}, which the build did not write`));
      return;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    if (fragment && target.endsWith(".html")) fragments.push({ say, from, href, target, fragment, pathname: url.pathname });
  };

  let reused = 0;
  const passedHashes: string[] = [];
  await inspectInParallel(siteDir, htmlFiles, options.workers ?? defaultWorkers(), options.passed, (batch) => {
    for (const page of batch) {
      if (page.reused) reused++;
      if (page.hash !== undefined && !page.invalid.length) passedHashes.push(page.hash);
      ids.set(page.file, new Set(page.ids));
      page.links.forEach((href, i) => follow(page.file, href, (problem) => report(page.file, i, problem)));
      page.invalid.forEach((problem, i) => report(page.file, Number.MAX_SAFE_INTEGER - page.invalid.length + i, problem));
    }
  });
  const feedProblems: ContentProblem[] = [];
  checkFeedsAndSitemap(siteDir, files, feedProblems, (from, href) => follow(from, href, (problem) => feedProblems.push(problem)));
  for (const f of fragments) {
    if (!ids.get(f.target)?.has(f.fragment)) f.say(badLink("link-broken", f.from, f.href, `points to #${f.fragment}, which ${f.pathname} does not have`));
  }
  const inOrder = (file: string) => (found.get(file) ?? []).sort((a, b) => a.rank - b.rank).map((p) => p.problem);
  // Links are quoted as written; the formatter shows their control characters escaped, one problem a line.
  const problems = [...htmlFiles.flatMap(inOrder), ...feedProblems];
  return { problems, externalLinks: [...external].sort(), pages: htmlFiles.length, validated: htmlFiles.length - reused, reused, passedHashes };
}

/** What one page holds that the checks need: its ids, its outgoing links, and what the validator found. */
export interface InspectedPage {
  file: string;
  ids: string[];
  links: string[];
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

function checkFeedsAndSitemap(siteDir: string, files: Set<string>, problems: ContentProblem[], follow: (from: string, href: string) => void): void {
  const read = (file: string) => readFileSync(join(siteDir, file), "utf8");
  const say = (code: "feed-invalid" | "sitemap-invalid", file: string, message: string) =>
    problems.push({ code, file, field: code === "feed-invalid" ? "feed" : "sitemap", message });
  for (const file of [...files].filter((f) => f.endsWith("feed.xml")).sort()) {
    const feed = parseXml(read(file), (message) => say("feed-invalid", file, message))?.feed as Record<string, unknown> | undefined;
    if (!feed) {
      say("feed-invalid", file, "not an Atom feed (no <feed> element)");
      continue;
    }
    for (const field of ["id", "title", "updated"]) if (feed[field] === undefined) say("feed-invalid", file, `has no <${field}>`);
    for (const [i, entry] of ((feed.entry as Record<string, unknown>[] | undefined) ?? []).entries()) {
      for (const field of ["id", "title", "updated", "link"]) {
        if (entry[field] === undefined) say("feed-invalid", file, `entry ${i + 1} has no <${field}>`);
      }
      for (const link of (entry.link as { href?: string }[] | undefined) ?? []) if (link.href) follow(file, link.href);
    }
  }
  if (files.has("feed.json")) {
    try {
      const feed = JSON.parse(read("feed.json")) as { version?: string; icon?: string; favicon?: string; items?: { id?: string; url?: string }[] };
      if (feed.version !== "https://jsonfeed.org/version/1.1") say("feed-invalid", "feed.json", "version is not JSON Feed 1.1");
      for (const icon of [feed.icon, feed.favicon]) if (icon) follow("feed.json", icon);
      for (const [i, item] of (feed.items ?? []).entries()) {
        if (!item.id || !item.url) say("feed-invalid", "feed.json", `item ${i + 1} has no id or url`);
        else follow("feed.json", item.url);
      }
    } catch (error) {
      say("feed-invalid", "feed.json", `not valid JSON (${(error as Error).message})`);
    }
  }
  if (files.has("sitemap.xml")) {
    const sitemap = parseXml(read("sitemap.xml"), (message) => say("sitemap-invalid", "sitemap.xml", message));
    const urls = (sitemap?.urlset as { url?: { loc?: string }[] } | undefined)?.url;
    if (!urls?.length) say("sitemap-invalid", "sitemap.xml", "no <url> entries");
    for (const url of urls ?? []) {
      if (!url.loc) say("sitemap-invalid", "sitemap.xml", "a <url> has no <loc>");
      else follow("sitemap.xml", url.loc);
    }
  }
}

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
    if (!inBody) links.set(page, (inBody = new Set(readPage(article.bodyHtml).links)));
    return inBody.has(href) ? article.file : undefined;
  };
}
