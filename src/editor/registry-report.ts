import { isRecord } from "../content/fields.ts";
import { articleBody, decodeText, parseArticle, parseYaml } from "../content/parse.ts";
import { sortProblems, type Located } from "../content/problems.ts";
import type { ContentFiles, RegistrySource, SourceFile } from "../content/read.ts";
import type { Archive, Article } from "../types.ts";
import { findMentions } from "./mentions.ts";
import { trackingParameters } from "./tracking-parameters.ts";
import { unknownNames } from "./unknown-names.ts";

/** Stable codes of the hints `npm run check` gives once content is valid. */
export type HintCode = "topic-unused" | "person-unused" | "name-unknown" | "source-tracking" | "image-credit-missing";

/** Something an editor may want to look at; never an error. Printed like a problem. */
export interface RegistryHint extends Located {
  code: HintCode;
}

/**
 * How the registries and the articles fit together, for a content folder that has passed validation:
 * topics and people that no article uses, names in the text that look like a person nobody has registered,
 * and source URLs that carry tracking parameters. In file and line order.
 *
 * A registry person the text names but `people` leaves out gets no hint: most such names are background
 * (the judge whose ruling is being appealed), and only the editor knows whether the person acted in the event.
 */
export function registryHints(files: ContentFiles, archive: Archive): RegistryHint[] {
  const byFile = new Map(archive.articles.map((a) => [a.file, a]));
  return sortProblems([
    ...unusedEntries(files.topics, "topics", archive.topics, new Set(archive.articles.map((a) => a.topic.id))),
    ...unusedEntries(files.people, "people", archive.people, new Set(archive.articles.flatMap((a) => a.people.map((p) => p.id)))),
    ...files.articles.flatMap((source) => {
      const article = byFile.get(source.file);
      return article ? articleHints(source, article, archive) : [];
    }),
  ]);
}

function unusedEntries(
  source: RegistrySource,
  what: "topics" | "people",
  entries: readonly { id: string; name: string }[],
  used: ReadonlySet<string>,
): RegistryHint[] {
  if (!source || !("bytes" in source)) return [];
  const text = decodeText(source.bytes);
  const yaml = text ? parseYaml(text, source.file) : undefined;
  if (!yaml || "code" in yaml || !Array.isArray(yaml.value)) return [];
  const items: unknown[] = yaml.value;
  return entries
    .filter((entry) => !used.has(entry.id))
    .map((entry) => {
      const index = items.findIndex((item) => isRecord(item) && item.id === entry.id);
      const hint: RegistryHint =
        what === "topics"
          ? {
              code: "topic-unused",
              file: source.file,
              field: `topics[${index + 1}]`,
              message: `"${entry.name}" (${entry.id}) is the topic of no article`,
              hint: `give an article topic: ${entry.id}, or remove the entry`,
            }
          : {
              code: "person-unused",
              file: source.file,
              field: `people[${index + 1}]`,
              message: `"${entry.name}" (${entry.id}) is in no article's people`,
              hint: `add ${entry.id} to an article's people:, or remove the entry`,
            };
      const line = yaml.lineOf([index]);
      if (line !== undefined) hint.line = line;
      return hint;
    });
}

/** Hints about one article: names in its text that nobody has registered, and tracking parameters in its sources. */
function articleHints(source: SourceFile, article: Article, archive: Archive): RegistryHint[] {
  const text = decodeText(source.bytes);
  if (text === null) return [];
  const parsed = articleBody(text);
  const lineOf = (index: number) => parsed.firstLine + (parsed.body.slice(0, index).match(/\n/g)?.length ?? 0);

  const hints: RegistryHint[] = unknownNames(parsed.body, findMentions(parsed.body, archive.people)).map((name) => ({
    code: "name-unknown",
    file: source.file,
    line: lineOf(name.index),
    field: "body",
    message: `"${name.text}" looks like a person's name but is not in people.yaml`,
    hint: "if the article is about them, add them to people.yaml and to people:",
  }));
  return [...hints, ...sourceHints(source.file, text, article)];
}

/** A hint for each source URL with tracking parameters; the front-matter is parsed again only to find their lines. */
function sourceHints(file: string, text: string, article: Article): RegistryHint[] {
  const tracked = article.sources.flatMap((s, i) => {
    const tracking = trackingParameters(s.url);
    return tracking ? [{ i, url: s.url, tracking }] : [];
  });
  if (tracked.length === 0) return [];
  const front = parseArticle(text, file);
  return tracked.map(({ i, url, tracking }) => {
    const hint: RegistryHint = {
      code: "source-tracking",
      file,
      field: `sources[${i + 1}].url`,
      message: `${JSON.stringify(url)} carries tracking parameters (${tracking.names.join(", ")})`,
      hint: `cite ${tracking.clean} instead`,
    };
    const line = "code" in front ? undefined : front.lineOf(["sources", i, "url"]);
    if (line !== undefined) hint.line = line;
    return hint;
  });
}
