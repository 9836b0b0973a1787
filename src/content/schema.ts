import { DATE_EXPECTED, pad2, parseSiteDate, type DateContext } from "../dates.ts";
import { renderBody } from "../markdown.ts";
import { authorKeys, closest, personKeys, Registry, topicKeys } from "../registry.ts";
import { LIMITS } from "../limits.ts";
import { shortSlug, slugFault, slugFromFileName } from "../slug.ts";
import type { Article, Author, Correction, Person, Ref, SiteConfig, SiteDate, Source, Topic } from "../types.ts";
import { FieldReader, isRecord } from "./fields.ts";
import type { FieldPath, ParsedArticle } from "./parse.ts";
import { quote, type ContentProblem } from "./problems.ts";
import { joinUrl } from "../urls.ts";
import { escapeRegExp } from "../text.ts";

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
}

/** The context articles are validated in: the site's zone, language, base path and default author, and the registries. */
export function articleContext(
  site: Pick<SiteConfig, "timezone" | "language" | "basePath" | "author">,
  topics: readonly Topic[],
  people: readonly Person[],
  authors: readonly Author[] = [],
): ArticleContext {
  const registry = new Registry(authors, authorKeys);
  const fallback = site.author === undefined ? undefined : registry.find(site.author);
  return {
    dates: { zone: site.timezone, locale: site.language },
    basePath: site.basePath,
    topics: new Registry(topics, topicKeys),
    people: new Registry(people, personKeys),
    authors: registry,
    defaultAuthors: fallback ? [authorRef(fallback)] : [],
  };
}

const authorRef = (author: Author): Ref => ({ id: author.id, name: author.name, url: author.url });

/** An article as validated, before it is placed in the chronology. */
export type ValidArticle = Omit<Article, "previous" | "next" | "related">;

/** Validates one parsed article and resolves its dates, topic, people and URL; returns every problem found. */
export function validateArticle(
  parsed: ParsedArticle,
  file: string,
  ctx: ArticleContext,
): { article?: ValidArticle; problems: ContentProblem[] } {
  if (!isRecord(parsed.value)) {
    return {
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

  if (f.problems.length || !title || !date || !topic || !slug) return { problems: f.problems };
  // Markdown cannot be invalid, so a check that renders nothing skips it.
  const body = ctx.renderBodies === false ? { html: "", summary: "" } : renderBody(parsed.body);
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
    bodyHtml: body.html,
    sources,
    milestone,
    draft,
  };
  if (updated) article.updated = updated;
  return { article, problems: [] };
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
  return { id: topic.id, name: topic.name, url: topic.url };
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
    people.push({ id: person.id, name: person.name, url: person.url });
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
    authors.push(authorRef(author));
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
