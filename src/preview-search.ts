import { existsSync, renameSync } from "node:fs";
import { removeFolder } from "./output.ts";
import { plural } from "./text.ts";
import { abortSearchIndex, SearchIndexer, writeSearchIndex, type SearchPart } from "./site/search-index.ts";
import type { Archive } from "./types.ts";

/** How long the preview shows an update before its search index is built again. */
const SETTLE_MS = 1000;

/**
 * The preview's search index: the build's own `writeSearchIndex`, run in the background over the archive the
 * preview shows (drafts included) into a folder of its own, so a full rebuild, which replaces the site folder,
 * never loses it. Parts whose records are unchanged are copied from the last index, as in the build; refreshes
 * asked for while one runs become one more run after it. Its indexer process is started with the preview, before
 * the archive is read (see `SearchIndexer`), and kept.
 */
export class PreviewSearch {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private again = false;
  private stopped = false;
  private parts: SearchPart[] = [];
  private indexer = new SearchIndexer(true);

  /** `dir` receives `pagefind/` (and `pagefind-2/`…); `archive` gives what the preview shows now. */
  constructor(
    readonly dir: string,
    private readonly archive: () => Archive | undefined,
    private readonly log: (line: string) => void,
    private readonly warn: (line: string) => void,
    /** Resolves when indexing may go on: the preview holds it while it updates, so an edit never waits for search. */
    private readonly idle: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /**
   * Indexes what the preview shows once it has shown it for `SETTLE_MS` with no other refresh asked for (an editor
   * saving again and again gets one index, and Pagefind's process does not take a core from the next update), or,
   * if an index is being built, once more after it.
   */
  refresh(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), SETTLE_MS);
  }

  private start(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.index().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.start();
      }
    });
  }

  /** Stops the indexer, and a running index build with it, and waits for it to give up. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await abortSearchIndex();
    await this.running;
  }

  private async index(): Promise<void> {
    const archive = this.archive();
    if (!archive) return;
    const staging = `${this.dir}.next`;
    const old = `${this.dir}.old`;
    // Folders of 10,000 files are removed off the main thread: an edit's update must not wait for them.
    await removeFolder(staging);
    try {
      const reuse = this.parts.length ? { from: this.dir, keys: Object.fromEntries(this.parts.map((p) => [p.path, p.key])) } : undefined;
      // One that stopped (Pagefind failed: the warning below said why) is replaced for the next run.
      if (!this.indexer.alive) this.indexer = new SearchIndexer(true);
      const pause = async () => {
        await new Promise((next) => setImmediate(next));
        await this.idle();
      };
      const parts = await writeSearchIndex(staging, archive, reuse, { indexer: this.indexer, pause });
      if (this.stopped) return;
      await removeFolder(old);
      if (existsSync(this.dir)) renameSync(this.dir, old);
      renameSync(staging, this.dir);
      await removeFolder(old);
      this.parts = parts;
      this.log(`Search index ready: ${plural(archive.articles.length, "article")}.`);
    } catch (error) {
      const shown = this.parts.length ? "search shows the previous one" : "the search page works once an index is built";
      if (!this.stopped) this.warn(`The preview's search index was not updated (${(error as Error).message}); ${shown}.`);
    } finally {
      await removeFolder(staging);
    }
  }
}
