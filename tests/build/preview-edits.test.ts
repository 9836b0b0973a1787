import { describe, expect, it, vi } from "vitest";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { renderSite } from "../../src/eleventy.ts";
import { loadArchive } from "../../src/index.ts";
import { SITE_MARK } from "../../src/output.ts";
import { Preview } from "../../src/preview.ts";
import { fixtureProject, registerTsx, treeHashes } from "../helpers.ts";

// Eleventy imports .eleventy.ts and the templates with Node's own loader, as `npm start` does under tsx.
registerTsx();

const letter = "content/articles/2020/2020-12-11-letter.md";
// Two different photos for the same file name: added as the letter's lead photo, then replaced.
const photo = (background: string) => sharp({ create: { width: 1300, height: 800, channels: 3, background } }).jpeg().toBuffer();
const photos = [await photo("#aa5533"), await photo("#3355aa")];

/** Each kind of edit an editor makes while the preview runs, applied to the project in `dir`. */
const EDITS: [string, (dir: string) => void][] = [
  ["a body edit", (dir) => edit(dir, letter, (t) => `${t}\nA paragraph added while the preview was running.\n`)],
  ["a title edit", (dir) => edit(dir, letter, (t) => t.replace('title: "Campaigners send a letter"', 'title: "Campaigners send a second letter"'))],
  ["a date edit", (dir) => edit(dir, letter, (t) => t.replace('date: "2020-12-11"', 'date: "2020-11-30"'))],
  ["a topic edit", (dir) => edit(dir, letter, (t) => t.replace('topic: "Campaigns"', "topic: appeals"))],
  ["a people edit", (dir) => edit(dir, letter, (t) => t.replace('  - "Stella Moris"\n', "  - vanessa-baraitser\n"))],
  ["a milestone", (dir) => edit(dir, letter, (t) => t.replace("topic: appeals\n", "topic: appeals\nmilestone: true\n"))],
  ["an authors edit", (dir) => edit(dir, letter, (t) => t.replace("sources:\n", "authors: [ada-writer]\nsources:\n"))],
  [
    "a lead photo added",
    (dir) => {
      write(dir, "content/articles/2020/letter.jpg", photos[0]!);
      edit(dir, letter, (t) => t.replace("sources:\n", 'image:\n  src: ./letter.jpg\n  alt: "Campaigners holding the letter"\n  credit: "Test Photographer"\nsources:\n'));
    },
  ],
  ["a photo replaced", (dir) => write(dir, "content/articles/2020/letter.jpg", photos[1]!)],
  ["a summary and a body edit in two files", (dir) => {
    edit(dir, letter, (t) => t.replace("sources:\n", 'summary: "A summary written while the preview ran."\nsources:\n'));
    edit(dir, "content/articles/2021/01/2021-01-04-ruling.md", (t) => `${t}\nA line added to a second article.\n`);
  }],
  ["a draft published", (dir) => edit(dir, "content/articles/2021/2021-05-05-unfinished.md", (t) => t.replace("draft: true\n", ""))],
  [
    "a new file",
    (dir) => write(dir, "content/articles/2021/2021-06-01-new.md", '---\ntitle: "A new article"\ndate: 2021-06-01\ntopic: hearings\npeople: [julian-assange]\n---\n\nNew.\n'),
  ],
  [
    "a deleted file",
    (dir) => {
      rmSync(join(dir, "content/articles/2020/2020-02-24-hearing-opens.md"));
      reported.push([join(dir, "content/articles/2020/2020-02-24-hearing-opens.md"), "unlink"]);
    },
  ],
  ["a person's registry entry", (dir) => edit(dir, "content/people.yaml", (t) => t.replace('role: "District judge"', 'role: "Senior district judge"'))],
  ["a topic's registry entry", (dir) => edit(dir, "content/topics.yaml", (t) => t.replace('description: "Court hearings."', 'description: "Hearings in court."'))],
  ["an author's registry entry", (dir) => edit(dir, "content/authors.yaml", (t) => t.replace('name: "Test desk"', 'name: "The test desk"'))],
  ["the publisher's logo", (dir) => edit(dir, "content/newsroom-logo.svg", (t) => t.replace('fill="#222"', 'fill="#333"'))],
  ["site.yaml", (dir) => edit(dir, "content/site.yaml", (t) => t.replace('title: "Test Case File"', 'title: "The Test Case File"'))],
];

/** What the dev server's watcher reports of the edits made since the last update: absolute path, then event. */
const reported: [string, string][] = [];

