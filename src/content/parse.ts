import matter from "gray-matter";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { ContentProblem } from "./problems.ts";

/** A path into parsed YAML, as the editor names it: ["sources", 1, "url"]. */
export type FieldPath = readonly (string | number)[];

/** Parsed YAML plus a way back from any value to the line it was written on. */
export interface ParsedYaml {
  value: unknown;
  /** 1-based line in the file of the value at `path` (or of its key), or undefined when it is not there. */
  lineOf(path: FieldPath): number | undefined;
}

/** An article split into front-matter and Markdown body. */
export interface ParsedArticle extends ParsedYaml {
  body: string;
  /** 1-based line in the file the body starts on. */
  bodyLine: number;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const CLOSING_FENCE = /^---[ \t]*$/m;

/** Decodes file bytes as UTF-8, dropping a BOM and turning CRLF and CR into LF; null when not valid UTF-8. */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return null;
  }
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/**
 * Parses YAML with the core schema only: no timestamps (dates stay as written), no custom tags,
 * duplicate keys refused. `firstLine` is the file line the text starts on.
 */
export function parseYaml(text: string, file: string, firstLine = 1): ParsedYaml | ContentProblem {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: "core", uniqueKeys: true, lineCounter, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const line = (error.linePos?.[0]?.line ?? 1) + firstLine - 1;
    const reason = error.message.split(/ at line \d+, column \d+/)[0] ?? error.message;
    return {
      code: "yaml-syntax",
      file,
      line,
      field: "front-matter",
      message: `YAML syntax error: ${reason}`,
      expected: "valid YAML: one `field: value` per line, lists indented under their field",
    };
  }
  return {
    value: doc.toJS({ maxAliasCount: 100 }) ?? {},
    lineOf: (path) => {
      const offset = offsetOf(doc, path);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line + firstLine - 1;
    },
  };
}

/** Start offset of the node at `path`, or of the key that holds it. */
function offsetOf(doc: Document, path: FieldPath): number | undefined {
  let node: unknown = doc.contents;
  let keyOffset: number | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === part);
      if (!pair) return undefined;
      keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof part === "number") {
      node = node.items[part];
      keyOffset = undefined;
    } else {
      return undefined;
    }
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return keyOffset ?? range?.[0];
}

/**
 * The body of an article already known to be valid, and the file line it starts on, without parsing the
 * front-matter again: everything after the closing --- line.
 */
export function articleBody(text: string): { body: string; firstLine: number } {
  const open = text.indexOf("\n");
  const close = CLOSING_FENCE.exec(text.slice(open + 1));
  if (open === -1 || !close) return { body: "", firstLine: 1 };
  const end = open + 1 + close.index + close[0].length + 1;
  return { body: text.slice(end), firstLine: text.slice(0, end).split("\n").length };
}

/**
 * Splits an article into YAML front-matter and body with gray-matter. Only YAML is accepted:
 * a `---js` (or any other language) fence is refused before gray-matter sees it, so it never runs.
 */
export function parseArticle(text: string, file: string): ParsedArticle | ContentProblem {
  if (text.trim() === "") {
    return {
      code: "file-empty",
      file,
      field: "file",
      message: "is empty",
      expected: "front-matter between --- lines, then the article text",
    };
  }
  const newline = text.indexOf("\n");
  const firstLine = (newline === -1 ? text : text.slice(0, newline)).trimEnd();
  if (firstLine !== "---") {
    const language = /^---\s*(\S+)/.exec(firstLine)?.[1];
    return language
      ? {
          code: "frontmatter-language",
          file,
          line: 1,
          field: "front-matter",
          message: `"---${language}" front-matter is not allowed`,
          expected: "YAML front-matter opened by a line with only ---",
        }
      : {
          code: "frontmatter-missing",
          file,
          line: 1,
          field: "front-matter",
          message: "missing: the file does not start with a --- line",
          expected: "front-matter between --- lines at the top of the file",
        };
  }
  if (!CLOSING_FENCE.test(text.slice(firstLine.length + 1))) {
    return {
      code: "frontmatter-unclosed",
      file,
      line: 1,
      field: "front-matter",
      message: "the --- opened on line 1 is never closed",
      expected: "a line with only --- after the last field",
    };
  }
  let yaml: ParsedYaml | ContentProblem | undefined;
  const refuse = () => {
    throw new Error("only YAML front-matter is read");
  };
  // Options are always passed, so gray-matter keeps no cache between calls.
  const split = matter(text, {
    language: "yaml",
    engines: {
      yaml: { parse: (src: string) => ((yaml = parseYaml(src, file, 1)), {}), stringify: refuse },
      js: { parse: refuse, stringify: refuse },
      javascript: { parse: refuse, stringify: refuse },
    },
  });
  yaml ??= parseYaml("", file, 1);
  if ("code" in yaml) return yaml;
  // gray-matter's content is the text after the closing --- line.
  const bodyLine = text.slice(0, text.length - split.content.length).split("\n").length;
  return { ...yaml, body: split.content, bodyLine };
}
