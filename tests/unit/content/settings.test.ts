import { describe, expect, it } from "vitest";
import type { ContentFiles } from "../../../src/content/read.ts";
import { formatProblem } from "../../../src/content/problems.ts";
import { pathPrefixFault, placeholderUrlWarning, validateSettings, withPathPrefix, type Settings, type SiteAddress } from "../../../src/content/settings.ts";
import type { SiteConfig } from "../../../src/types.ts";

const siteYaml = (url: string) => `title: "T"\nurl: "${url}"\ncase:\n  name: "C"\n  summary: "S"\n`;

/**
 * The settings of a content folder holding this site.yaml and, when given, this topics.yaml, this authors.yaml and these other files
 * (by their path inside content/), built for `address`.
 */
function settingsOf(site: string, options: { topics?: string; authors?: string; files?: Record<string, Uint8Array | string>; address?: SiteAddress } = {}): Settings {
  const source = (name: string, text: string) => ({ file: `content/${name}`, bytes: Buffer.from(text) });
  const files: ContentFiles = {
    site: source("site.yaml", site),
    topics: source("topics.yaml", options.topics ?? "[]\n"),
    people: source("people.yaml", "[]\n"),
    authors: options.authors === undefined ? undefined : source("authors.yaml", options.authors),
    articles: [],
    paths: { site: "content/site.yaml", topics: "content/topics.yaml", people: "content/people.yaml", authors: "content/authors.yaml", articles: "content/articles/" },
    problems: [],
    file: (path) => {
      const bytes = options.files?.[path];
      return bytes === undefined ? undefined : { file: `content/${path}`, bytes: Buffer.from(bytes) };
    },
  };
  return validateSettings(files, options.address);
}

/** The site settings a content folder with this site.yaml url gives, built for `address`. */
function siteAt(url: string, address: SiteAddress = {}): SiteConfig {
  const settings = settingsOf(siteYaml(url), { address });
  expect(settings.problems).toEqual([]);
  return settings.site!;
}

/** The problems of a content folder, as the build prints them. */
const linesOf = (settings: Settings) => settings.problems.map(formatProblem);

describe("the site's address", () => {
  it("is site.yaml's url, with a closing slash, when the command gives none", () => {
    expect(siteAt("https://news.org/case")).toMatchObject({ url: "https://news.org/case/", basePath: "/case/" });
  });

  it.each([
    ["a GitHub Pages user site", "https://user.github.io", "https://user.github.io/", "/"],
    ["a GitHub Pages project site", "https://user.github.io/repo", "https://user.github.io/repo/", "/repo/"],
    ["a project site written with its slash", "https://user.github.io/repo/", "https://user.github.io/repo/", "/repo/"],
  ])("is the address --url gives for %s, whatever site.yaml says", (_, url, siteUrl, basePath) => {
    expect(siteAt("https://casefile.example/archive/", { url })).toMatchObject({ url: siteUrl, basePath });
  });

  it("takes its folder from --pathprefix over the one in --url", () => {
    expect(siteAt("https://casefile.example/", { url: "https://user.github.io/repo", pathPrefix: "/archive/" })).toMatchObject({
      url: "https://user.github.io/archive/",
      basePath: "/archive/",
    });
  });
});

describe("a placeholder address", () => {
  it.each(["https://casefile.example/", "https://www.example.org/archive/", "https://example.com/", "http://example.net/", "http://localhost:8080/", "http://127.0.0.1/", "http://[::1]/"])(
    "is named in a warning: %s",
    (url) => {
      expect(placeholderUrlWarning(siteAt(url))).toBe(
        `Warning: the site's url ${url} ${/localhost|127|::1/.test(url) ? "reaches only this machine" : "is a placeholder"}, and canonical links, feeds and the sitemap point there. Put the site's address in site.yaml's url, or build with --url <address> (the GitHub Pages workflow does).`,
      );
    },
  );

  it.each(["https://user.github.io/repo/", "https://example.community/", "https://myexample.org/"])("is not seen in a real address: %s", (url) => {
    expect(placeholderUrlWarning(siteAt(url))).toBeUndefined();
  });

  it("is not warned about once --url gives the real address", () => {
    expect(placeholderUrlWarning(siteAt("https://casefile.example/", { url: "https://user.github.io/repo" }))).toBeUndefined();
  });
});

