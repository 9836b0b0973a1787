import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import sharp from "sharp";
import { xmlText } from "../site/xml.ts";
import { FACES, familyFor, metricsOf, type Family } from "./fonts.ts";
import { SHARE_SIZE } from "./images.ts";

/** The words on a social card: a line above (the case), the headline, and a line below (date and topic). */
export interface CardText {
  kicker: string;
  headline: string;
  footer: string;
}

const { width: WIDTH, height: HEIGHT } = SHARE_SIZE;
const MARGIN = 72;
/** The width text may take on a card, in pixels. */
export const TEXT_WIDTH = WIDTH - 2 * MARGIN;
/** Headline sizes tried, largest first, in pixels: the largest at which it fits in HEADLINE_LINES lines wins. */
const HEADLINE_SIZES = [76, 68, 60, 54, 48, 44, 40] as const;
const HEADLINE_LINES = 4;
const LINE_HEIGHT = 1.18;
const SMALL = 30;
const COLOURS = { background: "#1c1c1c", accent: "#c0392b", text: "#ffffff", muted: "#d9d4cc" };

/** One line of text as drawn: pieces, each set in the first shipped family that has its characters. */
interface Line {
  runs: { family: Family; text: string; width: number }[];
  width: number;
  rtl: boolean;
}

// Han, kana and Hangul: a line may break between any two of these characters, as it may at a space.
const BREAK_ANYWHERE = /[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{3134f}]/u;
const NEUTRAL = /[\s\p{P}\p{N}\p{S}]/u;
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;
const LTR = /[A-Za-z\u00c0-\u024f\u0370-\u052f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/u;

/** Text as drawn: whitespace collapsed, and any character no shipped font has left out (never a box). */
function drawable(text: string, weight: 400 | 700): string {
  return [...text.replace(/\s+/g, " ").trim()].filter((c) => c === " " || familyFor(c, weight) !== undefined).join("");
}

/** Splits text into runs of one family; spaces, digits and punctuation stay with the run they are in when its family has them. */
function runsOf(text: string, size: number, weight: 400 | 700): Line["runs"] {
  const runs: Line["runs"] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const last = runs.at(-1);
    const family = last && NEUTRAL.test(char) && metricsOf(last.family, weight).has(cp) ? last.family : (familyFor(char, weight) ?? "Noto Sans");
    const width = metricsOf(family, weight).advance(cp) * size;
    if (last && last.family === family) {
      last.text += char;
      last.width += width;
    } else {
      runs.push({ family, text: char, width });
    }
  }
  return runs;
}

/** The width of a line of text set at `size` pixels in the shipped faces, in pixels (before kerning and shaping). */
export function measure(text: string, size: number, weight: 400 | 700): number {
  return runsOf(text, size, weight).reduce((sum, r) => sum + r.width, 0);
}

/** Words a line may break after: split at spaces, and between characters of scripts written without them. */
function breakables(text: string): string[] {
  const pieces: string[] = [];
  for (const word of text.split(" ")) {
    let current = "";
    for (const char of word) {
      if (BREAK_ANYWHERE.test(char)) {
        if (current) pieces.push(current);
        pieces.push(char);
        current = "";
      } else current += char;
    }
    if (current) pieces.push(current);
    pieces.push(" ");
  }
  pieces.pop();
  return pieces.filter((p, i) => !(p === " " && (i === 0 || pieces[i - 1] === " ")));
}

/**
 * Wraps text into lines of at most `maxWidth` pixels at `size`. A word wider than a line is cut between
 * characters. Returns every line; the caller decides whether they are too many.
 */
