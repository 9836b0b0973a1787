/**
 * Limits that no real archive reaches, so that a mistaken or hostile file is reported as a problem instead of
 * hanging the build or exhausting the machine's memory. docs/editing.md lists them under "Limits", and
 * tests/build/editing-guide.test.ts keeps the two in step.
 */
export const LIMITS = {
  /**
   * Bytes in site.yaml, topics.yaml, people.yaml or authors.yaml, and in the publisher's logo. The shipped
   * people.yaml holds 51 people in 20 KB; 4 MB holds about 10,000 people written the same way.
   */
  registryBytes: 4_000_000,
  /**
   * Bytes in one article (front-matter and body) or one wire-copy file. The longest shipped article is 3 KB;
   * 1 MB is about 150,000 words, a book. Rendering takes about 60 bytes of memory a byte of Markdown.
   */
  articleBytes: 1_000_000,
  /** People in one article's `people:` (the shipped archive has at most 9), and authors in its `authors:`. */
  peoplePerArticle: 100,
  /** Characters in a slug or a topic or person id: each is a folder name in every address under it. */
  slugLength: 80,
  /**
   * Levels of Markdown nesting: quotes in quotes, lists in lists, emphasis in emphasis. Deeper markers are shown
   * as written, so a page's HTML stays shallow enough for browsers and the validator.
   */
  markdownNesting: 50,
  /** Values that YAML aliases (`*name`) may repeat in one file; a "billion laughs" file would repeat billions. */
  yamlAliases: 100,
  /**
   * Bytes in one photo. A 100-megapixel JPEG (the most pixels a photo may have, see src/media/images.ts) is about
   * 40 MB; the site publishes copies at most 1,600 pixels wide.
   */
  imageBytes: 100_000_000,
} as const;
