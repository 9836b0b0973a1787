import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { pad2 } from "../dates.ts";
import { parseArticle } from "../content/parse.ts";
import type { ContentProblem } from "../content/problems.ts";
import { ARTICLE_FIELDS, PLACEHOLDERS, validateArticle, type ArticleContext, type ValidatedArticle } from "../content/schema.ts";
import type { SiteDate } from "../types.ts";

/** The fields an editor command fills in; every other field of the contract is written as a commented hint. */
export interface ArticleFields {
  title: string;
  /** As it will be written: "2024-06-26" or an ISO 8601 date-time. */
  date: string;
  /** A topic id or name; left out, the build's "topic: missing" message lists the topics. */
  topic?: string;
  /** Person ids, names or aliases. */
  people: readonly string[];
  /** Author ids or names; left out, the article has site.yaml's default author. */
  authors?: readonly string[];
  draft?: boolean;
  /** The lead photo: `src` as it will be written (beside the article), its alt text, credit and caption. */
  image?: { src: string; alt?: string; credit?: string; caption?: string };
}

type Field = (typeof ARTICLE_FIELDS)[number];

// One commented example per optional field, valid as written once the "# " is removed.
const HINTS: Record<Exclude<Field, "title" | "date" | "topic">, (f: ArticleFields, slug: string) => string[]> = {
  people: () => [`people: [person-id, "Name or alias from people.yaml"]`],
  authors: () => [`authors: [author-id, "Name from authors.yaml"]`],
  summary: () => [`summary: ${JSON.stringify(PLACEHOLDERS.summary)}`],
  sources: (f) => [
    "sources:",
    `  - title: "Headline of the report"`,
    "    url: https://www.example.org/report",
    `    publisher: "Name of the publisher"`,
    `    date: ${dayOf(f.date)}`,
  ],
  milestone: () => ["milestone: true"],
  updated: (f) => [`updated: ${dayOf(f.date)}`],
  corrections: (f) => ["corrections:", `  - date: ${dayOf(f.date)}`, `    note: "What was wrong, and what the article says now."`],
  draft: () => ["draft: true"],
  slug: (_f, slug) => [`slug: ${slug}`],
  image: () => ["image:", `  src: ./photo.jpg`, `  alt: "What the photo shows, for readers who cannot see it"`, `  caption: "What is happening, where and when"`, `  credit: "Photographer / Agency"`],
};

/**
 * The text of a new article file: front-matter with every field of the contract in the contract's order,
 * the ones not filled in present as commented hints, then `body`. Text values are written as JSON strings,
 * which YAML reads back exactly as given (ids and dates are left bare).
 */
export function articleText(fields: ArticleFields, slug: string, body: string): string {
  const lines = ["---"];
  for (const field of ARTICLE_FIELDS) {
    const value = valueLines(field, fields);
    if (value) lines.push(...value);
    else if (field !== "title" && field !== "date" && field !== "topic") lines.push(...HINTS[field](fields, slug).map((l) => `# ${l}`));
  }
  lines.push("---", "", body.trimEnd(), "");
  return lines.join("\n");
}

function valueLines(field: Field, f: ArticleFields): string[] | undefined {
  switch (field) {
    case "title":
      return [`title: ${JSON.stringify(f.title)}`];
    case "date":
      return [`date: ${scalar(f.date)}`];
    case "topic":
      return f.topic === undefined ? undefined : [`topic: ${scalar(f.topic)}`];
    case "people":
      return f.people.length ? [`people: [${f.people.map(scalar).join(", ")}]`] : undefined;
    case "authors":
      return f.authors?.length ? [`authors: [${f.authors.map(scalar).join(", ")}]`] : undefined;
    case "draft":
      return f.draft ? ["draft: true"] : undefined;
    case "image":
      if (!f.image) return undefined;
      return [
        "image:",
        `  src: ${JSON.stringify(f.image.src)}`,
        ...(f.image.alt !== undefined ? [`  alt: ${JSON.stringify(f.image.alt)}`] : []),
        ...(f.image.caption ? [`  caption: ${JSON.stringify(f.image.caption)}`] : []),
        ...(f.image.credit !== undefined ? [`  credit: ${JSON.stringify(f.image.credit)}`] : []),
      ];
    default:
      return undefined;
  }
}

// Ids and dates are left bare when YAML reads them back unchanged ("null" or "1e5" would not be); anything else is quoted.
const PLAIN = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?)$/;

function scalar(value: string): string {
  return PLAIN.test(value) && parse(value, { schema: "core" }) === value ? value : JSON.stringify(value);
}

/** The calendar-day part of a date as written, for the examples in hints. */
function dayOf(date: string): string {
  return date.slice(0, 10);
}

/** Validates an article's text exactly as the build will, as if it were the file `file`. */
export function validateText(text: string, file: string, ctx: ArticleContext): ValidatedArticle {
  const parsed = parseArticle(text, file);
  return "code" in parsed ? { problems: [parsed], images: [], hints: [] } : validateArticle(parsed, file, ctx);
}

/** Where an article goes by convention: articles/YYYY/YYYY-MM-DD-slug.md, dated in the site's zone. */
export function articlePath(articlesDir: string, date: SiteDate, slug: string): string {
  const day = `${date.year}-${pad2(date.month)}-${pad2(date.day)}`;
  return join(articlesDir, String(date.year), `${day}-${slug}.md`);
}

/**
 * Writes `text` to a new file at `path`, creating its folder. Returns false, writing nothing, when the file
 * already exists: existence is checked and the file created in one step, so nothing is ever overwritten.
 */
export function writeNewFile(path: string, text: string): boolean {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}
