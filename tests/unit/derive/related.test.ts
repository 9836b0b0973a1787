import { describe, expect, it } from "vitest";
import { RELATED_COUNT, relatedArticles } from "../../../src/derive/related.ts";
import type { Article } from "../../../src/types.ts";

/** An article as `relatedArticles` reads it: its URL, date, topic and people. */
function article(url: string, day: string, topic: string, people: string[]): Article {
  return { url, date: { epochMs: Date.parse(`${day}T00:00:00Z`) }, topic: { id: topic }, people: people.map((id) => ({ id })) } as unknown as Article;
}

describe("related articles", () => {
  // In date order, as the archive holds them.
  const old = article("/2000/01/01/e/", "2000-01-01", "trial", ["witness"]);
  const shared = article("/2010/01/01/a/", "2010-01-01", "appeal", ["lawyer", "witness"]);
  const yearBefore = article("/2019/01/01/d/", "2019-01-01", "appeal", []);
  const page = article("/2020/01/01/x/", "2020-01-01", "appeal", ["lawyer", "witness"]);
  const sameDayC = article("/2020/01/01/c/", "2020-01-01", "appeal", []);
  const sameDayB = article("/2020/01/01/b/", "2020-01-01", "appeal", []);
  const nextDay = article("/2020/01/02/f/", "2020-01-02", "trial", ["lawyer"]);
  const unrelated = article("/2020/01/03/g/", "2020-01-03", "asylum", ["judge"]);
  const related = relatedArticles([old, shared, yearBefore, page, sameDayC, sameDayB, nextDay, unrelated]);

  it("lists the five best: shared people first, then the same topic, then the nearest in time, ties by date then URL", () => {
    // shared: 2 people and the topic (8.09); nextDay: 1 person, a day away (4.0); old: 1 person, 20 years away
    // (3.05); sameDayB and sameDayC: the topic, the same day (3.0), B's URL first; yearBefore (2.5) is sixth.
    expect(related.get(page)).toEqual([shared, nextDay, old, sameDayB, sameDayC]);
    expect(related.get(page)).toHaveLength(RELATED_COUNT);
  });

  it("never lists an article that shares no topic or person, nor the article itself", () => {
    expect(related.get(unrelated)).toEqual([]);
    for (const [a, list] of related) expect(list).not.toContain(a);
  });
});
