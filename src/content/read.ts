import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { LIMITS } from "../limits.ts";
import { type ContentProblem } from "./problems.ts";
import { compareText } from "../text.ts";
import { isWithin } from "../files.ts";

/** One content file's bytes and the path an editor sees in messages. */
export interface SourceFile {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  /** Read lazily for articles, once and in full for registries; a lazy read that fails throws `UnreadableFile`. */
  readonly bytes: Uint8Array;
}

/** A registry file as read: its bytes, the problem that kept it from being read, or undefined when it is not there. */
export type RegistrySource = SourceFile | ContentProblem | undefined;

/** The raw files of a content folder. */
export interface ContentFiles {
  site: RegistrySource;
  topics: RegistrySource;
  people: RegistrySource;
  /** Optional: a content folder without authors.yaml has no authors. */
  authors: RegistrySource;
  articles: SourceFile[];
  /** Articles and folders under articles/ that could not be read, each a problem naming the path and what to do. */
  problems: ContentProblem[];
  /** Display paths of the expected files and folders, for "missing" messages. */
  paths: { site: string; topics: string; people: string; authors: string; articles: string };
  /**
   * A file inside the content folder that a setting names (site.yaml's publisher logo), `path` relative to the
   * folder, read as a registry is: a regular file of at most `LIMITS.registryBytes`, refused when it or a link on
   * the way leads outside the folder. `what` names it in messages ("a publisher logo"); undefined when nothing is there.
   */
  file(path: string, what: string): RegistrySource;
}

/** Thrown when reading a lazily read article fails; `sourceBytes` turns it back into its problem. */
export class UnreadableFile extends Error {
  constructor(readonly problem: ContentProblem) {
    super(problem.message);
    this.name = "UnreadableFile";
  }
}

/**
 * Reads a content folder: site.yaml, topics.yaml, people.yaml, authors.yaml and every `*.md` under articles/ at any depth,
 * in a fixed order (by path) whatever order the file system lists them in. The only module that reads content
 * from disk. Only regular files within the size limits are read; a link that leads outside the content folder
 * is refused, and every file that cannot be read is a problem, never an exception.
 */
export function readContent(contentDir: string, cwd = process.cwd(), options: { lazy?: boolean } = {}): ContentFiles {
  const display = (path: string) => displayPath(path, cwd);
  const root = realRoot(contentDir);
  const contentFile = (name: string, what: string): RegistrySource => {
    const path = resolve(contentDir, name);
    const file = display(path);
    const outside: ContentProblem = {
      code: "file-unreadable",
      file,
      field: "file",
      message: "is outside the content folder; only files inside it are read",
      expected: "a file inside the content folder: copy it in",
    };
    if (!isWithin(path, resolve(contentDir))) return outside;
    // A broken link is there, and reported as one; only a name with nothing at all behind it is missing.
    let there: Stats | undefined;
    try {
      there = lstatSync(path, { throwIfNoEntry: false });
    } catch (error) {
      // A part of the path that is a file, not a folder: nothing is there either.
      if ((error as NodeJS.ErrnoException).code !== "ENOTDIR") return fileError(file, error);
    }
    if (!there) return undefined;
    const problem = linkProblem(path, root, display);
    if (problem) return problem;
    // A folder on the way may itself be a link that leads out.
    let real: string;
    try {
      real = realpathSync.native(path);
    } catch (error) {
      return fileError(file, error);
    }
    if (!isWithin(real, root)) return outside;
    const bytes = readRegularFile(path, file, LIMITS.registryBytes, what);
    return bytes instanceof Uint8Array ? { file, bytes } : bytes;
  };
  const registry = (name: string): RegistrySource => contentFile(name, "a registry file");
  const articlesDir = join(contentDir, "articles");
  // articles/ itself may be a link, as any folder below it may.
  const articlesLink = linkProblem(articlesDir, root, display);
  const listed = articlesLink ? { paths: [], problems: [articlesLink] } : filesBelow(articlesDir, ".md", display, { root, missingOk: true });
  const articles: SourceFile[] = [];
  const problems = [...listed.problems];
  for (const path of listed.paths) {
    const file = display(path);
    // Lazy: an article's bytes are read each time they are asked for and never kept, so a build of 100,000
    // articles does not hold every file at once.
    if (options.lazy) {
      articles.push({
        file,
        get bytes() {
          const bytes = readRegularFile(path, file, LIMITS.articleBytes, "an article");
          if (bytes instanceof Uint8Array) return bytes;
          throw new UnreadableFile(bytes);
        },
      });
      continue;
    }
    const bytes = readRegularFile(path, file, LIMITS.articleBytes, "an article");
    if (bytes instanceof Uint8Array) articles.push({ file, bytes });
    else problems.push(bytes);
  }
  return {
    site: registry("site.yaml"),
    topics: registry("topics.yaml"),
    people: registry("people.yaml"),
    authors: registry("authors.yaml"),
    articles,
    problems,
    paths: {
      site: display(join(contentDir, "site.yaml")),
      topics: display(join(contentDir, "topics.yaml")),
      people: display(join(contentDir, "people.yaml")),
      authors: display(join(contentDir, "authors.yaml")),
      articles: display(articlesDir),
    },
    file: contentFile,
  };
}

