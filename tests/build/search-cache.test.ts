import { describe, expect, it } from "vitest";
import { appendFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { runBuild, runCli, shippedProject, treeHashes, type BuildRun } from "../helpers.ts";

// The shipped archive (60 articles) in search parts of 20: pagefind/, pagefind-2/, pagefind-3/, oldest first.
const PARTS = { CASEFILE_SEARCH_PART_SIZE: "20" };

/** Each search part of the published site with a hash of every file in it. */
function searchParts(dir: string): Record<string, Record<string, string>> {
  const site = join(dir, "_site");
  return Object.fromEntries(readdirSync(site).filter((name) => name.startsWith("pagefind")).map((name) => [name, treeHashes(join(site, name))]));
}

/** What the summary says about the search index: "" when every part was indexed afresh. */
function indexNote(run: BuildRun): string {
  expect(run.status, run.stderr).toBe(0);
  return /index [\d.]+ s( \(.*?\))? alongside/.exec(run.stdout)?.[1]?.trim() ?? "";
}

describe("the search index on a rebuild", () => {
  it("copies the parts an edit did not touch and re-indexes the one it did, with the bytes a fresh build writes", () => {
    const dir = shippedProject();
    expect(indexNote(runBuild(dir, PARTS))).toBe("");
    const before = searchParts(dir);
    expect(Object.keys(before)).toEqual(["pagefind", "pagefind-2", "pagefind-3"]);

    const newest = readdirSync(join(dir, "content/articles/2024")).sort().at(-1)!;
    appendFileSync(join(dir, "content/articles/2024", newest), "\nA closing line added for this test, about Saipan.\n");
    expect(indexNote(runBuild(dir, PARTS))).toBe("(2 of 3 parts unchanged since the last build)");
    const after = searchParts(dir);
    expect(after["pagefind"]).toEqual(before["pagefind"]);
    expect(after["pagefind-2"]).toEqual(before["pagefind-2"]);
    expect(after["pagefind-3"]).not.toEqual(before["pagefind-3"]);

    // A project built once from the edited content has exactly the same index.
    const fresh = shippedProject();
    appendFileSync(join(fresh, "content/articles/2024", newest), "\nA closing line added for this test, about Saipan.\n");
    expect(indexNote(runBuild(fresh, PARTS))).toBe("");
    expect(searchParts(fresh)).toEqual(after);
  });

  it("is indexed whole again with --no-cache, which also forgets what the parts held", () => {
    const dir = shippedProject();
    runBuild(dir, PARTS);
    const record = join(dir, ".cache/casefile/search-parts.json");
    expect(existsSync(record)).toBe(true);
    expect(indexNote(runCli("build", dir, ["--no-cache"], PARTS))).toBe("");
    expect(existsSync(record)).toBe(false);
    expect(indexNote(runBuild(dir, PARTS))).toBe("");
  });

  it("is not copied from another output folder", () => {
    const dir = shippedProject();
    runBuild(dir, PARTS);
    expect(indexNote(runCli("build", dir, ["--out", "elsewhere"], PARTS))).toBe("");
    expect(Object.keys(treeHashes(join(dir, "elsewhere/pagefind-3"))).length).toBeGreaterThan(0);
  });
});
