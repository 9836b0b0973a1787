import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureProject, projectRoot } from "../helpers.ts";

/**
 * Writes an edit and waits for its effect in `file`. Eleventy prints "Watching…" before its watcher has
 * finished scanning, and an edit in that window is never seen, so the edit is written again every few seconds.
 */
async function editUntil(source: string, edit: (text: string) => string, file: string, test: (text: string) => boolean): Promise<void> {
  const edited = edit(readFileSync(source, "utf8"));
  for (let attempt = 0; attempt < 12; attempt++) {
    writeFileSync(source, edited);
    try {
      await waitFor(file, test, 5_000);
      return;
    } catch {
      // not seen yet; write again
    }
  }
  throw new Error(`${file} never showed the edit to ${source}`);
}

/** Waits until `file` exists and `test` holds for its text; fails after `limitMs` with what it last saw. */
async function waitFor(file: string, test: (text: string) => boolean, limitMs = 60_000): Promise<string> {
  const started = Date.now();
  let text = "";
  while (Date.now() - started < limitMs) {
    text = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (text && test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${file} never matched; last saw ${text.length} characters`);
}

describe("npm start", () => {
  it("shows drafts marked as drafts, and re-renders when an article or a registry changes", async () => {
    const dir = fixtureProject("valid-archive");
    const preview = join(dir, "preview");
    const server = spawn(
      join(projectRoot, "node_modules/.bin/tsx"),
      ["node_modules/@11ty/eleventy/cmd.cjs", "--config=.eleventy.ts", "--serve", `--port=${20000 + (process.pid % 5000)}`, `--output=${preview}`],
      { cwd: projectRoot, env: { ...process.env, CASEFILE_CONTENT: join(dir, "content") }, stdio: "ignore" },
    );
    try {
      const draft = await waitFor(join(preview, "2021/05/05/unfinished/index.html"), (t) => t.includes("</html>"));
      expect(draft).toContain('<span class="badge draft">Draft</span>');

      await editUntil(
        join(dir, "content/articles/2020/2020-12-11-letter.md"),
        (t) => t.replace('title: "Campaigners send a letter"', 'title: "Campaigners send a second letter"'),
        join(preview, "2020/12/11/letter/index.html"),
        (t) => t.includes("<h1>Campaigners send a second letter</h1>"),
      );
      await editUntil(
        join(dir, "content/people.yaml"),
        (t) => t.replace('role: "District judge"', 'role: "Senior district judge"'),
        join(preview, "people/vanessa-baraitser/index.html"),
        (t) => t.includes('<p class="role">Senior district judge</p>'),
      );
    } finally {
      server.kill();
    }
  });
});
