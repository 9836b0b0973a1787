import { isValidZone } from "../dates.ts";
import { authorKeys, closest, nameKey, personKeys, Registry, topicKeys } from "../registry.ts";
import { LIMITS } from "../limits.ts";
import { shortSlug, slugFault } from "../slug.ts";
import type { Author, Person, Publisher, SiteConfig, Topic } from "../types.ts";
import { FieldReader, isRecord } from "./fields.ts";
import { decodeText, parseYaml, type ParsedYaml } from "./parse.ts";
import { notUtf8, type ContentProblem } from "./problems.ts";
import type { ContentFiles, RegistrySource } from "./read.ts";
import { joinUrl } from "../urls.ts";

const SITE_FIELDS = ["title", "description", "url", "timezone", "language", "case", "author", "publisher"] as const;
const TOPIC_FIELDS = ["id", "name", "description", "keywords"] as const;
const PERSON_FIELDS = ["id", "name", "aliases", "role", "description"] as const;
const AUTHOR_FIELDS = ["id", "name", "role", "description", "url"] as const;
const PUBLISHER_FIELDS = ["name", "url", "logo"] as const;

const suggestFrom = (known: readonly string[]) => (key: string) => closest(key, known, (k) => [k]);

/** The registry files of a content folder, validated; `site` is absent when site.yaml has problems. */
export interface Settings {
  site?: SiteConfig;
  topics: Topic[];
  people: Person[];
  /** Empty when the content folder has no authors.yaml. */
  authors: Author[];
  /** The bytes of the publisher's logo, when site.yaml names one that could be read. */
  publisherLogo?: Uint8Array;
  problems: ContentProblem[];
}

/** Where the site is served, when the command says so rather than site.yaml. */
export interface SiteAddress {
  /** The site's address (`--url`, e.g. GitHub Pages' `base_url`): replaces site.yaml's url; must pass `parseSiteUrl`. */
  url?: string;
  /** Serve the site from this sub-folder instead of the url's path (`--pathprefix`); applied after `url`. */
  pathPrefix?: string;
}

/**
 * Parses and validates site.yaml, topics.yaml, people.yaml and authors.yaml (optional) of a content folder that has
 * been read; site.yaml's default author must be in authors.yaml, and its publisher logo is read from the folder.
 */
export function validateSettings(files: ContentFiles, address: SiteAddress = {}): Settings {
  const problems: ContentProblem[] = [];
  const yamlOf = (source: RegistrySource, expected: string, missingPath: string): ParsedYaml | undefined => {
    if (!source) {
      problems.push({ code: "content-missing", file: missingPath, field: "file", message: "missing", expected });
      return undefined;
    }
    if (!("bytes" in source)) {
      problems.push(source);
      return undefined;
    }
    const text = decodeText(source.bytes);
    if (text === null) {
      problems.push(notUtf8(source.file));
      return undefined;
    }
    const parsed = parseYaml(text, source.file, 1, "file");
    if ("code" in parsed) {
      problems.push(parsed);
      return undefined;
    }
    return parsed;
  };

  const siteYaml = yamlOf(files.site, "the site's title, url, timezone, language and case", files.paths.site);
  const siteResult = siteYaml && files.site ? validateSiteSettings(files.site.file, siteYaml) : undefined;
  problems.push(...(siteResult?.problems ?? []));
  let site = siteResult?.site && atAddress(siteResult.site, address);
  // Topic and person URLs need a base path even when site.yaml is broken, so every problem is reported at once.
  const basePath = site?.basePath ?? "/";

  const topicsYaml = yamlOf(files.topics, "a list of topics: id, name, description", files.paths.topics);
  let topics: Topic[] = [];
  if (topicsYaml && files.topics) {
    const r = validateTopicsRegistry(files.topics.file, topicsYaml, basePath);
    topics = r.topics;
    problems.push(...r.problems);
  }
  const peopleYaml = yamlOf(files.people, "a list of people: id, name, aliases, role, description", files.paths.people);
  let people: Person[] = [];
  if (peopleYaml && files.people) {
    const r = validatePeopleRegistry(files.people.file, peopleYaml, basePath);
    people = r.people;
    problems.push(...r.problems);
  }
  let authors: Author[] = [];
  // Optional: without authors.yaml an archive simply has no authors.
  const authorsYaml = files.authors ? yamlOf(files.authors, "a list of authors: id, name, role, description, url", files.paths.authors) : undefined;
  if (authorsYaml && files.authors) {
    const r = validateAuthorsRegistry(files.authors.file, authorsYaml, basePath);
    authors = r.authors;
    problems.push(...r.problems);
  }
  let publisherLogo: Uint8Array | undefined;
  if (site && siteYaml && files.site && "bytes" in files.site) {
    const file = files.site.file;
    if (site.author !== undefined) {
      const author = defaultAuthor(file, siteYaml, site.author, authors, files.paths.authors);
      if ("code" in author) problems.push(author);
      site = { ...site, author: "code" in author ? undefined : author.id };
    }
    const logo = site.publisher?.logo;
    if (logo !== undefined) {
      const read = readLogo(files, file, siteYaml, logo);
      if ("code" in read) problems.push(read);
      else publisherLogo = read.bytes;
      site = { ...site, publisher: { ...site.publisher!, logo: "code" in read ? undefined : read.path } };
    }
  }
  return { site, topics, people, authors, ...(publisherLogo ? { publisherLogo } : {}), problems };
}

