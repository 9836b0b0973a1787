import { describe, expect, it, vi } from "vitest";
import { HtmlValidate } from "html-validate";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { formatProblem, formatReport, type ContentProblem } from "../../../src/content/problems.ts";
import { checkSite, linkReaderIdentity, pageHash, type CheckOptions } from "../../../src/site/checks.ts";
import { linkCacheFile, readLinkCache, writeLinkCache } from "../../../src/site/link-cache.ts";
import type { SiteConfig } from "../../../src/types.ts";
import { PackedText } from "../../../src/packed.ts";

const site = { url: "https://e.test/", basePath: "/" } as SiteConfig;
const page = (body: string) => `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>\n`;

/** Each problem's code and the line the build prints for it. */
const shown = (problems: readonly ContentProblem[]) => problems.map((p) => [p.code, formatProblem(p)]);

function siteWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "casefile-check-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("checking a rendered site", () => {
  it("passes a whole site and lists its external links without fetching them", async () => {
    const dir = siteWith({
      "index.html": page('<main id="top"><a href="/a/">a</a> <a href="a/#x">x</a> <a href="https://other.test/p">o</a> <a href="mailto:x@e.test">m</a> <a href="#top">t</a></main>'),
      "a/index.html": page('<h1 id="x">A</h1><a href="https://e.test/">home</a>'),
    });
    expect(await checkSite(dir, site)).toEqual({
      problems: [],
      externalLinks: ["https://other.test/p"],
      pages: 2,
      validated: 2,
      reused: 0,
      passedHashes: [],
      pageHashes: new Map(),
      parsed: 2,
    });
  });

  it("names every link, asset and fragment that leads nowhere", async () => {
    const dir = siteWith({
      "index.html": page('<a href="/missing/">m</a><a href="/a/#nope">f</a><img src="/logo.png" alt=""><a href="javascript:alert(1)">j</a>'),
      "a/index.html": page("<h1>A</h1>"),
    });
    expect(shown((await checkSite(dir, site)).problems)).toEqual([
      ["link-broken", 'index.html  link: "/missing/" leads to /missing/, which the build did not write'],
      ["link-broken", 'index.html  link: "/a/#nope" points to #nope, which /a/ does not have'],
      ["link-broken", 'index.html  link: "/logo.png" leads to /logo.png, which the build did not write'],
      ["link-invalid", 'index.html  link: "javascript:alert(1)" uses javascript: (only http, https and mailto links are allowed)'],
    ]);
  });

  it("names a link with a malformed percent escape instead of stopping the check", async () => {
    const dir = siteWith({ "index.html": page('<a href="/a%zz/">p</a><a href="/#%E0%A4%A">f</a>') });
    expect(shown((await checkSite(dir, site)).problems)).toEqual([
      ["link-invalid", 'index.html  link: "/a%zz/" has a % that is not followed by two hex digits of UTF-8 (write %25 for a percent sign)'],
      ["link-invalid", 'index.html  link: "/#%E0%A4%A" has a % that is not followed by two hex digits of UTF-8 (write %25 for a percent sign)'],
    ]);
  });

  it("follows a relative link from the folder of the page it is on, and a link from the site's root the same from every page", async () => {
    const dir = siteWith({
      "index.html": page('<a href="a/">a</a> <a href="b/">b</a>'),
      "a/index.html": page('<a href="x/">x</a> <a href="/a/x/">x</a> <a href="\\a\\x\\">x</a> <a href="//other.test/">o</a>'),
      "a/x/index.html": page("<p>x</p>"),
      "b/index.html": page('<a href="x/">x</a> <a href="/a/x/">x</a> <a href="\\a\\x\\">x</a> <a href="//other.test/">o</a> <a href="../a/x/">x</a>'),
    });
    const result = await checkSite(dir, site);
    expect(shown(result.problems)).toEqual([["link-broken", 'b/index.html  link: "x/" leads to /b/x/, which the build did not write']]);
    expect(result.externalLinks).toEqual(["https://other.test/"]);
  });

  it("reports invalid HTML with file, line and rule", async () => {
    const dir = siteWith({ "index.html": page('<p><div id="d" id="e"></div></p>') });
    expect(shown((await checkSite(dir, site)).problems)).toEqual([
      ["html-invalid", 'index.html:2:89  html: Attribute "id" duplicated (no-dup-attr)'],
      ["html-invalid", "index.html:2:103  html: Stray end tag '</p>' (close-order)"],
    ]);
  });

  it("finds the same problems when the pages are shared out to worker threads", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 900; i++) files[`p${i}/index.html`] = page(`<h1 id="h">${i}</h1><a href="/p${(i + 1) % 900}/#h">next</a>`);
    files["p899/index.html"] = page('<h1 id="h">last</h1><a href="/p0/#gone">first</a><p><div></div></p>');
    const result = await checkSite(siteWith(files), site, { workers: 2 });
    expect(result.pages).toBe(900);
    expect(shown(result.problems)).toEqual([
      ["link-broken", 'p899/index.html  link: "/p0/#gone" points to #gone, which /p0/ does not have'],
      ["html-invalid", "p899/index.html:2:138  html: Stray end tag '</p>' (close-order)"],
    ]);
  });

  it("makes a validator failure a problem of that page and checks the others", async () => {
    const dir = siteWith({
      "index.html": page('<a href="/deep/">deep</a>'),
      "deep/index.html": page("<p>deep</p>"),
      "other/index.html": page('<p><div id="d" id="e"></div></p>'),
    });
    const validate = HtmlValidate.prototype.validateStringSync;
    const spy = vi.spyOn(HtmlValidate.prototype, "validateStringSync").mockImplementation(function (this: HtmlValidate, ...args: Parameters<typeof validate>) {
      if (args[1] === "deep/index.html") throw new RangeError("Maximum call stack size exceeded");
      return validate.apply(this, args);
    });
    try {
      expect(shown((await checkSite(dir, site)).problems)).toEqual([
        ["html-unchecked", "deep/index.html  html: html-validate could not check this page (RangeError: Maximum call stack size exceeded) (look for very deeply nested text in what it shows)"],
        ["html-invalid", 'other/index.html:2:89  html: Attribute "id" duplicated (no-dup-attr)'],
        ["html-invalid", "other/index.html:2:103  html: Stray end tag '</p>' (close-order)"],
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it("shows control characters in a quoted link escaped, so each problem stays one line", async () => {
    const dir = siteWith({ "index.html": page('<a href="/x\n  forged.html: problem\u001b]0;t\u0007/">x</a>') });
    expect(formatReport((await checkSite(dir, site)).problems).split("\n")).toEqual([
      "2 problems in 1 file",
      '  index.html  link: "/x\\n  forged.html: problem\\x1b]0;t\\x07/" leads to /x%20%20forged.html:%20problem%1B]0;t%07/, which the build did not write',
      '  index.html:2:83  html: Attribute "href" has invalid value "/x\\n  forged.html: problem\\x1b]0;t\\x07/" (attribute-allowed-values)',
    ]);
  });

  it("reads feeds and the sitemap back and follows their links", async () => {
    const dir = siteWith({
      "index.html": page("<h1>Home</h1>"),
      "feed.xml": '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title><updated>2020-01-01T00:00:00Z</updated><entry><id>e</id><title>e</title><updated>2020-01-01T00:00:00Z</updated><link href="https://e.test/gone/"/></entry></feed>',
      "sitemap.xml": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.test/</loc></url><url><lastmod>2020-01-01</lastmod></url></urlset>',
      "feed.json": '{"version":"https://jsonfeed.org/version/1","items":[{"id":"1"}]}',
    });
    expect(shown((await checkSite(dir, site)).problems)).toEqual([
      ["link-broken", 'feed.xml  link: "https://e.test/gone/" leads to /gone/, which the build did not write'],
      ["feed-invalid", "feed.json  feed: version is not JSON Feed 1.1"],
      ["feed-invalid", "feed.json  feed: item 1 has no id or url"],
      ["sitemap-invalid", "sitemap.xml  sitemap: a <url> has no <loc>"],
    ]);
  });

  it("names a feed that is no feed, one without its elements, and a sitemap that lists nothing", async () => {
    const dir = siteWith({
      "index.html": page("<h1>Home</h1>"),
      "feed.xml": "<feed><id>x</id>",
      "topics/a/feed.xml": '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>e</id></entry></feed>',
      "sitemap.xml": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
    });
    const problems = shown((await checkSite(dir, site)).problems);
    expect(problems.map(([code, line]) => [code, line!.replace(/ \(.*$/, "")])).toEqual([
      ["feed-invalid", "feed.xml  feed: not well-formed XML"],
      ["feed-invalid", "feed.xml  feed: not an Atom feed"],
      ["feed-invalid", "topics/a/feed.xml  feed: has no <id>"],
      ["feed-invalid", "topics/a/feed.xml  feed: has no <updated>"],
      ["feed-invalid", "topics/a/feed.xml  feed: entry 1 has no <title>"],
      ["feed-invalid", "topics/a/feed.xml  feed: entry 1 has no <updated>"],
      ["feed-invalid", "topics/a/feed.xml  feed: entry 1 has no <link>"],
      ["sitemap-invalid", "sitemap.xml  sitemap: no <url> entries"],
    ]);
  });

  it("points a bad link in an article's own text back to the article's Markdown file, and a link the template wrote to none", async () => {
    const dir = siteWith({
      "index.html": page('<a href="/2020/01/01/a/">a</a>'),
      "2020/01/01/a/index.html": page('<nav><a href="/about/">about</a></nav><article><p>See <a href="/2099/01/01/nowhere/">this</a> and <a href="/#top">that</a>.</p></article>'),
    });
    const articles = [{ file: "content/articles/2020-01-01-a.md", path: "/2020/01/01/a/", bodyHtml: PackedText.pack('<p>See <a href="/2099/01/01/nowhere/">this</a> and <a href="/#top">that</a>.</p>') }];
    expect(shown((await checkSite(dir, site, { articles })).problems)).toEqual([
      ["link-broken", '2020/01/01/a/index.html  link: "/about/" leads to /about/, which the build did not write'],
      ["link-broken", '2020/01/01/a/index.html  link: "/2099/01/01/nowhere/" leads to /2099/01/01/nowhere/, which the build did not write (fix the link in content/articles/2020-01-01-a.md)'],
      ["link-broken", '2020/01/01/a/index.html  link: "/#top" points to #top, which / does not have (fix the link in content/articles/2020-01-01-a.md)'],
    ]);
  });
});

describe("checking a rendered site against the pages that passed before", () => {
  const hashOf = (dir: string, file: string) => pageHash(readFileSync(join(dir, file)));

  it("does not validate a page whose bytes passed before, but still follows its links", async () => {
    const dir = siteWith({
      "index.html": page('<a href="/missing/">m</a><a href="/a/#nope">f</a>'),
      "a/index.html": page("<h1>A</h1>"),
    });
    const passed = new Set([hashOf(dir, "index.html")]);
    const result = await checkSite(dir, site, { passed });
    expect(shown(result.problems)).toEqual([
      ["link-broken", 'index.html  link: "/missing/" leads to /missing/, which the build did not write'],
      ["link-broken", 'index.html  link: "/a/#nope" points to #nope, which /a/ does not have'],
    ]);
    expect([result.validated, result.reused]).toEqual([1, 1]);
    expect(result.passedHashes.sort()).toEqual([hashOf(dir, "index.html"), hashOf(dir, "a/index.html")].sort());
  });

  it("validates a page again once its bytes change, and never lists a page that failed as passed", async () => {
    const dir = siteWith({ "index.html": page("<p>fine</p>") });
    const passed = new Set([hashOf(dir, "index.html"), "0123456789abcdef0123456789abcdef"]);
    writeFileSync(join(dir, "index.html"), page('<p><div id="d" id="e"></div></p>'));
    const result = await checkSite(dir, site, { passed });
    expect(shown(result.problems)).toEqual([
      ["html-invalid", 'index.html:2:89  html: Attribute "id" duplicated (no-dup-attr)'],
      ["html-invalid", "index.html:2:103  html: Stray end tag '</p>' (close-order)"],
    ]);
    expect([result.validated, result.reused]).toEqual([1, 0]);
    expect(result.passedHashes).toEqual([]);
  });

  it("does the same when the pages are shared out to worker threads", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 900; i++) files[`p${i}/index.html`] = page(`<h1 id="h">${i}</h1><a href="/p${(i + 1) % 900}/#h">next</a>`);
    const dir = siteWith(files);
    const passed = new Set(Object.keys(files).map((file) => hashOf(dir, file)));
    writeFileSync(join(dir, "p899/index.html"), page('<h1 id="h">last</h1><a href="/p0/#gone">first</a><p><div></div></p>'));
    const result = await checkSite(dir, site, { workers: 2, passed });
    expect([result.pages, result.validated, result.reused]).toEqual([900, 1, 899]);
    expect(shown(result.problems)).toEqual([
      ["link-broken", 'p899/index.html  link: "/p0/#gone" points to #gone, which /p0/ does not have'],
      ["html-invalid", "p899/index.html:2:138  html: Stray end tag '</p>' (close-order)"],
    ]);
    expect(result.passedHashes.length).toBe(899);
    expect(result.passedHashes).not.toContain(hashOf(dir, "p899/index.html"));
  });
});

describe("checking a rendered site with the ids and links the last check read from it", () => {
  /** What a published build keeps of its check for the next one: the hashes of pages that passed, and what was read from each file. */
  async function lastCheck(dir: string, before: CheckOptions = { passed: new Set(), known: new Map() }): Promise<CheckOptions> {
    const result = await checkSite(dir, site, before);
    return { passed: new Set(result.passedHashes), known: result.known! };
  }

  /** Checks with the cache and without, and expects the very same findings. */
  async function sameAsWithout(dir: string, last: CheckOptions) {
    const [warm, cold] = [await checkSite(dir, site, last), await checkSite(dir, site)];
    expect(warm.problems).toEqual(cold.problems);
    expect(warm.externalLinks).toEqual(cold.externalLinks);
    return warm;
  }

  it("still reports a link in an unchanged page to a page that was then removed, without reading the page again", async () => {
    const dir = siteWith({
      "index.html": page('<a href="/a/">a</a> <a href="/b/#x">b</a>'),
      "a/index.html": page("<h1>A</h1>"),
      "b/index.html": page('<h1 id="x">B</h1>'),
    });
    const last = await lastCheck(dir);
    rmSync(join(dir, "b"), { recursive: true });
    const warm = await sameAsWithout(dir, last);
    expect(warm.parsed).toBe(0);
    expect(shown(warm.problems)).toEqual([["link-broken", 'index.html  link: "/b/#x" leads to /b/, which the build did not write']]);
  });

  it("takes the hash of a page carried from the published site from its last check, and still follows its links", async () => {
    const dir = siteWith({
      "index.html": page('<a href="/a/">a</a> <a href="/b/">b</a>'),
      "a/index.html": page("<h1>A</h1>"),
      "b/index.html": page("<h1>B</h1>"),
    });
    const first = await checkSite(dir, site, { passed: new Set(), known: new Map() });
    const last = { passed: new Set(first.passedHashes), known: first.known! };
    rmSync(join(dir, "b"), { recursive: true });
    // Carried pages are hard links of the published ones: the check takes their hashes as given, without reading them.
    writeFileSync(join(dir, "a/index.html"), page("<h1>A, as the check must not read it</h1>"));
    const warm = await checkSite(dir, site, { ...last, unchanged: first.pageHashes });
    expect(warm.parsed).toBe(0);
    expect(warm.pageHashes).toEqual(new Map([...first.pageHashes].filter(([file]) => file !== "b/index.html")));
    expect(shown(warm.problems)).toEqual([["link-broken", 'index.html  link: "/b/" leads to /b/, which the build did not write']]);
  });

  it("still reports a fragment in an unchanged page once the page it points to loses that id", async () => {
    const dir = siteWith({
      "index.html": page('<a href="/b/#x">b</a>'),
      "b/index.html": page('<h1 id="x">B</h1>'),
    });
    const last = await lastCheck(dir);
    writeFileSync(join(dir, "b/index.html"), page('<h1 id="y">B</h1>'));
    const warm = await sameAsWithout(dir, last);
    expect(warm.parsed).toBe(1);
    expect(shown(warm.problems)).toEqual([["link-broken", 'index.html  link: "/b/#x" points to #x, which /b/ does not have']]);
  });

  it("finds what a check without the cache finds through a series of edits: relative links, fragments, feeds and the sitemap", async () => {
    const atom = (links: string[], updated = "<updated>2020-01-01T00:00:00Z</updated>") =>
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title>${updated}${links
        .map((href) => `<entry><id>${href}</id><title>e</title><updated>2020-01-01T00:00:00Z</updated><link href="${href}"/></entry>`)
        .join("")}</feed>`;
    const sitemap = (locs: string[]) =>
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((loc) => `<url><loc>${loc}</loc></url>`).join("")}</urlset>`;
    const dir = siteWith({
      // The same relative link leads elsewhere from each folder; a tab inside a link is dropped by URL parsing.
      "index.html": page('<main id="main"><a href="#main">skip</a> <a href="a/">a</a> <a href="a/#s1">s1</a> <a href="/\t/other.test/">t</a> <a href="https://other.test/x">x</a></main>'),
      "a/index.html": page('<h2 id="s1">S1</h2><a href="../b/?q=1#s2">b</a> <a href="x/">x</a> <a href="/a/x/#deep">deep</a> <a href="\\b\\">b</a> <img src="/a/card.png" alt="">'),
      "a/x/index.html": page('<p id="deep">deep</p><a href="x/">x</a> <a href="../../">home</a>'),
      "a/card.png": "png",
      "b/index.html": page('<h2 id="s2">S2</h2><a href="/a/#s1">a</a> <a href="mailto:x@e.test">m</a> <a href="//other.test/y">y</a>'),
      "feed.xml": atom(["https://e.test/a/", "https://e.test/b/"]),
      "topics/t/feed.xml": atom(["https://e.test/b/"]),
      "feed.json": JSON.stringify({ version: "https://jsonfeed.org/version/1.1", icon: "https://e.test/a/card.png", items: [{ id: "1", url: "https://e.test/a/x/" }] }),
      "sitemap.xml": sitemap(["https://e.test/", "https://e.test/a/", "https://e.test/a/x/", "https://e.test/b/"]),
    });
    let last = await lastCheck(dir);
    const edits: (() => void)[] = [
      () => rmSync(join(dir, "a/x"), { recursive: true }),
      () => writeFileSync(join(dir, "a/x/index.html"), page('<p id="shallow">moved</p><a href="x/">x</a>')),
      () => rmSync(join(dir, "a/card.png")),
      () => writeFileSync(join(dir, "b/index.html"), page('<h2 id="s3">S3</h2><a href="/a/#s1">a</a>')),
      () => writeFileSync(join(dir, "topics/t/feed.xml"), atom(["https://e.test/b/"], "")),
      () => rmSync(join(dir, "b"), { recursive: true }),
      () => writeFileSync(join(dir, "a/index.html"), page('<h2 id="s9">S9</h2><a href="/">home</a>')),
    ];
    for (const edit of edits) {
      mkdirSync(join(dir, "a/x"), { recursive: true });
      edit();
      const warm = await sameAsWithout(dir, last);
      expect(warm.parsed).toBeLessThan(warm.pages);
      last = await lastCheck(dir, last);
    }
    expect(shown((await checkSite(dir, site, last)).problems)).toEqual([
      ["link-broken", 'a/x/index.html  link: "x/" leads to /a/x/x/, which the build did not write'],
      ["link-broken", 'index.html  link: "a/#s1" points to #s1, which /a/ does not have'],
      ["link-broken", 'feed.xml  link: "https://e.test/b/" leads to /b/, which the build did not write'],
      ["feed-invalid", "topics/t/feed.xml  feed: has no <updated>"],
      ["link-broken", 'topics/t/feed.xml  link: "https://e.test/b/" leads to /b/, which the build did not write'],
      ["link-broken", 'feed.json  link: "https://e.test/a/card.png" leads to /a/card.png, which the build did not write'],
      ["link-broken", 'sitemap.xml  link: "https://e.test/b/" leads to /b/, which the build did not write'],
    ]);
  });

  it("keeps nothing of a feed that fails its own checks, so the next check reads it again and reports it again", async () => {
    const dir = siteWith({
      "index.html": page("<h1>Home</h1>"),
      "feed.xml": '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>',
    });
    const first = await checkSite(dir, site, { passed: new Set(), known: new Map() });
    expect([...first.known!.keys()].map((key) => key.replace(/:.*/, ""))).toEqual(["html"]);
    const again = await sameAsWithout(dir, { passed: new Set(first.passedHashes), known: first.known! });
    expect(shown(again.problems)).toEqual([
      ["feed-invalid", "feed.xml  feed: has no <id>"],
      ["feed-invalid", "feed.xml  feed: has no <updated>"],
    ]);
  });

  it("reads and validates again a page whose links are known but whose bytes did not pass", async () => {
    const dir = siteWith({ "index.html": page('<p><div id="d" id="e"></div></p>') });
    const first = await checkSite(dir, site, { passed: new Set(), known: new Map() });
    const again = await sameAsWithout(dir, { passed: new Set(first.passedHashes), known: first.known! });
    expect([again.parsed, again.validated]).toEqual([1, 1]);
    expect(again.problems.map((p) => p.code)).toEqual(["html-invalid", "html-invalid"]);
  });

  it("reads every page again when the saved cache is corrupt", async () => {
    const dir = siteWith({
      "index.html": page('<a href="/a/#x">a</a>'),
      "a/index.html": page('<h1 id="x">A</h1>'),
    });
    const file = linkCacheFile(dir);
    const last = await lastCheck(dir);
    writeLinkCache(file, linkReaderIdentity(), last.known!);
    expect(readLinkCache(file, linkReaderIdentity()).size).toBe(2);
    writeFileSync(file, readFileSync(file, "utf8").slice(0, -20));
    writeFileSync(join(dir, "a/index.html"), page('<h1 id="y">A</h1>'));
    const warm = await sameAsWithout(dir, { ...last, known: readLinkCache(file, linkReaderIdentity()) });
    expect(warm.parsed).toBe(2);
    expect(shown(warm.problems)).toEqual([["link-broken", 'index.html  link: "/a/#x" points to #x, which /a/ does not have']]);
  });
});
