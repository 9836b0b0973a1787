import type { Article, TimelineYear } from "../types.ts";
import type { ValidArticle } from "../content/schema.ts";
import { compareText } from "../text.ts";

/**
 * Orders articles oldest first (by moment, then by file path so same-day articles keep a stable order) and links
 * neighbours. The validated articles become the archive's articles in place (their chronology links set anew on
 * every derive), so an article whose file is unchanged stays the same object from one preview update to the next.
 */
export function chronology(articles: readonly ValidArticle[]): Article[] {
  const sorted = [...articles].sort((a, b) => a.date.epochMs - b.date.epochMs || compareText(a.file, b.file)) as Article[];
  sorted.forEach((article, i) => {
    const previous = sorted[i - 1];
    const next = sorted[i + 1];
    article.related = [];
    if (previous) article.previous = previous;
    else delete article.previous;
    if (next) article.next = next;
    else delete article.next;
  });
  return sorted;
}

/** Groups a chronology by year in the site zone; each year's anchor is "y" + year (its `url` is set by timelinePages). */
export function timelineYears(articles: readonly Article[]): TimelineYear[] {
  const years: TimelineYear[] = [];
  for (const article of articles) {
    let year = years.at(-1);
    if (year?.year !== article.date.year) {
      year = { year: article.date.year, anchor: `y${article.date.year}`, url: "", articles: [] };
      years.push(year);
    }
    year.articles.push(article);
  }
  return years;
}
