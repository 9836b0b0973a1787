/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { builtShipped } from "../helpers.ts";
import { launchBrowser, serveSite, visitAll, watchedContext, type SiteServer } from "./harness.ts";

// A large archive's search index is written in parts that the search page merges. The shipped archive (60
// articles) is built twice: once whole, and once in parts of 20, which only CASEFILE_SEARCH_PART_SIZE can force.
let browser: Browser;
let whole: SiteServer;
let parts: SiteServer;
let partsSite: string;

async function build(env: Record<string, string> = {}): Promise<string> {
  return join((await builtShipped(env)).dir, "_site");
}

beforeAll(async () => {
  whole = await serveSite(await build());
  partsSite = await build({ CASEFILE_SEARCH_PART_SIZE: "20" });
  parts = await serveSite(partsSite);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await whole?.close();
  await parts?.close();
});

/** Searches on a site's search page and returns the status line and the result links, sorted. */
async function search(server: SiteServer, query: string): Promise<{ status: string; links: string[] }> {
  const { context } = await watchedContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.origin}/search/?${query}`);
  const status = page.locator("#search-status");
  await expect.poll(() => status.textContent()).toMatch(/articles? found\.$/);
  const links = await page.locator("#search-results .entry-title a").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  const result = { status: (await status.textContent()) ?? "", links: links.sort() };
  await context.close();
  return result;
}

describe("a search index in parts", () => {
  it("finds the same articles as one index, across every part", async () => {
    expect(["pagefind", "pagefind-2", "pagefind-3"].map((p) => existsSync(join(partsSite, p, "pagefind.js")))).toEqual([true, true, true]);
    const one = await search(whole, "q=Manning");
    const merged = await search(parts, "q=Manning");
    expect(one.links.length).toBeGreaterThan(3);
    expect(merged).toEqual(one);
    // Manning's articles run from 2010 to 2022, so they sit in more than one part.
    const years = new Set(merged.links.map((href) => href.slice(1, 5)));
    expect(years.size).toBeGreaterThan(2);
  });

  it("narrows merged results with a filter, as one index does", async () => {
    const one = await search(whole, "q=Manning&year=2019");
    const merged = await search(parts, "q=Manning&year=2019");
    expect(merged.links.length).toBeGreaterThan(0);
    expect(merged.links.every((href) => href.startsWith("/2019/"))).toBe(true);
    expect(merged).toEqual(one);
  });

  it("loads every part without console errors, policy violations or requests off the machine", async () => {
    const { problems, offsite } = await visitAll(browser, parts.origin, ["/search/?q=Manning"]);
    expect(problems).toEqual([]);
    expect(offsite).toEqual([]);
  });
});
