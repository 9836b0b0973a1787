import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import sharp from "sharp";
import { loadArchive, type Archive } from "../../src/index.ts";
import { listFiles } from "../../src/files.ts";
import { builtWithPhotos, buildHere, drawsOwnCards, fixtureProject, page, PHOTO_SECRETS, runBuild, treeHashes, writeFixturePhotos, type BuildRun } from "../helpers.ts";

const SITE = "https://archive.test/";
const PHOTO_PAGE = "/2022/03/14/court-photo/";
let run: BuildRun;
let inOtherZone: BuildRun;
let archive: Archive;
let originals: Buffer[];

beforeAll(async () => {
  run = await builtWithPhotos();
  const dir = run.dir;
  originals = ["content/articles/2022/court/crowd.jpg", "content/articles/2022/court/queue.jpg", "content/shared/tower.png"].map((file) => readFileSync(join(dir, file)));
  archive = (await loadArchive(join(dir, "content"), { cwd: dir })).archive!;
  const other = fixtureProject("valid-archive", "article-photos");
  await writeFixturePhotos(other);
  // The copies of the photos are made once, as in a project built before: they are named by the photo's hash.
  cpSync(join(dir, ".cache/casefile/images"), join(other, ".cache/casefile/images"), { recursive: true });
  // This build draws every card itself, in another zone: none is lent from the cards other builds drew.
  inOtherZone = runBuild(drawsOwnCards(other), { TZ: "Pacific/Kiritimati" });
});

const site = (file: string) => join(run.dir, "_site", file);
const fileOf = (url: string) => site(url.slice(SITE.length));
const meta = ($: ReturnType<typeof page>, key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).attr("content");

