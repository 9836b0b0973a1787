import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { rm } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { isWithin, replaceFile } from "./files.ts";
import { escapeRegExp } from "./text.ts";

/**
 * The file every folder Casefile publishes carries. The build replaces a folder only when it finds this mark
 * (or the folder is empty or missing), so a mistyped `--out` can never delete what Casefile did not write.
 * It also records what the published site holds, so a later build knows exactly what it would replace.
 */
export const SITE_MARK = ".casefile-site";

/** What the mark of a published site records. */
export interface SiteMark {
  /** Articles the site publishes. */
  articles: number;
  /** Each search index part's path and the hash of the records in it, as written into this very folder. */
  searchParts: Record<string, string>;
  /** The digest of the output keys of this folder's pages (`digestKeys`), which `.cache/casefile/outputs.json` must match to be used. */
  outputs?: string;
}

/** The output folder cannot be used as asked; the message is one line that says what to do instead. */
export class OutputRefused extends Error {}

/** Folders an output must never be, contain or sit inside, each with the name an editor knows it by. */
export interface Protected {
  content: string;
  cwd: string;
  projectRoot: string;
}

/**
 * Checks the output folder an editor named before anything is read or written, and returns the real folder to
 * write: a symbolic link is followed, so the folder it points to is replaced and the link stays as it is.
 * Refuses (throws `OutputRefused`) an empty name, a regular file, a folder that is, contains or sits inside the
 * content folder, the project or the working directory, and a non-empty folder without Casefile's mark.
 */
export function resolveOutput(out: string, guard: Protected): string {
  const shown = JSON.stringify(out);
  if (out.trim() === "") throw new OutputRefused("--out is empty: name the folder to write the site to (the default is _site).");
  const asked = resolve(guard.cwd, out);
  let real: string;
  try {
    real = realPath(asked);
  } catch {
    throw new OutputRefused(`--out ${shown} is a link to a folder that does not exist: point the link at a folder, or choose another --out.`);
  }
  const keep: [string, string][] = [
    [guard.content, "the content folder"],
    [guard.projectRoot, "the Casefile project"],
    [guard.cwd, "the working directory"],
  ];
  const folders = keep.map(([path, name]) => [realPath(resolve(guard.cwd, path)), name] as const);
  // "Is" before "contains": `--out .` is the working directory, though it also contains the content folder.
  const same = folders.find(([folder]) => folder === real);
  const inside = folders.find(([folder]) => isWithin(folder, real));
  if (same || inside) {
    const [how, name] = same ? ["is", same[1]] : ["contains", inside![1]];
    throw new OutputRefused(`--out ${shown} ${how} ${name}, which the build would replace: choose another --out (the default is _site).`);
  }
  if (isWithin(real, folders[0]![0])) {
    throw new OutputRefused(`--out ${shown} is inside the content folder: choose a folder outside it (the default is _site).`);
  }
  let stats;
  try {
    stats = statSync(real);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return real;
    throw new OutputRefused(`--out ${shown} cannot be used: ${describeSystemError(error)}`);
  }
  if (!stats.isDirectory()) {
    throw new OutputRefused(`--out ${shown} is a file, not a folder; nothing was written: choose a folder for the site (the default is _site).`);
  }
  if (!existsSync(join(real, SITE_MARK)) && readdirSync(real).length > 0) {
    throw new OutputRefused(
      `--out ${shown} holds files that Casefile did not write (it has no ${SITE_MARK} mark); nothing was written: ` +
        `choose a new or empty folder, or remove ${shown} yourself if you no longer need it.`,
    );
  }
  return real;
}

