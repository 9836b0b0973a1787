import { formatReport, printable } from "../content/problems.ts";
import { newArticle } from "../editor/new-article.ts";
import { defineCommand, parseOptions, runAsScript, UsageError, usageLine } from "./command.ts";

/** How `npm run new` is called. */
export const NEW = defineCommand({
  command: "new",
  usage: `"Title of the story" --topic <topic> [--date YYYY-MM-DD] [--people "Name, Name"] [--author <id or name>] [--image photo.jpg --alt "What it shows" --credit "Who took it" [--caption "…"]] [--content DIR]`,
  options: {
    date: { type: "string" },
    topic: { type: "string" },
    people: { type: "string", multiple: true, default: [] },
    author: { type: "string", multiple: true, default: [] },
    content: { type: "string", default: "content" },
    image: { type: "string" },
    alt: { type: "string" },
    credit: { type: "string" },
    caption: { type: "string" },
  },
  allowPositionals: true,
});

/** `npm run new`: writes a draft at content/articles/YYYY/YYYY-MM-DD-slug.md with complete front-matter. Exit 1 on problems, 2 on usage. */
export async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(NEW, args);
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length ? "give the title as one quoted argument" : "the title is missing", usageLine(NEW));
  }
  const listed = (lists: string[]) => lists.flatMap((list) => list.split(",")).map((p) => p.trim()).filter(Boolean);
  const people = listed(values.people);
  const authors = listed(values.author);
  if (values.image === undefined && (values.alt !== undefined || values.credit !== undefined || values.caption !== undefined)) {
    throw new UsageError("--alt, --credit and --caption describe a photo: give its file with --image", usageLine(NEW));
  }
  const image = values.image === undefined ? undefined : { path: values.image, alt: values.alt, credit: values.credit, caption: values.caption };
  const result = await newArticle({ title: positionals[0]!, date: values.date, topic: values.topic, people, authors, contentDir: values.content, ...(image ? { image } : {}) });
  if ("problems" in result) {
    process.stderr.write(`${formatReport(result.problems)}\nNothing was written.\n`);
    return 1;
  }
  const { article } = result;
  const named = (refs: readonly { id: string; name: string }[]) => refs.map((r) => `${r.id} (${r.name})`).join(", ") || "none";
  const byline = named(article.authors) + (authors.length || !article.authors.length ? "" : ", site.yaml's default author");
  process.stdout.write(
    [
      `Wrote ${result.file}`,
      `  date:   ${article.date.display}`,
      `  topic:  ${article.topic.id} (${article.topic.name})`,
      `  people: ${named(article.people)}`,
      `  byline: ${byline}`,
      ...(result.photo ? [`  photo:  ${result.photo}`] : []),
      "It is a draft: write the article below the front-matter, preview it with npm start, then remove draft: true to publish it.",
      "",
    ]
      .map(printable)
      .join("\n"),
  );
  return 0;
}

runAsScript(import.meta.url, main);
