import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { parseSiteDate, todayIn } from "../dates.ts";
import type { ContentProblem } from "../content/problems.ts";
import { altIsFileName, PLACEHOLDERS, type ValidArticle } from "../content/schema.ts";
import { inspectImage, type ImageFault } from "../media/images.ts";
import { shortSlug, slugify } from "../slug.ts";
import { articlePath, articleText, validateText, writeNewFile } from "./article-file.ts";
import { openWorkspace } from "./workspace.ts";

/** What `npm run new` is asked for. */
export interface NewArticleRequest {
  title: string;
  /** As the editor typed it; defaults to today in the site's zone. */
  date?: string;
  /** A topic id or name. */
  topic?: string;
  /** Person ids, names or aliases. */
  people: readonly string[];
  /** Author ids or names from authors.yaml; none gives the article site.yaml's default author. */
  authors?: readonly string[];
  contentDir: string;
  cwd?: string;
  /** A photo to copy beside the article as its lead photo (a path relative to `cwd`), with its alt text, credit and caption. */
  image?: { path: string; alt?: string; credit?: string; caption?: string };
  /** The current moment, for "today"; injectable for tests. */
  now?: Date;
}

/** The file written, as messages show its path, and the article as the build will read it. */
export type NewArticleResult = { file: string; article: ValidArticle; photo?: string } | { problems: ContentProblem[] };

/**
 * Writes a new draft article from a title, a date, a topic, people and authors, with placeholder text for the body
 * (which the build refuses once draft: true is removed). The values are checked exactly as the build checks a file
 * (same messages, same "did you mean" suggestions); the topic, people and authors are written as ids. A photo given
 * with `image` is checked as the build checks one, and copied beside the article under the article's own name.
 * Nothing is written when anything is wrong or a file is already at the article's path.
 */
export async function newArticle(request: NewArticleRequest): Promise<NewArticleResult> {
  const ws = openWorkspace(request.contentDir, request.cwd);
  if ("problems" in ws) return ws;
  const date = request.date?.trim() || todayIn(ws.site.timezone, request.now);
  // A long title gives a file name cut at a word: slugs are at most LIMITS.slugLength characters.
  const slug = shortSlug(slugify(request.title));
  const siteDate = parseSiteDate(date, ws.ctx.dates);
  const path = siteDate && slug ? articlePath(ws.articlesDir, siteDate, slug) : join(ws.articlesDir, `${slug || "untitled"}.md`);
  const file = ws.display(path);
  if (!slug) {
    return { problems: [{ code: "title-no-words", file, field: "title", message: `${JSON.stringify(request.title)} has no letters or digits to name the file after`, expected: "a title with words in it" }] };
  }

  // The photo goes beside the article, named after it: 2024-06-26-slug.jpg.
  const photo = request.image && { from: resolve(request.cwd ?? process.cwd(), request.image.path), to: path.replace(/\.md$/, extname(request.image.path).toLowerCase() || ".jpg") };
  const problems: ContentProblem[] = [];
  if (request.image && photo) {
    const found = existsSync(photo.from) ? await inspectImage(photo.from) : ({ code: "image-missing", message: "does not exist", expected: "the path of a photo on this computer" } satisfies ImageFault);
    if ("code" in found) problems.push({ code: found.code, file, field: "--image", message: `${JSON.stringify(request.image.path)} ${found.message}`, expected: found.expected });
  }
  const image = request.image && photo ? { src: `./${photo.to.slice(photo.to.lastIndexOf("/") + 1)}`, alt: request.image.alt, credit: request.image.credit, caption: request.image.caption } : undefined;
  // The photo is renamed after the article, so alt text that is its old name is caught here.
  if (request.image?.alt !== undefined && altIsFileName(request.image.alt, request.image.path)) {
    problems.push({ code: "image-alt", file, field: "--alt", message: `${JSON.stringify(request.image.alt)} is the file's name, not a description`, expected: "words that say what the photo shows, for readers who cannot see it" });
  }

  if (photo && existsSync(photo.to)) {
    return { problems: [{ code: "file-exists", file: ws.display(photo.to), field: "--image", message: "already exists; nothing was written", expected: "a new file: change the title or the date, or edit that article" }] };
  }
  // A good photo is put beside the article before the article is checked, as the build will find it; it is
  // removed again if anything is wrong. A bad one is not copied, so "not there" is no news about it.
  const copied = photo !== undefined && problems.length === 0;
  if (copied) {
    mkdirSync(dirname(photo.to), { recursive: true });
    copyFileSync(photo.from, photo.to);
  }
  // Checked as typed, so every message names the value the editor gave; the file does not exist yet, so no line.
  const given = { title: request.title, date, topic: request.topic, people: request.people, authors: request.authors ?? [], draft: true, ...(image ? { image } : {}) };
  const checked = validateText(articleText(given, slug, PLACEHOLDERS.body), file, ws.ctx);
  const option = (p: ContentProblem) => (p.field.startsWith("image.") ? { ...p, field: `--${p.field.slice(6)}` } : p);
  problems.push(...checked.problems.filter((p) => copied || p.code !== "image-missing").map(({ line: _line, ...p }) => option(p)));
  if (problems.length || !checked.article) {
    if (copied) rmSync(photo.to, { force: true });
    return { problems };
  }

  const article = checked.article;
  const authors = given.authors.length ? article.authors.map((a) => a.id) : [];
  const text = articleText({ ...given, topic: article.topic.id, people: article.people.map((p) => p.id), authors }, slug, PLACEHOLDERS.body);
  if (!writeNewFile(path, text)) {
    if (copied) rmSync(photo.to, { force: true });
    return { problems: [{ code: "file-exists", file, field: "file", message: "already exists; nothing was written", expected: "a new file: change the title or the date, or edit that file" }] };
  }
  return { file, article, ...(photo ? { photo: ws.display(photo.to) } : {}) };
}
