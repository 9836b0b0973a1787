import { Parser } from "htmlparser2";
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CustomRecord } from "pagefind";
import { listFiles } from "../files.ts";
import { installedVersion, sourceHash } from "../identity.ts";
import { carryFiles } from "../output.ts";
import type { Archive, Article } from "../types.ts";

/** The words of an article body as plain text, read from its HTML with a real tokenizer. */
export function bodyText(bodyHtml: string): string {
  const parts: string[] = [];
  const parser = new Parser({ ontext: (text) => parts.push(text), onclosetag: () => parts.push(" ") }, { decodeEntities: true });
  parser.end(bodyHtml);
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** One Pagefind record per article, straight from the archive: title, summary and body, with topic, person and year filters. */
export function searchRecord(article: Article, language: string): CustomRecord {
  return {
    url: article.path,
    content: `${article.title}. ${article.summary} ${bodyText(article.bodyHtml.toString())}`,
    language,
    meta: { title: article.title, date: article.date.display },
    filters: {
      topic: [article.topic.name],
      person: article.people.map((p) => p.name),
      year: [String(article.date.year)],
    },
  };
}

/**
 * How many articles one part of the search index holds, for an archive of `articles`. Pagefind keeps an index in
 * memory while it builds it, about 200 KB a record (2 GB at 10,000), and re-indexing a part after an edit costs
 * about 4 ms a record, while the search page fetches a chunk of every part for each word searched. So parts hold
 * 1,000 articles while that makes at most 10 of them, then 2,000 and 4,000, and at most 5,000 (more parts beyond
 * 50,000 articles). The size changes only at those thresholds, where every part is indexed again once.
 * `CASEFILE_SEARCH_PART_SIZE` overrides it so tests can split a small archive.
 */
export function searchPartSize(articles: number): number {
  const override = Number(process.env.CASEFILE_SEARCH_PART_SIZE);
  if (Number.isInteger(override) && override > 0) return override;
  return [1000, 2000, 4000].find((size) => articles <= size * 10) ?? 5000;
}

/** The site paths of the search index's parts, oldest articles first: `pagefind/`, then `pagefind-2/`, `pagefind-3/`… */
export function searchIndexPaths(archive: Archive): string[] {
  const parts = Math.max(1, Math.ceil(archive.articles.length / searchPartSize(archive.articles.length)));
  return Array.from({ length: parts }, (_, i) => (i === 0 ? "pagefind/" : `pagefind-${i + 1}/`));
}

/** One part of the search index as a build wrote it: where, the hash of what went into it, and whether it was copied. */
export interface SearchPart {
  path: string;
  key: string;
  reused: boolean;
}

/**
 * What the published site holds, by part (from its own mark, so it describes the very folder the parts are
 * copied from): a part whose records are unchanged is copied from there.
 */
export interface SearchReuse {
  /** The published site the parts are copied from. */
  from: string;
  keys: Record<string, string>;
}

/** What a part's records are made with besides its articles: Pagefind, the HTML tokenizer, and this module's code. */
const RECORD_MAKER = `pagefind ${installedVersion("pagefind")}; htmlparser2 ${installedVersion("htmlparser2")}; search-index ${sourceHash(import.meta.url)}`;

/**
 * The key of a part's records, made from what they are made of rather than from the records: an article's body
 * text is read from its HTML only when its part is indexed again. Hashing the records themselves took seconds
 * at 10,000 articles, on the main thread, in every build.
 */
export function searchPartKey(articles: readonly Article[], language: string): string {
  const hash = createHash("sha256").update(`${RECORD_MAKER}\0${language}\0`);
  for (const a of articles) {
    hash.update(JSON.stringify([a.path, a.title, a.summary, a.date.display, a.date.year, a.topic.name, a.people.map((p) => p.name)]));
    hash.update("\0").update(a.bodyHtml.bytes).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

/** Where a caller's index goes: its own indexer (started early, closed by the caller), and where to hold for an update. */
export interface IndexingOptions {
  indexer?: SearchIndexer;
  /**
   * The preview's, which indexes in the background: awaited before each part and after each batch of records, the
   * preview holding the index there while it updates.
   */
  pause?: () => Promise<void>;
}

/**
 * Builds the Pagefind search index of the articles into `<siteDir>/pagefind/` (and `pagefind-N/` for a large
 * archive). Records come from the archive rather than the rendered pages, so Pagefind parses no HTML. A part
 * whose articles' fields that records show (and the code that makes records, `searchPartKey`) are exactly those of the
 * same part in `reuse` is copied from there instead of being indexed again: one edit re-indexes one part of a
 * large archive. Pagefind runs in a process of its own (`SearchIndexer`): the caller's, or one started if a part is
 * indexed and closed at the end. With `pause` (the preview), records go twenty at a time.
 */
export async function writeSearchIndex(siteDir: string, archive: Archive, reuse?: SearchReuse, options: IndexingOptions = {}): Promise<SearchPart[]> {
  const language = archive.site.language.split("-")[0] ?? "en";
  const size = searchPartSize(archive.articles.length);
  const parts: SearchPart[] = [];
  const pause = options.pause;
  let own: SearchIndexer | undefined;
  try {
    for (const [i, path] of searchIndexPaths(archive).entries()) {
      const articles = archive.articles.slice(i * size, (i + 1) * size);
      await pause?.();
      const key = searchPartKey(articles, language);
      const previous = reuse && reuse.keys[path] === key ? join(reuse.from, path) : undefined;
      if (previous && existsSync(join(previous, "pagefind-entry.json"))) {
        carryFiles(previous, join(siteDir, path), listFiles(previous));
        parts.push({ path, key, reused: true });
        continue;
      }
      const indexer = options.indexer ?? (own ??= new SearchIndexer());
      const folder = join(siteDir, path);
      await indexer.ask({ language }, folder);
      // Made and sent a thousand at a time (a round trip per batch waits on the main thread, which render and check
      // keep busy; a part of 5,000 sent at once held its records and their encoded messages together as the render
      // began), or, in the background, twenty at a time: a hundred held the preview's main thread for 40 to 100 ms,
      // which an edit saved just then waited out.
      const batchSize = pause ? 20 : 1000;
      for (let j = 0; j < articles.length; j += batchSize) {
        await indexer.ask({ records: articles.slice(j, j + batchSize).map((article) => searchRecord(article, language)) }, folder);
        await pause?.();
      }
      await indexer.ask({ outputPath: folder }, folder);
      parts.push({ path, key, reused: false });
    }
    return parts;
  } finally {
    await own?.close();
  }
}

/** Stops every indexer at once (the build failed elsewhere, or the preview stops); a writeSearchIndex call using one rejects. */
export async function abortSearchIndex(): Promise<void> {
  await Promise.all([...SearchIndexer.running].map((indexer) => indexer.stop()));
}

/** What the search process is asked: to start a part, to add records to it, or to write it. */
type IndexRequest = { language: string } | { records: CustomRecord[] } | { outputPath: string };

/**
 * Pagefind in a process of its own (`search-process.mjs`), which runs Pagefind's service as its child. Pagefind's
 * messages come back on a pipe and are read only if it fails; a Pagefind that stops (it panics on a full disk)
 * ends that process, and the request waiting for it rejects with what Pagefind said: before, the build waited for
 * an answer that never came, and Node, with nothing left to wait on, exited 0 with nothing published.
 *
 * Starting one costs the starting process a fork, which takes the main thread for about 70 ms once the preview holds
 * a 10,000-article archive, and the process then starts Pagefind: about 0.4 s before the first record is taken. So
 * the build and the preview start theirs before they read the archive; the preview keeps its own, and runs it at the
 * lowest priority (`background`), which Pagefind inherits: an edit's update never waits for a core.
 */
export class SearchIndexer {

  static readonly running = new Set<SearchIndexer>();
  private readonly child: ChildProcess;
  private stderr = "";
  private waiting: { resolve: () => void; reject: (error: Error) => void; folder: string } | undefined;
  private stopped: Error | undefined;
  private crashed = false;
  private readonly exited: Promise<void>;

  constructor(background = false) {
    this.child = fork(fileURLToPath(new URL("./search-process.mjs", import.meta.url)), [background ? "19" : "0"], {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
      execArgv: [],
    });
    SearchIndexer.running.add(this);
    this.child.stderr!.setEncoding("utf8").on("data", (text: string) => {
      if (this.stderr.length < 64 * 1024) this.stderr += text;
    });
    this.child.on("message", (answer: { errors: string[] }) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (answer.errors.length) waiting?.reject(new Error(answer.errors.join("; ")));
      else waiting?.resolve();
    });
    // Once the process has exited and Pagefind's stderr (the same pipe) is read to its end, so the reason is whole;
    // a Pagefind left running could hold that pipe, so its end is waited for a moment only. ("close" is not used:
    // Node does not emit it for a child whose IPC channel the parent disconnected.)
    const drained = new Promise<void>((resolve) => this.child.stderr!.once("close", resolve));
    // A process that could not be started (no memory for a fork, say) emits "error" and never "exit".
    const ended = new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.once("error", () => {
        if (this.child.pid === undefined) resolve();
      });
    });
    this.exited = ended
      .then(
        () =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 1000);
            void drained.then(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
      )
      .then(() => {
        SearchIndexer.running.delete(this);
        if (!this.stopped) this.crashed = true;
        this.stopped ??= pagefindFailure(this.stderr, this.waiting?.folder);
        this.waiting?.reject(this.stopped);
        this.waiting = undefined;
      });
    this.child.once("error", (error) => {
      this.stopped ??= error;
      this.child.kill("SIGKILL");
    });
  }

  /** False once the process has stopped or been closed: a new indexer is needed. */
  get alive(): boolean {
    return this.stopped === undefined;
  }

  /**
   * Sends one request about the part written to `folder` and waits for its answer; rejects with Pagefind's errors,
   * or why its process stopped.
   */
  ask(request: IndexRequest, folder: string): Promise<void> {
    // Pagefind may have stopped before the first request (it starts while the archive is read): the failure names this part.
    if (this.stopped) return Promise.reject(this.crashed ? pagefindFailure(this.stderr, folder) : this.stopped);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject, folder };
      this.child.send(request);
    });
  }

  /** Lets the process close Pagefind and exit, and waits for it. */
  async close(): Promise<void> {
    this.stopped ??= new Error("the search index was closed");
    if (this.child.connected) this.child.disconnect();
    await this.exited;
  }

  /** Stops the process at once (Pagefind, losing its pipe, exits too); a waiting request rejects. */
  async stop(): Promise<void> {
    this.stopped ??= new Error("the search index was stopped");
    this.child.kill("SIGKILL");
    await this.exited;
  }
}

/**
 * Why Pagefind's process stopped, from what it printed. An operating-system error it panicked on (`Os { code: 28,
 * kind: StorageFull, … }` on a full disk) becomes an error with Node's code for it (`ENOSPC`) and the folder it was
 * writing, which the build words as it words its own write failures; anything else is one line, not a backtrace.
 */
export function pagefindFailure(stderr: string, path?: string): Error {
  const os = /Os \{ code: (\d+), kind: \w+, message: "([^"]*)" \}/.exec(stderr);
  const code = os && Object.entries(constants.errno).find(([, n]) => n === Number(os[1]))?.[0];
  if (os && code) return Object.assign(new Error(`Pagefind: ${os[2]}`), { code, ...(path ? { path } : {}) });
  const said = /panicked at [^\n]*\n([^\n]+)/.exec(stderr)?.[1]?.trim() ?? stderr.trim().split("\n")[0];
  return new Error(`Pagefind stopped before the search index was written${said ? `: ${said}` : ""}`);
}
