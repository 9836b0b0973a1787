import type { Article, Topic } from "../types.ts";
import { escapeRegExp } from "../text.ts";

/** A suggested topic and what pointed to it, for the importer to print. */
export interface TopicSuggestion {
  topic: Topic;
  /** Words found and people counted, e.g. ["embassy", "asylum", "julian-assange"]; empty for a bare guess. */
  reasons: string[];
}

/**
 * Suggests a topic for a text, by score:
 * - every time a keyword of a topic appears in the text (whole words, any case) the topic scores 1. A topic's
 *   keywords are its `keywords` in topics.yaml; a topic without any uses the words of its own name: "Court
 *   hearings" gives "court", "hearings", "hearing";
 * - every person found in the text scores 1 for the topic they are most often filed under in existing
 *   articles (the earlier topic in topics.yaml on a tie); people with no articles yet add nothing.
 * The highest score wins, the earlier topic in topics.yaml on a tie. With no score at all, the first topic is
 * returned as a bare guess with no reasons, for the editor to correct.
 */
export function suggestTopic(text: string, personIds: readonly string[], topics: readonly Topic[], articles: readonly Article[]): TopicSuggestion | undefined {
  const first = topics[0];
  if (!first) return undefined;
  const scores = new Map<string, { score: number; reasons: string[] }>(topics.map((t) => [t.id, { score: 0, reasons: [] }]));
  for (const topic of topics) {
    const entry = scores.get(topic.id)!;
    for (const keyword of keywordsOf(topic)) {
      const hits = text.match(wordPattern(keyword))?.length ?? 0;
      if (!hits) continue;
      entry.score += hits;
      entry.reasons.push(keyword);
    }
  }
  for (const id of personIds) {
    const usual = usualTopic(id, topics, articles);
    if (!usual) continue;
    const entry = scores.get(usual)!;
    entry.score += 1;
    entry.reasons.push(id);
  }
  let best: TopicSuggestion = { topic: first, reasons: [] };
  let bestScore = 0;
  for (const topic of topics) {
    const { score, reasons } = scores.get(topic.id)!;
    if (score > bestScore) {
      best = { topic, reasons };
      bestScore = score;
    }
  }
  return best;
}

/** A topic's keywords from topics.yaml, or else the words of its name with and without a plural s. */
function keywordsOf(topic: Topic): readonly string[] {
  if (topic.keywords.length) return topic.keywords;
  const words = topic.name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4 && w !== "with");
  return [...new Set(words.flatMap((w) => (w.endsWith("s") ? [w, w.slice(0, -1)] : [w])))];
}

function wordPattern(keyword: string): RegExp {
  const body = keyword.split(" ").map((w) => escapeRegExp(w)).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, "giu");
}

/** The topic a person's existing articles are most often filed under, or undefined when they have none. */
function usualTopic(personId: string, topics: readonly Topic[], articles: readonly Article[]): string | undefined {
  const counts = new Map<string, number>();
  for (const article of articles) {
    if (article.people.some((p) => p.id === personId)) counts.set(article.topic.id, (counts.get(article.topic.id) ?? 0) + 1);
  }
  let usual: string | undefined;
  let most = 0;
  for (const topic of topics) {
    const n = counts.get(topic.id) ?? 0;
    if (n > most) {
      usual = topic.id;
      most = n;
    }
  }
  return usual;
}
