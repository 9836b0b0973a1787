import { basename, extname, resolve } from "node:path";
import { DATE_EXPECTED, pad2, parseSiteDate, type DateContext } from "../dates.ts";
import { bodyImages, renderBody, type BodyImage } from "../markdown.ts";
import { locateImage } from "../media/images.ts";
import { authorKeys, closest, personKeys, Registry, topicKeys } from "../registry.ts";
import { LIMITS } from "../limits.ts";
import { shortSlug, slugFault, slugFromFileName } from "../slug.ts";
import type { Article, Author, Correction, Person, Ref, SiteConfig, SiteDate, Source, Topic } from "../types.ts";
import { FieldReader, isRecord } from "./fields.ts";
import type { FieldPath, ParsedArticle } from "./parse.ts";
import { quote, type ContentProblem, type Located } from "./problems.ts";
import { joinUrl } from "../urls.ts";
import { escapeRegExp } from "../text.ts";
import { PackedText } from "../packed.ts";

/** Every front-matter field an article may have. */
export const ARTICLE_FIELDS = [
  "title",
  "date",
  "topic",
  "people",
  "authors",
  "summary",
  "sources",
  "milestone",
  "updated",
  "corrections",
  "draft",
  "slug",
  "image",
] as const;

/**
 * The placeholder texts `npm run new` writes: the body, and the example summary among the commented hints.
 * A draft may still hold them; a published article may not.
 */
export const PLACEHOLDERS = {
  body: "Replace this paragraph with the article, in Markdown. Headings start at ##. Unless summary: is set, the first paragraph is the standfirst.",
  summary: "One sentence for lists and the top of the page. Without it, the first paragraph is used.",
} as const;

// Each placeholder as a pattern that still finds it when an editor's text editor has re-wrapped its lines.
const PLACEHOLDER_PATTERNS = Object.values(PLACEHOLDERS).map(
  (text) => new RegExp(text.split(" ").map((word) => escapeRegExp(word)).join("\\s+")),
);

/** What validating an article needs to know besides the article. */
export interface ArticleContext {
  dates: DateContext;
  basePath: string;
  topics: Registry<Topic>;
  people: Registry<Person>;
  authors: Registry<Author>;
  /** The byline of an article without `authors:`: site.yaml's default author, or none. */
  defaultAuthors: Ref[];
  /** False when only the problems matter (`npm run check`): bodies are not rendered, and `bodyHtml` and derived summaries stay empty. */
  renderBodies?: boolean;
  /** The content folder (absolute), which every photo must be in, and the folder article paths are relative to. */
  contentDir: string;
  cwd: string;
}

/**
 * The context articles are validated in: the site's zone, language, base path and default author, the registries,
 * and where the content folder is (photos are found from it and from each article's folder).
 */
export function articleContext(
  site: Pick<SiteConfig, "timezone" | "language" | "basePath" | "author">,
  topics: readonly Topic[],
  people: readonly Person[],
  authors: readonly Author[] = [],
  where: { contentDir: string; cwd: string } = { contentDir: resolve("content"), cwd: process.cwd() },
): ArticleContext {
  const registry = new Registry(authors, authorKeys);
  const fallback = site.author === undefined ? undefined : registry.find(site.author);
  return {
    dates: { zone: site.timezone, locale: site.language },
    basePath: site.basePath,
    topics: new Registry(topics, topicKeys),
    people: new Registry(people, personKeys),
    authors: registry,
    defaultAuthors: fallback ? [refTo(fallback)] : [],
    contentDir: resolve(where.contentDir),
    cwd: where.cwd,
  };
}

/**
 * The one `Ref` to a registry entry, shared by every article that names it: at 100,000 articles a copy an article
 * took about 15 MB for the whole build. Nothing changes a `Ref`; an edited registry is read into new entries.
 */
const refs = new WeakMap<Topic | Person | Author, Ref>();

function refTo(entry: Topic | Person | Author): Ref {
  let ref = refs.get(entry);
  if (!ref) refs.set(entry, (ref = { id: entry.id, name: entry.name, url: entry.url }));
  return ref;
}

