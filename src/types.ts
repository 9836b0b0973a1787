import type { PackedText } from "./packed.ts";

/** The validated site settings from content/site.yaml. */
export interface SiteConfig {
  title: string;
  description: string;
  /** Absolute URL of the site root, always ending in "/". */
  url: string;
  /** Path part of `url` ("/" or "/archive/"): every link the site writes starts with it. */
  basePath: string;
  /** IANA zone in which calendar dates are read and every date is shown. */
  timezone: string;
  /** BCP 47 language tag for `lang` and date formatting, e.g. "en-GB". */
  language: string;
  case: { name: string; summary: string };
  /** Id of the author (authors.yaml) of every article without `authors:`; absent when site.yaml names none. */
  author?: string;
  /** Who publishes the site, for JSON-LD; absent when site.yaml names none (the site's title stands in). */
  publisher?: Publisher;
}

export interface Publisher {
  name: string;
  /** Absolute http(s) URL of the publisher's own site. */
  url?: string;
  /** Site path the logo is published at ("/assets/publisher-logo.svg"); its bytes are `Archive.publisherLogo`. */
  logo?: string;
}

/** A date as the site shows it, already resolved in the site's time zone. */
export interface SiteDate {
  /** Value for `<time datetime>`: "2020-12-11" for a calendar date, a full ISO date-time with the site zone's offset for an instant. */
  datetime: string;
  /** Human form in the site language, e.g. "11 December 2020". */
  display: string;
  /** Calendar parts in the site zone. */
  year: number;
  month: number;
  day: number;
  /** Milliseconds since the epoch (UTC) of the moment; a calendar date counts from its midnight in the site zone. */
  epochMs: number;
  /** True when the editor gave a time of day, not just a date. */
  hasTime: boolean;
}

export interface Topic {
  id: string;
  name: string;
  description: string;
  /** Words and phrases (lowercase) that point `npm run import` to this topic; empty: the words of its name. */
  keywords: string[];
  /** Output path, without the base path ("/topics/appeals/"). */
  path: string;
  /** Link target, with the base path. */
  url: string;
}

export interface Person {
  id: string;
  name: string;
  aliases: string[];
  role: string;
  description: string;
  path: string;
  url: string;
}

/** One of the newsroom's writers, from content/authors.yaml: who wrote an article, never someone in the news. */
export interface Author {
  id: string;
  name: string;
  role: string;
  description: string;
  /** The author's own web page (authors.yaml's `url`), an absolute http(s) URL. */
  website?: string;
  /** Output path of the author's page ("/authors/casefile-desk/"), without the base path. */
  path: string;
  url: string;
}

/** What an article shows of a topic, a person or an author: enough to link to it. One object an entry, shared by every article that names it. */
export interface Ref {
  readonly id: string;
  readonly name: string;
  readonly url: string;
}

export interface Source {
  title: string;
  url: string;
  publisher?: string;
  date?: SiteDate;
}

export interface Correction {
  date: SiteDate;
  note: string;
}

/** One published copy of a photo, made at build time and named by the photo's content hash. */
export interface ImageFile {
  /** Site path, "/images/5e8f0c2a9b1d4e7f-800.avif", without the base path. */
  path: string;
  url: string;
  /** Pixels, the photo upright. */
  width: number;
  height: number;
  type: "image/avif" | "image/webp" | "image/jpeg";
  /** The encoded copy in the image cache (absolute path); the site's file is copied from it. */
  cached: string;
}

/** A photo as the site publishes it: its copies and the words that go with it. The original is never published. */
export interface Picture {
  /** What the photo shows, for readers who cannot see it. */
  alt: string;
  caption?: string;
  /** Who took or owns the photo. */
  credit?: string;
  /** Pixels of the widest copy, which sets the aspect ratio of every copy. */
  width: number;
  height: number;
  /** Every copy: AVIF, then WebP, then JPEG, each narrowest first. */
  files: ImageFile[];
  /** The 1200 × 630 JPEG crop that shared links show; lead images only. */
  social?: ImageFile;
  /** The original (absolute path) and its content hash: read only to make the copies, never published. */
  source: { path: string; hash: string };
}

