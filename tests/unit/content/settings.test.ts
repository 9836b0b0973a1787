import { describe, expect, it } from "vitest";
import type { ContentFiles } from "../../../src/content/read.ts";
import { pathPrefixFault, placeholderUrlWarning, readSettings, withPathPrefix, type SiteAddress } from "../../../src/content/settings.ts";
import type { SiteConfig } from "../../../src/types.ts";

const siteYaml = (url: string) => `title: "T"\nurl: "${url}"\ncase:\n  name: "C"\n  summary: "S"\n`;

/** The site settings a content folder with this site.yaml url gives, built for `address`. */
function siteAt(url: string, address: SiteAddress = {}): SiteConfig {
  const files: ContentFiles = {
    site: { file: "content/site.yaml", bytes: Buffer.from(siteYaml(url)) },
    topics: { file: "content/topics.yaml", bytes: Buffer.from("[]\n") },
    people: { file: "content/people.yaml", bytes: Buffer.from("[]\n") },
    articles: [],
    paths: { site: "content/site.yaml", topics: "content/topics.yaml", people: "content/people.yaml", articles: "content/articles/" },
    problems: [],
  };
  const settings = readSettings(files, address);
  expect(settings.problems).toEqual([]);
  return settings.site!;
}

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
  const topicsOf = (yaml: string) => {
    const files: ContentFiles = {
      site: { file: "content/site.yaml", bytes: Buffer.from(siteYaml("https://news.test/")) },
      topics: { file: "content/topics.yaml", bytes: Buffer.from(yaml) },
      people: { file: "content/people.yaml", bytes: Buffer.from("[]\n") },
      articles: [],
      paths: { site: "content/site.yaml", topics: "content/topics.yaml", people: "content/people.yaml", articles: "content/articles/" },
      problems: [],
    };
    return readSettings(files);
  };

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