/** The author site.yaml's `author` names (by id or name), or the problem when authors.yaml has no such author. */
function defaultAuthor(file: string, yaml: ParsedYaml, text: string, authors: readonly Author[], authorsPath: string): Author | ContentProblem {
  const registry = new Registry(authors, authorKeys);
  const found = registry.find(text);
  if (found) return found;
  const near = registry.suggest(text);
  const problem: ContentProblem = {
    code: "author-unknown",
    file,
    field: "author",
    message: `${JSON.stringify(text)} is not in authors.yaml`,
    expected: authors.length ? "an author's id or name from authors.yaml" : `an author listed in ${authorsPath}: add the file, or remove author:`,
  };
  const line = yaml.lineOf(["author"]);
  if (line !== undefined) problem.line = line;
  if (near) problem.hint = `did you mean "${near.id}"?`;
  return problem;
}

/** The formats a publisher logo may be in, by their first bytes; the published file takes the extension given here. */
function logoExtension(bytes: Uint8Array): string | undefined {
  const starts = (...values: number[]) => values.every((v, i) => bytes[i] === v);
  const ascii = (from: number, text: string) => Buffer.from(bytes.subarray(from, from + text.length)).toString("latin1") === text;
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpg";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "gif";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "webp";
  // An SVG is text whose root element, after any XML declaration, comments or doctype, is <svg>.
  return /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/.test(Buffer.from(bytes.subarray(0, 4096)).toString("utf8")) ? "svg" : undefined;
}

/** Reads the logo site.yaml's `publisher.logo` names (a path inside the content folder): its bytes and the site path it is published at. */
function readLogo(files: ContentFiles, file: string, yaml: ParsedYaml, logo: string): { bytes: Uint8Array; path: string } | ContentProblem {
  const problem = (message: string, expected: string): ContentProblem => {
    const p: ContentProblem = { code: "logo-invalid", file, field: "publisher.logo", message, expected };
    const line = yaml.lineOf(["publisher", "logo"]);
    if (line !== undefined) p.line = line;
    return p;
  };
  const expected = "a PNG, JPEG, GIF, WebP or SVG file inside the content folder, its path written from there, e.g. publisher-logo.svg";
  if (/^[a-z][a-z0-9+.-]*:/i.test(logo)) return problem(`${JSON.stringify(logo)} is a web address; the logo is published from the site itself`, expected);
  if (logo.startsWith("/") || logo.split(/[\\/]/).includes("..")) return problem(`${JSON.stringify(logo)} leads outside the content folder`, expected);
  const source = files.file(logo, "a publisher logo");
  if (!source) return problem(`${JSON.stringify(logo)} is not in the content folder`, expected);
  if (!("bytes" in source)) return source;
  const extension = logoExtension(source.bytes);
  if (!extension) return problem(`${source.file} is not a PNG, JPEG, GIF, WebP or SVG image`, expected);
  return { bytes: source.bytes, path: `/assets/publisher-logo.${extension}` };
}

function atAddress(site: SiteConfig, address: SiteAddress): SiteConfig {
  const url = address.url === undefined ? undefined : parseSiteUrl(address.url);
  const atUrl = url ? { ...site, ...urlAndBase(url) } : site;
  return address.pathPrefix === undefined ? atUrl : withPathPrefix(atUrl, address.pathPrefix);
}

