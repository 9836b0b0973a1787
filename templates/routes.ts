import { createHash, hash as cryptoHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CardText } from "../src/media/cards.ts";
import { copyBytes, imageFilesOf } from "../src/media/images.ts";
import { searchIndexPaths } from "../src/site/search-index.ts";
import { SEARCH_NAMES_PATH } from "../src/site/search-names.ts";
import { articleCard, cardPath, homeCard, personCard, timelineCard, topicCard } from "../src/site/share.ts";
import { feedArticles } from "../src/site/feeds.ts";
import { lastModified, latestDate } from "../src/dates.ts";
import { renderIdentity } from "../src/identity.ts";
import { revisionOf } from "../src/revision.ts";
import { outputFile } from "../src/urls.ts";
import type { Archive, Article, ImageFile, ListPart, Picture } from "../src/types.ts";
import * as notFound from "./404.ts";
import * as card from "./card.ts";
import * as archivePage from "./archive.ts";
import * as article from "./article.ts";
import * as authorFeed from "./author-feed.ts";
import * as author from "./author.ts";
import * as authors from "./authors.ts";
import * as jsonFeed from "./feed.json.ts";
import * as atomFeed from "./feed.xml.ts";
import * as headers from "./headers.ts";
import * as home from "./index.ts";
import * as month from "./month.ts";
import * as people from "./people.ts";
import * as person from "./person.ts";
import * as publisherLogo from "./publisher-logo.ts";
import * as robots from "./robots.txt.ts";
import * as searchNames from "./search-names.json.ts";
import * as search from "./search.ts";
import * as sitemap from "./sitemap.xml.ts";
import * as timelineJson from "./timeline.json.ts";
import * as timeline from "./timeline.ts";
import * as topicFeed from "./topic-feed.ts";
import * as topic from "./topic.ts";
import * as topics from "./topics.ts";
import * as year from "./year.ts";

/**
 * One kind of output: which items it has, where each is written, how it is rendered (its template), and what
 * its bytes depend on. `inputs` must name everything the render reads beyond the site settings (which every
 * output depends on): the preview and the tests compare outputs rendered only when their inputs changed with
 * a fresh build, byte for byte.
 */
interface Route<I> {
  kind: string;
  /**
   * Written by `writeOutputs` rather than by Eleventy: at 10,000 articles Eleventy's per-page bookkeeping costs
   * more than rendering the pages (docs/performance.md, "Article pages"). The same function renders them.
   */
  direct?: true;
  items(archive: Archive): readonly I[];
  /** The site path the output is written at: "/2020/12/11/slug/" (an index.html) or "/feed.xml". */
  path(item: I): string;
  /** The output's bytes: text, or binary (photos, cards) for a `direct` kind. */
  render(archive: Archive, item: I, path: string): string | Uint8Array;
  /** A card kind: its words, so every changed card can be drawn at once, in parallel, before any is written. */
  card?(archive: Archive, item: I): CardText;
  /** What the output's bytes depend on, given the keys of the archive's articles, the item and the archive. */
  inputs(keys: Keys, item: I, archive: Archive): unknown;
}

/** One file of the site: where it goes, its render, and the hash of its inputs. */
export interface Output {
  kind: string;
  path: string;
  /** The file below the output folder: "2020/12/11/slug/index.html", "feed.xml". */
  file: string;
  direct: boolean;
  key: string;
  render(): string | Uint8Array;
  /** A card's words (see `Route.card`), made when asked: only changed cards are drawn. */
  readonly card?: (() => CardText) | undefined;
}

const one = (archive: Archive) => [archive] as const;
const page = (archive: Archive, path: string) => ({ archive, page: { url: path } });
const partInputs = (keys: Keys, part: ListPart) => [part.number, part.count, part.path, part.previous, part.next, keys.cards(part.articles)];

