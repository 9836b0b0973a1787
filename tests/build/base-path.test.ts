import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { builtFixture, fixtureProject, page, runCli, runHere } from "../helpers.ts";

describe("a site served from a sub-folder", () => {
  it.each([
    ["site.yaml's url has the path", ["valid-archive", "base-path-site"], [] as string[], "https://user.github.io/archive/"],
    ["--pathprefix is given", ["valid-archive"], ["--pathprefix", "/archive/"], "https://archive.test/archive/"],
    // GitHub Pages' configure-pages gives a project site's base_url without the closing slash.
    ["--url gives a GitHub Pages project site's address", ["valid-archive"], ["--url", "https://user.github.io/archive"], "https://user.github.io/archive/"],
  ])("passes the link check and prefixes every link, asset, feed and sitemap entry when %s", async (_, fixtures, args, root) => {
    const run = await builtFixture(fixtures, { args });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    const $ = page(run.dir, "/2020/02/24/hearing-opens/");
    const local = $("a[href], link[href], script[src]")
      .map((_, e) => $(e).attr("href") ?? $(e).attr("src"))
      .get()
      .filter((u) => u.startsWith("/"));
    expect(local.length).toBeGreaterThan(10);
    expect(local.filter((u) => !u.startsWith("/archive/"))).toEqual([]);
    expect($('link[rel="canonical"]').attr("href")).toBe(`${root}2020/02/24/hearing-opens/`);
    const site = (file: string) => readFileSync(join(run.dir, "_site", file), "utf8");
    expect(site("sitemap.xml")).toContain(`<loc>${root}timeline/</loc>`);
    expect(site("feed.xml")).toContain(`href="${root}2020/02/24/hearing-opens/"`);
    expect(site("robots.txt")).toContain(`Sitemap: ${root}sitemap.xml`);
    expect(JSON.parse(site("feed.json")).home_page_url).toBe(root);
    const search = page(run.dir, "/search/")("#search-form");
    expect(search.attr("data-bundle")).toBe("/archive/pagefind/");
    // The search page's "Did you mean …?" names, and the pages they link to, are under the sub-folder too.
    expect(search.attr("data-names")).toBe("/archive/search/names.json");
    const names = (JSON.parse(site("search/names.json")) as { names: { url: string }[] }).names;
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((n) => !n.url.startsWith("/archive/"))).toEqual([]);
  });

  it("refuses a --pathprefix that is not a sub-folder in one line, before building anything", () => {
    const run = runCli("build", fixtureProject("valid-archive"), ["--pathprefix", "../../"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      '--pathprefix: "../../" is not a sub-folder: "..", "." and empty parts between slashes are not allowed (expected a path such as /archive/ or /cases/assange/)\nNothing was built.\n',
    );
    expect(existsSync(join(run.dir, "_site"))).toBe(false);
  });
});

describe("a --url that is not a web address", () => {
  it("stops the build with one line naming it, and publishes nothing", async () => {
    const run = await runHere("build", fixtureProject("valid-archive"), ["--url", "user.github.io/repo"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      '--url: "user.github.io/repo" is not an absolute http(s) URL (expected the site\'s address, such as https://user.github.io/repo/)\nBuild stopped: nothing was published; there was no site in _site to keep.\n',
    );
    expect(existsSync(join(run.dir, "_site"))).toBe(false);
  });
});
