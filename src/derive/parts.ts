import { joinUrl } from "../urls.ts";
import type { Article, Listing, ListPart, TimelinePage, TimelineYear } from "../types.ts";

/** Most articles one listing page shows (about 1 KB of HTML each, so a page stays well under 500 KB). */
export const PART_SIZE = 250;

/** Splits a list at `path` into parts of at most `size` articles: part 1 at `path`, part n at `path` + "page/n/". */
export function listParts(path: string, articles: readonly Article[], basePath: string, size = PART_SIZE): ListPart[] {
  const count = Math.max(1, Math.ceil(articles.length / size));
  // "page/" keeps part paths clear of everything else: /2006/page/10/ cannot meet the month /2006/10/.
  const partPath = (n: number) => (n === 1 ? path : `${path}page/${n}/`);
  return Array.from({ length: count }, (_, i) => {
    const part: ListPart = {
      number: i + 1,
      count,
      path: partPath(i + 1),
      url: joinUrl(basePath, partPath(i + 1)),
      articles: articles.slice(i * size, (i + 1) * size),
    };
    if (i > 0) part.previous = joinUrl(basePath, partPath(i));
    if (i + 1 < count) part.next = joinUrl(basePath, partPath(i + 2));
    return part;
  });
}

/** Every page of each listed thing, part by part. */
export function listings<T extends { path: string; articles: Article[] }>(things: readonly T[], basePath: string, size = PART_SIZE): Listing<T>[] {
  return things.flatMap((of) => listParts(of.path, of.articles, basePath, size).map((part) => ({ of, part, path: part.path })));
}

/**
 * The timeline's pages. Up to `size` articles: one page, /timeline/, with a section per year. More: a
 * landing page at /timeline/ and each year at /timeline/YYYY/ (in parts if the year itself is long).
 * Sets each year's `url` to where it starts.
 */
export function timelinePages(years: TimelineYear[], total: number, basePath: string, size = PART_SIZE): TimelinePage[] {
  const landing = { path: "/timeline/", url: joinUrl(basePath, "/timeline/") };
  if (total <= size) {
    for (const y of years) y.url = `${landing.url}#${y.anchor}`;
    return [{ ...landing, years }];
  }
  const pages: TimelinePage[] = [{ ...landing, years: [] }];
  for (const y of years) {
    const parts = listParts(`/timeline/${y.year}/`, y.articles, basePath, size);
    y.url = parts[0]!.url;
    for (const part of parts) {
      pages.push({ path: part.path, url: part.url, years: [{ ...y, articles: part.articles }], ...(part.count > 1 ? { part } : {}) });
    }
  }
  return pages;
}
