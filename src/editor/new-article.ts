import { join } from "node:path";
import { parseSiteDate, todayIn } from "../dates.ts";
import type { Located } from "../content/problems.ts";
import { PLACEHOLDERS, type ValidArticle } from "../content/schema.ts";
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
  /** The current moment, for "today"; injectable for tests. */
  now?: Date;
}

/** The file written, as messages show its path, and the article as the build will read it. */
export type NewArticleResult = { file: string; article: ValidArticle } | { problems: Located[] };

/**
 * Writes a new draft article from a title, a date, a topic, people and authors, with placeholder text for the body
 * (which the build refuses once draft: true is removed). The values are checked exactly as the build checks a file
 * (same messages, same "did you mean" suggestions); the topic, people and authors are written as ids.
 * Nothing is written when anything is wrong or a file is already at the article's path.
 */
export function newArticle(request: NewArticleRequest): NewArticleResult {
  const ws = openWorkspace(request.contentDir, request.cwd);
  if ("problems" in ws) return ws;
  const date = request.date?.trim() || todayIn(ws.site.timezone, request.now);
  // A long title gives a file name cut at a word: slugs are at most LIMITS.slugLength characters.
  const slug = shortSlug(slugify(request.title));
  const siteDate = parseSiteDate(date, ws.ctx.dates);
  const path = siteDate && slug ? articlePath(ws.articlesDir, siteDate, slug) : join(ws.articlesDir, `${slug || "untitled"}.md`);
  const file = ws.display(path);
  if (!slug) {
    return { problems: [{ file, field: "title", message: `${JSON.stringify(request.title)} has no letters or digits to name the file after`, expected: "a title with words in it" }] };
  }

  // Checked as typed, so every message names the value the editor gave; the file does not exist yet, so no line.
  const given = { title: request.title, date, topic: request.topic, people: request.people, authors: request.authors ?? [], draft: true };
  const checked = validateText(articleText(given, slug, PLACEHOLDERS.body), file, ws.ctx);
  if (!checked.article) return { problems: checked.problems.map(({ line: _line, ...p }) => p) };

  const article = checked.article;
  const authors = given.authors.length ? article.authors.map((a) => a.id) : [];
  const text = articleText({ ...given, topic: article.topic.id, people: article.people.map((p) => p.id), authors }, slug, PLACEHOLDERS.body);
  if (!writeNewFile(path, text)) {
    return { problems: [{ file, field: "file", message: "already exists; nothing was written", expected: "a new file: change the title or the date, or edit that file" }] };
  }
  return { file, article };
}
