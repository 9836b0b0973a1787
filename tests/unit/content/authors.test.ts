import { describe, expect, it } from "vitest";
import { formatProblem } from "../../../src/content/problems.ts";
import { articleContext } from "../../../src/content/schema.ts";
import { validateText } from "../../../src/editor/article-file.ts";
import { LIMITS } from "../../../src/limits.ts";
import type { Author, Topic } from "../../../src/types.ts";

const topics: Topic[] = [{ id: "hearings", name: "Hearings", description: "", keywords: [], path: "/topics/hearings/", url: "/topics/hearings/" }];
const authors: Author[] = [
  { id: "casefile-desk", name: "Casefile desk", role: "", description: "", path: "/authors/casefile-desk/", url: "/case/authors/casefile-desk/" },
  { id: "renee-ecrivain", name: "Renée Écrivain", role: "", description: "", path: "/authors/renee-ecrivain/", url: "/case/authors/renee-ecrivain/" },
];
const site = { timezone: "Europe/London", language: "en-GB", basePath: "/case/" };
const withDefault = articleContext({ ...site, author: "casefile-desk" }, topics, [], authors);
const withoutDefault = articleContext(site, topics, [], authors);

/** An article whose front-matter ends with `extra` (YAML lines), validated as the build would. */
const validate = (extra: string, ctx = withDefault) =>
  validateText(`---\ntitle: "A story"\ndate: 2024-06-26\ntopic: hearings\n${extra}---\n\nText.\n`, "content/articles/a.md", ctx);
const bylineOf = (extra: string, ctx = withDefault) => validate(extra, ctx).article?.authors;
const problemsOf = (extra: string) => validate(extra).problems.map(formatProblem);

describe("an article's authors", () => {
  it("are those authors: names, by id or by name in any case and with or without accents, in the order given", () => {
    expect(bylineOf('authors: ["renee ecrivain", CASEFILE-DESK]\n')).toEqual([
      { id: "renee-ecrivain", name: "Renée Écrivain", url: "/case/authors/renee-ecrivain/" },
      { id: "casefile-desk", name: "Casefile desk", url: "/case/authors/casefile-desk/" },
    ]);
  });

  it("are site.yaml's default author when the article has no authors:, and nobody when the site has no default", () => {
    expect(bylineOf("")).toEqual([{ id: "casefile-desk", name: "Casefile desk", url: "/case/authors/casefile-desk/" }]);
    expect(bylineOf("authors:\n")).toEqual([{ id: "casefile-desk", name: "Casefile desk", url: "/case/authors/casefile-desk/" }]);
    expect(bylineOf("", withoutDefault)).toEqual([]);
  });

  it("are nobody, whatever the default, when the article says authors: []", () => {
    expect(bylineOf("authors: []\n")).toEqual([]);
  });

  it("must be in authors.yaml, with the closest author suggested, each once, in a list", () => {
    expect(problemsOf("authors: [Casefile dsk, nobody at all]\n")).toEqual([
      'content/articles/a.md:5  authors[1]: "Casefile dsk" is not in authors.yaml (expected an author\'s id or name from authors.yaml) (did you mean "Casefile desk"?)',
      'content/articles/a.md:5  authors[2]: "nobody at all" is not in authors.yaml (expected an author\'s id or name from authors.yaml)',
    ]);
    expect(problemsOf("authors: [casefile-desk, Casefile Desk]\n")).toEqual([
      'content/articles/a.md:5  authors[2]: "Casefile Desk" names Casefile desk a second time (expected each author once)',
    ]);
    expect(problemsOf("authors: Casefile desk\n")).toEqual([
      'content/articles/a.md:5  authors: "Casefile desk" is not a list (expected a list of author ids or names from authors.yaml, e.g. [a, b] or one "- item" per line)',
    ]);
  });

  it("are at most as many as the people an article may list", () => {
    const many = Array.from({ length: LIMITS.peoplePerArticle + 1 }, () => "casefile-desk").join(", ");
    expect(problemsOf(`authors: [${many}]\n`)).toEqual([
      `content/articles/a.md:5  authors: lists ${LIMITS.peoplePerArticle + 1} authors (expected at most ${LIMITS.peoplePerArticle}: the people who wrote the article)`,
    ]);
  });

  it("say to add authors.yaml when the content folder has none", () => {
    const lines = validate("authors: [casefile-desk]\n", articleContext(site, topics, [])).problems.map(formatProblem);
    expect(lines).toEqual(['content/articles/a.md:5  authors[1]: "casefile-desk" is not in authors.yaml (expected an author listed in content/authors.yaml)']);
  });
});
