import { beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { formatProblem } from "../../../src/content/problems.ts";
import { ArticleCache, loadArchive } from "../../../src/index.ts";
import { copyWidths, makeCopies, MAX_PIXELS, pictureOf, inspectImage } from "../../../src/media/images.ts";
import { projectRoot } from "../../helpers.ts";
import { hostilePhoto } from "../../helpers.ts";

const ARTICLE = "content/articles/2022/2022-03-14-court.md";
let jpeg: Buffer;
let png: Buffer;

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 1000, height: 600, channels: 3, background: "#884422" } }).jpeg().toBuffer();
  png = await sharp({ create: { width: 300, height: 200, channels: 4, background: "#22448880" } }).png().toBuffer();
});

/** A project with the test registries, one article (front-matter lines, then the body) and the files given. */
function project(frontMatter: string[], body: string, files: Record<string, Buffer | string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "casefile-photo-"));
  cpSync(join(projectRoot, "tests/fixtures/_base"), join(dir, "content"), { recursive: true });
  const text = ["---", 'title: "Supporters outside the court"', "date: 2022-03-14", "topic: hearings", ...frontMatter, "---", "", body, ""].join("\n");
  for (const [path, bytes] of Object.entries({ [ARTICLE]: text, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

async function problems(dir: string): Promise<string[]> {
  return (await loadArchive(join(dir, "content"), { cwd: dir })).problems.map(formatProblem);
}

const lead = (src: string, extra: string[] = ['  alt: "A crowd on the court steps"', '  credit: "Test Photographer"']) => ["image:", `  src: ${src}`, ...extra];

/** A PNG whose header says `width` × `height` pixels and whose pixel data is a few bytes: a decompression bomb. */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.alloc(64))), chunk("IEND", Buffer.alloc(0))]);
}

