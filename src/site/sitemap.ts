import type { Archive, Article } from "../types.ts";
import { absoluteUrl, xmlText } from "./xml.ts";

const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);
const lastChange = (articles: readonly Article[]) => Math.max(0, ...articles.map((a) => a.updated?.epochMs ?? a.date.epochMs));

/** Every page of the site with the date its content last changed, as a sitemap. */
export function sitemap(archive: Archive): string {
  const all = archive.articles;
  const pages: [path: string, lastmod: number][] = [
    ["/", lastChange(all)],
    ...archive.timelinePages.map((t): [string, number] => [t.path, lastChange(t.years.length ? t.years.flatMap((y) => y.articles) : all)]),
    ["/topics/", lastChange(all)],
    ["/people/", lastChange(all)],
    ["/archive/", lastChange(all)],
    ["/search/", lastChange(all)],
    ...Object.values(archive.listings).flatMap((list) => list.map((l): [string, number] => [l.path, lastChange(l.part.articles)])),
    ...all.map((a): [string, number] => [a.path, lastChange([a])]),
  ];
  const urls = pages.map(
    ([path, lastmod]) => `<url><loc>${xmlText(absoluteUrl(archive.site.url, path))}</loc>${lastmod ? `<lastmod>${day(lastmod)}</lastmod>` : ""}</url>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

/** robots.txt that lets every crawler in and points to the sitemap. */
export function robotsTxt(archive: Archive): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(archive.site.url, "/sitemap.xml")}\n`;
}