/** A photo an article uses, found in the content folder; its file is read and checked once every article is validated. */
export interface ImageUse {
  /** Where it is named: the article, the line, and the field as problems name it (`image.src`, `body image`). */
  file: string;
  line?: number;
  field: string;
  /** As written, and the file it leads to (absolute). */
  src: string;
  path: string;
  alt: string;
  caption?: string;
  credit?: string;
  /** Undefined for the lead photo; the place in the body (see `renderBody`) for a photo there. */
  figure?: number;
}

/** A note `npm run check` shows about an article that is valid. */
export interface ContentHint extends Located {
  code: "image-credit-missing";
}

/** What validating an article gives: the article (its body's photos still marks), or every problem, and the photos it uses. */
export interface ValidatedArticle {
  article?: ValidArticle;
  problems: ContentProblem[];
  images: ImageUse[];
  hints: ContentHint[];
}

/** An article as validated, before it is placed in the chronology. */
export type ValidArticle = Omit<Article, "previous" | "next" | "related">;

/** Validates one parsed article and resolves its dates, topic, people and URL; returns every problem found. */
export function validateArticle(parsed: ParsedArticle, file: string, ctx: ArticleContext): ValidatedArticle {
  if (!isRecord(parsed.value)) {
    return {
      images: [],
      hints: [],
      problems: [
        {
          code: "frontmatter-not-mapping",
          file,
          line: 2,
          field: "front-matter",
          message: `is ${quote(parsed.value)}, not a mapping`,
          expected: "one `field: value` per line, e.g. title: …",
        },
      ],
    };
  }
  const f = new FieldReader(file, parsed, [], parsed.value);
  f.refuseUnknown(ARTICLE_FIELDS, (key) => closest(key, ARTICLE_FIELDS, (k) => [k]));

  const title = f.text("title", true);
  const date = readDate(f, ctx.dates, ["date"], f.get("date"), true);
  const updated = readDate(f, ctx.dates, ["updated"], f.get("updated"), false);
  if (date && updated && updated.epochMs < date.epochMs) {
    f.report("date-order", ["updated"], `${updated.datetime} is before the article's date ${date.datetime}`, "a date on or after the article's date");
  }
  const topic = resolveArticleTopic(f, ctx);
  const people = resolveArticlePeople(f, ctx);
  const authors = resolveArticleAuthors(f, ctx);
  const summary = f.text("summary", false);
  const sources = readSources(f, ctx.dates);
  const corrections = readCorrections(f, ctx.dates);
  const milestone = f.bool("milestone");
  const draft = f.bool("draft");
  const slug = readSlug(f, file);
  if (!draft) refusePlaceholders(f, parsed, summary);
  const lead = readLeadImage(f, parsed, file, ctx);

  const valid = !f.problems.length && title && date && topic && slug;
  // Markdown cannot be invalid, so a check that renders nothing only looks for its photos.
  const body = valid && ctx.renderBodies !== false ? renderBody(parsed.body) : { html: "", summary: "", images: bodyImages(parsed.body) };
  const inBody = readBodyImages(body.images, parsed.bodyLine, file, ctx);
  const images = [...(lead ? [lead] : []), ...inBody.images];
  const problems = [...f.problems, ...inBody.problems];
  if (problems.length || !title || !date || !topic || !slug) return { problems, images, hints: [] };
  const path = `/${date.year}/${pad2(date.month)}/${pad2(date.day)}/${slug}/`;
  const article: ValidArticle = {
    file,
    title,
    slug,
    path,
    url: joinUrl(ctx.basePath, path),
    date,
    corrections,
    topic,
    people,
    authors,
    summary: summary ?? body.summary,
    // Deflated: see Article.bodyHtml.
    bodyHtml: PackedText.pack(body.html),
    sources,
    figures: [],
    milestone,
    draft,
  };
  if (updated) article.updated = updated;
  return { article, problems: [], images, hints: inBody.hints };
}

const IMAGE_FIELDS = ["src", "alt", "caption", "credit"];
const ALT_EXPECTED = "words that say what the photo shows, for readers who cannot see it";

/** True when alt text is only the photo's file name (with or without its extension), which tells a reader nothing. */
export function altIsFileName(alt: string, src: string): boolean {
  const name = basename(src).toLowerCase();
  const text = alt.trim().toLowerCase();
  return text === name || text === basename(name, extname(name));
}

