import { Parser } from "htmlparser2";
import * as pagefind from "pagefind";
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
    content: `${article.title}. ${article.summary} ${bodyText(article.bodyHtml)}`,
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
 * Most articles one Pagefind index holds. Pagefind keeps an index in memory while it builds it, about 200 KB
 * per record (2 GB at 10,000), so a large archive is indexed in parts, one after another, and the search page
 * merges them in the browser. `CASEFILE_SEARCH_PART_SIZE` overrides it so tests can split a small archive.
 */
export const SEARCH_PART_SIZE = 5000;

function partSize(): number {
  const override = Number(process.env.CASEFILE_SEARCH_PART_SIZE);
  return Number.isInteger(override) && override > 0 ? override : SEARCH_PART_SIZE;
}

/** The site paths of the search index's parts, oldest articles first: `pagefind/`, then `pagefind-2/`, `pagefind-3/`… */
export function searchIndexPaths(archive: Archive): string[] {
  const parts = Math.max(1, Math.ceil(archive.articles.length / partSize()));
  return Array.from({ length: parts }, (_, i) => (i === 0 ? "pagefind/" : `pagefind-${i + 1}/`));
}

/**
 * Builds the Pagefind search index of the articles into `<siteDir>/pagefind/` (and `pagefind-N/` for a large
 * archive). Records come from the archive rather than the rendered pages, so Pagefind parses no HTML.
 * Returns the number of records.
 */
export async function writeSearchIndex(siteDir: string, archive: Archive): Promise<number> {
  const language = archive.site.language.split("-")[0] ?? "en";
  const size = partSize();
  try {
    for (const [i, path] of searchIndexPaths(archive).entries()) {
      const articles = archive.articles.slice(i * size, (i + 1) * size);
      const created = await pagefind.createIndex({ forceLanguage: language });
      if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
      const index = created.index;
      // Sent all at once: the Pagefind service queues them, and one round trip per record would dominate.
      const added = await Promise.all(articles.map((article) => index.addCustomRecord(searchRecord(article, language))));
      const failed = added.flatMap((result, j) => result.errors.map((e) => `${articles[j]!.path}: ${e}`));
      if (failed.length) throw new Error(`Pagefind could not index every article: ${failed.join("; ")}`);
      const written = await index.writeFiles({ outputPath: `${siteDir}/${path}` });
      if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
      // Frees this part in the Pagefind process before the next one is built.
      await index.deleteIndex();
    }
    return archive.articles.length;
  } finally {
    await pagefind.close();
  }
}

/** Stops a running index build at once (the build failed elsewhere); its writeSearchIndex call then rejects. */
export async function abortSearchIndex(): Promise<void> {
  await pagefind.close();
}