describe("the sub-folder a site is served from (--pathprefix)", () => {
  it("accepts sub-folders, with or without slashes, and the root", () => {
    for (const prefix of ["/archive/", "archive", "/cases/assange-2024/", "a.b_c~d", "", "/"]) expect(pathPrefixFault(prefix), prefix).toBeUndefined();
    const site = { url: "https://e.test/", basePath: "/" } as SiteConfig;
    expect(withPathPrefix(site, "cases/assange/")).toMatchObject({ basePath: "/cases/assange/", url: "https://e.test/cases/assange/" });
  });

  it("refuses a prefix that climbs out, has empty parts or characters a folder name in a URL should not have", () => {
    expect(pathPrefixFault("../../")).toBe(
      '"../../" is not a sub-folder: "..", "." and empty parts between slashes are not allowed (expected a path such as /archive/ or /cases/assange/)',
    );
    for (const prefix of ["/archive/../x", "./archive", "a//b", "/a/./b/"]) expect(pathPrefixFault(prefix), prefix).toMatch(/is not a sub-folder/);
    for (const prefix of ["a b", "a\\b", "a?b", "a#b", "%2e%2e", "archív", "a\nb"]) expect(pathPrefixFault(prefix), prefix).toMatch(/has characters other than/);
  });
});

describe("a topic's keywords in topics.yaml", () => {
  const topicsOf = (yaml: string) => settingsOf(siteYaml("https://news.test/"), { topics: yaml });

  it("are read as lowercase words and phrases, and are optional", () => {
    const { topics, problems } = topicsOf('- id: a\n  name: "A"\n  keywords: ["Embassy", "grand jury"]\n- id: b\n  name: "B"\n');
    expect(problems).toEqual([]);
    expect(topics.map((t) => t.keywords)).toEqual([["embassy", "grand jury"], []]);
  });

  it("must be a list of text, each wrong one reported with its line", () => {
    const { problems } = topicsOf('- id: a\n  name: "A"\n  keywords: embassy\n- id: b\n  name: "B"\n  keywords: ["ok", 12]\n');
    expect(problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [3, "keywords", "field-type"],
      [6, "keywords[2]", "field-type"],
    ]);
  });
});

const AUTHORS = `- id: "casefile-desk"
  name: "Casefile desk"
  role: "The newsroom"
  description: "Writes every article."

- id: "ada-writer"
  name: "Ada Writer"
  url: "https://writers.test/ada"
`;

describe("the authors registry (authors.yaml)", () => {
  it("gives each author a page under /authors/ and keeps their own web page", () => {
    const { authors, problems } = settingsOf(siteYaml("https://news.test/case/"), { authors: AUTHORS });
    expect(problems).toEqual([]);
    expect(authors).toEqual([
      { id: "casefile-desk", name: "Casefile desk", role: "The newsroom", description: "Writes every article.", path: "/authors/casefile-desk/", url: "/case/authors/casefile-desk/" },
      { id: "ada-writer", name: "Ada Writer", role: "", description: "", website: "https://writers.test/ada", path: "/authors/ada-writer/", url: "/case/authors/ada-writer/" },
    ]);
  });

  it("is optional: a content folder without it has no authors and no problem", () => {
    const settings = settingsOf(siteYaml("https://news.test/"));
    expect(settings.problems).toEqual([]);
    expect(settings.authors).toEqual([]);
  });

  it("refuses a bad id, a second author with the same id or name, an unknown field and a url that is not a web address, each with its line", () => {
    const yaml = `- id: "Casefile Desk"
  name: "Desk"
- id: "ada"
  name: "Ada Writer"
  url: "writers.test/ada"
- id: "ada"
  name: "Ada W."
  rol: "Reporter"
- id: "ada-two"
  name: "ADA WRITER"
- id: "${"a".repeat(81)}"
  name: "Long"
`;
    expect(linesOf(settingsOf(siteYaml("https://news.test/"), { authors: yaml }))).toEqual([
      'content/authors.yaml:1  id: "Casefile Desk" is not a valid id (expected lowercase letters, digits and single hyphens, e.g. casefile-desk)',
      'content/authors.yaml:5  url: "writers.test/ada" is not an absolute http(s) URL (expected the author\'s own web page, e.g. https://example.org/about)',
      'content/authors.yaml:8  rol: is not a known field (expected one of: id, name, role, description, url) (did you mean "role"?)',
      'content/authors.yaml:6  id: "ada" is listed twice (expected one entry per id)',
      'content/authors.yaml:10  name: "ADA WRITER" already names "ada" (expected each id, name and alias to name one entry only)',
      `content/authors.yaml:11  id: is 81 characters long (expected an id of at most 80 characters, e.g. "${"a".repeat(80)}")`,
    ]);
  });

  it("refuses a file that is not a list", () => {
    expect(linesOf(settingsOf(siteYaml("https://news.test/"), { authors: "id: casefile-desk\n" }))).toEqual([
      'content/authors.yaml:1  authors: is not a list (expected one "- id: …" item per entry)',
    ]);
  });
});

