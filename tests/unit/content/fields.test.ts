import { describe, expect, it } from "vitest";
import { FieldReader, fieldName } from "../../../src/content/fields.ts";
import { parseYaml, type ParsedYaml } from "../../../src/content/parse.ts";

/** A reader over the YAML mapping in `text`, as a registry entry or front-matter is read. */
function reader(text: string): FieldReader {
  const yaml = parseYaml(text, "content/x.yaml") as ParsedYaml;
  return new FieldReader("content/x.yaml", yaml, [], yaml.value as Record<string, unknown>);
}

describe("field names in messages", () => {
  it("are written as an editor writes them, counting list items from 1", () => {
    expect(fieldName(["sources", 0, "url"])).toBe("sources[1].url");
    expect(fieldName(["people", 2])).toBe("people[3]");
    expect(fieldName(["title"])).toBe("title");
  });
});

describe("reading fields of one mapping", () => {
  it("gives trimmed text, and names a missing, empty or non-text field with its line", () => {
    const f = reader('title: "  Hearing opens  "\nsummary: ""\nslug: 12\n');
    expect(f.text("title", true)).toBe("Hearing opens");
    expect(f.text("summary", false)).toBeUndefined();
    expect(f.text("slug", false)).toBeUndefined();
    expect(f.text("topic", true, "a topic id")).toBeUndefined();
    expect(f.problems.map((p) => [p.code, p.field, p.line, p.message])).toEqual([
      ["field-empty", "summary", 2, "is empty"],
      ["field-type", "slug", 3, "12 is not text"],
      ["field-missing", "topic", undefined, "missing"],
    ]);
  });

  it("reads true and false only, never a word that looks like one", () => {
    const f = reader("milestone: true\ndraft: yes\n");
    expect(f.bool("milestone")).toBe(true);
    expect(f.bool("draft")).toBe(false);
    expect(f.bool("absent")).toBe(false);
    expect(f.problems.map((p) => [p.field, p.expected])).toEqual([["draft", "true or false"]]);
  });

  it("takes a list as it is, and reports a bare value instead of wrapping it", () => {
    const f = reader("people: [a, b]\naliases: Ny\n");
    expect(f.list("people", "people")).toEqual(["a", "b"]);
    expect(f.list("aliases", "other names")).toEqual([]);
    expect(f.list("absent", "things")).toEqual([]);
    expect(f.problems.map((p) => [p.code, p.field, p.line])).toEqual([["field-type", "aliases", 2]]);
  });

  it("names every unknown field with the nearest known one", () => {
    const f = reader("titel: x\ntitle: y\n");
    f.refuseUnknown(["title", "date"], (key) => (key === "titel" ? "title" : undefined));
    expect(f.problems.map((p) => [p.code, p.field, p.line, p.hint])).toEqual([["field-unknown", "titel", 1, 'did you mean "title"?']]);
  });
});