/** Every kind of output of the site. Nothing else knows which page shows which field. */
const ROUTES: Route<any>[] = [
  route<Article>({
    kind: "article",
    direct: true,
    items: (a) => a.articles,
    path: (item) => item.path,
    render: (archive, item, path) => article.render({ ...page(archive, path), article: item }),
    inputs: (keys, item) => [keys.own(item), item.previous && keys.link(item.previous), item.next && keys.link(item.next), item.related.map((r) => keys.link(r))],
  }),
  route({
    kind: "home",
    items: one,
    path: () => "/",
    render: (archive) => home.render(page(archive, "/")),
    inputs: (keys, a) => [keys.all, a.topics.map((t) => [t.name, t.url, t.articles.length])],
  }),
  route({
    kind: "timeline",
    items: (a) => a.timelinePages,
    path: (item) => item.path,
    render: (archive, item, path) => timeline.render({ ...page(archive, path), timeline: item }),
    // The landing page (or the one page of a short timeline) draws the overview of every article. A year's page
    // shows its own articles, and every page lists the years, the topics and the people that have articles.
    inputs: (keys, item, a) =>
      item.path === "/timeline/"
        ? keys.all
        : [
            item.years.map((y) => [y.year, y.anchor, keys.cards(y.articles)]),
            item.part && partInputs(keys, item.part),
            a.timeline.map((y) => [y.year, y.url]),
            a.topics.map((t) => t.articles.length > 0 && [t.id, t.name, t.url]),
            a.people.map((p) => p.articles.length > 0 && [p.id, p.name, p.url]),
            timelineCard(a),
          ],
  }),
  route({
    kind: "topics",
    items: one,
    path: () => "/topics/",
    render: (archive) => topics.render(page(archive, "/topics/")),
    inputs: (_, a) => a.topics.map((t) => [t.name, t.url, t.description, t.articles.length]),
  }),
  route({
    kind: "topic",
    items: (a) => a.listings.topics,
    path: (item) => item.path,
    render: (archive, item, path) => topic.render({ ...page(archive, path), listing: item }),
    inputs: (keys, { of: t, part }) => [t.id, t.name, t.description, t.url, partInputs(keys, part)],
  }),
  route({
    kind: "topic-feed",
    items: (a) => a.topics,
    path: (item) => `${item.path}feed.xml`,
    render: (archive, item, path) => topicFeed.render({ ...page(archive, path), topic: item }),
    inputs: (keys, t) => [t.name, t.path, feedArticles(t.articles).map((a) => keys.own(a))],
  }),
  route({
    kind: "people",
    items: one,
    path: () => "/people/",
    render: (archive) => people.render(page(archive, "/people/")),
    inputs: (_, a) => a.people.map((p) => [p.name, p.url, p.role, p.articles.length]),
  }),
  route({
    kind: "person",
    items: (a) => a.listings.people,
    path: (item) => item.path,
    render: (archive, item, path) => person.render({ ...page(archive, path), listing: item }),
    inputs: (keys, { of: p, part }) => [p.name, p.role, p.description, p.aliases, p.url, partInputs(keys, part)],
  }),
  route({
    kind: "authors",
    items: (a) => (a.authors.length ? [a] : []),
    path: () => "/authors/",
    render: (archive) => authors.render(page(archive, "/authors/")),
    inputs: (_, a) => a.authors.map((au) => [au.name, au.url, au.role, au.articles.length]),
  }),
  route({
    kind: "author",
    items: (a) => a.listings.authors,
    path: (item) => item.path,
    render: (archive, item, path) => author.render({ ...page(archive, path), listing: item }),
    inputs: (keys, { of: au, part }) => [au.id, au.name, au.role, au.description, au.website, au.url, partInputs(keys, part)],
  }),
  route({
    kind: "author-feed",
    items: (a) => a.authors,
    path: (item) => `${item.path}feed.xml`,
    render: (archive, item, path) => authorFeed.render({ ...page(archive, path), author: item }),
    inputs: (keys, au) => [au.name, au.path, feedArticles([...au.articles].reverse()).map((a) => keys.own(a))],
  }),
  route({
    kind: "archive",
    items: one,
    path: () => "/archive/",
    render: (archive) => archivePage.render(page(archive, "/archive/")),
    inputs: (_, a) => a.years.map((y) => [y.year, y.url, y.articles.length, y.months.map((m) => [m.label, m.url, m.articles.length])]),
  }),
  route({
    kind: "year",
    items: (a) => a.listings.years,
    path: (item) => item.path,
    render: (archive, item, path) => year.render({ ...page(archive, path), listing: item }),
    inputs: (keys, { of: y, part }) => [y.year, y.months.map((m) => [m.label, m.url]), partInputs(keys, part)],
  }),
  route({
    kind: "month",
    items: (a) => a.listings.months,
    path: (item) => item.path,
    render: (archive, item, path) => month.render({ ...page(archive, path), listing: item }),
    inputs: (keys, { of: m, part }) => [m.label, m.year, partInputs(keys, part)],
  }),
  route({
    kind: "search",
    items: one,
    path: () => "/search/",
    render: (archive) => search.render(page(archive, "/search/")),
    inputs: (_, a) => [a.topics.map((t) => t.name), a.people.map((p) => [p.name, p.articles.length > 0]), a.years.map((y) => y.year), searchIndexPaths(a)],
  }),
  route({
    kind: "search-names",
    items: one,
    path: () => `/${SEARCH_NAMES_PATH}`,
    render: (archive) => searchNames.render(page(archive, `/${SEARCH_NAMES_PATH}`)),
    inputs: (_, a) => [a.people.map((p) => [p.name, p.aliases, p.url]), a.topics.map((t) => [t.name, t.url])],
  }),
  route({ kind: "404", items: one, path: () => "/404.html", render: (archive) => notFound.render(page(archive, "/404.html")), inputs: () => [] }),
  // A feed shows its newest articles only (`feedArticles`).
  route({ kind: "feed", items: one, path: () => "/feed.xml", render: (archive) => atomFeed.render(page(archive, "/feed.xml")), inputs: (keys, a) => feedArticles(a.articles).map((x) => keys.own(x)) }),
  route({ kind: "json-feed", items: one, path: () => "/feed.json", render: (archive) => jsonFeed.render(page(archive, "/feed.json")), inputs: (keys, a) => feedArticles(a.articles).map((x) => keys.own(x)) }),
  route({
    kind: "sitemap",
    items: one,
    path: () => "/sitemap.xml",
    render: (archive) => sitemap.render(page(archive, "/sitemap.xml")),
    // Every page's path and the day its articles last changed: a list's is the latest of its own articles'. An
    // article's path, date and update date are all a list's latest change reads of it.
    inputs: (keys, a) => [
      keys.every(a.articles, LAST_MODIFIED_FIELDS).map((x) => `${x.path} ${lastModified(x).epochMs}`).join(),
      a.timelinePages.map((t) => [t.path, t.years.map((y) => latestChange(y.articles))]),
      Object.values(a.listings).map((list) => list.map((l) => [l.path, latestChange(l.part.articles)])),
    ],
  }),
  route({ kind: "robots", items: one, path: () => "/robots.txt", render: (archive) => robots.render(page(archive, "/robots.txt")), inputs: () => [] }),
  route({ kind: "headers", items: one, path: () => "/_headers", render: () => headers.render(), inputs: () => [] }),
  route({
    kind: "publisher-logo",
    // Written as it is, bytes and all, which only the direct writer does.
    direct: true,
    items: (a) => (a.publisherLogo && a.site.publisher?.logo ? [a] : []),
    path: (a) => a.site.publisher!.logo!,
    render: (archive, _, path) => publisherLogo.render(page(archive, path)),
    inputs: (_, a) => hashBytes(a.publisherLogo!),
  }),
  route({
    kind: "timeline-json",
    // 8 MB at 10,000 articles, written as bytes (see timelineJs; docs/performance.md, "timeline.json as bytes").
    direct: true,
    items: one,
    path: () => "/timeline.json",
    render: (archive) => timelineJson.render(page(archive, "/timeline.json")),
    // Each event's media is its lead photo or its card.
    inputs: (keys, a) => [keys.all, keys.every(a.articles, ["image"]).map((x) => x.image && shown(x.image))],
  }),
  // Photos: copies made from the image cache (src/media/images.ts). A file's name is its photo's content hash and
  // width, so the name alone says whether its bytes changed.
  route<ImageFile>({ kind: "image", direct: true, items: imageFilesOf, path: (f) => f.path, render: (_, f) => copyBytes(f), inputs: () => [] }),
  // Social cards (1200 × 630 PNG), each beside its page, for the pages a link is most often shared to.
  cardRoute<Article>("article-card", (a) => a.articles.filter((x) => !x.image), (x) => x.path, articleCard, (x, keys) => {
    const a = keys.read(x);
    return [a.title, a.date.display, a.topic.name];
  }),
  cardRoute("home-card", one, () => "/", homeCard, (a) => homeCard(a)),
  cardRoute("timeline-card", one, () => "/timeline/", timelineCard, (a) => timelineCard(a)),
  cardRoute("topic-card", (a) => a.topics, (t) => t.path, topicCard, (t) => [t.name, t.articles.length]),
  cardRoute("person-card", (a) => a.people, (p) => p.path, personCard, (p) => [p.name, p.role, p.articles.length]),
];

