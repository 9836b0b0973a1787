import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { LIMITS } from "./limits.ts";
import { slugify } from "./slug.ts";

/** Longest derived summary, in characters, before it is cut at a word. */
export const SUMMARY_MAX = 300;

// The one markdown-it instance: raw HTML in articles is shown as text, never passed through. Quotes and lists
// nested deeper than the limit are cut there (markdown-it's maxNesting); emphasis is bounded below.
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
// markdown-it reads maxNesting from its options, but its types leave it out.
Object.assign(md.options, { maxNesting: LIMITS.markdownNesting });

// Only web, mail and same-site links survive; javascript:, vbscript:, data: and the like are dropped.
const SAFE_SCHEME = /^(?:https?:|mailto:)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Checked as a browser might read it too: percent-decoded, with whitespace and control characters removed.
md.validateLink = (url: string) => {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return false;
  }
  const compact = decoded.replace(/[\u0000-\u0020\u007f]/g, "");
  return SAFE_SCHEME.test(compact) || !ANY_SCHEME.test(compact);
};

md.core.ruler.push("casefile_headings", (state) => {
  const used = new Set<string>();
  state.tokens.forEach((token, i) => {
    if (token.type !== "heading_open" && token.type !== "heading_close") return;
    // The page's title is its only h1, so a body "# Heading" becomes an h2.
    if (token.tag === "h1") token.tag = "h2";
    if (token.type === "heading_close") return;
    const base = `section-${slugify(plainText(state.tokens[i + 1]?.children ?? [])) || "part"}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    token.attrSet("id", id);
  });
});

// Emphasis is paired up after parsing, so maxNesting does not bound it: 5,000 levels of nested emphasis made
// html-validate overflow its stack and 50,000 hung it. Markers nested deeper than the limit are shown as typed.
md.core.ruler.push("casefile_nesting", (state) => {
  for (const token of state.tokens) {
    if (token.type !== "inline" || !token.children) continue;
    let depth = token.level;
    const shownAsText: boolean[] = [];
    for (const child of token.children) {
      if (child.nesting === 1) {
        const tooDeep = depth >= LIMITS.markdownNesting;
        shownAsText.push(tooDeep);
        if (tooDeep) asText(child);
        else depth++;
      } else if (child.nesting === -1) {
        if (shownAsText.pop()) asText(child);
        else depth--;
      }
    }
  }
});

/** Turns an opening or closing tag token into the text of its marker (`*`, `**`, `_`); a link keeps only its text. */
function asText(token: Token): void {
  token.content = token.type === "link_open" || token.type === "link_close" ? "" : token.markup;
  token.type = "text";
  token.tag = "";
  token.nesting = 0;
  token.attrs = null;
}

md.core.ruler.push("casefile_external_links", (state) => {
  for (const token of state.tokens) {
    for (const child of token.children ?? []) {
      if (child.type === "link_open" && /^https?:/i.test(child.attrGet("href") ?? "")) {
        child.attrSet("rel", "noopener noreferrer");
      }
    }
  }
});

/** Renders an article body to HTML and derives a plain-text summary from its first paragraph. */
export function renderBody(markdown: string): { html: string; summary: string } {
  const tokens = md.parse(markdown, {});
  const html = md.renderer.render(tokens, md.options, {});
  const first = tokens.findIndex((t) => t.type === "paragraph_open");
  const summary = first === -1 ? "" : cutAtWord(plainText(tokens[first + 1]?.children ?? []), SUMMARY_MAX);
  return { html: flat(html), summary };
}

/**
 * The renderer builds its output by concatenation, which V8 keeps as a rope of every piece (about three bytes
 * a character here). The archive keeps every body for the whole build, so the rope is flattened into one
 * string now: reading a character makes V8 do that in place. At 10,000 articles the archive's heap goes
 * from 199 MB to 89 MB. The text is unchanged either way.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

function plainText(children: Token[]): string {
  return children
    .map((c) => (c.type === "text" || c.type === "code_inline" ? c.content : c.type === "softbreak" || c.type === "hardbreak" ? " " : ""))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/** Cuts text to at most `max` characters at a word boundary, adding an ellipsis when cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}
