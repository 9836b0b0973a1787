import { describe, expect, it } from "vitest";
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildFixture, buildHere, fixtureProject, runHere, treeHashes, type BuildRun } from "../helpers.ts";

const cacheFile = (dir: string) => join(dir, ".cache/casefile/validated-pages");
const linksFile = (dir: string) => join(dir, ".cache/casefile/page-links");
const parseCacheFile = (dir: string) => join(dir, ".cache/casefile/parsed-articles");

/** The counts the summary gives for the check stage: pages, validated, reused from the last build, and read for their links. */
function checked(run: BuildRun): { pages: number; validated: number; unchanged: number; read: number } {
  expect(run.status, run.stderr).toBe(0);
  const match = /check [\d.]+ s \((\d+) HTML pages: (\d+) validated, (\d+) unchanged since the last build; links read from (\d+)\)/.exec(run.stdout);
  expect(match, run.stdout).not.toBeNull();
  const [pages, validated, unchanged, read] = match!.slice(1).map(Number) as [number, number, number, number];
  expect(validated + unchanged).toBe(pages);
  return { pages, validated, unchanged, read };
}

/** The HTML pages of the published site with a hash of their bytes. */
const htmlPages = (dir: string) => Object.entries(treeHashes(join(dir, "_site"))).filter(([file]) => file.endsWith(".html"));

/** A project with one good build behind it, and that build's counts. */
async function builtOnce() {
  const first = await buildFixture("valid-archive");
  return { dir: first.dir, first: checked(first) };
}

let edited: { dir: string; first: ReturnType<typeof checked>; linesBefore: number; before: Map<string, string>; second: ReturnType<typeof checked> } | undefined;

/** A project with one good build behind it whose newest article was then edited and built again, made once for the tests that read it. */
async function editedOnce() {
  if (!edited) {
    const { dir, first } = await builtOnce();
    const linesBefore = readFileSync(cacheFile(dir), "utf8").trimEnd().split("\n").length;
    const before = new Map(htmlPages(dir));
    appendFileSync(join(dir, "content/articles/2024-06-26-plea-in-saipan.md"), "\nA later paragraph: the plea was accepted.\n");
    edited = { dir, first, linesBefore, before, second: checked(await buildHere(dir)) };
  }
  return edited;
}

