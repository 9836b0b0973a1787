/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { builtFixture } from "../helpers.ts";
import { openSite, visitAll, watchedContext } from "./harness.ts";

let site: Awaited<ReturnType<typeof openSite>>;

beforeAll(async () => {
  const run = await builtFixture(["valid-archive"], { args: ["--pathprefix", "/archive/"] });
  site = await openSite(join(run.dir, "_site"), "/archive/");
});

afterAll(() => site?.close());

describe("served under /archive/", () => {
  it("loads every kind of page with its stylesheet and scripts, without errors", async () => {
    const paths = ["/archive/", "/archive/timeline/", "/archive/2020/02/24/hearing-opens/", "/archive/topics/hearings/", "/archive/search/"];
    const { problems, offsite } = await visitAll(site.browser, site.server.origin, paths, async (page) => {
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")!).borderBottomStyle);
      return styled === "solid" ? [] : ["stylesheet not applied"];
    });
    expect(problems).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it("finds articles with search, linking to their prefixed URLs", async () => {
    const { context } = await watchedContext(site.browser);
    const page = await context.newPage();
    await page.goto(`${site.server.origin}/archive/search/?q=hearing`);
    const links = page.locator("#search-results .entry-title a");
    await expect.poll(() => links.count()).toBeGreaterThan(0);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toContain("/archive/2020/02/24/hearing-opens/");
    await page.locator("#search-results .entry-title a").first().click();
    await expect.poll(() => page.locator("h1").textContent()).not.toBe("Search");
    await context.close();
  });
});