/** The real path of `path`, following links; for a path that does not exist yet, its nearest existing folder's. */
function realPath(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  // A dangling link: lstat sees it, existsSync does not. Its target is missing, which the caller reports.
  if (isLink(path)) throw new Error("dangling link");
  const parent = dirname(path);
  return parent === path ? path : join(realPath(parent), basename(path));
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The mark of the published site in `dir`, or undefined when it has none (or one Casefile cannot read). */
export function readSiteMark(dir: string): SiteMark | undefined {
  try {
    const mark = JSON.parse(readFileSync(join(dir, SITE_MARK), "utf8")) as Partial<SiteMark>;
    const parts = typeof mark.searchParts === "object" && mark.searchParts !== null ? mark.searchParts : {};
    return {
      articles: typeof mark.articles === "number" ? mark.articles : 0,
      searchParts: Object.fromEntries(Object.entries(parts).filter((entry): entry is [string, string] => typeof entry[1] === "string")),
      ...(typeof mark.outputs === "string" ? { outputs: mark.outputs } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Writes the mark into a folder the build is filling; the first write happens before anything else goes in. */
export function writeSiteMark(dir: string, mark: SiteMark): void {
  writeFileSync(join(dir, SITE_MARK), `${JSON.stringify({ generator: "Casefile", ...mark }, null, 2)}\n`);
}

/** The staging folder a build fills beside `out` (an absolute path); it is created empty, with the mark in it. */
export function createStaging(out: string): string {
  const staging = `${out}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeSiteMark(staging, { articles: 0, searchParts: {} });
  return staging;
}

/**
 * Takes the lock on `out` (an absolute path) for this process: `<out>.lock` holds the holder's PID. A lock whose
 * holder has died is taken over; one held by a running process refuses, in one line. Returns the release.
 */
export function lockOutput(out: string): () => void {
  const lock = `${out}.lock`;
  mkdirSync(dirname(out), { recursive: true });
  // Written whole under a name of our own, then linked into place: the lock never exists half-written.
  const mine = `${lock}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(mine, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
        const holder = Number.parseInt(readFileSync(lock, "utf8"), 10);
        if (isRunning(holder)) {
          throw new OutputRefused(
            `another Casefile process (PID ${holder}) is writing ${basename(out)}: wait for it to finish or stop it, ` +
              `or delete ${basename(lock)} if none is running.`,
          );
        }
        rmSync(lock, { force: true });
      }
    }
  } finally {
    rmSync(mine, { force: true });
  }
  return () => {
    try {
      if (Number.parseInt(readFileSync(lock, "utf8"), 10) === process.pid) unlinkSync(lock);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

/** Whether a process with this PID exists (one owned by another user counts). */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Tidies what a build killed part-way left beside `out`, with the lock held. A killed swap can leave the last
 * good site in `<out>.old-N` and no `out`: that folder is put back, never deleted. Every other leftover
 * staging or old folder that carries the mark is removed (an old site the last build's `rm` is still removing
 * included), and so is an empty staging folder (a build killed between
 * making it and marking it leaves one; it holds nothing); any other folder without the mark is not ours and stays.
 * Returns a line for each site put back.
 */
export function recoverOutput(out: string): string[] {
  const dir = dirname(out);
  if (!existsSync(dir)) return [];
  const pattern = new RegExp(`^${escapeRegExp(basename(out))}\\.(tmp|old)-\\d+$`);
  const leftovers = readdirSync(dir)
    .filter((name) => pattern.test(name) && (existsSync(join(dir, name, SITE_MARK)) || emptyFolder(join(dir, name))))
    .map((name) => join(dir, name));
  const notes: string[] = [];
  if (!existsSync(out)) {
    const olds = leftovers.filter((path) => /\.old-\d+$/.test(path)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    const last = olds[0];
    if (last) {
      renameSync(last, out);
      notes.push(`Put the last good site back from ${basename(last)}, where an interrupted build had left it.`);
    }
  }
  for (const path of leftovers) {
    if (path === out || !existsSync(path)) continue;
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Being removed by the last build's own `rm` (see swapIn), or not removable now: the next build tries again.
    }
  }
  return notes;
}

function emptyFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory() && readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

/**
 * Publishes `staging` as `out` by two renames, so the old site stays whole until the new one is complete.
 * If the second rename fails, the old site is renamed back before the error is passed on (thrown, not
 * rejected). The old site is then removed by a process of its own, which outlives this one: the promise settles
 * once it is gone, and nobody needs to wait for it. If that process is stopped first, the next build removes what
 * is left (it carries the mark). Its name is new at every swap, so a build never renames onto a folder still
 * being removed.
 */
export function swapIn(staging: string, out: string): Promise<void> {
  let old = `${out}.old-${Date.now()}`;
  while (existsSync(old)) old = `${old}1`;
  const had = existsSync(out);
  if (had) renameSync(out, old);
  try {
    // Test seam: the tests fail the second rename to prove the old site is put back.
    if (process.env.CASEFILE_FAIL_AT === "swap") throw Object.assign(new Error("i/o error, rename (CASEFILE_FAIL_AT)"), { code: "EIO", path: staging });
    renameSync(staging, out);
  } catch (error) {
    if (had) renameSync(old, out);
    throw error;
  }
  return had ? removeFolder(old, { outlive: true }) : Promise.resolve();
}

/**
 * Removes a folder and everything in it: with the system's `rm -rf` where there is one (on a 10,000-article site
 * of 47,000 files, 2.0-2.3 s against Node's 2.7-4.3 s), else, or if it fails, with Node's own. With `outlive`,
 * `rm` runs detached and does not keep this process alive: it goes on after this process has exited. Nothing is
 * started for a path that is not there: starting `rm` forks this process, which holds its main thread for tens of
 * milliseconds once it holds a large archive (the preview's, between two edits).
 */
export async function removeFolder(path: string, options: { outlive?: boolean } = {}): Promise<void> {
  if (!lstatSync(path, { throwIfNoEntry: false })) return;
  if (process.platform !== "win32") {
    const status = await new Promise<number | null>((done) => {
      const child = spawn("rm", ["-rf", "--", path], { stdio: "ignore", detached: options.outlive === true });
      if (options.outlive) child.unref();
      child.once("error", () => done(null));
      child.once("exit", (code) => done(code));
    });
    if (status === 0) return;
  }
  await rm(path, { recursive: true, force: true });
}

/** A digest of output keys (file → key), in file order: what a site's mark records of them. */
export function digestKeys(keys: ReadonlyMap<string, string>): string {
  const hash = createHash("sha256");
  for (const file of [...keys.keys()].sort()) hash.update(`${file}\0${keys.get(file)}\n`);
  return hash.digest("hex").slice(0, 32);
}

/** Where a build run in `cwd` keeps the output keys of the site it last published. */
export function outputKeysFile(cwd: string): string {
  return join(cwd, ".cache/casefile/outputs.json");
}

/** What a build saves of the site it published: each file's output key, and each HTML page's hash (`pageHash`) as checked. */
export interface PublishedKeys {
  keys: Map<string, string>;
  pages: Map<string, string>;
}

/**
 * The output keys and page hashes of the site in a folder whose mark is `mark`, or undefined: a missing or
 * unreadable file, or keys that describe another folder's site (their digest is not the one the mark records).
 */
export function readOutputKeys(file: string, mark: SiteMark | undefined): PublishedKeys | undefined {
  if (!mark?.outputs) return undefined;
  const strings = (value: unknown) =>
    new Map(typeof value === "object" && value !== null ? Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string") : []);
  try {
    const saved = JSON.parse(readFileSync(file, "utf8")) as { keys?: unknown; pages?: unknown } | null;
    const keys = strings(saved?.keys);
    return digestKeys(keys) === mark.outputs ? { keys, pages: strings(saved?.pages) } : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the output keys and page hashes of the site just published (temporary file, then rename). */
export function writeOutputKeys(file: string, keys: ReadonlyMap<string, string>, pages: ReadonlyMap<string, string>): void {
  replaceFile(file, JSON.stringify({ keys: Object.fromEntries(keys), pages: Object.fromEntries(pages) }));
}

/**
 * Carries files of the published site into a staging folder: hard links where the disk allows (nothing writes to
 * them afterwards; a changed output is rendered as a new file), copies elsewhere.
 */
export function carryFiles(from: string, to: string, files: Iterable<string>): number {
  let count = 0;
  // Most files share their folder with others: each folder is made once.
  const made = new Set<string>();
  for (const file of files) {
    const target = join(to, file);
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    try {
      linkSync(join(from, file), target);
    } catch {
      copyFileSync(join(from, file), target);
    }
    count++;
  }
  return count;
}

const SYSTEM_ERRORS: Record<string, [string, string]> = {
  ENOSPC: ["the disk is full", "free some space and build again"],
  EDQUOT: ["the disk quota is used up", "free some space and build again"],
  EACCES: ["permission denied", "make the folder writable for this user, or choose another --out"],
  EPERM: ["the operation is not permitted", "make the folder writable for this user, or choose another --out"],
  EROFS: ["the file system is read-only", "choose an --out on a writable disk"],
  ENOTDIR: ["part of the path is a file, not a folder", "choose another --out"],
  EISDIR: ["it is a folder, not a file", "remove or rename the folder"],
  ENAMETOOLONG: ["the path is too long", "choose a shorter --out"],
  EIO: ["the disk reported an input/output error", "check the disk and build again"],
  EMFILE: ["too many files are open", "close other programs and build again"],
  ENOENT: ["a folder on the way is missing", "check the path"],
  ELOOP: ["the path has a loop of symbolic links", "fix the links"],
};

/**
 * One line for an error the operating system raised (disk full, read-only, permission denied…), naming the path
 * and what to do; Eleventy wraps such errors, so their causes are searched too. Undefined for anything else.
 */
export function describeSystemError(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 8; depth++) {
    const { code, path, dest } = e as { code?: unknown; path?: unknown; dest?: unknown };
    const known = typeof code === "string" ? SYSTEM_ERRORS[code] : undefined;
    if (known) {
      const where = typeof path === "string" ? ` ${shownPath(path)}${typeof dest === "string" ? ` → ${shownPath(dest)}` : ""}` : "";
      return `could not write${where}: ${known[0]} (${code}); ${known[1]}.`;
    }
    const next = e as { cause?: unknown; originalError?: unknown };
    e = next.originalError ?? next.cause;
  }
  return undefined;
}

function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith("..") ? shown : path;
}

