import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { todayIn } from "../../src/dates.ts";
import { formatProblem, formatReport } from "../../src/content/problems.ts";
import { newArticle } from "../../src/editor/new-article.ts";
import { loadArchive } from "../../src/index.ts";
import { fixtureProject, projectRoot, runCli, runHere, shippedProject } from "../helpers.ts";

const written = "content/articles/2024/2024-06-26-assange-pleads-guilty-in-saipan.md";
const request = ["Assange pleads guilty in Saipan", "--date", "2024-06-26", "--topic", "plea-and-release", "--people", "Julian Assange, Barry Pollack"];

describe("npm run new", () => {
  it("writes a dated draft with complete front-matter that the build accepts as it is, and refuses to publish until its placeholder is replaced", async () => {
    const run = runCli("new", shippedProject(), request);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        `Wrote ${written}`,
        "  date:   26 June 2024",
        "  topic:  plea-and-release (Plea deal and release)",
        "  people: julian-assange (Julian Assange), barry-pollack (Barry Pollack)",
        "  byline: casefile-desk (Casefile desk), site.yaml's default author",
        "It is a draft: write the article below the front-matter, preview it with npm start, then remove draft: true to publish it.",
        "",
      ].join("\n"),
    );
    expect(run.status).toBe(0);
    const text = readFileSync(join(run.dir, written), "utf8");
    expect(text.split("\n").slice(0, 7)).toEqual([
      "---",
      'title: "Assange pleads guilty in Saipan"',
      "date: 2024-06-26",
      "topic: plea-and-release",
      "people: [julian-assange, barry-pollack]",
      '# authors: [author-id, "Name from authors.yaml"]',
      '# summary: "One sentence for lists and the top of the page. Without it, the first paragraph is used."',
    ]);
    expect(text).toMatch(/^draft: true$/m);
    const result = await loadArchive(join(run.dir, "content"), { cwd: run.dir, drafts: true });
    expect(result.problems).toEqual([]);
    const article = result.archive!.articles.find((a) => a.file === written)!;
    expect(article.draft).toBe(true);
    expect(article.path).toBe("/2024/06/26/assange-pleads-guilty-in-saipan/");
    expect(article.people.map((p) => p.id)).toEqual(["julian-assange", "barry-pollack"]);
    expect(article.authors.map((a) => a.id)).toEqual(["casefile-desk"]);

    const publishedText = text.replace(/^draft: true\n/m, "");
    writeFileSync(join(run.dir, written), publishedText);
    const published = await loadArchive(join(run.dir, "content"), { cwd: run.dir });
    const body = publishedText.split("\n").findIndex((line) => line.startsWith("Replace this paragraph")) + 1;
    expect(published.problems.map(formatProblem)).toEqual([
      `${written}:${body}  body: still holds the placeholder text "Replace this paragraph with the article,…" (expected the article's own text, or draft: true until it is written)`,
    ]);
  });

  it("writes the authors --author names as ids, and says whose byline the article has", async () => {
    const run = await runHere("new", fixtureProject(), ["Judge hears appeal", "--date", "2024-03-01", "--topic", "appeals", "--author", "ada writer", "--author", "TEST DESK"]);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")[4]).toBe("  byline: ada-writer (Ada Writer), test-desk (Test desk)");
    const file = "content/articles/2024/2024-03-01-judge-hears-appeal.md";
    expect(readFileSync(join(run.dir, file), "utf8")).toContain("\n# people: [person-id, \"Name or alias from people.yaml\"]\nauthors: [ada-writer, test-desk]\n");
    const result = await loadArchive(join(run.dir, "content"), { cwd: run.dir, drafts: true });
    expect(result.problems).toEqual([]);
    expect(result.archive!.articles.find((a) => a.file === file)!.authors.map((a) => a.name)).toEqual(["Ada Writer", "Test desk"]);
  });

  it("refuses to overwrite an existing file, says which, and leaves it as it was", async () => {
    const dir = shippedProject();
    const first = { title: request[0]!, date: "2024-06-26", topic: "plea-and-release", people: ["Julian Assange", "Barry Pollack"], contentDir: "content", cwd: dir };
    expect(await newArticle(first)).toMatchObject({ file: written });
    const before = readFileSync(join(dir, written), "utf8");
    const run = await runHere("new", dir, [...request.slice(0, 5), "--people", "Stella Assange"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `1 problem in 1 file\n  ${written}  file: already exists; nothing was written (expected a new file: change the title or the date, or edit that file)\nNothing was written.\n`,
    );
    expect(readFileSync(join(dir, written), "utf8")).toBe(before);
  });

  // The command prints the report, then "Nothing was written.", and exits 1 (shown above for a file already there).
  it("reports unknown topics, people, authors and dates as the build does, with suggestions, and writes nothing", async () => {
    const dir = fixtureProject();
    const result = await newArticle({
      title: "Hearing resumes",
      date: "2020-02-30",
      topic: "hearing",
      people: ["Julian Asange", "Stella Moris", "Nobody Known"],
      authors: ["Ada Writr"],
      contentDir: "content",
      cwd: dir,
    });
    expect("problems" in result && formatReport(result.problems)).toBe(
      [
        "5 problems in 1 file",
        "  content/articles/hearing-resumes.md  date: \"2020-02-30\" is not a calendar date (expected YYYY-MM-DD or an ISO 8601 date-time)",
        '  content/articles/hearing-resumes.md  topic: "hearing" is not in topics.yaml (expected one of: hearings, appeals, campaigns) (did you mean "hearings"?)',
        '  content/articles/hearing-resumes.md  people[1]: "Julian Asange" is not in people.yaml (expected a person\'s id, name or alias from people.yaml) (did you mean "Julian Assange"?)',
        '  content/articles/hearing-resumes.md  people[3]: "Nobody Known" is not in people.yaml (expected a person\'s id, name or alias from people.yaml)',
        '  content/articles/hearing-resumes.md  authors[1]: "Ada Writr" is not in authors.yaml (expected an author\'s id or name from authors.yaml) (did you mean "Ada Writer"?)',
      ].join("\n"),
    );
    expect(existsSync(join(dir, "content/articles"))).toBe(false);
  });

  it("lists the topics when --topic is left out", async () => {
    const result = await newArticle({ title: "Hearing resumes", date: "2020-03-02", people: [], contentDir: "content", cwd: fixtureProject() });
    expect("problems" in result && formatReport(result.problems)).toBe(
      "1 problem in 1 file\n  content/articles/2020/2020-03-02-hearing-resumes.md  topic: missing (expected one of: hearings, appeals, campaigns)",
    );
  });

  it("dates the article today in the site's zone when --date is left out", () => {
    const dir = fixtureProject();
    const before = todayIn("Europe/London");
    const run = runCli("new", dir, ["Hearing resumes", "--topic", "Hearings", "--content", "content"], { TZ: "Pacific/Kiritimati" });
    const after = todayIn("Europe/London");
    expect(run.status).toBe(0);
    const files = readdirSync(join(dir, "content/articles"), { recursive: true }).map(String).filter((f) => f.endsWith(".md"));
    expect([[`${before.slice(0, 4)}/${before}-hearing-resumes.md`], [`${after.slice(0, 4)}/${after}-hearing-resumes.md`]]).toContainEqual(files);
  });

  it("explains how to call it when the title is missing", () => {
    const run = runCli("new", fixtureProject(), ["--topic", "hearings"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'the title is missing\nusage: npm run new -- "Title of the story" --topic <topic> [--date YYYY-MM-DD] [--people "Name, Name"] [--author <id or name>] [--image photo.jpg --alt "What it shows" --credit "Who took it" [--caption "…"]] [--content DIR]\n',
    );
  });

  it("prints an unknown option with its control characters escaped, so it cannot retitle the terminal", async () => {
    const run = await runHere("new", fixtureProject(), ["Title", "--\u001b]0;retitled\u0007"]);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toContain("--\\x1b]0;retitled\\x07");
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it("says that the -- is missing when npm kept the options for itself, and writes nothing", () => {
    // A project whose npm script runs this command, as the project's package.json does.
    const dir = fixtureProject();
    const script = `node ${JSON.stringify(join(projectRoot, "node_modules/tsx/dist/cli.mjs"))} ${JSON.stringify(join(projectRoot, "src/cli/new.ts"))}`;
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "newsroom", private: true, scripts: { new: script } }));
    const run = spawnSync("npm", ["run", "new", "Hearing resumes", "--topic", "hearings"], { cwd: dir, encoding: "utf8" });
    expect(run.status).toBe(2);
    const lines = run.stderr.split("\n").filter((line) => !line.startsWith("npm warn"));
    expect(lines).toEqual([
      '--topic never reached the command: npm kept it for itself, because the -- after "npm run new" is missing',
      'usage: npm run new -- "Title of the story" --topic <topic> [--date YYYY-MM-DD] [--people "Name, Name"] [--author <id or name>] [--image photo.jpg --alt "What it shows" --credit "Who took it" [--caption "…"]] [--content DIR]',
      "",
    ]);
    expect(existsSync(join(dir, "content/articles"))).toBe(false);
  });

  it("copies a photo beside the new article as its lead photo, and the build publishes it with its credit", async () => {
    const dir = shippedProject();
    await sharp({ create: { width: 1400, height: 900, channels: 3, background: "#556677" } }).jpeg().toFile(join(dir, "from-camera.JPG"));
    const run = await runHere("new", dir, [...request, "--image", "from-camera.JPG", "--alt", "Julian Assange leaving the court in Saipan", "--credit", "Test Photographer / Agency"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`  photo:  ${written.replace(/\.md$/, ".jpg")}\n`);
    expect(run.status).toBe(0);
    expect(readFileSync(join(run.dir, written), "utf8")).toContain(
      'image:\n  src: "./2024-06-26-assange-pleads-guilty-in-saipan.jpg"\n  alt: "Julian Assange leaving the court in Saipan"\n  credit: "Test Photographer / Agency"\n',
    );
    const result = await loadArchive(join(run.dir, "content"), { cwd: run.dir, drafts: true });
    expect(result.problems).toEqual([]);
    expect(result.archive!.articles.find((a) => a.file === written)!.image).toMatchObject({ width: 1400, height: 900, credit: "Test Photographer / Agency" });
  });

  it("writes nothing when the photo is not one, or its alt text or credit is missing", async () => {
    const dir = shippedProject();
    writeFileSync(join(dir, "notes.jpg"), "Not a photo.\n");
    const people = ["Julian Assange", "Barry Pollack"];
    const result = await newArticle({ title: request[0]!, date: "2024-06-26", topic: "plea-and-release", people, image: { path: "notes.jpg", alt: "notes.jpg" }, contentDir: "content", cwd: dir });
    expect("problems" in result && formatReport(result.problems)).toBe(
      [
        "3 problems in 1 file",
        `  ${written}  --image: "notes.jpg" is not an image (expected a photo saved as JPEG, PNG, WebP or AVIF (the file's name does not make it one))`,
        `  ${written}  --alt: "notes.jpg" is the file's name, not a description (expected words that say what the photo shows, for readers who cannot see it)`,
        `  ${written}  --credit: missing (expected who took the photo or supplied it: a newsroom credits every photo)`,
      ].join("\n"),
    );
    expect(readdirSync(join(dir, "content/articles/2024")).filter((f) => f.startsWith("2024-06-26-assange"))).toEqual([]);
  });

  it("needs a title with words in it to name the file after", async () => {
    const result = await newArticle({ title: "?!", date: "2024-06-26", topic: "hearings", people: [], contentDir: "content", cwd: fixtureProject() });
    expect("problems" in result && result.problems.map(formatProblem)).toEqual([
      'content/articles/untitled.md  title: "?!" has no letters or digits to name the file after (expected a title with words in it)',
    ]);
  });
});
