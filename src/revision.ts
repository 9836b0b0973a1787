/**
 * How many times the loader has changed an article in place: the preview applies an edit to the article object it
 * already has (`loadArchive`'s `changed`) and counts it here, so the route table finds the edited articles of a
 * kept archive by comparing one number an article, not every field of 10,000 articles (docs/performance.md,
 * "Preview: no Eleventy run for nothing"). The count is a property under a registered symbol, neither listed
 * nor serialised, so every copy of this module reads the same one (under a test runner, Eleventy loads the route
 * table with its own loader).
 */
const REVISION = Symbol.for("casefile.revision");

export function revisionOf(article: object): number {
  return (article as { [REVISION]?: number })[REVISION] ?? 0;
}

/** Counts one more change of `article` in place. */
export function markRevised(article: object): void {
  Object.defineProperty(article, REVISION, { value: revisionOf(article) + 1, configurable: true, enumerable: false, writable: false });
}
