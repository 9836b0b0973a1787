import { searchNamesJson } from "../src/site/search-names.ts";
import type { PageData } from "./_includes/layout.ts";

export function render(d: PageData): string {
  return searchNamesJson(d.archive);
}