/** The route of one kind of card: drawn from its words (`text`), written beside its page. */
function cardRoute<I>(
  kind: string,
  items: (archive: Archive) => readonly I[],
  pagePath: (item: I) => string,
  text: (archive: Archive, item: I) => CardText,
  inputs: (item: I, keys: Keys) => unknown,
): Route<I> {
  return {
    kind,
    direct: true,
    items,
    path: (item) => cardPath(pagePath(item)),
    render: (archive, item) => card.render(archive, text(archive, item)),
    card: text,
    inputs: (keys, item) => inputs(item, keys),
  };
}

/** What a page shows of a photo: its words and its files' names and sizes (not where the cache keeps them). */
function shown(picture: Picture): unknown {
  return [picture.alt, picture.caption, picture.credit, picture.width, picture.height, picture.files.map((f) => f.path), picture.social?.path];
}

/** When the latest of some articles last changed (as a moment), for outputs that show only that. */
function latestChange(articles: readonly Article[]): number | undefined {
  return latestDate(articles.map(lastModified))?.epochMs;
}

function route<I>(r: Route<I>): Route<I> {
  return r;
}


/**
 * Hashes of what each article shows: in lists (`card`) and on its own page (`own`), kept per article from one
 * render to the next in the preview (see `keptKey`), with the very field values they were computed from. The dev
 * server applies an edit to the article object in place (a new title, body or photo: `loadArchive`'s `changed`),
 * which gives the edited fields new values, so a key is computed again exactly when a field it hashes is no
 * longer the value it was made from.
 */
