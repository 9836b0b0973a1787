import { SEARCH_NAMES_PATH, searchNamesJson } from "../src/site/search-names.ts";
import type { PageData } from "./_includes/layout.ts";

export const data = { permalink: `/${SEARCH_NAMES_PATH}`, eleventyExcludeFromCollections: true };

export function render(d: PageData): string {
  return searchNamesJson(d.archive);
}
