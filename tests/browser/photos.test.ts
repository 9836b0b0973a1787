/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { builtWithPhotos, projectRoot } from "../helpers.ts";
import { axeViolations, openSite, visitAll, watchedContext } from "./harness.ts";

const ARTICLE = "/2022/03/14/court-photo/";
const screenshots = join(projectRoot, "tests/browser/__screenshots__");
let site: Awaited<ReturnType<typeof openSite>>;

beforeAll(async () => {
  site = await openSite(join((await builtWithPhotos()).dir, "_site"));
});

afterAll(async () => site?.close());

describe("an article with photos in a real browser", () => {
  it.each([
    ["phone", { width: 390, height: 844 }, "480"],
    ["desktop", { width: 1280, height: 900 }, "800"],
  ] as const)("on a %s, loads the lead photo as AVIF at the width it is shown, in a box of the photo's shape from the start", async (label, viewport, width) => {
    const { context, offsite } = await watchedContext(site.browser, { viewport });
    const page = await context.newPage();
    await page.goto(site.server.origin + ARTICLE, { waitUntil: "networkidle" });
    const lead = await page.$eval(".figure-lead img", (img) => {
      const box = (img as HTMLImageElement).getBoundingClientRect();
      const image = img as HTMLImageElement;
      return { src: image.currentSrc, loaded: image.complete && image.naturalWidth > 0, ratio: box.height / box.width, width: box.width };
    });
    expect(lead.src).toMatch(new RegExp(`/images/[0-9a-f]{16}-${width}\\.avif$`));
    expect(lead.loaded).toBe(true);
    expect(lead.ratio).toBeCloseTo(1067 / 1600, 2);
    expect(lead.width).toBeLessThanOrEqual(viewport.width);
    mkdirSync(screenshots, { recursive: true });
    expect((await page.screenshot({ path: join(screenshots, `article-photo-${label}.png`), fullPage: true })).length).toBeGreaterThan(1000);
    expect(offsite).toEqual([]);
    await context.close();
  });

  it("shows no console error or CSP violation, and axe finds no accessibility violation with the photos", async () => {
    const { problems, offsite } = await visitAll(site.browser, site.server.origin, [ARTICLE]);
    expect(problems).toEqual([]);
    expect(offsite).toEqual([]);
    const { context } = await watchedContext(site.browser);
    const page = await context.newPage();
    await page.goto(site.server.origin + ARTICLE);
    expect((await axeViolations(page)).map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    await context.close();
  });
});
