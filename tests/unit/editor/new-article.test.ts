import { describe, expect, it } from "vitest";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
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

describe("every problem npm run new reports has a code in the catalogue", () => {
  const request = { date: "2024-06-26", topic: "hearings", people: [], contentDir: "content" };
  const codes = (result: Awaited<ReturnType<typeof newArticle>>) => ("problems" in result ? result.problems.map((p) => [p.code, p.field]) : "written");

  it("a title without words is title-no-words", async () => {
    expect(codes(await newArticle({ ...request, title: "?!", cwd: fixtureProject() }))).toEqual([["title-no-words", "title"]]);
  });

  it("the values it checks as the build does keep the build's codes", async () => {
    const result = await newArticle({ ...request, title: "Hearing", date: "2024-02-30", topic: "hearing", people: ["Nobody Known"], cwd: fixtureProject() });
    expect(codes(result)).toEqual([
      ["date-invalid", "date"],
      ["topic-unknown", "topic"],
      ["person-unknown", "people[1]"],
    ]);
  });

  it("a photo that is not one, alt text that is its file name and a missing credit carry the build's photo codes", async () => {
    const dir = fixtureProject();
    writeFileSync(join(dir, "notes.jpg"), "Not a photo.\n");
    const result = await newArticle({ ...request, title: "Hearing", image: { path: "notes.jpg", alt: "notes.jpg" }, cwd: dir });
    expect(codes(result)).toEqual([
      ["image-not-image", "--image"],
      ["image-alt", "--alt"],
      ["field-missing", "--credit"],
    ]);
    expect(codes(await newArticle({ ...request, title: "Hearing", image: { path: "gone.jpg", alt: "The court", credit: "Agency" }, cwd: dir }))).toEqual([
      ["image-missing", "--image"],
    ]);
  });

  it("an article or a photo already at the new file's path is file-exists", async () => {
    const dir = fixtureProject();
    expect(codes(await newArticle({ ...request, title: "Hearing", cwd: dir }))).toBe("written");
    expect(codes(await newArticle({ ...request, title: "Hearing", cwd: dir }))).toEqual([["file-exists", "file"]]);

    await sharp({ create: { width: 800, height: 500, channels: 3, background: "#556677" } }).jpeg().toFile(join(dir, "court.jpg"));
    writeFileSync(join(dir, "content/articles/2024/2024-06-26-appeal.jpg"), "an earlier photo");
    const photo = { path: "court.jpg", alt: "The court", credit: "Agency" };
    expect(codes(await newArticle({ ...request, title: "Appeal", image: photo, cwd: dir }))).toEqual([["file-exists", "--image"]]);
  });
});
