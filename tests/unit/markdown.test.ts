import { describe, expect, it } from "vitest";
import { cutAtWord, renderBody } from "../../src/markdown.ts";
import { LIMITS } from "../../src/limits.ts";
import { inspectPages } from "../../src/site/checks.ts";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** How deep elements nest in a fragment of HTML (void elements aside, which bodies do not have but <br>). */
function depthOf(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const [, close, name] of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
    if (name === "br" || name === "hr" || name === "img") continue;
    depth += close ? -1 : 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

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

describe("deeply nested Markdown", () => {
  it("nests emphasis at most to the limit and shows deeper markers as typed, so 50,000 levels stay checkable", () => {
    const levels = 50_000;
    const { html } = renderBody(`${"*a ".repeat(levels)}x${" b*".repeat(levels)}`);
    expect(depthOf(html)).toBeLessThanOrEqual(LIMITS.markdownNesting + 1);
    // Nothing is lost: every word is there, and the markers that were not used are shown.
    expect(html.match(/a /g)?.length).toBe(levels);
    expect(html).toContain("*a *a x b* b*");
    // The validator checks the page without overflowing its stack or hanging.
    const dir = mkdtempSync(join(tmpdir(), "casefile-nesting-"));
    writeFileSync(join(dir, "index.html"), `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><main>${html}</main></body></html>\n`);
    expect(inspectPages(dir, ["index.html"])[0]!.invalid).toEqual([]);
  });

  it("bounds quotes in quotes and emphasis in quotes together", () => {
    const { html } = renderBody(`${"> ".repeat(5_000)}${"*a ".repeat(5_000)}x${" b*".repeat(5_000)}`);
    expect(depthOf(html)).toBeLessThanOrEqual(LIMITS.markdownNesting + 1);
  });

  it("keeps ordinary nesting as it is", () => {
    expect(renderBody("> quote with *emphasis and **strong** text*").html).toBe(
      "<blockquote>\n<p>quote with <em>emphasis and <strong>strong</strong> text</em></p>\n</blockquote>\n",
    );
  });
});
