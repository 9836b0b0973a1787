import { Parser } from "htmlparser2";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { listFiles } from "../files.ts";
import { installedVersion, sourceHash } from "../identity.ts";
import { carryFiles } from "../output.ts";
import type { Archive, Article } from "../types.ts";

/** The words of an article body as plain text, read from its HTML with a real tokenizer. */
export function bodyText(bodyHtml: string): string {
  const parts: string[] = [];
  const parser = new Parser({ ontext: (text) => parts.push(text), onclosetag: () => parts.push(" ") }, { decodeEntities: true });
  parser.end(bodyHtml);
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** One Pagefind record per article, straight from the archive: title, summary and body, with topic, person and year filters. */
export function searchRecord(article: Article, language: string): pagefind.CustomRecord {
  return {
    url: article.path,
    content: `${article.title}. ${article.summary} ${bodyText(article.bodyHtml.toString())}`,
    language,
    meta: { title: article.title, date: article.date.display },
    filters: {
      topic: [article.topic.name],
      person: article.people.map((p) => p.name),
      year: [String(article.date.year)],
    },
  };
}

/**
 * How many articles one part of the search index holds, for an archive of `articles`. Pagefind keeps an index in
 * memory while it builds it, about 200 KB a record (2 GB at 10,000), and re-indexing a part after an edit costs
 * about 4 ms a record, while the search page fetches a chunk of every part for each word searched. So parts hold
 * 1,000 articles while that makes at most 10 of them, then 2,000 and 4,000, and at most 5,000 (more parts beyond
 * 50,000 articles). The size changes only at those thresholds, where every part is indexed again once.
 * `CASEFILE_SEARCH_PART_SIZE` overrides it so tests can split a small archive.
 */
export function searchPartSize(articles: number): number {
  const override = Number(process.env.CASEFILE_SEARCH_PART_SIZE);
  if (Number.isInteger(override) && override > 0) return override;
  return [1000, 2000, 4000].find((size) => articles <= size * 10) ?? 5000;
}

/** The site paths of the search index's parts, oldest articles first: `pagefind/`, then `pagefind-2/`, `pagefind-3/`… */
export function searchIndexPaths(archive: Archive): string[] {
  const parts = Math.max(1, Math.ceil(archive.articles.length / searchPartSize(archive.articles.length)));
  return Array.from({ length: parts }, (_, i) => (i === 0 ? "pagefind/" : `pagefind-${i + 1}/`));
}

/** One part of the search index as a build wrote it: where, the hash of what went into it, and whether it was copied. */
export interface SearchPart {
  path: string;
  key: string;
  reused: boolean;
}

/**
 * What the published site holds, by part (from its own mark, so it describes the very folder the parts are
 * copied from): a part whose records are unchanged is copied from there.
 */
export interface SearchReuse {
  /** The published site the parts are copied from. */
  from: string;
  keys: Record<string, string>;
}

/** What a part's records are made with besides its articles: Pagefind, the HTML tokenizer, and this module's code. */
const RECORD_MAKER = `pagefind ${installedVersion("pagefind")}; htmlparser2 ${installedVersion("htmlparser2")}; search-index ${sourceHash(import.meta.url)}`;

/**
 * The key of a part's records, made from what they are made of rather than from the records: an article's body
 * text is read from its HTML only when its part is indexed again. Hashing the records themselves took seconds
 * at 10,000 articles, on the main thread, in every build.
 */
export function searchPartKey(articles: readonly Article[], language: string): string {
  const hash = createHash("sha256").update(`${RECORD_MAKER}\0${language}\0`);
  for (const a of articles) {
    hash.update(JSON.stringify([a.path, a.title, a.summary, a.date.display, a.date.year, a.topic.name, a.people.map((p) => p.name)]));
    hash.update("\0").update(a.bodyHtml.bytes).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

/**
 * Builds the Pagefind search index of the articles into `<siteDir>/pagefind/` (and `pagefind-N/` for a large
 * archive). Records come from the archive rather than the rendered pages, so Pagefind parses no HTML. A part
 * whose articles' fields that records show (and the code that makes records, `searchPartKey`) are exactly those of the
 * same part in `reuse` is copied from there instead of being indexed again: one edit re-indexes one part of a
 * large archive. With `pause` (the preview, which indexes in the background), records go a hundred at a time, and
 * `pause` is awaited before each part and after each batch: the preview holds the index there while it updates.
 */
export async function writeSearchIndex(siteDir: string, archive: Archive, reuse?: SearchReuse, pause?: () => Promise<void>): Promise<SearchPart[]> {
  const language = archive.site.language.split("-")[0] ?? "en";
  const size = searchPartSize(archive.articles.length);
  const parts: SearchPart[] = [];
  try {
    for (const [i, path] of searchIndexPaths(archive).entries()) {
      const articles = archive.articles.slice(i * size, (i + 1) * size);
      await pause?.();
      const key = searchPartKey(articles, language);
      const previous = reuse && reuse.keys[path] === key ? join(reuse.from, path) : undefined;
      if (previous && existsSync(join(previous, "pagefind-entry.json"))) {
        carryFiles(previous, join(siteDir, path), listFiles(previous));
        parts.push({ path, key, reused: true });
        continue;
      }
      const created = await pagefind.createIndex({ forceLanguage: language });
      if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
      const index = created.index;
      // Sent a thousand at a time (the Pagefind service queues them, and a round trip per batch waits on the main
      // thread, which render and check keep busy; a part of 5,000 sent at once held its records and their encoded
      // messages together as the render began), or, with `pause`, a hundred at a time: making and sending 1,000 at
      // once held the preview's main thread for over 100 ms.
      const failed: string[] = [];
      const batchSize = pause ? 100 : 1000;
      for (let j = 0; j < articles.length; j += batchSize) {
        const batch = articles.slice(j, j + batchSize);
        const added = await Promise.all(batch.map((article) => index.addCustomRecord(searchRecord(article, language))));
        added.forEach((result, k) => failed.push(...result.errors.map((e) => `${batch[k]!.path}: ${e}`)));
        await pause?.();
      }
      if (failed.length) throw new Error(`Pagefind could not index every article: ${failed.join("; ")}`);
      const written = await index.writeFiles({ outputPath: join(siteDir, path) });
      if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
      // Frees this part in the Pagefind process before the next one is built.
      await index.deleteIndex();
      parts.push({ path, key, reused: false });
    }
    return parts;
  } finally {
    await pagefind.close();
  }
}

/** Stops a running index build at once (the build failed elsewhere); its writeSearchIndex call then rejects. */
export async function abortSearchIndex(): Promise<void> {
  await pagefind.close();
}
