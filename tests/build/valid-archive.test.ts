import { beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildFixture, page, type BuildRun } from "../helpers.ts";

let run: BuildRun;
const titlesOn = (dir: string, url: string, selector = ".entry-title a") =>
  page(dir, url)(selector)
    .map((_, el) => page(dir, url)(el).text())
    .get();

beforeAll(async () => {
  run = await buildFixture("valid-archive");
});

describe("a valid archive", () => {
  it("says what it built and exits 0", () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Built 8 articles into _site: \d+ pages, \d+ in the search index, 1 draft left out; 7 external links listed in \.cache\/external-links\.txt\.\nTime: read and validate [\d.]+ s, images [\d.]+ s, render [\d.]+ s, check [\d.]+ s \((\d+) HTML pages: \1 validated, 0 unchanged since the last build; links read from \1\); index [\d.]+ s alongside render and check\.\n$/m,
    );
  });

  it("writes each article at its date URL with its title, date, topic and people", () => {
    const $ = page(run.dir, "/2020/02/24/hearing-opens/");
    expect($("h1").length).toBe(1);
    expect($("h1").text()).toBe("Extradition hearing opens");
    expect($(".article-header time").attr("datetime")).toBe("2020-02-24");
    expect($(".article-header time").text()).toBe("24 February 2020");
    expect($(".kicker a").attr("href")).toBe("/topics/hearings/");
    expect($(".people a").map((_, a) => $(a).attr("href")).get()).toEqual(["/people/vanessa-baraitser/", "/people/julian-assange/"]);
    expect($("title").text()).toBe("Extradition hearing opens · Test Case File");
    expect($("html").attr("lang")).toBe("en-GB");
  });

  it("shows a byline under the headline, each author linked to their page", () => {
    const $ = page(run.dir, "/2020/02/24/hearing-opens/");
    const byline = $(".article-header h1 ~ .byline");
    expect(byline.text()).toBe("By Ada Writer and Test desk");
    expect(byline.find("a").map((_, a) => [[$(a).attr("href"), $(a).attr("rel")]]).get()).toEqual([
      ["/authors/ada-writer/", "author"],
      ["/authors/test-desk/", "author"],
    ]);
    // No authors: the site's default author, site.yaml's author.
    expect(page(run.dir, "/2020/12/11/letter/")(".byline").text()).toBe("By Test desk");
    // authors: [] is an article without a byline.
    expect(page(run.dir, "/2024/06/25/plea-in-saipan/")(".byline").length).toBe(0);
  });

  it("gives each author a page with their articles newest first, and lists every author on /authors/", () => {
    expect(titlesOn(run.dir, "/authors/ada-writer/")).toEqual(["Judge refuses extradition", "Extradition hearing opens"]);
    const $ = page(run.dir, "/authors/ada-writer/");
    expect($("h1").text()).toBe("Ada Writer");
    expect($(".role").text()).toBe("Court reporter");
    expect($(".website a").attr("href")).toBe("https://writers.test/ada");
    expect($(".kicker a").attr("href")).toBe("/authors/");
    expect(titlesOn(run.dir, "/authors/test-desk/")[0]).toBe("Same words, two encodings");
    const index = page(run.dir, "/authors/");
    expect(index(".cards h2 a").map((_, a) => [[index(a).text(), index(a).attr("href")]]).get()).toEqual([
      ["Test desk", "/authors/test-desk/"],
      ["Ada Writer", "/authors/ada-writer/"],
    ]);
    expect(index(".cards .count").map((_, c) => index(c).text()).get()).toEqual(["6 articles", "2 articles"]);
  });

  it("numbers the sources and links each one", () => {
    const $ = page(run.dir, "/2020/02/24/hearing-opens/");
    const items = $(".sources ol > li");
    expect(items.length).toBe(2);
    expect(items.eq(0).attr("id")).toBe("source-1");
    expect(items.eq(0).find("a").attr("href")).toBe("https://news.test/hearing");
    expect(items.eq(0).text()).toContain("Court report, News Test, 25 February 2020");
    expect(items.eq(1).find("a").attr("href")).toBe("https://other.test/report?id=1&lang=en");
  });

  it("dates an instant in the site's zone, so a plea at 08:30 in Saipan is filed under 25 June in London", () => {
    const $ = page(run.dir, "/2024/06/25/plea-in-saipan/");
    expect($(".article-header time").attr("datetime")).toBe("2024-06-25T23:30:00+01:00");
    expect($(".article-header time").text()).toBe("25 June 2024");
    expect(existsSync(join(run.dir, "_site/2024/06/26"))).toBe(false);
  });

  it("reads a date-time without an offset in the site's zone", () => {
    const $ = page(run.dir, "/2022/07/01/late-evening/");
    expect($(".article-header time").attr("datetime")).toBe("2022-07-01T23:30:00+01:00");
  });

  it("shows the update date and each correction", () => {
    const $ = page(run.dir, "/2021/01/04/ruling/");
    expect($(".meta").first().text()).toContain("Updated 6 January 2021");
    expect($(".corrections li").text()).toBe("6 January 2021: An earlier version gave the wrong court.");
  });

  it("links each article to the one before and after it in the chronology", () => {
    const $ = page(run.dir, "/2020/12/11/letter/");
    expect($('a[rel="prev"]').attr("href")).toBe("/2020/02/24/hearing-opens/");
    expect($('a[rel="next"]').attr("href")).toBe("/2021/01/04/ruling/");
    expect(page(run.dir, "/2020/02/24/hearing-opens/")('a[rel="prev"]').length).toBe(0);
  });

  it("derives a summary from the first paragraph when none is given, cut at a word", () => {
    const summary = page(run.dir, "/2020/12/11/letter/")(".standfirst").text();
    expect(summary.startsWith("Campaigners wrote to the government on Human Rights Day, asking for the publisher’s release;")).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary.endsWith("…")).toBe(true);
    expect(summary).not.toMatch(/\s…$/);
  });

  it("lists every article once on the timeline, oldest first, grouped by year, milestones marked", () => {
    const $ = page(run.dir, "/timeline/");
    expect(titlesOn(run.dir, "/timeline/")).toEqual([
      "Extradition hearing opens",
      "Campaigners send a letter",
      "Judge refuses extradition",
      "<script>alert('title')</script> \"quoted\" & </script> end",
      "Late evening statement",
      "Same words, two encodings",
      "Same words, two encodings",
      "Plea in Saipan",
    ]);
    expect($(".year-index a").map((_, a) => $(a).attr("href")).get()).toEqual(["/timeline/#y2020", "/timeline/#y2021", "/timeline/#y2022", "/timeline/#y2023", "/timeline/#y2024"]);
    expect($("section#y2021 .entry").length).toBe(2);
    expect($(".entry.milestone .entry-title").map((_, e) => $(e).text()).get()).toEqual(["Extradition hearing opens", "Judge refuses extradition"]);
    expect($(".entry.milestone .badge").first().text()).toBe("Milestone");
    expect($("#2020-12-11 .entry-title a").attr("href")).toBe("/2020/12/11/letter/");
  });

  it("lists a topic's articles on its page, and every topic on /topics/", () => {
    expect(titlesOn(run.dir, "/topics/hearings/")).toEqual(["Extradition hearing opens", "Judge refuses extradition"]);
    expect(page(run.dir, "/topics/hearings/")("h1").text()).toBe("Hearings");
    const $ = page(run.dir, "/topics/");
    expect($(".cards h2 a").map((_, a) => $(a).attr("href")).get()).toEqual(["/topics/hearings/", "/topics/appeals/", "/topics/campaigns/"]);
  });

  it("gives each person a page with their own timeline, and lists everyone on /people/", () => {
    expect(titlesOn(run.dir, "/people/julian-assange/")).toEqual([
      "Extradition hearing opens",
      "Campaigners send a letter",
      "Judge refuses extradition",
      "Same words, two encodings",
      "Same words, two encodings",
      "Plea in Saipan",
    ]);
    const $ = page(run.dir, "/people/stella-assange/");
    expect($("h1").text()).toBe("Stella Assange");
    expect($(".aliases").text()).toBe("Also written as: Stella Moris");
    expect(page(run.dir, "/people/")(".cards h2 a").length).toBe(3);
  });

  it("writes year and month archives", () => {
    expect(titlesOn(run.dir, "/2021/")).toEqual(["Judge refuses extradition", "<script>alert('title')</script> \"quoted\" & </script> end"]);
    expect(titlesOn(run.dir, "/2020/12/")).toEqual(["Campaigners send a letter"]);
    expect(page(run.dir, "/2020/12/")("h1").text()).toBe("December 2020");
    const $ = page(run.dir, "/archive/");
    expect($("h2 a").map((_, a) => $(a).text()).get()).toEqual(["2020", "2021", "2022", "2023", "2024"]);
  });

  it("puts the case summary, the milestones and the latest articles on the home page", () => {
    const $ = page(run.dir, "/");
    expect($("h1").text()).toBe("The Test Case");
    expect($(".lede").text()).toBe("A case invented for the tests, with a handful of articles.");
    expect($("#milestones-heading + ol .entry-title").map((_, e) => $(e).text()).get()).toEqual(["Extradition hearing opens", "Judge refuses extradition"]);
    expect($("#latest-heading + ol .entry-title").first().text()).toBe("Plea in Saipan");
  });

  it("leaves drafts out of the production build", () => {
    expect(existsSync(join(run.dir, "_site/2021/05/05/unfinished"))).toBe(false);
    expect(page(run.dir, "/timeline/").html()).not.toContain("unfinished draft");
  });

  it("gives every page one h1, a skip link to main, and main navigation", () => {
    for (const url of ["/", "/timeline/", "/topics/", "/topics/appeals/", "/people/", "/people/julian-assange/", "/authors/", "/authors/ada-writer/", "/2021/", "/2021/01/", "/archive/", "/2021/01/04/ruling/"]) {
      const $ = page(run.dir, url);
      expect($("h1").length, url).toBe(1);
      expect($("a.skip-link").attr("href"), url).toBe("#main");
      expect($("main#main").length, url).toBe(1);
      expect($('nav[aria-label="Main"] a').length, url).toBe(4);
      // Reading needs no script: the only scripts are JSON-LD data and the site's own enhancement modules.
      $("script").each((_, el) => {
        const script = $(el);
        expect(script.attr("type") === "application/ld+json" || /^\/assets\/[a-z-]+\.js$/.test(script.attr("src") ?? ""), url).toBe(true);
      });
    }
  });
});