const cardKeys = new WeakMap<Article, { from: unknown[]; key: string }>();
const linkKeys = new WeakMap<Article, { from: unknown[]; key: string }>();
const ownKeys = new WeakMap<Article, { from: unknown[]; key: string }>();

/**
 * The key kept for `a` in `keys` if it was made from `from`, field by field; else a new one made by `make`, kept
 * only when `remember` (the preview: a build keys each article once, and keeping every key would hold about
 * 45 MB at 100,000 articles through the whole render).
 */
function keptKey(keys: WeakMap<Article, { from: unknown[]; key: string }>, a: Article, from: unknown[], make: () => string, remember: boolean): string {
  const kept = keys.get(a);
  if (kept && sameValues(kept.from, from)) return kept.key;
  const key = make();
  if (remember) keys.set(a, { from, key });
  return key;
}

/** Whether two lists hold the very same values (by identity), one by one. A loop: it runs for every article on every update. */
function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What an output's inputs read of articles: some articles (by their keys), and fields of every article. */
interface Reads {
  some: Article[];
  /** The fields read of every article, when an output reads the whole case (the sitemap's dates, every card). */
  every?: Set<keyof Article>;
}

/** The fields of an article its card shows: what lists, the timeline and the overview read of it. */
const CARD_FIELDS = ["path", "url", "title", "date", "updated", "summary", "topic", "people", "milestone", "draft"] as const satisfies readonly (keyof Article)[];
/** The fields `lastModified` reads, and the path beside them. */
const LAST_MODIFIED_FIELDS = ["path", "date", "updated"] as const satisfies readonly (keyof Article)[];

/**
 * The keys of what outputs show of articles. While one output's inputs are computed (`reading`), every article
 * whose key or fields they read is noted, and the fields they read of every article, so the route table knows
 * which outputs to look at again when only some articles changed (see `outputsOf`).
 */
class Keys {
  private readonly cardOf = new Map<Article, string>();
  private readonly linkOf = new Map<Article, string>();
  /** What the output being keyed has read. */
  private reads?: Reads;

  /** `remember`: keep each article's keys for the next render (see `keptKey`); `all`, when the caller knows it is unchanged since the last keys of this archive. */
  constructor(
    private readonly archive: Archive,
    private readonly remember: boolean,
    private allKey?: string,
  ) {}

  /** `all`, if an output asked for it. */
  get madeAll(): string | undefined {
    return this.allKey;
  }

  /** Computes `inputs` and returns them with what they read of articles. */
  reading(inputs: () => unknown): { inputs: unknown; read: Reads } {
    const read: Reads = { some: [] };
    this.reads = read;
    const value = inputs();
    this.reads = undefined;
    return { inputs: value, read };
  }

