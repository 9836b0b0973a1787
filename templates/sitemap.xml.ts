import { sitemap } from "../src/site/sitemap.ts";
import type { PageData } from "./_includes/layout.ts";


export function render(d: PageData): string {
  return sitemap(d.archive);
}
