import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fixtureProject, runCli } from "../helpers.ts";

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

  it("gives tools the problems as JSON with --json", () => {
    const run = runCli("check", fixtureProject("person-unknown"), ["--json"]);
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout) as { ok: boolean; problems: { code: string; line: number; hint?: string }[] };
    expect(json.ok).toBe(false);
    expect(json.problems.map((p) => [p.code, p.line, p.hint])).toEqual([
      ["person-unknown", 7, 'did you mean "Julian Assange"?'],
      ["person-unknown", 8, undefined],
    ]);
  });
});
