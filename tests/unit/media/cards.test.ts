import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { cardPng, cardSvg, drawCards, drawSvg, fitHeadline, measure, TEXT_WIDTH, type CardText } from "../../../src/media/cards.ts";

const card = (headline: string) => ({ kicker: "Julian Assange and WikiLeaks, 2006–2024", headline, footer: "20 May 2024 · Appeals" });
/** Every `<text>` of an SVG: its font family and its text. */
const texts = (svg: string) => [...svg.matchAll(/<text [^>]*font-family="([^"]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => [m[1], m[2]]);

describe("a social card's headline", () => {
  it("is set large on one or two lines when short", () => {
    const fitted = fitHeadline("Assange arrested at the Ecuadorian embassy");
    expect(fitted.size).toBe(76);
    expect(fitted.lines.length).toBeLessThanOrEqual(2);
  });

  it("wraps and shrinks to fit four lines, and ends with an ellipsis when even the smallest size is not enough", () => {
    const medium = fitHeadline("High Court grants permission to appeal on whether the United States' assurances about the death penalty and free speech are adequate");
    expect(medium.size).toBeLessThan(76);
    expect(medium.lines.length).toBeLessThanOrEqual(4);
    expect(medium.lines.join(" ")).toBe("High Court grants permission to appeal on whether the United States' assurances about the death penalty and free speech are adequate");
    const long = fitHeadline("A very long headline that goes on ".repeat(12));
    expect(long.size).toBe(40);
    expect(long.lines).toHaveLength(4);
    expect(long.lines[3]!.endsWith("…")).toBe(true);
    for (const fitted of [medium, long]) for (const line of fitted.lines) expect(measure(line, fitted.size, 700)).toBeLessThanOrEqual(TEXT_WIDTH);
  });

  it("breaks a word wider than the card, and CJK text between characters", () => {
    const word = fitHeadline("Supercalifragilisticexpialidocious".repeat(3));
    for (const line of word.lines) expect(measure(line, word.size, 700)).toBeLessThanOrEqual(TEXT_WIDTH);
    const chinese = fitHeadline("阿桑奇在塞班岛认罪后获释返回澳大利亚，结束了长达十四年的法律斗争和引渡程序");
    expect(chinese.lines.length).toBeGreaterThan(1);
    expect(chinese.lines.join("")).toBe("阿桑奇在塞班岛认罪后获释返回澳大利亚，结束了长达十四年的法律斗争和引渡程序");
  });
});

describe("a social card's text", () => {
  it("sets Latin and Cyrillic in Noto Sans, Arabic and Chinese in their own shipped faces, and leaves out what no font has", () => {
    const svg = cardSvg({ kicker: "Дело Ассанжа", headline: "Суд: مرحبا and 你好 😀", footer: "1 января 2020" });
    expect(texts(svg)).toEqual([
      ["Noto Sans", "Дело Ассанжа"],
      ["Noto Sans", "Суд: "],
      ["Noto Sans Arabic", "مرحبا "],
      ["Noto Sans", "and "],
      ["Noto Sans SC", "你好"],
      ["Noto Sans", "1 января 2020"],
    ]);
    expect(svg).not.toContain("😀");
  });

  it("escapes what it quotes", () => {
    expect(texts(cardSvg(card('<script>&"quoted"</script>')))[1]).toEqual(["Noto Sans", "&lt;script&gt;&amp;&quot;quoted&quot;&lt;/script&gt;"]);
  });
});

describe("a social card's PNG", () => {
  const cacheDir = () => mkdtempSync(join(tmpdir(), "casefile-cards-"));
  const drawn = async (text: CardText, cache = cacheDir()) => {
    await drawCards([text], cache);
    return cardPng(text, cache);
  };

  it("is 1200 × 630, drawn to the same bytes every time, and read back from the card cache", async () => {
    const first = await drawn(card("Assange arrested at the Ecuadorian embassy"));
    const again = await drawn(card("Assange arrested at the Ecuadorian embassy"));
    expect(again.equals(first)).toBe(true);
    const m = await sharp(first).metadata();
    expect([m.format, m.width, m.height]).toEqual(["png", 1200, 630]);
    const other = await drawn(card("Assange released"));
    expect(other.equals(first)).toBe(false);
  });

  it("is drawn to the same bytes when many cards are drawn at once as when it is drawn alone", async () => {
    const cache = cacheDir();
    const many = Array.from({ length: 50 }, (_, i) => card(`Hearing ${i} on the extradition request`));
    await drawCards(many, cache);
    expect(readdirSync(join(cache, "cards")).filter((f) => f.endsWith(".png"))).toHaveLength(50);
    for (const i of [0, 49]) expect(cardPng(many[i]!, cache).equals(await drawn(many[i]!)), String(i)).toBe(true);
  });

  it("draws Latin, Arabic and Chinese words in ink on the dark panel", async () => {
    const { data, info } = await sharp(await drawn({ kicker: "قضية أسانج", headline: "你好 Assange", footer: "1 January 2020" })).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    // The brightest pixel of a band of rows: the panel is #1c1c1c, the words white or near it.
    const brightest = (top: number, bottom: number) => {
      let max = 0;
      for (let i = top * info.width * info.channels; i < bottom * info.width * info.channels; i++) max = Math.max(max, data[i]!);
      return max;
    };
    expect(brightest(95, 135)).toBeGreaterThan(200); // the kicker, in Arabic
    expect(brightest(200, 430)).toBeGreaterThan(240); // the headline
    expect(brightest(0, 60)).toBe(0x1c); // above the accent rule: nothing
  });

  it("never uses a font of the machine: a family the card does not ship is drawn in Noto Sans", async () => {
    const svg = (family: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"><text x="10" y="60" font-family="${family}" font-size="40">Assange</text></svg>`;
    const cache = cacheDir();
    expect((await drawSvg(svg("DejaVu Sans"), cache)).equals(await drawSvg(svg("Noto Sans"), cache))).toBe(true);
    expect((await drawSvg(svg("serif"), cache)).equals(await drawSvg(svg("Noto Sans"), cache))).toBe(true);
  });

  it("cannot be read before it is drawn", () => {
    expect(() => cardPng(card("Never drawn"), cacheDir())).toThrow(/read before it was drawn/);
  });
});