/** An absolute http(s) URL as a site's address, or undefined for anything else. */
export function parseSiteUrl(text: string): URL | undefined {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  return url && /^https?:$/.test(url.protocol) ? url : undefined;
}

/** The site's url (ending in "/", no query or fragment) and base path from its address. */
function urlAndBase(url: URL): Pick<SiteConfig, "url" | "basePath"> {
  const basePath = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  return { url: `${url.origin}${basePath}`, basePath };
}

// Addresses that only stand in for a real one (RFC 2606's example names, and .invalid) or that reach only this machine.
const PLACEHOLDER_HOST = /(?:^|\.)(?:example|invalid|example\.(?:com|net|org))$/i;
const LOCAL_HOST = /(?:^|\.)localhost$|^127\.\d+\.\d+\.\d+$|^0\.0\.0\.0$|^\[::1?\]$/i;

/**
 * A one-line warning when the site's url is a placeholder (`*.example`, example.com/net/org) or this machine
 * (localhost, 127.0.0.1), where canonical links, feeds and the sitemap would send readers; undefined otherwise.
 */
export function placeholderUrlWarning(site: SiteConfig): string | undefined {
  const host = new URL(site.url).hostname;
  const what = PLACEHOLDER_HOST.test(host) ? "is a placeholder" : LOCAL_HOST.test(host) ? "reaches only this machine" : undefined;
  if (!what) return undefined;
  return `Warning: the site's url ${site.url} ${what}, and canonical links, feeds and the sitemap point there. Put the site's address in site.yaml's url, or build with --url <address> (the GitHub Pages workflow does).`;
}

/**
 * Why `prefix` cannot be the sub-folder a site is served from (`--pathprefix`), or undefined when it can: each
 * part between slashes is letters, digits, "-", ".", "_" or "~", and none is "." or "..". "" and "/" are the root.
 */
export function pathPrefixFault(prefix: string): string | undefined {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  if (trimmed === "") return undefined;
  const parts = trimmed.split("/");
  if (parts.some((part) => part === "" || part === "." || part === "..")) {
    return `${JSON.stringify(prefix)} is not a sub-folder: "..", "." and empty parts between slashes are not allowed (expected a path such as /archive/ or /cases/assange/)`;
  }
  if (parts.some((part) => !/^[A-Za-z0-9._~-]+$/.test(part))) {
    return `${JSON.stringify(prefix)} has characters other than letters, digits, "-", ".", "_" and "~" between its slashes (expected a path such as /archive/ or /cases/assange/)`;
  }
  return undefined;
}

/** The site served from another sub-folder: "archive" or "/archive/" make every link start with /archive/; see `pathPrefixFault`. */
export function withPathPrefix(site: SiteConfig, prefix: string): SiteConfig {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  const basePath = trimmed ? `/${trimmed.split("/").map(encodeURIComponent).join("/")}/` : "/";
  return { ...site, basePath, url: new URL(basePath, site.url).href };
}

