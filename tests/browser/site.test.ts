/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { loadArchive, type Archive } from "../../src/index.ts";
import { searchRecord } from "../../src/site/search-index.ts";
import { builtShipped, projectRoot } from "../helpers.ts";
import { axeViolations, launchBrowser, serveSite, watchedContext, watchPage, type SiteServer } from "./harness.ts";

let browser: Browser;
let server: SiteServer;
let archive: Archive;
const screenshots = join(projectRoot, "tests/browser/__screenshots__");

beforeAll(async () => {
  archive = (await loadArchive(join(projectRoot, "content"), { cwd: projectRoot })).archive!;
  server = await serveSite(join((await builtShipped()).dir, "_site"));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const plea = () => archive.articles.find((a) => a.slug === "guilty-plea-saipan")!;
const pages = () => ({
  home: "/",
  article: plea().path,
  timeline: "/timeline/",
  topic: "/topics/appeals/",
  person: "/people/stella-assange/",
  authors: "/authors/",
  author: "/authors/casefile-desk/",
  archive: "/2019/",
  search: "/search/",
});

/** What a reader's visit to each kind of page showed: what axe found in light and in dark mode, and what went wrong. */
interface Visits {
  light: string[];
  dark: string[];
  /** Console errors and warnings, script errors, dialogs and policy violations while each page loaded. */
  problems: string[];
  /** Requests that tried to leave the machine. */
  offsite: string[];
}
let visits: Promise<Visits> | undefined;

/**
 * Opens each kind of page once, with the security headers in force, and waits until it is done loading; then axe
 * checks it as shown in light mode, and again in dark mode: only the stylesheet reads the colour scheme, and it
 * follows the switch without the page loading again. Made once, for the tests that read it.
 */
function visitEveryKind(): Promise<Visits> {
  visits ??= (async () => {
    const { context, offsite } = await watchedContext(browser);
    const found: Omit<Visits, "offsite"> = { light: [], dark: [], problems: [] };
    for (const [name, path] of Object.entries(pages())) {
      const page = await context.newPage();
      const errors = await watchPage(page);
      await page.goto(server.origin + path, { waitUntil: "networkidle" });
      found.problems.push(...errors.map((error) => `${path}: ${error}`));
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        found[colorScheme].push(...(await axeViolations(page)).map((v) => `${name}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`));
      }
      await page.close();
    }
    await context.close();
    return { ...found, offsite };
  })();
  return visits;
}

describe("in a real browser", () => {
  it.each(["light", "dark"] as const)("axe finds no accessibility violations on any kind of page, in %s mode", async (colorScheme) => {
    expect((await visitEveryKind())[colorScheme]).toEqual([]);
  });

  it("shows no console errors, breaks no policy and sends no request off the machine, with the security headers in force", async () => {
    const { problems, offsite } = await visitEveryKind();
    expect(problems).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it("finds an article by a word in it, and a topic filter narrows the results", async () => {
    const { context } = await watchedContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/search/?q=Saipan`);
    const results = page.locator("#search-results .entry-title a");
    await expect.poll(() => results.count()).toBeGreaterThan(1);
    expect(await results.evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toContain(plea().url);
    await expect.poll(() => page.locator("#search-status").textContent()).toMatch(/^\d+ articles found\.$/);
    const all = await results.count();

    await page.selectOption("#search-topic", { label: "Appeals" });
    const appeals = new Set(archive.topics.find((t) => t.id === "appeals")!.articles.map((a) => a.url));
    await expect.poll(async () => (await results.count()) < all && (await results.count()) > 0).toBe(true);
    const narrowed = await results.evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    expect(narrowed.every((href) => appeals.has(href))).toBe(true);
    expect(page.url()).toContain("topic=Appeals");
    await context.close();
  });

  it("shows each result's excerpt as the article's own words, with the spaces around every highlighted word", async () => {
    const { context } = await watchedContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/search/?q=Manning`);
    await expect.poll(() => page.locator("#search-status").textContent(), { timeout: 15_000 }).toMatch(/articles? found/);
    const results = await page.locator("#search-results li").evaluateAll((items) =>
      items.map((li) => ({ href: li.querySelector("a")!.getAttribute("href")!, excerpt: li.querySelector(".entry-summary")!.textContent!, marks: li.querySelectorAll("mark").length })),
    );
    expect(results.length).toBeGreaterThan(3);
    const words = (text: string) => text.replace(/\s+/g, " ").trim();
    for (const { href, excerpt, marks } of results) {
      const article = archive.articles.find((a) => a.url === href)!;
      expect(marks, href).toBeGreaterThan(0);
      expect(words(searchRecord(article, "en").content), href).toContain(words(excerpt));
    }
    await context.close();
  });

  it("offers Julian Assange for the misspelt \"Asange\", linking to that search and to his page, with no accessibility violations", async () => {
    const { context, offsite } = await watchedContext(browser);
    const page = await context.newPage();
    const errors = await watchPage(page);
    await page.goto(`${server.origin}/search/?q=Asange`);
    const suggestion = page.locator("#search-suggest");
    await expect.poll(() => suggestion.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.locator("#search-status").textContent(), { timeout: 15_000 }).toMatch(/found/);
    expect(await suggestion.textContent()).toBe("Did you mean Assange? See also the page on Julian Assange.");
    const links = await suggestion.locator("a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toEqual([`${server.origin}/search/?q=Assange`, `${server.origin}/people/julian-assange/`]);
    expect((await axeViolations(page)).map((v) => v.id)).toEqual([]);

    await suggestion.locator("a").first().click();
    await expect.poll(() => page.locator("#search-status").textContent(), { timeout: 15_000 }).toMatch(/^\d+ articles found/);
    expect(await suggestion.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await context.close();
  });

  it("shows the 31st result and those after it when Show more is pressed, and moves the keyboard focus to it", async () => {
    const { context } = await watchedContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/search/?q=Assange`);
    const status = page.locator("#search-status");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/found/);
    const found = Number(/^(\d+) articles found, showing the best 30\.$/.exec((await status.textContent())!)?.[1]);
    expect(found).toBeGreaterThan(30);
    const results = page.locator("#search-results .entry-title a");
    expect(await results.count()).toBe(30);

    const more = page.locator("#search-more");
    expect(await more.textContent()).toBe(`Show ${Math.min(30, found - 30)} more`);
    await results.nth(29).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-more");
    await page.keyboard.press("Enter");
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBe(Math.min(60, found));
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(await results.nth(30).getAttribute("href"));
    const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(new Set(hrefs).size).toBe(hrefs.length);
    if (found <= 60) {
      expect(await status.textContent()).toBe(`${found} articles found.`);
      expect(await more.isVisible()).toBe(false);
    }
    await context.close();
  });

  it("filters the timeline with the keyboard alone", async () => {
    const { context } = await watchedContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/timeline/`);
    const visible = page.locator("#timeline li.entry:visible");
    expect(await visible.count()).toBe(archive.articles.length);

    await page.locator("#filter-milestones").focus();
    await page.keyboard.press("Space");
    await expect.poll(() => visible.count()).toBe(archive.milestones.length);
    await expect.poll(() => page.locator(".filter-status").textContent()).toBe(`Showing ${archive.milestones.length} of ${archive.articles.length} articles.`);
    await page.keyboard.press("Space");

    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("filter-topic");
    await page.keyboard.press("ArrowDown");
    const firstTopic = archive.topics.find((t) => t.articles.length)!;
    await expect.poll(() => visible.count()).toBe(firstTopic.articles.length);

    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    const firstPerson = archive.people.find((p) => p.articles.length)!;
    const both = firstTopic.articles.filter((a) => a.people.some((p) => p.id === firstPerson.id)).length;
    await expect.poll(() => visible.count()).toBe(both);
    await context.close();
  });

  it("lists and links every article on the timeline with JavaScript off, with the filters as plain links", async () => {
    const { context } = await watchedContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}/timeline/`);
    const hrefs = await page.locator("#timeline .entry-title a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(archive.articles.map((a) => a.url));
    expect(await page.locator(".timeline-filters").count()).toBe(0);
    await page.locator("#timeline-browse summary").click();
    await page.locator('#timeline-browse a[data-id="appeals"]').click();
    expect(new URL(page.url()).pathname).toBe("/topics/appeals/");
    await context.close();
  });

  it("takes screenshots of the home page, an article and the timeline at phone and desktop widths", async () => {
    mkdirSync(screenshots, { recursive: true });
    for (const [width, label] of [
      [390, "phone"],
      [1280, "desktop"],
    ] as const) {
      const { context } = await watchedContext(browser, { viewport: { width, height: 900 } });
      for (const [name, path] of [
        ["home", "/"],
        ["article", plea().path],
        ["timeline", "/timeline/"],
      ] as const) {
        const page = await context.newPage();
        await page.goto(server.origin + path);
        const file = join(screenshots, `${name}-${label}.png`);
        expect((await page.screenshot({ path: file, fullPage: name !== "timeline" })).length).toBeGreaterThan(1000);
        await page.close();
      }
      await context.close();
    }
  });
});
