import { existsSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseSiteDate } from "../dates.ts";
import type { ContentProblem } from "../content/problems.ts";
import { filesBelow, readRegularFile } from "../content/read.ts";
import { LIMITS } from "../limits.ts";
import { loadArchive } from "../index.ts";
import { shortSlug, slugFromFileName, slugify } from "../slug.ts";
import type { Person } from "../types.ts";
import { articlePath, articleText, validateText, writeNewFile } from "./article-file.ts";
import { firstMentions, type Mention } from "./mentions.ts";
import { suggestTopic, type TopicSuggestion } from "./topic-suggest.ts";
import { openWorkspace } from "./workspace.ts";
import { parseWireCopy, plainToMarkdown } from "./wire-copy.ts";

/** What the importer found in one wire-copy file and where it wrote the draft. */
export interface ImportedStory {
  /** The wire-copy file and the draft written, as messages show paths. */
  source: string;
  file: string;
  date: string;
  /** Each person found, once, in the order the text first names them. */
  people: Mention<Person>[];
  topic: TopicSuggestion;
}

/** Every draft written, and every file that was not imported and why. */
export interface ImportReport {
  imported: ImportedStory[];
  problems: ContentProblem[];
}

/** The headline every imported draft starts with; the editor writes the real one. */
export const TITLE_PLACEHOLDER = "Headline needed";

/**
 * Turns wire-copy files, or every .txt file below the given folders, into draft articles under the content
 * folder's articles/, one per file, each at articles/YYYY/YYYY-MM-DD-slug.md with the slug from the file's name.
 * Files are handled one by one: a bad file is reported and the others are still imported. Never overwrites.
 */
export async function importWireCopy(inputs: readonly string[], contentDir: string, cwd = process.cwd()): Promise<ImportReport> {
  const ws = openWorkspace(contentDir, cwd);
  if ("problems" in ws) return { imported: [], problems: ws.problems };
  if (!ws.topics.length) {
    return { imported: [], problems: [{ code: "topics-empty", file: ws.display(resolve(cwd, contentDir, "topics.yaml")), field: "topics", message: "lists no topic", expected: "at least one topic to file drafts under" }] };
  }
  // People's usual topics come from the articles already there, when the folder is valid.
  const articles = (await loadArchive(resolve(cwd, contentDir), { drafts: true, cwd })).archive?.articles ?? [];
  const report: ImportReport = { imported: [], problems: [] };

  for (const input of inputs) {
    const path = resolve(cwd, input);
    if (!existsSync(path)) {
      report.problems.push({ code: "import-source-missing", file: ws.display(path), field: "file", message: "does not exist", expected: "a wire-copy file, or a folder of .txt files" });
      continue;
    }
    const folder = statSync(path).isDirectory();
    const listed = folder ? filesBelow(path, ".txt", ws.display) : { paths: [path], problems: [] };
    report.problems.push(...listed.problems);
    if (folder && !listed.paths.length && !listed.problems.length) {
      report.problems.push({ code: "import-folder-empty", file: ws.display(path), field: "file", message: "is a folder with no .txt file in it", expected: "wire copy saved as .txt files" });
    }
    for (const sourcePath of listed.paths) {
      const source = ws.display(sourcePath);
      // A named pipe or a device is reported, never read: it could hang the command or fill the memory.
      const bytes = readRegularFile(sourcePath, source, LIMITS.articleBytes, "a wire-copy file");
      if (!(bytes instanceof Uint8Array)) {
        report.problems.push(bytes);
        continue;
      }
      const story = parseWireCopy(bytes, source, ws.ctx.dates);
      if ("code" in story) {
        report.problems.push(story);
        continue;
      }
      const text = story.paragraphs.join("\n\n");
      const people = firstMentions(text, ws.people);
      // There is at least one topic (checked above), so there is always a suggestion.
      const topic = suggestTopic(text, people.map((m) => m.person.id), ws.topics, articles)!;
      const slug = shortSlug(slugFromFileName(basename(sourcePath).replace(/\.[^.]*$/, "")) || slugify(text.split(/\s+/).slice(0, 6).join(" ")));
      const file = articlePath(ws.articlesDir, parseSiteDate(story.date, ws.ctx.dates)!, slug);
      const fields = { title: TITLE_PLACEHOLDER, date: story.date, topic: topic.topic.id, people: people.map((m) => m.person.id), draft: true };
      const content = articleText(fields, slug, plainToMarkdown(story.paragraphs));
      const checked = validateText(content, ws.display(file), ws.ctx);
      if (checked.problems.length) {
        report.problems.push(...checked.problems);
        continue;
      }
      if (!writeNewFile(file, content)) {
        report.problems.push({ code: "file-exists", file: source, field: "file", message: `not imported: ${ws.display(file)} already exists and was left as it was`, expected: "a file name that gives a new article, or edit that article" });
        continue;
      }
      report.imported.push({ source, file: ws.display(file), date: story.date, people, topic });
    }
  }
  return report;
}
