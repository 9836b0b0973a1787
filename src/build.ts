import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatReport, printable } from "./content/problems.ts";
import { plural } from "./text.ts";
import { parseSiteUrl, placeholderUrlWarning } from "./content/settings.ts";
import { renderSite } from "./eleventy.ts";
import { loadArchive } from "./index.ts";
import { makeArchiveCopies } from "./media/images.ts";
import { checkSite, linkReaderIdentity, validatorIdentity } from "./site/checks.ts";
import { abortSearchIndex, SearchIndexer, writeSearchIndex, type SearchPart } from "./site/search-index.ts";
import {
  createStaging,
  describeSystemError,
  digestKeys,
  lockOutput,
  OutputRefused,
  outputKeysFile,
  readOutputKeys,
  readSiteMark,
  recoverOutput,
  resolveOutput,
  swapIn,
  writeOutputKeys,
  writeSiteMark,
} from "./output.ts";
import { displayPath } from "./content/read.ts";
import { linkCacheFile, linkCacheOutdated, readLinkCache, writeLinkCache } from "./site/link-cache.ts";
import { readValidationCache, validationCacheFile, writeValidationCache } from "./site/validation-cache.ts";
import { ParseCache, parseCacheFile } from "./content/parse-cache.ts";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** A failure at one stage of the build; the message is what the editor reads. */
class StageError extends Error {}

export interface BuildOptions {
  /** The content folder and the output folder, relative to the working directory. */
  content: string;
  out: string;
  /** The site's address instead of site.yaml's url (`--url`, e.g. GitHub Pages' `base_url`). */
  url?: string;
  /** Serve the site from this sub-folder instead of the path in site.yaml's url. */
  pathPrefix?: string;
  /** Told the name of each stage as it starts (the command shows it on a terminal). */
  progress?: (stage: string) => void;
  /**
   * Whether pages byte-identical to ones the last published build validated skip html-validate, and search parts
   * whose records are unchanged are copied from the published site, and articles whose bytes are unchanged are not
   * read again (default true). The validation cache is `.cache/casefile/validated-pages` in the working directory,
   * the ids and links of those pages are kept in `.cache/casefile/page-links`, and the parse cache is
   * `.cache/casefile/parsed-articles`; false neither reads nor writes them.
   */
  cache?: boolean;
  /** Publish an archive of no articles over a site that has some (default false: refused as a likely mistake). */
  allowEmpty?: boolean;
}

/**
 * What the build says at the end: the summary for standard output (and warnings, one a line, for standard
 * error, which do not stop it), or the report of what stopped it.
 */
export type BuildOutcome = { ok: true; summary: string; warnings: string[] } | { ok: false; message: string };

/**
 * The production build: read and validate everything, render into a staging folder beside the output, index
 * it for search, check it, and only then swap it in. Any failure leaves the previous output exactly as it was.
 * The output folder is checked first (see `resolveOutput`): the build replaces only a folder it wrote itself,
 * and holds a lock on it so two builds never write one folder at once.
 */
export async function buildSite(options: BuildOptions): Promise<BuildOutcome> {
  const cwd = process.cwd();
  let out: string;
  let release: () => void;
  try {
    out = resolveOutput(options.out, { content: options.content, cwd, projectRoot });
    release = lockOutput(out);
  } catch (error) {
    if (error instanceof OutputRefused) return { ok: false, message: `Build refused: ${error.message}\n` };
    return { ok: false, message: `Build refused: ${unexpected(error)}\nNothing was written.\n` };
  }
  try {
    return await buildInto(out, options);
  } finally {
    release();
  }
}