export function wrap(text: string, size: number, weight: 400 | 700, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  const fits = (t: string) => measure(t, size, weight) <= maxWidth;
  for (const piece of breakables(text)) {
    if (piece === " ") {
      if (line) line += " ";
      continue;
    }
    if (fits(line + piece)) {
      line += piece;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = "";
    for (const char of piece) {
      if (line && !fits(line + char)) {
        lines.push(line);
        line = "";
      }
      line += char;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** Cuts text with an ellipsis so it fits on one line; `cut` says text follows it, so the ellipsis is added anyway. */
function ellipsis(text: string, size: number, weight: 400 | 700, maxWidth: number, cut = false): string {
  if (!cut && measure(text, size, weight) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length && measure(`${chars.join("").trimEnd()}…`, size, weight) > maxWidth) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

/**
 * The headline's lines and size: the largest size at which it fits in HEADLINE_LINES lines; at the smallest,
 * what does not fit is cut with an ellipsis at the end of the last line.
 */
export function fitHeadline(headline: string): { size: number; lines: string[] } {
  const text = drawable(headline, 700);
  for (const size of HEADLINE_SIZES) {
    const lines = wrap(text, size, 700, TEXT_WIDTH);
    if (lines.length <= HEADLINE_LINES) return { size, lines };
  }
  const size = HEADLINE_SIZES.at(-1)!;
  const lines = wrap(text, size, 700, TEXT_WIDTH).slice(0, HEADLINE_LINES);
  lines[HEADLINE_LINES - 1] = ellipsis(lines[HEADLINE_LINES - 1]!, size, 700, TEXT_WIDTH, true);
  return { size, lines };
}

/** True when the first letter of a paragraph is from a right-to-left script (Arabic, Hebrew…). */
function rightToLeft(paragraph: string): boolean {
  const strong = [...paragraph].find((c) => RTL.test(c) || LTR.test(c));
  return strong !== undefined && RTL.test(strong);
}

function layoutLine(text: string, size: number, weight: 400 | 700, rtl: boolean): Line {
  const runs = runsOf(text, size, weight);
  return { runs, width: runs.reduce((sum, r) => sum + r.width, 0), rtl };
}

/**
 * SVG `<text>` elements for one line at baseline `y`. Each run of one family is its own element, placed by its
 * measured width, in the face it was measured in. A right-to-left paragraph is set
 * from the right margin, each run anchored at its right end, so shaping that narrows Arabic keeps the margin.
 */
function drawLine(line: Line, y: number, size: number, weight: 400 | 700, fill: string): string {
  let x = line.rtl ? WIDTH - MARGIN : MARGIN;
  return line.runs
    .map((run) => {
      const anchor = line.rtl ? ` text-anchor="end"` : "";
      const element = `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${run.family}" font-weight="${weight}" font-size="${size}" fill="${fill}"${anchor} xml:space="preserve">${xmlText(run.text)}</text>`;
      x += line.rtl ? -run.width : run.width;
      return element;
    })
    .join("");
}

/** The SVG of a card, 1200 × 630: a dark panel, an accent rule, the kicker, the headline fitted, the footer. */
export function cardSvg(card: CardText): string {
  const kicker = ellipsis(drawable(card.kicker, 400), SMALL, 400, TEXT_WIDTH);
  const footer = ellipsis(drawable(card.footer, 400), SMALL, 400, TEXT_WIDTH);
  const { size, lines } = fitHeadline(card.headline);
  const rtl = rightToLeft(card.headline);
  const step = size * LINE_HEIGHT;
  // The headline block is centred in the space between the kicker and the footer.
  const top = 150;
  const bottom = HEIGHT - 120;
  const first = top + (bottom - top - step * lines.length) / 2 + size * 0.95;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="${COLOURS.background}"/>`,
    `<rect x="${MARGIN}" y="${MARGIN}" width="96" height="8" fill="${COLOURS.accent}"/>`,
    drawLine(layoutLine(kicker, SMALL, 400, rightToLeft(kicker)), MARGIN + 58, SMALL, 400, COLOURS.muted),
    ...lines.map((l, i) => drawLine(layoutLine(l, size, 700, rtl), first + i * step, size, 700, COLOURS.text)),
    drawLine(layoutLine(footer, SMALL, 400, rightToLeft(footer)), HEIGHT - MARGIN, SMALL, 400, COLOURS.muted),
    `</svg>`,
  ].join("\n");
}

/** Everything besides the SVG that a card's bytes depend on: sharp and the libraries it draws with, and the fonts, by version. */
const RENDERER = `${Object.entries(sharp.versions).map(([name, version]) => `${name}@${version}`).join(" ")} ${FACES.map((f) => f.package).join(" ")} cards-2`;

/**
 * Points fontconfig, which sharp's SVG renderer (librsvg, Pango) finds fonts through, at the shipped faces alone,
 * once a process, before the first card is drawn: no font of the machine is ever seen, so a card is the same
 * bytes on every machine. Its configuration and font cache go beside the cards, in `cacheDir`/cards/fontconfig/.
 */
let fontsReady = false;
function useShippedFonts(cacheDir: string): void {
  if (fontsReady) return;
  const dir = join(cacheDir, "cards", "fontconfig");
  mkdirSync(dir, { recursive: true });
  const folders = [...new Set(FACES.map((f) => dirname(f.file)))];
  const conf = [
    `<?xml version="1.0"?>`,
    `<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">`,
    `<fontconfig>`,
    ...folders.map((folder) => `  <dir>${xmlText(folder)}</dir>`),
    `  <cachedir>${xmlText(join(dir, "cache"))}</cachedir>`,
    // Never looked at again: the build may remove a test's cache folder while the process goes on.
    `  <config><rescan><int>0</int></rescan></config>`,
    `</fontconfig>`,
    ``,
  ].join("\n");
  const file = join(dir, "fonts.conf");
  keep(file, Buffer.from(conf));
  process.env.FONTCONFIG_FILE = file;
  fontsReady = true;
}

/** Draws an SVG to PNG with sharp, in the shipped fonts only (set up in `cacheDir` the first time). */
export async function drawSvg(svg: string, cacheDir: string): Promise<Buffer> {
  useShippedFonts(cacheDir);
  return sharp(Buffer.from(svg)).png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
}

/** A card's SVG and the file the card cache keeps its PNG in (`cacheDir`/cards, absolute), named by the SVG, the renderer and the fonts. */
function cached(card: CardText, cacheDir: string): { svg: string; file: string } {
  const svg = cardSvg(card);
  const key = createHash("sha256").update(RENDERER).update("\0").update(svg).digest("hex").slice(0, 32);
  return { svg, file: join(cacheDir, "cards", `${key}.png`) };
}

/** Writes a card, or fontconfig's configuration, by temporary file and rename: a reader never sees part of one. */
function keep(file: string, bytes: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
}

/**
 * The PNG of a card, from the card cache, where `drawCards` put it. The bytes depend only on the words, never on
 * the machine or its time zone.
 */
export function cardPng(card: CardText, cacheDir: string): Buffer {
  const { file } = cached(card, cacheDir);
  if (!existsSync(file)) throw new Error(`The social card for "${card.headline}" was read before it was drawn: drawCards draws every card first.`);
  return readFileSync(file);
}

// sharp draws in libuv's thread pool (four threads unless UV_THREADPOOL_SIZE says otherwise): this many cards at
// once keep both cores of a small machine busy (9.7 ms a card on two cores, against 12.9 ms with two at once).
const DRAWN_AT_ONCE = 4;

/**
 * Draws into the card cache every card it lacks, several at once: a build of 10,000 articles has 10,000 cards to
 * draw the first time. `cardPng` then reads them back.
 */
export async function drawCards(cards: readonly CardText[], cacheDir: string): Promise<void> {
  // Each card's SVG is made as it is drawn, not all first: at 100,000 articles they would hold 200 MB.
  const seen = new Set<string>();
  let next = 0;
  const drawNext = async (): Promise<void> => {
    while (next < cards.length) {
      const { svg, file } = cached(cards[next++]!, cacheDir);
      if (seen.has(file) || existsSync(file)) continue;
      seen.add(file);
      keep(file, await drawSvg(svg, cacheDir));
    }
  };
  await Promise.all(Array.from({ length: DRAWN_AT_ONCE }, drawNext));
}
