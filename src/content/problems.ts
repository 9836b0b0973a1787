import { compareText, plural } from "../text.ts";
import type { ProblemCode } from "./catalogue.ts";

/**
 * One thing an editor must fix, whoever found it (validation, an editor command, the check of the rendered site):
 * where it is, what is wrong, and what was expected.
 */
export interface ContentProblem {
  /** Its entry in the catalogue (catalogue.ts), which says what happened and what to do. */
  code: ProblemCode;
  /**
   * Path of the file, relative to the directory the command runs in, with forward slashes; for a problem of the
   * rendered site, the file's path in the site (`2024/06/26/slug/index.html`).
   */
  file: string;
  /** 1-based line in the file where the problem can be seen, when there is one. */
  line?: number;
  /** 1-based column on that line, when the finder gives one (html-validate does). */
  column?: number;
  /** The field as an editor writes it: `date`, `people[2]`, `sources[1].url`. */
  field: string;
  /** What is wrong, quoting the value as written. */
  message: string;
  /** What would be right. */
  expected?: string;
  /** A likely fix, e.g. `did you mean "Julian Assange"?` */
  hint?: string;
}

/** What problems and hints share, and all the formatter prints: where it is, what it is, what would be right. */
export type Located = Omit<ContentProblem, "code">;

/**
 * Formats one problem (or hint) as `file:line  field: message (expected …) (hint)` (`file:line:column` when there
 * is a column), on one line whatever the file name or the value quoted: control characters are shown escaped
 * (see `printable`).
 */
export function formatProblem(p: Located): string {
  const where = p.line === undefined ? p.file : p.column === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
  const expected = p.expected ? ` (expected ${p.expected})` : "";
  const hint = p.hint ? ` (${p.hint})` : "";
  return printable(`${where}  ${p.field}: ${p.message}${expected}${hint}`);
}

// DEL and the C1 controls, the line and paragraph separators, and the marks that reorder text on screen; then with C0.
const BEYOND_C0 = "\\u007f-\\u009f\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069";
const CONTROL_BEYOND_C0 = new RegExp(`[${BEYOND_C0}]`, "g");
const CONTROL = new RegExp(`[\\u0000-\\u001f${BEYOND_C0}]`, "g");
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Text safe to print on a terminal: every control character is shown as an escape (`\n`, `\x1b`, `\u202e`), so a
 * file name or a value cannot start a new report line, move the cursor, retitle the terminal or reverse the text.
 * Every path and value the commands print goes through here.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/**
 * JSON for a terminal or a tool: `JSON.stringify`, with the control characters it leaves as they are (DEL, C1,
 * line separators, bidirectional marks) written as `\u` escapes too. Parsed, it gives the same value.
 */
export function printableJson(value: unknown, indent?: number): string {
  // JSON.stringify escapes C0 in strings itself; outside them, C0 is only the indentation's newlines.
  return JSON.stringify(value, null, indent).replace(CONTROL_BEYOND_C0, (c) => `\\u${hex(c, 4)}`);
}

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, "0");
}

/**
 * Formats a whole report: a count line ("3 problems in 2 files"; `noun` names what is counted),
 * then one indented line per item, in file and line order.
 */
export function formatReport(problems: readonly Located[], noun = "problem"): string {
  const sorted = sortProblems(problems);
  const files = new Set(sorted.map((p) => p.file)).size;
  const head = `${plural(sorted.length, noun)} in ${plural(files, "file")}`;
  return [head, ...sorted.map((p) => `  ${formatProblem(p)}`)].join("\n");
}

/** Problems ordered by file, then line (problems without a line first), then column, keeping discovery order otherwise. */
export function sortProblems<T extends Located>(problems: readonly T[]): T[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        compareText(a.p.file, b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i,
    )
    .map(({ p }) => p);
}

/** Thrown by callers that cannot go on with invalid content (the dev server); carries the full report. */
export class ContentError extends Error {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(formatReport(problems));
    this.name = "ContentError";
  }
}

/** The problem for a file that is not UTF-8 text. */
export function notUtf8(file: string): ContentProblem {
  return { code: "file-not-utf8", file, field: "file", message: "is not valid UTF-8 text", expected: "the file saved as UTF-8" };
}

/** Quotes a value as the editor wrote it, for messages. */
export function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}


