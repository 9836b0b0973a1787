import Eleventy from "@11ty/eleventy";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatReport, plural } from "./content/problems.ts";
import { parseSiteUrl, placeholderUrlWarning } from "./content/settings.ts";
import { provideArchive } from "./eleventy.ts";
import { loadArchive, type Archive } from "./index.ts";
import { checkSite, validatorIdentity } from "./site/checks.ts";
import { abortSearchIndex, readSearchCache, searchCacheFile, writeSearchCache, writeSearchIndex, type SearchPart } from "./site/search-index.ts";
import { writeArticlePages } from "./site/article-pages.ts";
import { readValidationCache, validationCacheFile, writeValidationCache } from "./site/validation-cache.ts";
import { render as renderArticle } from "../templates/article.11ty.ts";

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
   * Whether pages byte-identical to ones the last published build validated skip html-validate (default true).
   * The cache is `.cache/casefile/validated-pages` in the working directory; false neither reads nor writes it.
   */
  cache?: boolean;
}

/**
 * What the build says at the end: the summary for standard output (and warnings, one a line, for standard
 * error, which do not stop it), or the report of what stopped it.
 */
export type BuildOutcome = { ok: true; summary: string; warnings: string[] } | { ok: false; message: string };

/**
 * The production build: read and validate everything, render into a staging folder beside the output, index
 * it for search, check it, and only then swap it in. Any failure leaves the previous output exactly as it was.
 */