describe("a lead photo", () => {
  it("is accepted beside the article or from content/, with its size read from the file", async () => {
    const beside = project(lead("./court/crowd.jpg"), "Text.", { "content/articles/2022/court/crowd.jpg": jpeg });
    const result = await loadArchive(join(beside, "content"), { cwd: beside });
    expect(result.problems).toEqual([]);
    const image = result.archive!.articles[0]!.image!;
    expect([image.width, image.height, image.alt, image.credit]).toEqual([1000, 600, "A crowd on the court steps", "Test Photographer"]);
    const fromRoot = project(lead("/photos/crowd.jpg"), "Text.", { "content/photos/crowd.jpg": jpeg });
    expect(await problems(fromRoot)).toEqual([]);
  });

  it("must have alt text that describes it and a credit, each reported at its line", async () => {
    const dir = project(lead("./crowd.jpg", ['  alt: "crowd.jpg"']), "Text.", { "content/articles/2022/crowd.jpg": jpeg });
    expect(await problems(dir)).toEqual([
      `${ARTICLE}:5  image.credit: missing (expected who took the photo or supplied it: a newsroom credits every photo)`,
      `${ARTICLE}:7  image.alt: "crowd.jpg" is the file's name, not a description (expected words that say what the photo shows, for readers who cannot see it)`,
    ]);
    const empty = project(lead("./crowd.jpg", ['  alt: ""', '  credit: "X"']), "Text.", { "content/articles/2022/crowd.jpg": jpeg });
    expect(await problems(empty)).toEqual([`${ARTICLE}:7  image.alt: is empty (expected words that say what the photo shows, for readers who cannot see it)`]);
  });

  it("is refused when it is a remote URL, leads outside content/, or is not there", async () => {
    const expected = "(expected a file in the content folder: a path relative to the article's folder (./photo.jpg), or from content/ when it starts with /";
    expect(await problems(project(lead("https://images.example/crowd.jpg"), "Text."))).toEqual([
      `${ARTICLE}:6  image.src: "https://images.example/crowd.jpg" is a remote URL ${expected}: images are served from the site itself, and its Content-Security-Policy loads no image from elsewhere; save the photo beside the article)`,
    ]);
    expect(await problems(project(lead("../../../secret.jpg"), "Text.", { "secret.jpg": jpeg }))).toEqual([`${ARTICLE}:6  image.src: "../../../secret.jpg" leads outside the content folder ${expected})`]);
    expect(await problems(project(lead("./missing.jpg"), "Text."))).toEqual([
      `${ARTICLE}:6  image.src: "./missing.jpg" does not exist (looked for content/articles/2022/missing.jpg) ${expected})`,
    ]);
    const linked = project(lead("./linked.jpg"), "Text.", { "outside.jpg": jpeg });
    symlinkSync(join(linked, "outside.jpg"), join(linked, "content/articles/2022/linked.jpg"));
    expect(await problems(linked)).toEqual([
      `content/articles/2022/linked.jpg  file: is a link to ${join(linked, "outside.jpg")}, outside the content folder; such links are not followed (expected what it links to, copied into the content folder in place of the link)`,
      `${ARTICLE}:6  image.src: "./linked.jpg" leads outside the content folder ${expected})`,
    ]);
  });

  it("is refused when the file is not an image whatever its name, is an SVG, or is a decompression bomb", async () => {
    const cases: [string, Buffer | string, string][] = [
      ["notes.jpg", "These are my notes, not a photo.\n", `"./notes.jpg" is not an image (expected a photo saved as JPEG, PNG, WebP or AVIF (the file's name does not make it one))`],
      ["drawing.png", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>', `"./drawing.png" is an SVG drawing; SVG is refused, because it can carry scripts and links to other sites (expected the drawing exported as a PNG)`],
      ["bomb.png", pngHeader(50_000, 50_000), `"./bomb.png" is 50000 × 50000 pixels (2500 megapixels); it was not opened (expected at most 100 megapixels: resize the photo (the site publishes it at most 1600 pixels wide))`],
    ];
    for (const [name, bytes, message] of cases) {
      const dir = project(lead(`./${name}`), "Text.", { [`content/articles/2022/${name}`]: bytes });
      expect(await problems(dir)).toEqual([`${ARTICLE}:6  image.src: ${message}`]);
    }
  });

  it("is reported missing when it is removed while the preview keeps its article, and is read again when replaced", async () => {
    const dir = project(lead("./crowd.jpg"), "Text.", { "content/articles/2022/crowd.jpg": jpeg });
    const cache = new ArticleCache();
    const load = () => loadArchive(join(dir, "content"), { cwd: dir, cache });
    expect((await load()).problems).toEqual([]);
    rmSync(join(dir, "content/articles/2022/crowd.jpg"));
    expect((await load()).problems.map(formatProblem)).toEqual([
      `${ARTICLE}:6  image.src: "./crowd.jpg" does not exist any more (expected a file in the content folder: a path relative to the article's folder (./photo.jpg), or from content/ when it starts with /)`,
    ]);
    writeFileSync(join(dir, "content/articles/2022/crowd.jpg"), png);
    expect((await load()).archive!.articles[0]!.image).toMatchObject({ width: 300, height: 200 });
  });

  it("reads no more than the header of a file over the pixel limit", async () => {
    expect(MAX_PIXELS).toBe(100_000_000);
    const dir = mkdtempSync(join(tmpdir(), "casefile-bomb-"));
    writeFileSync(join(dir, "bomb.png"), pngHeader(10_001, 10_000));
    expect(await inspectImage(join(dir, "bomb.png"))).toMatchObject({ code: "image-too-large" });
    writeFileSync(join(dir, "ok.png"), pngHeader(10_000, 10_000));
    expect(await inspectImage(join(dir, "ok.png"))).toMatchObject({ width: 10_000, height: 10_000 });
  });
});

describe("a photo in the body", () => {
  it("takes its caption and credit from the title, and must stand alone with alt text and a file in content/", async () => {
    const body = [
      "First paragraph.",
      "",
      '![A queue at the side door](./queue.png "The queue | Second Photographer")',
      "",
      "Text with an inline ![A clock](./queue.png) photo.",
      "",
      "![](./queue.png)",
      "",
      '![A tower](https://images.example/tower.jpg "Remote")',
    ].join("\n");
    const dir = project([], body, { "content/articles/2022/queue.png": png });
    expect(await problems(dir)).toEqual([
      `${ARTICLE}:11  body image: "./queue.png" shares its paragraph with text or sits in a link (expected the photo on a line of its own, with a blank line before and after it)`,
      `${ARTICLE}:13  body image: "./queue.png" has no alt text (expected words that say what the photo shows, for readers who cannot see it: ![what the photo shows](./queue.png "caption | credit"))`,
      `${ARTICLE}:15  body image: "https://images.example/tower.jpg" is a remote URL (expected a file in the content folder: a path relative to the article's folder (./photo.jpg), or from content/ when it starts with /: images are served from the site itself, and its Content-Security-Policy loads no image from elsewhere; save the photo beside the article)`,
    ]);
  });

  it("without a credit is a hint for npm run check, and its figure has the caption alone", async () => {
    const dir = project([], "Text.\n\n![A queue at the side door](./queue.png \"The queue\")", { "content/articles/2022/queue.png": png });
    const result = await loadArchive(join(dir, "content"), { cwd: dir });
    expect(result.problems).toEqual([]);
    expect(result.hints.map(formatProblem)).toEqual([
      `${ARTICLE}:9  body image: "./queue.png" has no credit (expected the credit after " | " in the title: ![A queue at the side door](./queue.png "caption | credit"))`,
    ]);
    const a = result.archive!.articles[0]!;
    expect(a.figures.map((f) => [f.caption, f.credit])).toEqual([["The queue", undefined]]);
    expect(a.bodyHtml.toString()).toContain('<figcaption><span class="caption">The queue</span></figcaption>');
    expect(a.bodyHtml.toString()).not.toContain("<p><figure");
  });
});

describe("published copies", () => {
  it("come at 480, 800, 1200 and 1600 pixels wide, never wider than the photo", () => {
    expect(copyWidths(4000)).toEqual([480, 800, 1200, 1600]);
    expect(copyWidths(1600)).toEqual([480, 800, 1200, 1600]);
    expect(copyWidths(1000)).toEqual([480, 800, 1000]);
    expect(copyWidths(300)).toEqual([300]);
  });

  it("carry no EXIF, GPS, XMP, IPTC or colour profile from a photo that has them, and are sRGB", async () => {
    const dir = mkdtempSync(join(tmpdir(), "casefile-copies-"));
    const source = join(dir, "hostile.jpg");
    await hostilePhoto(1400, 900, "#3366aa").toFile(source);
    const before = await sharp(source).metadata();
    expect([before.exif !== undefined, before.icc !== undefined, before.xmp !== undefined]).toEqual([true, true, true]);

    const info = await inspectImage(source);
    if ("code" in info) throw new Error(info.message);
    const picture = pictureOf(source, info, { alt: "A street", credit: "X" }, { basePath: "/", cacheDir: join(dir, "cache"), lead: true });
    expect(await makeCopies(picture)).toBeUndefined();
    const written = readdirSync(join(dir, "cache")).sort();
    expect(written).toHaveLength(13);
    for (const name of written) {
      const bytes = readFileSync(join(dir, "cache", name));
      const meta = await sharp(bytes).metadata();
      expect([name, meta.exif, meta.icc, meta.xmp, meta.iptc, meta.space]).toEqual([name, undefined, undefined, undefined, undefined, "srgb"]);
      for (const secret of ["SpyCam", "SN-8842-1177", "Secret Safehouse", "Leaky Agency"]) expect(bytes.includes(secret), `${name}: ${secret}`).toBe(false);
    }
    const social = await sharp(join(dir, "cache", `${info.hash}-1200x630.jpg`)).metadata();
    expect([social.width, social.height, social.format]).toEqual([1200, 630, "jpeg"]);
  });

  it("are made upright from a photo its camera marked as turned", async () => {
    const dir = mkdtempSync(join(tmpdir(), "casefile-turned-"));
    const source = join(dir, "turned.jpg");
    await sharp({ create: { width: 900, height: 600, channels: 3, background: "#aa3333" } }).withMetadata({ orientation: 6 }).jpeg().toFile(source);
    const info = await inspectImage(source);
    expect(info).toMatchObject({ width: 600, height: 900 });
  });
});
