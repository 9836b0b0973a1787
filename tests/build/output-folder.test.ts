import { describe, expect, it } from "vitest";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildFixture, buildHere, fixtureProject, runHere, treeHashes } from "../helpers.ts";

/** A project with a good build in _site, and the hashes of that site and of its content. */
async function builtProject() {
  const { dir } = await buildFixture("valid-archive");
  return { dir, site: treeHashes(join(dir, "_site")), content: treeHashes(join(dir, "content")) };
}

describe("a mistyped --out", () => {
  // Which folders are refused, the content folder among them, and the line that says why: tests/unit/output.test.ts.
  it("never replaces another folder: one line says why, and nothing is written", async () => {
    const { dir, site, content } = await builtProject();
    mkdirSync(join(dir, "mydocs"));
    writeFileSync(join(dir, "mydocs/important.txt"), "the user's own notes");
    const run = await runHere("build", dir, ["--out", "mydocs"]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^Build refused: --out "mydocs" holds files that Casefile did not write/);
    expect(treeHashes(join(dir, "content"))).toEqual(content);
    expect(treeHashes(join(dir, "_site"))).toEqual(site);
    expect(treeHashes(join(dir, "mydocs"))).toEqual({ "important.txt": expect.any(String) });
    expect(readdirSync(dir).sort()).toEqual([".cache", "_site", "content", "mydocs"]);
  });
});

describe("what the build reports about the published site", () => {
  it("puts back a site a kill left aside mid-swap, and says 'unchanged' only when it is", async () => {
    const { dir, site } = await builtProject();
    renameSync(join(dir, "_site"), join(dir, "_site.old-123"));
    writeFileSync(join(dir, "content/articles/2099-broken.md"), "---\ntitle: Broken\ndate: 2099-13-01\n---\nText.\n");
    const run = await buildHere(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Put the last good site back from _site.old-123");
    expect(run.stderr).toContain("Build stopped: nothing was published; _site is unchanged.");
    expect(treeHashes(join(dir, "_site"))).toEqual(site);
  });

  it("keeps the old site when the swap's second rename fails, and says so truthfully", async () => {
    const { dir, site } = await builtProject();
    const run = await buildHere(dir, { CASEFILE_FAIL_AT: "swap" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("the disk reported an input/output error (EIO)");
    expect(run.stderr).toContain("Build stopped: nothing was published; _site is unchanged.");
    expect(treeHashes(join(dir, "_site"))).toEqual(site);
    expect(readdirSync(dir).filter((name) => name.startsWith("_site."))).toEqual([]);
  });

  it("publishes, exits 0 and warns when the caches cannot be saved", async () => {
    const dir = fixtureProject("valid-archive");
    // Folders where the validation cache and the output keys would be written: saving them fails after the swap.
    mkdirSync(join(dir, ".cache/casefile/validated-pages"), { recursive: true });
    mkdirSync(join(dir, ".cache/casefile/outputs.json"), { recursive: true });
    const run = await buildHere(dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Built 8 articles into _site");
    expect(run.stderr).toContain("Warning: the build caches were not saved");
    expect(run.stdout).not.toContain("nothing was published");
    expect(readdirSync(join(dir, "_site"))).toContain("index.html");
  });

  it("refuses to replace a site of articles with an empty archive, unless told to", async () => {
    const { dir, site } = await builtProject();
    rmSync(join(dir, "content/articles"), { recursive: true });
    mkdirSync(join(dir, "content/articles"));
    const run = await buildHere(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("content/articles has no articles to publish, while _site publishes 8 articles: add articles, or build with --allow-empty");
    expect(treeHashes(join(dir, "_site"))).toEqual(site);
    const allowed = await runHere("build", dir, ["--allow-empty"]);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain("Built 0 articles into _site");
  });
});

describe("a fault of the machine during the build", () => {
  it("is one line naming the file and what to do, never a stack trace, and the last good site stays", async () => {
    const { dir, site } = await builtProject();
    const run = await buildHere(dir, { CASEFILE_FAIL_AT: "render:ENOSPC" });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^could not write _site\.tmp-\d+\/index\.html: the disk is full \(ENOSPC\); free some space and build again\.$/);
    expect(lines.slice(1)).toEqual(["Build stopped: nothing was published; _site is unchanged."]);
    expect(treeHashes(join(dir, "_site"))).toEqual(site);
    expect(readdirSync(dir).filter((name) => name.startsWith("_site."))).toEqual([]);
  });

  it("is one line when Pagefind crashes on a full disk, not Pagefind's panic, and the build exits 1", async () => {
    const { dir, site } = await builtProject();
    // What Pagefind 1.6 prints when a write of its index fails on a full disk, before it exits 101. The build must
    // notice it stopped: it used to wait for an answer that never came, and Node exited 0 with nothing published.
    const bin = join(mkdtempSync(join(tmpdir(), "casefile-pagefind-")), "pagefind");
    writeFileSync(
      `${bin}.txt`,
      "thread 'main' (4242) panicked at pagefind/src/output/mod.rs:452:40:\n" +
        'called `Result::unwrap()` on an `Err` value: Os { code: 28, kind: StorageFull, message: "No space left on device" }\n' +
        "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n",
    );
    writeFileSync(bin, '#!/bin/sh\ncat "$0.txt" >&2\nexit 101\n');
    chmodSync(bin, 0o755);
    // Without its cache, the build indexes every part, so Pagefind is started.
    const run = await runHere("build", dir, ["--no-cache"], { PAGEFIND_EXTENDED_BINARY_PATH: bin });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^could not write _site\.tmp-\d+\/pagefind: the disk is full \(ENOSPC\); free some space and build again\.$/),
      "Build stopped: nothing was published; _site is unchanged.",
    ]);
    expect(treeHashes(join(dir, "_site"))).toEqual(site);
    expect(readdirSync(dir).filter((name) => name.startsWith("_site."))).toEqual([]);
  });
});
