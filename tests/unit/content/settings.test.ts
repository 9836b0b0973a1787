import { describe, expect, it } from "vitest";
import type { ContentFiles } from "../../../src/content/read.ts";
import { placeholderUrlWarning, readSettings, type SiteAddress } from "../../../src/content/settings.ts";
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
