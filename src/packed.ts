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
    const deflated = deflateRawSync(text, { level: 1 });
    // Copied into memory of its own size: zlib's result is a view into a 16 KB output chunk, which it would keep
    // whole, and a copy from Node's shared pool would keep the 8 KB slab it shares with zlib's passing allocations.
    const bytes = Buffer.allocUnsafeSlow(deflated.length);
    deflated.copy(bytes);
    return new PackedText(bytes);
  }

  /** Bytes that `bytes` of a `PackedText` gave (the parse cache's). */
  static fromBytes(bytes: Buffer): PackedText {
    return new PackedText(bytes);
  }

  toString(): string {
    return inflateRawSync(this.bytes).toString();
  }

  equals(other: PackedText): boolean {
    return this.bytes.equals(other.bytes);
  }
}
