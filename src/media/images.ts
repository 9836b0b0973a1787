import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import sharp, { type Metadata } from "sharp";
import { joinUrl } from "../urls.ts";
import { displayPath, readRegularFile } from "../content/read.ts";
import type { ProblemCode } from "../content/catalogue.ts";
import type { ContentProblem } from "../content/problems.ts";
import { LIMITS } from "../limits.ts";
import type { Archive, ImageFile, Picture } from "../types.ts";

/** Widths of the copies of a photo, in pixels; a photo is never enlarged, so a narrower one gets fewer. */
export const IMAGE_WIDTHS = [480, 800, 1200, 1600] as const;
/** The largest photo accepted, in pixels (width × height), read from its header before anything is decoded. */
export const MAX_PIXELS = 100_000_000;
/** The size of the picture a shared link shows (Open Graph, Twitter, NewsArticle), in pixels. */
export const SHARE_SIZE = { width: 1200, height: 630 } as const;

// Bumped whenever the encoding settings below change, so no copy made with other settings is served under a name.
const PIPELINE = "casefile-images-1";
const FORMATS = [
  { ext: "avif", type: "image/avif" },
  { ext: "webp", type: "image/webp" },
  { ext: "jpg", type: "image/jpeg" },
] as const;
/** The formats sharp reads that a newsroom's photos come in; anything else is refused, SVG with its own message. */
const PHOTO_FORMATS = new Set(["jpeg", "png", "webp", "gif", "tiff", "heif"]);

/**
 * Why an image reference cannot be used: a problem without its place, which the caller knows. `message` says
 * what the file is or does, to follow the reference as written: `"./photo.jpg" is not an image`.
 */
export interface ImageFault {
  code: ProblemCode;
  message: string;
  expected: string;
}

const WHERE = "a file in the content folder: a path relative to the article's folder (./photo.jpg), or from content/ when it starts with /";

/**
 * Where an image reference leads: `src` relative to the article's folder, or to the content folder when it starts
 * with "/". A remote URL, a path (or a link) that leads outside the content folder, and a file that is not there
 * are refused. `articleFile` and `contentDir` are absolute.
 */
export function locateImage(src: string, articleFile: string, contentDir: string, cwd = process.cwd()): { path: string } | ImageFault {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
    const web = /^(https?:)?\/\//i.test(src);
    return {
      code: "image-remote",
      message: web ? "is a remote URL" : "is not a file path",
      expected: `${WHERE}: images are served from the site itself, and its Content-Security-Policy loads no image from elsewhere; save the photo beside the article`,
    };
  }
  const root = resolve(contentDir);
  const path = src.startsWith("/") ? join(root, src) : resolve(dirname(articleFile), src);
  const outside = (p: string, r: string) => {
    const rel = relative(r, p);
    return rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel);
  };
  const leadsOut: ImageFault = { code: "image-outside", message: "leads outside the content folder", expected: WHERE };
  if (outside(path, root)) return leadsOut;
  if (!existsSync(path)) {
    return { code: "image-missing", message: `does not exist (looked for ${displayPath(path, cwd)})`, expected: WHERE };
  }
  try {
    if (outside(realpathSync.native(path), realpathSync.native(root))) return leadsOut;
  } catch {
    return { code: "image-missing", message: "cannot be followed to a file", expected: WHERE };
  }
  return { path };
}

/** What the build needs to know of a photo: its content hash and its size upright, in pixels. */
export interface ImageInfo {
  hash: string;
  width: number;
  height: number;
}

/**
 * Reads a photo and its header (never its pixels): a file that is not an image whatever its name, an SVG, a
 * format that is not a photo's, or more than MAX_PIXELS pixels is refused before anything is decoded.
 */
