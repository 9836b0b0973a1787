/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { listFiles } from "../../src/files.ts";
import { buildFixture } from "../helpers.ts";
import { launchBrowser, serveSite, visitAll, watchedContext, type SiteServer } from "./harness.ts";

let browser: Browser;
let server: SiteServer;
let pages: string[];

beforeAll(async () => {
  const site = join((await buildFixture("hostile-archive")).dir, "_site");
  pages = listFiles(site)
    .filter((f) => f.endsWith(".html"))
    .map((f) => `/${f.replace(/index\.html$/, "")}`);
  server = await serveSite(site);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("an archive written to attack its readers", () => {
  it("runs none of it on any page: no dialog, no error, no policy violation, no request off the machine", async () => {
    expect(pages.length).toBe(17);
    const { problems, offsite } = await visitAll(browser, server.origin, pages, async (page) => {
      // Hovering and focusing everything gives any injected handler its chance to run.
      for (const element of await page.locator("main a, main p, main li, main h1, main h2").all()) await element.hover({ force: true }).catch(() => undefined);
      return page.evaluate(() => {
        const found: string[] = [];
        for (const element of document.querySelectorAll("*")) {
          for (const attribute of element.getAttributeNames()) if (attribute.startsWith("on")) found.push(`${element.tagName} ${attribute}`);
          for (const name of ["href", "src", "action"]) {
            const value = (element.getAttribute(name) ?? "").replace(/[\u0000-\u0020]/g, "").toLowerCase();
            if (/^(javascript|vbscript|data):/.test(value)) found.push(`${element.tagName} ${name}=${value}`);
          }
        }
        for (const script of document.querySelectorAll("script:not([type='application/ld+json'])")) {
          if (!script.getAttribute("src")?.startsWith("/assets/")) found.push(`script ${script.outerHTML.slice(0, 80)}`);
        }
        for (const tag of ["iframe", "img", "svg script", "object", "embed"]) if (document.querySelector(tag)) found.push(tag);
        return found;
      });
    });
    expect(problems).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it("shows the hostile text as text, and heading ids cannot clobber the page's globals", async () => {
    const { context } = await watchedContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/2020/01/01/everything/`);
    expect(await page.locator("h1").textContent()).toBe("</title><script>alert('title')</script><!--");
    expect(await page.locator(".corrections li").textContent()).toContain("<script>alert('correction')</script>");
    const globals = await page.evaluate(() => ({
      alert: typeof window.alert,
      document: document instanceof Document,
      location: typeof window.location.href,
      section: document.getElementById("section-alert")?.tagName,
      links: [...document.querySelectorAll(".article-body a")].map((a) => a.getAttribute("href")),
      jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent ?? "").headline ?? null),
    }));
    expect(globals).toEqual({
      alert: "function",
      document: true,
      location: "string",
      section: "H2",
      links: ["https://example.test/", "mailto:desk@example.test"],
      jsonLd: ["</title><script>alert('title')</script><!--", null],
    });
    await context.close();
  });
});
