import { beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { load } from "cheerio";
import sharp from "sharp";
import { loadArchive, type Archive } from "../../src/index.ts";
import { builtShipped, page, projectRoot, runHere, shippedProject, type BuildRun } from "../helpers.ts";

let archive: Archive;
let run: BuildRun;

beforeAll(async () => {
  const result = await loadArchive(join(projectRoot, "content"), { cwd: projectRoot });
  expect(result.problems).toEqual([]);
  archive = result.archive!;
  run = await builtShipped();
});

describe("the shipped Assange archive", () => {
  it("builds with zero problems, warning only that site.yaml's url is a placeholder to replace with the real address", () => {
    expect(run.stderr).toBe(
      "Warning: the site's url https://casefile.example/ is a placeholder, and canonical links, feeds and the sitemap point there. Put the site's address in site.yaml's url, or build with --url <address> (the GitHub Pages workflow does).\n",
    );
    expect(run.status).toBe(0);
  });

  it("passes npm run check with no problems and no hints", async () => {
    const check = await runHere("check", shippedProject());
    expect(check.stdout).toBe(`${archive.articles.length} articles, ${archive.people.length} people, 10 topics: no problems\n`);
    expect(check.status).toBe(0);
  });

  it("covers the case from 2006 to 2024 in at least 40 articles, with the fact sheet's ten topics and at least 25 people", () => {
    expect(archive.articles.length).toBeGreaterThanOrEqual(40);
    expect(archive.articles[0]!.date.year).toBe(2006);
    expect(archive.articles.at(-1)!.date.year).toBe(2024);
    expect(archive.topics.map((t) => t.id)).toEqual([
      "wikileaks-publications",
      "sweden-investigation",
      "embassy-asylum",
      "arrest-and-detention",
      "us-indictment",
      "extradition-hearings",
      "appeals",
      "health-and-conditions",
      "campaigns-and-support",
      "plea-and-release",
    ]);
    expect(archive.people.length).toBeGreaterThanOrEqual(25);
    expect(archive.milestones.length).toBeGreaterThanOrEqual(10);
    expect(archive.milestones.length).toBeLessThanOrEqual(15);
  });

  it("includes the International Peoples' Assembly letter of December 2020", () => {
    const letter = archive.articles.find((a) => a.date.year === 2020 && a.date.month === 12 && /Peoples.? Assembly/.test(a.title));
    expect(letter?.topic.id).toBe("campaigns-and-support");
  });

  it("gives every article 150 to 400 words and at least one web source", () => {
    for (const article of archive.articles) {
      const words = load(article.bodyHtml.toString()).text().split(/\s+/).filter(Boolean).length;
      expect(words, article.file).toBeGreaterThanOrEqual(150);
      expect(words, article.file).toBeLessThanOrEqual(400);
      expect(article.sources.length, article.file).toBeGreaterThan(0);
    }
  });

  it("never says Sweden charged Assange", () => {
    for (const article of archive.articles.filter((a) => a.topic.id === "sweden-investigation")) {
      const text = `${article.title} ${article.summary} ${load(article.bodyHtml.toString()).text()}`;
      expect(text, article.file).not.toMatch(/Swedish charges|charged (him )?in Sweden|Sweden charged/i);
    }
  });

  it("puts every article at its date URL, once on the timeline in date order, on its topic page and on each of its people's pages", () => {
    const timeline = page(run.dir, "/timeline/");
    const listed = timeline(".entry-title a").map((_, a) => timeline(a).attr("href")).get();
    expect(listed).toEqual(archive.articles.map((a) => a.url));
    for (const article of archive.articles) {
      const $ = page(run.dir, article.path);
      expect($("h1").text(), article.file).toBe(article.title);
      expect($(".byline a").attr("href"), article.file).toBe("/authors/casefile-desk/");
      expect(article.path.startsWith(`/${article.date.year}/${String(article.date.month).padStart(2, "0")}/`)).toBe(true);
      const onTopic = page(run.dir, article.topic.url);
      expect(onTopic(`.entry-title a[href="${article.url}"]`).length, article.topic.id).toBe(1);
      for (const person of article.people) {
        const onPerson = page(run.dir, person.url);
        expect(onPerson(`.entry-title a[href="${article.url}"]`).length, `${person.id} ${article.file}`).toBe(1);
      }
    }
  });

  it("bylines every article to the newsroom's own desk, which has a page listing them all, newest first", () => {
    expect(archive.authors.map((a) => [a.id, a.name])).toEqual([["casefile-desk", "Casefile desk"]]);
    const $ = page(run.dir, "/2024/06/26/guilty-plea-saipan/");
    expect($(".byline").text()).toBe("By Casefile desk");
    expect(JSON.parse($('script[type="application/ld+json"]').first().text())).toMatchObject({
      author: [{ "@type": "Person", name: "Casefile desk", url: "https://casefile.example/authors/casefile-desk/" }],
      publisher: { "@type": "Organization", name: "Casefile", logo: { "@type": "ImageObject", url: "https://casefile.example/assets/publisher-logo.svg" } },
    });
    const desk = page(run.dir, "/authors/casefile-desk/");
    expect(desk(".entry-title a").map((_, a) => desk(a).attr("href")).get()).toEqual(archive.articles.map((a) => a.url).reverse());
    expect(existsSync(join(run.dir, "_site/assets/publisher-logo.svg"))).toBe(true);
  });

  it("has no photos (none we may publish), so every article shares as its own 1200 × 630 card", async () => {
    expect(archive.articles.filter((a) => a.image || a.figures.length)).toEqual([]);
    const sizes = new Set<string>();
    for (const article of archive.articles) {
      const image = page(run.dir, article.path)('meta[property="og:image"]').attr("content");
      expect(image, article.file).toBe(`https://casefile.example${article.path}card.png`);
      const m = await sharp(join(run.dir, "_site", article.path, "card.png")).metadata();
      sizes.add(`${m.format} ${m.width}×${m.height}`);
    }
    expect([...sizes]).toEqual(["png 1200×630"]);
  });
});
