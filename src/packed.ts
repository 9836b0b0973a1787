import { deflateRawSync, inflateRawSync } from "node:zlib";

/**
 * Text kept deflated and decoded where it is shown: `toString()` gives it back. Article bodies are the largest
 * thing an archive holds for a whole build, about 4.6 KB of UTF-8 each; deflated they take about 1.9 KB, which at
 * 100,000 articles is over 300 MB less memory (docs/performance.md, "Bodies deflated"). Level 1: packing a body
 * takes about 50 µs and unpacking 20 µs, and higher levels save almost nothing more on text this short.
 * Equal texts pack to equal bytes under one zlib, so the bytes stand for the text in keys and comparisons.
 */
export class PackedText {
  private constructor(
    /** The text as raw deflate of its UTF-8: stored as it is in the parse cache. */
    readonly bytes: Buffer,
  ) {}

  static pack(text: string | Uint8Array): PackedText {
    return PackedText.fromBytes(deflateRawSync(text, { level: 1 }));
  }

  /**
   * Bytes that `bytes` of a `PackedText` gave (the parse cache's), copied into memory of their own size: zlib's
   * result is a view into a 16 KB output chunk, `deserialize`'s a view into the piece of a file read, and a copy
   * from Node's shared pool would keep the 8 KB slab it shares with other passing allocations.
   */
  static fromBytes(bytes: Uint8Array): PackedText {
    const own = Buffer.allocUnsafeSlow(bytes.length);
    own.set(bytes);
    return new PackedText(own);
  }

  toString(): string {
    return inflateRawSync(this.bytes).toString();
  }

  equals(other: PackedText): boolean {
    return this.bytes.equals(other.bytes);
  }
}
