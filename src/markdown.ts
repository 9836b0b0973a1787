import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { LIMITS } from "./limits.ts";
import { PackedText } from "./packed.ts";
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

/** A photo in an article's body as the editor wrote it: `![alt](src "caption | credit")`. */
export interface BodyImage {
  /** As written, percent-escapes decoded. */
  src: string;
  /** The alt text, as plain text. */
  alt: string;
  /** The title, which holds the caption and, after " | ", the credit. */
  title: string;
  /** 0-based line of the body it is on. */
  line: number;
  /** False when it shares its paragraph with text, or sits in a link or a table: a figure cannot go there. */
  alone: boolean;
}

/** Where the figure of the body's `n`th image goes, until the photo has been read (see `fillFigures`). */
const figureMark = (n: number) => `<!--casefile-figure-${n}-->`;

// An image alone in its paragraph becomes a figure: the paragraph's own tags are dropped, since a <figure> may
// not sit in a <p>. The image renders as a mark that `fillFigures` replaces; raw HTML is off, so no text can forge one.
md.core.ruler.push("casefile_figures", (state) => {
  const images: BodyImage[] = ((state.env as { images?: BodyImage[] }).images ??= []);
  state.tokens.forEach((token, i) => {
    if (token.type !== "inline" || !token.children) return;
    const meaningful = token.children.filter((c) => !(c.type === "text" && c.content.trim() === "") && c.type !== "softbreak");
    const paragraph = state.tokens[i - 1]?.type === "paragraph_open" && state.tokens[i + 1]?.type === "paragraph_close";
    for (const child of token.children) {
      if (child.type !== "image") continue;
      const alone = paragraph && meaningful.length === 1;
      if (alone) {
        state.tokens[i - 1]!.hidden = true;
        state.tokens[i + 1]!.hidden = true;
      }
      child.meta = { figure: images.length };
      let src = child.attrGet("src") ?? "";
      try {
        src = decodeURI(src);
      } catch {
        // Kept as written: the file check names it.
      }
      images.push({ src, alt: plainText(child.children ?? []), title: child.attrGet("title") ?? "", line: token.map?.[0] ?? 0, alone });
    }
  });
});
md.renderer.rules.image = (tokens, idx) => figureMark((tokens[idx]!.meta as { figure: number }).figure);

/**
 * Renders an article body to HTML and derives a plain-text summary from its first paragraph. Each image is a mark
 * in the HTML until `fillFigures` puts its figure there.
 */
export function renderBody(markdown: string): { html: string; summary: string; images: BodyImage[] } {
  const env: { images?: BodyImage[] } = {};
  const tokens = md.parse(markdown, env);
  const html = md.renderer.render(tokens, md.options, env);
  // A paragraph that is only a photo (its tags hidden) is no standfirst.
  const first = tokens.findIndex((t) => t.type === "paragraph_open" && !t.hidden);
  const summary = first === -1 ? "" : cutAtWord(plainText(tokens[first + 1]?.children ?? []), SUMMARY_MAX);
  return { html, summary, images: env.images ?? [] };
}

/** The images in a body, without rendering it (`npm run check`); a body with no `![` has none and is not parsed. */
export function bodyImages(markdown: string): BodyImage[] {
  if (!markdown.includes("![")) return [];
  const env: { images?: BodyImage[] } = {};
  md.parse(markdown, env);
  return env.images ?? [];
}

/** Puts each image's figure (`figures[n]`, HTML) where `renderBody` marked the body's `n`th image, in the body as the archive keeps it (deflated). */
export function fillFigures(html: PackedText, figures: readonly string[]): PackedText {
  if (!figures.length) return html;
  return PackedText.pack(html.toString().replace(/<!--casefile-figure-(\d+)-->/g, (_, n: string) => figures[Number(n)] ?? ""));
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
