import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** One TrueType file the cards are drawn with: shipped in an npm package, never a font of the machine. */
export interface FontFace {
  family: string;
  weight: 400 | 700;
  /** Absolute path of the .ttf file. */
  file: string;
  /** Name and version of the npm package it comes from: part of every card's cache key. */
  package: string;
}

const face = (pkg: string, family: string, weight: 400 | 700, prefix: string): FontFace => {
  const dir = packageDir(pkg);
  const version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  const style = weight === 400 ? "400Regular" : "700Bold";
  return { family, weight, file: join(dir, style, `${prefix}_${style}.ttf`), package: `${pkg}@${version}` };
};

/**
 * The faces, in the order a character looks for one that has it: Noto Sans (Latin, Greek, Cyrillic), then
 * Noto Sans Arabic, then Noto Sans SC (Chinese, Japanese kana, Korean Hangul). A character none of them has is
 * left out of the card rather than drawn as a box.
 */
export const FAMILIES = ["Noto Sans", "Noto Sans Arabic", "Noto Sans SC"] as const;
export type Family = (typeof FAMILIES)[number];

export const FACES: readonly FontFace[] = [
  face("@expo-google-fonts/noto-sans", "Noto Sans", 400, "NotoSans"),
  face("@expo-google-fonts/noto-sans", "Noto Sans", 700, "NotoSans"),
  face("@expo-google-fonts/noto-sans-arabic", "Noto Sans Arabic", 400, "NotoSansArabic"),
  face("@expo-google-fonts/noto-sans-arabic", "Noto Sans Arabic", 700, "NotoSansArabic"),
  face("@expo-google-fonts/noto-sans-sc", "Noto Sans SC", 400, "NotoSansSC"),
  face("@expo-google-fonts/noto-sans-sc", "Noto Sans SC", 700, "NotoSansSC"),
];

/**
 * The advance widths of one TrueType font, read from its own tables (head, hhea, hmtx, cmap formats 4 and 12), so
 * text is measured exactly as the font sets it, before shaping and kerning. Widths are in ems.
 */
export class FontMetrics {
  private readonly data: DataView;
  private readonly unitsPerEm: number;
  private readonly metricsCount: number;
  private readonly hmtx: number;
  private readonly cmap: { format: 4 | 12; offset: number };
  private readonly widths = new Map<number, number>();

  constructor(bytes: Uint8Array) {
    this.data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const tables = new Map<string, number>();
    const count = this.data.getUint16(4);
    for (let i = 0; i < count; i++) {
      const at = 12 + i * 16;
      tables.set(String.fromCharCode(...bytes.subarray(at, at + 4)), this.data.getUint32(at + 8));
    }
    const table = (tag: string) => {
      const offset = tables.get(tag);
      if (offset === undefined) throw new Error(`the font has no ${tag} table`);
      return offset;
    };
    this.unitsPerEm = this.data.getUint16(table("head") + 18);
    this.metricsCount = this.data.getUint16(table("hhea") + 34);
    this.hmtx = table("hmtx");
    this.cmap = this.unicodeCmap(table("cmap"));
  }

  /** The font's glyph for a code point; 0 (the missing glyph) when it has none. */
  glyph(codePoint: number): number {
    const d = this.data;
    const { format, offset } = this.cmap;
    if (format === 12) {
      let lo = 0;
      let hi = d.getUint32(offset + 12) - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = offset + 16 + mid * 12;
        if (codePoint < d.getUint32(at)) hi = mid - 1;
        else if (codePoint > d.getUint32(at + 4)) lo = mid + 1;
        else return d.getUint32(at + 8) + codePoint - d.getUint32(at);
      }
      return 0;
    }
    if (codePoint > 0xffff) return 0;
    const segments = d.getUint16(offset + 6) / 2;
    const ends = offset + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const ranges = deltas + segments * 2;
    for (let i = 0; i < segments; i++) {
      if (codePoint > d.getUint16(ends + i * 2)) continue;
      const start = d.getUint16(starts + i * 2);
      if (codePoint < start) return 0;
      const delta = d.getInt16(deltas + i * 2);
      const range = d.getUint16(ranges + i * 2);
      if (range === 0) return (codePoint + delta) & 0xffff;
      const glyph = d.getUint16(ranges + i * 2 + range + (codePoint - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  }

  /** True when the font has a glyph for the code point. */
  has(codePoint: number): boolean {
    return this.glyph(codePoint) !== 0;
  }

  /** The advance width of a code point's glyph, in ems. */
  advance(codePoint: number): number {
    let width = this.widths.get(codePoint);
    if (width === undefined) {
      const glyph = this.glyph(codePoint);
      const index = Math.min(glyph, this.metricsCount - 1);
      width = this.data.getUint16(this.hmtx + index * 4) / this.unitsPerEm;
      this.widths.set(codePoint, width);
    }
    return width;
  }

  private unicodeCmap(cmap: number): { format: 4 | 12; offset: number } {
    const d = this.data;
    let format4: number | undefined;
    for (let i = 0; i < d.getUint16(cmap + 2); i++) {
      const platform = d.getUint16(cmap + 4 + i * 8);
      const encoding = d.getUint16(cmap + 6 + i * 8);
      const offset = cmap + d.getUint32(cmap + 8 + i * 8);
      const format = d.getUint16(offset);
      if (format === 12 && (platform === 0 || (platform === 3 && encoding === 10))) return { format: 12, offset };
      if (format === 4 && (platform === 0 || (platform === 3 && encoding === 1))) format4 ??= offset;
    }
    if (format4 === undefined) throw new Error("the font has no Unicode character map");
    return { format: 4, offset: format4 };
  }
}

const loaded = new Map<string, FontMetrics>();

/** The metrics of a family at a weight, read from its file once per process (Noto Sans SC is 10 MB: only when needed). */
export function metricsOf(family: Family, weight: 400 | 700): FontMetrics {
  const f = faceOf(family, weight);
  let metrics = loaded.get(f.file);
  if (!metrics) {
    metrics = new FontMetrics(readFileSync(f.file));
    loaded.set(f.file, metrics);
  }
  return metrics;
}

export function faceOf(family: Family, weight: 400 | 700): FontFace {
  return FACES.find((f) => f.family === family && f.weight === weight)!;
}

// Scripts a family other than Noto Sans is tried for first, so the 10 MB SC font is only read for text that needs it.
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
const CJK = /[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u{20000}-\u{3134f}]/u;

/** The first family, in FAMILIES order, with a glyph for `char`; undefined when no shipped font has one. */
export function familyFor(char: string, weight: 400 | 700): Family | undefined {
  const cp = char.codePointAt(0)!;
  if (!ARABIC.test(char) && !CJK.test(char) && metricsOf("Noto Sans", weight).has(cp)) return "Noto Sans";
  for (const family of FAMILIES) if (metricsOf(family, weight).has(cp)) return family;
  return undefined;
}
