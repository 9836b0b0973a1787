import { describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadArchive, summaryLine } from "../../src/index.ts";
import { projectRoot } from "../helpers.ts";

describe("the README", () => {
  it("shows an example article that the shipped archive accepts as written", async () => {
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
    const example = /```markdown\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "casefile-readme-"));
    cpSync(join(projectRoot, "content"), join(dir, "content"), { recursive: true });
    mkdirSync(join(dir, "content/articles/readme"));
    writeFileSync(join(dir, "content/articles/readme/2024-06-26-readme-example.md"), example!);
    const result = await loadArchive(join(dir, "content"), { cwd: dir });
    expect(result.problems).toEqual([]);
    const article = result.archive!.articles.find((a) => a.slug === "readme-example")!;
    expect(article.people.map((p) => p.id)).toEqual(["julian-assange", "ramona-manglona", "barry-pollack"]);
  });
});

describe("the figures in the README and the docs", () => {
  it("give the shipped archive's counts as npm run check prints them", async () => {
    const { counts } = await loadArchive(join(projectRoot, "content"), { cwd: projectRoot, renderBodies: false });
    const docs = ["README.md", ...readdirSync(join(projectRoot, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
    const figures = docs.flatMap((file) =>
      [...readFileSync(join(projectRoot, file), "utf8").matchAll(/\d[\d,]* articles?, \d[\d,]* (?:people|person), \d[\d,]* topics?: no problems/g)].map((m) => [file, m[0]]),
    );
    expect(figures.map(([file]) => file)).toEqual(["README.md", "docs/editing.md"]);
    for (const [file, figure] of figures) expect(figure, file).toBe(summaryLine(counts));
  });
});