/** The lead photo, `image: {src, alt, caption?, credit}`: every field checked, the file found in the content folder. */
function readLeadImage(f: FieldReader, parsed: ParsedArticle, file: string, ctx: ArticleContext): ImageUse | undefined {
  const value = f.get("image");
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    f.report("field-type", ["image"], `${quote(value)} is not a mapping`, "src:, alt: and credit: (and optionally caption:) indented under image:");
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!IMAGE_FIELDS.includes(key)) f.report("field-unknown", ["image", key], "is not a known field", `one of: ${IMAGE_FIELDS.join(", ")}`, near(key, IMAGE_FIELDS));
  }
  const src = f.textAt(["image", "src"], value.src, true, "the photo's file, e.g. ./court.jpg beside the article");
  const alt = f.textAt(["image", "alt"], value.alt, true, ALT_EXPECTED);
  const caption = f.textAt(["image", "caption"], value.caption, false);
  const credit = f.textAt(["image", "credit"], value.credit, true, "who took the photo or supplied it: a newsroom credits every photo");
  if (src !== undefined && alt !== undefined && altIsFileName(alt, src)) {
    f.report("image-alt", ["image", "alt"], `${JSON.stringify(alt)} is the file's name, not a description`, ALT_EXPECTED);
  }
  if (src === undefined) return undefined;
  const located = locateImage(src, resolve(ctx.cwd, file), ctx.contentDir, ctx.cwd);
  if ("code" in located) {
    f.report(located.code, ["image", "src"], `${JSON.stringify(src)} ${located.message}`, located.expected);
    return undefined;
  }
  const use: ImageUse = { file, field: "image.src", src, path: located.path, alt: alt ?? "", ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) };
  const line = parsed.lineOf(["image", "src"]);
  if (line !== undefined) use.line = line;
  return use;
}

function near(key: string, known: readonly string[]): string | undefined {
  const match = closest(key, known, (k) => [k]);
  return match ? `did you mean "${match}"?` : undefined;
}

/**
 * The photos in the body, `![alt](src "caption | credit")`: each must stand in a paragraph of its own, have alt
 * text, and lead to a file in the content folder. A photo without a credit is a hint, not a problem.
 */
function readBodyImages(found: readonly BodyImage[], bodyLine: number, file: string, ctx: ArticleContext): { images: ImageUse[]; problems: ContentProblem[]; hints: ContentHint[] } {
  const images: ImageUse[] = [];
  const problems: ContentProblem[] = [];
  const hints: ContentHint[] = [];
  found.forEach((image, figure) => {
    const line = bodyLine + image.line;
    const quoted = JSON.stringify(image.src);
    const where = { file, line, field: "body image" };
    const example = `![${image.alt || "what the photo shows"}](${image.src} "caption | credit")`;
    let ok = true;
    if (!image.alone) {
      problems.push({ code: "image-inline", ...where, message: `${quoted} shares its paragraph with text or sits in a link`, expected: "the photo on a line of its own, with a blank line before and after it" });
      ok = false;
    }
    if (image.alt.trim() === "") {
      problems.push({ code: "image-alt", ...where, message: `${quoted} has no alt text`, expected: `${ALT_EXPECTED}: ${example}` });
      ok = false;
    } else if (altIsFileName(image.alt, image.src)) {
      problems.push({ code: "image-alt", ...where, message: `the alt text ${JSON.stringify(image.alt)} is the file's name, not a description`, expected: ALT_EXPECTED });
      ok = false;
    }
    const located = locateImage(image.src, resolve(ctx.cwd, file), ctx.contentDir, ctx.cwd);
    if ("code" in located) {
      problems.push({ code: located.code, ...where, message: `${quoted} ${located.message}`, expected: located.expected });
      return;
    }
    const bar = image.title.lastIndexOf("|");
    const caption = (bar === -1 ? image.title : image.title.slice(0, bar)).trim();
    const credit = bar === -1 ? "" : image.title.slice(bar + 1).trim();
    if (!credit && ok) hints.push({ code: "image-credit-missing", ...where, message: `${quoted} has no credit`, expected: `the credit after " | " in the title: ${example}` });
    images.push({ ...where, src: image.src, path: located.path, alt: image.alt.trim(), ...(caption ? { caption } : {}), ...(credit ? { credit } : {}), figure });
  });
  return { images, problems, hints };
}