export async function buildSite(options: BuildOptions): Promise<BuildOutcome> {
  const cwd = process.cwd();
  const out = resolve(options.out);
  const shownOut = relative(cwd, out) || ".";
  const staging = `${out}.tmp-${process.pid}`;
  const times: [string, number][] = [];
  const timeOf = (name: string) => times.find(([n]) => n === name)?.[1] ?? 0;
  const stage = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    options.progress?.(name);
    // Test seam: the tests make each stage fail in turn to prove the last good site survives any of them.
    if (process.env.CASEFILE_FAIL_AT === name) throw new Error(`failure injected at the ${name} stage (CASEFILE_FAIL_AT)`);
    const started = performance.now();
    const result = await work();
    times.push([name, performance.now() - started]);
    return result;
  };

  removeLeftovers(out);
  let indexing: Promise<SearchPart[]> | undefined;
  try {
    if (options.url !== undefined && !parseSiteUrl(options.url)) {
      throw new StageError(`--url: ${JSON.stringify(options.url)} is not an absolute http(s) URL (expected the site's address, such as https://user.github.io/repo/)`);
    }
    const result = await stage("read and validate", () => loadArchive(options.content, { url: options.url, pathPrefix: options.pathPrefix }));
    if (!result.archive) throw new StageError(formatReport(result.problems));
    const archive = result.archive;
    const warnings = [placeholderUrlWarning(archive.site)].filter((w) => w !== undefined);
    rmSync(staging, { recursive: true, force: true });
    // The index is built from the archive, not the pages, so it runs in Pagefind's own process alongside render and check.
    // Parts of the index whose records are unchanged are copied from the published site (not with --no-cache).
    const searchCache = searchCacheFile(cwd);
    const reuse = options.cache === false ? undefined : readSearchCache(searchCache, out);
    indexing = stage("index", () => writeSearchIndex(staging, archive, reuse));
    indexing.catch(() => undefined);
    const pages = await stage("render", () => renderSite(staging, archive));
    // Pages that passed html-validate in the last published build, under this very validator, are not validated again.
    const cache = options.cache === false ? undefined : { file: validationCacheFile(cwd), validator: validatorIdentity() };
    const check = await stage("check", () => checkSite(staging, archive.site, cache ? { passed: readValidationCache(cache.file, cache.validator) } : {}));
    const searchParts = await indexing;
    if (check.problems.length) {
      throw new StageError(`${plural(check.problems.length, "problem")} in the rendered site\n${check.problems.map((p) => `  ${p}`).join("\n")}`);
    }
    // The record describes the published site, so it goes before the site changes and comes back only once the
    // new one is in place: a failure in between costs a full re-index, never a part copied from the wrong site.
    rmSync(searchCache, { force: true });
    swapIn(staging, out);
    const report = join(cwd, ".cache/external-links.txt");
    mkdirSync(dirname(report), { recursive: true });
    writeFileSync(report, check.externalLinks.map((l) => `${l}\n`).join(""));
    // Only now, with every page checked and published, do their hashes replace the last build's.
    let cacheNote = "";
    if (cache) {
      try {
        writeValidationCache(cache.file, cache.validator, check.passedHashes);
      } catch (error) {
        cacheNote = `The validation cache was not saved (${(error as Error).message}); the next build validates every page.\n`;
      }
    }
    try {
      // Without the cache no record is written, so a later build never copies from a site it did not describe.
      writeSearchCache(searchCache, out, cache ? searchParts : undefined);
    } catch (error) {
      cacheNote += `The search index record was not saved (${(error as Error).message}); the next build indexes every article.\n`;
    }
    const copied = searchParts.filter((p) => p.reused).length;
    const indexNote = copied ? ` (${copied} of ${plural(searchParts.length, "part")} unchanged since the last build)` : "";
    const validation = cache
      ? `${plural(check.pages, "HTML page")}: ${check.validated} validated, ${check.reused} unchanged since the last build`
      : `${plural(check.pages, "HTML page")}, all validated; cache off`;

    const drafts = archive.draftsLeftOut ? `, ${plural(archive.draftsLeftOut, "draft")} left out` : "";
    return {
      ok: true,
      warnings,
      summary:
        `Built ${plural(archive.articles.length, "article")} into ${shownOut}: ${pages} pages, ${archive.articles.length} in the search index${drafts}; ` +
        `${plural(check.externalLinks.length, "external link")} listed in ${relative(cwd, report)}.\n` +
        `Time: read and validate ${seconds(timeOf("read and validate"))}, render ${seconds(timeOf("render"))}, ` +
        `check ${seconds(timeOf("check"))} (${validation}); index ${seconds(timeOf("index"))}${indexNote} alongside render and check.\n` +
        cacheNote,
    };
  } catch (error) {
    // Stop a running indexer and let it settle before its folder is removed.
    if (indexing) {
      await abortSearchIndex();
      await indexing.catch(() => undefined);
    }
    rmSync(staging, { recursive: true, force: true });
    const message = error instanceof StageError ? error.message : `${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    return { ok: false, message: `${message}\nBuild stopped: nothing was published; ${shownOut} is unchanged.\n` };
  }
}

/**
 * Renders every page of `archive` into `dir` (an absolute path): Eleventy writes all but the article pages,
 * which are written directly with the same template. Returns the number of files written. The build and the
 * dev server's full rebuilds both render through here.
 */
export async function renderSite(dir: string, archive: Archive): Promise<number> {
  provideArchive(archive);
  const cwd = process.cwd();
  process.chdir(projectRoot);
  try {
    const eleventy = new Eleventy("templates", dir, { configPath: ".eleventy.ts", quietMode: true });
    // The build and the preview print their own summaries; errors still reach the caller as exceptions.
    eleventy.disableLogger();
    const [, templates] = await eleventy.write();
    return templates.length + writeArticlePages(dir, archive, renderArticle);
  } finally {
    process.chdir(cwd);
  }
}

/** Removes staging and old folders that a build killed part-way (power cut, Ctrl-C, OOM) left beside the output. */
function removeLeftovers(out: string): void {
  const dir = dirname(out);
  if (!existsSync(dir)) return;
  const pattern = new RegExp(`^${basename(out).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(tmp|old)-\\d+$`);
  for (const name of readdirSync(dir)) if (pattern.test(name)) rmSync(join(dir, name), { recursive: true, force: true });
}

/** Replaces `out` with `staging` by renames, so the old site stays whole until the new one is complete. */
function swapIn(staging: string, out: string): void {
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(staging, out);
  rmSync(old, { recursive: true, force: true });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

