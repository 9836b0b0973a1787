import { robotsTxt } from "../src/site/sitemap.ts";
import type { PageData } from "./_includes/layout.ts";


export function render(d: PageData): string {
  return robotsTxt(d.archive);
}
