import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatReport, printable, printableJson } from "../../../src/content/problems.ts";
import { loadArchive } from "../../../src/index.ts";
import { fixtureProject } from "../../helpers.ts";

// Anything a terminal would act on: C0 and C1 controls, DEL, line separators and bidirectional overrides.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe("printing paths and values", () => {
  it("shows control characters as escapes, and leaves other text as it is", () => {
    expect(printable("a\nb\r\tc")).toBe("a\\nb\\r\\tc");
    expect(printable("\u001b]0;pwned\u0007")).toBe("\\x1b]0;pwned\\x07");
    expect(printable("\u009b31m \u202eevil \u2028")).toBe("\\x9b31m \\u202eevil \\u2028");
    expect(printable("Lenín “Moreno” – 日本語 ✓")).toBe("Lenín “Moreno” – 日本語 ✓");
  });

  it("keeps a report one line per problem when a file name holds a newline or a terminal escape", async () => {
    const dir = fixtureProject();
    mkdirSync(join(dir, "content/articles"));
    const forged = "2020-01-01-x.md\n  other.md:1  title: forged line\u001b]0;retitled\u0007.md";
    writeFileSync(join(dir, "content/articles", forged), "---\ntitle: A\ndate: 2020-01-01\ntopic: nope\n---\n");
    const report = formatReport((await loadArchive(join(dir, "content"), { cwd: dir })).problems);
    expect(report.split("\n")).toEqual([
      "1 problem in 1 file",
      '  content/articles/2020-01-01-x.md\\n  other.md:1  title: forged line\\x1b]0;retitled\\x07.md:4  topic: "nope" is not in topics.yaml (expected one of: hearings, appeals, campaigns)',
    ]);
    for (const line of report.split("\n")) expect(line).not.toMatch(CONTROL);
  });

  it("escapes values quoted from the file too", async () => {
    const dir = fixtureProject();
    mkdirSync(join(dir, "content/articles"));
    writeFileSync(join(dir, "content/articles/2020-01-01-x.md"), '---\ntitle: A\ndate: 2020-01-01\ntopic: "x\u009b2J\u202e"\n---\n');
    const report = formatReport((await loadArchive(join(dir, "content"), { cwd: dir })).problems);
    for (const line of report.split("\n")) expect(line).not.toMatch(CONTROL);
    expect(report).toContain('topic: "x\\x9b2J\\u202e" is not in topics.yaml');
  });

  it("writes JSON for tools with every control character escaped, which parses back to the same value", () => {
    const value = { file: "a\nb\u001b\u009b\u202e.md", n: 1 };
    const json = printableJson(value, 2);
    for (const line of json.split("\n")) expect(line).not.toMatch(CONTROL);
    expect(JSON.parse(json)).toEqual(value);
  });
});
