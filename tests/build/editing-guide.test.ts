import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HINTS, PROBLEMS } from "../../src/content/catalogue.ts";
import sharp from "sharp";
import { ARTICLE_FIELDS } from "../../src/content/schema.ts";
import { loadArchive } from "../../src/index.ts";
import { LIMITS } from "../../src/limits.ts";
import { MAX_PIXELS } from "../../src/media/images.ts";
import { projectRoot, shippedProject } from "../helpers.ts";

const guide = readFileSync(join(projectRoot, "docs/editing.md"), "utf8");
describe("the editor guide", () => {
  it("shows a complete example article, with every field, that the shipped archive accepts as written", async () => {
    const example = /```markdown\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(example).toBeDefined();
    for (const field of ARTICLE_FIELDS) expect(example, field).toMatch(new RegExp(`^${field}:`, "m"));
    const dir = shippedProject();
    mkdirSync(join(dir, "content/articles/guide"));
    writeFileSync(join(dir, "content/articles/guide/2024-05-20-guide-example.md"), example!);
    for (const photo of ["court.jpg", "court-list.jpg"]) {
      await sharp({ create: { width: 1600, height: 1000, channels: 3, background: "#556677" } }).jpeg().toFile(join(dir, "content/articles/guide", photo));
    }
    const result = await loadArchive(join(dir, "content"), { cwd: dir });
    expect(result.problems).toEqual([]);
    const article = result.archive!.articles.find((a) => a.slug === "permission-to-appeal-granted")!;
    expect(article.people.map((p) => p.id)).toEqual(["julian-assange", "victoria-sharp", "jeremy-johnson"]);
    expect(article.corrections).toHaveLength(1);
    expect([article.image?.credit, article.figures[0]?.caption, article.figures[0]?.credit]).toEqual(["Photographer's name / Agency", "The day's court list", "Photographer's name"]);
  });

  it("explains every error code and every hint code in the catalogue's own words", () => {
    const rows = new Map([...guide.matchAll(/^\| (`[^|]+`) \| (.*?) \|(?: (.*?) \|)?$/gm)].flatMap((m) => [...m[1]!.matchAll(/`([a-z0-9-]+)`/g)].map((c) => [c[1]!, m.slice(2)])));
    expect(Object.keys(PROBLEMS).length).toBeGreaterThan(20);
    for (const [code, { what, fix }] of Object.entries(PROBLEMS)) expect(rows.get(code), code).toEqual([what, fix]);
    for (const [code, { what }] of Object.entries(HINTS)) expect(rows.get(code)?.[0], code).toBe(what);
    // And no row of the error tables names a code the catalogue does not have (one that was renamed or removed).
    const errors = /\n## What each error means\n([\s\S]*?)(?:\n## |$)/.exec(guide)?.[1] ?? "";
    const documented = [...errors.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(documented.toSorted()).toEqual(Object.keys(PROBLEMS).toSorted());
  });

  it("states every limit as src/limits.ts sets it", () => {
    const section = /\n## Limits\n([\s\S]*?)\n## /.exec(guide)?.[1] ?? "";
    // The "at most" cell of the row whose first cell mentions `what`.
    const limitOf = (what: string) => section.split("\n").find((row) => row.split("|")[1]?.includes(what))?.split("|")[2]?.trim();
    expect(limitOf("`people.yaml`")).toMatch(new RegExp(`^${LIMITS.registryBytes / 1_000_000} MB `));
    expect(limitOf("one article")).toMatch(new RegExp(`^${LIMITS.articleBytes / 1_000_000} MB `));
    expect(limitOf("people in one article")).toBe(String(LIMITS.peoplePerArticle));
    expect(limitOf("`slug`")).toBe(String(LIMITS.slugLength));
    expect(limitOf("nesting")).toMatch(new RegExp(`^${LIMITS.markdownNesting}: `));
    expect(limitOf("aliases")).toBe(String(LIMITS.yamlAliases));
    expect(limitOf("one photo")).toMatch(new RegExp(`^${LIMITS.imageBytes / 1_000_000} MB, and ${MAX_PIXELS / 1_000_000} megapixels `));
    expect(Object.keys(LIMITS)).toHaveLength(7);
  });

  it("is linked from the README", () => {
    expect(readFileSync(join(projectRoot, "README.md"), "utf8")).toContain("](docs/editing.md)");
  });
});
