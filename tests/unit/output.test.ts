import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  carryFiles,
  createStaging,
  describeSystemError,
  lockOutput,
  OutputRefused,
  readSiteMark,
  recoverOutput,
  resolveOutput,
  SITE_MARK,
  swapIn,
  writeSiteMark,
} from "../../src/output.ts";
import { listFiles } from "../../src/files.ts";

/** A project folder as an editor has it: content/ with an article, and Casefile's own checkout elsewhere. */
function project() {
  const root = mkdtempSync(join(tmpdir(), "casefile-output-"));
  const cwd = join(root, "newsroom");
  mkdirSync(join(cwd, "content/articles"), { recursive: true });
  writeFileSync(join(cwd, "content/articles/a.md"), "---\ntitle: A\n---\n");
  const casefile = join(root, "casefile");
  mkdirSync(casefile);
  return { root, cwd, guard: { content: "content", cwd, projectRoot: casefile } };
}

function refusal(out: string, p = project()): string {
  try {
    resolveOutput(out, p.guard);
  } catch (error) {
    expect(error).toBeInstanceOf(OutputRefused);
    return (error as Error).message;
  }
  throw new Error(`--out ${out} was accepted`);
}

describe("the output folder an editor names", () => {
  it("is refused when it is, contains or lies inside the content folder", () => {
    expect(refusal("content")).toBe('--out "content" is the content folder, which the build would replace: choose another --out (the default is _site).');
    expect(refusal("content/articles")).toBe('--out "content/articles" is inside the content folder: choose a folder outside it (the default is _site).');
  });

  it("is refused when it is the working directory, Casefile's project or any of their parents", () => {
    const p = project();
    expect(refusal(".", p)).toContain('--out "." is the working directory');
    expect(refusal("..", p)).toContain('--out ".." contains the content folder');
    expect(refusal("/", p)).toContain('--out "/" contains the content folder');
    expect(refusal("../casefile", p)).toContain('--out "../casefile" is the Casefile project');
    expect(refusal("", p)).toBe("--out is empty: name the folder to write the site to (the default is _site).");
  });

  it("is refused when it is a regular file or a folder of someone else's files", () => {
    const p = project();
    writeFileSync(join(p.cwd, "notes.txt"), "mine");
    mkdirSync(join(p.cwd, "mydocs"));
    writeFileSync(join(p.cwd, "mydocs/important.txt"), "mine");
    expect(refusal("notes.txt", p)).toContain('--out "notes.txt" is a file, not a folder');
    expect(refusal("mydocs", p)).toBe(
      `--out "mydocs" holds files that Casefile did not write (it has no ${SITE_MARK} mark); nothing was written: choose a new or empty folder, or remove "mydocs" yourself if you no longer need it.`,
    );
  });

  it("is accepted when new, empty, or a site Casefile published", () => {
    const p = project();
    expect(resolveOutput("_site", p.guard)).toBe(join(p.cwd, "_site"));
    mkdirSync(join(p.cwd, "empty"));
    expect(resolveOutput("empty", p.guard)).toBe(join(p.cwd, "empty"));
    mkdirSync(join(p.cwd, "published"));
    writeSiteMark(join(p.cwd, "published"), { articles: 3, searchParts: {} });
    writeFileSync(join(p.cwd, "published/index.html"), "<!doctype html>");
    expect(resolveOutput("published", p.guard)).toBe(join(p.cwd, "published"));
  });

  it("is followed when it is a symbolic link, so the web root it points to is what gets replaced", () => {
    const p = project();
    const webroot = join(p.root, "www");
    mkdirSync(webroot);
    symlinkSync(webroot, join(p.cwd, "_site"));
    expect(resolveOutput("_site", p.guard)).toBe(webroot);
    symlinkSync(join(p.root, "gone"), join(p.cwd, "dangling"));
    expect(refusal("dangling", p)).toContain("is a link to a folder that does not exist");
    symlinkSync(join(p.cwd, "content"), join(p.cwd, "sneaky"));
    expect(refusal("sneaky", p)).toContain("is the content folder");
  });
});

describe("the mark of a published site", () => {
  it("records the articles and search parts it holds, and reads back what was written", () => {
    const dir = mkdtempSync(join(tmpdir(), "casefile-mark-"));
    expect(readSiteMark(dir)).toBeUndefined();
    writeSiteMark(dir, { articles: 60, searchParts: { "pagefind/": "abc" } });
    expect(readSiteMark(dir)).toEqual({ articles: 60, searchParts: { "pagefind/": "abc" } });
    writeFileSync(join(dir, SITE_MARK), "not json");
    expect(readSiteMark(dir)).toBeUndefined();
  });
});

describe("two builds into one folder", () => {
  it("cannot both hold the lock: the second is told which process is writing", () => {
    const { cwd } = project();
    const out = join(cwd, "_site");
    const release = lockOutput(out);
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      release();
      writeFileSync(`${out}.lock`, `${sleeper.pid}\n`);
      expect(() => lockOutput(out)).toThrow(`another Casefile process (PID ${sleeper.pid}) is writing _site: wait for it to finish or stop it, or delete _site.lock if none is running.`);
    } finally {
      sleeper.kill();
    }
  });

  it("takes over the lock of a build that died, and releases it when done", () => {
    const { cwd } = project();
    const out = join(cwd, "_site");
    writeFileSync(`${out}.lock`, "999999999\n");
    const release = lockOutput(out);
    expect(readFileSync(`${out}.lock`, "utf8")).toBe(`${process.pid}\n`);
    release();
    expect(readdirSync(cwd).sort()).toEqual(["content"]);
  });
});