  private readEvery(fields: readonly (keyof Article)[]): void {
    if (!this.reads) return;
    const every = (this.reads.every ??= new Set());
    for (const f of fields) every.add(f);
  }

  /** Every article's card, in order: for outputs that draw on the whole case. */
  get all(): string {
    this.readEvery(CARD_FIELDS);
    return (this.allKey ??= hash(this.archive.articles.map((a) => this.card(a)).join()));
  }

  /** For inputs that read `fields` of every article themselves (the sitemap's dates). */
  every<T>(value: T, fields: readonly (keyof Article)[]): T {
    this.readEvery(fields);
    return value;
  }

  /** For inputs that read fields of one article themselves (its card's words). */
  read(a: Article): Article {
    this.reads?.some.push(a);
    return a;
  }

  /** What a list, the timeline or the overview shows of an article. */
  card(a: Article): string {
    this.reads?.some.push(a);
    // An article is in several lists: its card key is checked against its fields once a call of `outputsOf`.
    let key = this.cardOf.get(a);
    if (key === undefined) {
      const from = CARD_FIELDS.map((f) => a[f]);
      key = keptKey(cardKeys, a, from, () => hash(JSON.stringify(from)), this.remember);
      this.cardOf.set(a, key);
    }
    return key;
  }

  /** What a link to an article shows (its neighbours' pages, related lists). */
  link(a: Article): string {
    this.reads?.some.push(a);
    // Read by its neighbours' pages and the related lists that name it, about seven a call of `outputsOf`.
    let key = this.linkOf.get(a);
    if (key === undefined) {
      const from = [a.title, a.url, a.date];
      key = keptKey(linkKeys, a, from, () => hash(JSON.stringify([a.title, a.url, a.date.datetime, a.date.display])), this.remember);
      this.linkOf.set(a, key);
    }
    return key;
  }

  cards(articles: readonly Article[]): string {
    return hash(articles.map((a) => this.card(a)).join());
  }

  /** Everything an article's own page and its feed entries show of it. */
  own(a: Article): string {
    const from = [this.card(a), a.file, a.slug, a.bodyHtml, a.sources, a.corrections, a.authors, a.image];
    return keptKey(ownKeys, a, from, () => {
      // The body's bytes follow the rest, a JSON array, which ends where it ends.
      const rest = JSON.stringify([this.card(a), a.file, a.slug, a.sources, a.corrections, a.authors, a.image && shown(a.image)]);
      return hash(Buffer.concat([Buffer.from(rest), a.bodyHtml.bytes]));
    }, this.remember);
  }
}

// One-shot hashing: a fresh Hash object for each of the 20,000 outputs of a 10,000-article site costs six times as much.
function hash(text: string | Buffer): string {
  return cryptoHash("sha1", text, "base64url");
}

function hashBytes(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("base64url");
}

/**
 * The last `outputsOf`: its archive, outputs, how each was made, and which outputs read each article. The
 * dev server applies an edit of a title, a summary, a body… to the article object in place and keeps the
 * archive (`loadArchive`'s `changed`), counting each change (`revisionOf`); the next `outputsOf` of that same
 * archive then keys again only the outputs that read an edited article, or read a field of every article that
 * an edit changed.
 */
interface Memo {
  archive: Archive;
  /**
   * The archive the outputs render: one object for a line of memos, so that an output kept as it was after the
   * archive was derived again (see `rederived`) renders the new archive.
   */
  at: { archive: Archive };
  site: string;
  outputs: Output[];
  made: { route: Route<any>; item: unknown; path: string }[];
  /** What each output (by index) read of articles. */
  reads: Reads[];
  /** Outputs (indices) that read each article. */
  readers: Map<Article, number[]>;
  /** Outputs (indices) that read fields of every article, with those fields. */
  every: { index: number; fields: ReadonlySet<keyof Article> }[];
  /** Each article's field names and values, and what its photos publish, when its outputs were keyed. */
  seen: Map<Article, Seen>;
  pictures: Map<Article, string>;
  /** The keys' `all`, if an output asked for it. */
  all: string | undefined;
  /** The last plan made from these outputs (see `planOutputs`). */
  planned?: Planned;
}

/** A plan's file keys, and the outputs (indices) keyed again since they were last written (see `replan`). */
interface Planned {
  keys: Map<string, string>;
  pending: Set<number>;
}

interface Seen {
  names: string[];
  values: unknown[];
  /** The article's `revisionOf` then: the loader counts each change it makes in place. */
  revision: number;
}