function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = change(before);
  if (after === before) throw new Error(`the edit changed nothing in ${file}`);
  write(dir, file, after);
}

function write(dir: string, file: string, bytes: string | Buffer): void {
  const path = join(dir, file);
  reported.push([path, existsSync(path) ? "change" : "add"]);
  writeFileSync(path, bytes);
}

describe("a render on a slow machine", () => {
  it("prints nothing of Eleventy's own timings, which the build and the preview report in their own words", async () => {
    // Eleventy prints a step's time when it takes over 50 ms and 8% of the run: as if every step were that slow.
    const module = new URL("../../node_modules/@11ty/eleventy/src/Benchmark/BenchmarkGroup.js", import.meta.url);
    const group = (await import(module.href)).default.prototype as { finish(...args: unknown[]): void; minimumThresholdMs: number; minimumThresholdPercent: number };
    const finish = group.finish;
    const printed: unknown[] = [];
    const spies = (["log", "warn", "error", "info"] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args) => void printed.push(args)));
    group.finish = function (...args) {
      [this.minimumThresholdMs, this.minimumThresholdPercent] = [0.001, -1];
      finish.apply(this, args);
    };
    const dir = fixtureProject("valid-archive");
    try {
      await renderSite(join(dir, "site"), (await loadArchive(join(dir, "content"), { cwd: dir })).archive!);
    } finally {
      group.finish = finish;
      for (const spy of spies) spy.mockRestore();
    }
    expect(existsSync(join(dir, "site/index.html"))).toBe(true);
    expect(printed).toEqual([]);
  });
});

describe("a site with more pages than one Eleventy run renders", () => {
  it("is rendered in several runs to the same bytes as in one", async () => {
    const dir = fixtureProject("valid-archive");
    const { archive } = await loadArchive(join(dir, "content"), { cwd: dir });
    const whole = await renderSite(join(dir, "whole"), archive!);
    process.env.CASEFILE_PAGES_A_RUN = "4";
    try {
      const split = await renderSite(join(dir, "split"), archive!);
      expect(split.written.sort()).toEqual(whole.written.map((file) => file.replace(`${dir}/whole`, `${dir}/split`)).sort());
    } finally {
      delete process.env.CASEFILE_PAGES_A_RUN;
    }
    expect(treeHashes(join(dir, "split"))).toEqual(treeHashes(join(dir, "whole")));
  });
});

