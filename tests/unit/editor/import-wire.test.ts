import { describe, expect, it } from "vitest";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROBLEMS } from "../../../src/content/catalogue.ts";
import { importWireCopy } from "../../../src/editor/import-wire.ts";
import { fixtureProject, projectRoot } from "../../helpers.ts";

/** A project with the base registries and the wire-copy fixtures in wire/. */
function project(): string {
  const dir = fixtureProject();
  cpSync(join(projectRoot, "tests/fixtures/wire-copy"), join(dir, "wire"), { recursive: true });
  return dir;
}

const codes = (report: Awaited<ReturnType<typeof importWireCopy>>) => report.problems.map((p) => [p.code, p.file, p.field]);

describe("every problem npm run import reports has a code in the catalogue", () => {
  it("a missing path, an empty folder and bad copy each carry theirs", async () => {
    const dir = project();
    mkdirSync(join(dir, "inbox"));
    const report = await importWireCopy(["wire/missing.txt", "inbox", "wire/bad"], "content", dir);
    expect(codes(report)).toEqual([
      ["import-source-missing", "wire/missing.txt", "file"],
      ["import-folder-empty", "inbox", "file"],
      ["date-invalid", "wire/bad/impossible-date.txt", "date"],
      ["field-missing", "wire/bad/no-date-line.txt", "date"],
    ]);
    for (const p of report.problems) expect(PROBLEMS, p.code).toHaveProperty(p.code);
  });

  it("an article already there is file-exists, and is left as it was", async () => {
    const dir = project();
    expect((await importWireCopy(["wire/good/vigil.txt"], "content", dir)).problems).toEqual([]);
    const draft = join(dir, "content/articles/2021/2021-01-03-vigil.md");
    writeFileSync(draft, readFileSync(draft, "utf8").replace("Headline needed", "Vigil at the Old Bailey"));
    const edited = readFileSync(draft, "utf8");
    const again = await importWireCopy(["wire/good/vigil.txt"], "content", dir);
    expect(codes(again)).toEqual([["file-exists", "wire/good/vigil.txt", "file"]]);
    expect(readFileSync(draft, "utf8")).toBe(edited);
  });

  it("a topics.yaml without topics is topics-empty", async () => {
    const dir = project();
    writeFileSync(join(dir, "content/topics.yaml"), "[]\n");
    const report = await importWireCopy(["wire/good/vigil.txt"], "content", dir);
    expect(codes(report)).toEqual([["topics-empty", "content/topics.yaml", "topics"]]);
  });
});