describe("site.yaml's default author", () => {
  const withAuthor = (author: string) => `${siteYaml("https://news.test/")}author: "${author}"\n`;

  it("names an author of authors.yaml by id or by name, and is kept as the id", () => {
    for (const given of ["casefile-desk", "Casefile Desk"]) {
      const settings = settingsOf(withAuthor(given), { authors: AUTHORS });
      expect(settings.problems, given).toEqual([]);
      expect(settings.site?.author, given).toBe("casefile-desk");
    }
  });

  it("must be in authors.yaml, with the closest author suggested", () => {
    expect(linesOf(settingsOf(withAuthor("casefile-dsk"), { authors: AUTHORS }))).toEqual([
      'content/site.yaml:6  author: "casefile-dsk" is not in authors.yaml (expected an author\'s id or name from authors.yaml) (did you mean "casefile-desk"?)',
    ]);
  });

  it("says to add authors.yaml when there is none", () => {
    expect(linesOf(settingsOf(withAuthor("casefile-desk")))).toEqual([
      'content/site.yaml:6  author: "casefile-desk" is not in authors.yaml (expected an author listed in content/authors.yaml: add the file, or remove author:)',
    ]);
  });
});

describe("site.yaml's publisher", () => {
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const withPublisher = (lines: string) => `${siteYaml("https://news.test/")}publisher:\n${lines}`;

  it("has a name, a web address and a logo, read from the content folder and published at a path that keeps the logo's format", () => {
    const settings = settingsOf(withPublisher('  name: "Casefile"\n  url: "https://casefile.test"\n  logo: "images/logo.PNG"\n'), { files: { "images/logo.PNG": PNG } });
    expect(settings.problems).toEqual([]);
    expect(settings.site?.publisher).toEqual({ name: "Casefile", url: "https://casefile.test/", logo: "/assets/publisher-logo.png" });
    expect(Buffer.from(settings.publisherLogo!)).toEqual(PNG);
  });

  it("takes an SVG logo whatever comes before its svg element, and names the file by what it is, not by its extension", () => {
    const svg = '<?xml version="1.0"?>\n<!-- the mark -->\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n';
    const settings = settingsOf(withPublisher('  name: "Casefile"\n  logo: "logo.img"\n'), { files: { "logo.img": svg } });
    expect(settings.problems).toEqual([]);
    expect(settings.site?.publisher?.logo).toBe("/assets/publisher-logo.svg");
  });

  it("is optional: without it the site has no publisher and no logo", () => {
    const settings = settingsOf(siteYaml("https://news.test/"));
    expect(settings.site?.publisher).toBeUndefined();
    expect(settings.publisherLogo).toBeUndefined();
  });

  it("refuses a logo outside the content folder, a web address, a missing file and a file that is not an image, on the logo's line", () => {
    const expected = "(expected a PNG, JPEG, GIF, WebP or SVG file inside the content folder, its path written from there, e.g. publisher-logo.svg)";
    const cases: [string, string][] = [
      ["../logo.png", '"../logo.png" leads outside the content folder'],
      ["/etc/logo.png", '"/etc/logo.png" leads outside the content folder'],
      ["https://cdn.test/logo.png", '"https://cdn.test/logo.png" is a web address; the logo is published from the site itself'],
      ["missing.png", '"missing.png" is not in the content folder'],
      ["notes.png", "content/notes.png is not a PNG, JPEG, GIF, WebP or SVG image"],
    ];
    for (const [logo, message] of cases) {
      const settings = settingsOf(withPublisher(`  name: "Casefile"\n  logo: "${logo}"\n`), { files: { "notes.png": "Not an image at all.\n" } });
      expect(linesOf(settings), logo).toEqual([`content/site.yaml:8  publisher.logo: ${message} ${expected}`]);
      expect(settings.publisherLogo, logo).toBeUndefined();
    }
  });

  it("needs a name, a web address as its url and no unknown field", () => {
    expect(linesOf(settingsOf(withPublisher('  url: "casefile.test"\n  logos: "x.svg"\n')))).toEqual([
      'content/site.yaml:8  publisher.logos: is not a known field (expected one of: name, url, logo) (did you mean "logo"?)',
      "content/site.yaml:6  publisher.name: missing (expected the name of the newsroom or organisation that publishes the site)",
      'content/site.yaml:7  publisher.url: "casefile.test" is not an absolute http(s) URL (expected the publisher\'s own site, e.g. https://example.org/)',
    ]);
  });
});