export async function inspectImage(path: string): Promise<ImageInfo | ImageFault> {
  const bytes = readRegularFile(path, displayPath(path), LIMITS.imageBytes, "an image");
  if (!(bytes instanceof Uint8Array)) return { code: "image-unreadable", message: bytes.message, expected: bytes.expected ?? WHERE };
  let meta: Metadata;
  try {
    // Only the header is read here, so sharp's own pixel limit is lifted to learn the size; ours is checked below.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { code: "image-not-image", message: "is not an image", expected: "a photo saved as JPEG, PNG, WebP or AVIF (the file's name does not make it one)" };
  }
  if (meta.format === "svg") {
    return {
      code: "image-svg",
      message: "is an SVG drawing; SVG is refused, because it can carry scripts and links to other sites",
      expected: "the drawing exported as a PNG",
    };
  }
  if (!PHOTO_FORMATS.has(meta.format) || (meta.format === "heif" && meta.compression !== "av1")) {
    return { code: "image-not-image", message: `is a ${meta.format === "heif" ? "HEIC" : meta.format.toUpperCase()} file, not a web photo format`, expected: "the photo saved as JPEG, PNG, WebP or AVIF" };
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) return { code: "image-not-image", message: "has no size in its header", expected: "a photo saved as JPEG, PNG, WebP or AVIF" };
  if (width * height > MAX_PIXELS) {
    return {
      code: "image-too-large",
      message: `is ${width} × ${height} pixels (${Math.round((width * height) / 1_000_000)} megapixels); it was not opened`,
      expected: `at most ${MAX_PIXELS / 1_000_000} megapixels: resize the photo (the site publishes it at most ${IMAGE_WIDTHS.at(-1)} pixels wide)`,
    };
  }
  return { hash: contentHash(bytes), width, height };
}

/**
 * Photos already inspected, by path, while the file's size and time stamps are unchanged: the preview keeps one
 * so an edit reads again only the photos that changed.
 */
export class ImageInspector {
  private readonly seen = new Map<string, { stamp: string; result: ImageInfo | ImageFault }>();