let memo: Memo | undefined;

const seenOf = (a: Article): Seen => ({ names: Object.keys(a), values: Object.values(a), revision: revisionOf(a) });

/** What the photos of an article publish: an edit that changes them changes which image files and cards the site has. */
function photosShown(a: Article): string {
  return JSON.stringify([a.image && shown(a.image), a.figures.map(shown)]);
}

/**
 * Every output of the site for `archive`, in route order. Each output's key hashes the code that renders
 * (`renderIdentity`), the site settings and its route's inputs, so two archives give an output the same key only
 * when its bytes would be the same, and a build after an upgrade renders everything again. With
 * `remember` (the preview), the outputs are kept with the articles each read; given that very archive again,
 * with articles edited in place, only the outputs that read an edited article are keyed again (unless an edit
 * changed what a photo publishes, which changes which outputs there are).
 */
export function outputsOf(archive: Archive, { remember = false } = {}): Output[] {
  const last = remember && memo?.archive === archive ? memo : undefined;
  if (last) {
    const edited: Article[] = [];
    for (const a of archive.articles) {
      const seen = last.seen.get(a);
      if (!seen || seen.revision !== revisionOf(a)) edited.push(a);
    }
    if (edited.every((a) => last.seen.has(a) && photosShown(a) === last.pictures.get(a))) return rekey(last, edited);
  }
  const rekeyed = remember && memo ? rederived(memo, archive) : undefined;
  const fresh = rekeyed ?? outputsAfresh(archive, remember);
  if (remember) memo = fresh;
  return fresh.outputs;
}

/** The code that renders (see `renderIdentity`), found once a process: part of every output's key. */
let rendering: string | undefined;

function siteKey(archive: Archive): string {
  rendering ??= renderIdentity();
  return hash(`${rendering}\0${JSON.stringify(archive.site)}`);
}

function outputsAfresh(archive: Archive, remember: boolean): Memo {
  const keys = new Keys(archive, remember);
  const site = siteKey(archive);
  const fresh: Memo = { archive, at: { archive }, site, outputs: [], made: [], reads: [], readers: new Map(), every: [], seen: new Map(), pictures: new Map(), all: undefined };
  if (remember) {
    for (const a of archive.articles) {
      fresh.readers.set(a, []);
      fresh.seen.set(a, seenOf(a));
      fresh.pictures.set(a, photosShown(a));
    }
  }
  for (const route of ROUTES) {
    for (const item of route.items(archive)) {
      const made = { route, item, path: route.path(item) };
      const { output, read } = outputOf(fresh.at, keys, site, made);
      const i = fresh.outputs.push(output) - 1;
      if (remember) noteReads(fresh, i, made, read);
    }
  }
  fresh.all = keys.madeAll;
  return fresh;
}

function noteReads(m: Memo, i: number, made: Memo["made"][number], read: Reads): void {
  m.made.push(made);
  m.reads.push(read);
  if (read.every) m.every.push({ index: i, fields: read.every });
  for (const a of read.some) m.readers.get(a)?.push(i);
}

/**
 * The outputs of `archive` when it was derived again from the articles of `last`'s archive (in the preview, an edit
 * of a date, a topic, people or a milestone, a new or a deleted file: the order, the lists and the neighbours
 * change, and the articles not edited are the very objects they were): an output whose item is one of those
 * articles (its page, its card) keeps its key when neither its article nor any article it read changed or went,
 * nor a field it reads of every article; every other output is keyed again. Undefined when the site settings changed.
 */
