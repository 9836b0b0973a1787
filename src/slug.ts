/** What a slug or an id may look like: lowercase ASCII words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
