import { describe, expect, it } from "vitest";
import { SLUG_PATTERN, slugFromFileName, slugify } from "../../src/slug.ts";

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
});
