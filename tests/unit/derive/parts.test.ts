import { describe, expect, it } from "vitest";
import { listParts, timelinePages } from "../../../src/derive/parts.ts";
import type { Article, TimelineYear } from "../../../src/types.ts";

const articles = (n: number, year = 2020) => Array.from({ length: n }, (_, i) => ({ title: `a${i}`, date: { year } }) as unknown as Article);

describe("long lists", () => {
  it("stay one page at the list's own path up to the part size", () => {
    const parts = listParts("/topics/x/", articles(3), "/", 3);
    expect(parts.map((p) => [p.path, p.articles.length, p.previous, p.next])).toEqual([["/topics/x/", 3, undefined, undefined]]);
  });

  it("continue at numbered paths that no other page uses, each part linked to its neighbours, under the base path", () => {
    const parts = listParts("/topics/x/", articles(7), "/archive/", 3);
    expect(parts.map((p) => [p.number, p.count, p.path, p.url, p.articles.length, p.previous, p.next])).toEqual([
      [1, 3, "/topics/x/", "/archive/topics/x/", 3, undefined, "/archive/topics/x/page/2/"],
      [2, 3, "/topics/x/page/2/", "/archive/topics/x/page/2/", 3, "/archive/topics/x/", "/archive/topics/x/page/3/"],
      [3, 3, "/topics/x/page/3/", "/archive/topics/x/page/3/", 1, "/archive/topics/x/page/2/", undefined],
    ]);
  });

  it("give an empty list one empty page", () => {
    expect(listParts("/people/y/", [], "/", 3).map((p) => [p.path, p.articles.length])).toEqual([["/people/y/", 0]]);
  });
});

describe("the timeline", () => {
  const years = (): TimelineYear[] => [
    { year: 2019, anchor: "y2019", url: "", articles: articles(2, 2019) },
    { year: 2020, anchor: "y2020", url: "", articles: articles(5, 2020) },
  ];

  it("is one page with a section per year for a small case", () => {
    const y = years();
    const pages = timelinePages(y, 7, "/", 10);
    expect(pages.map((p) => [p.path, p.years.map((x) => x.year)])).toEqual([["/timeline/", [2019, 2020]]]);
    expect(y.map((x) => x.url)).toEqual(["/timeline/#y2019", "/timeline/#y2020"]);
  });

  it("splits a large case into a landing page and a page per year, a long year in parts", () => {
    const y = years();
    const pages = timelinePages(y, 7, "/", 3);
    expect(pages.map((p) => [p.path, p.years.map((x) => `${x.year}:${x.articles.length}`), p.part?.number ?? null])).toEqual([
      ["/timeline/", [], null],
      ["/timeline/2019/", ["2019:2"], null],
      ["/timeline/2020/", ["2020:3"], 1],
      ["/timeline/2020/page/2/", ["2020:2"], 2],
    ]);
    expect(y.map((x) => x.url)).toEqual(["/timeline/2019/", "/timeline/2020/"]);
  });
});

describe("a year with ten or more parts", () => {
  it("never writes a part where a month archive lives", () => {
    const paths = listParts("/2006/", articles(12), "/", 1).map((p) => p.path);
    expect(paths).toContain("/2006/page/10/");
    expect(paths.filter((p) => /^\/2006\/\d+\/$/.test(p))).toEqual([]);
  });
});
