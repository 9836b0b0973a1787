import { join, resolve } from "node:path";
import type { ContentProblem } from "../content/problems.ts";
import { displayPath, readContent } from "../content/read.ts";
import { articleContext, type ArticleContext } from "../content/schema.ts";
import { validateSettings } from "../content/settings.ts";
import type { Author, Person, SiteConfig, Topic } from "../types.ts";

/** What an editor command needs of a content folder: its valid settings and registries, and where articles go. */
export interface Workspace {
  site: SiteConfig;
  topics: Topic[];
  people: Person[];
  authors: Author[];
  /** The context the build validates articles in, so a new file is checked exactly as the build will check it. */
  ctx: ArticleContext;
  /** Absolute path of the content folder's articles/. */
  articlesDir: string;
  /** A path as messages show it: relative to the working directory, with forward slashes. */
  display(path: string): string;
}

/** Opens a content folder for an editor command; its site.yaml, topics.yaml, people.yaml and authors.yaml must be valid. */
export function openWorkspace(contentDir: string, cwd = process.cwd()): Workspace | { problems: ContentProblem[] } {
  const root = resolve(cwd, contentDir);
  // Lazy: only the registries are read; no article file is opened.
  const settings = validateSettings(readContent(root, cwd, { lazy: true }));
  if (settings.problems.length || !settings.site) return { problems: settings.problems };
  const { site, topics, people, authors } = settings;
  return {
    site,
    topics,
    people,
    authors,
    ctx: articleContext(site, topics, people, authors, { contentDir: root, cwd }),
    articlesDir: join(root, "articles"),
    display: (path) => displayPath(path, cwd),
  };
}
