import type { Article } from "../types.ts";

/** How many related articles an article page lists. */
export const RELATED_COUNT = 5;
// How far along each shared person's or topic's own chronology to look for candidates, either side.
const NEIGHBOURS = 6;
const YEAR_MS = 365 * 86_400_000;

interface Scored {
  other: Article;
  score: number;
}

/** Whether `other` with `score` ranks before `b`: the higher score, then the earlier date, then the URL. */
function before(score: number, other: Article, b: Scored): boolean {
  if (score !== b.score) return score > b.score;
  if (other.date.epochMs !== b.other.date.epochMs) return other.date.epochMs < b.other.date.epochMs;
  return other.url < b.other.url;
}

/**
 * Up to five related articles for every article: scored on shared people (3 each), the same topic (2)
 * and nearness in time (up to 1), ties broken by date then URL. Candidates come only from the nearest
 * articles in each shared person's and topic's chronology, so the work grows with the archive, not its square.
 * The preview runs this after every edit of a date, topic or people, so it keeps only the best five of each
 * article's candidates rather than sorting them all, and passes the `kept` lists of its last run (see `RelatedMemo`).
 */
export function relatedArticles(articles: readonly Article[], kept?: RelatedMemo): Map<Article, Article[]> {
  const lists = new Map<string, Article[]>();
  // Each article's place in each of its chronologies (its topic's, each of its people's), in the order of `articles`.
  const places: { list: Article[]; index: number }[][] = [];
  const add = (key: string, article: Article, own: { list: Article[]; index: number }[]) => {
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    own.push({ list, index: list.length });
    list.push(article);
  };
  for (const article of articles) {
    const own: { list: Article[]; index: number }[] = [];
    add(`topic:${article.topic.id}`, article, own);
    for (const person of article.people) add(`person:${person.id}`, article, own);
    places.push(own);
  }

  const related = new Map<Article, Article[]>();
  const candidates = new Set<Article>();
  articles.forEach((article, n) => {
    candidates.clear();
    for (const { list, index } of places[n]!) {
      for (let i = Math.max(0, index - NEIGHBOURS); i <= Math.min(list.length - 1, index + NEIGHBOURS); i++) {
        if (list[i] !== article) candidates.add(list[i]!);
      }
    }
    const last = kept?.get(article);
    if (last && sameCandidates(last.candidates, candidates)) {
      related.set(article, last.related);
      return;
    }
    const best: Scored[] = [];
    for (const other of candidates) {
      let shared = 0;
      for (const p of other.people) if (article.people.some((q) => q.id === p.id)) shared++;
      const years = Math.abs(other.date.epochMs - article.date.epochMs) / YEAR_MS;
      const score = shared * 3 + (other.topic.id === article.topic.id ? 2 : 0) + 1 / (1 + years);
      if (best.length === RELATED_COUNT) {
        if (!before(score, other, best[RELATED_COUNT - 1]!)) continue;
        best.pop();
      }
      let at = best.length;
      while (at > 0 && before(score, other, best[at - 1]!)) at--;
      best.splice(at, 0, { other, score });
    }
    const list = best.map(({ other }) => other);
    related.set(article, list);
    kept?.set(article, { candidates: [...candidates], related: list });
  });
  return related;
}

/**
 * Each article's candidates and related articles from the last derivation that kept them. What decides an
 * article's related list (its date, URL, topic and people, and theirs) never changes while the article object
 * lives: an edit of any of them makes a new one (see `derivedFrom` in src/index.ts). So the same candidates, in
 * the same order, give the same list: the preview, which derives the archive again after every edit of a date, a
 * topic or people, scores only the articles whose neighbourhood the edit changed. A build derives once and keeps
 * none (at 100,000 articles they would take about 30 MB for the whole build).
 */
export type RelatedMemo = WeakMap<Article, { candidates: Article[]; related: Article[] }>;

function sameCandidates(kept: readonly Article[], now: ReadonlySet<Article>): boolean {
  if (kept.length !== now.size) return false;
  let i = 0;
  for (const a of now) if (kept[i++] !== a) return false;
  return true;
}
