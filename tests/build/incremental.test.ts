import { describe, expect, it } from "vitest";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildFixture, fixtureProject, page, runHere, treeHashes } from "../helpers.ts";

const letter = "content/articles/2020/2020-12-11-letter.md";

async function built(dir: string, args: string[] = []): Promise<string> {
  const run = await runHere("build", dir, args);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** Replaces `from` with `to` in a file of the project, which must hold it. */
function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe("a rebuild after an edit", () => {
  it("renders only the pages the edit touched, carries the rest over, reads only the edited article again, and publishes what a build without caches would", async () => {
    const { dir, stdout } = await buildFixture("valid-archive");
    expect(stdout).toMatch(/into _site: \d+ pages, /);
    const file = join(dir, letter);
    writeFileSync(file, readFileSync(file, "utf8").replace('title: "Campaigners send a letter"', 'title: "Campaigners send a second letter"'));
    const summary = await built(dir);
    const [, rendered, unchanged] = /\((\d+) rendered, (\d+) unchanged since the last build\)/.exec(summary) ?? [];
    expect(Number(rendered)).toBeGreaterThan(0);
    expect(Number(unchanged)).toBeGreaterThan(Number(rendered));
    expect(summary).toMatch(/^Time: read and validate [\d.]+ s \(8 of 9 articles unchanged since the last build\), /m);

    const cold = fixtureProject("valid-archive");
    cpSync(file, join(cold, letter));
    expect(await built(cold, ["--no-cache"])).not.toMatch(/unchanged since the last build/);
    expect(treeHashes(join(dir, "_site"))).toEqual(treeHashes(join(cold, "_site")));
  });

  it("reads every article again after a registry edit, and publishes what a build without caches would", async () => {
    const { dir } = await buildFixture("valid-archive");
    const cold = fixtureProject("valid-archive");
    for (const project of [dir, cold]) {
      edit(project, "content/people.yaml", 'name: "Julian Assange"', 'name: "Julian P. Assange"');
      edit(project, "content/topics.yaml", 'name: "Hearings"', 'name: "Court hearings"');
    }
    expect(await built(dir)).not.toMatch(/articles unchanged since the last build/);
    expect(page(dir, "/2020/02/24/hearing-opens/").text()).toContain("Julian P. Assange");
    expect(page(dir, "/2020/02/24/hearing-opens/").text()).toContain("Court hearings");
    await built(cold, ["--no-cache"]);
    expect(treeHashes(join(dir, "_site"))).toEqual(treeHashes(join(cold, "_site")));
  });

  it("renders everything when the saved keys describe another site", async () => {
    const { dir } = await buildFixture("valid-archive");
    const keys = join(dir, ".cache/casefile/outputs.json");
    const saved = JSON.parse(readFileSync(keys, "utf8")) as { keys: Record<string, string>; pages: Record<string, string> };
    writeFileSync(keys, JSON.stringify({ ...saved, keys: { ...saved.keys, "index.html": "planted" } }));
    expect(await built(dir)).not.toMatch(/\d+ rendered, \d+ unchanged/);
  });
});
