import { lastModified, latestDate, machineDateTime, machineDay } from "../dates.ts";
import { statSync } from "node:fs";
import { widestJpeg } from "../media/images.ts";
import type { Archive, Article } from "../types.ts";
import { xmlText } from "./xml.ts";
import { absoluteUrl } from "../urls.ts";

/** How many of the newest articles a feed carries. */
export const FEED_SIZE = 50;

export interface FeedOptions {
  title: string;
  /** Site path of the feed itself ("/feed.xml") and of the page it mirrors ("/"). */
  selfPath: string;
  pagePath: string;
}

/** An id that stays the same for an article as long as its URL does: a tag URI of its path. */
export function entryId(archive: Archive, article: Article): string {
  const host = new URL(archive.site.url).hostname;
  return `tag:${host},${machineDay(article.date)}:${article.path}`;
}

/** The newest articles first, at most FEED_SIZE. */
export function feedArticles(articles: readonly Article[]): Article[] {
  return articles.slice(-FEED_SIZE).reverse();
}

/** Where a JSON Feed reader finds the site's icon; the one icon the site has (SVG) serves as both. */
const ICON_PATH = "/assets/favicon.svg";

/** Atom 1.0 feed of the newest articles, with absolute URLs and full content; each entry names its authors, linked to their pages. */
export function atomFeed(archive: Archive, articles: readonly Article[], options: FeedOptions): string {
  const entries = feedArticles(articles);
  const site = archive.site;
  const zone = site.timezone;
  // A feed without entries has changed at no date of its own; the epoch keeps <updated> valid.
  const updated = latestDate(entries.map(lastModified)) ?? { epochMs: 0 };
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(site.language)}">`,
    `<title>${xmlText(options.title)}</title>`,
    site.description ? `<subtitle>${xmlText(site.description)}</subtitle>` : "",
    `<id>${xmlText(absoluteUrl(site.url, options.selfPath))}</id>`,
    `<link rel="alternate" type="text/html" href="${xmlText(absoluteUrl(site.url, options.pagePath))}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(absoluteUrl(site.url, options.selfPath))}"/>`,
    `<updated>${machineDateTime(updated, zone)}</updated>`,
    `<author><name>${xmlText(site.title)}</name></author>`,
    ...entries.map((a) => {
      const url = absoluteUrl(site.url, a.path);
      return [
        `<entry xml:base="${xmlText(url)}">`,
        `<title>${xmlText(a.title)}</title>`,
        `<id>${xmlText(entryId(archive, a))}</id>`,
        `<link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
        `<published>${machineDateTime(a.date, zone)}</published>`,
        `<updated>${machineDateTime(lastModified(a), zone)}</updated>`,
        ...a.authors.map((au) => `<author><name>${xmlText(au.name)}</name><uri>${xmlText(new URL(au.url, site.url).href)}</uri></author>`),
        `<category term="${xmlText(a.topic.id)}" label="${xmlText(a.topic.name)}"/>`,
        enclosure(site.url, a),
        `<summary>${xmlText(a.summary)}</summary>`,
        `<content type="html">${xmlText(a.bodyHtml.toString())}</content>`,
        `</entry>`,
      ]
        .filter(Boolean)
        .join("\n");
    }),
    `</feed>`,
  ];
  return `${lines.filter(Boolean).join("\n")}\n`;
}

/** An Atom enclosure for an article's lead photo (its widest JPEG copy, with its length in bytes), or nothing. */
function enclosure(siteUrl: string, a: Article): string {
  if (!a.image) return "";
  const file = widestJpeg(a.image);
  return `<link rel="enclosure" type="${file.type}" length="${statSync(file.cached).size}" href="${xmlText(absoluteUrl(siteUrl, file.path))}"/>`;
}

/** JSON Feed 1.1 of the newest articles; each item names its `authors`, linked to their pages. */
export function jsonFeed(archive: Archive, articles: readonly Article[], options: FeedOptions): string {
  const site = archive.site;
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: options.title,
    home_page_url: absoluteUrl(site.url, options.pagePath),
    feed_url: absoluteUrl(site.url, options.selfPath),
    description: site.description,
    icon: absoluteUrl(site.url, ICON_PATH),
    favicon: absoluteUrl(site.url, ICON_PATH),
    language: site.language,
    authors: [{ name: site.title }],
    items: feedArticles(articles).map((a) => ({
      id: entryId(archive, a),
      url: absoluteUrl(site.url, a.path),
      title: a.title,
      summary: a.summary,
      content_html: a.bodyHtml.toString(),
      ...(a.image ? { image: absoluteUrl(site.url, widestJpeg(a.image).path) } : {}),
      date_published: machineDateTime(a.date, site.timezone),
      date_modified: machineDateTime(lastModified(a), site.timezone),
      ...(a.authors.length ? { authors: a.authors.map((au) => ({ name: au.name, url: new URL(au.url, site.url).href })) } : {}),
      tags: [a.topic.name, ...a.people.map((p) => p.name)],
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
