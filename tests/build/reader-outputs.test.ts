import { beforeAll, describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildFixture, headersFor, page, projectRoot, treeHashes, type BuildRun } from "../helpers.ts";

let run: BuildRun;
const read = (path: string) => readFileSync(join(run.dir, "_site", path), "utf8");
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "url", "link", "category"].includes(name) });
const HOSTILE = "<script>alert('title')</script> \"quoted\" & </script> end";
/** Every JSON-LD block of a page, parsed. */
const jsonLd = (urlPath: string) => {
  const $ = page(run.dir, urlPath);
  return $('script[type="application/ld+json"]').map((_, s) => JSON.parse($(s).text())).get() as Record<string, any>[];
};

beforeAll(async () => {
  run = await buildFixture("valid-archive");
});

describe("feeds", () => {
  it("publish the newest articles first as valid Atom, with absolute URLs and hostile titles as plain text", () => {
    const text = read("feed.xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const feed = xml.parse(text).feed;
    expect(feed.entry.map((e: { title: string }) => e.title)).toEqual([
      "Plea in Saipan",
      "Same words, two encodings",
      "Same words, two encodings",
      "Late evening statement",
      HOSTILE,
      "Judge refuses extradition",
      "Campaigners send a letter",
      "Extradition hearing opens",
    ]);
    const ruling = feed.entry.find((e: { title: string }) => e.title === "Judge refuses extradition");
    expect(ruling.id).toBe("tag:archive.test,2021-01-04:/2021/01/04/ruling/");
    expect(ruling.link[0]["@href"]).toBe("https://archive.test/2021/01/04/ruling/");
    expect(ruling.published).toBe("2021-01-04T10:30:00+00:00");
    expect(ruling.updated).toBe("2021-01-06T00:00:00+00:00");
    expect(feed.updated).toBe("2024-06-25T23:30:00+01:00");
  });

  it("link to the site first and to themselves after, as feed readers take the first link as the site's", () => {
    for (const [file, page] of [["feed.xml", "https://archive.test/"], ["topics/hearings/feed.xml", "https://archive.test/topics/hearings/"]]) {
      const links = xml.parse(read(file!)).feed.link as { "@rel": string; "@href": string }[];
      expect(links.map((l) => [l["@rel"], l["@href"]]), file).toEqual([
        ["alternate", page],
        ["self", `https://archive.test/${file}`],
      ]);
    }
  });

  it("drop characters XML cannot hold instead of breaking the feed", () => {
    expect(read("feed.xml")).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it("also publish JSON Feed 1.1 and one Atom feed per topic", () => {
    const json = JSON.parse(read("feed.json"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.items[0]).toMatchObject({ id: "tag:archive.test,2024-06-25:/2024/06/25/plea-in-saipan/", url: "https://archive.test/2024/06/25/plea-in-saipan/", title: "Plea in Saipan" });
    expect(json.icon).toBe("https://archive.test/assets/favicon.svg");
    expect(json.favicon).toBe("https://archive.test/assets/favicon.svg");
    expect(statSync(join(run.dir, "_site/assets/favicon.svg")).size).toBeGreaterThan(0);
    const hearings = xml.parse(read("topics/hearings/feed.xml")).feed;
    expect(hearings.entry.map((e: { title: string }) => e.title)).toEqual(["Judge refuses extradition", "Extradition hearing opens"]);
    expect(page(run.dir, "/topics/hearings/")('link[rel="alternate"][href="/topics/hearings/feed.xml"]').length).toBe(1);
  });
});

describe("bylines for machines", () => {
  it("name each entry's authors in the Atom feeds, linked to their pages, and none on an article without a byline", () => {
    const authorsOf = (file: string, title: string) => {
      const entry = xml.parse(read(file)).feed.entry.find((e: { title: string }) => e.title === title);
      return [entry.author ?? []].flat().map((a: { name: string; uri: string }) => [a.name, a.uri]);
    };
    expect(XMLValidator.validate(read("authors/ada-writer/feed.xml"))).toBe(true);
    expect(authorsOf("feed.xml", "Extradition hearing opens")).toEqual([
      ["Ada Writer", "https://archive.test/authors/ada-writer/"],
      ["Test desk", "https://archive.test/authors/test-desk/"],
    ]);
    expect(authorsOf("topics/campaigns/feed.xml", "Campaigners send a letter")).toEqual([["Test desk", "https://archive.test/authors/test-desk/"]]);
    expect(authorsOf("feed.xml", "Plea in Saipan")).toEqual([]);
  });

  it("give each author an Atom feed of their own articles, newest first, that the author page announces", () => {
    const feed = xml.parse(read("authors/ada-writer/feed.xml")).feed;
    expect(feed.title).toBe("Ada Writer · Test Case File");
    expect(feed.link.map((l: { "@rel": string; "@href": string }) => [l["@rel"], l["@href"]])).toEqual([
      ["alternate", "https://archive.test/authors/ada-writer/"],
      ["self", "https://archive.test/authors/ada-writer/feed.xml"],
    ]);
    expect(feed.entry.map((e: { title: string }) => e.title)).toEqual(["Judge refuses extradition", "Extradition hearing opens"]);
    expect(page(run.dir, "/authors/ada-writer/")('link[rel="alternate"][type="application/atom+xml"][href="/authors/ada-writer/feed.xml"]').length).toBe(1);
  });

  it("name each JSON Feed item's authors with their pages", () => {
    const items = JSON.parse(read("feed.json")).items as { title: string; authors?: { name: string; url: string }[] }[];
    expect(items.find((i) => i.title === "Judge refuses extradition")!.authors).toEqual([{ name: "Ada Writer", url: "https://archive.test/authors/ada-writer/" }]);
    expect(items.find((i) => i.title === "Plea in Saipan")!.authors).toBeUndefined();
  });

  it("publish the publisher's logo at the address JSON-LD gives, byte for byte", () => {
    expect(readFileSync(join(run.dir, "_site/assets/publisher-logo.svg"))).toEqual(readFileSync(join(projectRoot, "tests/fixtures/_base/newsroom-logo.svg")));
  });

  it("describe an author's page as a schema.org ProfilePage about that Person, with their own web page", () => {
    expect(jsonLd("/authors/ada-writer/")).toEqual([
      expect.objectContaining({
        "@type": "ProfilePage",
        url: "https://archive.test/authors/ada-writer/",
        mainEntity: {
          "@type": "Person",
          name: "Ada Writer",
          disambiguatingDescription: "Court reporter",
          description: "Reports from the hearings of the test case.",
          url: "https://archive.test/authors/ada-writer/",
          sameAs: "https://writers.test/ada",
        },
      }),
    ]);
  });
});

describe("machine-readable dates", () => {
  // Updated on 2022-07-02, a summer calendar date: midnight in London is 23:00 UTC the day before.
  const LATE = "https://archive.test/2022/07/01/late-evening/";

  it("carry the calendar day the editor wrote into the sitemap, the feeds, JSON-LD, Open Graph and timeline.json", () => {
    const sitemap = new Map((xml.parse(read("sitemap.xml")).urlset.url as { loc: string; lastmod?: string }[]).map((u) => [u.loc, u.lastmod]));
    expect(sitemap.get(LATE)).toBe("2022-07-02");
    expect(sitemap.get("https://archive.test/topics/campaigns/")).toBe("2022-07-02");
    const entry = (file: string) => (xml.parse(read(file)).feed.entry as { link: { "@href": string }[]; published: string; updated: string }[]).find((e) => e.link[0]!["@href"] === LATE)!;
    for (const file of ["feed.xml", "topics/campaigns/feed.xml"]) {
      expect(entry(file), file).toMatchObject({ published: "2022-07-01T23:30:00+01:00", updated: "2022-07-02T00:00:00+01:00" });
    }
    const item = JSON.parse(read("feed.json")).items.find((i: { url: string }) => i.url === LATE);
    expect(item).toMatchObject({ date_published: "2022-07-01T23:30:00+01:00", date_modified: "2022-07-02T00:00:00+01:00" });
    const $ = page(run.dir, "/2022/07/01/late-evening/");
    expect(JSON.parse($('script[type="application/ld+json"]').first().text())).toMatchObject({
      datePublished: "2022-07-01T23:30:00+01:00",
      dateModified: "2022-07-02T00:00:00+01:00",
    });
    expect($('meta[property="article:modified_time"]').attr("content")).toBe("2022-07-02T00:00:00+01:00");
    const event = JSON.parse(read("timeline.json")).events.find((e: { unique_id: string }) => e.unique_id === "2022-07-01-late-evening");
    expect(event.start_date).toEqual({ year: "2022", month: "7", day: "1", hour: "23", minute: "30", display_date: "1 July 2022" });
  });
});

describe("machine-readable pages", () => {
  it("list every page in the sitemap with the date it last changed, and point robots.txt at it", () => {
    const urls = xml.parse(read("sitemap.xml")).urlset.url as { loc: string; lastmod?: string }[];
    const byLoc = new Map(urls.map((u) => [u.loc, u.lastmod]));
    expect(byLoc.get("https://archive.test/2021/01/04/ruling/")).toBe("2021-01-06");
    expect(byLoc.get("https://archive.test/topics/hearings/")).toBe("2021-01-06");
    expect(byLoc.has("https://archive.test/timeline/")).toBe(true);
    // Pages of articles, topics, people, authors, years and months, and the others: home, timeline, indexes, search.
    expect(urls.length).toBe(8 + 3 + 3 + 2 + 5 + 7 + 7);
    expect(byLoc.get("https://archive.test/authors/ada-writer/")).toBe("2021-01-06");
    expect(byLoc.has("https://archive.test/authors/")).toBe(true);
    expect(read("robots.txt")).toBe("User-agent: *\nAllow: /\n\nSitemap: https://archive.test/sitemap.xml\n");
  });

  it("export the whole timeline in TimelineJS's format, milestones flagged, text escaped", () => {
    const data = JSON.parse(read("timeline.json"));
    expect(data.title.text.headline).toBe("The Test Case");
    expect(data.events).toHaveLength(8);
    expect(data.events[0]).toMatchObject({
      start_date: { year: "2020", month: "2", day: "24", display_date: "24 February 2020" },
      text: { headline: "Extradition hearing opens" },
      group: "Hearings",
      milestone: true,
    });
    const hostile = data.events.find((e: { unique_id: string }) => e.unique_id === "2021-03-01-hostile-text");
    expect(hostile.text.headline).toBe("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &quot;quoted&quot; &amp; &lt;/script&gt; end");
  });

  it("let pages on other sites fetch timeline.json and the feeds (TimelineJS, web feed readers), and no other file", () => {
    const headers = read("_headers");
    const urls = Object.keys(treeHashes(join(run.dir, "_site"))).flatMap((file) => (file.endsWith("index.html") ? [file, file.slice(0, -"index.html".length)] : [file]));
    const shared = urls.filter((url) => headersFor(headers, `/${url}`)["Access-Control-Allow-Origin"] === "*");
    expect(shared.sort()).toEqual([
      "authors/ada-writer/feed.xml",
      "authors/test-desk/feed.xml",
      "feed.json",
      "feed.xml",
      "timeline.json",
      "topics/appeals/feed.xml",
      "topics/campaigns/feed.xml",
      "topics/hearings/feed.xml",
    ]);
    expect(headersFor(headers, "/topics/hearings/feed.xml")["Content-Security-Policy"]).toContain("default-src 'self'");
    expect(headersFor(headers, "/")["Access-Control-Allow-Origin"]).toBeUndefined();
  });

  it("write a 404 page and security headers for static hosts", () => {
    expect(page(run.dir, "/404.html")("h1").text()).toBe("Page not found");
    const headers = read("_headers");
    expect(headers).toContain("Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';");
    expect(headers).toContain("frame-ancestors 'none'");
    expect(headers).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    expect(headers).toContain("X-Content-Type-Options: nosniff");
  });
});

describe("page metadata", () => {
  it("describes the home page as a schema.org WebSite whose search a search engine can start with the reader's words", () => {
    const [site, ...others] = jsonLd("/");
    expect(others).toEqual([]);
    expect(site).toEqual({
      "@context": "https://schema.org",
      "@type": "WebSite",
      name: "Test Case File",
      description: "A small archive used by the tests.",
      url: "https://archive.test/",
      inLanguage: "en-GB",
      potentialAction: {
        "@type": "SearchAction",
        target: { "@type": "EntryPoint", urlTemplate: "https://archive.test/search/?q={search_term_string}" },
        "query-input": "required name=search_term_string",
      },
    });
    // The template leads to the search page, whose form sends its words as q.
    const target = new URL(site!.potentialAction.target.urlTemplate.replace("{search_term_string}", "hearing"));
    expect(page(run.dir, target.pathname)('form[role="search"] input[type="search"]').attr("name")).toBe(target.searchParams.keys().next().value);
  });

  it("describes a person's page as a schema.org ProfilePage about that Person", () => {
    expect(jsonLd("/people/julian-assange/")).toEqual([
      expect.objectContaining({
        "@type": "ProfilePage",
        name: "Julian Assange",
        url: "https://archive.test/people/julian-assange/",
        isPartOf: { "@type": "WebSite", name: "Test Case File", url: "https://archive.test/" },
        mainEntity: expect.objectContaining({ "@type": "Person", name: "Julian Assange", url: "https://archive.test/people/julian-assange/" }),
      }),
    ]);
  });

  it("describes a topic page and the timeline as schema.org CollectionPages listing their articles in order", () => {
    const [topic] = jsonLd("/topics/hearings/");
    expect(topic).toMatchObject({ "@type": "CollectionPage", name: "Hearings", url: "https://archive.test/topics/hearings/" });
    expect(topic!.mainEntity.itemListElement).toEqual([
      { "@type": "ListItem", position: 1, url: "https://archive.test/2020/02/24/hearing-opens/" },
      { "@type": "ListItem", position: 2, url: "https://archive.test/2021/01/04/ruling/" },
    ]);
    const [timeline] = jsonLd("/timeline/");
    expect(timeline).toMatchObject({ "@type": "CollectionPage", name: "Timeline", url: "https://archive.test/timeline/", mainEntity: { numberOfItems: 8 } });
    expect(timeline!.mainEntity.itemListElement.at(-1).url).toBe("https://archive.test/2024/06/25/plea-in-saipan/");
  });

  it("gives an article its canonical URL, Open Graph and Twitter tags", () => {
    const $ = page(run.dir, "/2021/01/04/ruling/");
    const meta = (key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).attr("content");
    expect($('link[rel="canonical"]').attr("href")).toBe("https://archive.test/2021/01/04/ruling/");
    expect(meta("og:type")).toBe("article");
    expect(meta("article:published_time")).toBe("2021-01-04T10:30:00+00:00");
    expect(meta("article:modified_time")).toBe("2021-01-06T00:00:00+00:00");
    expect(meta("article:section")).toBe("Hearings");
    expect(meta("twitter:card")).toBe("summary_large_image");
    expect(meta("og:image")).toBe("https://archive.test/2021/01/04/ruling/card.png");
    expect(meta("twitter:image")).toBe(meta("og:image"));
    expect(meta("description")).toBe("The judge refused the request on health grounds.");
    expect(page(run.dir, "/timeline/")('meta[property="og:type"]').attr("content")).toBe("website");
  });

  it("describes an article as schema.org NewsArticle and BreadcrumbList JSON-LD", () => {
    const $ = page(run.dir, "/2020/02/24/hearing-opens/");
    const blocks = $('script[type="application/ld+json"]').map((_, s) => JSON.parse($(s).text())).get();
    expect(blocks[0]).toMatchObject({
      "@type": "NewsArticle",
      headline: "Extradition hearing opens",
      datePublished: "2020-02-24T00:00:00+00:00",
      articleSection: "Hearings",
      mainEntityOfPage: { "@id": "https://archive.test/2020/02/24/hearing-opens/" },
      about: [
        { "@type": "Person", name: "Vanessa Baraitser", url: "https://archive.test/people/vanessa-baraitser/" },
        { "@type": "Person", name: "Julian Assange", url: "https://archive.test/people/julian-assange/" },
      ],
      citation: [{ name: "Court report", url: "https://news.test/hearing" }, { name: "Second report" }],
    });
    expect(blocks[0].author).toEqual([
      { "@type": "Person", name: "Ada Writer", url: "https://archive.test/authors/ada-writer/" },
      { "@type": "Person", name: "Test desk", url: "https://archive.test/authors/test-desk/" },
    ]);
    expect(blocks[0].publisher).toEqual({
      "@type": "Organization",
      name: "Test Newsroom",
      url: "https://newsroom.test/",
      logo: { "@type": "ImageObject", url: "https://archive.test/assets/publisher-logo.svg" },
    });
    expect(blocks[1].itemListElement.map((i: { name: string }) => i.name)).toEqual(["Test Case File", "Hearings", "Extradition hearing opens"]);
  });

  it("serialises JSON-LD so that no value can close the script element or open a comment", () => {
    const raw = read("2021/03/01/hostile-text/index.html");
    const blocks = [...raw.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) expect(block).not.toMatch(/[<>&]/);
    expect(JSON.parse(blocks[0]!).headline).toBe(HOSTILE);
  });
});

describe("reading", () => {
  it("lists up to five related articles, sharing people or topic first", () => {
    const $ = page(run.dir, "/2020/02/24/hearing-opens/");
    expect($(".related a").map((_, a) => $(a).attr("href")).get()).toEqual([
      "/2021/01/04/ruling/",
      "/2020/12/11/letter/",
      "/2023/01/10/bom-crlf/",
      "/2023/01/10/plain/",
      "/2024/06/25/plea-in-saipan/",
    ]);
  });

  it("draws the case overview at build time with a text alternative, and links each year to the timeline", () => {
    const $ = page(run.dir, "/timeline/");
    const svg = $("figure.overview svg");
    expect(svg.find("desc").text()).toBe(
      "8 articles from 24 February 2020 to 25 June 2024. The busiest month was January 2023, with 2 articles. 2 milestones are marked and listed below.",
    );
    expect(svg.find("a").map((_, a) => $(a).attr("href")).get()).toEqual(["/timeline/#y2020", "/timeline/#y2021", "/timeline/#y2022", "/timeline/#y2023", "/timeline/#y2024"]);
    expect($(".ov-legend li").length).toBe(2);
    expect(page(run.dir, "/")("figure.overview").length).toBe(1);
  });

  it("keeps the whole stylesheet under 20 KB and loads nothing from other sites", () => {
    expect(statSync(join(run.dir, "_site/assets/site.css")).size).toBeLessThan(20_000);
    for (const url of ["/", "/timeline/", "/2020/02/24/hearing-opens/", "/search/"]) {
      const $ = page(run.dir, url);
      const refs = $("link[rel=stylesheet], link[rel=icon], script[src], img[src]").map((_, e) => $(e).attr("href") ?? $(e).attr("src")).get();
      expect(refs.filter((r) => !r.startsWith("/")), url).toEqual([]);
    }
  });

  it("offers search from every page with a plain form that works without JavaScript", () => {
    const $ = page(run.dir, "/topics/");
    expect($('form[role="search"]').attr("action")).toBe("/search/");
    expect($('form[role="search"] input[name="q"]').length).toBe(1);
    const search = page(run.dir, "/search/");
    expect(search("#search-fallback a").map((_, a) => search(a).attr("href")).get()).toEqual(["/timeline/", "/topics/", "/people/", "/archive/"]);
  });
});
