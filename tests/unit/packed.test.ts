import { describe, expect, it } from "vitest";
import { PackedText } from "../../src/packed.ts";

const BODY = `<p>Assange’s lawyers said the ruling “changes nothing” — the appeal goes on. 🇬🇧</p>\n`.repeat(40);

describe("a body kept deflated", () => {
  it("gives back exactly the text it was made from, curly quotes, dashes and emoji included", () => {
    expect(PackedText.pack(BODY).toString()).toBe(BODY);
    expect(PackedText.pack(Buffer.from(BODY)).toString()).toBe(BODY);
    expect(PackedText.fromBytes(PackedText.pack(BODY).bytes).toString()).toBe(BODY);
    expect(PackedText.pack("").toString()).toBe("");
  });

  it("takes less room than the text, and holds only its own bytes, not the 16 KB piece zlib wrote them into", () => {
    expect(PackedText.pack(BODY).bytes.length).toBeLessThan(Buffer.byteLength(BODY) / 4);
    // What 200 bodies keep in memory: the buffers their bytes lie in, each counted once.
    const packed = Array.from({ length: 200 }, (_, i) => PackedText.pack(`${BODY}${i}`));
    const own = packed.reduce((sum, p) => sum + p.bytes.length, 0);
    const held = [...new Set(packed.map((p) => p.bytes.buffer))].reduce((sum, buffer) => sum + buffer.byteLength, 0);
    expect(held).toBe(own);
  });

  it("is equal to another packing of the same text and to no packing of another", () => {
    expect(PackedText.pack(BODY).equals(PackedText.pack(BODY))).toBe(true);
    expect(PackedText.pack(BODY).equals(PackedText.pack(`${BODY} `))).toBe(false);
  });
});