export interface Article {
  /** Source file, relative to the directory the command runs in. */
  file: string;
  title: string;
  slug: string;
  /** Output path, "/2020/12/11/slug/" (date in the site zone), without the base path. */
  path: string;
  url: string;
  date: SiteDate;
  updated?: SiteDate;
  corrections: Correction[];
  topic: Ref;
  people: Ref[];
  /** Who wrote it: its `authors:`, or site.yaml's default author; empty when neither names one. */
  authors: Ref[];
  /** Plain-text standfirst: the editor's, or derived from the first paragraph. */
  summary: string;
  /**
   * Body rendered by markdown.ts, deflated (`.toString()` where it is shown); the one trusted HTML in the
   * archive. Not a string: the archive holds every body for the whole build, and as bytes outside V8's heap they
   * do not swell it (docs/performance.md, "Bodies outside the heap", "Bodies deflated").
   */
  bodyHtml: PackedText;
  sources: Source[];
  /** The lead photo, shown under the headline and in shared links. */
  image?: Picture;
  /** The photos in the body, in order (their markup is in `bodyHtml`). */
  figures: Picture[];
  milestone: boolean;
  draft: boolean;
  /**
   * Its neighbours in the chronology and (below) its related articles: the articles themselves, so an edit to one
   * article's title shows in every link to it at once.
   */
  previous?: Article;
  next?: Article;
  /** Up to five articles sharing people, topic or time with this one, best first. */
  related: Article[];
}

/** A page listing articles: a topic, a person, a year or a month. Articles are oldest first. */
export interface TopicPage extends Topic {
  articles: Article[];
}

export interface PersonPage extends Person {
  articles: Article[];
}

/** An author and the articles they wrote, newest first (unlike the other listings: a byline page reads like a column). */
export interface AuthorPage extends Author {
  articles: Article[];
}

export interface MonthArchive {
  year: number;
  month: number;
  /** "December 2020" in the site language. */
  label: string;
  path: string;
  url: string;
  articles: Article[];
}

export interface YearArchive {
  year: number;
  path: string;
  url: string;
  months: MonthArchive[];
  articles: Article[];
}

/** One year of the timeline; `anchor` is its fragment id, `url` where it starts ("/timeline/#y2020" or "/timeline/2020/"). */
export interface TimelineYear {
  year: number;
  anchor: string;
  url: string;
  articles: Article[];
}

/**
 * One page of a list that may be long. Lists of up to PART_SIZE articles are one part at the list's own
 * path; longer ones continue at `<path>page/2/`, `<path>page/3/`…, so no page grows without bound.
 */
export interface ListPart {
  /** 1-based. */
  number: number;
  count: number;
  path: string;
  url: string;
  articles: Article[];
  previous?: string;
  next?: string;
}

/** One written page of a listing: the thing listed (a topic, a person, a year, a month) and which part of it. */
export interface Listing<T> {
  of: T;
  part: ListPart;
  /** Output path of this page (the part's). */
  path: string;
}

/** One page of the timeline. A small case has one; a large one has a landing page and a page (or parts) per year. */
export interface TimelinePage {
  path: string;
  url: string;
  /** The years on this page, each with only the articles shown here; empty on a landing page. */
  years: TimelineYear[];
  /** Set on a year's page when that year runs over several parts. */
  part?: ListPart;
}

/** Everything the templates render, derived once from content/. */
export interface Archive {
  site: SiteConfig;
  /** Every published article, oldest first (by moment, then file path). */
  articles: Article[];
  topics: TopicPage[];
  people: PersonPage[];
  /** The authors of authors.yaml in its order; empty when there is no authors.yaml. */
  authors: AuthorPage[];
  years: YearArchive[];
  months: MonthArchive[];
  /** The timeline by year, every article in each year. */
  timeline: TimelineYear[];
  /** The pages the timeline is written as: one for a small case, split by year for a large one. */
  timelinePages: TimelinePage[];
  /** Every page of every long list, part by part. */
  listings: {
    topics: Listing<TopicPage>[];
    people: Listing<PersonPage>[];
    authors: Listing<AuthorPage>[];
    years: Listing<YearArchive>[];
    months: Listing<MonthArchive>[];
  };
  milestones: Article[];
  /** The newest articles, newest first. */
  latest: Article[];
  /** The publisher's logo file as read from content/, published at `site.publisher.logo`. */
  publisherLogo?: Uint8Array;
  /** Number of draft articles left out of this build. */
  draftsLeftOut: number;
  /**
   * Where processed photos (`images/`) and social cards (`cards/`) are kept between builds (absolute):
   * `.cache/casefile/` of the working directory unless the load said otherwise.
   */
  cacheDir: string;
}