  async inspect(path: string): Promise<ImageInfo | ImageFault> {
    const stat = statSync(path, { throwIfNoEntry: false });
    // An article reused from the preview's cache was located before: its photo may have gone since.
    if (!stat) return { code: "image-missing", message: "does not exist any more", expected: WHERE };
    const stamp = `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
    const known = this.seen.get(path);
    if (known && known.stamp === stamp) return known.result;
    const result = await inspectImage(path);
    this.seen.set(path, { stamp, result });
    return result;
  }
}

/** The widths a photo `width` pixels wide is published at. */
export function copyWidths(width: number): number[] {
  return [...new Set([...IMAGE_WIDTHS.filter((w) => w < width), Math.min(width, IMAGE_WIDTHS.at(-1)!)])];
}

/**
 * The published copies of a photo at `source` (absolute; and, for a lead photo, its crop for shared links), named
 * by its content hash below /images/. `cacheDir` is the image cache the copies are made into (absolute).
 */
export function pictureOf(
  source: string,
  info: ImageInfo,
  words: { alt: string; caption?: string; credit?: string },
  options: { basePath: string; cacheDir: string; lead: boolean },
): Picture {
  const file = (name: string, width: number, height: number, type: ImageFile["type"]): ImageFile => ({
    path: `/images/${name}`,
    url: joinUrl(options.basePath, `/images/${name}`),
    width,
    height,
    type,
    cached: join(options.cacheDir, name),
  });
  const widths = copyWidths(info.width);
  const heightAt = (w: number) => Math.max(1, Math.round((w * info.height) / info.width));
  const files = FORMATS.flatMap(({ ext, type }) => widths.map((w) => file(`${info.hash}-${w}.${ext}`, w, heightAt(w), type)));
  const widest = widths.at(-1)!;
  const picture: Picture = { alt: words.alt, width: widest, height: heightAt(widest), files, source: { path: source, hash: info.hash } };
  if (words.caption) picture.caption = words.caption;
  if (words.credit) picture.credit = words.credit;
  if (options.lead) picture.social = file(`${info.hash}-${SHARE_SIZE.width}x${SHARE_SIZE.height}.jpg`, SHARE_SIZE.width, SHARE_SIZE.height, "image/jpeg");
  return picture;
}

/** The JPEG copy an `<img>` falls back to, and that feeds and schema.org name: the widest. */
export function widestJpeg(picture: Picture): ImageFile {
  return picture.files.filter((f) => f.type === "image/jpeg").at(-1)!;
}

/** Every file a photo is published as: its copies, then its crop for shared links. */
export function publishedFiles(picture: Picture): ImageFile[] {
  return picture.social ? [...picture.files, picture.social] : picture.files;
}

/**
 * Makes the copies of a photo that the image cache lacks. Each is turned upright, converted to sRGB and written
 * with no metadata at all (EXIF, GPS, XMP, IPTC, maker notes, ICC profile): sharp keeps none unless asked to, and
 * the original's bytes are never copied. Written to a temporary name and renamed, so the cache never holds half a
 * file. Returns a problem naming the photo when it cannot be decoded, or changed since it was inspected.
 */
export async function makeCopies(picture: Picture): Promise<ContentProblem | undefined> {
  const missing = publishedFiles(picture).filter((f) => !existsSync(f.cached));
  if (!missing.length) return undefined;
  const file = displayPath(picture.source.path);
  const bytes = readRegularFile(picture.source.path, file, LIMITS.imageBytes, "an image");
  if (!(bytes instanceof Uint8Array)) return { ...bytes, code: "image-unreadable" };
  if (contentHash(bytes) !== picture.source.hash) {
    return { code: "image-unreadable", file, field: "file", message: "changed while the site was being built", expected: "the build run again" };
  }
  try {
    const upright = sharp(bytes, { limitInputPixels: MAX_PIXELS }).rotate().toColourspace("srgb");
    for (const copy of missing) {
      const fit = copy === picture.social ? ({ fit: "cover", position: "attention" } as const) : ({ fit: "fill" } as const);
      let pipeline = upright.clone().resize(copy.width, copy.height, fit);
      pipeline =
        copy.type === "image/avif"
          ? pipeline.avif({ quality: 55, effort: 2 })
          : copy.type === "image/webp"
            ? pipeline.webp({ quality: 78 })
            : pipeline.flatten({ background: "#ffffff" }).jpeg({ quality: 80, mozjpeg: true, progressive: true });
      const out = await pipeline.toBuffer();
      mkdirSync(dirname(copy.cached), { recursive: true });
      const temporary = `${copy.cached}.${process.pid}.tmp`;
      writeFileSync(temporary, out);
      renameSync(temporary, copy.cached);
    }
  } catch (error) {
    return {
      code: "image-not-image",
      file,
      field: "file",
      message: `cannot be decoded as an image (${(error as Error).message.split("\n")[0]})`,
      expected: "the photo saved again as JPEG, PNG, WebP or AVIF",
    };
  }
  return undefined;
}

/** The bytes of a published copy, from the image cache. */
export function copyBytes(file: ImageFile): Buffer {
  return readFileSync(file.cached);
}

function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(PIPELINE).update(bytes).digest("hex").slice(0, 16);
}

/** Every photo the archive publishes: each article's lead photo, then the photos in its body. */
export function picturesOf(archive: Archive): Picture[] {
  return archive.articles.flatMap((a) => (a.image ? [a.image, ...a.figures] : a.figures));
}

/** Every file the archive's photos are published as, each once, in article order. */
export function imageFilesOf(archive: Archive): ImageFile[] {
  const files = new Map<string, ImageFile>();
  for (const picture of picturesOf(archive)) for (const file of publishedFiles(picture)) files.set(file.path, file);
  return [...files.values()];
}

/**
 * Makes every copy of every photo the image cache lacks, one photo at a time (sharp uses every core for each).
 * Returns the problems of photos that could not be decoded; a photo already processed costs a file check.
 */
export async function makeArchiveCopies(archive: Archive): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  for (const picture of picturesOf(archive)) {
    const problem = await makeCopies(picture);
    if (problem) problems.push(problem);
  }
  return problems;
}