/** A file's bytes, or the problem that kept them from being read (a lazily read article that became unreadable). */
export function sourceBytes(source: SourceFile): Uint8Array | ContentProblem {
  try {
    return source.bytes;
  } catch (error) {
    if (error instanceof UnreadableFile) return error.problem;
    throw error;
  }
}

/** A path as messages show it: relative to `cwd`, with forward slashes. */
export function displayPath(path: string, cwd = process.cwd()): string {
  return relative(cwd, path).split(sep).join("/");
}

/**
 * Reads a regular file of at most `maxBytes` bytes (`what` names it in messages: "an article"). A named pipe,
 * a device, a socket or a folder is a problem and is never read, so a FIFO cannot hang the command nor
 * /dev/zero fill the memory; so is a file too large, a broken link or one the user may not read.
 */
export function readRegularFile(path: string, file: string, maxBytes: number, what: string): Uint8Array | ContentProblem {
  let fd: number;
  try {
    // Non-blocking, so opening a named pipe with no writer returns at once instead of waiting for one.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return fileError(file, error);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return notRegular(file, stat);
    if (stat.size > maxBytes) return tooLarge(file, stat.size, maxBytes, what);
    // Read one byte past the limit, so a file that grows while it is read is still caught.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return tooLarge(file, length, maxBytes, what);
    return buffer.subarray(0, length);
  } catch (error) {
    return fileError(file, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * Every file below `dir` whose name ends in `extension` (any case), sorted by path; hidden files and folders are
 * skipped. Links are followed, except one that leads back into a folder containing it and, given `root`, one that
 * leads outside `root`. Anything that cannot be listed or followed is a problem naming its path.
 */
export function filesBelow(
  dir: string,
  extension: string,
  display: (path: string) => string,
  options: { root?: string; missingOk?: boolean } = {},
): { paths: string[]; problems: ContentProblem[] } {
  const paths: string[] = [];
  const problems: ContentProblem[] = [];
  const walk = (folder: string, real: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      if (folder === dir && options.missingOk && (error as NodeJS.ErrnoException).code === "ENOENT") return;
      problems.push(fileError(display(folder), error, "folder"));
      return;
    }
    for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      const wanted = entry.name.toLowerCase().endsWith(extension);
      if (entry.isDirectory()) {
        walk(path, join(real, entry.name));
      } else if (entry.isSymbolicLink()) {
        const problem = linkProblem(path, options.root, display);
        if (problem) {
          problems.push(problem);
          continue;
        }
        const target = realpathSync.native(path);
        if (isFolder(target)) {
          if (isWithin(real, target)) {
            problems.push({
              code: "file-unreadable",
              file: display(path),
              field: "file",
              message: `is a link to ${display(target) || "."}, a folder that contains it, so it would be read forever`,
              expected: "no link to a folder around it: remove the link",
            });
          } else {
            walk(path, target);
          }
        } else if (wanted) {
          paths.push(path);
        }
      } else if (wanted) {
        // Named pipes, devices and sockets are listed too, so reading them reports what they are.
        paths.push(path);
      }
    }
  };
  walk(dir, realRoot(dir));
  return { paths, problems };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The real path of a folder, or the path itself when it is not there. */
function realRoot(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return resolve(dir);
  }
}

/**
 * The problem with a symbolic link at `path`, if it is one: it leads nowhere, round in a loop, or (given `root`)
 * outside `root`. Undefined for a link that can be followed, and for anything that is not a link.
 */
function linkProblem(path: string, root: string | undefined, display: (path: string) => string): ContentProblem | undefined {
  let target: string;
  try {
    target = readlinkSync(path);
  } catch {
    return undefined;
  }
  const file = display(path);
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return { code: "file-unreadable", file, field: "file", message: `is a link to ${target}, which does not exist`, expected: "the file itself, or a link to a file that exists: fix or remove the link" };
    }
    return fileError(file, error);
  }
  if (root !== undefined && real !== root && !real.startsWith(root + sep)) {
    return {
      code: "file-unreadable",
      file,
      field: "file",
      message: `is a link to ${target}, outside the content folder; such links are not followed`,
      expected: "what it links to, copied into the content folder in place of the link",
    };
  }
  return undefined;
}

