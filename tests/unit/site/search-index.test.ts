import { describe, expect, it } from "vitest";
import { describeSystemError } from "../../../src/output.ts";
import { bodyText, pagefindFailure, searchPartKey, searchPartSize, searchRecord } from "../../../src/site/search-index.ts";
import type { Article } from "../../../src/types.ts";
import { PackedText } from "../../../src/packed.ts";

const letter = () =>
  ({
    path: "/2020/12/11/letter/",
    title: "A letter",
    summary: "Standfirst.",
    bodyHtml: PackedText.pack("<p>Body text.</p>"),
    date: { display: "11 December 2020", year: 2020 },
    topic: { name: "Campaigns" },
    people: [{ name: "Julian Assange" }, { name: "Stella Assange" }],
    sources: [{ name: "Court record" }],
  }) as unknown as Article;

describe("the search index", () => {
  it("reads an article body as plain words, entities decoded, no markup", () => {
    expect(bodyText('<h2 id="x">Heading</h2>\n<p>One &amp; <em>two</em><br>three</p><ul><li>a</li><li>b</li></ul>')).toBe("Heading One & two three a b");
  });

  it("indexes each article under its path with title, date, and topic, people and year filters", () => {
    expect(searchRecord(letter(), "en")).toEqual({
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

  it("indexes a part again exactly when one of its records would read differently, and copies it otherwise", () => {
    const edits: [string, (a: Record<string, any>) => void][] = [
      ["a title", (a) => (a.title = "A second letter")],
      ["a summary", (a) => (a.summary = "Another standfirst.")],
      ["a body", (a) => (a.bodyHtml = PackedText.pack("<p>Body text, longer.</p>"))],
      ["a body's markup only", (a) => (a.bodyHtml = PackedText.pack("<p>Body <em>text.</em></p>"))],
      ["a date", (a) => (a.date = { display: "12 December 2020", year: 2020 })],
      ["a year", (a) => (a.date = { display: "11 December 2021", year: 2021 })],
      ["a topic's name", (a) => (a.topic = { name: "Appeals" })],
      ["a person's name", (a) => (a.people = [{ name: "Julian Assange" }])],
      ["a path", (a) => (a.path = "/2020/12/11/letter-2/")],
      ["a source, which search does not show", (a) => (a.sources = [{ name: "Another record" }])],
    ];
    const part = (edit?: (a: Record<string, any>) => void) => {
      const articles = [letter(), letter()];
      edit?.(articles[1] as unknown as Record<string, any>);
      return { key: searchPartKey(articles, "en"), records: JSON.stringify(articles.map((a) => searchRecord(a, "en"))) };
    };
    const before = part();
    const changed = edits.map(([name, edit]) => {
      const after = part(edit);
      return [name, after.key !== before.key, after.records !== before.records];
    });
    // A markup-only edit leaves the words as they were, but is indexed again: the key reads the HTML, not its words.
    expect(changed).toEqual(edits.map(([name]) => [name, !name.startsWith("a source"), !name.startsWith("a source") && name !== "a body's markup only"]));
    expect(searchPartKey([letter()], "fr")).not.toBe(searchPartKey([letter()], "en"));
  });
});

describe("a Pagefind that stops", () => {
  const panic = (said: string) => `thread 'main' (4242) panicked at pagefind/src/output/mod.rs:452:40:\n${said}\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace\n`;

  it("on an error of the disk is told as the build tells its own write failures", () => {
    const full = pagefindFailure(panic('called `Result::unwrap()` on an `Err` value: Os { code: 28, kind: StorageFull, message: "No space left on device" }'), "/srv/_site.tmp-1/pagefind");
    expect(describeSystemError(full)).toBe("could not write /srv/_site.tmp-1/pagefind: the disk is full (ENOSPC); free some space and build again.");
    const denied = pagefindFailure(panic('called `Result::unwrap()` on an `Err` value: Os { code: 13, kind: PermissionDenied, message: "Permission denied" }'), "/srv/x");
    expect(describeSystemError(denied)).toMatch(/^could not write \/srv\/x: permission denied \(EACCES\)/);
  });

  it("for any other reason is the one line Pagefind gave, never its backtrace", () => {
    expect(pagefindFailure(panic("index out of bounds: the len is 0 but the index is 3")).message).toBe(
      "Pagefind stopped before the search index was written: index out of bounds: the len is 0 but the index is 3",
    );
    expect(pagefindFailure("").message).toBe("Pagefind stopped before the search index was written");
  });
});
