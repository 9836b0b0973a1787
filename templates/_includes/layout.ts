import { html, type Fragment, type Html } from "../../src/html.ts";
import type { Archive } from "../../src/types.ts";

/** What Eleventy hands every page template: the archive and the page being written. */
export interface PageData {
  archive: Archive;
  page: { url: string };
}

export interface PageOptions {
  /** The page's own title; the site title is added after it. */
  title: string;
  description?: string;
  /** Which main navigation entry this page belongs to. */
  section?: "home" | "timeline" | "topics" | "people" | "archive";
  body: Fragment;
}

const NAV: { section: NonNullable<PageOptions["section"]>; label: string; path: string }[] = [
  { section: "timeline", label: "Timeline", path: "timeline/" },
  { section: "topics", label: "Topics", path: "topics/" },
  { section: "people", label: "People", path: "people/" },
  { section: "archive", label: "By date", path: "archive/" },
];

/** The one page shell: landmarks, skip link, navigation, one main region. Returns the whole document. */
export function layout(data: PageData, options: PageOptions): string {
  const { site } = data.archive;
  const base = site.basePath;
  const canonical = new URL(data.page.url.replace(/^\//, ""), site.url).href;
  const title = options.section === "home" ? site.title : `${options.title} · ${site.title}`;
  const doc: Html = html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${options.description ?? site.description}">
<link rel="canonical" href="${canonical}">
<link rel="stylesheet" href="${base}assets/site.css">
</head>
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
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${options.body}
</main>
<footer class="site-footer">
<div class="wrap">
<p>${site.case.name}. An archive of ${data.archive.articles.length} articles, oldest first on the <a href="${base}timeline/">timeline</a>.</p>
</div>
</footer>
</body>
</html>
`;
  return doc.value;
}
