import type { FieldPath, ParsedYaml } from "./parse.ts";
import type { ProblemCode } from "./catalogue.ts";
import { quote, type ContentProblem } from "./problems.ts";

/** "sources[1].url" for ["sources", 1, "url"]. */
export function fieldName(path: FieldPath): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part + 1}]` : i === 0 ? part : `.${part}`)).join("");
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads typed fields out of one parsed YAML mapping and collects a problem, with file and line,
 * for every field that is missing or of the wrong shape. `base` is the mapping's own path in the file.
 */
export class FieldReader {
  readonly problems: ContentProblem[] = [];

  /**
   * `base` is where the mapping sits in the file; `label` is how field names start in messages
   * (["case"] gives "case.summary"; a registry entry uses [] so its fields read "name", "aliases[2]").
   */
  constructor(
    readonly file: string,
    private readonly yaml: ParsedYaml,
    private readonly base: FieldPath,
    private readonly record: Record<string, unknown>,
    private readonly label: FieldPath = base,
  ) {}

  /** Reports a problem at `path` (relative to this mapping), on the line of the nearest part of it that exists. */
  report(code: ProblemCode, path: FieldPath, message: string, expected?: string, hint?: string): void {
    const full = [...this.base, ...path];
    const problem: ContentProblem = { code, file: this.file, field: fieldName([...this.label, ...path]), message };
    // A missing top-level field has no line of its own; a missing nested one points at its parent.
    let line: number | undefined;
    for (let n = full.length; line === undefined && n > 0; n--) line = this.yaml.lineOf(full.slice(0, n));
    if (line !== undefined) problem.line = line;
    if (expected !== undefined) problem.expected = expected;
    if (hint !== undefined) problem.hint = hint;
    this.problems.push(problem);
  }

  get(key: string): unknown {
    return this.record[key];
  }

  /** Non-empty text; numbers and booleans are refused so a title never silently becomes "true". */
  text(key: string, required: boolean, what = "text"): string | undefined {
    return this.textAt([key], this.record[key], required, what);
  }

  textAt(path: FieldPath, value: unknown, required: boolean, what = "text"): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.report("field-missing", path, "missing", what);
      return undefined;
    }
    if (typeof value !== "string") {
      this.report("field-type", path, `${quote(value)} is not text`, `${what}; put it in quotes`);
      return undefined;
    }
    if (value.trim() === "") {
      this.report("field-empty", path, "is empty", what);
      return undefined;
    }
    return value.trim();
  }

  bool(key: string): boolean {
    const value = this.record[key];
    if (value === undefined || value === null) return false;
    if (typeof value !== "boolean") {
      this.report("field-type", [key], `${quote(value)} is not true or false`, "true or false");
      return false;
    }
    return value;
  }

  /** A YAML list; a bare value is reported ("expected a list") rather than wrapped. */
  list(key: string, what: string): unknown[] {
    const value = this.record[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.report("field-type", [key], `${quote(value)} is not a list`, `a list of ${what}, e.g. [a, b] or one "- item" per line`);
      return [];
    }
    return value;
  }

  /** Reports every key not in `known`, suggesting the closest known one. */
  refuseUnknown(known: readonly string[], suggest: (key: string) => string | undefined): void {
    for (const key of Object.keys(this.record)) {
      if (known.includes(key)) continue;
      const near = suggest(key);
      this.report(
        "field-unknown",
        [key],
        "is not a known field",
        `one of: ${known.join(", ")}`,
        near ? `did you mean "${near}"?` : undefined,
      );
    }
  }
}
