import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ARTICLE_FIELDS } from "../../src/content/schema.ts";
import { loadArchive } from "../../src/index.ts";
import { projectRoot, shippedProject } from "../helpers.ts";

const guide = readFileSync(join(projectRoot, "docs/editing.md"), "utf8");
/** The codes of a string-literal union type declared in a source file. */
const codesOf = (file: string, type: string) => {
  const source = readFileSync(join(projectRoot, file), "utf8");
  const union = new RegExp(`export type ${type} =([^;]*);`).exec(source)?.[1] ?? "";
  return [...union.matchAll(/"([a-z0-9-]+)"/g)].map((m) => m[1]!);
};

describe("the editor guide", () => {
  it("shows a complete example article, with every field, that the shipped archive accepts as written", () => {
    const example = /```markdown\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(example).toBeDefined();
    for (const field of ARTICLE_FIELDS) expect(example, field).toMatch(new RegExp(`^${field}:`, "m"));
    const dir = shippedProject();
    mkdirSync(join(dir, "content/articles/guide"));
    writeFileSync(join(dir, "content/articles/guide/2024-05-20-guide-example.md"), example!);
    const result = loadArchive(join(dir, "content"), { cwd: dir });
    expect(result.problems).toEqual([]);
    const article = result.archive!.articles.find((a) => a.slug === "permission-to-appeal-granted")!;
    expect(article.people.map((p) => p.id)).toEqual(["julian-assange", "victoria-sharp", "jeremy-johnson"]);
    expect(article.corrections).toHaveLength(1);
  });

  it("explains every error code and every hint code", () => {
    const codes = [...codesOf("src/content/problems.ts", "ProblemCode"), ...codesOf("src/editor/registry-report.ts", "HintCode")];
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) expect(guide, code).toContain(`\`${code}\``);
  });

  it("is linked from the README", () => {
    expect(readFileSync(join(projectRoot, "README.md"), "utf8")).toContain("](docs/editing.md)");
  });
});
