import { describe, expect, it } from "vitest";
import { decodeText, parseArticle, parseYaml } from "../../../src/content/parse.ts";
import { formatProblem } from "../../../src/content/problems.ts";

describe("splitting an article", () => {
  it("returns the front-matter as data with the line of every field, and the body", () => {
    const parsed = parseArticle("---\ntitle: A\ndate: 2020-01-01\npeople:\n  - a\n  - b\n---\n\nBody\n", "a.md");
    if ("code" in parsed) throw new Error(parsed.message);
    expect(parsed.value).toEqual({ title: "A", date: "2020-01-01", people: ["a", "b"] });
    expect(parsed.body).toBe("\nBody\n");
    expect(parsed.lineOf(["date"])).toBe(3);
    expect(parsed.lineOf(["people", 1])).toBe(6);
    expect(parsed.lineOf(["missing"])).toBeUndefined();
  });

  it("keeps dates, yes/no and numbers-as-text exactly as written (YAML core schema)", () => {
    const parsed = parseArticle("---\ndate: 2020-13-45\nmilestone: yes\nslug: 007\n---\n", "a.md");
    if ("code" in parsed) throw new Error(parsed.message);
    expect(parsed.value).toEqual({ date: "2020-13-45", milestone: "yes", slug: 7 });
  });

  it("refuses duplicate keys, naming the key", () => {
    const parsed = parseArticle("---\ntitle: A\ntitle: B\n---\n", "a.md");
    expect(parsed).toMatchObject({ code: "yaml-syntax", line: 3 });
    expect(formatProblem(parsed as Exclude<typeof parsed, { body: string }>)).toBe(
      'a.md:3  front-matter: YAML syntax error: the key "title" is given twice (Map keys must be unique) (expected each key once: keep one of them)',
    );
  });

  it("says to put a value with a colon in quotes, and shows how", () => {
    const parsed = parseArticle("---\ntitle: Assange: the trial begins\ndate: 2020-01-01\n---\n", "a.md");
    expect(formatProblem(parsed as Exclude<typeof parsed, { body: string }>)).toBe(
      "a.md:2  front-matter: YAML syntax error: Nested mappings are not allowed in compact mappings " +
        "(expected valid YAML: one `field: value` per line, lists indented under their field) " +
        '(put the value in quotes: title: "Assange: the trial begins")',
    );
  });

  it("treats an empty front-matter as no fields", () => {
    const parsed = parseArticle("---\n---\nBody", "a.md");
    expect("code" in parsed ? parsed : parsed.value).toEqual({});
  });

  it("drops a BOM and turns CRLF and CR into LF, and refuses bytes that are not UTF-8", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62, 0x0d, 0x63]))).toBe("a\nb\nc");
    expect(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toBeNull();
  });
});

describe("YAML aliases", () => {
  // "Billion laughs": nine aliases of nine aliases of … would make billions of values from a few lines.
  const bomb = [
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
    "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
  ].join("\n");

  it("reports an alias bomb in front-matter as a problem of the file and line, never an exception", () => {
    const parsed = parseArticle(`---\ntitle: A\n${bomb}\n---\n`, "a.md");
    expect(parsed).toEqual({
      code: "yaml-aliases",
      file: "a.md",
      line: 8,
      field: "front-matter",
      message: "YAML aliases such as *e repeat values more than 100 times",
      expected: "the values written out, without & anchors and * aliases",
    });
  });

  it("reports an alias bomb in a registry file the same way", () => {
    expect(parseYaml(`- id: a\n  name: A\n  aliases: ${bomb.split("\n")[0]!.slice(3)}\n${bomb.split("\n").slice(1).map((l) => `  ${l}`).join("\n")}\n`, "people.yaml")).toMatchObject({
      code: "yaml-aliases",
      file: "people.yaml",
      line: 8,
    });
  });

  it("reports an alias that names no anchor, or stands inside its own anchor, with its line", () => {
    expect(parseYaml("title: A\ntopic: *nope\n", "a.md")).toMatchObject({ code: "yaml-aliases", line: 2, message: "the YAML alias *nope names no anchor &nope above it" });
    expect(parseYaml("title: A\npeople: &p [*p]\n", "a.md")).toMatchObject({
      code: "yaml-aliases",
      line: 2,
      message: "the YAML alias *p is inside its own anchor &p, so it never ends",
    });
  });

  it("reports a file of 20,000 aliases to one value as it reports any other alias bomb", () => {
    const text = `a: &a x\nb: [${Array.from({ length: 20_000 }, () => "*a").join(", ")}]\n`;
    expect(parseYaml(text, "people.yaml")).toMatchObject({ code: "yaml-aliases", line: 2, message: "YAML aliases such as *a repeat values more than 100 times" });
  });

  it("still reads a few aliases as their values", () => {
    const parsed = parseYaml("a: &x [1, 2]\nb: *x\n", "a.md");
    expect("code" in parsed ? parsed : parsed.value).toEqual({ a: [1, 2], b: [1, 2] });
  });
});