describe("a production build after each kind of edit", () => {
  it("carries unchanged pages over from the published site and renders the rest, to the same bytes as a cold build", async () => {
    const dir = fixtureProject("valid-archive");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      let published = join(dir, "site-0");
      let keys = (await renderSite(published, (await loadArchive("content")).archive!)).keys;
      for (const [i, [name, apply]] of EDITS.entries()) {
        apply(dir);
        reported.length = 0;
        const archive = (await loadArchive("content")).archive!;
        const staging = join(dir, `site-${i + 1}`);
        const incremental = await renderSite(staging, archive, { present: keys, carryFrom: published });
        // Every page shows the site's settings, so only a site.yaml edit renders everything again.
        expect(incremental.carried > 0, name).toBe(name !== "site.yaml");
        const cold = join(dir, `cold-${i + 1}`);
        await renderSite(cold, archive);
        expect(treeHashes(staging), `after ${name}`).toEqual(treeHashes(cold));
        // The published site is never written through a carried file.
        expect(treeHashes(published), `the published site after ${name}`).toEqual(treeHashes(join(dir, i ? `cold-${i}` : "site-0")));
        [published, keys] = [staging, incremental.keys];
      }
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("the preview after each kind of edit", () => {
  it("re-renders only what the edit touched, told by the watcher which files changed, and holds the same bytes as a fresh render of the same content", async () => {
    const dir = fixtureProject("valid-archive");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const preview = new Preview("content", "preview");
      const first = await preview.update();
      expect(first.ok, first.message).toBe(true);
      for (const [name, apply] of EDITS) {
        const total = Object.keys(treeHashes(join(dir, "preview"))).length;
        apply(dir);
        const update = await preview.update(reported.splice(0));
        expect(update.ok, `${name}: ${update.message}`).toBe(true);
        if (update.ok) expect(update.written.length, name).toBeLessThan(total);

        const fresh = join(dir, `fresh-${EDITS.findIndex(([n]) => n === name)}`);
        const loaded = await loadArchive("content", { drafts: true });
        await renderSite(fresh, loaded.archive!);
        const { [SITE_MARK]: mark, ...shown } = treeHashes(join(dir, "preview"));
        expect(mark).toBeDefined();
        expect(shown, `after ${name}`).toEqual(treeHashes(fresh));
      }
      expect(readFileSync(join(dir, "preview/people/vanessa-baraitser/index.html"), "utf8")).toContain("Senior district judge");
      expect(readFileSync(join(dir, "preview/2020/11/30/letter/index.html"), "utf8")).toContain('<p class="byline">By <a rel="author" href="/authors/ada-writer/">Ada Writer</a></p>');
      expect(readFileSync(join(dir, "preview/2021/01/04/ruling/index.html"), "utf8")).not.toContain("The test desk");
      expect(readFileSync(join(dir, "preview/2023/01/10/plain/index.html"), "utf8")).toContain(">The test desk</a>");
    } finally {
      process.chdir(cwd);
    }
  });

  it("re-renders the article page and the feeds for a body edit, its author's included, and not the lists", async () => {
    const dir = fixtureProject("valid-archive");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const preview = new Preview("content", "preview");
      await preview.update();
      edit(dir, letter, (t) => `${t}\nOne more line.\n`);
      const update = await preview.update(reported.splice(0));
      expect(update.ok && update.written.map((file) => file.slice(join(dir, "preview").length + 1)).sort()).toEqual([
        "2020/12/11/letter/index.html",
        "authors/test-desk/feed.xml",
        "feed.json",
        "feed.xml",
        "topics/campaigns/feed.xml",
      ]);
    } finally {
      process.chdir(cwd);
    }
  });

  it("says which photo cannot be decoded and keeps showing the last good site, on its first render too", async () => {
    const dir = fixtureProject("valid-archive");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      // A JPEG cut short: its header reads as a photo, its pixels do not decode.
      const broken = photos[0]!.subarray(0, Math.floor(photos[0]!.length * 0.6));
      const addBroken = () => {
        write(dir, "content/articles/2020/letter.jpg", broken);
        edit(dir, letter, (t) => t.replace("sources:\n", 'image:\n  src: ./letter.jpg\n  alt: "Campaigners holding the letter"\n  credit: "Test Photographer"\nsources:\n'));
      };
      const preview = new Preview("content", "preview");
      expect((await preview.update()).ok).toBe(true);
      const shown = treeHashes(join(dir, "preview"));
      addBroken();
      const update = await preview.update(reported.splice(0));
      expect(update.ok).toBe(false);
      expect(update.message).toContain("content/articles/2020/letter.jpg");
      expect(update.message).toContain("cannot be decoded as an image");
      expect(update.message).toContain("The preview still shows the last good version");
      expect(treeHashes(join(dir, "preview"))).toEqual(shown);

      // A preview started on the broken photo renders nothing, and leaves no unfinished folder behind.
      const fresh = new Preview("content", "fresh");
      const first = await fresh.update();
      expect(first.ok).toBe(false);
      expect(first.message).toContain("cannot be decoded as an image");
      expect(readdirSync(dir).filter((name) => name.startsWith("fresh"))).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it("says in one line that it could not write, not with a stack, and writes the page at the next save", async () => {
    const dir = fixtureProject("valid-archive");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const preview = new Preview("content", "preview");
      expect((await preview.update()).ok).toBe(true);
      // A file where the letter's day folder was: its page cannot be written (ENOTDIR), as on a disk that fails.
      rmSync(join(dir, "preview/2020/12/11"), { recursive: true });
      writeFileSync(join(dir, "preview/2020/12/11"), "");
      edit(dir, letter, (t) => `${t}\nOne more line.\n`);
      const failed = await preview.update(reported.splice(0));
      expect(failed.ok).toBe(false);
      expect(failed.message.split("\n")).toEqual([
        expect.stringMatching(/^could not write \S*preview\/2020\/12\/11\S*: part of the path is a file, not a folder \(ENOTDIR\); /),
        "The preview may be partly updated; it is written again at the next save.",
      ]);

      rmSync(join(dir, "preview/2020/12/11"));
      edit(dir, letter, (t) => `${t}\nAnd another.\n`);
      const fixed = await preview.update(reported.splice(0));
      expect(fixed.ok, fixed.message).toBe(true);
      expect(readFileSync(join(dir, "preview/2020/12/11/letter/index.html"), "utf8")).toContain("<p>And another.</p>");
    } finally {
      process.chdir(cwd);
    }
  });
});