function notRegular(file: string, stat: Stats): ContentProblem {
  const kind = stat.isDirectory()
    ? "a folder"
    : stat.isFIFO()
      ? "a named pipe (FIFO)"
      : stat.isSocket()
        ? "a socket"
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? "a device"
          : "not a regular file";
  return { code: "file-unreadable", file, field: "file", message: `is ${kind}, not a file`, expected: "a regular file: move it away, or put the file itself in its place" };
}

function tooLarge(file: string, size: number, maxBytes: number, what: string): ContentProblem {
  return {
    code: "file-too-large",
    file,
    field: "file",
    message: `is ${grouped(size)} bytes, more than the ${megabytes(maxBytes)} ${what} may be`,
    expected: what === "an article" ? "a shorter article: split it into several" : `at most ${megabytes(maxBytes)}`,
  };
}

function megabytes(bytes: number): string {
  return `${grouped(bytes / 1_000_000)} MB`;
}

/** 1000005 → "1,000,005", whatever the machine's locale. */
function grouped(n: number): string {
  return new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(n);
}

/** The problem for a file or folder that the system would not open or read, with what to do about it. */
function fileError(file: string, error: unknown, what: "file" | "folder" = "file"): ContentProblem {
  const code = (error as NodeJS.ErrnoException).code;
  const problem = (message: string, expected: string): ContentProblem => ({ code: "file-unreadable", file, field: what, message, expected });
  switch (code) {
    case "EACCES":
    case "EPERM":
      return problem("cannot be read: permission denied", `a ${what} you may read: check its permissions (chmod u+r${what === "folder" ? "x" : ""})`);
    case "ELOOP":
      return problem("is a link that leads round in a loop of links", `the ${what} itself in place of the link`);
    case "ENOENT":
      return problem("is not there any more (it was removed while being read)", "run the command again");
    case "EISDIR":
      return problem("is a folder, not a file", "a regular file: move it away, or put the file itself in its place");
    case "ENAMETOOLONG":
      return problem("has a path too long for the system", "a shorter file name");
    default:
      return problem(`cannot be read (${code ?? (error as Error).message})`, `a ${what} the system can read: check the disk`);
  }
}
