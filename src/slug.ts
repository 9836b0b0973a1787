import { LIMITS } from "./limits.ts";

/** What a slug or an id may look like: lowercase ASCII words joined by single hyphens (and at most `LIMITS.slugLength` of them). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why `text` cannot be a slug or an id ("is not valid", "is too long"), or undefined when it can. */
export function slugFault(text: string): "invalid" | "too long" | undefined {
  if (!SLUG_PATTERN.test(text)) return "invalid";
  return text.length > LIMITS.slugLength ? "too long" : undefined;
}

/**
 * A slug cut to at most `LIMITS.slugLength` characters at a hyphen, so it ends on a whole word ("a-very-long-title"
 * → "a-very-long"); a first word longer than that is cut where the limit falls.
 */
export function shortSlug(slug: string): string {
  const max = LIMITS.slugLength;
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const hyphen = cut.lastIndexOf("-");
  return (hyphen > 0 ? cut.slice(0, hyphen) : slug.slice(0, max)).replace(/-+$/, "");
}

/**
 * The one slug function: folds accents, lowercases, joins ASCII words with hyphens.
 * Stable for the same input; returns "" when nothing usable is left (callers report that).
 */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The default slug of an article file: its name without ".md" and without a leading "YYYY-MM-DD-". */
export function slugFromFileName(fileName: string): string {
  const base = fileName.replace(/\.md$/i, "").replace(/^\d{4}-\d{2}-\d{2}-?/, "");
  return slugify(base);
}
