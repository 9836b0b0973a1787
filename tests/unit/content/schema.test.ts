import { describe, expect, it } from "vitest";
import { parseArticle, type ParsedArticle } from "../../../src/content/parse.ts";
import { formatProblem } from "../../../src/content/problems.ts";
import { articleContext, validateArticle } from "../../../src/content/schema.ts";
import type { Person, Topic } from "../../../src/types.ts";

const topics: Topic[] = [{ id: "appeals", name: "Appeals", description: "", keywords: [], path: "/topics/appeals/", url: "/archive/topics/appeals/" }];
const people: Person[] = [
  { id: "julian-assange", name: "Julian Assange", aliases: ["Assange"], role: "", description: "", path: "/people/julian-assange/", url: "/archive/people/julian-assange/" },
];
const ctx = articleContext({ timezone: "Europe/London", language: "en-GB", basePath: "/archive/" }, topics, people);
const file = "content/articles/2024-06-26-plea.md";

function validate(frontMatter: string, body = "The plea was entered.\n") {
  return validateArticle(parseArticle(`---\n${frontMatter}---\n\n${body}`, file) as ParsedArticle, file, ctx);
}

describe("validating one article", () => {
  it("resolves the topic and people by name or alias, and dates the URL in the site's zone", () => {
    const { article, problems } = validate('title: "Plea entered"\ndate: "2024-06-26T08:30:00+10:00"\ntopic: Appeals\npeople: [Assange]\n');
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      title: "Plea entered",
      // 08:30 in Saipan is still 25 June in London.
      path: "/2024/06/25/plea/",
      url: "/archive/2024/06/25/plea/",
      topic: { id: "appeals", name: "Appeals" },
      people: [{ id: "julian-assange", name: "Julian Assange" }],
      summary: "The plea was entered.",
      milestone: false,
      draft: false,
    });
  });

  it("reports every wrong field at once, with its line and a suggestion", () => {
    const { article, problems } = validate('title: "Plea"\ndate: "2024-13-01"\ntopic: apeals\npeople: [Julian Asange]\nmilestone: maybe\n');
    expect(article).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^content\/articles\/2024-06-26-plea\.md:3 {2}date: "2024-13-01" is not a calendar date/),
      expect.stringMatching(/:4 {2}topic: "apeals" is not in topics\.yaml .*\(did you mean "appeals"\?\)$/),
      expect.stringMatching(/:5 {2}people\[1\]: "Julian Asange" is not in people\.yaml .*\(did you mean "Julian Assange"\?\)$/),
      expect.stringMatching(/:6 {2}milestone: "maybe" is not true or false/),
    ]);
  });

  it("refuses a published article that still holds npm run new's placeholder, but not a draft", () => {
    const placeholder = "Replace this paragraph with the article, in Markdown. Headings start at ##. Unless summary: is set, the first paragraph is the standfirst.\n";
    expect(validate('title: "T"\ndate: 2024-06-26\ntopic: appeals\n', placeholder).problems.map((p) => p.code)).toEqual(["placeholder-text"]);
    expect(validate('title: "T"\ndate: 2024-06-26\ntopic: appeals\ndraft: true\n', placeholder).problems).toEqual([]);
  });
});
