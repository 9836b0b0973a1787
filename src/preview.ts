import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { ContentError, formatReport } from "./content/problems.ts";
import { plural } from "./text.ts";
import { renderSite } from "./eleventy.ts";
import { ArticleCache, loadArchive } from "./index.ts";
import { createStaging, describeSystemError, swapIn } from "./output.ts";
import type { Archive } from "./types.ts";

/** What one update of the preview did: the files it wrote (to reload in the browser) and a line for the terminal. */
export type PreviewUpdate = { ok: true; written: string[]; message: string } | { ok: false; message: string };

/**
 * The dev server's copy of the site. Every update re-reads the content folder (reusing every article whose
 * file and registries are unchanged; only the edited files when the watcher says only articles were edited) and
 * asks the route table which outputs the change touched: only those are
 * rendered, and the files of outputs that are gone are removed, whatever the edit (a body, a title, a date, a
 * new or deleted file, a registry, site.yaml). The first update renders everything into a fresh folder that
 * replaces the old one. tests/build/dev-server.test.ts compares the result with a fresh build after each edit.
 */
export class Preview {
  private archive?: Archive;
  /** The key of every file in `out`, from the last render: what the route table compares the next archive with. */
  private keys?: Map<string, string>;
  private readonly cache = new ArticleCache();
  readonly content: string;
  readonly out: string;

  /** `content` and `out` are resolved against the working directory, which file names in messages are relative to. */
  constructor(content: string, out: string) {
    this.content = resolve(content);
    this.out = resolve(out);
  }

  /** The archive the preview shows now, for the search index. */
  get shown(): Archive | undefined {
    return this.archive;
  }

  /** The base path the site is served under ("/" until content has loaded). */
  get basePath(): string {
    return this.archive?.site.basePath ?? "/";
  }

  /**
   * Brings the preview up to date with the content folder. On any problem the preview stays as it was. `changes`
   * are the watcher's events since the last update (absolute path, then "add", "change", "unlink"…): when every
   * one is an edit of an article file, only those files are read again; otherwise the whole folder is.
   */
  async update(changes?: readonly (readonly [path: string, event: string])[]): Promise<PreviewUpdate> {
    const started = performance.now();
    const edited = changes?.every(([path, event]) => event === "change" && path.endsWith(".md")) ? { changed: changes.map(([path]) => path) } : {};
    const result = await loadArchive(this.content, { drafts: true, cache: this.cache, ...edited });
    if (!result.archive) return { ok: false, message: stillShowing(formatReport(result.problems)) };
    const archive = result.archive;
    try {
      return await this.render(archive, started);
    } catch (error) {
      // A photo that cannot be decoded (`renderSite` makes the copies first, before writing anything).
      if (error instanceof ContentError) return { ok: false, message: stillShowing(error.message) };
      // A fault of the machine (a full disk, a folder where a file was): one line, not a stack; the next save tries again.
      const system = describeSystemError(error);
      if (system) return { ok: false, message: `${system}\nThe preview may be partly updated; it is written again at the next save.` };
      throw error;
    }
  }

  private async render(archive: Archive, started: number): Promise<PreviewUpdate> {
    if (!this.keys || !existsSync(this.out)) {
      const next = createStaging(this.out);
      let rendered;
      try {
        rendered = await renderSite(next, archive, { remember: true });
      } catch (error) {
        rmSync(next, { recursive: true, force: true });
        throw error;
      }
      // The folder it replaces (a preview left by an earlier run) is removed in the background.
      swapIn(next, this.out).catch(() => undefined);
      this.archive = archive;
      this.keys = rendered.keys;
      return {
        ok: true,
        written: [],
        message: `Rendered the preview: ${plural(archive.articles.length, "article")}, ${plural(rendered.written.length, "file")}, in ${elapsed(started)}.`,
      };
    }
    const rendered = await renderSite(this.out, archive, { present: this.keys, remember: true });
    this.archive = archive;
    this.keys = rendered.keys;
    const what = [plural(rendered.written.length, "file") + " rendered", ...(rendered.removed.length ? [`${rendered.removed.length} removed`] : [])];
    return {
      ok: true,
      written: rendered.written.map((file) => join(this.out, file)),
      message: `Updated the preview: ${what.join(", ")}, in ${elapsed(started)}.`,
    };
  }
}

function stillShowing(report: string): string {
  return `${report.trimEnd()}\nThe preview still shows the last good version; fix the file and save it again.`;
}

function elapsed(started: number): string {
  const ms = performance.now() - started;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
