import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatProblem } from "../../src/content/problems.ts";
import { importWireCopy } from "../../src/editor/import-wire.ts";
import { loadArchive } from "../../src/index.ts";
import { commandLine, projectRoot, runCli, runHere, shippedProject } from "../helpers.ts";

/** A copy of the shipped content with the wire-copy fixtures in wire/, as an editor would have them. */
function projectWithWireCopy(): string {
  const dir = shippedProject();
  cpSync(join(projectRoot, "tests/fixtures/wire-copy"), join(dir, "wire"), { recursive: true });
  return dir;
}

const vigil = "content/articles/2021/2021-01-03-vigil.md";
const sweden = "content/articles/2019/2019-11-19-sweden-closes-inquiry.md";

describe("npm run import", () => {
  it("turns a folder of wire copy into drafts and prints what it found in each", async () => {
    const run = await runHere("import", projectWithWireCopy(), ["wire/good"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        `wire/good/2019-11-19-sweden-closes-inquiry.txt → ${sweden} (draft)`,
        "  date:   2019-11-19",
        '  people: julian-assange ("Julian Assange"), marianne-ny ("Marianne Ny")',
        "  topic:  sweden-investigation (from: swedish, stockholm, prosecutors, preliminary investigation, marianne-ny)",
        `wire/good/vigil.txt → ${vigil} (draft)`,
        "  date:   2021-01-03",
        '  people: julian-assange ("Julian Assange"), stella-assange ("Stella Moris")',
        "  topic:  campaigns-and-support (from: campaigners, supporters, letter, vigil)",
        "2 drafts written: give each a headline, check its topic and people, then remove draft: true.",
        "",
      ].join("\n"),
    );
    expect(run.status).toBe(0);

    const result = await loadArchive(join(run.dir, "content"), { cwd: run.dir, drafts: true });
    expect(result.problems).toEqual([]);
    const draft = result.archive!.articles.find((a) => a.file === vigil)!;
    expect(draft).toMatchObject({ title: "Headline needed", draft: true, path: "/2021/01/03/vigil/" });
    expect(draft.people.map((p) => p.id)).toEqual(["julian-assange", "stella-assange"]);
    expect(draft.bodyHtml.toString().match(/<p>/g)).toHaveLength(4);
    expect((await loadArchive(join(run.dir, "content"), { cwd: run.dir })).archive!.articles.some((a) => a.file === vigil)).toBe(false);

    const text = readFileSync(join(run.dir, vigil), "utf8");
    expect(text).toContain('---\ntitle: "Headline needed"\ndate: 2021-01-03\ntopic: campaigns-and-support\npeople: [julian-assange, stella-assange]\n');
    expect(text).toContain("\ndraft: true\n");
    expect(text).toContain(
      "\n---\n\nSUPPORTERS of Julian Assange held a candlelit vigil outside the Old Bailey on Sunday evening, the day before a judge is due to rule on the American request to extradite him.\n\nAbout two hundred people",
    );
    const swedish = readFileSync(join(run.dir, sweden), "utf8");
    expect(swedish).toContain(
      "\n---\n\nSwedish prosecutors have closed their preliminary investigation into Julian Assange, saying that the evidence had grown too weak over the years to take the matter any further.\n\n",
    );
  });

  it("names the file and line of bad copy, imports the rest, and exits 1", () => {
    const run = runCli("import", projectWithWireCopy(), ["wire/bad", "wire/good/vigil.txt", "wire/missing.txt"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      [
        `wire/good/vigil.txt → ${vigil} (draft)`,
        "  date:   2021-01-03",
        '  people: julian-assange ("Julian Assange"), stella-assange ("Stella Moris")',
        "  topic:  campaigns-and-support (from: campaigners, supporters, letter, vigil)",
        "1 draft written: give each a headline, check its topic and people, then remove draft: true.",
        "",
      ].join("\n"),
    );
    expect(run.stderr).toBe(
      [
        "3 problems in 3 files",
        '  wire/bad/impossible-date.txt:2  date: "2021-02-30" is not a calendar date (expected YYYY-MM-DD)',
        '  wire/bad/no-date-line.txt:1  date: missing: the first line does not start with "date " (expected a first line "date YYYY-MM-DD", e.g. date 2020-12-11, then the story)',
        "  wire/missing.txt  file: does not exist (expected a wire-copy file, or a folder of .txt files)",
        "Nothing was overwritten.",
        "",
      ].join("\n"),
    );
  });

  it("never overwrites an article, even its own earlier draft", async () => {
    const dir = projectWithWireCopy();
    expect((await importWireCopy(["wire/good/vigil.txt"], "content", dir)).problems).toEqual([]);
    const edited = readFileSync(join(dir, vigil), "utf8").replace("Headline needed", "Vigil at the Old Bailey");
    writeFileSync(join(dir, vigil), edited);
    const run = await runHere("import", dir, ["wire/good/vigil.txt"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `1 problem in 1 file\n  wire/good/vigil.txt  file: not imported: ${vigil} already exists and was left as it was (expected a file name that gives a new article, or edit that article)\nNothing was overwritten.\n`,
    );
    expect(readFileSync(join(dir, vigil), "utf8")).toBe(edited);
  });

  it("says so when a folder holds no wire copy", async () => {
    const dir = shippedProject();
    mkdirSync(join(dir, "inbox"));
    const report = await importWireCopy(["inbox"], "content", dir);
    expect(report.imported).toEqual([]);
    expect(report.problems.map(formatProblem)).toEqual(["inbox  file: is a folder with no .txt file in it (expected wire copy saved as .txt files)"]);
  });

  it("reports a named pipe or a device given as wire copy instead of waiting on it, and prints odd file names escaped", () => {
    const dir = projectWithWireCopy();
    execFileSync("mkfifo", [join(dir, "wire/pipe.txt")]);
    const odd = "vigil\n1 draft written\u001b]0;retitled\u0007.txt";
    cpSync(join(dir, "wire/good/vigil.txt"), join(dir, "wire", odd));
    // Run with a timeout, so a command that waits on the pipe fails the test instead of hanging it.
    const [node, ...command] = commandLine("import");
    const run = spawnSync(node, [...command, "/dev/zero", "wire/pipe.txt", `wire/${odd}`], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n")[0]).toBe("wire/vigil\\n1 draft written\\x1b]0;retitled\\x07.txt → content/articles/2021/2021-01-03-vigil-1-draft-written-0-retitled.md (draft)");
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(run.stderr.split("\n")).toEqual([
      "2 problems in 2 files",
      expect.stringMatching(/^ {2}(\.\.\/)+dev\/zero {2}file: is a device, not a file \(expected a regular file/),
      "  wire/pipe.txt  file: is a named pipe (FIFO), not a file (expected a regular file: move it away, or put the file itself in its place)",
      "Nothing was overwritten.",
      "",
    ]);
  });
});