describe("an article with photos", () => {
  it("builds", () => {
    expect(run.status, run.stderr).toBe(0);
    expect(inOtherZone.status, inOtherZone.stderr).toBe(0);
  });

  it("shows the lead photo under the headline: every width in AVIF, WebP and JPEG, its size, alt text and a credited caption, loaded at once", () => {
    const $ = page(run.dir, PHOTO_PAGE);
    const figure = $(".article-header + figure");
    const img = figure.find("picture > img");
    expect(figure.find("source").map((_, s) => $(s).attr("type")).get()).toEqual(["image/avif", "image/webp"]);
    const widths = (srcset: string | undefined) => srcset!.split(", ").map((c) => c.split(" ")[1]);
    expect(widths(figure.find('source[type="image/avif"]').attr("srcset"))).toEqual(["480w", "800w", "1200w", "1600w"]);
    expect(widths(img.attr("srcset"))).toEqual(["480w", "800w", "1200w", "1600w"]);
    expect(img.attr("sizes")).toBe("(min-width: 52rem) 49.5rem, calc(100vw - 2.5rem)");
    expect([img.attr("width"), img.attr("height")]).toEqual(["1600", "1067"]);
    expect(img.attr("alt")).toBe("A crowd holding placards on the steps of a stone court building");
    expect([img.attr("loading"), img.attr("decoding")]).toEqual([undefined, undefined]);
    expect(figure.find("figcaption").text()).toBe("Supporters outside the court on the morning of the hearing Photo: Test Photographer / Casefile");
    for (const url of [img.attr("src")!, ...img.attr("srcset")!.split(", ").map((c) => c.split(" ")[0]!)]) expect(existsSync(site(url)), url).toBe(true);
  });

  it("shows photos in the text as lazy figures, never wider than the photo, with caption and credit", () => {
    const $ = page(run.dir, PHOTO_PAGE);
    const figures = $(".article-body > figure");
    expect(figures.length).toBe(2);
    const [queue, tower] = figures.toArray().map((f) => $(f));
    const queueImg = queue!.find("img");
    expect(queueImg.attr("srcset")!.split(", ").map((c) => c.split(" ")[1])).toEqual(["480w", "800w", "900w"]);
    expect([queueImg.attr("width"), queueImg.attr("height"), queueImg.attr("loading"), queueImg.attr("decoding")]).toEqual(["900", "600", "lazy", "async"]);
    expect(queueImg.attr("alt")).toBe("A line of people waiting at the court's side door");
    expect(queue!.find("figcaption").text()).toBe("The queue for the public gallery Photo: Second Photographer");
    expect(tower!.find("img").attr("srcset")).toMatch(/^\/images\/[0-9a-f]{16}-300\.jpg 300w$/);
    expect(tower!.find("figcaption .credit").length).toBe(0);
    expect($(".article-body p figure").length).toBe(0);
  });

  it("publishes no copy with EXIF, GPS, XMP, IPTC or a colour profile, and never the original file", async () => {
    const images = listFiles(site("images"));
    expect(images.length).toBe(3 * 4 + 1 + 3 * 3 + 3);
    for (const name of images) {
      const m = await sharp(site(`images/${name}`)).metadata();
      expect([name, m.exif, m.icc, m.xmp, m.iptc, m.space]).toEqual([name, undefined, undefined, undefined, undefined, "srgb"]);
    }
    const published = listFiles(site("")).map((f) => readFileSync(site(f)));
    const originalHashes = new Set(originals.map((b) => createHash("sha256").update(b).digest("hex")));
    expect(published.filter((b) => originalHashes.has(createHash("sha256").update(b).digest("hex")))).toEqual([]);
    for (const secret of PHOTO_SECRETS) expect(published.some((b) => b.includes(secret)), secret).toBe(false);
  });

  it("gives shared links the lead photo cropped to 1200 × 630, with its alt text, in Open Graph, Twitter and NewsArticle", async () => {
    const $ = page(run.dir, PHOTO_PAGE);
    const image = meta($, "og:image")!;
    expect(image).toMatch(/^https:\/\/archive\.test\/images\/[0-9a-f]{16}-1200x630\.jpg$/);
    expect([meta($, "og:image:width"), meta($, "og:image:height"), meta($, "og:image:type")]).toEqual(["1200", "630", "image/jpeg"]);
    expect(meta($, "og:image:alt")).toBe("A crowd holding placards on the steps of a stone court building");
    expect([meta($, "twitter:card"), meta($, "twitter:image")]).toEqual(["summary_large_image", image]);
    const m = await sharp(fileOf(image)).metadata();
    expect([m.width, m.height, m.format]).toEqual([1200, 630, "jpeg"]);
    const news = $('script[type="application/ld+json"]').map((_, s) => JSON.parse($(s).text())).get().find((o) => o["@type"] === "NewsArticle");
    expect(news.image.map((i: { url: string; width: number }) => [i.url === image, i.width >= 1200])).toEqual([
      [true, true],
      [false, true],
    ]);
    expect(news.image[0]).toMatchObject({ caption: "Supporters outside the court on the morning of the hearing", creditText: "Test Photographer / Casefile" });
  });

  it("gives every article without a photo a 1200 × 630 card of its own, and the home, timeline, topic and person pages theirs", async () => {
    const pages = [
      ...archive.articles.filter((a) => !a.image).map((a) => a.path),
      "/",
      "/timeline/",
      ...archive.topics.map((t) => t.path),
      ...archive.people.map((p) => p.path),
    ];
    expect(pages.length).toBeGreaterThan(10);
    for (const path of pages) {
      const $ = page(run.dir, path);
      const image = meta($, "og:image")!;
      expect(image, path).toBe(`${SITE}${path.slice(1)}card.png`);
      const m = await sharp(fileOf(image)).metadata();
      expect([path, m.width, m.height, m.format]).toEqual([path, 1200, 630, "png"]);
      expect(meta($, "og:image:alt"), path).toBeTruthy();
    }
    const news = page(run.dir, "/2021/01/04/ruling/")('script[type="application/ld+json"]').first().text();
    expect(JSON.parse(news).image).toEqual([{ "@type": "ImageObject", url: `${SITE}2021/01/04/ruling/card.png`, width: 1200, height: 630 }]);
    expect(meta(page(run.dir, "/archive/"), "og:image")).toBe(`${SITE}card.png`);
  });

  it("draws the same card bytes in two builds, the second in another time zone", () => {
    const cards = (dir: string) => Object.fromEntries(Object.entries(treeHashes(join(dir, "_site"))).filter(([file]) => file.endsWith("card.png")));
    const here = cards(run.dir);
    expect(Object.keys(here).length).toBeGreaterThan(10);
    expect(cards(inOtherZone.dir)).toEqual(here);
  });

  it("carries the lead photo in the feeds and timeline.json, and the card where there is none", () => {
    const feed = JSON.parse(readFileSync(site("feed.json"), "utf8"));
    const item = feed.items.find((i: { url: string }) => i.url === `${SITE}${PHOTO_PAGE.slice(1)}`);
    expect(item.image).toMatch(/^https:\/\/archive\.test\/images\/[0-9a-f]{16}-1600\.jpg$/);
    expect(feed.items.filter((i: { image?: string }) => i.image)).toHaveLength(1);

    const atom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(readFileSync(site("feed.xml"), "utf8"));
    const entry = atom.feed.entry.find((e: { id: string }) => e.id.endsWith(PHOTO_PAGE));
    const enclosure = entry.link.find((l: { rel: string }) => l.rel === "enclosure");
    expect(enclosure).toEqual({ rel: "enclosure", type: "image/jpeg", href: item.image, length: String(statSync(fileOf(item.image)).size) });

    const timeline = JSON.parse(readFileSync(site("timeline.json"), "utf8"));
    const withPhoto = timeline.events.find((e: { unique_id: string }) => e.unique_id === "2022-03-14-court-photo");
    expect(withPhoto.media).toMatchObject({ url: item.image, caption: "Supporters outside the court on the morning of the hearing", credit: "Test Photographer / Casefile" });
    const ruling = timeline.events.find((e: { unique_id: string }) => e.unique_id === "2021-01-04-ruling");
    expect(ruling.media).toMatchObject({ url: `${SITE}2021/01/04/ruling/card.png`, credit: "Test Case File" });
  });

  it("refuses a file that is not a photo with its file, line and field, and leaves the published site as it was", async () => {
    const before = treeHashes(join(run.dir, "_site"));
    writeFileSync(join(run.dir, "content/articles/2022/court/notes.jpg"), "Not a photo.\n");
    const article = join(run.dir, "content/articles/2022/2022-03-14-court-photo.md");
    const text = readFileSync(article, "utf8");
    writeFileSync(article, text.replace("src: ./court/crowd.jpg", "src: ./court/notes.jpg"));
    try {
      const failed = await buildHere(run.dir);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain(
        `content/articles/2022/2022-03-14-court-photo.md:7  image.src: "./court/notes.jpg" is not an image (expected a photo saved as JPEG, PNG, WebP or AVIF (the file's name does not make it one))`,
      );
      expect(treeHashes(join(run.dir, "_site"))).toEqual(before);
    } finally {
      writeFileSync(article, text);
    }
  });
});
