import { describe, expect, it } from "vitest";
import { decodeText, parseArticle } from "../../../src/content/parse.ts";

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

  it("refuses duplicate keys", () => {
    const parsed = parseArticle("---\ntitle: A\ntitle: B\n---\n", "a.md");
    expect(parsed).toMatchObject({ code: "yaml-syntax", line: 3 });
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
