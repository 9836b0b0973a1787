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
 * Builds the Pagefind search index of the articles into `<siteDir>/pagefind/`. Records come from the
 * archive rather than the rendered pages, so Pagefind parses no HTML. Returns the number of records.
 */
export async function writeSearchIndex(siteDir: string, archive: Archive): Promise<number> {
  const language = archive.site.language.split("-")[0] ?? "en";
  try {
    const created = await pagefind.createIndex({ forceLanguage: language });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
    const index = created.index;
    // Sent all at once: the Pagefind service queues them, and one round trip per record would dominate.
    const added = await Promise.all(archive.articles.map((article) => index.addCustomRecord(searchRecord(article, language))));
    const failed = added.flatMap((result, i) => result.errors.map((e) => `${archive.articles[i]!.path}: ${e}`));
    if (failed.length) throw new Error(`Pagefind could not index every article: ${failed.join("; ")}`);
    const written = await created.index.writeFiles({ outputPath: `${siteDir}/pagefind` });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    return archive.articles.length;
  } finally {
    await pagefind.close();
  }
}

/** Stops a running index build at once (the build failed elsewhere); its writeSearchIndex call then rejects. */
export async function abortSearchIndex(): Promise<void> {
  await pagefind.close();
}
