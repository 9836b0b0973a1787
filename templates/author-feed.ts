import { atomFeed } from "../src/site/feeds.ts";
import type { AuthorPage } from "../src/types.ts";
import type { PageData } from "./_includes/layout.ts";

type Data = PageData & { author: AuthorPage };


export function render(d: Data): string {
  const a = d.author;
  // The feed takes articles oldest first, as every other list holds them; an author's page lists them newest first.
  return atomFeed(d.archive, [...a.articles].reverse(), { title: `${a.name} · ${d.archive.site.title}`, selfPath: `${a.path}feed.xml`, pagePath: a.path });
}
