import { formatReport, printable } from "../content/problems.ts";
import { plural } from "../text.ts";
import { importWireCopy, type ImportedStory } from "../editor/import-wire.ts";
import { defineCommand, parseOptions, runAsScript, UsageError, usageLine } from "./command.ts";

const IMPORT = defineCommand({
  command: "import",
  usage: "path/to/story.txt [more files or folders] [--content DIR]",
  options: { content: { type: "string", default: "content" } },
  allowPositionals: true,
});

/** `npm run import`: wire copy → draft articles. Prints what it found per file; exit 1 when a file was not imported, 2 on usage. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseOptions(IMPORT, args);
  if (!parsed.positionals.length) throw new UsageError("no wire-copy file given", usageLine(IMPORT));
  const report = await importWireCopy(parsed.positionals, parsed.values.content);
  const lines = report.imported.flatMap(describe).map(printable);
  if (report.imported.length) {
    lines.push(`${plural(report.imported.length, "draft")} written: give each a headline, check its topic and people, then remove draft: true.`);
  }
  if (lines.length) process.stdout.write(`${lines.join("\n")}\n`);
  if (report.problems.length) process.stderr.write(`${formatReport(report.problems)}\nNothing was overwritten.\n`);
  return report.problems.length ? 1 : 0;
}

function describe(story: ImportedStory): string[] {
  const people = story.people.map((m) => `${m.person.id} ("${m.text}")`).join(", ") || "none found";
  const topic = story.topic.reasons.length
    ? `${story.topic.topic.id} (from: ${story.topic.reasons.join(", ")})`
    : `${story.topic.topic.id} (a guess: nothing in the text pointed to a topic)`;
  return [`${story.source} → ${story.file} (draft)`, `  date:   ${story.date}`, `  people: ${people}`, `  topic:  ${topic}`];
}

runAsScript(import.meta.url, main);