/** A published article must not still hold the text `npm run new` put there for the editor to replace. */
function refusePlaceholders(f: FieldReader, parsed: ParsedArticle, summary: string | undefined): void {
  const expected = "the article's own text, or draft: true until it is written";
  if (summary !== undefined && PLACEHOLDER_PATTERNS.some((p) => p.test(summary))) {
    f.report("placeholder-text", ["summary"], `still holds the placeholder text ${JSON.stringify(summary)}`, expected);
  }
  for (const pattern of PLACEHOLDER_PATTERNS) {
    const match = pattern.exec(parsed.body);
    if (!match) continue;
    const problem: ContentProblem = {
      code: "placeholder-text",
      file: f.file,
      line: parsed.bodyLine + parsed.body.slice(0, match.index).split("\n").length - 1,
      field: "body",
      message: `still holds the placeholder text ${JSON.stringify(`${match[0].replace(/\s+/g, " ").slice(0, 40)}…`)}`,
      expected,
    };
    f.problems.push(problem);
    return;
  }
}

function readDate(f: FieldReader, dates: DateContext, path: FieldPath, value: unknown, required: boolean): SiteDate | undefined {
  if (value === undefined || value === null) {
    if (required) f.report("field-missing", path, "missing", DATE_EXPECTED);
    return undefined;
  }
  const parsed = typeof value === "string" ? parseSiteDate(value, dates) : null;
  if (!parsed) f.report("date-invalid", path, `${quote(value)} is not a calendar date`, DATE_EXPECTED);
  return parsed ?? undefined;
}

function resolveArticleTopic(f: FieldReader, ctx: ArticleContext): Ref | undefined {
  const expected = `one of: ${ctx.topics.entries.map((t) => t.id).join(", ")}`;
  const value = f.get("topic");
  if (Array.isArray(value)) {
    f.report("field-type", ["topic"], "is a list", `a single topic, ${expected}`);
    return undefined;
  }
  const text = f.text("topic", true, expected);
  if (text === undefined) return undefined;
  const topic = ctx.topics.find(text);
  if (!topic) {
    const near = ctx.topics.suggest(text);
    f.report("topic-unknown", ["topic"], `${JSON.stringify(text)} is not in topics.yaml`, expected, near ? `did you mean "${near.id}"?` : undefined);
    return undefined;
  }
  return refTo(topic);
}

function resolveArticlePeople(f: FieldReader, ctx: ArticleContext): Ref[] {
  const people: Ref[] = [];
  const listed = f.list("people", "person ids, names or aliases from people.yaml");
  if (listed.length > LIMITS.peoplePerArticle) {
    f.report("people-too-many", ["people"], `lists ${listed.length} people`, `at most ${LIMITS.peoplePerArticle}: the people the article is about`);
    return people;
  }
  listed.forEach((value, i) => {
    const text = f.textAt(["people", i], value, true, "a person's id, name or alias");
    if (text === undefined) return;
    const person = ctx.people.find(text);
    if (!person) {
      const near = ctx.people.suggest(text);
      f.report("person-unknown", ["people", i], `${JSON.stringify(text)} is not in people.yaml`, "a person's id, name or alias from people.yaml", near ? `did you mean "${near.name}"?` : undefined);
      return;
    }
    if (people.some((p) => p.id === person.id)) {
      f.report("person-duplicate", ["people", i], `${JSON.stringify(text)} names ${person.name} a second time`, "each person once");
      return;
    }
    people.push(refTo(person));
  });
  return people;
}

