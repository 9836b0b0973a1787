import { describe, expect, it } from "vitest";
import { RELATED_COUNT, relatedArticles, type RelatedMemo } from "../../../src/derive/related.ts";
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

  it("after one article moves in time, gives every article the lists a derivation of fresh articles gives", () => {
    // Eighty articles over four topics and six people; the preview derives again with the same objects but one.
    const people = ["p0", "p1", "p2", "p3", "p4", "p5"];
    const day = (days: number) => new Date(Date.UTC(2010, 0, 1 + days)).toISOString().slice(0, 10);
    const made = (n: number, date = day(n * 9)) => article(`/a/${n}/`, date, `t${n % 4}`, [people[n % 6]!, people[(n * 5) % 6]!]);
    const before = Array.from({ length: 80 }, (_, n) => made(n));
    const memo: RelatedMemo = new WeakMap();
    relatedArticles(before, memo);
    // Article 10 edited to a date between articles 60 and 61: a new object, placed in date order.
    const moved = made(10, day(60 * 9 + 1));
    const after = [...before.slice(0, 10), ...before.slice(11, 61), moved, ...before.slice(61)];
    const kept = relatedArticles(after, memo);
    // The same content as new objects: nothing from the last derivation applies.
    const copies = new Map(after.map((a) => [a, { ...a } as Article]));
    const fresh = relatedArticles([...copies.values()]);
    const urls = (list: readonly Article[] | undefined) => (list ?? []).map((a) => a.url);
    for (const a of after) expect(urls(kept.get(a)), a.url).toEqual(urls(fresh.get(copies.get(a)!)));
    // The move changed the lists near both places, so the comparison covers lists that had to change.
    expect(after.filter((a) => a !== moved && urls(kept.get(a)).join() !== urls(relatedArticles(before).get(a)).join()).length).toBeGreaterThan(0);
  });
});