/** Validates content/site.yaml; `url` gains a trailing slash and gives the base path. */
export function validateSiteSettings(file: string, yaml: ParsedYaml): { site?: SiteConfig; problems: ContentProblem[] } {
  if (!isRecord(yaml.value)) return { problems: [notMapping(file, "site settings")] };
  const f = new FieldReader(file, yaml, [], yaml.value);
  f.refuseUnknown(SITE_FIELDS, suggestFrom(SITE_FIELDS));
  const title = f.text("title", true);
  const description = f.text("description", false) ?? "";
  const rawUrl = f.text("url", true, "an absolute URL such as https://example.org/");
  const url = rawUrl === undefined ? undefined : parseSiteUrl(rawUrl);
  if (rawUrl !== undefined && !url) {
    f.report("url-invalid", ["url"], `${JSON.stringify(rawUrl)} is not an absolute http(s) URL`, "an absolute URL such as https://example.org/");
  }
  const timezone = f.text("timezone", false) ?? "Europe/London";
  if (!isValidZone(timezone)) {
    f.report("field-type", ["timezone"], `${JSON.stringify(timezone)} is not a time zone`, "an IANA zone name such as Europe/London");
  }
  const language = f.text("language", false) ?? "en-GB";
  if (!Intl.DateTimeFormat.supportedLocalesOf([language]).length) {
    f.report("field-type", ["language"], `${JSON.stringify(language)} is not a language tag`, "a language tag such as en-GB");
  }
  const caseValue = f.get("case");
  let caseInfo: SiteConfig["case"] | undefined;
  if (!isRecord(caseValue)) {
    f.report("field-missing", ["case"], caseValue === undefined ? "missing" : "is not a mapping", "name: and summary: indented under case:");
  } else {
    const c = new FieldReader(file, yaml, ["case"], caseValue);
    c.refuseUnknown(["name", "summary"], suggestFrom(["name", "summary"]));
    const name = c.text("name", true);
    const summary = c.text("summary", true);
    f.problems.push(...c.problems);
    if (name && summary) caseInfo = { name, summary };
  }
  const author = f.text("author", false, "an author's id or name from authors.yaml");
  const publisher = validatePublisher(f, file, yaml);
  if (f.problems.length || !title || !url || !caseInfo) return { problems: f.problems };
  return {
    site: {
      title,
      description,
      ...urlAndBase(url),
      timezone,
      language,
      case: caseInfo,
      ...(author !== undefined ? { author } : {}),
      ...(publisher ? { publisher } : {}),
    },
    problems: [],
  };
}

/** site.yaml's optional `publisher: {name, url?, logo?}`; `logo` is still the path as written, read by `validateSettings`. */
function validatePublisher(f: FieldReader, file: string, yaml: ParsedYaml): Publisher | undefined {
  const value = f.get("publisher");
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    f.report("field-type", ["publisher"], "is not a mapping", "name: (and optionally url: and logo:) indented under publisher:");
    return undefined;
  }
  const p = new FieldReader(file, yaml, ["publisher"], value);
  p.refuseUnknown(PUBLISHER_FIELDS, suggestFrom(PUBLISHER_FIELDS));
  const name = p.text("name", true, "the name of the newsroom or organisation that publishes the site");
  const url = optionalWebUrl(p, "the publisher's own site, e.g. https://example.org/");
  const logo = p.text("logo", false, "a file path inside the content folder, e.g. publisher-logo.svg");
  f.problems.push(...p.problems);
  if (name === undefined) return undefined;
  return { name, ...(url !== undefined ? { url } : {}), ...(logo !== undefined ? { logo } : {}) };
}

/** The optional `url` field of a mapping: an absolute http(s) URL, normalised; a problem for anything else. */
function optionalWebUrl(f: FieldReader, expected: string): string | undefined {
  const text = f.text("url", false, expected);
  if (text === undefined) return undefined;
  const url = parseSiteUrl(text);
  if (!url || !url.hostname) {
    f.report("url-invalid", ["url"], `${JSON.stringify(text)} is not an absolute http(s) URL`, expected);
    return undefined;
  }
  return url.href;
}

/** Validates content/topics.yaml: a list of {id, name, description, keywords}. */
export function validateTopicsRegistry(file: string, yaml: ParsedYaml, basePath: string): { topics: Topic[]; problems: ContentProblem[] } {
  const result = validateRegistryEntries(file, yaml, "topics", TOPIC_FIELDS, topicKeys, (f) => {
    const id = validateId(f);
    const name = f.text("name", true);
    const description = f.text("description", false) ?? "";
    const keywords = f
      .list("keywords", "words or phrases")
      .map((keyword, i) => f.textAt(["keywords", i], keyword, true, "a word or phrase"))
      .filter((k): k is string => k !== undefined)
      .map((k) => k.toLowerCase());
    if (id === undefined || name === undefined) return undefined;
    const path = `/topics/${id}/`;
    return { id, name, description, keywords, path, url: joinUrl(basePath, path) };
  });
  return { topics: result.entries, problems: result.problems };
}

/** Validates content/people.yaml: a list of {id, name, aliases, role, description}; no two people share a name or alias. */
export function validatePeopleRegistry(file: string, yaml: ParsedYaml, basePath: string): { people: Person[]; problems: ContentProblem[] } {
  const result = validateRegistryEntries(file, yaml, "people", PERSON_FIELDS, personKeys, (f) => {
    const id = validateId(f);
    const name = f.text("name", true);
    const aliases = f
      .list("aliases", "other names")
      .map((alias, i) => f.textAt(["aliases", i], alias, true, "a name"))
      .filter((a): a is string => a !== undefined);
    const role = f.text("role", false) ?? "";
    const description = f.text("description", false) ?? "";
    if (id === undefined || name === undefined) return undefined;
    const path = `/people/${id}/`;
    return { id, name, aliases, role, description, path, url: joinUrl(basePath, path) };
  });
  return { people: result.entries, problems: result.problems };
}

