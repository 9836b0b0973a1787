import { lastModified, machineDateTime } from "../dates.ts";
import type { Archive, Article } from "../types.ts";
import { absoluteUrl } from "./xml.ts";

/** schema.org NewsArticle for an article page: people as `about`, sources as `citation`. */
export function newsArticle(archive: Archive, a: Article): object {
  const { site } = archive;
  const url = absoluteUrl(site.url, a.path);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: a.title,
    description: a.summary,
    datePublished: machineDateTime(a.date, site.timezone),
    dateModified: machineDateTime(lastModified(a), site.timezone),
    inLanguage: site.language,
    articleSection: a.topic.name,
    url,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    about: a.people.map((p) => ({ "@type": "Person", name: p.name, url: new URL(p.url, site.url).href })),
    publisher: { "@type": "Organization", name: site.title, url: site.url },
    citation: a.sources.map((s) => ({
      "@type": "CreativeWork",
      name: s.title,
      url: s.url,
      ...(s.publisher ? { publisher: { "@type": "Organization", name: s.publisher } } : {}),
    })),
  };
}

/** schema.org BreadcrumbList from the home page down to the current page; `crumbs` are [name, site path]. */
export function breadcrumbs(archive: Archive, crumbs: [name: string, path: string][]): object {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: [[archive.site.title, "/"] as const, ...crumbs].map(([name, path], i) => ({
      "@type": "ListItem",
      position: i + 1,
      name,
      item: absoluteUrl(archive.site.url, path),
    })),
  };
}
