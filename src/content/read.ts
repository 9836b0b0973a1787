import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { compareText } from "./problems.ts";

/** One content file's bytes and the path an editor sees in messages. */
export interface SourceFile {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  readonly bytes: Uint8Array;
}

/** The raw files of a content folder; a missing registry file is `undefined`. */
export interface ContentFiles {
  site?: SourceFile;
  topics?: SourceFile;
  people?: SourceFile;
  articles: SourceFile[];
  /** Display paths of the expected files and folders, for "missing" messages. */
  paths: { site: string; topics: string; people: string; articles: string };
}

/**
 * Reads a content folder: site.yaml, topics.yaml, people.yaml and every `*.md` under articles/ at any depth,
 * in a fixed order (by path) whatever order the file system lists them in. The only module that reads content from disk.
 */
export function readContent(contentDir: string, cwd = process.cwd(), options: { lazy?: boolean } = {}): ContentFiles {
  const display = (path: string) => displayPath(path, cwd);
  const read = (path: string): SourceFile | undefined =>
    existsSync(path) ? { file: display(path), bytes: readFileSync(path) } : undefined;
  // Lazy: an article's bytes are read each time they are asked for and never kept, so a build of 100,000
  // articles does not hold every file at once.
  const article = (path: string): SourceFile =>
    options.lazy
      ? {
          file: display(path),
          get bytes() {
            return readFileSync(path);
          },
        }
      : { file: display(path), bytes: readFileSync(path) };
  const articlesDir = join(contentDir, "articles");
  const files: ContentFiles = {
    articles: existsSync(articlesDir) ? filesBelow(articlesDir, ".md").map(article) : [],
    paths: {
      site: display(join(contentDir, "site.yaml")),
      topics: display(join(contentDir, "topics.yaml")),
      people: display(join(contentDir, "people.yaml")),
      articles: display(articlesDir),
    },
  };
  const site = read(join(contentDir, "site.yaml"));
  const topics = read(join(contentDir, "topics.yaml"));
  const people = read(join(contentDir, "people.yaml"));
  if (site) files.site = site;
  if (topics) files.topics = topics;
  if (people) files.people = people;
  return files;
}

/** A path as messages show it: relative to `cwd`, with forward slashes. */
export function displayPath(path: string, cwd = process.cwd()): string {
  return relative(cwd, path).split(sep).join("/");
}

/** Every file below `dir` whose name ends in `extension` (any case), sorted by path; hidden files and folders are skipped. */
export function filesBelow(dir: string, extension: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort(compareText)) {
    if (name.startsWith(".")) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) found.push(...filesBelow(path, extension));
    else if (stat.isFile() && name.toLowerCase().endsWith(extension)) found.push(path);
  }
  return found;
}
