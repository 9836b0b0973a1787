import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pageHash, validatorIdentity } from "../../../src/site/checks.ts";
import { readValidationCache, validationCacheFile, writeValidationCache } from "../../../src/site/validation-cache.ts";

const validator = validatorIdentity();
const a = pageHash(Buffer.from("<p>a</p>"));
const b = pageHash(Buffer.from("<p>b</p>"));
const fresh = () => validationCacheFile(mkdtempSync(join(tmpdir(), "casefile-cache-")));

describe("the validation cache", () => {
  it("names html-validate's version and its configuration", () => {
    expect(validator).toMatch(/^html-validate \d+\.\d+\.\d+; config [0-9a-f]{16}$/);
    expect(validatorIdentity()).toBe(validator);
  });

  it("lives in .cache/casefile/ of the working directory", () => {
    expect(validationCacheFile("/p")).toBe("/p/.cache/casefile/validated-pages");
  });

  it("reads back what was written, and a write replaces the old list instead of adding to it", () => {
    const file = fresh();
    writeValidationCache(file, validator, [a, b, a]);
    expect(readValidationCache(file, validator)).toEqual(new Set([a, b]));
    writeValidationCache(file, validator, [b]);
    expect(readValidationCache(file, validator)).toEqual(new Set([b]));
    expect(readFileSync(file, "utf8").split("\n").length).toBe(3);
    expect(readdirSync(join(file, ".."))).toEqual(["validated-pages"]);
  });

  it("clears a temporary file that a killed build left", () => {
    const file = fresh();
    writeValidationCache(file, validator, [a]);
    writeFileSync(`${file}.tmp-99999999`, "half a list");
    writeValidationCache(file, validator, [b]);
    expect(readdirSync(join(file, ".."))).toEqual(["validated-pages"]);
  });

  it("is empty when missing, written by another validator or configuration, truncated or corrupt", () => {
    const file = fresh();
    expect(readValidationCache(file, validator)).toEqual(new Set());
    writeValidationCache(file, validator, [a, b]);
    const good = readFileSync(file, "utf8");
    expect(readValidationCache(file, validator.replace(/html-validate [^;]+/, "html-validate 0.0.1"))).toEqual(new Set());
    expect(readValidationCache(file, validator.replace(/config \w+/, "config 0000000000000000"))).toEqual(new Set());
    for (const bad of [good.slice(0, -5), good.replace(a, "not a hash"), `${good}\n`, "", "\u0000\u0001binary", good.replace(/\n/g, "\r\n")]) {
      writeFileSync(file, bad);
      expect(readValidationCache(file, validator), JSON.stringify(bad)).toEqual(new Set());
    }
  });
});
