import { plural } from "../text.ts";
import type { CardText } from "../media/cards.ts";
import { SHARE_SIZE } from "../media/images.ts";
import type { Archive, Article, Person, Topic } from "../types.ts";

/** The picture a shared link shows (Open Graph, Twitter, schema.org): a photo's crop or a generated card. */
export interface ShareImage {
  /** Site path, without the base path. */
  path: string;
  width: number;
  height: number;
  type: "image/png" | "image/jpeg";
  alt: string;
}

/** Where the card of a page is written: beside the page, "/topics/appeals/card.png". */
export function cardPath(pagePath: string): string {
  return `${pagePath}card.png`;
}

const span = (archive: Archive) => {
  const first = archive.articles[0]?.date.year;
  const last = archive.articles.at(-1)?.date.year;
  const years = first === undefined ? "" : first === last ? `, ${first}` : `, ${first}–${last}`;
  return `${plural(archive.articles.length, "article")}${years}`;
};

/** The card of an article without a lead photo: the case, the headline, the date and the topic. */
export function articleCard(archive: Archive, a: Pick<Article, "title" | "date" | "topic">): CardText {
  return { kicker: archive.site.case.name, headline: a.title, footer: `${a.date.display} · ${a.topic.name}` };
}

export function homeCard(archive: Archive): CardText {
  return { kicker: archive.site.title, headline: archive.site.case.name, footer: span(archive) };
}

export function timelineCard(archive: Archive): CardText {
  return { kicker: archive.site.case.name, headline: "Timeline", footer: span(archive) };
}

export function topicCard(archive: Archive, topic: Topic & { articles: readonly Article[] }): CardText {
  return { kicker: archive.site.case.name, headline: topic.name, footer: `Topic · ${plural(topic.articles.length, "article")}` };
}

export function personCard(archive: Archive, person: Person & { articles: readonly Article[] }): CardText {
  return { kicker: archive.site.case.name, headline: person.name, footer: person.role || plural(person.articles.length, "article") };
}

/** A card as a shared link shows it; the alt text is the headline and the line above it (never a count, which changes). */
export function cardShare(pagePath: string, card: CardText): ShareImage {
  return { path: cardPath(pagePath), ...SHARE_SIZE, type: "image/png", alt: `${card.headline} — ${card.kicker}` };
}

/** What a shared link to an article shows: its lead photo's crop, or its card. */
export function articleShare(archive: Archive, a: Article): ShareImage {
  const social = a.image?.social;
  if (a.image && social) return { path: social.path, width: social.width, height: social.height, type: "image/jpeg", alt: a.image.alt };
  return cardShare(a.path, articleCard(archive, a));
}

/** What a shared link to any page without a picture of its own shows: the home page's card. */
export function siteShare(archive: Archive): ShareImage {
  return cardShare("/", homeCard(archive));
}
