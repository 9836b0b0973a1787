import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCorpus } from "../../bench/generate.ts";
import { listFiles } from "../../src/files.ts";
import { loadArchive, type Archive } from "../../src/index.ts";
import { page, runBuild, type BuildRun } from "../helpers.ts";

// Large enough to split the timeline by year and to have more milestones than summary pages list.
const ARTICLES = 1500;
let run: BuildRun;
let archive: Archive;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "casefile-large-"));
  generateCorpus(join(dir, "content"), { articles: ARTICLES, seed: 7 });
  archive = (await loadArchive(join(dir, "content"), { cwd: dir })).archive!;
  run = runBuild(dir);
  // The build draws a social card for each of the 1,500 articles (about 25 ms each per core, cold).
}, 300_000);

afterAll(() => rmSync(run.dir, { recursive: true, force: true }));

describe("a large case", () => {
  it("builds, and no page is over 500 KB", () => {
    expect(run.status, run.stderr).toBe(0);
    const site = join(run.dir, "_site");
    const sizes = listFiles(site)
      .filter((f) => f.endsWith(".html"))
      .map((f) => [f, statSync(join(site, f)).size] as const);
    expect(sizes.filter(([, size]) => size > 500_000)).toEqual([]);
  });

  it("splits the timeline into a landing page and a page per year, each article on exactly one of them", () => {
    const landing = page(run.dir, "/timeline/");
    expect(landing(".entry-title a").length).toBe(20);
    expect(landing(".chips a").map((_, a) => landing(a).attr("href")).get()).toEqual(archive.timeline.map((y) => `/timeline/${y.year}/`));
    const listed = archive.timeline.flatMap((y) => {
      const $ = page(run.dir, `/timeline/${y.year}/`);
      expect($("h1").text()).toBe(`Timeline: ${y.year}`);
      expect($('.year-index a[aria-current="page"]').text()).toBe(String(y.year));
      return $("#timeline .entry-title a").map((_, a) => $(a).attr("href")).get();
    });
    expect(listed).toEqual(archive.articles.map((a) => a.url));
  });

  it("lists the newest 20 milestones on the home page and says where the rest are", () => {
    expect(archive.milestones.length).toBeGreaterThan(20);
    const $ = page(run.dir, "/");
    expect($("#milestones-heading + ol .entry-title a").map((_, a) => $(a).attr("href")).get()).toEqual(archive.milestones.slice(-20).map((a) => a.url));
    expect($(".more").text()).toBe(`The 20 most recent of ${archive.milestones.length} milestones; all of them are marked on the timeline.`);
  });
});
