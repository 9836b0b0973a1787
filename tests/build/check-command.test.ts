import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fixtureProject, projectRoot, runCli, runHere } from "../helpers.ts";

describe("npm run check", () => {
  it("says how much content it checked and exits 0 when all is well, writing nothing", () => {
    const run = runCli("check", fixtureProject("valid-archive"));
    expect(run.stdout).toBe("9 articles, 3 people, 3 topics: no problems\n");
    expect(run.status).toBe(0);
    expect(existsSync(join(run.dir, "_site"))).toBe(false);
  });

  it("prints the same report as the build and exits 1", () => {
    const run = runCli("check", fixtureProject("valid-archive", "topic-unknown"));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      '1 problem in 1 file\n  content/articles/2020-01-01-typo.md:4  topic: "hearing" is not in topics.yaml (expected one of: hearings, appeals, campaigns) (did you mean "hearings"?)\n',
    );
  });

  it("gives tools the problems as JSON, and nothing else on its output, with npx casefile check --json", () => {
    // Through the project's bin, as a tool would run it: npx prints no banner, so the output parses as it is.
    const content = join(fixtureProject("person-unknown"), "content");
    const run = spawnSync("npx", ["--offline", "casefile", "check", "--json", "--content", content], { cwd: projectRoot, encoding: "utf8" });
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout) as { ok: boolean; problems: { code: string; line: number; hint?: string }[]; hints: unknown[] };
    expect(json.ok).toBe(false);
    expect(json.problems.map((p) => [p.code, p.line, p.hint])).toEqual([
      ["person-unknown", 7, 'did you mean "Julian Assange"?'],
      ["person-unknown", 8, undefined],
    ]);
    expect(json.hints).toEqual([]);
  });

  it("still prints only JSON, every problem in it, when people.yaml and an article hold YAML alias bombs", async () => {
    const run = await runHere("check", fixtureProject("yaml-alias-bomb"), ["--json"]);
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout) as { ok: boolean; problems: { code: string; file: string; line: number }[] };
    expect(json.problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ["yaml-aliases", "content/people.yaml", 8],
      ["yaml-aliases", "content/articles/2020-01-01-laughs.md", 10],
      ["topic-unknown", "content/articles/2020-01-02-other.md", 4],
    ]);
    expect(run.stderr).toBe("");
  });

  it("hints at unused registry entries, unregistered names and tracking parameters in source URLs, not at people named in passing, still exiting 0", async () => {
    const run = await runHere("check", fixtureProject("registry-hints"));
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        "6 hints in 3 files",
        `  content/articles/2022-05-01-vigil.md:8  sources[1].url: "https://news.example.org/vigil?id=7&utm_source=feed&utm_medium=rss" carries tracking parameters (utm_source, utm_medium) (cite https://news.example.org/vigil?id=7 instead)`,
        `  content/articles/2022-05-01-vigil.md:13  body: "Tomas Lindqvist" looks like a person's name but is not in people.yaml (if the article is about them, add them to people.yaml and to people:)`,
        `  content/people.yaml:1  people[1]: "Julian Assange" (julian-assange) is in no article's people (add julian-assange to an article's people:, or remove the entry)`,
        `  content/people.yaml:13  people[3]: "Vanessa Baraitser" (vanessa-baraitser) is in no article's people (add vanessa-baraitser to an article's people:, or remove the entry)`,
        `  content/topics.yaml:1  topics[1]: "Hearings" (hearings) is the topic of no article (give an article topic: hearings, or remove the entry)`,
        `  content/topics.yaml:5  topics[2]: "Appeals" (appeals) is the topic of no article (give an article topic: appeals, or remove the entry)`,
        "1 article, 3 people, 3 topics: no problems",
        "",
      ].join("\n"),
    );
    expect(run.status).toBe(0);
  });

  it("gives tools the hints as JSON with --json", async () => {
    const run = await runHere("check", fixtureProject("registry-hints"), ["--json"]);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { ok: boolean; problems: unknown[]; hints: { code: string; file: string; line: number; field: string }[] };
    expect(json.ok).toBe(true);
    expect(json.problems).toEqual([]);
    expect(json.hints.map((h) => [h.code, h.file, h.line, h.field])).toEqual([
      ["source-tracking", "content/articles/2022-05-01-vigil.md", 8, "sources[1].url"],
      ["name-unknown", "content/articles/2022-05-01-vigil.md", 13, "body"],
      ["person-unused", "content/people.yaml", 1, "people[1]"],
      ["person-unused", "content/people.yaml", 13, "people[3]"],
      ["topic-unused", "content/topics.yaml", 1, "topics[1]"],
      ["topic-unused", "content/topics.yaml", 5, "topics[2]"],
    ]);
  });
});
