import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { renderSite } from "./build.ts";
import { formatReport, plural } from "./content/problems.ts";
import { displayPath } from "./content/read.ts";
import type { ArticleContext, ValidArticle } from "./content/schema.ts";
import { ArticleCache, loadArchive, readArticle } from "./index.ts";
import type { Archive, Article } from "./types.ts";
import { render as renderArticle } from "../templates/article.11ty.ts";
import * as atomFeed from "../templates/feed.xml.11ty.ts";
import * as jsonFeed from "../templates/feed.json.11ty.ts";
import * as sitemap from "../templates/sitemap.xml.11ty.ts";
import * as topicFeed from "../templates/topic-feed.11ty.ts";

/** Fields of an article that only its own page, the feeds and the sitemap show; every other field appears in lists. */
const OWN_PAGE_FIELDS = new Set<string>(["bodyHtml", "sources", "corrections", "updated"]);
/** Set by the chronology, not by the article's file. */
const DERIVED_FIELDS = new Set<string>(["previous", "next", "related"]);

/** What one update of the preview did: the files it wrote (to reload in the browser) and a line for the terminal. */
export type PreviewUpdate = { ok: true; written: string[]; message: string } | { ok: false; message: string };

/**
 * The dev server's copy of the site. A full rebuild re-reads the content folder (reusing every article whose
 * file is unchanged) and renders everything into a fresh folder that replaces the old one. An edit that leaves
 * everything lists show unchanged (the body, sources, corrections or update date) re-renders only the pages
 * that show those: the article's own page, the site and topic feeds and the sitemap. The quick path writes the
 * same bytes a full rebuild would; tests/build/dev-server.test.ts compares the two.
 */
export class Preview {
  private archive?: Archive;
  private ctx?: ArticleContext;
  private readonly byFile = new Map<string, Article>();
  private readonly cache = new ArticleCache();
  readonly content: string;
  readonly out: string;

  /** `content` and `out` are resolved against the working directory, which file names in messages are relative to. */
  constructor(content: string, out: string) {
    this.content = resolve(content);
    this.out = resolve(out);
  }

  /** The archive the preview shows now (its last full load, with quick edits applied), for the search index. */
  get shown(): Archive | undefined {
    return this.archive;
  }

  /** The base path the site is served under ("/" until content has loaded). */
  get basePath(): string {
    return this.archive?.site.basePath ?? "/";
  }

  /** Reads the whole content folder and renders every page. On any problem the previous preview stays as it was. */
  async rebuildAll(): Promise<PreviewUpdate> {
    const started = performance.now();
    const result = loadArchive(this.content, { drafts: true, cache: this.cache });
    if (!result.archive || !result.ctx) return { ok: false, message: stillShowing(formatReport(result.problems)) };
    const next = `${this.out}.next-${process.pid}`;
    rmSync(next, { recursive: true, force: true });
    const files = await renderSite(next, result.archive);
    const old = `${this.out}.old-${process.pid}`;
    if (existsSync(this.out)) renameSync(this.out, old);
    renameSync(next, this.out);
    rmSync(old, { recursive: true, force: true });
    this.archive = result.archive;
    this.ctx = result.ctx;
    this.byFile.clear();
    for (const article of result.archive.articles) this.byFile.set(article.file, article);
    return {
      ok: true,
      written: [],
      message: `Rebuilt the preview: ${plural(result.archive.articles.length, "article")}, ${files} files, in ${elapsed(started)}.`,
    };
  }

  /**
   * Re-renders after edits to existing article files. Falls back to a full rebuild when an edit changes
   * anything a list shows (title, date, topic, people, summary, milestone, draft, slug) or a file is new.
   */
  async rebuildArticles(paths: readonly string[]): Promise<PreviewUpdate> {
    const started = performance.now();
    const archive = this.archive;
    const ctx = this.ctx;
    if (!archive || !ctx) return this.rebuildAll();
    const edits: { article: Article; fresh: ValidArticle }[] = [];
    for (const path of paths) {
      const file = displayPath(path);
      const article = this.byFile.get(file);
      if (!article) return this.rebuildAll();
      const result = readArticle({ file, bytes: readFileSync(path) }, ctx);
      if ("problems" in result) return { ok: false, message: stillShowing(formatReport(result.problems)) };
      if (!sameInLists(article, result.article)) return this.rebuildAll();
      edits.push({ article, fresh: result.article });
    }
    const written: string[] = [];
    const write = (path: string, text: string) => {
      const target = join(this.out, path.endsWith("/") ? `${path}index.html` : path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
      written.push(target);
    };
    const topics = new Set<string>();
    for (const { article, fresh } of edits) {
      // Lists hold this very object, so updating it in place keeps every list consistent.
      article.bodyHtml = fresh.bodyHtml;
      article.sources = fresh.sources;
      article.corrections = fresh.corrections;
      if (fresh.updated) article.updated = fresh.updated;
      else delete article.updated;
      write(article.path, renderArticle({ archive, article, page: { url: article.path } }));
      topics.add(article.topic.id);
    }
    for (const page of [atomFeed, jsonFeed, sitemap]) write(page.data.permalink, page.render({ archive, page: { url: page.data.permalink } }));
    for (const topic of archive.topics.filter((t) => topics.has(t.id))) {
      const data = { archive, topic, page: { url: "" } };
      const path = topicFeed.data.permalink(data);
      write(path, topicFeed.render({ ...data, page: { url: path } }));
    }
    const pages = edits.map(({ article }) => article.path).join(", ");
    return { ok: true, written, message: `Updated ${pages} and the feeds in ${elapsed(started)}.` };
  }
}

/** True when nothing but the fields only the article's own page shows has changed. */
function sameInLists(article: Article, fresh: ValidArticle): boolean {
  const listed = (a: object) =>
    JSON.stringify(Object.entries(a).filter(([key]) => !OWN_PAGE_FIELDS.has(key) && !DERIVED_FIELDS.has(key)));
  return listed(article) === listed(fresh);
}

function stillShowing(report: string): string {
  return `${report.trimEnd()}\nThe preview still shows the last good version; fix the file and save it again.`;
}

function elapsed(started: number): string {
  const ms = performance.now() - started;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
