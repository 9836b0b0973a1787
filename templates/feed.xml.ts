import { atomFeed } from "../src/site/feeds.ts";
import type { PageData } from "./_includes/layout.ts";


export function render(d: PageData): string {
  return atomFeed(d.archive, d.archive.articles, { title: d.archive.site.title, selfPath: "/feed.xml", pagePath: "/" });
}
