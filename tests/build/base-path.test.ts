import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureProject, page, runCli } from "../helpers.ts";

describe("a site served from a sub-folder", () => {
  it.each([
    ["site.yaml's url has the path", ["valid-archive", "base-path-site"], [] as string[], "https://user.github.io/archive/"],
    ["--pathprefix is given", ["valid-archive"], ["--pathprefix", "/archive/"], "https://archive.test/archive/"],
  ])("passes the link check and prefixes every link, asset, feed and sitemap entry when %s", (_, fixtures, args, root) => {
    const run = runCli("build", fixtureProject(...fixtures), args);
    expect(run.status, run.stderr).toBe(0);
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
    const search = page(run.dir, "/search/")("#search-form");
    expect(search.attr("data-bundle")).toBe("/archive/pagefind/");
    // The search page's "Did you mean …?" names, and the pages they link to, are under the sub-folder too.
    expect(search.attr("data-names")).toBe("/archive/search/names.json");
    const names = (JSON.parse(site("search/names.json")) as { names: { url: string }[] }).names;
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((n) => !n.url.startsWith("/archive/"))).toEqual([]);
  });
});
