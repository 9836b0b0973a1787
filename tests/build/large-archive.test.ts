import { beforeAll, describe, expect, it } from "vitest";
import { load, type CheerioAPI } from "cheerio";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCorpus } from "../../bench/generate.ts";
import { loadArchive, type Archive } from "../../src/index.ts";
import { outputsOf } from "../../templates/routes.ts";

// Large enough to split the timeline by year and to have more milestones than summary pages list.
const ARTICLES = 1500;
let archive: Archive;
/** Every HTML page of the site, by its file below the output folder, as the build writes it. */
let pages: Map<string, string>;

// The pages are rendered in-process by the route table's own render functions, the ones the build writes them with:
// a child build of 1,500 articles takes a minute or more, nearly all of it for what other tests prove (the check
// stage's worker threads in tests/unit/site/checks.test.ts, the card workers in tests/unit/media/cards.test.ts).
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "casefile-large-"));
  try {
    generateCorpus(join(dir, "content"), { articles: ARTICLES, seed: 7 });
    archive = (await loadArchive(join(dir, "content"), { cwd: dir })).archive!;
    pages = new Map(
      outputsOf(archive)
        .filter((o) => o.file.endsWith(".html"))
        .map((o) => [o.file, o.render() as string]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);

/** Parses a page with a spec-compliant HTML parser. `urlPath` is as a reader types it: "/timeline/". */
function page(urlPath: string): CheerioAPI {
  const html = pages.get(`${urlPath.slice(1)}index.html`);
  if (html === undefined) throw new Error(`the site has no page at ${urlPath}`);
  return load(html);
}

describe("a large case", () => {
  it("has no page over 500 KB", () => {
    expect(pages.size).toBeGreaterThan(ARTICLES);
    const sizes = [...pages].map(([file, html]) => [file, Buffer.byteLength(html)] as const);
    expect(sizes.filter(([, size]) => size > 500_000)).toEqual([]);
  });

  it("splits the timeline into a landing page and a page per year, each article on exactly one of them", () => {
    const landing = page("/timeline/");
    expect(landing(".entry-title a").length).toBe(20);
    expect(landing(".chips a").map((_, a) => landing(a).attr("href")).get()).toEqual(archive.timeline.map((y) => `/timeline/${y.year}/`));
    const listed = archive.timeline.flatMap((y) => {
      const $ = page(`/timeline/${y.year}/`);
      expect($("h1").text()).toBe(`Timeline: ${y.year}`);
      expect($('.year-index a[aria-current="page"]').text()).toBe(String(y.year));
      return $("#timeline .entry-title a").map((_, a) => $(a).attr("href")).get();
    });
    expect(listed).toEqual(archive.articles.map((a) => a.url));
  });

  it("lists the newest 20 milestones on the home page and says where the rest are", () => {
    expect(archive.milestones.length).toBeGreaterThan(20);
    const $ = page("/");
    expect($("#milestones-heading + ol .entry-title a").map((_, a) => $(a).attr("href")).get()).toEqual(archive.milestones.slice(-20).map((a) => a.url));
    expect($(".more").text()).toBe(`The 20 most recent of ${archive.milestones.length} milestones; all of them are marked on the timeline.`);
  });
});
