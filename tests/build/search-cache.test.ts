import { describe, expect, it } from "vitest";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { listFiles } from "../../src/files.ts";
import { join } from "node:path";
import { builtFixture, buildHere, fixtureProject, runHere, treeHashes, type BuildRun } from "../helpers.ts";

// The valid archive (8 published articles) in search parts of 3: pagefind/, pagefind-2/, pagefind-3/, oldest first.
const PARTS = { CASEFILE_SEARCH_PART_SIZE: "3" };
/** The newest article, in the last part. */
const newest = "content/articles/2024-06-26-plea-in-saipan.md";
/** A project with the valid archive and one good build behind it, in parts. */
const builtInParts = () => builtFixture(["valid-archive"], { env: PARTS });

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
  it("copies the parts an edit did not touch and re-indexes the one it did, with the bytes a fresh build writes", async () => {
    const first = await builtInParts();
    const dir = first.dir;
    expect(indexNote(first)).toBe("");
    const before = searchParts(dir);
    expect(Object.keys(before)).toEqual(["pagefind", "pagefind-2", "pagefind-3"]);

    appendFileSync(join(dir, newest), "\nA closing line added for this test, about Saipan.\n");
    expect(indexNote(await buildHere(dir, PARTS))).toBe("(2 of 3 parts unchanged since the last build)");
    const after = searchParts(dir);
    expect(after["pagefind"]).toEqual(before["pagefind"]);
    expect(after["pagefind-2"]).toEqual(before["pagefind-2"]);
    expect(after["pagefind-3"]).not.toEqual(before["pagefind-3"]);

    // A project built once from the edited content has exactly the same index.
    const fresh = fixtureProject("valid-archive");
    appendFileSync(join(fresh, newest), "\nA closing line added for this test, about Saipan.\n");
    expect(indexNote(await buildHere(fresh, PARTS))).toBe("");
    expect(searchParts(fresh)).toEqual(after);
  });

  it("is indexed whole again with --no-cache, and the next build copies from what that build published", async () => {
    const { dir } = await builtInParts();
    expect(indexNote(await runHere("build", dir, ["--no-cache"], PARTS))).toBe("");
    expect(indexNote(await buildHere(dir, PARTS))).toBe("(3 of 3 parts unchanged since the last build)");
  });

  it("is not copied from another output folder", async () => {
    const { dir } = await builtInParts();
    expect(indexNote(await runHere("build", dir, ["--out", "elsewhere"], PARTS))).toBe("");
    expect(Object.keys(treeHashes(join(dir, "elsewhere/pagefind-3"))).length).toBeGreaterThan(0);
  });

  it("is never copied from a site another checkout published into the same folder", async () => {
    const shared = fixtureProject("valid-archive");
    const [first, second] = [fixtureProject("valid-archive"), fixtureProject("valid-archive")];
    const file = join(second, newest);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, 'title: "Only in the second checkout"'));
    const out = ["--out", join(shared, "_site")];
    expect(indexNote(await runHere("build", first, out, PARTS))).toBe("");
    expect(indexNote(await runHere("build", second, out, PARTS))).toBe("(2 of 3 parts unchanged since the last build)");
    expect(indexNote(await runHere("build", first, out, PARTS))).toBe("(2 of 3 parts unchanged since the last build)");
    const index = listFiles(join(shared, "_site/pagefind-3"))
      .filter((f) => f.endsWith(".pf_fragment"))
      .map((f) => gunzipSync(readFileSync(join(shared, "_site/pagefind-3", f))).toString("utf8"));
    expect(index.length).toBeGreaterThan(0);
    expect(index.some((text) => text.includes("Only in the second checkout"))).toBe(false);
  });
});
