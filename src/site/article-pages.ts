import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Archive, Article } from "../types.ts";

/** The article page template's render function (templates/article.11ty.ts). */
export type ArticleRender = (data: { archive: Archive; article: Article; page: { url: string } }) => string;

/**
 * Writes every article page of a production build with the article template, one page at a time. Eleventy
 * renders the same template in the dev server; here it is called directly, because at tens of thousands of
 * pages Eleventy's per-page bookkeeping (data cascade, template map) costs more than the rendering itself.
 */
export function writeArticlePages(siteDir: string, archive: Archive, render: ArticleRender): number {
  for (const article of archive.articles) {
    const dir = join(siteDir, article.path);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "index.html"), render({ archive, article, page: { url: article.path } }));
  }
  return archive.articles.length;
}