// A cache written under another configuration, a corrupt or truncated cache and planted hashes are proved in
// tests/unit/site/validation-cache.test.ts and tests/unit/site/checks.test.ts; these tests need a real build.
describe("the validation cache", () => {
  it("is empty for a new project, and a rebuild with nothing changed reuses every page's validation and publishes the same site", async () => {
    const { dir, first } = await builtOnce();
    expect(first.pages).toBe(htmlPages(dir).length);
    expect(first).toMatchObject({ validated: first.pages, unchanged: 0, read: first.pages });
    expect(readFileSync(linksFile(dir), "utf8")).toMatch(/^casefile page-links 1; htmlparser2 [\d.]+; fast-xml-parser [\d.]+; checks [0-9a-f]{16}\n\[/);
    const before = treeHashes(join(dir, "_site"));
    // Nothing changed: no page is validated or read with htmlparser2 again.
    expect(checked(await buildHere(dir))).toEqual({ pages: first.pages, validated: 0, unchanged: first.pages, read: 0 });
    expect(treeHashes(join(dir, "_site"))).toEqual(before);
  });

  it("holds one line for each page of the last build, so it does not grow from build to build", async () => {
    const { dir, first, linesBefore } = await editedOnce();
    expect(linesBefore).toBe(1 + first.pages);
    expect(readFileSync(cacheFile(dir), "utf8").trimEnd().split("\n").length).toBe(1 + htmlPages(dir).length);
    expect(htmlPages(dir).length).toBe(first.pages);
    expect(readdirSync(join(dir, ".cache/casefile")).sort()).toEqual(["cards", "outputs.json", "page-links", "parsed-articles", "validated-pages"]);
  });

  it("an edited article's page is validated again, and so is every other page the edit changed", async () => {
    const { dir, first, before, second } = await editedOnce();
    const changed = htmlPages(dir).filter(([file, hash]) => before.get(file) !== hash).map(([file]) => file);
    expect(changed).toContain("2024/06/25/plea-in-saipan/index.html");
    expect(second).toEqual({ pages: first.pages, validated: changed.length, unchanged: first.pages - changed.length, read: changed.length });
    expect(readFileSync(join(dir, "_site/2024/06/25/plea-in-saipan/index.html"), "utf8")).toContain("the plea was accepted");
  });

  it("a truncated link cache, and a validation cache written by another validator version, are ignored, and replaced as they were", async () => {
    const { dir, first } = await builtOnce();
    const text = readFileSync(cacheFile(dir), "utf8");
    const links = readFileSync(linksFile(dir), "utf8");
    // Rebuilt with the same pages, each cache is written as it was: the first build's, which the test above shows a rebuild reuses whole.
    writeFileSync(linksFile(dir), links.slice(0, links.length / 2));
    expect(checked(await buildHere(dir))).toEqual({ pages: first.pages, validated: 0, unchanged: first.pages, read: first.pages });
    expect(readFileSync(linksFile(dir), "utf8")).toBe(links);
    expect(text).toMatch(/^casefile validated-pages 1; html-validate \d+\.\d+\.\d+; config [0-9a-f]{16}\n/);
    writeFileSync(cacheFile(dir), text.replace(/html-validate \d+\.\d+\.\d+/, "html-validate 10.0.0"));
    expect(checked(await buildHere(dir))).toEqual({ pages: first.pages, validated: first.pages, unchanged: 0, read: first.pages });
    expect(readFileSync(cacheFile(dir), "utf8")).toBe(text);
    expect(readFileSync(linksFile(dir), "utf8")).toBe(links);
  });

  it("a page reused from the cache still has its links checked against the pages of this build", async () => {
    const dir = fixtureProject("valid-archive");
    const letter = join(dir, "content/articles/2020/2020-12-11-letter.md");
    appendFileSync(letter, "\n## What the letter asked\n\nRelease.\n");
    writeFileSync(
      join(dir, "content/articles/2024-12-01-pointer.md"),
      '---\ntitle: "A pointer"\ndate: 2024-12-01\ntopic: appeals\n---\n\nSee [what the letter asked](/2020/12/11/letter/#section-what-the-letter-asked).\n',
    );
    checked(await buildHere(dir));
    const pointer = join(dir, "_site/2024/12/01/pointer/index.html");
    const pointerBytes = readFileSync(pointer);

    // An edit to the letter's body below its first paragraph leaves the pointer's page as it was: reused.
    appendFileSync(letter, "\nA later note.\n");
    expect(checked(await buildHere(dir)).unchanged).toBeGreaterThan(0);
    expect(readFileSync(pointer)).toEqual(pointerBytes);

    // The heading it points to goes: the pointer's page is unchanged, so not validated, but its link is followed.
    writeFileSync(letter, readFileSync(letter, "utf8").replace("## What the letter asked", "## The request"));
    const run = await buildHere(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      '2024/12/01/pointer/index.html  link: "/2020/12/11/letter/#section-what-the-letter-asked" points to #section-what-the-letter-asked, which /2020/12/11/letter/ does not have (fix the link in content/articles/2024-12-01-pointer.md)',
    );
    expect(run.stderr).toContain("Build stopped: nothing was published; _site is unchanged.");
  });

  it("a failed build leaves the caches of the last published build as they were", async () => {
    const { dir } = await builtOnce();
    const text = readFileSync(cacheFile(dir), "utf8");
    const links = readFileSync(linksFile(dir), "utf8");
    const parsed = readFileSync(parseCacheFile(dir));
    appendFileSync(join(dir, "content/articles/2024-06-26-plea-in-saipan.md"), "\nA [link to nowhere](/2099/01/01/nowhere/).\n");
    expect((await buildHere(dir)).status).toBe(1);
    expect(readFileSync(cacheFile(dir), "utf8")).toBe(text);
    expect(readFileSync(linksFile(dir), "utf8")).toBe(links);
    expect(readFileSync(parseCacheFile(dir)).equals(parsed)).toBe(true);
  });
});

describe("npm run build -- --no-cache", () => {
  it("validates every page, reads every article, and neither reads nor writes the caches", async () => {
    const { dir, first } = await builtOnce();
    const text = readFileSync(cacheFile(dir), "utf8");
    const links = readFileSync(linksFile(dir), "utf8");
    const parsed = readFileSync(parseCacheFile(dir));
    appendFileSync(join(dir, "content/articles/2024-06-26-plea-in-saipan.md"), "\nA second paragraph.\n");
    const run = await runHere("build", dir, ["--no-cache"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`check [\\d.]+ s \\(${first.pages} HTML pages, all validated; cache off\\);`));
    expect(run.stdout).toMatch(/^Time: read and validate [\d.]+ s, images/m);
    expect(readFileSync(cacheFile(dir), "utf8")).toBe(text);
    expect(readFileSync(linksFile(dir), "utf8")).toBe(links);
    expect(readFileSync(parseCacheFile(dir)).equals(parsed)).toBe(true);
  });

  it("writes no validation cache, no output keys and no parse cache in a project built only without them", async () => {
    const dir = fixtureProject("valid-archive");
    const run = await runHere("build", dir, ["--no-cache"]);
    expect(run.status, run.stderr).toBe(0);
    // Cards are kept by the hash of what they show, whatever the option: drawing one again would give the same bytes.
    expect(readdirSync(join(dir, ".cache/casefile"))).toEqual(["cards"]);
    expect(readdirSync(join(dir, ".cache")).sort()).toEqual(["casefile", "external-links.txt"]);
  });
});
