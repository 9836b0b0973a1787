import { html } from "../src/html.ts";
import { collectionPage } from "../src/site/jsonld.ts";
import { cardShare, topicCard } from "../src/site/share.ts";
import type { Listing, TopicPage } from "../src/types.ts";
import { layout, type PageData } from "./_includes/layout.ts";
import { articleList, partNav } from "./_includes/parts.ts";

type Data = PageData & { listing: Listing<TopicPage> };


export function render(d: Data): string {
  const { of: t, part } = d.listing;
  const body = html`<p class="kicker"><a href="${d.archive.site.basePath}topics/">Topics</a></p>
<h1>${t.name}</h1>
<p class="lede">${t.description}</p>
<p class="feed-link"><a href="${t.url}feed.xml">Follow this topic by feed</a></p>
${partNav(part)}
${articleList(part.articles)}
${partNav(part)}`;
  const title = part.number > 1 ? `${t.name} (page ${part.number})` : t.name;
  const description = t.description || `Articles on ${t.name}.`;
  return layout(d, {
    title,
    description,
    section: "topics",
    body,
    jsonLd: [collectionPage(d.archive, { name: title, description, path: d.listing.path, articles: part.articles })],
    feeds: [{ title: `${t.name} · ${d.archive.site.title}`, path: `topics/${t.id}/feed.xml` }],
    share: cardShare(t.path, topicCard(d.archive, t)),
  });
}
