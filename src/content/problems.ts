/** Stable codes for every kind of content problem; tests and tools match on these. */
export type ProblemCode =
  | "file-not-utf8"
  | "file-empty"
  | "frontmatter-missing"
  | "frontmatter-unclosed"
  | "frontmatter-language"
  | "frontmatter-not-mapping"
  | "yaml-syntax"
  | "field-unknown"
  | "field-missing"
  | "field-type"
  | "field-empty"
  | "date-invalid"
  | "date-order"
  | "topic-unknown"
  | "person-unknown"
  | "person-duplicate"
  | "url-invalid"
  | "slug-invalid"
  | "slug-empty"
  | "url-collision"
  | "registry-invalid"
  | "content-missing";

/** One thing an editor must fix: where it is, what is wrong, and what was expected. */
export interface ContentProblem {
  code: ProblemCode;
  /** Path of the file, relative to the directory the command runs in, with forward slashes. */
  file: string;
  /** 1-based line in the file where the problem can be seen, when there is one. */
  line?: number;
  /** The field as an editor writes it: `date`, `people[2]`, `sources[1].url`. */
  field: string;
  /** What is wrong, quoting the value as written. */
  message: string;
  /** What would be right. */
  expected?: string;
  /** A likely fix, e.g. `did you mean "Julian Assange"?` */
  hint?: string;
}

/** Formats one problem as `file:line  field: message (expected …) (hint)`. */
export function formatProblem(p: ContentProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const expected = p.expected ? ` (expected ${p.expected})` : "";
  const hint = p.hint ? ` (${p.hint})` : "";
  return `${where}  ${p.field}: ${p.message}${expected}${hint}`;
}

/** Formats a whole report: a count line, then one indented line per problem, in file and line order. */
export function formatReport(problems: readonly ContentProblem[]): string {
  const sorted = sortProblems(problems);
  const files = new Set(sorted.map((p) => p.file)).size;
  const head = `${plural(sorted.length, "problem")} in ${plural(files, "file")}`;
  return [head, ...sorted.map((p) => `  ${formatProblem(p)}`)].join("\n");
}

/** Problems ordered by file, then line (problems without a line first), keeping discovery order otherwise. */
export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        compareText(a.p.file, b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i,
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

/** Quotes a value as the editor wrote it, for messages. */
export function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Locale-independent string order (code units), so output never depends on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
