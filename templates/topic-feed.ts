import { atomFeed } from "../src/site/feeds.ts";
import type { TopicPage } from "../src/types.ts";
import type { PageData } from "./_includes/layout.ts";

type Data = PageData & { topic: TopicPage };


export function render(d: Data): string {
  const t = d.topic;
  return atomFeed(d.archive, t.articles, { title: `${t.name} · ${d.archive.site.title}`, selfPath: `${t.path}feed.xml`, pagePath: t.path });
}
