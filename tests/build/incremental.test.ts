import { describe, expect, it } from "vitest";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildFixture, buildHere, fixtureProject, treeHashes } from "../helpers.ts";

const letter = "content/articles/2020/2020-12-11-letter.md";

async function built(dir: string): Promise<string> {
  const run = await buildHere(dir);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe("a rebuild after an edit", () => {
  it("renders only the pages the edit touched, carries the rest over, and publishes what a cold build would", async () => {
    const { dir, stdout } = await buildFixture("valid-archive");
    expect(stdout).toMatch(/into _site: \d+ pages, /);
    const file = join(dir, letter);
    writeFileSync(file, readFileSync(file, "utf8").replace('title: "Campaigners send a letter"', 'title: "Campaigners send a second letter"'));
    const summary = await built(dir);
    const [, rendered, unchanged] = /\((\d+) rendered, (\d+) unchanged since the last build\)/.exec(summary) ?? [];
    expect(Number(rendered)).toBeGreaterThan(0);
    expect(Number(unchanged)).toBeGreaterThan(Number(rendered));

    const cold = fixtureProject("valid-archive");
    cpSync(file, join(cold, letter));
    expect(await built(cold)).not.toMatch(/\d+ rendered, \d+ unchanged/);
    expect(treeHashes(join(dir, "_site"))).toEqual(treeHashes(join(cold, "_site")));
  });

  it("renders everything when the saved keys describe another site", async () => {
    const { dir } = await buildFixture("valid-archive");
    const keys = join(dir, ".cache/casefile/outputs.json");
    const saved = JSON.parse(readFileSync(keys, "utf8")) as Record<string, string>;
    writeFileSync(keys, JSON.stringify({ ...saved, "index.html": "planted" }));
    expect(await built(dir)).not.toMatch(/\d+ rendered, \d+ unchanged/);
  });
});
