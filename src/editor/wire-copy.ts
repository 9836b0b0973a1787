import { parseSiteDate, type DateContext } from "../dates.ts";
import { decodeText } from "../content/parse.ts";
import { notUtf8, type ContentProblem } from "../content/problems.ts";

/** A story as received from a wire or a partner: its date as written, and its paragraphs of plain text. */
export interface WireStory {
  date: string;
  paragraphs: string[];
}

// "date 2020-12-11" (or "date: 2020-12-11"), optionally followed on the same line by the start of the first paragraph.
const DATE_LINE = /^date:?\s+(\S+)(?:\s+(.*))?$/i;
const EXPECTED = 'a first line "date YYYY-MM-DD", e.g. date 2020-12-11, then the story';

/**
 * Reads raw wire copy: a first line `date YYYY-MM-DD` (blank lines before it are skipped; text after the
 * date on that line starts the first paragraph), then plain paragraphs separated by blank lines, whose
 * hard-wrapped lines are joined. The date must be a real calendar date; problems name the file and line.
 */
export function parseWireCopy(bytes: Uint8Array, file: string, dates: DateContext): WireStory | ContentProblem {
  const text = decodeText(bytes);
  if (text === null) return notUtf8(file);
  const lines = text.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first === -1) return { code: "file-empty", file, field: "file", message: "is empty", expected: EXPECTED };
  const line = first + 1;
  const match = DATE_LINE.exec(lines[first]!.trim());
  if (!match) {
    return { code: "field-missing", file, line, field: "date", message: `missing: the first line does not start with "date "`, expected: EXPECTED };
  }
  const date = match[1]!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !parseSiteDate(date, dates)) {
    return { code: "date-invalid", file, line, field: "date", message: `${JSON.stringify(date)} is not a calendar date`, expected: "YYYY-MM-DD" };
  }
  const rest = [match[2] ?? "", ...lines.slice(first + 1)].join("\n");
  const paragraphs = rest
    .split(/\n[ \t]*\n/)
    .map((p) => p.split("\n").map((l) => l.trim()).filter(Boolean).join(" "))
    .filter(Boolean);
  if (!paragraphs.length) {
    return { code: "file-empty", file, line, field: "text", message: "there is no text after the date line", expected: "the story's paragraphs after the date line" };
  }
  return { date, paragraphs };
}

/** Plain paragraphs as Markdown that shows them as written: characters Markdown would act on are escaped. */
export function plainToMarkdown(paragraphs: readonly string[]): string {
  return paragraphs.map(escapeMarkdown).join("\n\n");
}

function escapeMarkdown(paragraph: string): string {
  return paragraph
    .replace(/[\\`*_[\]<]/g, "\\$&")
    // A paragraph that starts like a heading, a quote, a list item or a rule would become one.
    .replace(/^(#|>|[-+](?=\s|$)|=)/, "\\$1")
    .replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2");
}
