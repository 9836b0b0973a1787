import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { buildFixture, buildHere, commandLine, fixtureProject, page, treeHashes } from "../helpers.ts";
import { listFiles } from "../../src/files.ts";
import { SITE_MARK } from "../../src/output.ts";

/** A project with a good build in _site, and the hashes of that site. */
async function builtProject() {
  const { dir } = await buildFixture("valid-archive");
  return { dir, before: treeHashes(join(dir, "_site")) };
}

const leftovers = (dir: string) => readdirSync(dir).filter((name) => /^_site\.(tmp|old)-/.test(name));

describe("a failed build never publishes", () => {
  it.each([
    ["rendering", "render"],
    ["the search index", "index"],
  ])("leaves the last good site byte-for-byte when %s fails", async (_, stage) => {
    const { dir, before } = await builtProject();
    const run = await buildHere(dir, { CASEFILE_FAIL_AT: stage });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`failure injected at the ${stage} stage`);
    expect(run.stderr).toContain("Build stopped: nothing was published; _site is unchanged.");
    expect(treeHashes(join(dir, "_site"))).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  });

  it("leaves the last good site when the rendered site fails its link check, and names the broken links and the article to fix them in", async () => {
    const { dir, before } = await builtProject();
    const good = fixtureProject("broken-internal-link");
    const article = "content/articles/2020-01-01-broken-link.md";
    writeFileSync(join(dir, article), readFileSync(join(good, article)));
    const run = await buildHere(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      [
        "The rendered site has 2 problems in 1 file",
        `  2020/01/01/broken-link/index.html  link: "/2099/01/01/nowhere/" leads to /2099/01/01/nowhere/, which the build did not write (fix the link in ${article})`,
        `  2020/01/01/broken-link/index.html  link: "/timeline/#y1999" points to #y1999, which /timeline/ does not have (fix the link in ${article})`,
        "",
      ].join("\n"),
    );
    expect(treeHashes(join(dir, "_site"))).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  });

  it("leaves the last good site when the build is killed part-way, and the next build clears what it left", async () => {
    const { dir, before } = await builtProject();
    // The build's own process: a SIGKILL to the tsx command would leave the build it started running to the end.
    const [node, ...command] = commandLine("build");
    const child = spawn(node, command, { cwd: dir, stdio: "ignore" });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Killed once it is writing its site: its staging folder, marked as Casefile's, is there beside _site.
    const writing = () => leftovers(dir).some((name) => existsSync(join(dir, name, SITE_MARK)));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (writing() || child.exitCode !== null) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    expect(child.exitCode, "the build ended before it could be killed").toBe(null);
    child.kill("SIGKILL");
    await exited;
    expect(treeHashes(join(dir, "_site"))).toEqual(before);
    expect((await buildHere(dir)).status).toBe(0);
    // The killed build's folders are gone; the site this build replaced is removed by an `rm` of its own, which the build does not wait for.
    const started = Date.now();
    while (leftovers(dir).length && Date.now() - started < 30_000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(leftovers(dir)).toEqual([]);
  });
});

describe("a deleted article", () => {
  it("has no page, feed entry, sitemap entry, timeline entry or search entry after the next build", async () => {
    const { dir } = await builtProject();
    const gone = "/2020/12/11/letter/";
    expect(existsSync(join(dir, "_site", gone))).toBe(true);
    rmSync(join(dir, "content/articles/2020/2020-12-11-letter.md"));
    expect((await buildHere(dir)).status).toBe(0);
    const site = join(dir, "_site");
    expect(existsSync(join(site, gone))).toBe(false);
    for (const file of ["feed.xml", "feed.json", "sitemap.xml", "timeline.json", "timeline/index.html", "topics/campaigns/feed.xml", "2020/index.html"]) {
      expect(readFileSync(join(site, file), "utf8"), file).not.toContain("letter");
    }
    const index = listFiles(join(site, "pagefind"))
      .filter((f) => f.endsWith(".pf_fragment"))
      .map((f) => gunzipSync(readFileSync(join(site, "pagefind", f))).toString("utf8"));
    expect(index.length).toBeGreaterThan(0);
    expect(index.some((text) => text.includes("Extradition hearing opens"))).toBe(true);
    expect(index.some((text) => text.includes("Campaigners send a letter"))).toBe(false);
  });
});

describe("the build stays inside its output folder", () => {
  it("refuses slugs, topic ids and people that look like paths, and writes nothing", async () => {
    const dir = fixtureProject("path-like-values");
    const run = await buildHere(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('slug: "..%2F..%2Foutside" is not a valid slug');
    expect(run.stderr).toContain('content/topics.yaml:4  id: "../outside" is not a valid id');
    expect(readdirSync(dir)).toEqual(["content"]);
  });

  it("writes only below _site (and its link report, validation, link, parse and card caches in .cache) for an archive of hostile values", async () => {
    const contentBefore = treeHashes(join(fixtureProject("hostile-archive"), "content"));
    const run = await buildFixture("hostile-archive");
    const dir = run.dir;
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([".cache", "_site", "content"]);
    expect(readdirSync(join(dir, ".cache")).sort()).toEqual(["casefile", "external-links.txt"]);
    expect(readdirSync(join(dir, ".cache/casefile")).sort()).toEqual(["cards", "outputs.json", "page-links", "parsed-articles", "validated-pages"]);
    expect(treeHashes(join(dir, "content"))).toEqual(contentBefore);
    expect(page(dir, "/2020/01/02/dotdot-slash-etc/")("h1").text()).toBe("Path-like values everywhere");
    // A hostile author and publisher are text in the byline, in JSON-LD and on the author's page.
    const $ = page(dir, "/2020/01/01/everything/");
    expect($(".byline").text()).toBe("By Eve </a><script>alert('author')</script>");
    expect($(".byline *").map((_, e) => e.tagName).get()).toEqual(["a"]);
    const article = JSON.parse($('script[type="application/ld+json"]').first().text());
    expect(article.author[0].name).toBe("Eve </a><script>alert('author')</script>");
    expect(article.publisher.name).toBe("</script><script>alert('publisher')</script>");
    const author = page(dir, "/authors/eve/");
    expect(author("main script, main img").length).toBe(0);
    expect(author(".website a").attr("href")).toBe("https://writers.test/eve?q=%22%3E%3Cscript%3Ealert(%27author-url%27)%3C/script%3E");
  });
});

describe("reproducible builds", () => {
  it("write the same bytes whatever the files' modification times and the order they were created in", async () => {
    const a = (await buildFixture("valid-archive")).dir;
    const b = fixtureProject("valid-archive");
    const files = listFiles(join(b, "content"));
    files.reverse().forEach((file, i) => {
      const path = join(b, "content", file);
      const bytes = readFileSync(path);
      rmSync(path);
      writeFileSync(path, bytes);
      utimesSync(path, 1_000_000 + i * 86_400, 2_000_000_000 - i * 3_600);
    });
    expect((await buildHere(b, { SOURCE_DATE_EPOCH: "1700000000" })).status).toBe(0);
    expect(treeHashes(join(b, "_site"))).toEqual(treeHashes(join(a, "_site")));
  });
});