/** The article's `authors:` (ids or names from authors.yaml, each once); without the field, the site's default author. */
function resolveArticleAuthors(f: FieldReader, ctx: ArticleContext): Ref[] {
  // `authors: []` is an article with no byline; only a missing field takes the default.
  if (f.get("authors") === undefined || f.get("authors") === null) return ctx.defaultAuthors;
  const authors: Ref[] = [];
  const listed = f.list("authors", "author ids or names from authors.yaml");
  if (listed.length > LIMITS.peoplePerArticle) {
    f.report("authors-too-many", ["authors"], `lists ${listed.length} authors`, `at most ${LIMITS.peoplePerArticle}: the people who wrote the article`);
    return authors;
  }
  listed.forEach((value, i) => {
    const text = f.textAt(["authors", i], value, true, "an author's id or name");
    if (text === undefined) return;
    const author = ctx.authors.find(text);
    if (!author) {
      const near = ctx.authors.suggest(text);
      const expected = ctx.authors.entries.length ? "an author's id or name from authors.yaml" : "an author listed in content/authors.yaml";
      f.report("author-unknown", ["authors", i], `${JSON.stringify(text)} is not in authors.yaml`, expected, near ? `did you mean "${near.name}"?` : undefined);
      return;
    }
    if (authors.some((a) => a.id === author.id)) {
      f.report("author-duplicate", ["authors", i], `${JSON.stringify(text)} names ${author.name} a second time`, "each author once");
      return;
    }
    authors.push(refTo(author));
  });
  return authors;
}

function readSources(f: FieldReader, dates: DateContext): Source[] {
  const sources: Source[] = [];
  f.list("sources", "{title, url, publisher, date} mappings").forEach((value, i) => {
    if (!isRecord(value)) {
      f.report("field-type", ["sources", i], `${quote(value)} is not a mapping`, "title: and url: (and optionally publisher: and date:) under each - item");
      return;
    }
    const title = f.textAt(["sources", i, "title"], value.title, true);
    const url = f.textAt(["sources", i, "url"], value.url, true, "an http or https URL");
    const publisher = f.textAt(["sources", i, "publisher"], value.publisher, false);
    const date = value.date === undefined ? undefined : readDate(f, dates, ["sources", i, "date"], value.date, false);
    for (const key of Object.keys(value)) {
      if (!["title", "url", "publisher", "date"].includes(key)) {
        f.report("field-unknown", ["sources", i, key], "is not a known field", "one of: title, url, publisher, date");
      }
    }
    if (url !== undefined && !isWebUrl(url)) {
      f.report("url-invalid", ["sources", i, "url"], `${JSON.stringify(url)} is not an http or https URL`, "a full address starting with https:// or http://");
      return;
    }
    if (title === undefined || url === undefined) return;
    const source: Source = { title, url: new URL(url).href };
    if (publisher !== undefined) source.publisher = publisher;
    if (date) source.date = date;
    sources.push(source);
  });
  return sources;
}

function readCorrections(f: FieldReader, dates: DateContext): Correction[] {
  const corrections: Correction[] = [];
  f.list("corrections", "{date, note} mappings").forEach((value, i) => {
    if (!isRecord(value)) {
      f.report("field-type", ["corrections", i], `${quote(value)} is not a mapping`, "date: and note: under each - item");
      return;
    }
    const date = readDate(f, dates, ["corrections", i, "date"], value.date, true);
    const note = f.textAt(["corrections", i, "note"], value.note, true);
    if (date && note) corrections.push({ date, note });
  });
  return corrections;
}

function readSlug(f: FieldReader, file: string): string | undefined {
  const given = f.text("slug", false, "lowercase letters, digits and hyphens");
  if (given !== undefined) {
    const fault = slugFault(given);
    if (fault === "invalid") {
      f.report("slug-invalid", ["slug"], `${JSON.stringify(given)} is not a valid slug`, "lowercase letters, digits and single hyphens, e.g. plea-hearing");
      return undefined;
    }
    if (fault === "too long") {
      f.report("slug-invalid", ["slug"], `is ${given.length} characters long`, `a slug of at most ${LIMITS.slugLength} characters, e.g. ${JSON.stringify(shortSlug(given))}`);
      return undefined;
    }
    return given;
  }
  const name = file.slice(file.lastIndexOf("/") + 1);
  const slug = slugFromFileName(name);
  if (!slug) {
    f.report("slug-empty", ["slug"], `the file name ${JSON.stringify(name)} gives an empty slug`, "a file name with letters or digits after the date, or a slug: field");
    return undefined;
  }
  if (slug.length > LIMITS.slugLength) {
    f.report("slug-invalid", ["slug"], `the file name gives a slug of ${slug.length} characters`, `at most ${LIMITS.slugLength}: a shorter file name, or a slug: field such as slug: ${shortSlug(slug)}`);
    return undefined;
  }
  return slug;
}

function isWebUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}
