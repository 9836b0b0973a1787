import { parseArgs } from "node:util";
import { formatReport, printable } from "../content/problems.ts";
import { newArticle } from "../editor/new-article.ts";

const USAGE = `usage: npm run new -- "Title of the story" --topic <topic> [--date YYYY-MM-DD] [--people "Name, Name"] [--image photo.jpg --alt "What it shows" --credit "Who took it" [--caption "…"]] [--content DIR]`;

/** `npm run new`: writes content/articles/YYYY/YYYY-MM-DD-slug.md with complete front-matter. Exit 1 on problems, 2 on usage. */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        date: { type: "string" },
        topic: { type: "string" },
        people: { type: "string", multiple: true, default: [] },
        content: { type: "string", default: "content" },
        image: { type: "string" },
        alt: { type: "string" },
        credit: { type: "string" },
        caption: { type: "string" },
      },
    });
  } catch (error) {
    process.stderr.write(`${printable((error as Error).message)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    process.stderr.write(`${positionals.length ? "give the title as one quoted argument" : "the title is missing"}\n${USAGE}\n`);
    return 2;
  }
  const people = values.people.flatMap((list) => list.split(",")).map((p) => p.trim()).filter(Boolean);
  if (values.image === undefined && (values.alt !== undefined || values.credit !== undefined || values.caption !== undefined)) {
    process.stderr.write(`--alt, --credit and --caption describe a photo: give its file with --image\n${USAGE}\n`);
    return 2;
  }
  const image = values.image === undefined ? undefined : { path: values.image, alt: values.alt, credit: values.credit, caption: values.caption };
  const result = await newArticle({ title: positionals[0]!, date: values.date, topic: values.topic, people, contentDir: values.content, ...(image ? { image } : {}) });
  if ("problems" in result) {
    process.stderr.write(`${formatReport(result.problems)}\nNothing was written.\n`);
    return 1;
  }
  const { article } = result;
  const listed = article.people.map((p) => `${p.id} (${p.name})`).join(", ") || "none";
  process.stdout.write(
    [
      `Wrote ${result.file}`,
      `  date:   ${article.date.display}`,
      `  topic:  ${article.topic.id} (${article.topic.name})`,
      `  people: ${listed}`,
      ...(result.photo ? [`  photo:  ${result.photo}`] : []),
      "Write the article below the front-matter, then preview it with npm start.",
      "",
    ]
      .map(printable)
      .join("\n"),
  );
  return 0;
}

process.exit(await main());
