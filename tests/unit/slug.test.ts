import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/limits.ts";
import { shortSlug, SLUG_PATTERN, slugFault, slugFromFileName, slugify } from "../../src/slug.ts";

describe("slugs", () => {
  it("folds accents and punctuation into lowercase ASCII words", () => {
    expect(slugify("Lenín Moreno: “asylum” revoked!")).toBe("lenin-moreno-asylum-revoked");
    expect(slugify("  --Ça va--  ")).toBe("ca-va");
  });

  it("is empty, never invented, when nothing usable is left", () => {
    expect(slugify("!!! ???")).toBe("");
    expect(slugify("日本語")).toBe("");
  });

  it("takes the file name without its date prefix", () => {
    expect(slugFromFileName("2020-12-11-peoples-assembly.md")).toBe("peoples-assembly");
    expect(slugFromFileName("Hearing.MD")).toBe("hearing");
    expect(slugFromFileName("2020-01-01-.md")).toBe("");
  });

  it("only lets through slugs that stay inside their folder", () => {
    for (const bad of ["../etc", "a/b", "a--b", "-a", "A", "a.b", "%2e%2e", ""]) expect(SLUG_PATTERN.test(bad), bad).toBe(false);
    expect(SLUG_PATTERN.test("plea-hearing-2")).toBe(true);
  });

  it("refuses a slug or id longer than the limit, which would make a folder name too long to write", () => {
    expect(LIMITS.slugLength).toBe(80);
    expect(slugFault("a".repeat(80))).toBeUndefined();
    expect(slugFault("a".repeat(81))).toBe("too long");
    expect(slugFault("a".repeat(300))).toBe("too long");
    expect(slugFault("../etc")).toBe("invalid");
  });

  it("cuts a long slug at a word, or at the limit when the first word is longer", () => {
    const long = slugify(`The court ${"heard the appeal again ".repeat(20)}`);
    const cut = shortSlug(long);
    expect(cut.length).toBeLessThanOrEqual(80);
    expect(long.startsWith(`${cut}-`)).toBe(true);
    expect(SLUG_PATTERN.test(cut)).toBe(true);
    expect(shortSlug("x".repeat(10_000))).toBe("x".repeat(80));
    expect(shortSlug("short-title")).toBe("short-title");
  });
});