/**
 * Validates content/authors.yaml: a list of {id, name, role, description, url}, the newsroom's writers. No two
 * authors share an id or a name; `url` is the author's own web page.
 */
export function validateAuthorsRegistry(file: string, yaml: ParsedYaml, basePath: string): { authors: Author[]; problems: ContentProblem[] } {
  const result = validateRegistryEntries(file, yaml, "authors", AUTHOR_FIELDS, authorKeys, (f) => {
    const id = validateId(f, "casefile-desk");
    const name = f.text("name", true);
    const role = f.text("role", false) ?? "";
    const description = f.text("description", false) ?? "";
    const website = optionalWebUrl(f, "the author's own web page, e.g. https://example.org/about");
    if (id === undefined || name === undefined) return undefined;
    const path = `/authors/${id}/`;
    return { id, name, role, description, ...(website !== undefined ? { website } : {}), path, url: joinUrl(basePath, path) };
  });
  return { authors: result.entries, problems: result.problems };
}

function validateRegistryEntries<T extends { id: string }>(
  file: string,
  yaml: ParsedYaml,
  what: string,
  known: readonly string[],
  keysOf: (entry: T) => string[],
  read: (f: FieldReader) => T | undefined,
): { entries: T[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const entries: T[] = [];
  if (!Array.isArray(yaml.value)) {
    problems.push({
      code: "registry-invalid",
      file,
      line: 1,
      field: what,
      message: "is not a list",
      expected: `one "- id: …" item per entry`,
    });
    return { entries, problems };
  }
  const owners = new Map<string, { id: string }>();
  yaml.value.forEach((item, index) => {
    if (!isRecord(item)) {
      problems.push({ code: "registry-invalid", file, line: yaml.lineOf([index]) ?? 1, field: `${what}[${index + 1}]`, message: "is not a mapping", expected: `fields: ${known.join(", ")}` });
      return;
    }
    const f = new FieldReader(file, yaml, [index], item, []);
    f.refuseUnknown(known, suggestFrom(known));
    const entry = read(f);
    if (!entry) {
      problems.push(...f.problems);
      return;
    }
    const seen = new Set<string>();
    keysOf(entry).forEach((text, k) => {
      const key = nameKey(text);
      if (seen.has(key)) return;
      seen.add(key);
      const owner = owners.get(key);
      if (!owner) {
        owners.set(key, { id: entry.id });
        return;
      }
      // keysOf lists the id, then the name, then any aliases.
      const path = k === 0 ? ["id"] : k === 1 ? ["name"] : ["aliases", k - 2];
      const message =
        owner.id === entry.id
          ? `"${entry.id}" is listed twice`
          : `${JSON.stringify(text)} already names "${owner.id}"`;
      f.report("registry-invalid", path, message, owner.id === entry.id ? "one entry per id" : "each id, name and alias to name one entry only");
    });
    problems.push(...f.problems);
    entries.push(entry);
  });
  return { entries, problems };
}

function validateId(f: FieldReader, example = "julian-assange"): string | undefined {
  const id = f.text("id", true, "an id of lowercase letters, digits and hyphens");
  const fault = id === undefined ? undefined : slugFault(id);
  if (id !== undefined && fault === "invalid") {
    f.report("slug-invalid", ["id"], `${JSON.stringify(id)} is not a valid id`, `lowercase letters, digits and single hyphens, e.g. ${example}`);
    return undefined;
  }
  if (id !== undefined && fault === "too long") {
    f.report("slug-invalid", ["id"], `is ${id.length} characters long`, `an id of at most ${LIMITS.slugLength} characters, e.g. ${JSON.stringify(shortSlug(id))}`);
    return undefined;
  }
  return id;
}

function notMapping(file: string, what: string): ContentProblem {
  return { code: "registry-invalid", file, line: 1, field: what, message: "is not a mapping", expected: "one `field: value` per line" };
}

