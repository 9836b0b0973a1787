import type { Article } from "../types.ts";

/** How many related articles an article page lists. */
export const RELATED_COUNT = 5;
// How far along each shared person's or topic's own chronology to look for candidates, either side.
const NEIGHBOURS = 6;
const DAY_MS = 86_400_000;

/**
 * Up to five related articles for every article: scored on shared people (3 each), the same topic (2)
 * and nearness in time (up to 1), ties broken by date then URL. Candidates come only from the nearest
 * articles in each shared person's and topic's chronology, so the work grows with the archive, not its square.
 */
export function relatedArticles(articles: readonly Article[]): Map<Article, Article[]> {
  const lists = new Map<string, Article[]>();
  const position = new Map<Article, Map<string, number>>();
  const add = (key: string, article: Article) => {
    const list = lists.get(key) ?? [];
    if (!lists.has(key)) lists.set(key, list);
    position.get(article)!.set(key, list.length);
    list.push(article);
  };
  for (const article of articles) {
    position.set(article, new Map());
    add(`topic:${article.topic.id}`, article);
    for (const person of article.people) add(`person:${person.id}`, article);
  }

  const related = new Map<Article, Article[]>();
  for (const article of articles) {
    const candidates = new Set<Article>();
    for (const [key, index] of position.get(article)!) {
      const list = lists.get(key)!;
      for (let i = Math.max(0, index - NEIGHBOURS); i <= Math.min(list.length - 1, index + NEIGHBOURS); i++) {
        if (list[i] !== article) candidates.add(list[i]!);
      }
    }
    const people = new Set(article.people.map((p) => p.id));
    const scored = [...candidates].map((other) => {
      const shared = other.people.filter((p) => people.has(p.id)).length;
      const years = Math.abs(other.date.epochMs - article.date.epochMs) / (365 * DAY_MS);
      return { other, score: shared * 3 + (other.topic.id === article.topic.id ? 2 : 0) + 1 / (1 + years) };
    });
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        a.other.date.epochMs - b.other.date.epochMs ||
        (a.other.url < b.other.url ? -1 : a.other.url > b.other.url ? 1 : 0),
    );
    related.set(
      article,
      scored.slice(0, RELATED_COUNT).map(({ other }) => other),
    );
  }
  return related;
}