async function buildInto(out: string, options: BuildOptions): Promise<BuildOutcome> {
  const cwd = process.cwd();
  // Shown with control characters escaped: a folder name cannot forge a line of the report.
  const shownOut = printable(relative(cwd, out) || ".");
  const times: [string, number][] = [];
  let staging: string | undefined;
  const timeOf = (name: string) => times.find(([n]) => n === name)?.[1] ?? 0;
  const stage = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    options.progress?.(name);
    // Test seam: the tests make each stage fail in turn to prove the last good site survives any of them, and
    // fail one with a full disk ("render:ENOSPC") to prove a fault of the machine is one line, not a stack trace.
    const fault = process.env.CASEFILE_FAIL_AT;
    if (fault === name) throw new Error(`failure injected at the ${name} stage (CASEFILE_FAIL_AT)`);
    if (fault === `${name}:ENOSPC`) {
      const path = join(staging ?? out, "index.html");
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: "ENOSPC", path });
    }
    const started = performance.now();
    const result = await work();
    times.push([name, performance.now() - started]);
    return result;
  };

  let indexing: Promise<SearchPart[]> | undefined;
  let notes: string[] = [];
  const warnings: string[] = [];
  // Pagefind's process starts while the articles are read: the index sets the pace of a one-edit rebuild, and its
  // start (about 0.4 s) was on that path.
  const indexer = new SearchIndexer();
  try {
    notes = recoverOutput(out);
    const published = readSiteMark(out);
    if (options.url !== undefined && !parseSiteUrl(options.url)) {
      throw new StageError(`--url: ${JSON.stringify(options.url)} is not an absolute http(s) URL (expected the site's address, such as https://user.github.io/repo/)`);
    }
    // Articles read by the last published build under the same registries, options and code are reused while their bytes are unchanged.
    const parsed = options.cache === false ? undefined : new ParseCache(parseCacheFile(cwd));
    const result = await stage("read and validate", () => loadArchive(options.content, { url: options.url, pathPrefix: options.pathPrefix, parsed }));
    if (!result.archive) throw new StageError(formatReport(result.problems));
    const archive = result.archive;
    warnings.push(...[placeholderUrlWarning(archive.site)].filter((w) => w !== undefined));
    if (archive.articles.length === 0 && published && published.articles > 0 && !options.allowEmpty) {
      throw new StageError(
        `${displayPath(resolve(options.content, "articles")) || "articles"} has no articles to publish, while ${shownOut} publishes ${plural(published.articles, "article")}: ` +
          `add articles, or build with --allow-empty to publish an empty archive.`,
      );
    }
    // Photos are resized and re-encoded once: copies already in the image cache (named by content hash) are kept.
    const broken = await stage("images", () => makeArchiveCopies(archive));
    if (broken.length) throw new StageError(formatReport(broken));
    const site = createStaging(out);
    staging = site;
    // The index is built from the archive, not the pages, so it runs in Pagefind's own process alongside render and check.
    // Parts of the index whose records are unchanged are copied from the published site, as its own mark describes it.
    const reuse = options.cache === false || !published ? undefined : { from: out, keys: published.searchParts };
    indexing = stage("index", () => writeSearchIndex(site, archive, reuse, { indexer }));
    indexing.catch(() => undefined);
    // Outputs whose inputs are as in the published site are carried over from it instead of rendered again.
    const previous = options.cache === false ? undefined : readOutputKeys(outputKeysFile(cwd), published);
    const rendered = await stage("render", () => renderSite(site, archive, previous ? { present: previous.keys, carryFrom: out } : {}));
    // Pages carried from the published site are its very bytes: their hashes there are not computed again.
    const written = new Set(rendered.written);
    const unchanged = previous && new Map([...previous.pages].filter(([file]) => !written.has(file)));
    // Pages that passed html-validate in the last published build, under this very validator, are not validated again,
    // and files read by this very reader in it are not parsed again; every link is still resolved.
    const cache =
      options.cache === false
        ? undefined
        : { file: validationCacheFile(cwd), validator: validatorIdentity(), links: linkCacheFile(cwd), reader: linkReaderIdentity() };
    const check = await stage("check", () => {
      const known = cache ? { passed: readValidationCache(cache.file, cache.validator), known: readLinkCache(cache.links, cache.reader) } : {};
      return checkSite(site, archive.site, { ...known, articles: archive.articles, ...(unchanged ? { unchanged } : {}) });
    });
    const searchParts = await indexing;
    await indexer.close();
    if (check.problems.length) throw new StageError(`The rendered site has ${formatReport(check.problems)}`);
    writeSiteMark(site, {
      articles: archive.articles.length,
      searchParts: Object.fromEntries(searchParts.map((p) => [p.path, p.key])),
      outputs: digestKeys(rendered.keys),
    });
    // The old site is removed by a process of its own, which the build does not wait for (see swapIn).
    swapIn(site, out).catch(() => undefined);
    staging = undefined;

    // Published. What follows only saves notes for the editor and the next build: a failure here is a warning.
    const report = join(cwd, ".cache/external-links.txt");
    let reportSaved = true;
    try {
      mkdirSync(dirname(report), { recursive: true });
      writeFileSync(report, check.externalLinks.map((l) => `${l}\n`).join(""));
    } catch (error) {
      reportSaved = false;
      warnings.push(`Warning: the list of external links was not saved: ${unexpected(error)}`);
    }
    // Only now, with every page checked and published, do their hashes replace the last build's.
    if (cache) {
      try {
        writeValidationCache(cache.file, cache.validator, check.passedHashes);
        if (check.known && linkCacheOutdated(check.parsed, check.pages)) writeLinkCache(cache.links, cache.reader, check.known);
        writeOutputKeys(outputKeysFile(cwd), rendered.keys, check.pageHashes);
      } catch (error) {
        warnings.push(`Warning: the build caches were not saved (${unexpected(error)}); the next build renders and validates every page.`);
      }
      try {
        parsed?.save();
      } catch (error) {
        warnings.push(`Warning: the parse cache was not saved (${unexpected(error)}); the next build reads every article again.`);
      }
    }
    const readNote = parsed?.reused ? ` (${parsed.reused} of ${plural(result.counts.articles, "article")} unchanged since the last build)` : "";
    const copied = searchParts.filter((p) => p.reused).length;
    const indexNote = copied ? ` (${copied} of ${plural(searchParts.length, "part")} unchanged since the last build)` : "";
    const validation = cache
      ? `${plural(check.pages, "HTML page")}: ${check.validated} validated, ${check.reused} unchanged since the last build; links read from ${check.parsed}`
      : `${plural(check.pages, "HTML page")}, all validated; cache off`;

    const carriedNote = rendered.carried ? ` (${rendered.written.length} rendered, ${rendered.carried} unchanged since the last build)` : "";
    const drafts = archive.draftsLeftOut ? `, ${plural(archive.draftsLeftOut, "draft")} left out` : "";
    const links = !reportSaved ? "" : `; ${plural(check.externalLinks.length, "external link")} listed in ${relative(cwd, report)}`;
    return {
      ok: true,
      warnings,
      summary:
        notes.map((n) => `${n}\n`).join("") +
        `Built ${plural(archive.articles.length, "article")} into ${shownOut}: ${rendered.keys.size} pages${carriedNote}, ${archive.articles.length} in the search index${drafts}${links}.\n` +
        `Time: read and validate ${seconds(timeOf("read and validate"))}${readNote}, images ${seconds(timeOf("images"))}, render ${seconds(timeOf("render"))}, ` +
        `check ${seconds(timeOf("check"))} (${validation}); index ${seconds(timeOf("index"))}${indexNote} alongside render and check.\n`,
    };
  } catch (error) {
    // Stop the indexer and let a running index settle before its folder is removed.
    await abortSearchIndex();
    await indexing?.catch(() => undefined);
    let cleanup = "";
    if (staging) {
      try {
        rmSync(staging, { recursive: true, force: true });
      } catch (failure) {
        cleanup = `The unfinished site in ${relative(cwd, staging)} could not be removed (${unexpected(failure)}); the next build removes it.\n`;
      }
    }
    const message = error instanceof StageError ? error.message : unexpected(error);
    return { ok: false, message: `${notes.map((n) => `${n}\n`).join("")}${message}\n${cleanup}Build stopped: ${whatIsPublished(out, shownOut)}\n` };
  }
}

/** The truth about the output folder after a failed build. */
function whatIsPublished(out: string, shownOut: string): string {
  if (existsSync(out)) return `nothing was published; ${shownOut} is unchanged.`;
  const dir = dirname(out);
  const old = existsSync(dir) ? readdirSync(dir).find((name) => name.startsWith(`${basename(out)}.old-`)) : undefined;
  if (old) return `nothing was published; the last good site is in ${relative(process.cwd(), join(dir, old))}, and the next build puts it back as ${shownOut}.`;
  return `nothing was published; there was no site in ${shownOut} to keep.`;
}

/**
 * One line for a failure that is not a content problem: what the operating system said and what to do for a
 * fault of the machine (disk full, read-only…), otherwise the error's message. The stack is for bug reports only.
 */
function unexpected(error: unknown): string {
  const system = describeSystemError(error);
  if (system) return system;
  if (process.env.CASEFILE_DEBUG) return error instanceof Error ? (error.stack ?? error.message) : String(error);
  const message = error instanceof Error ? error.message : String(error);
  return `${message.split("\n")[0]} (an unexpected error: run again with CASEFILE_DEBUG=1 to see where it happened, and report it)`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

