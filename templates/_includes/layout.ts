import { lastModified, machineDateTime } from "../../src/dates.ts";
import { html, trusted, type Fragment } from "../../src/html.ts";
import { CSP_META } from "../../src/site/headers.ts";
import { siteShare, type ShareImage } from "../../src/site/share.ts";
import { scriptJson } from "../../src/site/xml.ts";
import { absoluteUrl } from "../../src/urls.ts";
import type { Archive, Article } from "../../src/types.ts";

/** What every page template is given: the archive and the page being written (its site path). */
export interface PageData {
  archive: Archive;
  page: { url: string };
}

export interface PageOptions {
  /** The page's own title; the site title is added after it. */
  title: string;
  description?: string;
  /** Which main navigation entry this page belongs to. */
  section?: "home" | "timeline" | "topics" | "people" | "archive" | "search";
  body: Fragment;
  /** An article page: Open Graph article tags. */
  article?: Article;
  /** schema.org objects, each written as one JSON-LD block. */
  jsonLd?: unknown[];
  /** Site-relative paths of scripts the page enhances itself with ("assets/timeline.js"). */
  scripts?: string[];
  /** Extra feeds for this page (a topic's own feed). */
  feeds?: { title: string; path: string }[];
  /** Keep the page out of search engines (the 404 page). */
  noindex?: boolean;
  /** The picture a shared link to the page shows; the home page's card when the page has none of its own. */
  share?: ShareImage;
}

const NAV: { section: NonNullable<PageOptions["section"]>; label: string; path: string }[] = [
  { section: "timeline", label: "Timeline", path: "timeline/" },
  { section: "topics", label: "Topics", path: "topics/" },
  { section: "people", label: "People", path: "people/" },
  { section: "archive", label: "By date", path: "archive/" },
];

/** The one page shell: metadata, landmarks, skip link, navigation and search, one main region. Returns the whole document. */
export function layout(data: PageData, options: PageOptions): string {
  const { site } = data.archive;
  const base = site.basePath;
  const canonical = absoluteUrl(site.url, data.page.url);
  const title = options.section === "home" ? site.title : `${options.title} · ${site.title}`;
  const description = options.description ?? site.description;
  const a = options.article;
  const feeds = [{ title: site.title, path: "feed.xml" }, ...(options.feeds ?? [])];
  const share = options.share ?? siteShare(data.archive);
  const shareUrl = absoluteUrl(site.url, share.path);
  return html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP_META}">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>${title}</title>
<meta name="description" content="${description}">
${options.noindex ? html`<meta name="robots" content="noindex">` : html`<link rel="canonical" href="${canonical}">`}
<meta property="og:site_name" content="${site.title}">
<meta property="og:title" content="${options.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${canonical}">
<meta property="og:locale" content="${site.language.replace("-", "_")}">
<meta property="og:type" content="${a ? "article" : "website"}">
${
  a
    ? html`<meta property="article:published_time" content="${machineDateTime(a.date, site.timezone)}">
<meta property="article:modified_time" content="${machineDateTime(lastModified(a), site.timezone)}">
<meta property="article:section" content="${a.topic.name}">
${a.people.map((p) => html`<meta property="article:tag" content="${p.name}">\n`)}`
    : ""
}<meta property="og:image" content="${shareUrl}">
<meta property="og:image:type" content="${share.type}">
<meta property="og:image:width" content="${share.width}">
<meta property="og:image:height" content="${share.height}">
<meta property="og:image:alt" content="${share.alt}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${options.title}">
<meta name="twitter:description" content="${description}">
<meta name="twitter:image" content="${shareUrl}">
<meta name="twitter:image:alt" content="${share.alt}">
${feeds.map((f) => html`<link rel="alternate" type="application/atom+xml" title="${f.title}" href="${base}${f.path}">\n`)}<link rel="alternate" type="application/feed+json" title="${site.title}" href="${base}feed.json">
<link rel="icon" href="${base}assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${base}assets/site.css">
${(options.jsonLd ?? []).map((value) => html`<script type="application/ld+json">${trusted(scriptJson(value))}</script>\n`)}${(options.scripts ?? []).map(
    (src) => html`<script type="module" src="${base}${src}"></script>\n`,
  )}</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<div class="wrap">
<a class="site-title" href="${base}"${options.section === "home" ? html` aria-current="page"` : ""}>${site.title}</a>
<nav aria-label="Main">
<ul>${NAV.map(
    (item) =>
      html`<li><a href="${base}${item.path}"${item.section === options.section ? html` aria-current="page"` : ""}>${item.label}</a></li>`,
  )}</ul>
</nav>
<form class="site-search" role="search" aria-label="Site search" action="${base}search/" method="get">
<label class="visually-hidden" for="site-search-q">Search the archive</label>
<input id="site-search-q" name="q" type="search" autocomplete="off">
<button type="submit">Search</button>
</form>
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${options.body}
</main>
<footer class="site-footer">
<div class="wrap">
<p>${site.case.name}: every article, oldest first, on the <a href="${base}timeline/">timeline</a>. Follow the case by <a href="${base}feed.xml">Atom feed</a> or <a href="${base}feed.json">JSON feed</a>.</p>
</div>
</footer>
</body>
</html>
`.value;
}
