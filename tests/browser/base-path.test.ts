/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { fixtureProject, runCli } from "../helpers.ts";
import { launchBrowser, serveSite, watchedContext, watchPage, type SiteServer } from "./harness.ts";

let browser: Browser;
let server: SiteServer;

beforeAll(async () => {
  const run = runCli("build", fixtureProject("valid-archive"), ["--pathprefix", "/archive/"]);
  if (run.status !== 0) throw new Error(run.stderr);
  server = await serveSite(join(run.dir, "_site"), "/archive/");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("served under /archive/", () => {
  it("loads every kind of page with its stylesheet and scripts, without errors", async () => {
    const { context, offsite } = await watchedContext(browser);
    const problems: string[] = [];
    for (const path of ["/archive/", "/archive/timeline/", "/archive/2020/02/24/hearing-opens/", "/archive/topics/hearings/", "/archive/search/"]) {
      const page = await context.newPage();
      const errors = await watchPage(page);
      await page.goto(server.origin + path, { waitUntil: "networkidle" });
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")!).borderBottomStyle);
      if (styled !== "solid") problems.push(`${path}: stylesheet not applied`);
      problems.push(...errors.map((e) => `${path}: ${e}`));
      await page.close();
    }
    await context.close();
    expect(problems).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it("finds articles with search, linking to their prefixed URLs", async () => {
    const { context } = await watchedContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/archive/search/?q=hearing`);
    const links = page.locator("#search-results .entry-title a");
    await expect.poll(() => links.count()).toBeGreaterThan(0);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toContain("/archive/2020/02/24/hearing-opens/");
    await page.locator("#search-results .entry-title a").first().click();
    await expect.poll(() => page.locator("h1").textContent()).not.toBe("Search");
    await context.close();
  });
});
