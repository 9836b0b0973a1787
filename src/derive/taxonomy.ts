import type { Article, Author, AuthorPage, Person, PersonPage, Topic, TopicPage } from "../types.ts";

/** Each topic with its articles, oldest first; topics keep their order in topics.yaml. */
export function topicPages(topics: readonly Topic[], articles: readonly Article[]): TopicPage[] {
  const byId = new Map(topics.map((t) => [t.id, { ...t, articles: [] as Article[] }]));
  for (const article of articles) byId.get(article.topic.id)?.articles.push(article);
  return [...byId.values()];
}

/** Each person with the articles that name them, oldest first: that person's own timeline. */
export function personPages(people: readonly Person[], articles: readonly Article[]): PersonPage[] {
  const byId = new Map(people.map((p) => [p.id, { ...p, articles: [] as Article[] }]));
  for (const article of articles) {
    for (const person of article.people) byId.get(person.id)?.articles.push(article);
  }
  return [...byId.values()];
}

/** Each author with the articles whose byline names them, newest first; authors keep their order in authors.yaml. */
export function authorPages(authors: readonly Author[], articles: readonly Article[]): AuthorPage[] {
  const byId = new Map(authors.map((a) => [a.id, { ...a, articles: [] as Article[] }]));
  for (let i = articles.length - 1; i >= 0; i--) {
    for (const author of articles[i]!.authors) byId.get(author.id)?.articles.push(articles[i]!);
  }
  return [...byId.values()];
}
