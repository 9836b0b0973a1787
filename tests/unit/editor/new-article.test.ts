import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { newArticle } from "../../../src/editor/new-article.ts";
import { fixtureProject } from "../../helpers.ts";

describe("npm run new with a very long title", () => {
  it("names the file after the title cut at a word, within the slug limit, and keeps the whole title", async () => {
    const dir = fixtureProject();
    const title = `Court hears ${"a very long argument about the appeal ".repeat(270)}`.trim();
    expect(title.length).toBeGreaterThan(10_000);
    const result = await newArticle({ title, date: "2024-06-26", topic: "hearings", people: [], contentDir: "content", cwd: dir });
    if ("problems" in result) throw new Error(JSON.stringify(result.problems));
    expect(result.file).toBe("content/articles/2024/2024-06-26-court-hears-a-very-long-argument-about-the-appeal-a-very-long-argument-about-the.md");
    expect(result.article.slug).toBe("court-hears-a-very-long-argument-about-the-appeal-a-very-long-argument-about-the");
    expect(result.article.title).toBe(title);
    expect(existsSync(join(dir, result.file))).toBe(true);
  });
});
