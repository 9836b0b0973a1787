import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { formatProblem } from "../../../src/content/problems.ts";
import { ARTICLE_FIELDS, articleContext, PLACEHOLDERS } from "../../../src/content/schema.ts";
import { articleText, validateText, writeNewFile } from "../../../src/editor/article-file.ts";
import type { Author, Person, Topic } from "../../../src/types.ts";

const site = { timezone: "Europe/London", language: "en-GB", basePath: "/" };
const topics: Topic[] = [{ id: "hearings", name: "Hearings", description: "", keywords: [], path: "/topics/hearings/", url: "/topics/hearings/" }];
const people: Person[] = [
  { id: "stella-assange", name: "Stella Assange", aliases: ["Stella Moris"], role: "", description: "", path: "/people/stella-assange/", url: "/people/stella-assange/" },
];
const authors: Author[] = [{ id: "ada-writer", name: "Ada Writer", role: "", description: "", path: "/authors/ada-writer/", url: "/authors/ada-writer/" }];
const ctx = articleContext(site, topics, people, authors);
const fields = { title: 'A "quoted" title: with a colon', date: "2024-06-26", topic: "hearings", people: ["Stella Moris"], authors: ["Ada Writer"] };

describe("a new article's text", () => {
  it("has every field of the contract, in order, those not filled in as commented hints", () => {
    const text = articleText(fields, "a-title", "The body.");
    const keys = text.split("\n").map((l) => /^(?:# )?([a-z]+):/.exec(l)?.[1]).filter(Boolean);
    expect(keys).toEqual([...ARTICLE_FIELDS]);
    expect(text).toContain('title: "A \\"quoted\\" title: with a colon"\ndate: 2024-06-26\ntopic: hearings\npeople: ["Stella Moris"]\nauthors: ["Ada Writer"]\n# summary:');
    expect(text.endsWith("---\n\nThe body.\n")).toBe(true);
  });

  it("is valid as written, and still valid with every hint uncommented (the photo it names beside it)", async () => {
    const text = articleText(fields, "a-title", "The body.");
    expect(validateText(text, "content/articles/a.md", ctx).problems).toEqual([]);
    const uncommented = text.replace(/^# /gm, "");
    const dir = mkdtempSync(join(tmpdir(), "casefile-new-"));
    mkdirSync(join(dir, "content/articles"), { recursive: true });
    await sharp({ create: { width: 600, height: 400, channels: 3, background: "#445566" } }).jpeg().toFile(join(dir, "content/articles/photo.jpg"));
    const checked = validateText(uncommented, "content/articles/a.md", articleContext(site, topics, people, authors, { contentDir: join(dir, "content"), cwd: dir }));
    expect(checked.problems).toEqual([]);
    expect(checked.article).toMatchObject({ draft: true, milestone: true, slug: "a-title", summary: expect.stringContaining("One sentence") });
    expect(checked.images.map((i) => [i.field, i.src, i.credit])).toEqual([["image.src", "./photo.jpg", "Photographer / Agency"]]);
  });

  it("leaves authors: as a commented hint when none are given, so the site's default author applies", () => {
    const text = articleText({ ...fields, authors: [] }, "a-title", "The body.");
    expect(text).toContain('people: ["Stella Moris"]\n# authors: [author-id, "Name from authors.yaml"]\n# summary:');
    const withDefault = articleContext({ ...site, author: "ada-writer" }, topics, people, authors);
    expect(validateText(text, "content/articles/a.md", withDefault).article?.authors.map((a) => a.id)).toEqual(["ada-writer"]);
  });

  it("quotes a value YAML would read as something else", () => {
    const text = articleText({ ...fields, topic: "null", people: ["true", "stella-assange"] }, "x", "Body.");
    expect(text).toContain('topic: "null"\npeople: ["true", stella-assange]\n');
    expect(text).toContain("# draft: true\n# slug: x\n");
  });
});

describe("placeholder text left in an article", () => {
  const lines = (text: string) => validateText(text, "content/articles/a.md", ctx).problems.map(formatProblem);

  it("is refused in a published article's body, on the line it is on, even re-wrapped", () => {
    const text = articleText(fields, "a-title", `First line.\n\n${PLACEHOLDERS.body.replace("article, in", "article,\n  in")}`);
    const line = text.split("\n").findIndex((l) => l.startsWith("Replace")) + 1;
    expect(lines(text)).toEqual([
      `content/articles/a.md:${line}  body: still holds the placeholder text "Replace this paragraph with the article,…" (expected the article's own text, or draft: true until it is written)`,
    ]);
  });

  it("is refused as a published article's summary", () => {
    const text = articleText(fields, "a-title", "The body.").replace(/^# summary:/m, "summary:");
    const line = text.split("\n").findIndex((l) => l.startsWith("summary:")) + 1;
    expect(lines(text)).toEqual([
      `content/articles/a.md:${line}  summary: still holds the placeholder text ${JSON.stringify(PLACEHOLDERS.summary)} (expected the article's own text, or draft: true until it is written)`,
    ]);
  });

  it("is accepted in a draft", () => {
    const text = articleText({ ...fields, draft: true }, "a-title", PLACEHOLDERS.body).replace(/^# summary:/m, "summary:");
    expect(lines(text)).toEqual([]);
  });
});

describe("writing a new file", () => {
  it("creates the file and its folders, and never overwrites one that exists", () => {
    const path = join(mkdtempSync(join(tmpdir(), "casefile-write-")), "2024", "a.md");
    expect(writeNewFile(path, "first")).toBe(true);
    expect(writeNewFile(path, "second")).toBe(false);
    expect(readFileSync(path, "utf8")).toBe("first");
  });
});
