import matter from "gray-matter";
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node } from "yaml";
import { LIMITS } from "../limits.ts";
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
  /** 1-based line of the file the body starts on. */
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
 * duplicate keys refused, aliases bounded (`LIMITS.yamlAliases`). `firstLine` is the file line the text starts on;
 * `field` names the YAML in messages ("front-matter" in an article, "file" for a registry).
 */
export function parseYaml(text: string, file: string, firstLine = 1, field = "front-matter"): ParsedYaml | ContentProblem {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: "core", uniqueKeys: true, lineCounter, prettyErrors: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line) + firstLine - 1;
  const problem = (line: number, message: string, expected = SYNTAX_EXPECTED, hint?: string): ContentProblem => ({
    code: "yaml-syntax",
    file,
    line,
    field,
    message,
    expected,
    ...(hint === undefined ? {} : { hint }),
  });
  const error = doc.errors[0];
  if (error) {
    const line = (error.linePos?.[0]?.line ?? 1) + firstLine - 1;
    const reason = error.message.split(/ at line \d+, column \d+/)[0] ?? error.message;
    if (error.code === "DUPLICATE_KEY") {
      const key = keyAt(doc, error.pos[0]);
      return problem(line, `YAML syntax error: ${key === undefined ? "a key" : `the key ${JSON.stringify(key)}`} is given twice (${reason})`, "each key once: keep one of them");
    }
    if (error.code === "BLOCK_AS_IMPLICIT_KEY") {
      return problem(line, `YAML syntax error: ${reason}`, SYNTAX_EXPECTED, quoteHint(text.split("\n")[line - firstLine]));
    }
    if (/call stack/i.test(reason)) return problem(line, "YAML syntax error: lists or mappings are nested too deeply to read", SYNTAX_EXPECTED);
    return problem(line, `YAML syntax error: ${reason}`);
  }
  const aliasProblem = (alias: Alias | undefined, message: string, expected = "the values written out, without & anchors and * aliases"): ContentProblem => ({
    code: "yaml-aliases",
    file,
    line: lineAt(alias?.range?.[0]),
    field,
    message,
    expected,
  });
  // Every alias must name an anchor above it, outside itself: inside, the value would contain itself forever.
  const aliases = text.includes("*") ? aliasesOf(doc) : [];
  const dangling = aliases.find((a) => a.target === undefined);
  if (dangling) {
    const name = dangling.alias.source;
    return aliasProblem(dangling.alias, `the YAML alias *${name} names no anchor &${name} above it`, "an &anchor before each *alias, or the value written out");
  }
  const loop = aliases.find((a) => a.inside);
  if (loop) return aliasProblem(loop.alias, `the YAML alias *${loop.alias.source} is inside its own anchor &${loop.alias.source}, so it never ends`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (thrown) {
    // The yaml package throws a ReferenceError when aliases would repeat too many values (a "billion laughs").
    const alias = worstAlias(aliases);
    if (/resource exhaustion/.test((thrown as Error).message)) {
      return aliasProblem(alias, `YAML aliases${alias ? ` such as *${alias.source}` : ""} repeat values more than ${LIMITS.yamlAliases} times`);
    }
    return problem(lineAt(alias?.range?.[0]), `YAML syntax error: ${(thrown as Error).message}`);
  }
  return {
    value: value ?? {},
    lineOf: (path) => {
      const offset = offsetOf(doc, path);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line + firstLine - 1;
    },
  };
}

const SYNTAX_EXPECTED = "valid YAML: one `field: value` per line, lists indented under their field";

/** "title: Assange: the trial" → `put the value in quotes: title: "Assange: the trial"`. */
function quoteHint(line: string | undefined): string {
  const match = /^(\s*(?:- )?[^\s:#"'][^:#]*):\s+(.*?)\s*$/.exec(line ?? "");
  const value = match?.[2];
  if (!match || !value || /^["']/.test(value)) return "a value with a colon in it must be in quotes";
  return `put the value in quotes: ${match[1]!.trim()}: ${JSON.stringify(value)}`;
}

/** The text of the key whose node starts at `offset`. */
function keyAt(doc: Document, offset: number): string | undefined {
  let key: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        key = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return key;
}

/** An alias, the node it names (none when no anchor above it has its name), and whether it stands inside that node. */
interface AliasUse {
  alias: Alias;
  target: Node | undefined;
  inside: boolean;
}

/**
 * Every alias in file order with what it names, in one pass: an alias names the last node above it with that
 * anchor, as the yaml package resolves it (a collection comes before what it holds, so it is "above" its items).
 */
function aliasesOf(doc: Document): AliasUse[] {
  const anchors = new Map<string, Node>();
  const uses: AliasUse[] = [];
  visit(doc, (_, node, path) => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      uses.push({ alias: node, target, inside: target !== undefined && path.includes(target as never) });
    } else if (isNode(node) && node.anchor) {
      anchors.set(node.anchor, node);
    }
  });
  return uses;
}

/** The alias that stands for the most values once every alias in it is expanded (the first of them, in file order). */
function worstAlias(uses: readonly AliasUse[]): Alias | undefined {
  const targets = new Map(uses.map((u) => [u.alias, u.target]));
  const sizes = new Map<unknown, number>();
  const size = (node: unknown): number => {
    if (isAlias(node)) return size(targets.get(node));
    if (isPair(node)) return size(node.key) + size(node.value);
    if (!isMap(node) && !isSeq(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    const total = (node.items as unknown[]).reduce<number>((sum, item) => sum + size(item), 1);
    sizes.set(node, total);
    return total;
  };
  let worst: Alias | undefined;
  let most = -1;
  for (const { alias } of uses) {
    const n = size(alias);
    if (n > most) [worst, most] = [alias, n];
  }
  return worst;
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
  // gray-matter's content is the text after the closing fence.
  const bodyLine = text.slice(0, text.length - split.content.length).split("\n").length;
  return { ...yaml, body: split.content, bodyLine };
}
