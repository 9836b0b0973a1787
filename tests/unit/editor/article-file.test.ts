import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { ARTICLE_FIELDS, articleContext } from "../../../src/content/schema.ts";
import { articleText, validateText, writeNewFile } from "../../../src/editor/article-file.ts";
import type { Person, Topic } from "../../../src/types.ts";

const site = { timezone: "Europe/London", language: "en-GB", basePath: "/" };
const topics: Topic[] = [{ id: "hearings", name: "Hearings", description: "", path: "/topics/hearings/", url: "/topics/hearings/" }];
const people: Person[] = [
  { id: "stella-assange", name: "Stella Assange", aliases: ["Stella Moris"], role: "", description: "", path: "/people/stella-assange/", url: "/people/stella-assange/" },
];
const ctx = articleContext(site, topics, people);
const fields = { title: 'A "quoted" title: with a colon', date: "2024-06-26", topic: "hearings", people: ["Stella Moris"] };

describe("a new article's text", () => {
  it("has every field of the contract, in order, those not filled in as commented hints", () => {
    const text = articleText(fields, "a-title", "The body.");
    const keys = text.split("\n").map((l) => /^(?:# )?([a-z]+):/.exec(l)?.[1]).filter(Boolean);
    expect(keys).toEqual([...ARTICLE_FIELDS]);
    expect(text).toContain('title: "A \\"quoted\\" title: with a colon"\ndate: 2024-06-26\ntopic: hearings\npeople: ["Stella Moris"]\n# summary:');
    expect(text.endsWith("---\n\nThe body.\n")).toBe(true);
  });

  it("is valid as written, and still valid with every hint uncommented (the photo it names beside it)", async () => {
    const text = articleText(fields, "a-title", "The body.");
    expect(validateText(text, "content/articles/a.md", ctx).problems).toEqual([]);
    const uncommented = text.replace(/^# /gm, "");
    const dir = mkdtempSync(join(tmpdir(), "casefile-new-"));
    mkdirSync(join(dir, "content/articles"), { recursive: true });
    await sharp({ create: { width: 600, height: 400, channels: 3, background: "#445566" } }).jpeg().toFile(join(dir, "content/articles/photo.jpg"));
    const checked = validateText(uncommented, "content/articles/a.md", articleContext(site, topics, people, { contentDir: join(dir, "content"), cwd: dir }));
    expect(checked.problems).toEqual([]);
    expect(checked.article).toMatchObject({ draft: true, milestone: true, slug: "a-title", summary: expect.stringContaining("One sentence") });
    expect(checked.images.map((i) => [i.field, i.src, i.credit])).toEqual([["image.src", "./photo.jpg", "Photographer / Agency"]]);
  });

  it("quotes a value YAML would read as something else", () => {
    const text = articleText({ ...fields, topic: "null", people: ["true", "stella-assange"] }, "x", "Body.");
    expect(text).toContain('topic: "null"\npeople: ["true", stella-assange]\n');
    expect(text).toContain("# draft: true\n# slug: x\n");
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
