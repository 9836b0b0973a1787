import { describe, expect, it } from "vitest";
import { bodyText, searchPartSize, searchRecord } from "../../../src/site/search-index.ts";
import type { Article } from "../../../src/types.ts";

describe("the search index", () => {
  it("reads an article body as plain words, entities decoded, no markup", () => {
    expect(bodyText('<h2 id="x">Heading</h2>\n<p>One &amp; <em>two</em><br>three</p><ul><li>a</li><li>b</li></ul>')).toBe("Heading One & two three a b");
  });

  it("indexes each article under its path with title, date, and topic, people and year filters", () => {
    const article = {
      path: "/2020/12/11/letter/",
      title: "A letter",
      summary: "Standfirst.",
      bodyHtml: "<p>Body text.</p>",
      date: { display: "11 December 2020", year: 2020 },
      topic: { name: "Campaigns" },
      people: [{ name: "Julian Assange" }, { name: "Stella Assange" }],
    } as unknown as Article;
    expect(searchRecord(article, "en")).toEqual({
      url: "/2020/12/11/letter/",
      content: "A letter. Standfirst. Body text.",
      language: "en",
      meta: { title: "A letter", date: "11 December 2020" },
      filters: { topic: ["Campaigns"], person: ["Julian Assange", "Stella Assange"], year: ["2020"] },
    });
  });

  it("splits a large archive into at most 10 parts of 1,000 to 4,000 articles, then parts of 5,000, so an edit re-indexes one small part", () => {
    const parts = (articles: number) => [searchPartSize(articles), Math.ceil(articles / searchPartSize(articles))];
    expect(parts(100)).toEqual([1000, 1]);
    expect(parts(10_000)).toEqual([1000, 10]);
    expect(parts(10_001)).toEqual([2000, 6]);
    expect(parts(40_000)).toEqual([4000, 10]);
    expect(parts(100_000)).toEqual([5000, 20]);
  });
});
