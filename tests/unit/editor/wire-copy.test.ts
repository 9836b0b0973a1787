import { describe, expect, it } from "vitest";
import { formatProblem } from "../../../src/content/problems.ts";
import { parseWireCopy, plainToMarkdown } from "../../../src/editor/wire-copy.ts";
import { renderBody } from "../../../src/markdown.ts";

const london = { zone: "Europe/London", locale: "en-GB" };
const parse = (text: string | Uint8Array) => parseWireCopy(typeof text === "string" ? new TextEncoder().encode(text) : text, "wire/story.txt", london);
const problem = (text: string | Uint8Array) => {
  const result = parse(text);
  return "code" in result ? formatProblem(result) : "no problem";
};

describe("wire copy", () => {
  it("takes the date from the first line, and text after the date as the start of the first paragraph", () => {
    expect(parse("date 2021-01-03 FIRST words of the story.\n\nA second paragraph.\n")).toEqual({
      date: "2021-01-03",
      paragraphs: ["FIRST words of the story.", "A second paragraph."],
    });
  });

  it("accepts a colon after the word date", () => {
    expect(parse("Date: 2021-01-03\nText.\n")).toEqual({ date: "2021-01-03", paragraphs: ["Text."] });
  });

  it("joins hard-wrapped lines, skips blank lines before the date, and reads BOM and CRLF files", () => {
    const bytes = new TextEncoder().encode("\uFEFF\r\n date 2019-11-19\r\n\r\nOne line\r\n  wrapped here.\r\n\r\n\r\nTwo.\r\n");
    expect(parse(bytes)).toEqual({ date: "2019-11-19", paragraphs: ["One line wrapped here.", "Two."] });
  });

  it("names the file and line when the date line is missing or the date is not a calendar date", () => {
    expect(problem("Lawyers asked for more time.\n")).toBe(
      'wire/story.txt:1  date: missing: the first line does not start with "date " (expected a first line "date YYYY-MM-DD", e.g. date 2020-12-11, then the story)',
    );
    expect(problem("\n\ndate 2021-02-30\nText.\n")).toBe('wire/story.txt:3  date: "2021-02-30" is not a calendar date (expected YYYY-MM-DD)');
    expect(problem("date yesterday\nText.\n")).toBe('wire/story.txt:1  date: "yesterday" is not a calendar date (expected YYYY-MM-DD)');
    expect(problem("date 2021-01-03\n\n")).toBe("wire/story.txt:1  text: there is no text after the date line (expected the story's paragraphs after the date line)");
    expect(problem(" \n")).toBe('wire/story.txt  file: is empty (expected a first line "date YYYY-MM-DD", e.g. date 2020-12-11, then the story)');
    expect(problem(new Uint8Array([0x64, 0xe9, 0x0a]))).toBe("wire/story.txt  file: is not valid UTF-8 text (expected the file saved as UTF-8)");
  });

  it("writes paragraphs as Markdown that shows exactly the words of the copy", () => {
    const paragraphs = ["# not a heading", "1. not a list", "- nor this", "> nor a quote", "*stars*, _underscores_, `ticks`, [brackets] and a back\\slash <b>"];
    const markdown = plainToMarkdown(paragraphs);
    expect(renderBody(markdown).html).toBe(
      paragraphs.map((p) => `<p>${p.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</p>\n`).join(""),
    );
  });
});
