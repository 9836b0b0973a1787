import { lastModified, machineDateTime } from "../dates.ts";
import type { Archive, Article, Person } from "../types.ts";

/** Whom a profile page is about: a person in the news (with aliases) or one of the newsroom's authors (with a web page). */
type Profile = Pick<Person, "name" | "role" | "description" | "path"> & { aliases?: readonly string[]; website?: string };
import { widestJpeg } from "../media/images.ts";
import type { ShareImage } from "./share.ts";
import { absoluteUrl } from "../urls.ts";

const CONTEXT = "https://schema.org";

/** The site, as what one of its pages `isPartOf`. */
const partOf = (archive: Archive) => ({ "@type": "WebSite", name: archive.site.title, url: archive.site.url });

/** schema.org WebSite for the home page, with a SearchAction that opens the search page on the reader's words. */
export function webSite(archive: Archive): object {
  const { site } = archive;
  return {
    "@context": CONTEXT,
    "@type": "WebSite",
    name: site.title,
    ...(site.description ? { description: site.description } : {}),
    url: site.url,
    inLanguage: site.language,
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl(site.url, "/search/")}?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}

/** schema.org ProfilePage for a person's or an author's page (`path` is the part being written), them as its `mainEntity`. */
export function profilePage(archive: Archive, person: Profile, path: string): object {
  const { site } = archive;
  return {
    "@context": CONTEXT,
    "@type": "ProfilePage",
    name: person.name,
    url: absoluteUrl(site.url, path),
    inLanguage: site.language,
    isPartOf: partOf(archive),
    mainEntity: {
      "@type": "Person",
      name: person.name,
      ...(person.aliases?.length ? { alternateName: person.aliases } : {}),
      ...(person.role ? { disambiguatingDescription: person.role } : {}),
      ...(person.description ? { description: person.description } : {}),
      url: absoluteUrl(site.url, person.path),
      ...(person.website ? { sameAs: person.website } : {}),
    },
  };
}

/** schema.org CollectionPage for a page that lists articles (a topic, the timeline): the articles it shows, in its order. */
export function collectionPage(archive: Archive, page: { name: string; description: string; path: string; articles: readonly Article[] }): object {
  const { site } = archive;
  return {
    "@context": CONTEXT,
    "@type": "CollectionPage",
    name: page.name,
    ...(page.description ? { description: page.description } : {}),
    url: absoluteUrl(site.url, page.path),
    inLanguage: site.language,
    isPartOf: partOf(archive),
    ...(page.articles.length
      ? {
          mainEntity: {
            "@type": "ItemList",
            numberOfItems: page.articles.length,
            itemListElement: page.articles.map((a, i) => ({ "@type": "ListItem", position: i + 1, url: absoluteUrl(site.url, a.path) })),
          },
        }
      : {}),
  };
}

/** The publisher of every article: site.yaml's `publisher` (its logo as an absolute URL), or the site itself when it names none. */
function publisher(archive: Archive): object {
  const { site } = archive;
  if (!site.publisher) return { "@type": "Organization", name: site.title, url: site.url };
  const { name, url, logo } = site.publisher;
  return {
    "@type": "Organization",
    name,
    ...(url ? { url } : {}),
    ...(logo ? { logo: { "@type": "ImageObject", url: absoluteUrl(site.url, logo) } } : {}),
  };
}

/**
 * schema.org NewsArticle for an article page: authors as `author` (linked to their pages), people as `about`,
 * sources as `citation`, and as `image` the picture its shared links show (the lead photo's 1200 × 630 crop, or
 * the card) and the lead photo's widest copy.
 */
export function newsArticle(archive: Archive, a: Article, share: ShareImage): object {
  const { site } = archive;
  const url = absoluteUrl(site.url, a.path);
  const imageObject = (path: string, width: number, height: number) => ({
    "@type": "ImageObject",
    url: absoluteUrl(site.url, path),
    width,
    height,
    ...(a.image?.caption ? { caption: a.image.caption } : {}),
    ...(a.image?.credit ? { creditText: a.image.credit } : {}),
  });
  const widest = a.image && widestJpeg(a.image);
  const image = [imageObject(share.path, share.width, share.height), ...(widest && widest.width >= share.width ? [imageObject(widest.path, widest.width, widest.height)] : [])];
  return {
    "@context": CONTEXT,
    "@type": "NewsArticle",
    headline: a.title,
    description: a.summary,
    datePublished: machineDateTime(a.date, site.timezone),
    dateModified: machineDateTime(lastModified(a), site.timezone),
    inLanguage: site.language,
    articleSection: a.topic.name,
    url,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    ...(a.authors.length ? { author: a.authors.map((au) => ({ "@type": "Person", name: au.name, url: new URL(au.url, site.url).href })) } : {}),
    image,
    about: a.people.map((p) => ({ "@type": "Person", name: p.name, url: new URL(p.url, site.url).href })),
    publisher: publisher(archive),
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
    "@context": CONTEXT,
    "@type": "BreadcrumbList",
    itemListElement: [[archive.site.title, "/"] as const, ...crumbs].map(([name, path], i) => ({
      "@type": "ListItem",
      position: i + 1,
      name,
      item: absoluteUrl(archive.site.url, path),
    })),
  };
}