describe("article text is shown, never run", () => {
  it("escapes a hostile title, summary and source title everywhere they are shown, attributes included", () => {
    const title = "<script>alert('title')</script> \"quoted\" & </script> end";
    for (const url of ["/2021/03/01/hostile-text/", "/timeline/", "/topics/campaigns/", "/2021/"]) {
      const $ = page(run.dir, url);
      expect($("script:not([type='application/ld+json']):not([src])").length, url).toBe(0);
      expect($("img").length, url).toBe(0);
      expect($(".entry-title a, h1").filter((_, e) => $(e).text() === title).length, url).toBeGreaterThan(0);
    }
    const $ = page(run.dir, "/2021/03/01/hostile-text/");
    expect($("title").text()).toBe(`${title} · Test Case File`);
    expect($('meta[name="description"]').attr("content")).toBe("<img src=x onerror=alert('summary')> summary \"quotes\"");
    expect($(".sources a").text()).toBe("</script><script>alert('source')</script>");
    expect($(".sources a").attr("href")).toBe("https://news.test/hostile?a=1&b=%222%22");
  });

  it("shows template syntax and raw HTML in a body as written, and drops javascript: links", () => {
    const $ = page(run.dir, "/2020/12/11/letter/");
    const body = $(".article-body");
    expect(body.text()).toContain("{{ archive.site.title }} and {% if true %}yes{% endif %}");
    expect(body.text()).toContain("<script>alert(1)</script> <b>bold</b>");
    expect(body.text()).toContain("[A bad link](javascript:alert(1))");
    expect(body.find("script, b").length).toBe(0);
    expect(body.find("a").map((_, a) => $(a).attr("href")).get()).toEqual(["https://example.test/page"]);
    expect(body.find("a").attr("rel")).toBe("noopener noreferrer");
  });

  it("gives a file with a BOM and CRLF line endings the same page as a plain one", () => {
    const plain = page(run.dir, "/2023/01/10/plain/");
    const bom = page(run.dir, "/2023/01/10/bom-crlf/");
    expect(bom(".article-body").html()).toBe(plain(".article-body").html());
    expect(bom("h1").text()).toBe(plain("h1").text());
    expect(bom(".article-body li").length).toBe(2);
  });
});
