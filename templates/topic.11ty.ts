import { html } from "../src/html.ts";
import type { TopicPage } from "../src/types.ts";
import { layout, onePagePer, type PageData } from "./_includes/layout.ts";
import { articleList } from "./_includes/parts.ts";

type Data = PageData & { topic: TopicPage };

export const data = onePagePer("archive.topics", "topic");

export function render(d: Data): string {
  const t = d.topic;
  const body = html`<p class="kicker"><a href="${d.archive.site.basePath}topics/">Topics</a></p>
<h1>${t.name}</h1>
<p class="lede">${t.description}</p>
<p class="feed-link"><a href="${t.url}feed.xml">Follow this topic by feed</a></p>
${articleList(t.articles)}`;
  return layout(d, {
    title: t.name,
    description: t.description || `Articles on ${t.name}.`,
    section: "topics",
    body,
    feeds: [{ title: `${t.name} · ${d.archive.site.title}`, path: `topics/${t.id}/feed.xml` }],
  });
}
