import { readFileSync } from "node:fs";
import { join } from "node:path";
import { replaceFile } from "../files.ts";

/**
 * The validation cache: the hashes (`pageHash` in checks.ts) of the pages of the last published build, every
 * one of which passed html-validate. A page of the next build with the same bytes, checked by the same
 * validator, is not validated again. The file is text: a header naming the format and the validator
 * (`validatorIdentity`), then one 32-digit hex hash a line, sorted. Anything else reads as an empty cache.
 */

const FORMAT = "casefile validated-pages 1";
const HASH = /^[0-9a-f]{32}$/;

/** Where a build run in `cwd` keeps its cache, beside `.cache/external-links.txt`. */
export function validationCacheFile(cwd: string): string {
  return join(cwd, ".cache/casefile/validated-pages");
}

function header(validator: string): string {
  return `${FORMAT}; ${validator}`;
}

/**
 * The hashes of pages that passed `validator` in the last published build. A missing, unreadable, truncated or
 * corrupt file, or one written under another validator version or configuration, is an empty cache.
 */
export function readValidationCache(file: string, validator: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, "latin1");
  } catch {
    return new Set();
  }
  const lines = text.split("\n");
  // Every line ends in a newline, so a whole file splits into the lines and one empty string.
  if (lines[0] !== header(validator) || lines.pop() !== "") return new Set();
  const hashes = lines.slice(1);
  return hashes.every((hash) => HASH.test(hash)) ? new Set(hashes) : new Set();
}

/**
 * Replaces the cache with exactly `hashes` (the pages of the build just published), by writing a temporary
 * file and renaming it, so a reader sees the old cache or the new one, never part of one.
 */
export function writeValidationCache(file: string, validator: string, hashes: Iterable<string>): void {
  const lines = [header(validator), ...[...new Set(hashes)].sort()];
  replaceFile(file, lines.map((line) => `${line}\n`).join(""));
}
