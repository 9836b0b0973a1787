import { lastModified, latestDate, machineDay } from "../dates.ts";
import type { Archive, Article, SiteDate } from "../types.ts";
import { xmlText } from "./xml.ts";
import { absoluteUrl } from "../urls.ts";

const lastChange = (articles: readonly Article[]) => latestDate(articles.map(lastModified));
type Entry = [path: string, lastmod: SiteDate | undefined];

/** Every page of the site with the calendar day (in the site zone) its content last changed, as a sitemap. */
export function sitemap(archive: Archive): string {
  const all = archive.articles;
  const pages: Entry[] = [
    ["/", lastChange(all)],
    ...archive.timelinePages.map((t): Entry => [t.path, lastChange(t.years.length ? t.years.flatMap((y) => y.articles) : all)]),
    ["/topics/", lastChange(all)],
    ["/people/", lastChange(all)],
    ...(archive.authors.length ? [["/authors/", lastChange(all)] as Entry] : []),
    ["/archive/", lastChange(all)],
    ["/search/", lastChange(all)],
    ...Object.values(archive.listings).flatMap((list) => list.map((l): Entry => [l.path, lastChange(l.part.articles)])),
    ...all.map((a): Entry => [a.path, lastChange([a])]),
  ];
  const urls = pages.map(
    ([path, lastmod]) => `<url><loc>${xmlText(absoluteUrl(archive.site.url, path))}</loc>${lastmod ? `<lastmod>${machineDay(lastmod)}</lastmod>` : ""}</url>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

/** robots.txt that lets every crawler in and points to the sitemap. */
export function robotsTxt(archive: Archive): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(archive.site.url, "/sitemap.xml")}\n`;
}