function rederived(last: Memo, archive: Archive): Memo | undefined {
  const site = siteKey(archive);
  if (site !== last.site) return undefined;
  const changed = new Set<Article>();
  for (const a of archive.articles) {
    const seen = last.seen.get(a);
    if (!seen || seen.revision !== revisionOf(a) || changedSince(seen, a)) changed.add(a);
  }
  const now = new Set(archive.articles);
  const gone = last.archive.articles.filter((a) => !now.has(a));
  const fields = new Map<keyof Article, boolean>();
  const everyChanged = (field: keyof Article) => {
    let yes = fields.get(field);
    if (yes === undefined) {
      yes = gone.length > 0 || [...changed].some((a) => !last.seen.has(a) || fieldChanged(last.seen.get(a)!, a, field));
      fields.set(field, yes);
    }
    return yes;
  };
  const stale = new Set<number>();
  for (const { index, fields: read } of last.every) if ([...read].some(everyChanged)) stale.add(index);
  for (const a of [...changed, ...gone]) for (const i of last.readers.get(a) ?? []) stale.add(i);
  // Where each article's outputs were, by route.
  const before = new Map<Route<any>, Map<unknown, number>>();
  last.made.forEach(({ route, item }, i) => {
    if (!last.seen.has(item as Article)) return;
    let of = before.get(route);
    if (!of) before.set(route, (of = new Map()));
    of.set(item, i);
  });

  const keys = new Keys(archive, true);
  const at = last.at;
  at.archive = archive;
  const next: Memo = { archive, at, site, outputs: [], made: [], reads: [], readers: new Map(), every: [], seen: last.seen, pictures: last.pictures, all: undefined };
  for (const a of archive.articles) next.readers.set(a, []);
  for (const route of ROUTES) {
    const was = before.get(route);
    for (const item of route.items(archive)) {
      const i = was?.get(item);
      if (i !== undefined && !stale.has(i) && !changed.has(item as Article)) {
        // The same article, its fields and what it read as they were: the same output, path and key.
        noteReads(next, next.outputs.push(last.outputs[i]!) - 1, last.made[i]!, last.reads[i]!);
        continue;
      }
      const made = { route, item, path: route.path(item) };
      const { output, read } = outputOf(at, keys, site, made);
      noteReads(next, next.outputs.push(output) - 1, made, read);
    }
  }
  for (const a of gone) {
    next.seen.delete(a);
    next.pictures.delete(a);
  }
  for (const a of changed) {
    next.seen.set(a, seenOf(a));
    next.pictures.set(a, photosShown(a));
  }
  next.all = keys.madeAll;
  return next;
}

/**
 * Whether any field of `a` holds another value than when `seen`. The derivation gives every article a new list of
 * related articles: the same articles in the same order are the same value.
 */
function changedSince(seen: Seen, a: Article): boolean {
  const values = Object.values(a);
  if (values.length !== seen.values.length) return true;
  for (let i = 0; i < values.length; i++) {
    const was = seen.values[i];
    const is = values[i];
    if (was !== is && !(Array.isArray(was) && Array.isArray(is) && sameValues(was, is))) return true;
  }
  return false;
}

/** The outputs of `last`'s archive after `edited` articles changed in place: only what read them is keyed again. */
function rekey(last: Memo, edited: readonly Article[]): Output[] {
  if (edited.length === 0) return last.outputs;
  const again = new Set<number>();
  // `all` hashes every article's card: while the edited articles' cards are as they were, so is `all`.
  const cards = edited.map((a) => cardKeys.get(a)?.key);
  const probe = new Keys(last.archive, true);
  const keys = new Keys(last.archive, true, edited.every((a, i) => probe.card(a) === cards[i]) ? last.all : undefined);
  // An output that reads every article is keyed again only when an edit changed a field it reads (a body edit
  // leaves the sitemap's dates and every card as they were).
  const changed = new Map<keyof Article, boolean>();
  const edits = (field: keyof Article) => {
    let yes = changed.get(field);
    if (yes === undefined) changed.set(field, (yes = edited.some((a) => fieldChanged(last.seen.get(a)!, a, field))));
    return yes;
  };
  for (const { index, fields } of last.every) if ([...fields].some(edits)) again.add(index);
  for (const a of edited) {
    for (const i of last.readers.get(a)!) again.add(i);
    last.seen.set(a, seenOf(a));
  }
  last.outputs = [...last.outputs];
  for (const i of again) {
    last.outputs[i] = outputOf(last.at, keys, last.site, last.made[i]!).output;
    last.planned?.pending.add(i);
  }
  last.all = keys.madeAll;
  return last.outputs;
}

/** Whether `field` of `a` holds another value than when `seen`: a new object equal to the old one (a date read again) is the same value. */
function fieldChanged(seen: Seen, a: Article, field: keyof Article): boolean {
  const was = seen.values[seen.names.indexOf(field)];
  const is = a[field];
  if (was === is) return false;
  // The body, deflated, compares as bytes (by method: under a test runner its class may come from another copy of its module).
  if (field === "bodyHtml") return !a.bodyHtml.equals(was as Article["bodyHtml"]);
  return JSON.stringify(was) !== JSON.stringify(is);
}

