import { describe, expect, it } from "vitest";
import { cutAtWord, renderBody } from "../../src/markdown.ts";

describe("article bodies", () => {
  it("shows raw HTML as text", () => {
    expect(renderBody("<script>alert(1)</script> <img src=x onerror=y>").html).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=y&gt;</p>\n",
    );
  });

  it("keeps only web, mail and same-site links, however the scheme is written", () => {
    const links = [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java&#x09;script:alert(1)",
      "&#106;avascript:alert(1)",
      "%6Aavascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html,<b>",
      "file:///etc/passwd",
    ];
    for (const href of links) expect(renderBody(`[x](${href})`).html, href).not.toContain("<a");
    expect(renderBody("[a](https://e.test/) [b](mailto:desk@e.test) [c](/timeline/) [d](#section-x)").html.match(/<a /g)?.length).toBe(4);
  });

  it("marks web links noopener noreferrer", () => {
    expect(renderBody("[a](https://e.test/)").html).toContain('<a href="https://e.test/" rel="noopener noreferrer">');
    expect(renderBody("[c](/timeline/)").html).not.toContain("rel=");
  });

  it("gives headings prefixed, unique ids and turns a body h1 into an h2", () => {
    const { html } = renderBody("# Background\n\n## Background\n\n### window\n");
    expect(html).toBe('<h2 id="section-background">Background</h2>\n<h2 id="section-background-2">Background</h2>\n<h3 id="section-window">window</h3>\n');
  });

  it("derives a plain-text summary from the first paragraph", () => {
    expect(renderBody("## Heading\n\nFirst *para*\nwith `code` and [a link](https://e.test/).\n\nSecond.").summary).toBe(
      "First para with code and a link.",
    );
    expect(renderBody("## Only a heading").summary).toBe("");
  });

  it("cuts a long summary at a word, within the limit", () => {
    const cut = cutAtWord("word ".repeat(100).trim(), 300);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(cut.endsWith("word…")).toBe(true);
    expect(cutAtWord("short", 300)).toBe("short");
  });
});