describe("what an interrupted build left", () => {
  function site(path: string, page: string) {
    mkdirSync(path, { recursive: true });
    writeSiteMark(path, { articles: 1, searchParts: {} });
    writeFileSync(join(path, "index.html"), page);
  }

  it("puts the last good site back when a kill between the swap's renames left it aside", () => {
    const { cwd } = project();
    site(join(cwd, "_site.old-123"), "last good");
    site(join(cwd, "_site.tmp-456"), "half built");
    expect(recoverOutput(join(cwd, "_site"))).toEqual(["Put the last good site back from _site.old-123, where an interrupted build had left it."]);
    expect(readFileSync(join(cwd, "_site/index.html"), "utf8")).toBe("last good");
    expect(readdirSync(cwd).sort()).toEqual(["_site", "content"]);
  });

  it("removes leftovers beside a published site, but never a folder without the mark", () => {
    const { cwd } = project();
    site(join(cwd, "_site"), "published");
    site(join(cwd, "_site.old-123"), "older");
    mkdirSync(join(cwd, "_site.tmp-77"));
    writeFileSync(join(cwd, "_site.tmp-77/mine.txt"), "not Casefile's");
    expect(recoverOutput(join(cwd, "_site"))).toEqual([]);
    expect(readdirSync(cwd).sort()).toEqual(["_site", "_site.tmp-77", "content"]);
  });

  it("removes an empty staging folder, which a build killed before it wrote the mark leaves", () => {
    const { cwd } = project();
    site(join(cwd, "_site"), "published");
    mkdirSync(join(cwd, "_site.tmp-88"));
    expect(recoverOutput(join(cwd, "_site"))).toEqual([]);
    expect(readdirSync(cwd).sort()).toEqual(["_site", "content"]);
  });

  it("is a staging folder that carries the mark from its first moment", () => {
    const { cwd } = project();
    const staging = createStaging(join(cwd, "_site"));
    expect(readdirSync(staging)).toEqual([SITE_MARK]);
  });
});

describe("the swap", () => {
  it("puts the old site back when the second rename fails, so nothing is lost", async () => {
    const { cwd } = project();
    const out = join(cwd, "_site");
    mkdirSync(out);
    writeFileSync(join(out, "index.html"), "old");
    const staging = createStaging(out);
    process.env.CASEFILE_FAIL_AT = "swap";
    try {
      expect(() => swapIn(staging, out)).toThrow("i/o error");
    } finally {
      delete process.env.CASEFILE_FAIL_AT;
    }
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("old");
    await swapIn(staging, out);
    expect(readdirSync(out)).toEqual([SITE_MARK]);
    expect(existsSync(staging)).toBe(false);
  });

  it("removes the old site, every file and folder of it, once the new one is in place", async () => {
    const { cwd } = project();
    const out = join(cwd, "_site");
    mkdirSync(join(out, "2020/12/11/letter"), { recursive: true });
    writeFileSync(join(out, "2020/12/11/letter/index.html"), "old");
    const staging = createStaging(out);
    writeFileSync(join(staging, "index.html"), "new");
    const removed = swapIn(staging, out);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("new");
    await removed;
    expect(readdirSync(cwd).filter((name) => name.startsWith("_site"))).toEqual(["_site"]);
  });
});

describe("faults of the machine", () => {
  it("are one line naming the path, the fault and what to do, found inside the errors Eleventy wraps them in", () => {
    const cause = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", path: "/srv/site/_site.tmp-1/index.html" });
    const wrapped = Object.assign(new Error("Having trouble writing to template"), { originalError: cause });
    expect(describeSystemError(wrapped)).toBe("could not write /srv/site/_site.tmp-1/index.html: the disk is full (ENOSPC); free some space and build again.");
    expect(describeSystemError(Object.assign(new Error("x"), { code: "EROFS", path: "/mnt/ro/_site.tmp-1" }))).toBe(
      "could not write /mnt/ro/_site.tmp-1: the file system is read-only (EROFS); choose an --out on a writable disk.",
    );
    expect(describeSystemError(new Error("a bug"))).toBeUndefined();
  });
});

describe("carrying the published site into the staging folder", () => {
  it("gives the staging folder every named file, folders and all, as the same bytes, and leaves the published site as it was", () => {
    const dir = mkdtempSync(join(tmpdir(), "casefile-carry-"));
    const published = join(dir, "site");
    const files = ["index.html", "2020/12/11/a/index.html", "2020/12/11/a/card.png", "2020/12/12/b/index.html", "pagefind/fragment/x.pf_fragment"];
    for (const file of files) {
      mkdirSync(join(published, file, ".."), { recursive: true });
      writeFileSync(join(published, file), `bytes of ${file}`);
    }
    const staging = join(dir, "staging");
    mkdirSync(staging);
    expect(carryFiles(published, staging, files.slice(1))).toBe(4);
    expect(listFiles(staging)).toEqual([...files.slice(1)].sort());
    for (const file of files.slice(1)) expect(readFileSync(join(staging, file), "utf8")).toBe(`bytes of ${file}`);
    expect(listFiles(published)).toEqual([...files].sort());
  });

  it("stops with the system's error when a file stands where a folder must go", () => {
    const dir = mkdtempSync(join(tmpdir(), "casefile-carry-"));
    mkdirSync(join(dir, "site/2020"), { recursive: true });
    writeFileSync(join(dir, "site/2020/page.html"), "page");
    mkdirSync(join(dir, "staging"));
    writeFileSync(join(dir, "staging/2020"), "a file, not a folder");
    expect(() => carryFiles(join(dir, "site"), join(dir, "staging"), ["2020/page.html"])).toThrow(/ENOTDIR|EEXIST/);
  });
});