/** One output of `route` for `item`, keyed, and what its inputs read of articles. */
function outputOf(at: Memo["at"], keys: Keys, site: string, made: Memo["made"][number]) {
  const { route: r, item } = made;
  const { inputs, read } = keys.reading(() => r.inputs(keys, item, at.archive));
  return { output: new RoutedOutput(at, made, hash(`${r.kind}\0${site}\0${JSON.stringify(inputs)}`)), read };
}

/**
 * An output as the table gives it: its route, item and path, and its key; rendered, and its card's words made,
 * only when asked. A class rather than an object with two closures of its own: a 100,000-article site has
 * 205,000 outputs, and each closure and its context cost more than the fields.
 */
class RoutedOutput implements Output {
  /** Kept, not derived when asked: plans and folders are compared by file. */
  readonly file: string;

  constructor(
    private readonly at: Memo["at"],
    private readonly made: Memo["made"][number],
    readonly key: string,
  ) {
    this.file = outputFile(made.path);
  }

  get kind(): string {
    return this.made.route.kind;
  }

  get path(): string {
    return this.made.path;
  }

  get direct(): boolean {
    return this.made.route.direct === true;
  }

  render(): string | Uint8Array {
    return this.made.route.render(this.at.archive, this.made.item, this.made.path);
  }

  get card(): (() => CardText) | undefined {
    const card = this.made.route.card;
    return card && (() => card(this.at.archive, this.made.item));
  }
}

/** What a render must do to bring a folder holding `present` (file → key) up to date with the site of an archive. */
export interface RenderPlan {
  /** Every output of the site. */
  outputs: readonly Output[];
  /** Outputs whose inputs changed, or that are new: all of them when nothing is present. */
  changed: Output[];
  /** Files of the present site that no output writes any more. */
  removed: string[];
  /**
   * The key of every file of the new site, for the next plan: asked for once the changed outputs are written. In
   * the preview this updates the last plan's keys in place, so a render that fails first leaves them as they were.
   */
  written(): Map<string, string>;
}

/**
 * The outputs of `archive` (see `outputsOf`) that a folder holding `present` (file → key) lacks. In the preview
 * (`remember`), when `present` is what the last plan's `written` gave and only some outputs were keyed again
 * since, only those are compared: at 10,000 articles that spares copying and checking 20,000 keys after an edit.
 */
export function planOutputs(archive: Archive, { present, remember = false }: { present?: ReadonlyMap<string, string> | undefined; remember?: boolean } = {}): RenderPlan {
  const outputs = outputsOf(archive, { remember });
  const last = remember ? memo : undefined;
  if (last?.planned && present === last.planned.keys) return replan(last, last.planned);
  const keys = new Map<string, string>();
  const changed: Output[] = [];
  for (const o of outputs) {
    keys.set(o.file, o.key);
    if (present?.get(o.file) !== o.key) changed.push(o);
  }
  const removed = present ? [...present.keys()].filter((file) => !keys.has(file)) : [];
  if (last) last.planned = { keys, pending: new Set() };
  return { outputs, changed, removed, written: () => keys };
}

/**
 * The plan after `rekey`: the same outputs as the last plan's, of which only those keyed again since its keys
 * were last written (`pending`, which keeps those of a render that failed) may differ from them.
 */
function replan(last: Memo, { keys, pending }: Planned): RenderPlan {
  const looked = [...pending].sort((x, y) => x - y);
  const changed = looked.flatMap((i) => (keys.get(last.outputs[i]!.file) === last.outputs[i]!.key ? [] : [last.outputs[i]!]));
  return {
    outputs: last.outputs,
    changed,
    removed: [],
    written: () => {
      for (const o of changed) keys.set(o.file, o.key);
      for (const i of looked) pending.delete(i);
      return keys;
    },
  };
}

/** The files of the plan's site that are unchanged: those a build carries from the published site. */
export function unchangedFiles(plan: RenderPlan): string[] {
  const changed = new Set(plan.changed);
  return plan.outputs.flatMap((o) => (changed.has(o) ? [] : [o.file]));
}

/** Writes outputs directly into `dir` with their routes' render functions, one at a time. */
export function writeOutputs(dir: string, outputs: readonly Output[]): void {
  for (const output of outputs) {
    const file = join(dir, output.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, output.render());
  }
}

/** Removes the files of outputs the site no longer has. */
export function removeOutputs(dir: string, files: readonly string[]): void {
  for (const file of files) rmSync(join(dir, file), { force: true });
}
